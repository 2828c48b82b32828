"""`make bench`: run every measurement in one go, on loopback, and report.

Writes var/bench/latest.json, prints a table, draws docs/benchmarks-pages.png
and puts the figures into docs/benchmarks.md. Exits 1 when a target is missed.
Method and targets: docs/benchmarks.md.
"""

from __future__ import annotations

import json
import shutil
import subprocess
import sys
import time
from pathlib import Path

from scripts.bench import pages, registrations, report
from tests.support.servers import (
    PYTHON,
    ROOT,
    free_port,
    gunicorn,
    prepare_demo_site,
    production_env,
    redis_server,
    worker_pids,
)

WORK = ROOT / "var" / "bench"


def run_json(module: str, env: dict[str, str]) -> dict:
    output = subprocess.run(
        [PYTHON, "-m", module], cwd=ROOT, env=env, capture_output=True, text=True
    )
    if output.returncode:
        print(output.stderr[-4000:], file=sys.stderr)
        output.check_returncode()
    return json.loads(output.stdout.strip().splitlines()[-1])


def copy_database(site: Path, name: str) -> str:
    target = WORK / name
    shutil.copyfile(site / "db.sqlite3", target)
    return f"sqlite:///{target}"


def main() -> int:
    shutil.rmtree(WORK, ignore_errors=True)
    site = WORK / "site"
    site.mkdir(parents=True)
    port = free_port()
    origin = f"http://127.0.0.1:{port}"
    started = time.monotonic()
    env = production_env(site, origin)
    print("preparing the demo site (migrate, demo content, collectstatic)...", flush=True)
    prepare_demo_site(env)

    print("queries per page...", flush=True)
    results = run_json(
        "scripts.bench.queries", {**env, "DATABASE_URL": copy_database(site, "queries.sqlite3")}
    )

    with redis_server(WORK / "redis") as redis:
        print("pages per second (gunicorn, 2 workers, Redis cache, wrk)...", flush=True)
        # Sign-ups queue their e-mails in a Redis database no worker reads.
        web_env = {
            **env,
            "CACHE_URL": redis.url,
            "CELERY_BROKER_URL": redis.url.removesuffix("/0") + "/2",
        }
        with gunicorn(web_env, port) as server:
            results["pages"] = pages.measure(origin, server, redis.url)
            results["page_weight"] = pages.page_weight(origin)
            print("registrations (50 clients, a 100-seat event)...", flush=True)
            results["registrations"] = registrations.measure(port, web_env, worker_pids(server))

        print("newsletter (Celery workers on Redis into an aiosmtpd sink)...", flush=True)
        smtp_port = free_port()
        sink = subprocess.Popen(
            [PYTHON, "-m", "tests.support.smtp", str(smtp_port)],
            cwd=ROOT,
            stdout=subprocess.PIPE,
            text=True,
        )
        try:
            sink.stdout.readline()  # "ready"
            mail_env = {
                **env,
                "DATABASE_URL": copy_database(site, "newsletter.sqlite3"),
                "CELERY_BROKER_URL": redis.url.removesuffix("/0") + "/1",
                "EMAIL_BACKEND": "django.core.mail.backends.smtp.EmailBackend",
                "EMAIL_HOST": "127.0.0.1",
                "EMAIL_PORT": str(smtp_port),
                "NEWSLETTER_RATE_PER_SECOND": "0",
                "LOG_LEVEL": "WARNING",
            }
            results["newsletter"] = run_json("scripts.bench.newsletter", mail_env)
        finally:
            sink.terminate()
            received = sink.communicate(timeout=30)[0].split()
        results["newsletter"]["sink_received"] = int(received[0]) if received else None

    results["seconds"] = round(time.monotonic() - started)
    results["ratios"] = report.ratios(results)
    results["missed"] = report.missed_targets(results)
    (WORK / "latest.json").write_text(json.dumps(results, indent=2))
    print(report.table(results))
    report.chart(results, ROOT / "docs" / "benchmarks-pages.png")
    report.update_docs(results, ROOT / "docs" / "benchmarks.md")
    for line in results["missed"]:
        print("MISSED", line)
    return 1 if results["missed"] else 0


if __name__ == "__main__":
    sys.exit(main())
