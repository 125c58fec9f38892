"""`storylens serve`: the local web app (FastAPI + uvicorn), on 127.0.0.1 unless told otherwise."""

from __future__ import annotations

import ipaddress
from pathlib import Path
from typing import Annotated

import typer

from storylens.cli.common import app, escape_markup, stderr


@app.command("serve")
def serve_command(
    host: Annotated[str, typer.Option("--host", help="Address to listen on; 0.0.0.0 opens it to the network.")] = (
        "127.0.0.1"
    ),
    port: Annotated[int, typer.Option("--port", min=1, max=65535, help="Port to listen on.")] = 8000,
    store: Annotated[
        Path | None,
        typer.Option("--store", help="A story store (from `storylens corpus add`) to browse at /stories, read-only."),
    ] = None,
) -> None:
    """Run the web app: paste, upload or link articles, read the report, download it as JSON, HTML or Markdown;
    browse the stories of a store."""
    import uvicorn

    from storylens.corpus.store import CorpusStore, StoreError
    from storylens.web import WebSettings, create_app

    if store is not None:
        try:  # a missing or unreadable store fails now, in one line, not on the first page view
            CorpusStore(store, readonly=True).close()
        except StoreError as error:
            stderr.print(f"[red]error[/] {escape_markup(str(error))}")
            raise typer.Exit(1) from None

    if not _is_loopback(host):
        stderr.print(
            f"[yellow]note[/] listening on {escape_markup(host)}: anyone who can reach this machine can use the app"
        )
    stderr.print(f"storylens web app on http://{escape_markup(_shown(host))}:{port}/ (Ctrl+C stops it)")
    uvicorn.run(create_app(WebSettings(store=store)), host=host, port=port, log_level="warning")


def _is_loopback(host: str) -> bool:
    if host == "localhost":
        return True
    try:
        return ipaddress.ip_address(host).is_loopback
    except ValueError:
        return False


def _shown(host: str) -> str:
    return f"[{host}]" if ":" in host else host
