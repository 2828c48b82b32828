"""Newsletter messages per second, real Celery workers against raw smtplib.

Run in its own process (`python -m scripts.bench.newsletter`) with the
settings, database, Redis broker and SMTP sink chosen by the environment;
prints JSON. The baseline hands the same newsletter message (as bytes, built
once) to the sink with smtplib over one connection. The newsletter run is the
real thing: a dispatch frozen for a list of N confirmed subscribers, sent by
a Celery worker (two pool processes, Redis broker) that claims batches,
builds each recipient's message and records each delivery in the database.
"""

from __future__ import annotations

import json
import os
import smtplib
import sys
import time
from pathlib import Path

import django

from tests.support.servers import start_worker, stop_worker

ROOT = Path(__file__).resolve().parents[2]
BASELINE_MESSAGES = 3000


def worker_processes(main_pid: int) -> list[int]:
    children = Path(f"/proc/{main_pid}/task/{main_pid}/children").read_text().split()
    return [main_pid, *map(int, children)]


def peak_rss_mb(pid: int) -> float:
    for line in Path(f"/proc/{pid}/status").read_text().splitlines():
        if line.startswith("VmHWM:"):
            return int(line.split()[1]) / 1024
    return 0.0


def make_list(size: int, label: str):
    """A list of ``size`` new confirmed subscribers (one in five English), named by label."""
    from newsletter.models import MailingList, Subscriber

    mailing_list = MailingList.objects.create(name=f"Bench {label}", slug=f"bench-{label}")
    Subscriber.objects.bulk_create(
        (
            Subscriber(
                email=f"bench{label}-{n:05d}@example.org",
                name=f"Saņēmējs {n}",
                status=Subscriber.Status.CONFIRMED,
                language="en" if n % 5 == 0 else "lv",
            )
            for n in range(size)
        ),
        batch_size=1000,
    )
    through = Subscriber.lists.through
    ids = Subscriber.objects.filter(email__startswith=f"bench{label}-").values_list("pk", flat=True)
    through.objects.bulk_create(
        (through(subscriber_id=pk, mailinglist_id=mailing_list.pk) for pk in ids), batch_size=1000
    )
    return mailing_list


def smtplib_baseline(message_bytes: bytes, sender: str) -> float:
    from django.conf import settings

    with smtplib.SMTP(settings.EMAIL_HOST, settings.EMAIL_PORT) as connection:
        started = time.perf_counter()
        for n in range(BASELINE_MESSAGES):
            connection.sendmail(sender, [f"baseline-{n}@example.org"], message_bytes)
        seconds = time.perf_counter() - started
    return BASELINE_MESSAGES / seconds


def send_with_workers(size: int, label: str) -> dict:
    from newsletter import reports, sending, tasks
    from newsletter.models import Delivery, Dispatch, NewsletterIssuePage

    issue = NewsletterIssuePage.objects.get(locale__language_code="lv")
    # A list of its own each time: an issue goes to a list once.
    mailing_list = make_list(size, label)
    worker = start_worker(
        dict(os.environ),
        Path(os.environ["VAR_DIR"]) / f"worker-{size}.log",
        "--concurrency",
        "2",
        "--without-gossip",
        "--without-mingle",
    )
    try:
        started = time.perf_counter()
        dispatch = sending.create_dispatch(issue, [mailing_list])
        created = time.perf_counter()
        tasks.start(dispatch)
        deadline = time.monotonic() + 1200
        while Dispatch.objects.get(pk=dispatch.pk).state != Dispatch.State.FINISHED:
            if time.monotonic() > deadline:
                raise RuntimeError(f"dispatch not finished: {reports.progress(dispatch).by_state}")
            time.sleep(0.2)
        finished = time.perf_counter()
        rss = {pid: peak_rss_mb(pid) for pid in worker_processes(worker.pid)}
    finally:
        stop_worker(worker)
    counts = reports.progress(dispatch).by_state
    if counts[Delivery.State.SENT] != size:
        raise RuntimeError(f"not everybody got it: {counts}")
    return {
        "recipients": size,
        "create_dispatch_s": round(created - started, 2),
        "send_s": round(finished - created, 2),
        "msgs_per_s": round(size / (finished - created), 1),
        "worker_peak_rss_mb": round(max(rss.values()), 1),
        "worker_peak_rss_mb_all": [round(value, 1) for value in rss.values()],
        "dispatch": dispatch.pk,
    }


def sample_message() -> tuple[bytes, str]:
    """One real recipient's message of the first dispatch, as the server gets it."""
    from newsletter import sending
    from newsletter.models import Delivery, Dispatch

    dispatch = Dispatch.objects.order_by("pk").first()
    delivery = Delivery.objects.filter(dispatch=dispatch).select_related("subscriber").first()
    message = sending.build_message(dispatch, delivery, sending.list_id(dispatch))
    return message.message().as_bytes(linesep="\r\n"), message.from_email


ROUNDS = 3  # the send is the bench's noisiest figure: the median of three rounds counts


def main() -> None:
    django.setup()
    small = send_with_workers(1000, "1000")
    print("1,000 recipients:", small, file=sys.stderr, flush=True)
    message_bytes, sender = sample_message()
    rounds = []
    for number in range(1, ROUNDS + 1):
        # Each round's baseline is measured right before its send, so that a
        # busy spell of the machine weighs on both sides of its ratio.
        baseline = smtplib_baseline(message_bytes, sender)
        large = send_with_workers(10_000, f"10000-{number}")
        large["smtplib_msgs_per_s"] = round(baseline, 1)
        large["ratio"] = round(large["msgs_per_s"] / baseline, 3)
        print(f"round {number}: smtplib {baseline:.0f} msg/s,", large, file=sys.stderr, flush=True)
        rounds.append(large)
    median = sorted(rounds, key=lambda run: run["ratio"])[ROUNDS // 2]
    json.dump(
        {
            "msgs_per_s": median["msgs_per_s"],
            "smtplib_msgs_per_s": median["smtplib_msgs_per_s"],
            "ratios_of_rounds": [run["ratio"] for run in rounds],
            "message_bytes": len(message_bytes),
            "baseline_messages": BASELINE_MESSAGES,
            "worker_peak_rss_mb": {
                "1000": small["worker_peak_rss_mb"],
                "10000": max(run["worker_peak_rss_mb"] for run in rounds),
            },
            "runs": {"1000": small, "10000": rounds},
        },
        sys.stdout,
    )


if __name__ == "__main__":
    main()
