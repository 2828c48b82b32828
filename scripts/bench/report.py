"""Ratios, targets, the printed table, the chart and the figures in docs/benchmarks.md."""

from __future__ import annotations

from pathlib import Path

from tests.support.queries import PAGES

TARGETS = {
    "max_queries": 15,
    "max_queries_cold_cache": 20,
    "queries_growth": 2,
    "page_cached_vs_trivial": 0.8,
    "page_uncached_vs_trivial": 0.03,
    "newsletter_vs_smtplib": 0.6,
    "rss_spread": 0.2,
    "page_weight_bytes": 100_000,
}
START, END = "<!-- bench:start -->", "<!-- bench:end -->"


def ratios(results: dict) -> dict:
    """Each page ratio is the worst page type's."""
    measured = results["pages"]
    trivial = measured["trivial"]["rps"]
    newsletter = results["newsletter"]
    return {
        "page_cached_vs_trivial": round(
            min(measured[f"{name}_cached"]["rps"] for name in PAGES) / trivial, 3
        ),
        "page_uncached_vs_trivial": round(
            min(measured[f"{name}_uncached"]["rps"] for name in PAGES) / trivial, 3
        ),
        "newsletter_vs_smtplib": round(
            newsletter["msgs_per_s"] / newsletter["smtplib_msgs_per_s"], 3
        ),
        "registrations_vs_trivial": round(results["registrations"]["per_s"] / trivial, 4),
    }


def missed_targets(results: dict) -> list[str]:
    missed = []
    for name, (demo, more) in results["queries"].items():
        if more > demo + TARGETS["queries_growth"]:
            missed.append(f"queries of {name} grow: {demo} -> {more}")
        if max(demo, more) > TARGETS["max_queries"]:
            missed.append(f"queries of {name}: {max(demo, more)} > {TARGETS['max_queries']}")
    for name, cold in results.get("queries_cold_cache", {}).items():
        if cold > TARGETS["max_queries_cold_cache"]:
            missed.append(
                f"queries of {name} with every cache cold: {cold} > "
                f"{TARGETS['max_queries_cold_cache']}"
            )
    for name in ("page_cached_vs_trivial", "page_uncached_vs_trivial", "newsletter_vs_smtplib"):
        if results["ratios"][name] < TARGETS[name]:
            missed.append(f"{name} {results['ratios'][name]} < {TARGETS[name]}")
    rss = results["newsletter"]["worker_peak_rss_mb"]
    if rss["10000"] > rss["1000"] * (1 + TARGETS["rss_spread"]):
        missed.append(f"worker peak RSS grows: {rss['1000']} MB -> {rss['10000']} MB")
    weight = results["page_weight"]
    if weight["total_bytes"] >= TARGETS["page_weight_bytes"]:
        missed.append(f"home page weight {weight['total_bytes']} B")
    if weight["render_blocking_scripts"]:
        missed.append(f"render-blocking scripts: {weight['render_blocking_scripts']}")
    errors = sum(run["errors"] for run in results["pages"].values())
    if errors:
        missed.append(f"{errors} failed requests under load")
    signed_up = results["registrations"]
    if signed_up["oversold"]:
        missed.append(f"{signed_up['oversold']} seats oversold")
    if signed_up["errors"]:
        missed.append(f"{signed_up['errors']} sign-ups not taken")
    return missed


def table(results: dict) -> str:
    measured = results["pages"]
    trivial = measured["trivial"]["rps"]
    lines = [
        f"{'page':<12}{'queries':>10}{'cached/s':>10}{'ms CPU':>8}{'ratio':>7}"
        f"{'uncached/s':>12}{'ms CPU':>8}{'ratio':>7}",
        f"{'trivial':<12}{'':>10}{trivial:>10.0f}{measured['trivial']['cpu_ms_per_request']:>8.2f}",
    ]
    for name in PAGES:
        cached, uncached = measured[f"{name}_cached"], measured[f"{name}_uncached"]
        demo, more = results["queries"][name]
        lines.append(
            f"{name:<12}{f'{demo} / {more}':>10}{cached['rps']:>10.0f}"
            f"{cached['cpu_ms_per_request']:>8.2f}{cached['rps'] / trivial:>7.2f}"
            f"{uncached['rps']:>12.0f}{uncached['cpu_ms_per_request']:>8.2f}"
            f"{uncached['rps'] / trivial:>7.3f}"
        )
    plain = measured.get("blog_index_cached_uncompressed")
    if plain:
        lines.append(
            f"{'  (no gzip)':<22}{plain['rps']:>10.0f}{plain['cpu_ms_per_request']:>8.2f}"
            f"{plain['rps'] / trivial:>7.2f}   news list cached, client without Accept-Encoding"
        )
    newsletter = results["newsletter"]
    weight = results["page_weight"]
    ratio = results["ratios"]
    signed_up = results["registrations"]
    cold = results.get("queries_cold_cache", {})
    lines += [
        "",
        "queries (demo / +500 posts) with menu, footer and renditions warm, as above; with "
        "every cache cold (demo): " + ", ".join(f"{name} {count}" for name, count in cold.items()),
        f"registrations: {signed_up['per_s']:.1f} sign-ups/s from {signed_up['clients']} "
        f"clients for {signed_up['capacity']} seats ({signed_up['cpu_ms_per_sign_up']:.1f} ms "
        f"CPU each, p50 {signed_up['p50_ms']:.0f} ms, p99 {signed_up['p99_ms']:.0f} ms), "
        f"oversold {signed_up['oversold']}; ratio to trivial "
        f"{ratio['registrations_vs_trivial']:.4f}",
        f"newsletter: {newsletter['msgs_per_s']:.0f} msg/s with Celery workers, "
        f"{newsletter['smtplib_msgs_per_s']:.0f} msg/s raw smtplib "
        f"(ratio {ratio['newsletter_vs_smtplib']:.2f}, the median of the rounds' "
        + " / ".join(f"{value:.2f}" for value in newsletter.get("ratios_of_rounds", []))
        + "); worker peak RSS "
        f"{newsletter['worker_peak_rss_mb']['1000']} MB for 1,000, "
        f"{newsletter['worker_peak_rss_mb']['10000']} MB for 10,000",
        f"home page weight: HTML {weight['html_bytes']:,} B, CSS {weight['css_bytes']:,} B, "
        f"JS {weight['js_bytes']:,} B, total {weight['total_bytes']:,} B; render-blocking "
        f"scripts: {len(weight['render_blocking_scripts'])}",
        f"ratios: cached/trivial {ratio['page_cached_vs_trivial']:.2f} (worst page), "
        f"uncached/trivial {ratio['page_uncached_vs_trivial']:.3f} (worst page)",
    ]
    return "\n".join(lines)


def chart(results: dict, path: Path) -> None:
    import matplotlib

    matplotlib.use("Agg")
    from matplotlib import pyplot

    measured = results["pages"]
    names = list(PAGES)
    positions = range(len(names))
    figure, axes = pyplot.subplots(figsize=(8, 4.2), dpi=100)
    axes.bar(
        [p - 0.2 for p in positions],
        [measured[f"{n}_cached"]["rps"] for n in names],
        0.4,
        label="cached",
        color="#1f5f8b",
    )
    axes.bar(
        [p + 0.2 for p in positions],
        [measured[f"{n}_uncached"]["rps"] for n in names],
        0.4,
        label="uncached (rendered)",
        color="#c0504d",
    )
    axes.axhline(measured["trivial"]["rps"], color="#444", linestyle="--", label="trivial view")
    axes.set_xticks(list(positions), [n.replace("_", " ") for n in names])
    highest = max(run["rps"] for run in measured.values())
    axes.set_ylim(0, highest * 1.3)  # room for the legend above the bars
    axes.set_ylabel("requests per second")
    axes.set_title("Pages per second: gunicorn, 2 workers, Redis cache, wrk on loopback")
    axes.legend()
    figure.tight_layout()
    figure.savefig(path)
    pyplot.close(figure)


def update_docs(results: dict, path: Path) -> None:
    """Replace the figures between the markers of docs/benchmarks.md."""
    text = path.read_text()
    figures = "\n".join(
        [
            START,
            f"Run of `make bench` ({results['seconds']} s in all):",
            "",
            "```",
            table(results),
            "```",
            "",
            "Targets missed: " + ("; ".join(results["missed"]) or "none") + ".",
            END,
        ]
    )
    before, rest = text.split(START, 1)
    after = rest.split(END, 1)[1]
    path.write_text(before + figures + after)
