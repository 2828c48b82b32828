"""A real SMTP server for tests and the bench (aiosmtpd), that can also misbehave on cue.

In a test: the `smtp_sink` fixture runs a `Sink` in the test's process.
In a process of its own (the bench): `python -m tests.support.smtp PORT`
counts what it receives, prints "ready", and on SIGTERM prints the count of
messages and bytes and stops.
"""

import email
import email.message
import email.policy
import signal
import sys
import threading

from aiosmtpd.controller import Controller
from aiosmtpd.smtp import Envelope


class Sink:
    """An SMTP server that counts what it receives, keeps it parsed unless told
    not to (`keep=False`: the bench, where parsing would weigh on the figures),
    and can be told to refuse."""

    def __init__(self, keep: bool = True) -> None:
        self.keep = keep
        self.messages: list[email.message.EmailMessage] = []
        self.received = 0
        self.received_bytes = 0
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
        self.received += 1
        self.received_bytes += len(envelope.original_content or b"")
        if self.keep:
            self.messages.append(
                email.message_from_bytes(envelope.original_content, policy=email.policy.default)
            )
        return "250 Message accepted"

    def to(self, address: str) -> list[email.message.EmailMessage]:
        """The messages kept for `address`, in the order they came."""
        return [m for m in self.messages if m["To"] == address]


def serve(port: int) -> None:
    """A counting sink on 127.0.0.1:`port` until SIGTERM; prints "ready", then the counts."""
    sink = Sink(keep=False)
    controller = Controller(sink, hostname="127.0.0.1", port=port)
    controller.start()
    stop = threading.Event()
    signal.signal(signal.SIGTERM, lambda *_: stop.set())
    print("ready", flush=True)
    stop.wait()
    controller.stop()
    print(f"{sink.received} {sink.received_bytes}", flush=True)


if __name__ == "__main__":
    serve(int(sys.argv[1]))
