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


def _sample_with_insertions(seed: int, max_len: int, alphabet: list[str]) -> str:
    """A piece of sample text (20 to ``max_len`` characters) with 1-11 strings of
    ``alphabet`` inserted at random places."""
    rng = random.Random(seed)
    start = rng.randrange(len(_SAMPLE_TEXT) - 1)
    chars = list(_SAMPLE_TEXT[start:start + rng.randrange(20, max_len)])
    for _ in range(rng.randrange(1, 12)):
        chars.insert(rng.randrange(len(chars) + 1), rng.choice(alphabet))
    return "".join(chars)
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


# --- the shortcut in front of underthesea's token regex (segment.LETTER_RUN_SHORTCUT) ---

def _token_spans(pattern, text: str) -> list[tuple[int, int]]:
    return [m.span() for m in pattern.finditer(text)]


def _plain_and_shortcut():
    from underthesea.pipeline.word_tokenize import regex_tokenize

    return regex_tokenize.patterns, segment.crf_segmenter()._token_regex


def test_the_token_shortcut_is_in_use():
    plain, shortcut = _plain_and_shortcut()
    assert shortcut is not plain and segment.LETTER_RUN_SHORTCUT in shortcut.pattern


def test_sample_text_gives_the_same_tokens_with_the_shortcut():
    plain, shortcut = _plain_and_shortcut()
    for line in _SAMPLE_TEXT.splitlines():
        assert _token_spans(shortcut, line) == _token_spans(plain, line), line


@pytest.mark.parametrize("text", [
    "ThS Lê Hoa, Th.S Trần Minh, Th S Võ, ThaS, Thuở, Thanh Hoá (Th) Th,S ThS.",
    "TP.HCM, T.Ư, H&M, H'Mông, N’Thôn, Tp. Huế, Mr. An, Dr. Bình, NĐ-CP, e-mail",
    "v.v... v.v. v.v v, x, vx, 3x4 °C °F ʺabʺ aʺb ʺ",
    "http://a.vn https://b.gov.vn/x?y=1 ftp:x www.chinhphu.vn/a email@a.vn ab.vn/ ab.cd",
    "http, https: (http) ftp, (ab) ab(cd) ab)cd ,ab, ab,,cd ((a)) :) :D =)) <3 ♥‿♥",
    "km/h 12% ab; ab;cd Th;S Th/s Th%S Th\nS Th\tS ThS; ThS/ Tp; Mr/ http;// http/a ab%/;",
    "4K 43H-0530 12A 1.234,5 100,000 60.542.000 02/05/2014 10:20:50 03-5730-2357",
    "abc_def ab²c Ⅳ ½ ٣٤ ２０ ǅ ß ﬁ İ ſ Ω ħ mỹ-phẩm kinh-tế--xã ab- -ab a-b-",
    "\u00a0ab\u2003cd\u200bef\x1fgh\tij\nkl\u3000mn",
])
def test_hostile_text_gives_the_same_tokens_with_the_shortcut(text):
    plain, shortcut = _plain_and_shortcut()
    assert _token_spans(shortcut, text) == _token_spans(plain, text)


# every character some alternative of underthesea's regex treats specially, next to letters
_HOSTILE_ALPHABET = (list("ThSsTUƯĐđaxvDeCFmpr'’&.,()-:;%=<>@+_/ʺ°♥‿39²Ⅳ٣ ")
                     + ["\t", "\n", "\r", "\x1f", "\u00a0", "\u200b", "\u3000", "ể", "Ố"])


@settings(max_examples=400, deadline=None)
@given(text=st.text(alphabet=st.sampled_from(_HOSTILE_ALPHABET), max_size=40))
def test_hostile_strings_give_the_same_tokens_with_the_shortcut(text):
    plain, shortcut = _plain_and_shortcut()
    assert _token_spans(shortcut, text) == _token_spans(plain, text)


@settings(max_examples=200, deadline=None)
@given(seed=st.integers(0, 2**32 - 1))
def test_mutated_sample_text_gives_the_same_tokens_with_the_shortcut(seed):
    text = _sample_with_insertions(seed, 400, _HOSTILE_ALPHABET + ["Th", "Th.S", "http:"])
    plain, shortcut = _plain_and_shortcut()
    assert _token_spans(shortcut, text) == _token_spans(plain, text)


# --- segment.PunktSentences: underthesea's sent_tokenize without the per-character loop ---

def _sent_tokenize():
    from underthesea import sent_tokenize

    return sent_tokenize


def test_the_sentence_copy_is_in_use():
    assert segment.punkt_sentences() is not None


@pytest.mark.parametrize("path", sorted(SAMPLES.glob("*.txt")), ids=lambda p: p.stem)
def test_samples_give_the_same_sentences_as_sent_tokenize(path):
    text = path.read_text(encoding="utf-8")
    for piece in [text] + text.splitlines():
        assert segment.punkt_sentences()(piece) == _sent_tokenize()(piece)


@pytest.mark.parametrize("text", [
    "Tp. Hồ Chí Minh tăng 1.500.000 đồng. Ông Nguyễn A. Bình dự họp! Vì sao? Vâng?! Hết",
    "Chờ đã... Rồi sao... tiếp tục.... Cuối cùng... \t\n Kết thúc...",
    "TS. Lê Hoa, ThS. Trần Minh, e.g. ví dụ, g.m.t. giờ, Dr. An. 3.5. 3. 5 .5 5. A.B.C. đ.",
    "", " ", ".", "...", "?!", " . ", "a.\r\nB", "Ê. Ô? Ư! ổ... ở...Ạ",
])
def test_hard_cases_give_the_same_sentences_as_sent_tokenize(text):
    assert segment.punkt_sentences()(text) == _sent_tokenize()(text)


_SENTENCE_ALPHABET = list("aAbTtĐÊổ.?!…0123 \t\n\r") + ["...", "Tp.", "e.g.", "Dr. ", "1.5", "?!", "g.m.t."]


@settings(max_examples=400, deadline=None)
@given(text=st.lists(st.sampled_from(_SENTENCE_ALPHABET), max_size=30).map("".join))
def test_hostile_strings_give_the_same_sentences_as_sent_tokenize(text):
    assert segment.punkt_sentences()(text) == _sent_tokenize()(text)


@settings(max_examples=100, deadline=None)
@given(seed=st.integers(0, 2**32 - 1))
def test_mutated_sample_text_gives_the_same_sentences_as_sent_tokenize(seed):
    text = _sample_with_insertions(seed, 800, _SENTENCE_ALPHABET)
    assert segment.punkt_sentences()(text) == _sent_tokenize()(text)
