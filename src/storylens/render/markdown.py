"""The report as Markdown, for notes and tickets: the summary, conflicts, the claims × outlets matrix, quotes worded
differently, shared sources, framing and the timeline. Article text is escaped so that it renders as text (no stray
tables, links, emphasis or raw HTML)."""

from __future__ import annotations

import re
from typing import Any

from storylens.render import digest
from storylens.report import Report

_SPECIAL = re.compile(r"([\\`*_\[\]|<>~])")  # with [ and ] escaped, ( ) cannot form a link
_MATRIX_ROWS = 40  # beyond this a pasted table stops being read; the JSON has them all


def render_markdown(report: Report) -> str:
    names = digest.outlet_names(report)
    parts = [_summary(report, names)]
    if "claims" in report:
        parts += [_conflicts(report, names), _matrix(report, names), _quotes(report, names), _sources(report, names)]
        parts += [_framing(report), _timeline(report, names)]
    parts.append(_inputs(report))
    return "\n\n".join(part for part in parts if part) + "\n"


def escape(text: str) -> str:
    """Text shown as is: Markdown and HTML specials escaped, line breaks folded (a table cell is one line)."""
    return _SPECIAL.sub(r"\\\1", " ".join(text.split()))


def _summary(report: Report, names: dict[str, str]) -> str:
    summary = digest.summarise(report)
    lines = [f"# {escape(digest.story_title(report))}", ""]
    outlets = ", ".join(escape(name) for name in summary.outlets)
    lines.append(f"{summary.articles} article(s): {outlets}.")
    if "claims" in report:
        counts = summary.counts
        lines += [
            "",
            f"- **{counts['corroborated']}** corroborated claim(s), **{counts['conflicting']}** conflicting, "
            f"**{counts['single_source']}** single-source",
            f"- **{summary.independent_origins}** independent origin(s) behind the claims; the best-backed claim "
            f"rests on {summary.best_backing}",
        ]
        lines += [
            f"- {count} of the articles cite the news agency {escape(name)}: what they take from it counts once"
            for name, count in summary.shared_agencies
        ]
        lines += [
            f"- {escape(outlet)} ran the text of {escape(article)} word for word: one report, its claims count once"
            for outlet, article in summary.copies
        ]
    return "\n".join(lines)


def _conflicts(report: Report, names: dict[str, str]) -> str:
    lines = ["## Conflicts", ""]
    found = False
    for claim in digest.ordered_claims(report):
        for conflict in claim["conflicts"]:
            found = True
            detail = digest.conflict_detail(conflict, names)
            lines.append(f"- **{conflict['kind']}** ({claim['id']}): {escape(detail)}")
            for side in (conflict["first"], conflict["second"]):
                lines.append(f"  - {escape(names[side['article']])}: “{escape(side['text'])}”")
    if not found:
        lines.append("No outlet contradicts another on any claim found.")
    return "\n".join(lines)


def _matrix(report: Report, names: dict[str, str]) -> str:
    rows = [row for row in digest.matrix(report) if row.claim["status"] != "single_source"]
    single = len(report["claims"]) - len(rows)
    articles = [a["id"] for a in report["articles"]]
    lines = ["## Claims × outlets", "", "✓ reports it · ✗ conflicts · – silent", ""]
    lines.append("| claim | status | independent | " + " | ".join(escape(names[a]) for a in articles) + " |")
    lines.append("|---|---|---|" + "---|" * len(articles))
    for row in rows[:_MATRIX_ROWS]:
        cells = " | ".join("–" if state == "silent" else digest.CELL_SYMBOL[state] for state, _ in row.cells)
        status = digest.STATUS_LABEL[row.claim["status"]]
        text = escape(digest.cut(row.claim["text"], 160))
        lines.append(f"| {text} | {status} | {row.claim['independent_sources']} | {cells} |")
    if len(rows) > _MATRIX_ROWS:
        lines += ["", f"{len(rows) - _MATRIX_ROWS} more claim(s) reported by several outlets: see the JSON report."]
    lines += ["", f"{single} more claim(s) appear in one outlet only."]
    return "\n".join(lines)


def _quotes(report: Report, names: dict[str, str]) -> str:
    entities = {e["id"]: e["name"] for e in report.get("entities", [])}
    differing = [q for q in report.get("quotes", []) if q["wording_differs"] and len(q["variants"]) > 1]
    if not differing:
        return ""
    lines = ["## Quotes worded differently", ""]
    for quote in differing:
        speaker = entities.get(quote["speaker"] or "", "unknown speaker")
        lines.append(f"- **{escape(speaker)}** ({round(quote['similarity'] * 100)}% alike)")
        lines += [f"  - {escape(names[v['article']])}: “{_diffed(quote, v)}”" for v in quote["variants"]]
    return "\n".join(lines)


def _diffed(quote: dict[str, Any], variant: dict[str, Any]) -> str:
    """The variant with the words that differ from the first variant in bold."""
    first = quote["variants"][0]
    other = quote["variants"][1] if variant is first else variant
    pieces = digest.word_diff(first["text"], other["text"])[0 if variant is first else 1]
    return "".join(_bold(p.text) if p.changed else _escape_inline(p.text) for p in pieces)


def _bold(text: str) -> str:
    """Changed words in bold, the punctuation around them outside: `night**, and…**` would not render as bold."""
    core = _WORD_CORE.search(text)
    if core is None:
        return escape(text)
    start, end = core.span()
    return f"{_escape_inline(text[:start])}**{escape(text[start:end])}**{_escape_inline(text[end:])}"


_WORD_CORE = re.compile(r"\w(?:.*\w)?", re.DOTALL)


def _escape_inline(text: str) -> str:
    """`escape` for a piece of a line: the space that parts it from the next piece is kept ("crew. **We will**")."""
    lead = " " if text[:1].isspace() else ""
    trail = " " if text[-1:].isspace() and text.strip() else ""
    return lead + escape(text) + trail


def _sources(report: Report, names: dict[str, str]) -> str:
    shared = [s for s in report.get("sources", []) if len(s["cited_by"]) > 1]
    if not shared:
        return f"## Sources\n\n{len(report.get('sources', []))} source(s) cited, none by more than one outlet."
    lines = ["## Sources cited by several outlets", "", "| source | kind | cited by |", "|---|---|---|"]
    for source in sorted(shared, key=lambda s: -len(s["cited_by"])):
        cited = ", ".join(escape(names.get(a, a)) for a in source["cited_by"])
        lines.append(f"| {escape(source['name'])} | {source['kind'].replace('_', ' ')} | {cited} |")
    return "\n".join(lines)


def _framing(report: Report) -> str:
    bars = digest.framing_bars(report)
    if not bars:
        return ""
    lines = ["## Framing (per 1,000 words)", "", "| outlet | loaded terms | hedges | examples |", "|---|---|---|---|"]
    for (outlet, values), item in zip(bars, report["framing"], strict=True):
        examples = ", ".join(escape(text) for text in digest.loaded_examples(item))
        lines.append(f"| {escape(outlet)} | {values[0].value:.1f} | {values[1].value:.1f} | {examples} |")
    return "\n".join(lines)


def _timeline(report: Report, names: dict[str, str]) -> str:
    if not report.get("timeline"):
        return ""
    lines = ["## Timeline", ""]
    for event in report["timeline"]:
        who = ", ".join(escape(names.get(a, a)) for a in event["articles"])
        lines.append(f"- **{event['when']}**: {escape(digest.cut(event['text'], 200))} ({who})")
    return "\n".join(lines)


def _inputs(report: Report) -> str:
    lines = [f"- skipped {escape(s['input'])}: {escape(s['reason'])}" for s in report["skipped"]]
    lines += [f"- note {escape(n['input'])}: {escape(n['message'])}" for n in report["notices"]]
    footer = f"_storylens {report['generator']['version']}, report schema {report['schema']}_"
    return "\n".join(["## About the inputs", "", *lines, "", footer] if lines else [footer])
