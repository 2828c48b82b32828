"""`make lighthouse`: Lighthouse scores of the home page and a news post, served
by gunicorn under production settings on loopback, with the demo content.

Targets (SPEC section 7): performance, best practices and SEO at least 0.95,
accessibility 1.0. Prints a table, writes var/lighthouse/latest.json, and
exits 1 when a target is missed.
"""

import json
import os
import subprocess
import sys
import tempfile
import time
import urllib.request
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
PORT = 8123
ORIGIN = f"http://127.0.0.1:{PORT}"
PAGES = {
    "home": "/lv/",
    "news post": "/lv/jaunumi/cesu-gimenu-stiprinasanas-projekta-gada-parskats/",
}
TARGETS = {"performance": 0.95, "accessibility": 1.0, "best-practices": 0.95, "seo": 0.95}
LIGHTHOUSE = ROOT / "var" / "lighthouse" / "node_modules" / ".bin" / "lighthouse"


def main() -> int:
    work = Path(tempfile.mkdtemp(prefix="lighthouse-"))
    env = {
        **os.environ,
        "DJANGO_SETTINGS_MODULE": "website.settings.production",
        "SECRET_KEY": "lighthouse-run-only-" + os.urandom(24).hex(),
        "ALLOWED_HOSTS": "127.0.0.1",
        "VAR_DIR": str(work),
        "SITE_URL": ORIGIN,
        "SECURE_SSL_REDIRECT": "0",  # plain HTTP on loopback; a proxy does TLS in production
        "SERVE_MEDIA": "1",
        "DATABASE_URL": "",
        "CELERY_BROKER_URL": "",
    }
    python = str(ROOT / ".venv" / "bin" / "python")
    for args in (
        ["migrate", "--noinput", "-v", "0"],
        ["load_demo_content"],
        ["collectstatic", "--noinput", "-v", "0"],
    ):
        subprocess.run(
            [python, "manage.py", *args], cwd=ROOT, env=env, check=True, stdout=subprocess.DEVNULL
        )
    server = subprocess.Popen(
        [
            str(ROOT / ".venv" / "bin" / "gunicorn"),
            "website.wsgi",
            "-b",
            f"127.0.0.1:{PORT}",
            "-w",
            "2",
        ],
        cwd=ROOT,
        env=env,
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
    )
    try:
        for _ in range(100):
            try:
                urllib.request.urlopen(ORIGIN + "/lv/", timeout=2)
                break
            except OSError:
                time.sleep(0.2)
        # Renditions are made on a page's first view, once; the visitor Lighthouse
        # plays is not the first one.
        for path in PAGES.values():
            urllib.request.urlopen(ORIGIN + path, timeout=60).read()
        scores = {name: run_lighthouse(ORIGIN + path, work) for name, path in PAGES.items()}
    finally:
        server.terminate()
        server.wait(timeout=20)

    out = ROOT / "var" / "lighthouse" / "latest.json"
    out.parent.mkdir(parents=True, exist_ok=True)
    out.write_text(json.dumps(scores, indent=2))
    print(f"{'page':<12}" + "".join(f"{category:>16}" for category in TARGETS))
    missed = []
    for name, categories in scores.items():
        print(f"{name:<12}" + "".join(f"{categories[c]:>16.2f}" for c in TARGETS))
        missed += [
            f"{name}: {c} {categories[c]:.2f} < {t}"
            for c, t in TARGETS.items()
            if categories[c] < t
        ]
    for line in missed:
        print("MISSED", line)
    return 1 if missed else 0


def run_lighthouse(url: str, work: Path) -> dict[str, float]:
    report = work / "report.json"
    subprocess.run(
        [
            str(LIGHTHOUSE),
            url,
            "--quiet",
            "--output=json",
            f"--output-path={report}",
            "--only-categories=" + ",".join(TARGETS),
            "--chrome-flags=--headless=new --no-sandbox --disable-gpu --disable-dev-shm-usage "
            "--disable-background-networking --disable-component-update --no-first-run",
        ],
        env={**os.environ, "CHROME_PATH": "/usr/bin/chromium"},
        check=True,
    )
    data = json.loads(report.read_text())
    failing = [
        audit["id"]
        for audit in data["audits"].values()
        if audit.get("score") is not None
        and audit["score"] < 1
        and audit.get("scoreDisplayMode") == "binary"
    ]
    if failing:
        print(url, "failing audits:", ", ".join(failing))
    return {category: data["categories"][category]["score"] for category in TARGETS}


if __name__ == "__main__":
    sys.exit(main())
