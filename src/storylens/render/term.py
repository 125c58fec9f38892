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
    if "claims" in report:
        console.print(_story(report))
    for analysis in report.get("analyses", []):
        console.print(_analysis(analysis))
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


def _analysis(analysis: dict[str, Any]) -> RenderableType:
    names = {e["id"]: e["name"] for e in analysis["entities"]}
    counts = Table.grid(padding=(0, 2))
    for _ in range(8):
        counts.add_column()
    labels = ("sentences", "entities", "quotes", "sources", "claims", "hedges", "framing", "times")
    counts.add_row(*(Text(label, style="dim") for label in labels))
    counts.add_row(*(str(len(analysis[label])) for label in labels))
    parts: list[RenderableType] = [Text(f"\n{analysis['article']}", style="bold underline"), counts]
    for quote in analysis["quotes"]:
        who = names.get(quote["speaker"] or "", quote["speaker_text"] or "unknown speaker")
        parts.append(Text.assemble(("  “", "dim"), _cut(quote["text"], 90), ("” — ", "dim"), (who, "bold")))
    framing = [f"{f['text']} → {names[f['target']]}" if f["target"] else f["text"] for f in analysis["framing"]]
    if framing:
        parts.append(Text.assemble(("  framing: ", "dim"), ", ".join(framing)))
    parts += [Text(f"  limitation: {item}", style="yellow") for item in analysis["limitations"]]
    return Group(*parts)


def _cut(text: str, width: int) -> str:
    return text if len(text) <= width else text[: width - 1] + "…"


_STATUS_STYLE = {"corroborated": "green", "single_source": "dim", "conflicting": "bold red"}


def _story(report: dict[str, Any]) -> RenderableType:
    claims = report["claims"]
    counts = {status: sum(c["status"] == status for c in claims) for status in _STATUS_STYLE}
    summary = Text.assemble(
        ("\nThe story: ", "bold"),
        (f"{counts['corroborated']} corroborated", "green"), ", ",
        (f"{counts['conflicting']} conflicting", "bold red"), ", ",
        (f"{counts['single_source']} single-source", "dim"), " claims",
    )  # fmt: skip
    table = Table(title_justify="left", expand=False)
    for column in ("status", "claim", "outlets", "independent"):
        table.add_column(column, overflow="fold")
    shown = sorted((c for c in claims if c["status"] != "single_source"), key=lambda c: c["status"] != "conflicting")
    for claim in shown:
        table.add_row(
            Text(claim["status"].replace("_", " "), style=_STATUS_STYLE[claim["status"]]),
            _cut(claim["text"], 110),
            ", ".join(claim["outlets"]),
            str(claim["independent_sources"]),
        )
    parts: list[RenderableType] = [summary, table]
    for claim in claims:
        for conflict in claim["conflicts"]:
            parts.append(
                Text.assemble(("  conflict ", "bold red"), (f"({conflict['kind']}) ", "red"), conflict["detail"])
            )
    differing = [q for q in report["quotes"] if q["wording_differs"] and len(q["variants"]) > 1]
    for quote in differing:
        parts.append(Text("  one remark, worded differently:", style="bold"))
        parts += [Text(f"    {v['article']}: “{_cut(v['text'], 100)}”") for v in quote["variants"]]
    return Group(*parts)
