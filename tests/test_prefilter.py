"""QuickSearch (extractor/recognise/prefilter.py) must find exactly what its `regex` pattern
finds: the prefilter only decides where the pattern is tried. Checked for every QuickSearch
the pipeline builds from the rules, on text cut from the bundled samples and then mutated
(case, spacing, characters whose case folding changes the length or the script)."""
from __future__ import annotations

import random

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from pathlib import Path

from extractor.recognise.prefilter import QuickSearch, casefolded, heads_of

SAMPLES = Path(__file__).resolve().parent.parent / "samples"


def _quick_searches(nlp) -> list[tuple[str, QuickSearch]]:
    """Every QuickSearch reachable from the pipeline's components (a few attribute levels)."""
    found: dict[int, tuple[str, QuickSearch]] = {}
    seen: set[int] = set()

    def walk(obj, path: str, depth: int) -> None:
        if id(obj) in seen or depth > 3:
            return
        seen.add(id(obj))
        if isinstance(obj, QuickSearch):
            found[id(obj)] = (path, obj)
            return
        if not type(obj).__module__.startswith("extractor"):
            return
        for name, value in vars(obj).items() if hasattr(obj, "__dict__") else ():
            walk(value, f"{path}.{name}", depth + 1)

    for name, pipe in nlp.pipeline:
        walk(pipe, name, 0)
    return sorted(found.values(), key=lambda kv: kv[0])


@pytest.fixture(scope="module")
def searches(nlp):
    found = _quick_searches(nlp)
    # the dates/periods recogniser and the meetings linker build them: if these are missing,
    # the walk above is wrong and the tests below would check nothing
    names = {p.rsplit(".", 1)[-1] for p, _ in found}
    assert {"date_search", "period_search", "dateline_search", "kind_search", "chair_search"} <= names
    return found


_SAMPLE_TEXT = "\n".join(p.read_text(encoding="utf-8") for p in sorted(SAMPLES.glob("*.txt")))
# characters whose case folding is longer ("ß", "ﬁ", "İ"), or not Vietnamese ("ſ" folds to
# "s", Arabic-Indic and full-width digits), and the separators the patterns look at
_ODD = ["ß", "ﬁ", "İ", "ſ", "٣", "２", "\u00a0", "\t", "  ", "/", "-", ",", ".", "%", "\ue000"]


def _mutate(piece: str, rng: random.Random) -> str:
    out = []
    for word in piece.split(" "):
        roll = rng.random()
        if roll < 0.08:
            word = word.upper()
        elif roll < 0.14:
            word = word.title()
        elif roll < 0.18:
            word = word.lower()
        if rng.random() < 0.05:
            word = rng.choice(_ODD) + word if rng.random() < 0.5 else word + rng.choice(_ODD)
        out.append(word)
    return " ".join(out)


@st.composite
def sample_texts(draw) -> str:
    rng = random.Random(draw(st.integers(0, 2**32 - 1)))
    pieces = []
    for _ in range(draw(st.integers(1, 4))):
        start = rng.randrange(len(_SAMPLE_TEXT) - 1)
        pieces.append(_mutate(_SAMPLE_TEXT[start:start + rng.randrange(20, 400)], rng))
    return rng.choice([" ", "\n", ". ", ""]).join(pieces)


def _spans(matches) -> list[tuple[tuple[int, int], str]]:
    return [(m.span(), m.group()) for m in matches]


@settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(text=sample_texts(), data=st.data())
def test_quick_search_finds_what_the_pattern_finds(searches, text, data):
    folded = casefolded(text)
    pos = data.draw(st.integers(0, len(text)))
    for path, qs in searches:
        assert _spans(qs.finditer(text, folded)) == _spans(qs.pattern.finditer(text)), path
        got, want = qs.search(text, folded, pos), qs.pattern.search(text, pos)
        assert (got and (got.span(), got.group())) == (want and (want.span(), want.group())), path


def test_every_sample_gives_the_same_matches_both_ways(searches):
    for path in sorted(SAMPLES.glob("*.txt")):
        text = path.read_text(encoding="utf-8")
        for name, qs in searches:
            assert _spans(qs.finditer(text, casefolded(text))) == _spans(qs.pattern.finditer(text)), (path.name, name)


@pytest.mark.parametrize("text, expected", [
    ("Kỳ họp thứ Ba", 10),          # "ß" is not in the text: folding keeps the length
    ("Straße Kỳ họp", None),        # "ß" folds to "ss": offsets would shift, so no folded text
])
def test_casefolded_refuses_a_text_whose_length_changes(text, expected):
    folded = casefolded(text)
    assert (folded is None) == (expected is None)
    if folded is not None:
        assert folded == text.casefold() and len(folded) == len(text)


def test_heads_of_matches_whole_words_only():
    import re

    rx = re.compile(heads_of(["kỳ họp", "phiên họp"], whole=True))
    assert rx.search("khai mạc kỳ họp thứ ba").start() == 9
    assert rx.search("phiên họpx") is None          # glued to a letter: no word boundary
    assert rx.search("không có cuộc họp nào") is None
    assert re.fullmatch(heads_of([]), "x") is None   # no words: matches nothing
