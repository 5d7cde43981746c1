"""The spaCy pipeline: our tokenizer, then the registered stages in order.

``STAGES`` is the order in which stages run; the order matters because recognisers claim
the characters they read (document codes before dates, dates before numbers, money before
percentages before quantities), and linkers read what recognisers left on the Doc.
"""
from __future__ import annotations

from functools import lru_cache
from typing import Iterable

import spacy
from spacy.language import Language
from spacy.tokens import Doc

from . import link  # noqa: F401  (registers the linker factories)
from . import recognise  # noqa: F401  (registers the recogniser factories)
from . import segment  # noqa: F401  (registers the tokenizer)
from .document import prepare

STAGES: list[str] = [
    "vngov_documents",
    "vngov_dates",
    "vngov_periods",
    "vngov_money",
    "vngov_percentages",
    "vngov_quantities",
    "vngov_places",
    "vngov_organisations",
    "vngov_officials",
    "vngov_meetings",
    "vngov_indicators",  # linkers last: they read what the recognisers left
]


def make_nlp(rules_dirs: Iterable[str] = ()) -> Language:
    """A fresh pipeline: ``nlp(text).`` runs every stage; ``nlp.pipe_names`` lists them."""
    dirs = [str(d) for d in rules_dirs]
    nlp = spacy.blank("vi", config={"nlp": {"tokenizer": {
        "@tokenizers": "vngov.underthesea_tokenizer.v1", "rules_dirs": dirs}}})
    for name in STAGES:
        nlp.add_pipe(name, config={"rules_dirs": dirs})
    # spaCy's own limit (1,000,000 characters) protects its parser and NER, which this
    # pipeline does not run; our tokenizer applies segment.MAX_ARTICLE_CHARS with a clear message
    nlp.max_length = segment.MAX_ARTICLE_CHARS + 1
    return nlp


@lru_cache(maxsize=8)
def _cached(rules_key: tuple[str, ...]) -> Language:
    return make_nlp(rules_key)


def get_nlp(rules_dirs: Iterable[str] | None = None) -> Language:
    """The pipeline for these rule folders, built once per process."""
    return _cached(tuple(str(d) for d in (rules_dirs or ())))


class VngovComponent:
    """Every stage as one component, for a user's own spaCy pipeline:
    ``nlp.add_pipe("vngov")`` puts records on ``doc._.records`` and spans in ``doc.spans``.
    Works with any tokenizer (offsets are characters of ``doc.text``)."""

    def __init__(self, nlp: Language, name: str, rules_dirs: list[str]):
        self.name = name
        self.rules_dirs = list(rules_dirs)
        self.stages = [(n, nlp.create_pipe(n, config={"rules_dirs": self.rules_dirs})) for n in STAGES]

    def __call__(self, doc: Doc) -> Doc:
        prepare(doc)
        for _, stage in self.stages:
            doc = stage(doc)
        return doc


@Language.factory("vngov", default_config={"rules_dirs": []})
def make_vngov_component(nlp: Language, name: str, rules_dirs: list[str]) -> VngovComponent:
    return VngovComponent(nlp, name, rules_dirs)
