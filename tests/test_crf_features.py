"""TemplateFeaturizer must build exactly the feature strings underthesea_core's CRFFeaturizer
builds for the word-segmentation CRF (then the CRF tags exactly the same words), or step
aside (None) so underthesea's featurizer does it."""
from __future__ import annotations

import random
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from extractor import segment
from extractor.crf_features import CHECKED_CHARACTER_RANGES, TemplateFeaturizer

SAMPLES = Path(__file__).resolve().parent.parent / "samples"


@pytest.fixture(scope="module")
def pair():
    """(TemplateFeaturizer, underthesea_core's CRFFeaturizer.process) of the loaded model."""
    segmenter = segment.crf_segmenter()
    assert segmenter is not None
    return segmenter._features, segmenter._featurize


def _theirs(reference, tokens):
    return reference([[[t] for t in tokens]])[0]


def _assert_same_or_declined(pair, tokens):
    mine, reference = pair
    features = mine(tokens)
    if features is not None:
        assert [list(row) for row in features] == _theirs(reference, tokens), tokens


def test_the_template_featurizer_is_in_use(pair):
    # None would mean underthesea's featurizer does all the work: correct, but the speed-up
    # is gone; say so instead of passing quietly
    assert isinstance(pair[0], TemplateFeaturizer)
    assert len(pair[0].templates) == 43


def test_sample_sentences_give_the_same_features(pair):
    from underthesea import sent_tokenize
    from underthesea.pipeline.word_tokenize.regex_tokenize import tokenize

    mine, reference = pair
    checked = 0
    for path in sorted(SAMPLES.glob("*.txt")):
        for paragraph in path.read_text(encoding="utf-8").split("\n"):
            for sentence in sent_tokenize(paragraph) if paragraph.strip() else []:
                tokens = tokenize(sentence)
                if tokens:
                    features = mine(tokens)
                    assert features is not None, sentence  # Vietnamese news stays on the fast path
                    assert [list(row) for row in features] == _theirs(reference, tokens)
                    checked += 1
    assert checked > 150


def test_one_two_and_three_token_sentences_have_the_right_edges(pair):
    for tokens in (["Hà"], ["Hà", "Nội"], ["Thành", "phố", "Huế"], ["tăng", "7,4", "%", "."]):
        _assert_same_or_declined(pair, tokens)
        assert pair[0](tokens) is not None
    rows = pair[0](["Hà"])
    assert "T[-1]=BOS" in rows[0] and "T[1]=EOS" in rows[0] and "T[0,1]=EOS" in rows[0]


@pytest.mark.parametrize("token", ["0", "+12", "-0", "2147483647", "2147483648", "-2147483648",
                                   "-2147483649", "0000000000000000012", "9" * 5000, "+", "-",
                                   "1.5", "2.500", "٣", "１２", "12a", "+-1"])
def test_isdigit_is_a_32_bit_integer_parse(pair, token):
    _assert_same_or_declined(pair, ["số", token, "là"])


def test_every_checked_character_is_handled_alike_or_declined(pair):
    mine, reference = pair
    chars = [chr(c) for start, end in CHECKED_CHARACTER_RANGES for c in range(start, end + 1)]
    # in context too: each character between two words, as the first and the last token
    for c in chars:
        _assert_same_or_declined(pair, ["Ủy", c, "ban"])
    # every Vietnamese letter, both cases, is on the fast path
    letters = "aăâbcdđeêghiklmnoôơpqrstuưvxyáàảãạắằẳẵặấầẩẫậéèẻẽẹếềểễệíìỉĩịóòỏõọốồổỗộớờởỡợúùủũụứừửữựýỳỷỹỵ"
    for c in letters + letters.upper():
        assert mine([c, "a"]) is not None, c


@pytest.mark.parametrize("token", ["Σ", "ΑΣ", "漢字", "ǅ", "ß", "İ", "\u0345", "ꟍ", "a b", ""])
def test_other_characters_are_declined_or_handled_alike(pair, token):
    mine, _ = pair
    if token in ("", "a b"):
        assert mine(["x", token]) is None  # never sent to Python's reading of a split
    else:
        _assert_same_or_declined(pair, ["Nội", token, "dung"])


_SYLLABLES = ["Hà", "Nội", "hà", "nội", "Ủy", "ban", "nhân", "dân", "tỉnh", "ngân", "sách", "tỷ",
              "đồng", "GDP", "UBND", "TP.", "tăng", "7,4", "%", "12", "-3", "+5", "2026", ".", ",",
              "(", ")", "/", "…", "–", "Quyết", "định", "số", "15/2021/QĐ-UBND", "Thủ", "tướng",
              "khoá", "thuỷ", "Straße", "İ", "ǅ", "x"]


@settings(max_examples=300, deadline=None)
@given(tokens=st.lists(st.sampled_from(_SYLLABLES), min_size=1, max_size=12))
def test_random_syllable_sequences_give_the_same_features(pair, tokens):
    _assert_same_or_declined(pair, tokens)


@settings(max_examples=200, deadline=None)
@given(tokens=st.lists(st.text(min_size=1, max_size=4).filter(lambda t: " " not in t),
                       min_size=1, max_size=6))
def test_arbitrary_unicode_tokens_give_the_same_features_or_are_declined(pair, tokens):
    _assert_same_or_declined(pair, tokens)


def test_unknown_templates_are_refused():
    with pytest.raises(ValueError):
        TemplateFeaturizer(["T[0]", "T[0][1].lower"], set(), "abc")
    with pytest.raises(ValueError):
        TemplateFeaturizer(["T[1,-1]"], set(), "abc")


def test_a_featurizer_that_cannot_reproduce_the_reference_is_not_used(pair):
    _, reference = pair
    from underthesea.pipeline import word_tokenize as wt_module

    model_dir = str(Path(wt_module.__file__).parent / "models" / segment.WORD_SEGMENTATION_MODEL)
    assert TemplateFeaturizer.for_model(model_dir, reference) is not None

    def shuffled(sentences):  # a reference whose feature order differs
        rows = reference(sentences)
        return [[list(reversed(row)) for row in sentence] for sentence in rows]

    assert TemplateFeaturizer.for_model(model_dir, shuffled) is None
    assert TemplateFeaturizer.for_model("/nonexistent", reference) is None


def test_declined_sentences_still_get_underthesea_words():
    from underthesea import word_tokenize

    segmenter = segment.crf_segmenter()
    sentence = "Đoàn công tác ΑΣ và 漢字 làm việc với Ủy ban nhân dân tỉnh."
    words, ranges = segmenter(sentence)
    got = words if words is not None else [sentence[s:e] for s, e in ranges]
    assert got == word_tokenize(sentence)


def test_remembered_tokens_stay_bounded(pair, monkeypatch):
    mine, reference = pair
    monkeypatch.setattr(TemplateFeaturizer, "MAX_REMEMBERED_TOKENS", len(mine._tokens))
    rng = random.Random(7)
    fresh = ["zq" + "".join(rng.choice("abcdeghik") for _ in range(8)) for _ in range(50)]
    before = len(mine._tokens)
    _assert_same_or_declined(pair, fresh)
    assert len(mine._tokens) == before
