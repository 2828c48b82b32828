"""The Procfile's web process listens where only the proxy can reach it."""

import os
import subprocess
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]


def web_command(**env: str) -> str:
    """The Procfile's web line as the shell expands it (honcho runs it through sh)."""
    line = next(
        line for line in (ROOT / "Procfile").read_text().splitlines() if line.startswith("web:")
    )
    environment = {k: v for k, v in os.environ.items() if k not in ("BIND", "PORT")}
    result = subprocess.run(
        ["sh", "-c", f"echo {line.removeprefix('web:').strip()}"],
        env={**environment, **env},
        capture_output=True,
        text=True,
        check=True,
    )
    return result.stdout


def test_gunicorn_binds_to_loopback_by_default():
    assert "--bind 127.0.0.1:8000 " in web_command()
    assert "--bind 127.0.0.1:9000 " in web_command(PORT="9000")


def test_bind_chooses_another_address_on_purpose():
    assert "--bind 0.0.0.0:8000 " in web_command(BIND="0.0.0.0:8000")
