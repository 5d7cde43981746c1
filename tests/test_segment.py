"""The word ranges taken straight from underthesea's token matches (CrfWordSegmenter) must be
the ranges that ``word_tokenize`` + ``align_words`` give: same words, same offsets, on the
bundled samples, on text mutated to hit the fall-back paths, and on hostile strings."""
from __future__ import annotations

import random
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from extractor import segment
from extractor.normalise import Normaliser
from extractor.rules import load_rules

SAMPLES = Path(__file__).resolve().parent.parent / "samples"


@pytest.fixture(scope="module")
def normaliser():
    return Normaliser(load_rules([]))


def _ranges(text: str, normaliser, via_word_tokenize: bool) -> list[tuple[int, int]]:
    norm = normaliser(text)
    sentences = segment.split_sentences(norm.text, norm.paragraphs)
    if not via_word_tokenize:
        return segment.tokenize_ranges(norm.text, sentences)
    real = segment._underthesea
    sent_tokenize, word_tokenize = real()
    # not underthesea's own function object: tokenize_ranges then takes the old path
    segment._underthesea = lambda: (sent_tokenize, lambda s: word_tokenize(s))
    try:
        return segment.tokenize_ranges(norm.text, sentences)
    finally:
        segment._underthesea = real


def _words(text: str, normaliser, via_word_tokenize: bool) -> list[str]:
    norm_text = normaliser(text).text
    return [norm_text[s:e] for s, e in _ranges(text, normaliser, via_word_tokenize)]


def test_the_segmenter_is_in_use():
    # if underthesea's layout changed, crf_segmenter() is None and the tests below compare
    # word_tokenize with itself: say so loudly instead
    assert segment.crf_segmenter() is not None


@pytest.mark.parametrize("path", sorted(SAMPLES.glob("*.txt")), ids=lambda p: p.stem)
def test_samples_give_the_same_words_both_ways(path, normaliser):
    text = path.read_text(encoding="utf-8")
    assert _ranges(text, normaliser, False) == _ranges(text, normaliser, True)


def test_multi_syllable_words_are_one_token(normaliser):
    words = _words("Hội đồng nhân dân huyện thông qua nghị quyết về ngân sách.", normaliser, False)
    assert "Hội đồng" in words or "Hội đồng nhân dân" in words
    assert "ngân sách" in words and "nghị quyết" in words


@pytest.mark.parametrize("text", [
    "Thu ngân sách đạt 30 tỷ đồng, hoá đơn điện tử được triển khai ở 12 xã.",   # new-style tone
    "Ông Nguyễn Văn An , Chủ tịch UBND.tỉnh, thuỷ lợi   và\tkhoá học.",         # tabs, odd spaces
    "Kinh phí 1.234,5 triệu đồng (tăng 12,3%) theo Quyết định số 15/2021/QĐ-UBND.",
    "Th S Nguyễn T.Ưu; 5Qui ʺtrích dẫnʺ ð \x1f http://example.vn/a?b=1 email@a.vn",
    "HOÀ BÌNH: KHOÁ HỌP THỨ BA, QUÝ I/2024 TĂNG 6,5%",
    "Straße ﬁnal İstanbul ſ ٣ ２ — không phải tiếng Việt",
    "a" * 3000,                                                                   # cut at MAX_SENTENCE
])
def test_hard_cases_give_the_same_words_both_ways(text, normaliser):
    assert _ranges(text, normaliser, False) == _ranges(text, normaliser, True)


_SAMPLE_TEXT = "\n".join(p.read_text(encoding="utf-8") for p in sorted(SAMPLES.glob("*.txt")))
_ODD = ["oà", "uỷ", "Hoá", "ʺ", "\t", "  ", "\u00a0", "\u200b", "ß", "ﬁ", "\x1f", ".", "-", "/"]


@settings(max_examples=40, deadline=None)
@given(seed=st.integers(0, 2**32 - 1))
def test_mutated_sample_text_gives_the_same_words_both_ways(seed):
    rng = random.Random(seed)
    start = rng.randrange(len(_SAMPLE_TEXT) - 1)
    words = _SAMPLE_TEXT[start:start + rng.randrange(50, 600)].split(" ")
    for i in range(len(words)):
        if rng.random() < 0.1:
            words[i] = words[i] + rng.choice(_ODD) if rng.random() < 0.5 else rng.choice(_ODD) + words[i]
    text = " ".join(words)
    normaliser = Normaliser(load_rules([]))
    assert _ranges(text, normaliser, False) == _ranges(text, normaliser, True)
