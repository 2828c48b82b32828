"""A real SMTP server for tests (aiosmtpd), that can also misbehave on cue."""

import email
import email.policy

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
