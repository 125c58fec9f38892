"""The report as one self-contained HTML page: nothing is fetched at view time, no script runs, and every piece of
article text goes through Jinja's autoescaping (a `<script>` in an article is shown, never run)."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from functools import lru_cache
from importlib import resources
from typing import Any

import jinja2
from markupsafe import Markup

from storylens.render import digest
from storylens.report import Report

# No script, no remote anything: styles are inline (the page carries them), images only as data: URIs.
CONTENT_SECURITY_POLICY = (
    "default-src 'none'; style-src 'unsafe-inline'; img-src data:; base-uri 'none'; form-action 'self'"
)
_GRAPH_ROW = 30  # px between the rows of the source graph
_GRAPH_WIDTH = 800


@dataclass(frozen=True, slots=True)
class Link:
    """A link shown under the title (the web app's downloads); `download` names the file it saves as."""

    label: str
    href: str
    download: str | None = None


def render_html(report: Report, links: Sequence[Link] = ()) -> str:
    """The whole page. `links` adds a row of links under the title (the web app's downloads)."""
    return _environment().get_template("report.html.j2").render(page_context(report, links))


def page_context(report: Report, links: Sequence[Link] = ()) -> dict[str, Any]:
    """What the report template reads; the web app renders its report page from the same context."""
    return {
        "report": report,
        "links": list(links),
        "css": Markup(stylesheet()),  # our own file, not article text: safe to inline as is
        "csp": CONTENT_SECURITY_POLICY,
        "title": digest.story_title(report),
        "summary": digest.summarise(report),
        "names": digest.outlet_names(report),
        "entities": {e["id"]: e["name"] for e in report.get("entities", [])},
        "sources": sorted(report.get("sources", []), key=lambda s: (-len(s["cited_by"]), s["name"].lower())),
        "rows": [row for row in digest.matrix(report) if row.claim["status"] != "single_source"],
        "single_rows": [row for row in digest.matrix(report) if row.claim["status"] == "single_source"],
        "conflicts": _conflicts(report),
        "quotes": _quotes(report),
        "graph": _graph_layout(digest.source_graph(report)),
        "framing": digest.framing_bars(report),
        "paragraphs": {a["id"]: digest.article_paragraphs(report, a) for a in report["articles"]},
        "status_label": digest.STATUS_LABEL,
        "cell_symbol": digest.CELL_SYMBOL,
        "anchor": digest.evidence_anchor,
        "is_story": "claims" in report,
    }


def _conflicts(report: Report) -> list[dict[str, Any]]:
    names = digest.outlet_names(report)
    cards = []
    for claim in digest.ordered_claims(report):
        for number, conflict in enumerate(claim["conflicts"], start=1):
            left, right = digest.word_diff(conflict["first"]["text"], conflict["second"]["text"])
            cards.append(
                {"id": f"conflict-{claim['id']}-{number}", "claim": claim, "conflict": conflict,
                 "detail": digest.conflict_detail(conflict, names),
                 "sides": [(conflict["first"], left), (conflict["second"], right)]}
            )  # fmt: skip
    return cards


def _quotes(report: Report) -> list[dict[str, Any]]:
    """Remarks reported by several outlets, each variant diffed against the first one."""
    cards = []
    for index, quote in enumerate(report.get("quotes", [])):
        variants = quote["variants"]
        if len(variants) < 2:
            continue
        base = variants[0]["text"]
        diffs = [digest.word_diff(base, v["text"])[1] if i else digest.word_diff(base, variants[1]["text"])[0]
                 for i, v in enumerate(variants)]  # fmt: skip
        cards.append({"id": f"quote-{index}", "quote": quote, "variants": list(zip(variants, diffs, strict=True))})
    cards.sort(key=lambda card: (not card["quote"]["wording_differs"], card["quote"]["similarity"]))
    return cards


def _graph_layout(graph: digest.Graph) -> dict[str, Any] | None:
    """Row positions for the SVG: outlets on the left, the origins they cite on the right."""
    if not graph.sources:
        return None
    rows = max(len(graph.outlets), len(graph.sources))
    height = rows * _GRAPH_ROW + 20

    def y(index: int, count: int) -> int:
        # Each column spread evenly over the graph's height, so a short column faces the middle of a tall one.
        return 20 + int((index + 0.5) * rows * _GRAPH_ROW / count) - _GRAPH_ROW // 2

    return {
        "width": _GRAPH_WIDTH,
        "height": height,
        "left_out": graph.left_out,
        "outlets": [(digest.cut(name, 26), name, y(i, len(graph.outlets))) for i, name in enumerate(graph.outlets)],
        "sources": [
            (digest.cut(name, 30), name, kind.replace("_", " "), cited, agency, y(i, len(graph.sources)))
            for i, (name, kind, cited, agency) in enumerate(graph.sources)
        ],
        "edges": [
            (y(o, len(graph.outlets)), y(s, len(graph.sources)), _edge_class(graph.sources[s])) for o, s in graph.edges
        ],
    }


def _edge_class(source: tuple[str, str, int, bool]) -> str:
    _, _, cited, agency = source
    return "edge agency" if agency else "edge shared" if cited > 1 else "edge"


@lru_cache(maxsize=1)
def stylesheet() -> str:
    """The report's CSS (the web app's pages share it)."""
    return resources.files("storylens.render").joinpath("static/report.css").read_text(encoding="utf-8")


@lru_cache(maxsize=1)
def _environment() -> jinja2.Environment:
    environment = jinja2.Environment(
        loader=jinja2.PackageLoader("storylens.render", "templates"),
        autoescape=True,  # every template here is HTML: escape everything unless marked safe
        undefined=jinja2.StrictUndefined,
        trim_blocks=True,
        lstrip_blocks=True,
    )
    environment.filters["cut"] = digest.cut
    environment.filters["per_thousand"] = lambda value: f"{value:.1f}"
    return environment


def template_environment() -> jinja2.Environment:
    """The Jinja environment of the report templates (the web app extends its pages from them)."""
    return _environment()
