"""Reading article dumps: a .txt file, a folder of them, a .jsonl export, or stdin.

Every article the input holds becomes one ``Article``; one that cannot be read becomes an
``Article`` with ``error`` set and an id naming the file and line, so it still yields one
output object.
"""
from __future__ import annotations

import json
import sys
from dataclasses import dataclass
from pathlib import Path
from typing import IO, Iterable, Iterator

from .api import Article

TEXT_SUFFIXES = (".txt", ".md")
JSONL_SUFFIXES = (".jsonl", ".ndjson")


@dataclass
class FieldMap:
    """Which input fields hold the text, id, title, publication date and URL."""

    text: str = "text"
    id: str = "id"
    title: str = "title"
    published: str = "published"
    url: str = "url"


def _from_record(obj: dict, fields: FieldMap, where: str) -> Article:
    def get(name: str):
        v = obj.get(name)
        return None if v is None else str(v)

    text = obj.get(fields.text)
    aid = get(fields.id) or where
    if not isinstance(text, str):
        got = "missing" if text is None else f"a {type(text).__name__}, not text"
        return Article(text=None, id=aid, source=where, error=f"{where}: field '{fields.text}' is {got}")
    return Article(text=text, id=aid, title=get(fields.title), published=get(fields.published),
                   url=get(fields.url), source=where)


def read_jsonl(stream: IO[str], name: str, fields: FieldMap) -> Iterator[Article]:
    for lineno, line in enumerate(stream, 1):
        where = f"{name}:{lineno}"
        if not line.strip():
            continue
        try:
            obj = json.loads(line)
        except json.JSONDecodeError as exc:
            yield Article(text=None, id=where, source=where, error=f"{where}: invalid JSON ({exc.msg})")
            continue
        if not isinstance(obj, dict):
            yield Article(text=None, id=where, source=where,
                          error=f"{where}: expected a JSON object, got {type(obj).__name__}")
            continue
        yield _from_record(obj, fields, where)


def read_text_file(path: Path) -> Article:
    try:
        text = path.read_text(encoding="utf-8")
    except UnicodeDecodeError as exc:
        return Article(text=None, id=str(path), source=str(path), error=f"{path}: not UTF-8 ({exc.reason})")
    except OSError as exc:
        return Article(text=None, id=str(path), source=str(path), error=f"{path}: {exc.strerror}")
    return Article(text=text, id=path.stem, source=str(path))


def iter_articles(inputs: Iterable[str], fields: FieldMap | None = None) -> Iterator[Article]:
    """Articles from every input in order: files, folders (recursive, sorted), or "-"."""
    fields = fields or FieldMap()
    for inp in inputs:
        if inp == "-":
            yield from read_jsonl(sys.stdin, "<stdin>", fields)
            continue
        path = Path(inp)
        if path.is_dir():
            for p in sorted(q for q in path.rglob("*") if q.is_file()):
                if p.suffix.lower() in TEXT_SUFFIXES + JSONL_SUFFIXES:
                    yield from _read_path(p, fields)
        elif path.is_file():
            yield from _read_path(path, fields)
        else:
            yield Article(text=None, id=str(path), source=str(path), error=f"{path}: no such file or folder")


def _read_path(path: Path, fields: FieldMap) -> Iterator[Article]:
    if path.suffix.lower() in JSONL_SUFFIXES:
        with path.open(encoding="utf-8", errors="replace") as fh:
            yield from read_jsonl(fh, str(path), fields)
    else:
        yield read_text_file(path)
