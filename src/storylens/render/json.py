"""The report as JSON text (UTF-8, not ASCII-escaped: article text stays readable)."""

from __future__ import annotations

import json

from storylens.report import Report


def render_json(report: Report) -> str:
    return json.dumps(report, ensure_ascii=False, indent=2) + "\n"
