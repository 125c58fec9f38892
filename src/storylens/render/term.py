"""The report in a terminal (Rich): the articles read, what was dropped from them, and what was skipped."""

from __future__ import annotations

from typing import Any

from rich.console import Console, Group, RenderableType
from rich.table import Table
from rich.text import Text

from storylens.report import Report


def render_term(report: Report, console: Console) -> None:
    console.print(_articles_table(report["articles"]))
    removed = _removed_table(report["articles"])
    if removed is not None:
        console.print(removed)
    if report["skipped"]:
        console.print(_skipped(report["skipped"]))


def _articles_table(articles: list[dict[str, Any]]) -> Table:
    table = Table(title=f"{len(articles)} article(s)", title_justify="left", expand=False)
    for column in ("id", "outlet", "title", "published", "words", "lang", "dropped"):
        table.add_column(column, overflow="fold")
    for article in articles:
        outlet = article["outlet"] or "?"
        table.add_row(
            article["id"],
            Text(outlet, style="bold") if article["outlet"] else Text(outlet, style="dim"),
            article["title"] or Text("(no title)", style="dim"),
            article["published"] or Text("unknown", style="dim"),
            str(article["word_count"]),
            article["language"],
            str(len(article["removed"])),
        )
    return table


def _removed_table(articles: list[dict[str, Any]]) -> Table | None:
    rows = [(a["id"], r) for a in articles for r in a["removed"]]
    if not rows:
        return None
    table = Table(title="Boilerplate dropped", title_justify="left")
    table.add_column("article")
    table.add_column("reason")
    table.add_column("text", overflow="fold", max_width=80)
    for article_id, removal in rows:
        table.add_row(article_id, removal["reason"], Text(removal["text"], style="dim"))
    return table


def _skipped(skipped: list[dict[str, str]]) -> RenderableType:
    lines = [Text(f"Skipped {len(skipped)} input(s):", style="bold yellow")]
    lines += [Text(f"  {item['input']}: {item['reason']}", style="yellow") for item in skipped]
    return Group(*lines)
