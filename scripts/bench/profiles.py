"""Where the time goes, for docs/benchmarks.md: `python -m scripts.bench.profiles`.

Run after `make bench` (it reuses var/bench/site). Profiles with pyinstrument,
in one process under production settings: 30 uncached renders of the news
list (Django test client, a query string never seen before each time), and
one worker's send of 500 recipients into the bench's SMTP sink. Writes
var/bench/profile-page.txt and var/bench/profile-send.txt.
"""

from __future__ import annotations

import itertools
import shutil
import subprocess
import sys

from tests.support.servers import PYTHON, ROOT, free_port, production_env

WORK = ROOT / "var" / "bench"


def profile_page() -> str:
    from django.test import Client
    from django.test.utils import setup_test_environment
    from pyinstrument import Profiler

    setup_test_environment()
    client = Client()
    client.get("/lv/jaunumi/")
    fresh = itertools.count()
    profiler = Profiler(interval=0.0005)
    profiler.start()
    for _ in range(30):
        client.get("/lv/jaunumi/", {"fresh": next(fresh)})
    profiler.stop()
    return profiler.output_text(color=False, unicode=False, show_all=False)


def profile_send() -> str:
    from pyinstrument import Profiler

    from newsletter import sending
    from newsletter.models import NewsletterIssuePage
    from scripts.bench.newsletter import make_list

    issue = NewsletterIssuePage.objects.get(locale__language_code="lv")
    dispatch = sending.create_dispatch(issue, [make_list(500)])
    profiler = Profiler(interval=0.0005)
    profiler.start()
    sending.send_all(dispatch)
    profiler.stop()
    return profiler.output_text(color=False, unicode=False, show_all=False)


def main() -> None:
    import django

    django.setup()
    # The send first: the page profile's setup_test_environment() swaps the
    # e-mail backend for locmem, and the send would never reach the SMTP sink.
    (WORK / "profile-send.txt").write_text(profile_send())
    (WORK / "profile-page.txt").write_text(profile_page())


if __name__ == "__main__":
    if sys.argv[1:] == ["--inside"]:
        main()
    else:
        site = WORK / "site"
        shutil.copyfile(site / "db.sqlite3", WORK / "profile.sqlite3")
        port = free_port()
        sink = subprocess.Popen(
            [PYTHON, "-m", "tests.support.smtp", str(port)],
            cwd=ROOT,
            stdout=subprocess.PIPE,
            text=True,
        )
        try:
            sink.stdout.readline()
            env = production_env(
                site,
                "http://127.0.0.1:8000",
                DATABASE_URL=f"sqlite:///{WORK / 'profile.sqlite3'}",
                EMAIL_BACKEND="django.core.mail.backends.smtp.EmailBackend",
                EMAIL_HOST="127.0.0.1",
                EMAIL_PORT=str(port),
                LOG_LEVEL="WARNING",
            )
            subprocess.run(
                [PYTHON, "-m", "scripts.bench.profiles", "--inside"], cwd=ROOT, env=env, check=True
            )
        finally:
            sink.terminate()
            sink.communicate(timeout=30)
