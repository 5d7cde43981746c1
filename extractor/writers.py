"""Stage 6 — write: JSONL (one object per article, written as produced)."""
from __future__ import annotations

import json
from typing import IO, Iterable

from .api import ArticleResult


def dumps(result: ArticleResult | dict) -> str:
    obj = result.to_dict() if isinstance(result, ArticleResult) else result
    return json.dumps(obj, ensure_ascii=False, separators=(",", ":"))


class JsonlWriter:
    """Writes one line per result and flushes it, so an interrupted run leaves a valid file
    up to the last finished article."""

    def __init__(self, stream: IO[str]):
        self.stream = stream

    def write(self, result: ArticleResult | dict) -> None:
        self.stream.write(dumps(result) + "\n")
        self.stream.flush()

    def write_all(self, results: Iterable[ArticleResult | dict]) -> None:
        for r in results:
            self.write(r)
