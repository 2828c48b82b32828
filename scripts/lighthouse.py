"""`make lighthouse`: Lighthouse scores of the home page, a news post and a
handbook chapter, served by gunicorn under production settings on loopback,
with the demo content.

Targets (SPEC section 7): performance, best practices and SEO at least 0.95,
accessibility 1.0. Prints a table, writes var/lighthouse/latest.json, and
exits 1 when a target is missed.
"""

import json
import os
import subprocess
import sys
import tempfile
import urllib.request
from pathlib import Path

from tests.support.servers import gunicorn, prepare_demo_site, production_env

ROOT = Path(__file__).resolve().parent.parent
PORT = 8123
ORIGIN = f"http://127.0.0.1:{PORT}"
PAGES = {
    "home": "/lv/",
    "news post": "/lv/jaunumi/cesu-gimenu-stiprinasanas-projekta-gada-parskats/",
    "handbook": "/lv/dokumenti/rokasgramata/pieejas-pamati/",
}
TARGETS = {"performance": 0.95, "accessibility": 1.0, "best-practices": 0.95, "seo": 0.95}
LIGHTHOUSE = ROOT / "var" / "lighthouse" / "node_modules" / ".bin" / "lighthouse"


def main() -> int:
    work = Path(tempfile.mkdtemp(prefix="lighthouse-"))
    env = production_env(work, ORIGIN)
    prepare_demo_site(env)
    with gunicorn(env, PORT):
        # Renditions are made on a page's first view, once; the visitor Lighthouse
        # plays is not the first one.
        for path in PAGES.values():
            urllib.request.urlopen(ORIGIN + path, timeout=60).read()
        scores = {name: run_lighthouse(ORIGIN + path, work) for name, path in PAGES.items()}

    out = ROOT / "var" / "lighthouse" / "latest.json"
    out.parent.mkdir(parents=True, exist_ok=True)
    out.write_text(json.dumps(scores, indent=2))
    print(f"{'page':<12}" + "".join(f"{category:>16}" for category in TARGETS))
    missed = []
    for name, categories in scores.items():
        print(f"{name:<12}" + "".join(f"{categories[c]:>16.2f}" for c in TARGETS))
        missed += [
            f"{name}: {c} {categories[c]:.2f} < {t}"
            for c, t in TARGETS.items()
            if categories[c] < t
        ]
    for line in missed:
        print("MISSED", line)
    return 1 if missed else 0


def run_lighthouse(url: str, work: Path) -> dict[str, float]:
    report = work / "report.json"
    subprocess.run(
        [
            str(LIGHTHOUSE),
            url,
            "--quiet",
            "--output=json",
            f"--output-path={report}",
            "--only-categories=" + ",".join(TARGETS),
            "--chrome-flags=--headless=new --no-sandbox --disable-gpu --disable-dev-shm-usage "
            "--disable-background-networking --disable-component-update --no-first-run",
        ],
        env={**os.environ, "CHROME_PATH": "/usr/bin/chromium"},
        check=True,
    )
    data = json.loads(report.read_text())
    failing = [
        audit["id"]
        for audit in data["audits"].values()
        if audit.get("score") is not None
        and audit["score"] < 1
        and audit.get("scoreDisplayMode") == "binary"
    ]
    if failing:
        print(url, "failing audits:", ", ".join(failing))
    return {category: data["categories"][category]["score"] for category in TARGETS}


if __name__ == "__main__":
    sys.exit(main())
