"""A local SMTP sink in its own process: `python -m scripts.bench.smtp_sink PORT`.

Accepts every message and counts it; on SIGTERM prints the count and stops.
The newsletter and the raw smtplib baseline send into the same sink, so its
own cost weighs on both alike.
"""

import signal
import sys
import threading

from aiosmtpd.controller import Controller


class CountingSink:
    def __init__(self) -> None:
        self.messages = 0
        self.bytes = 0

    async def handle_DATA(self, server, session, envelope):
        self.messages += 1
        self.bytes += len(envelope.original_content or b"")
        return "250 Message accepted"


def main() -> None:
    sink = CountingSink()
    controller = Controller(sink, hostname="127.0.0.1", port=int(sys.argv[1]))
    controller.start()
    stop = threading.Event()
    signal.signal(signal.SIGTERM, lambda *_: stop.set())
    print("ready", flush=True)
    stop.wait()
    controller.stop()
    print(f"{sink.messages} {sink.bytes}", flush=True)


if __name__ == "__main__":
    main()
