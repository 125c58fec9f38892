"""`make bench`: run every benchmark module and print one table.

Each module has `run() -> list[tuple[str, str, str]]` rows: (benchmark, measure, value). Timings are reported as
ratios against a baseline measured in the same run, since these machines are noisy.
"""

from __future__ import annotations

import importlib
import sys
import time

from rich.console import Console
from rich.table import Table

MODULES = ("boilerplate_quality", "ingest_speed")


def main(selected: list[str]) -> None:
    table = Table(title="storylens benchmarks", title_justify="left")
    for column in ("benchmark", "measure", "value"):
        table.add_column(column)
    console = Console()
    for name in selected or MODULES:
        started = time.perf_counter()
        with console.status(f"running {name}…"):
            rows = importlib.import_module(f"benchmarks.{name}").run()
        for row in rows:
            table.add_row(*row)
        table.add_section()
        console.print(f"[dim]{name}: {time.perf_counter() - started:.1f} s[/]")
    console.print(table)


if __name__ == "__main__":
    main(sys.argv[1:])
