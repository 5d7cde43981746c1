"""extractor.decode: bytes of unknown encoding, and text typed for the old Vietnamese fonts.

The legacy tables (rules/legacy_encodings.yaml) are checked for completeness by encoding
every Vietnamese letter with the inverse table and decoding it back; the detection is checked
for precision on texts in other languages and on Unicode Vietnamese with symbols in it.
"""
from __future__ import annotations

import unicodedata

import pytest

from extractor.decode import cp1252_bytes, cp1252_text, decode_bytes, legacy_encodings, repair_text
from extractor.rules import load_rules

TONES = ["", "\u0301", "\u0300", "\u0309", "\u0303", "\u0323"]
VOWELS = ["a", "ă", "â", "e", "ê", "i", "o", "ô", "ơ", "u", "ư", "y"]
LOWER_LETTERS = [unicodedata.normalize("NFC", v + t) for v in VOWELS for t in TONES] + ["đ"]

SENTENCE = ("Ngày 14/10/2020, Hội nghị Ban Chấp hành Đảng bộ huyện lần thứ nhất đã họp; thu ngân "
            "sách đạt trên 30 tỷ đồng, bằng 84,3% dự toán, người dân phấn khởi.")


def encode_with(table: dict[str, str], text: str) -> str:
    """Unicode -> the legacy characters, with the inverse of a decoding table (longest
    Unicode value first is not needed: every value is one letter)."""
    inverse = {}
    for legacy, uni in table.items():
        inverse.setdefault(unicodedata.normalize("NFC", uni), legacy)
    return "".join(inverse.get(c, c) for c in unicodedata.normalize("NFC", text))


def encode_cp1258(text: str) -> bytes:
    """Windows-1258 as Vietnamese software writes it: a precomposed base letter where the code
    page has one, the tone as a combining byte."""
    tone_bytes = {"\u0300": 0xCC, "\u0301": 0xEC, "\u0303": 0xDE, "\u0309": 0xD2, "\u0323": 0xF2}
    out = bytearray()
    for ch in unicodedata.normalize("NFC", text):
        try:
            out += ch.encode("cp1258")
            continue
        except UnicodeEncodeError:
            pass
        parts = unicodedata.normalize("NFD", ch)
        base = unicodedata.normalize("NFC", "".join(c for c in parts if c not in tone_bytes))
        out += base.encode("cp1258") + bytes(tone_bytes[c] for c in parts if c in tone_bytes)
    return bytes(out)


TCVN3 = load_rules()["legacy_encodings"]["tcvn3"]
VNI = load_rules()["legacy_encodings"]["vni"]


# --- the tables --------------------------------------------------------------------------
def test_tcvn3_has_every_lower_case_letter_and_the_seven_capitals():
    values = {unicodedata.normalize("NFC", v) for v in TCVN3.values()}
    missing = [c for c in LOWER_LETTERS if not c.isascii() and c not in values]
    assert missing == []
    assert {"Ă", "Â", "Ê", "Ô", "Ơ", "Ư", "Đ"} <= values
    assert all(len(k) == 1 and 0xA1 <= ord(k) <= 0xFF for k in TCVN3)  # bytes 0x80-0x9F stay punctuation


def test_tcvn3_round_trips_every_letter():
    leg = legacy_encodings()
    word = "".join(LOWER_LETTERS)
    assert leg.tcvn3(encode_with(TCVN3, word)) == word


@pytest.mark.parametrize("case", ["lower", "upper"])
def test_vni_round_trips_every_letter(case):
    letters = [c.upper() if case == "upper" else c for c in LOWER_LETTERS]
    assert {c for c in letters if not c.isascii()} <= set(VNI.values())  # every letter has a code
    legacy = [encode_with(VNI, c) for c in letters]
    assert [legacy_encodings().vni(l) for l in legacy] == letters


@pytest.mark.parametrize("example", load_rules()["legacy_encodings"]["examples"],
                         ids=lambda e: f"{e['encoding']}:{e['unicode'][:20]}")
def test_rule_examples(example):
    assert legacy_encodings().convert(example["encoding"], example["legacy"]) == example["unicode"]
    assert repair_text(example["legacy"])[0] == example["unicode"]


def test_vietnamese_syllables():
    leg = legacy_encodings()
    good = ["Nguyễn", "người", "khuya", "quốc", "giữa", "Đảng", "truyền", "HUYỆN", "oanh", "hoà", "hòa"]
    bad = ["cafộ", "ỹber", "Ngµy", "th¸ng", "straße", "ññ", "ngàỳ"]
    assert [w for w in good if not leg.is_syllable(w)] == []
    assert [w for w in bad if leg.is_syllable(w)] == []


# --- decode_bytes -------------------------------------------------------------------------
def test_utf8_with_and_without_byte_order_mark():
    assert decode_bytes(SENTENCE.encode()) == (SENTENCE, None)
    assert decode_bytes(b"\xef\xbb\xbf" + SENTENCE.encode()) == (SENTENCE, None)


@pytest.mark.parametrize("codec,bom", [("utf-16-le", b"\xff\xfe"), ("utf-16-be", b"\xfe\xff"),
                                       ("utf-32-le", b"\xff\xfe\x00\x00")])
def test_utf16_and_utf32_with_byte_order_mark(codec, bom):
    assert decode_bytes(bom + SENTENCE.encode(codec)) == (SENTENCE, None)


def test_utf16_without_byte_order_mark():
    assert decode_bytes(SENTENCE.encode("utf-16-le")) == (
        SENTENCE, "not UTF-8: decoded as UTF-16-LE (no byte-order mark)")


def test_windows_1258_is_decoded_and_composed():
    text, warning = decode_bytes(encode_cp1258(SENTENCE))
    assert text == SENTENCE
    assert warning == "not UTF-8: decoded as Windows-1258 and normalised to NFC (26 of 26 sampled words read as Vietnamese)"


@pytest.mark.parametrize("encoding,name", [("tcvn3", "TCVN3 (ABC fonts, .VnTime)"), ("vni", "VNI (VNI fonts, VNI-Times)")])
def test_legacy_font_bytes_are_converted(encoding, name):
    legacy = encode_with(TCVN3 if encoding == "tcvn3" else VNI, SENTENCE)
    text, warning = decode_bytes(cp1252_bytes(legacy))
    assert text == SENTENCE
    assert warning == f"not UTF-8: decoded as {name} and converted to Unicode (26 of 26 sampled words read as Vietnamese)"


def test_a_few_broken_bytes_in_utf8_are_replaced():
    head, tail = SENTENCE[:20], SENTENCE[20:]
    broken = head.encode() + b"\xff" + tail.encode() + "ộ".encode()[:2]  # a stray byte, a cut letter
    text, warning = decode_bytes(broken)
    assert text == head + "\ufffd" + tail + "\ufffd"
    assert warning == (f"not valid UTF-8: 2 undecodable byte sequence(s) replaced by U+FFFD "
                       f"(first at byte {len(head.encode())})")


def test_binary_data_is_decoded_with_replacement_and_said_to_be_binary():
    data = bytes(range(256)) * 8
    text, warning = decode_bytes(data)
    assert text == data.decode("utf-8", "replace")
    assert warning == ("binary data, not text (232 control bytes in the first 2048): decoded as UTF-8 "
                       "with 1024 undecodable byte sequence(s) replaced by U+FFFD")


def test_other_encodings_go_to_charset_normalizer():
    chinese = "2020年，预算收入达到300亿越南盾，占预算的84.3%。我们的目标是发展经济，提高人民生活水平。" * 3
    assert decode_bytes(chinese.encode("gb18030")) == (
        chinese, "not UTF-8 (invalid byte at 4); decoded as gb18030 (guessed by charset-normalizer)")


def test_empty_bytes():
    assert decode_bytes(b"") == ("", None)


# --- repair_text --------------------------------------------------------------------------
def test_tcvn3_typed_text_in_a_utf8_page_is_repaired():
    legacy = encode_with(TCVN3, SENTENCE)
    assert legacy.startswith("Ngµy 14/10/2020, Héi nghÞ")
    assert decode_bytes(legacy.encode()) == (SENTENCE, "text in TCVN3 (ABC fonts, .VnTime) converted to "
                                                       "Unicode (1 line; 26 of 26 sampled words read as Vietnamese)")


def test_utf8_read_as_windows_1252_is_repaired():
    mojibake = cp1252_text(SENTENCE.encode())
    assert mojibake.startswith("NgÃ\xa0y")
    assert repair_text(mojibake) == (SENTENCE, "text in UTF-8 mojibake (UTF-8 read as Windows-1252) converted "
                                               "to Unicode (1 line; 26 of 26 sampled words read as Vietnamese)")


def test_only_the_legacy_lines_of_a_mixed_page_are_converted():
    unicode_line = "Cổng thông tin điện tử huyện © 2020 – Bản quyền thuộc UBND huyện"
    page = "\n".join([unicode_line, encode_with(TCVN3, SENTENCE), unicode_line])
    text, warning = repair_text(page)
    assert text == "\n".join([unicode_line, SENTENCE, unicode_line])
    assert warning.startswith("text in TCVN3 (ABC fonts, .VnTime) converted to Unicode (1 line;")


def test_words_typed_in_capitals_with_the_abc_font_stay_capitals():
    assert repair_text("UBND HUYÖN TH¸I THôY")[0] == "UBND HUYỆN THÁI THỤY"


@pytest.mark.parametrize("text", [
    "Le conseil municipal s'est réuni à Paris où les élus ont voté le budget. Façade, naïve, cœur.",
    "Die Straße führt über die Brücke. Größe, Mädchen, schön, Übung, süß.",
    "El niño comió con la señora Peña. Año, mañana, corazón, canción, pingüino.",
    "Nhiệt độ 25°C, diện tích 30 m², giá 1.000 ¥; © 2020 Báo điện tử «Nông thôn mới» ± 5%.",
    "µg/m³ ½ số hộ; ¼ diện tích; ® nhãn hiệu; § 3 điều 5",
    "© 2020",
    SENTENCE,
])
def test_text_that_is_not_legacy_is_left_alone(text):
    assert repair_text(text) == (text, None)
    assert decode_bytes(text.encode()) == (text, None)


def test_weak_evidence_is_reported_not_acted_on():
    text = "Ngµy héi nghÞ þþþ ÿÿÿ ®®®Ø"
    assert repair_text(text) == (text, "text may be in TCVN3 (ABC fonts, .VnTime) (3 of 6 words would "
                                       "read as Vietnamese); left unchanged")
