"""Renderings of the JSON report. They only read the report dict; the dict is the truth."""
