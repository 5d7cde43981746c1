"""The library API: ``extract`` one text, ``extract_many`` a stream of articles.

Every input article yields exactly one ``ArticleResult``: ``status == "ok"`` with records, or
``status == "error"`` with a message. Nothing is dropped silently.
"""
from __future__ import annotations

import hashlib
from dataclasses import dataclass, field
from typing import Any, Iterable, Iterator, Mapping

from spacy.tokens import Doc

from .records import article_dict


@dataclass
class Article:
    """One input article. ``error`` is set by a reader that could not read it (broken JSON
    line, undecodable file): it still becomes one output object."""

    text: str | None
    id: str | None = None
    title: str | None = None
    published: str | None = None
    url: str | None = None
    source: str | None = None
    error: str | None = None
    extra: dict[str, Any] = field(default_factory=dict)
    # set by the readers: where an earlier article with the same id came from, and problems
    # met while reading (bytes that were not UTF-8...), both carried to the output object
    duplicate_of: str | None = None
    warnings: list[str] = field(default_factory=list)

    @classmethod
    def coerce(cls, item: "Article | str | Mapping[str, Any]", index: int | None = None) -> "Article":
        if isinstance(item, Article):
            return item
        if isinstance(item, str):
            return cls(text=item)
        if isinstance(item, Mapping):
            known = {k: item.get(k) for k in ("text", "id", "title", "published", "url", "source", "error")}
            text = known.pop("text")
            art = cls(text=text, **{k: (None if v is None else str(v)) for k, v in known.items()})
            return art
        return cls(text=None, id=None if index is None else f"#{index}",
                   error=f"not an article: {type(item).__name__}")


@dataclass
class ArticleResult:
    id: str | None
    status: str
    error: str | None
    meta: dict[str, Any]
    records: dict[str, list[dict]]
    text: str | None = None
    doc: Doc | None = None

    @property
    def published(self) -> str | None:
        return self.meta.get("published")

    @property
    def title(self) -> str | None:
        return self.meta.get("title")

    def to_dict(self, include_text: bool = False) -> dict[str, Any]:
        out = article_dict(self.meta, self.records, self.status, self.error)
        if include_text:
            out["text"] = self.text
        return out

    def __getitem__(self, rtype: str) -> list[dict]:
        return self.to_dict()[rtype]


def article_id(article: Article) -> str:
    if article.id not in (None, ""):
        return str(article.id)
    digest = hashlib.sha1((article.text or "").encode("utf-8", "surrogatepass")).hexdigest()[:16]
    return f"sha1-{digest}"


def _meta(article: Article, aid: str) -> dict[str, Any]:
    return {"id": aid, "source": article.source, "url": article.url, "title": article.title,
            "published": article.published, **({"extra": article.extra} if article.extra else {}),
            **({"duplicate_of": article.duplicate_of} if article.duplicate_of else {}),
            **({"warnings": list(article.warnings)} if article.warnings else {})}


def error_result(article: Article, message: str) -> ArticleResult:
    aid = article_id(article)
    return ArticleResult(aid, "error", message, _meta(article, aid), {})


def process(article: Article, nlp=None, keep_doc: bool = True) -> ArticleResult:
    """Run the pipeline on one article; any failure becomes an error result naming it."""
    from .pipeline import get_nlp

    aid = article_id(article)
    if article.error:
        return error_result(article, article.error)
    if not isinstance(article.text, str):
        return error_result(article, f"article {aid}: no text (got {type(article.text).__name__})")
    nlp = nlp or get_nlp()
    try:
        doc = nlp.make_doc(article.text)
        meta = _meta(article, aid)
        if not meta["title"]:
            meta["title"] = doc._.meta.get("title")
        doc._.meta.update({k: v for k, v in meta.items() if v is not None or k not in doc._.meta})
        for _, proc in nlp.pipeline:
            doc = proc(doc)
    except Exception as exc:  # one bad article must not stop a run over a million
        return error_result(article, f"article {aid}: {type(exc).__name__}: {exc}")
    meta = {k: v for k, v in doc._.meta.items() if k != "title_span"}
    return ArticleResult(aid, "ok", None, meta, doc._.records, doc._.text, doc if keep_doc else None)


def extract(text: str, *, published: str | None = None, id: str | None = None,
            title: str | None = None, url: str | None = None, source: str | None = None,
            rules: Iterable[str] | None = None) -> ArticleResult:
    """Extract every record from one article text.

    >>> r = extract("Thu ngân sách đạt trên 30 tỷ đồng, bằng 84,3% dự toán.")
    >>> r.to_dict()["money"][0]["amount"]
    30000000000
    """
    from .pipeline import get_nlp

    art = Article(text=text, id=id, title=title, published=published, url=url, source=source)
    return process(art, get_nlp(rules))


def extract_many(items: Iterable[Article | str | Mapping[str, Any]], *,
                 rules: Iterable[str] | None = None, keep_doc: bool = False, workers: int = 1,
                 timeout: float | None = None, chunk_size: int = 4) -> Iterator[ArticleResult]:
    """Stream results in input order, one per input item (texts, dicts or ``Article``).

    ``workers=N`` runs the pipeline in N processes (see ``extractor.parallel``); ``timeout``
    (seconds) turns an article that takes longer into an error result.
    """
    from .parallel import run

    if keep_doc and workers > 1:
        raise ValueError("keep_doc=True needs workers=1: a spaCy Doc stays in the process that made it")
    return run(items, workers=workers, rules=rules, timeout=timeout, keep_doc=keep_doc,
               chunk_size=chunk_size)
