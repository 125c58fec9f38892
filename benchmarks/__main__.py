"""`make bench`: run every benchmark module and print one table.

Each module has `run() -> list[tuple[str, str, str]]` rows: (benchmark, measure, value). Timings are reported as
ratios against a baseline measured in the same run, since these machines are noisy. Each module runs in its own
process, so that its peak memory is its own.
"""

from __future__ import annotations

import json
import subprocess
import sys
import time

from rich.console import Console
from rich.table import Table

MODULES = (
    "boilerplate_quality",
    "ingest_speed",
    "analyse_speed",
    "attribution_quality",
    "time_quality",
    "quote_speakers",
    "framing_quality",
    "link_quality",
    "compare_speed",
    "stance_quality",
    "corpus_quality",
    "corpus_speed",
)
_CHILD = "import json, sys, importlib; print(json.dumps(importlib.import_module(f'benchmarks.{sys.argv[1]}').run()))"


def main(selected: list[str]) -> None:
    table = Table(title="storylens benchmarks", title_justify="left")
    for column in ("benchmark", "measure", "value"):
        table.add_column(column)
    console = Console(width=max(Console().width, 130))
    for name in selected or MODULES:
        started = time.perf_counter()
        with console.status(f"running {name}…"):
            rows = _run_module(name)
        for row in rows:
            table.add_row(*row)
        table.add_section()
        console.print(f"[dim]{name}: {time.perf_counter() - started:.1f} s[/]")
    console.print(table)


def _run_module(name: str) -> list[list[str]]:
    done = subprocess.run([sys.executable, "-c", _CHILD, name], capture_output=True, text=True, check=False)
    if done.returncode != 0:
        return [[name, "failed", done.stderr.strip().splitlines()[-1] if done.stderr.strip() else "no output"]]
    rows: list[list[str]] = json.loads(done.stdout.strip().splitlines()[-1])
    return rows


if __name__ == "__main__":
    main(sys.argv[1:])
