"""Processes a test or a measurement starts on loopback: the site under
production settings (gunicorn), Celery workers, a throwaway Redis.

`make lighthouse` and `make bench` import it as the tests do: they measure
what a visitor would get (gunicorn, DEBUG off, static files collected and
served by whitenoise, the demo content in a throwaway SQLite database of
their own).
"""

from __future__ import annotations

import http.client
import os
import shutil
import signal
import socket
import subprocess
import sys
import time
import urllib.request
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
PYTHON = str(ROOT / ".venv" / "bin" / "python")
GUNICORN = str(ROOT / ".venv" / "bin" / "gunicorn")


def production_env(var_dir: Path, origin: str, **extra: str) -> dict[str, str]:
    """Environment for manage.py and gunicorn: production settings, plain HTTP on loopback."""
    return {
        **os.environ,
        "DJANGO_SETTINGS_MODULE": "website.settings.production",
        "SECRET_KEY": "loopback-run-only-" + os.urandom(24).hex(),
        "ALLOWED_HOSTS": "127.0.0.1",
        "VAR_DIR": str(var_dir),
        "SITE_URL": origin,
        "SECURE_SSL_REDIRECT": "0",  # plain HTTP on loopback; a proxy does TLS in production
        "SERVE_MEDIA": "1",
        "DATABASE_URL": "",
        "CELERY_BROKER_URL": "",
        **extra,
    }


def manage(env: dict[str, str], *args: str, timeout: float = 300) -> str:
    """Run ``manage.py`` with ``env``; what it printed.

    If it fails, an AssertionError that carries what it wrote to stderr.
    """
    done = subprocess.run(
        [PYTHON, "manage.py", *args],
        cwd=ROOT,
        env=env,
        capture_output=True,
        text=True,
        timeout=timeout,
    )
    if done.returncode:
        raise AssertionError(f"manage.py {' '.join(args[:1])} failed:\n{done.stderr}")
    return done.stdout


def shell(env: dict[str, str], code: str) -> str:
    """Run Python in ``manage.py shell`` with ``env``; what it printed, stripped."""
    return manage(env, "shell", "-v", "0", "-c", code).strip()


def prepare_demo_site(env: dict[str, str]) -> None:
    """A fresh database with the demo content, and the static files collected."""
    manage(env, "migrate", "--noinput", "-v", "0")
    manage(env, "load_demo_content")
    manage(env, "collectstatic", "--noinput", "-v", "0")


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def wait_for(url: str, timeout: float = 60) -> None:
    deadline = time.monotonic() + timeout
    while True:
        try:
            urllib.request.urlopen(url, timeout=5).read()
            return
        except OSError:
            if time.monotonic() > deadline:
                raise
            time.sleep(0.2)


@contextmanager
def gunicorn(
    env: dict[str, str], port: int, workers: int = 2, extra_args: tuple[str, ...] = ()
) -> Iterator[subprocess.Popen]:
    """gunicorn serving the site on 127.0.0.1:port until the block ends."""
    server = subprocess.Popen(
        [GUNICORN, "website.wsgi", "-b", f"127.0.0.1:{port}", "-w", str(workers), *extra_args],
        cwd=ROOT,
        env=env,
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
    )
    try:
        wait_for(f"http://127.0.0.1:{port}/robots.txt")
        yield server
    finally:
        server.terminate()
        server.wait(timeout=30)


def http_request(
    port: int, method: str, path: str, body: str = "", cookie: str = ""
) -> tuple[int, str, str]:
    """One request to 127.0.0.1:port on a connection of its own, as a separate visitor
    would send it (a form POST when there is a body): status, Set-Cookie, body."""
    connection = http.client.HTTPConnection("127.0.0.1", port, timeout=60)
    headers = {"Content-Type": "application/x-www-form-urlencoded"} if body else {}
    if cookie:
        headers["Cookie"] = cookie
    try:
        connection.request(method, path, body=body or None, headers=headers)
        response = connection.getresponse()
        return response.status, response.getheader("Set-Cookie") or "", response.read().decode()
    finally:
        connection.close()


def worker_pids(server: subprocess.Popen) -> list[int]:
    """The gunicorn master's worker processes."""
    children = Path(f"/proc/{server.pid}/task/{server.pid}/children").read_text().split()
    return [int(pid) for pid in children]


def start_worker(
    env: dict[str, str], log_path: Path, *options: str, timeout: float = 60
) -> subprocess.Popen:
    """`celery -A website worker` with `options`, in a process group of its own,
    logging at INFO into `log_path`; returns once the worker says it is ready
    (consuming from its broker)."""
    with open(log_path, "w") as log:
        worker = subprocess.Popen(
            [sys.executable, "-m", "celery", "-A", "website", "worker", "-l", "INFO", *options],
            cwd=ROOT,
            env=env,
            stdout=log,
            stderr=subprocess.STDOUT,
            start_new_session=True,
        )
    deadline = time.monotonic() + timeout
    while "ready." not in log_path.read_text(errors="replace"):
        if worker.poll() is not None or time.monotonic() > deadline:
            worker.kill()
            tail = log_path.read_text(errors="replace")[-2000:]
            raise RuntimeError(f"the Celery worker did not start:\n{tail}")
        time.sleep(0.1)
    return worker


def stop_worker(worker: subprocess.Popen, timeout: float = 30) -> None:
    """A warm shutdown of the worker and its pool; SIGKILL if it takes too long."""
    if worker.poll() is not None:
        return
    os.killpg(worker.pid, signal.SIGTERM)
    try:
        worker.wait(timeout=timeout)
    except subprocess.TimeoutExpired:
        os.killpg(worker.pid, signal.SIGKILL)
        worker.wait()


class RedisServer:
    """A throwaway Redis on a loopback port, no persistence: stop it and its data
    is gone, start it again on the same port (a broker restart)."""

    def __init__(self, folder: Path) -> None:
        folder.mkdir(parents=True, exist_ok=True)
        self.folder = folder
        self.port = free_port()
        self.process: subprocess.Popen | None = None

    @property
    def url(self) -> str:
        return f"redis://127.0.0.1:{self.port}/0"

    def start(self) -> None:
        self.process = subprocess.Popen(
            [shutil.which("redis-server") or "/usr/bin/redis-server"]
            + ["--port", str(self.port), "--bind", "127.0.0.1", "--save", ""]
            + ["--appendonly", "no", "--dir", str(self.folder)],
            stdout=subprocess.DEVNULL,
            stderr=subprocess.DEVNULL,
        )
        deadline = time.monotonic() + 20
        while not self.answers():
            if self.process.poll() is not None or time.monotonic() > deadline:
                self.process.kill()
                raise RuntimeError(f"redis-server did not start on port {self.port}")
            time.sleep(0.1)

    def answers(self) -> bool:
        try:
            with socket.create_connection(("127.0.0.1", self.port), timeout=1) as link:
                link.sendall(b"PING\r\n")
                return link.recv(16).startswith(b"+PONG")
        except OSError:
            return False

    def stop(self, kill: bool = False) -> None:
        """SIGTERM (or SIGKILL: a crash) and wait; nothing if it is not running."""
        if self.process is None or self.process.poll() is not None:
            return
        if kill:
            self.process.kill()
        else:
            self.process.terminate()
        self.process.wait(timeout=20)


@contextmanager
def redis_server(folder: Path) -> Iterator[RedisServer]:
    """A started RedisServer, stopped when the block ends."""
    server = RedisServer(folder)
    server.start()
    try:
        yield server
    finally:
        server.stop()
