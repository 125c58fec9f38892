"""The report in a terminal (Rich): the articles read, the summary, the claims × outlets matrix, the conflicts and the
quotes worded differently; what was dropped from the articles, and what was skipped."""

from __future__ import annotations

from typing import Any

from rich.console import Console, Group, RenderableType
from rich.table import Table
from rich.text import Text

from storylens.render import digest
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
_CELL_STYLE = {"agrees": "green", "conflicts": "bold red", "silent": "dim"}
_MATRIX_ROWS = 30  # rows of claims shown that several outlets report; the JSON and HTML reports have them all


def _story(report: dict[str, Any]) -> RenderableType:
    """The summary, the claims × outlets matrix and the conflicts, side by side."""
    return Group(_summary(report), _matrix(report), *_conflicts(report), *_quotes(report))


def _summary(report: dict[str, Any]) -> RenderableType:
    summary = digest.summarise(report)
    counts = summary.counts
    lines = [
        Text.assemble(
            ("\nThe story: ", "bold"),
            (f"{counts['corroborated']} corroborated", "green"), ", ",
            (f"{counts['conflicting']} conflicting", "bold red"), ", ",
            (f"{counts['single_source']} single-source", "dim"), " claims; ",
            (f"{summary.independent_origins} independent origins", "bold"),
            f" (the best-backed claim rests on {summary.best_backing})",
        )
    ]  # fmt: skip
    lines += [
        Text.assemble(
            f"  {count} of the articles cite the news agency ", (name, "bold"), ": what they take from it counts once"
        )
        for name, count in summary.shared_agencies
    ]
    lines += [
        Text.assemble("  ", (outlet, "bold"), f" ran the text of {article} word for word: {_COUNTED_ONCE}")
        for outlet, article in summary.copies
    ]
    return Group(*lines)


_COUNTED_ONCE = "one report, its claims count once"


def _matrix(report: dict[str, Any]) -> RenderableType:
    names = digest.outlet_names(report)
    rows = [row for row in digest.matrix(report) if row.claim["status"] != "single_source"]
    table = Table(title="Claims × outlets (✓ reports it, ✗ conflicts, · silent)", title_justify="left")
    table.add_column("claim", overflow="fold", ratio=1)
    table.add_column("ind.", justify="right")
    for article in report["articles"]:
        table.add_column(_cut(names[article["id"]], 14), justify="center", overflow="fold")
    for row in rows[:_MATRIX_ROWS]:
        style = _STATUS_STYLE[row.claim["status"]]
        table.add_row(
            Text(f"{row.claim['id']} ", style=style) + Text(_cut(row.claim["text"], 110)),
            str(row.claim["independent_sources"]),
            *(Text(digest.CELL_SYMBOL[state], style=_CELL_STYLE[state]) for state, _ in row.cells),
        )
    single = len(report["claims"]) - len(rows)
    hidden = max(len(rows) - _MATRIX_ROWS, 0)
    note = Text(
        (f"{hidden} more claim(s) reported by several outlets; " if hidden else "")
        + f"{single} claim(s) in one outlet only (see --format html or json)",
        style="dim",
    )
    return Group(table, note)


def _conflicts(report: dict[str, Any]) -> list[RenderableType]:
    names = digest.outlet_names(report)
    parts: list[RenderableType] = []
    for claim in digest.ordered_claims(report):
        for conflict in claim["conflicts"]:
            parts.append(
                Text.assemble(
                    ("\nconflict ", "bold red"),
                    (f"({conflict['kind']}) ", "red"),
                    digest.conflict_detail(conflict, names),
                )
            )
            for side in (conflict["first"], conflict["second"]):
                pieces = digest.word_diff(conflict["first"]["text"], conflict["second"]["text"])
                diffed = pieces[0] if side is conflict["first"] else pieces[1]
                parts.append(Text.assemble(("  " + names[side["article"]] + ": ", "bold"), _marked(diffed)))
    return parts


def _quotes(report: dict[str, Any]) -> list[RenderableType]:
    names = digest.outlet_names(report)
    parts: list[RenderableType] = []
    for quote in report["quotes"]:
        if not quote["wording_differs"] or len(quote["variants"]) < 2:
            continue
        parts.append(Text("\none remark, worded differently:", style="bold"))
        first = quote["variants"][0]
        for index, variant in enumerate(quote["variants"]):
            other = quote["variants"][1] if index == 0 else variant
            diffed = digest.word_diff(first["text"], other["text"])[0 if index == 0 else 1]
            parts.append(
                Text.assemble(("  " + names[variant["article"]] + ": “", "dim"), _marked(diffed), ("”", "dim"))
            )
    return parts


def _marked(pieces: list[digest.Piece]) -> Text:
    text = Text()
    for piece in pieces:
        text.append(piece.text, style="bold yellow" if piece.changed else "")
    return text
