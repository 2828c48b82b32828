"""`make bench`'s report: the JSON keys the issues name, and what counts as a miss."""

import json

from scripts.bench import registrations, report
from tests.support.queries import PAGES


def run(rps: float, uncached: float, **registration) -> dict:
    page = {"rps": rps, "cpu_ms_per_request": 0.5, "errors": 0}
    pages = {"trivial": {"rps": 1000.0, "cpu_ms_per_request": 0.4, "errors": 0}}
    for name in PAGES:
        pages[f"{name}_cached"] = page
        pages[f"{name}_uncached"] = {**page, "rps": uncached}
    results = {
        "queries": {name: [12, 12] for name in PAGES},
        "queries_cold_cache": {name: 18 for name in PAGES},
        "pages": pages,
        "page_weight": {
            "html_bytes": 9_000,
            "css_bytes": 10_000,
            "js_bytes": 1_000,
            "total_bytes": 20_000,
            "render_blocking_scripts": [],
        },
        "newsletter": {
            "msgs_per_s": 600.0,
            "smtplib_msgs_per_s": 1000.0,
            "worker_peak_rss_mb": {"1000": 160.0, "10000": 161.0},
        },
        "registrations": {
            "per_s": 20.0,
            "oversold": 0,
            "p99_ms": 3000.0,
            "p50_ms": 2000.0,
            "errors": 0,
            "clients": 50,
            "capacity": 100,
            "cpu_ms_per_sign_up": 40.0,
            **registration,
        },
    }
    results["ratios"] = report.ratios(results)
    results["missed"] = report.missed_targets(results)
    return results


def test_the_json_keeps_its_keys_and_gains_the_registrations():
    results = json.loads(json.dumps(run(900.0, 40.0)))
    assert set(results["ratios"]) == {
        "page_cached_vs_trivial",
        "page_uncached_vs_trivial",
        "newsletter_vs_smtplib",
        "registrations_vs_trivial",
    }
    assert results["ratios"]["registrations_vs_trivial"] == 0.02
    assert {"per_s", "oversold", "p99_ms"} <= set(results["registrations"])
    assert results["missed"] == []


def test_an_oversold_seat_or_a_refused_sign_up_is_a_miss():
    assert run(900.0, 40.0, oversold=1)["missed"] == ["1 seats oversold"]
    assert run(900.0, 40.0, errors=3)["missed"] == ["3 sign-ups not taken"]


def test_the_table_prints_the_registrations():
    assert "registrations: 20.0 sign-ups/s from 50 clients for 100 seats" in report.table(
        run(900.0, 40.0)
    )


def test_the_p99_is_the_value_below_which_99_in_100_fall():
    latencies = [float(n) for n in range(1, 1001)]
    assert registrations.percentile(latencies, 0.99) == 990.0
    assert registrations.percentile(latencies, 0.5) == 500.0


def test_a_page_over_20_queries_with_every_cache_cold_is_a_miss():
    results = run(900.0, 40.0)
    results["queries_cold_cache"]["home"] = 21
    assert report.missed_targets(results) == ["queries of home with every cache cold: 21 > 20"]


def test_the_send_must_reach_six_tenths_of_raw_smtplib():
    results = run(900.0, 40.0)
    results["newsletter"]["msgs_per_s"] = 590.0
    results["ratios"] = report.ratios(results)
    assert report.missed_targets(results) == ["newsletter_vs_smtplib 0.59 < 0.6"]
