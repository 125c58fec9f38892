"""Renderings of the claim-check report ("storylens.check/1"): Markdown, a self-contained HTML page, the terminal.
JSON is `render.json.render_json`. They only read the report dict."""

from __future__ import annotations

import html
from typing import Any

from rich.console import Console
from rich.table import Table
from rich.text import Text

from storylens.report import Report

LABEL_STYLE = {"supports": "green", "contradicts": "bold red", "discusses": "yellow", "unrelated": "dim"}
_LABEL_COLOUR = {"supports": "#1a7f37", "contradicts": "#cf222e", "discusses": "#9a6700", "unrelated": "#6e7781"}


def render_check_markdown(report: Report) -> str:
    lines = [f"# Claim check: {_md(report['claim'])}", "", _summary_line(report), ""]
    lines += ["| article | outlet | stance | confidence |", "|---|---|---|---|"]
    for article in report["articles"]:
        lines.append(
            f"| {_md(article['id'])} | {_md(article['outlet'] or '?')} | **{article['label']}** "
            f"| {article['confidence']:.2f} |"
        )
    for article in report["articles"]:
        lines += ["", f"## {_md(article['title'] or article['id'])} — {article['label']}", ""]
        lines += [f"*{_md(_basis(article))}*", ""]
        lines += [
            f"> {_md(e['text'])} *(similarity {e['similarity']:.2f}{', decides' if e['decides'] else ''})*"
            for e in article["evidence"]
        ]
        if not article["evidence"]:
            lines.append("*No sentence speaks to the claim.*")
    lines += _skipped_lines(report, lambda s: f"- {_md(s['input'])}: {_md(s['reason'])}")
    lines.append("")
    return "\n".join(lines)


def render_check_html(report: Report) -> str:
    """One self-contained page (no scripts, no external files); every value is escaped."""
    esc = html.escape
    rows = "\n".join(
        f"<tr><td>{esc(a['id'])}</td><td>{esc(a['outlet'] or '?')}</td>"
        f'<td class="label" style="color:{_LABEL_COLOUR[a["label"]]}">{esc(a["label"])}</td>'
        f"<td>{a['confidence']:.2f}</td></tr>"
        for a in report["articles"]
    )
    sections = "\n".join(_html_article(a) for a in report["articles"])
    skipped = "".join(f"<li>{esc(s['input'])}: {esc(s['reason'])}</li>" for s in report["skipped"])
    skipped_block = f"<h2>Skipped inputs</h2><ul>{skipped}</ul>" if skipped else ""
    return f"""<!doctype html>
<html lang="en"><head><meta charset="utf-8"><title>Claim check: {esc(report["claim"])}</title>
<style>
body {{ font: 16px/1.5 system-ui, sans-serif; max-width: 60rem; margin: 2rem auto; padding: 0 1rem; color: #1f2328; }}
table {{ border-collapse: collapse; }} td, th {{ padding: .25rem .75rem; border-bottom: 1px solid #d0d7de; }}
.label {{ font-weight: 600; }} blockquote {{ margin: .5rem 0; padding-left: 1rem; border-left: 3px solid #d0d7de; }}
.dim {{ color: #6e7781; }}
</style></head>
<body>
<h1>Claim check</h1>
<p><strong>Claim:</strong> {esc(report["claim"])}</p>
<p>{esc(_summary_line(report))}</p>
<table><thead><tr><th>article</th><th>outlet</th><th>stance</th><th>confidence</th></tr></thead>
<tbody>
{rows}
</tbody></table>
{sections}
{skipped_block}
<p class="dim">Model {esc(report["model"]["name"])}; FNC-1 validation score
{report["model"]["validation"]["fnc_score_share"]:.1%} of the maximum, macro-F1
{report["model"]["validation"]["macro_f1"]:.2f}.</p>
</body></html>
"""


def _html_article(article: dict[str, Any]) -> str:
    esc = html.escape
    quotes = (
        "".join(
            f'<blockquote>{esc(e["text"])} <span class="dim">(similarity {e["similarity"]:.2f}'
            f"{', decides' if e['decides'] else ''})</span></blockquote>"
            for e in article["evidence"]
        )
        or '<p class="dim">No sentence speaks to the claim.</p>'
    )
    title = esc(article["title"] or article["id"])
    colour = _LABEL_COLOUR[article["label"]]
    basis = f'<p class="dim">{esc(_basis(article))}</p>'
    return f'<h2>{title} — <span style="color:{colour}">{esc(article["label"])}</span></h2>\n{basis}\n{quotes}'


def render_check_term(report: Report, console: Console) -> None:
    """A table of stances, then each article's evidence beneath it (full sentences need the full width)."""
    console.print(Text.assemble(("Claim: ", "bold"), report["claim"]))
    console.print(Text(_summary_line(report), style="dim"))
    table = Table(title_justify="left", expand=False)
    for column in ("article", "outlet", "title", "stance", "conf."):
        table.add_column(column, overflow="fold")
    for article in report["articles"]:
        table.add_row(
            article["id"],
            article["outlet"] or Text("?", style="dim"),
            article["title"] or Text("(no title)", style="dim"),
            Text(article["label"], style=LABEL_STYLE[article["label"]]),
            f"{article['confidence']:.2f}",
        )
    console.print(table)
    for article in report["articles"]:
        console.print(
            Text.assemble(("\n" + article["id"], "bold"), " ", (article["label"], LABEL_STYLE[article["label"]]))
        )
        console.print(Text("  " + _basis(article), style="dim"))
        for item in article["evidence"]:
            console.print(
                Text.assemble(
                    ("  “", "dim"),
                    item["text"],
                    ("”", "dim"),
                    (f"  {item['similarity']:.2f}{'  decides' if item['decides'] else ''}", "dim"),
                )
            )
        if not article["evidence"]:
            console.print(Text("  no sentence speaks to the claim", style="dim"))
    for line in _skipped_lines(report, lambda s: f"  {s['input']}: {s['reason']}"):
        console.print(Text(line, style="yellow"))


def _basis(article: dict[str, Any]) -> str:
    if article["basis"] == "evidence":
        return f"decided by the evidence: {article['reason']}"
    return "decided by the model over the whole article"


def _summary_line(report: Report) -> str:
    summary = report["summary"]
    parts = [f"{summary[label]} {label}" for label in LABEL_STYLE]
    return f"{len(report['articles'])} article(s): " + ", ".join(parts)


def _skipped_lines(report: Report, line: Any) -> list[str]:
    if not report["skipped"]:
        return []
    return ["", f"Skipped {len(report['skipped'])} input(s):", *(line(s) for s in report["skipped"])]


def _md(text: str) -> str:
    """Text safe inside Markdown (tables and inline): no stray markup, pipes or line breaks."""
    escaped = text.replace("\\", "\\\\").replace("|", "\\|").replace("\n", " ")
    for mark in "*_`[]<>#":
        escaped = escaped.replace(mark, "\\" + mark)
    return escaped
