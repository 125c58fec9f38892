"""The `storylens` command: thin Typer commands over the public API, one module per command family."""

from __future__ import annotations

import os
import sys

from storylens.cli import check as _check  # noqa: F401
from storylens.cli import compare as _compare  # noqa: F401  (registers its commands on `app`)
from storylens.cli import corpus as _corpus  # noqa: F401
from storylens.cli import serve as _serve  # noqa: F401
from storylens.cli.common import ExitCode, app, escape_markup, stderr

__all__ = ["app", "main"]


def main() -> None:
    """Entry point: one line for any failure, never a traceback (set STORYLENS_DEBUG=1 to see one)."""
    try:
        app()
    except KeyboardInterrupt:
        stderr.print("[red]interrupted[/]")
        sys.exit(130)
    except Exception as error:  # the last guard: a bug must still end in one clear line
        if os.environ.get("STORYLENS_DEBUG"):
            raise
        stderr.print(
            f"[red]internal error:[/] {type(error).__name__}: {escape_markup(str(error))}"
            " (STORYLENS_DEBUG=1 shows more)"
        )
        sys.exit(ExitCode.ERROR)
