"""Dateline: finds what happened, when and where in a news article.

``analyze(text, dct=None, language=None, only=None)`` returns the analysis as a dict (the JSON contract of the Rust crate:
``timexes``, ``places``, ``entities``, ``events``, ``warnings``, ``document``) with spans in characters, so
``text[span["start"]:span["end"]]`` is the mention; ``only="dates"`` finds the document date and the dates alone
(no names, places or events), several times faster. ``analyze_many(records, jobs=None, only=None)`` analyses many
documents on Rust threads (the GIL released) and returns their analyses in input order.
"""

import json
from typing import Any, Dict, Iterable, List, Optional, Union

from . import _native

__all__ = ["analyze", "analyze_many", "__version__"]
__version__ = _native.__version__

Record = Union[str, Dict[str, Any]]


def analyze(
    text: str, dct: Optional[str] = None, language: Optional[str] = None, only: Optional[str] = None
) -> Dict[str, Any]:
    """The analysis of ``text``; ``dct`` is the publication date (``YYYY-MM-DD``) that relative dates resolve
    against; ``language="en"`` analyses the text as English even when it looks written in another language;
    ``only="dates"`` finds the dates alone."""
    if not isinstance(text, str):
        raise TypeError(f"text must be a str, not {type(text).__name__}")
    return json.loads(_native.analyze_json(text, dct, language, only))


def analyze_many(
    records: Iterable[Record], jobs: Optional[int] = None, only: Optional[str] = None
) -> List[Dict[str, Any]]:
    """The analyses of ``records``, in input order. A record is a text, or a dict ``{"id", "text", "dct"?,
    "language"?}`` whose ``id`` is copied into its result. ``jobs`` threads (default: every core); ``only="dates"``
    finds the dates alone."""
    items = []
    ids = []
    for i, record in enumerate(records):
        if isinstance(record, str):
            items.append((record, None, None))
            ids.append(None)
        elif isinstance(record, dict):
            text = record.get("text")
            if not isinstance(text, str):
                raise TypeError(f"record {i}: 'text' must be a str")
            items.append((text, record.get("dct"), record.get("language")))
            ids.append(record.get("id"))
        else:
            raise TypeError(f"record {i}: a str or a dict, not {type(record).__name__}")
    results = []
    for record_id, raw in zip(ids, _native.analyze_many_json(items, jobs, only)):
        analysis = json.loads(raw)
        if record_id is not None:
            analysis = {"id": record_id, **analysis}
        results.append(analysis)
    return results
