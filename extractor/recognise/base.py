"""Recognisers: small classes with patterns from ``rules/`` and a score, in a registry.

Modelled on Presidio's analyzer: a recogniser finds ``Match`` objects (a character range,
the record it stands for, the rule that fired and a score); the component that wraps it
writes the records and spaCy spans onto the Doc and claims the ranges, so that later
recognisers do not read the same characters again (a date is never also a quantity).
"""
from __future__ import annotations

from bisect import bisect_left, bisect_right
from dataclasses import dataclass, field
from typing import Any, Callable, Iterable, Iterator

import regex
from spacy.language import Language
from spacy.tokens import Doc

from ..component import ConfigState
from ..document import prepare
from ..rules import Rules, load_rules


@dataclass
class Match:
    start: int
    end: int
    record: dict[str, Any]
    rule: str
    score: float = 1.0
    claim: bool = True
    record_type: str | None = None  # defaults to the recogniser's own
    extra_spans: list[tuple[int, int]] = field(default_factory=list)


class Recognizer:
    """One job: find one kind of thing. Subclasses set ``name``/``record_type`` and
    implement ``find``; they read their words from ``rules`` in ``__init__``."""

    name = "recognizer"
    record_type = ""

    def __init__(self, rules: Rules):
        self.rules = rules

    def find(self, doc: Doc) -> Iterable[Match]:  # pragma: no cover - interface
        raise NotImplementedError


REGISTRY: dict[str, type[Recognizer]] = {}

RULE_FLAGS = regex.IGNORECASE | regex.V1


def compile_rule(pattern: str, flags: int = RULE_FLAGS) -> regex.Pattern:
    """Compile a recogniser pattern. Under V1, IGNORECASE means full Unicode case folding
    ("ß" = "ss"), which makes every match attempt 3-4x slower and which Vietnamese never needs
    (its letters fold one to one), so simple case folding is used."""
    if flags & regex.IGNORECASE and flags & regex.V1:
        pattern = "(?-f)" + pattern
    return regex.compile(pattern, flags)


def register(component_name: str) -> Callable[[type[Recognizer]], type[Recognizer]]:
    """Class decorator: registers the recogniser and a spaCy factory of the same name."""

    def wrap(cls: type[Recognizer]) -> type[Recognizer]:
        REGISTRY[component_name] = cls

        @Language.factory(component_name, default_config={"rules_dirs": []})
        def factory(nlp: Language, name: str, rules_dirs: list[str]) -> RecognizerComponent:
            return RecognizerComponent(cls, rules_dirs, name)

        return cls

    return wrap


class RecognizerComponent(ConfigState):
    """The spaCy pipeline component around a recogniser."""

    def __init__(self, cls: type[Recognizer], rules_dirs: Iterable[str] = (), name: str = ""):
        self.cls = cls
        self.name = name or cls.name
        self.rules_dirs = list(rules_dirs)
        self.recognizer = cls(load_rules(self.rules_dirs))

    def __call__(self, doc: Doc) -> Doc:
        prepare(doc)
        # each ``doc._.x`` builds an accessor object: read them once, not once per match
        ext = doc._
        claims, text, records = ext.claims, ext.text, ext.records
        default_type = self.recognizer.record_type
        spans: dict[str, list] = {}  # new spans per record type, added to doc.spans at the end
        for m in self.recognizer.find(doc):
            start, end = m.start, m.end
            if m.claim and not claims.is_free(start, end):
                continue
            rtype = m.record_type or default_type
            rec = m.record
            if "text" in rec or "span" in rec or end > start:
                rec.setdefault("text", text[start:end])
                rec.setdefault("span", [start, end])
            rec["rule"] = m.rule
            rec["score"] = round(m.score, 3)
            records.setdefault(rtype, []).append(rec)
            if end > start:
                span = doc.char_span(start, end, label=rtype, alignment_mode="expand")
                if span is not None:
                    spans.setdefault(rtype, []).append(span)
            if m.claim:
                claims.take(start, end, rtype)
        for rtype, new in spans.items():
            if rtype in doc.spans:
                doc.spans[rtype].extend(new)
            else:
                doc.spans[rtype] = new
        return doc

    def configure(self, rules_dirs: Iterable[str] = ()) -> None:
        self.__init__(self.cls, rules_dirs, self.name)


def iter_free(doc: Doc, matches: Iterable[Match]) -> Iterator[Match]:
    """Matches whose range nobody has claimed yet (for recognisers that pre-filter)."""
    claims = doc._.claims
    for m in matches:
        if claims.is_free(m.start, m.end):
            yield m


def matches_at(rx: regex.Pattern, text: str, starts: list[int]) -> Iterator[regex.Match]:
    """What ``rx.finditer(text)`` yields, when every match of ``rx`` starts at one of
    ``starts``: the pattern is tried only there (lookbehinds still see the text before)."""
    end = 0
    match = rx.match
    for start in starts:
        if start >= end:
            m = match(text, start)
            if m:
                yield m
                end = m.end()


def starts_before(text: str, starts: list[int], tail: regex.Pattern) -> list[int]:
    """The ``starts`` that have a match of ``tail`` at or after them on the same line: all
    that a pattern can start from when its matches never cross a line break and always
    contain ``tail``. Linear: each start is kept once, found by bisection from each tail."""
    kept: list[int] = []
    done = 0  # starts[:done] are kept or ruled out
    line_start = previous = 0
    for m in tail.finditer(text, overlapped=True):
        at = m.start()
        # look for a line break only since the previous tail: linear on one long line
        newline = text.rfind("\n", previous, at)
        if newline >= 0:
            line_start = newline + 1
        previous = at
        lo = max(done, bisect_left(starts, line_start))
        hi = bisect_right(starts, at)
        if hi > lo:
            kept.extend(starts[lo:hi])
            done = hi
    return kept


def alternation(words: Iterable[str], boundary: bool = True) -> str:
    """A regex alternation of literal words, longest first, whole words only."""
    alts = "|".join(regex.escape(w) for w in sorted(set(words), key=len, reverse=True) if w)
    if not alts:
        return r"(?!x)x"
    # \w boundaries: several times faster in `regex` than [\p{L}\d] classes, same meaning here
    return rf"(?<!\w)(?:{alts})(?!\w)" if boundary else f"(?:{alts})"
