"""Chart of the HTTP benchmark: requests/s per endpoint for the framework, Django and bare WSGI.

    bench/.venv/bin/python bench/chart.py [RESULTS.json] [OUTPUT.png]

Reads bench/results/latest.json (written by bench/run.py) and writes docs/performance.png
with matplotlib, which is installed in bench/.venv only. bench/run.py --chart calls it.
"""

from __future__ import annotations

import json
import sys
from pathlib import Path

BENCH = Path(__file__).resolve().parent
# The three apps the chart compares, in the order of their bars, with their colours.
APPS = [
    ("framework", "framework (default middleware)", "#1f6feb"),
    ("django", "Django 5.2 (default middleware)", "#2ea043"),
    ("bare", "bare WSGI (psycopg2, Jinja2)", "#8b949e"),
]


def draw(report: dict, output: Path) -> None:
    """Draw grouped bars (log scale) of median requests/s per endpoint and app into `output`."""
    import matplotlib

    matplotlib.use("Agg")
    import matplotlib.pyplot as plt

    results = report["results"]
    apps = [app for app in APPS if app[0] in results]
    endpoints = list(results[apps[0][0]])
    width = 0.8 / len(apps)
    figure, axes = plt.subplots(figsize=(10, 5), dpi=120)
    for index, (name, label, colour) in enumerate(apps):
        # n/a (the bare function has no cached page): no bar.
        values = [
            results[name].get(endpoint, {}).get("requests_per_second", float("nan"))
            for endpoint in endpoints
        ]
        positions = [x + (index - (len(apps) - 1) / 2) * width for x in range(len(endpoints))]
        bars = axes.bar(positions, values, width, label=label, color=colour)
        axes.bar_label(bars, labels=[f"{v:.0f}" for v in values], fontsize=7, padding=2)
    axes.set_yscale("log")
    axes.set_xticks(range(len(endpoints)), endpoints)
    axes.set_ylabel("requests/s (median of the rounds, log scale)")
    settings = report.get("settings", {})
    versions = report.get("versions", {})
    axes.set_title(
        f"TechEmpower endpoints under mod_wsgi-express, PostgreSQL - "
        f"{settings.get('rounds', '?')} round(s), wrk {settings.get('wrk', '')}, "
        f"{settings.get('cpu_count', '?')} CPUs",
        fontsize=9,
    )
    axes.legend(
        fontsize=8,
        title=f"Python {versions.get('python', '?')}",
        title_fontsize=8,
        loc="upper center",
        bbox_to_anchor=(0.5, -0.08),
        ncol=len(apps),
    )
    axes.grid(axis="y", which="both", alpha=0.3)
    figure.tight_layout()
    output.parent.mkdir(parents=True, exist_ok=True)
    figure.savefig(output)
    plt.close(figure)


def main(argv: list[str]) -> int:
    source = Path(argv[0]) if argv else BENCH / "results" / "latest.json"
    output = Path(argv[1]) if len(argv) > 1 else BENCH.parent / "docs" / "performance.png"
    draw(json.loads(source.read_text()), output)
    print(f"bench: chart written to {output}", flush=True)
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
