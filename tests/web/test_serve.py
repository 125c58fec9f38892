"""`storylens serve`: its options, and the loopback default."""

from __future__ import annotations

from pathlib import Path

import pytest
from typer.testing import CliRunner

from storylens.cli import app
from storylens.cli.serve import _is_loopback


def test_serve_help_names_the_loopback_default() -> None:
    result = CliRunner().invoke(app, ["serve", "--help"])
    assert result.exit_code == 0 and "127.0.0.1" in result.output and "--port" in result.output


HOSTS = [("127.0.0.1", True), ("::1", True), ("localhost", True), ("0.0.0.0", False), ("192.168.1.5", False)]


@pytest.mark.parametrize(("host", "loopback"), [*HOSTS, ("example.org", False)])
def test_is_loopback(host: str, loopback: bool) -> None:
    assert _is_loopback(host) is loopback


def test_serve_refuses_a_bad_port() -> None:
    result = CliRunner().invoke(app, ["serve", "--port", "70000"])
    assert result.exit_code == 2


def test_serve_refuses_a_missing_store_in_one_line(tmp_path: Path) -> None:
    missing = tmp_path / "none.db"
    result = CliRunner().invoke(app, ["serve", "--store", str(missing)])
    assert result.exit_code == 1
    assert "none.db" in result.output and "corpus add" in result.output and "Traceback" not in result.output
