"""The local web app (FastAPI): `create_app()`; run it with `storylens serve`."""

from storylens.web.app import WebSettings, create_app
from storylens.web.submission import Limits

__all__ = ["Limits", "WebSettings", "create_app"]
