"""Import spaCy without torch, first thing: imported by the package before any module that uses spaCy.

thinc (spaCy's network library) imports torch whenever torch is installed, to offer torch layers: about 2 s of
every cold start on 2 cores, a third of a two-article `compare`. The spaCy pipeline storylens loads is thinc's own
CPU network and never uses them, and the default embedder runs on onnxruntime. So spaCy is imported with torch
hidden, and torch is importable again right after (the "minilm.v1" embedder imports it as usual). Nothing is hidden
when torch or thinc is loaded already, or when STORYLENS_SPACY_TORCH=1 (a pipeline with torch layers, such as a
transformer model).
"""

import os
import sys


def _import_spacy() -> None:
    keep_torch = os.environ.get("STORYLENS_SPACY_TORCH") == "1"
    if keep_torch or "torch" in sys.modules or "thinc" in sys.modules:
        return
    sys.modules["torch"] = None  # type: ignore[assignment]  # an import of it now raises ImportError
    try:
        import spacy  # noqa: F401
    finally:
        if "torch" in sys.modules and sys.modules["torch"] is None:
            del sys.modules["torch"]


_import_spacy()
