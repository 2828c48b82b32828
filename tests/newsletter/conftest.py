import email
import email.policy
import shutil
import socket
import subprocess
import time

import pytest
from aiosmtpd.controller import Controller
from aiosmtpd.smtp import Envelope


class Sink:
    """An SMTP server that keeps what it receives, parsed, and can be told to refuse."""

    def __init__(self) -> None:
        self.messages: list[email.message.EmailMessage] = []
        # address -> list of answers to give, one per attempt (then "250 OK")
        self.scripted: dict[str, list[str]] = {}
        # answers to the next RCPT commands, whoever they are for (an outage)
        self.outage: list[str] = []
        # how many of the next messages to cut off: the connection drops
        # after the data arrives, before the server answers
        self.drop_next = 0

    async def handle_RCPT(self, server, session, envelope: Envelope, address: str, options):
        if self.outage:
            return self.outage.pop(0)
        answers = self.scripted.get(address)
        if answers:
            answer = answers.pop(0)
            if not answer.startswith("250"):
                return answer
        envelope.rcpt_tos.append(address)
        return "250 OK"

    async def handle_DATA(self, server, session, envelope: Envelope):
        if self.drop_next:
            self.drop_next -= 1
            server.transport.abort()
            return "421 never sent: the connection is gone"
        self.messages.append(
            email.message_from_bytes(envelope.original_content, policy=email.policy.default)
        )
        return "250 Message accepted"

    def to(self, address: str) -> list[email.message.EmailMessage]:
        return [m for m in self.messages if m["To"] == address]


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


@pytest.fixture
def smtp_sink(settings):
    """A real SMTP server on loopback; Django sends to it over SMTP."""
    sink = Sink()
    controller = Controller(sink, hostname="127.0.0.1", port=free_port())
    controller.start()
    settings.EMAIL_BACKEND = "django.core.mail.backends.smtp.EmailBackend"
    settings.EMAIL_HOST, settings.EMAIL_PORT = "127.0.0.1", controller.port
    settings.EMAIL_USE_TLS = False
    sink.port = controller.port
    yield sink
    controller.stop()


@pytest.fixture(scope="session")
def redis_url(tmp_path_factory):
    """A real Redis server on loopback, started and stopped by the test run."""
    server = shutil.which("redis-server") or "/usr/bin/redis-server"
    folder = tmp_path_factory.mktemp("redis")
    port = free_port()
    process = subprocess.Popen(
        [
            server,
            "--port",
            str(port),
            "--bind",
            "127.0.0.1",
            "--save",
            "",
            "--appendonly",
            "no",
            "--dir",
            str(folder),
        ],
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
    )
    deadline = time.monotonic() + 20
    while True:
        try:
            with socket.create_connection(("127.0.0.1", port), timeout=1):
                break
        except OSError:
            if time.monotonic() > deadline:
                process.kill()
                raise
            time.sleep(0.1)
    yield f"redis://127.0.0.1:{port}/0"
    process.terminate()
    process.wait(timeout=10)
