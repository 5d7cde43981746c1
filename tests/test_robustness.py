"""Hostile and broken input: every case names what is wrong with the input and asserts exactly
what comes out (the records, the normalised text, or the error message).

- text problems through the whole pipeline (empty, invisible and control characters, odd
  spaces and line ends, other languages, HTML with scripts, numbers too long to be numbers);
- the same article written differently (NFD, other tone-mark style, CRLF, no-break spaces)
  gives the same records;
- bytes through ``decode_bytes`` and the pipeline (legacy encodings, binary junk);
- size: a 100 KB line with no full stop, a 5 MB article (time and memory linear), and the
  per-article limit;
- property tests: random Unicode text and random bytes always give one well-formed schema-v1
  record per article;
- nothing is fetched from the network while the pipeline runs.
"""
from __future__ import annotations

import json
import os
import subprocess
import sys
import unicodedata
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from extractor.api import Article, extract_many, process
from extractor.decode import cp1252_bytes, decode_bytes
from extractor.records import ARTICLE_FIELDS, SCHEMA
from extractor.rules import fold_tones
from isolation import run_forked

ROOT = Path(__file__).resolve().parent.parent
RECORD_TYPES = tuple(SCHEMA)
VALUE_FIELD = {"money": "amount", "percentages": "value", "quantities": "value", "dates": "value",
               "periods": "start_date", "documents": "number"}


def numbers(d: dict) -> dict[str, list[tuple]]:
    """The records whose content these cases are about: (text, main value) per type."""
    return {rtype: [(r["text"], r[field]) for r in d[rtype]] for rtype, field in VALUE_FIELD.items() if d[rtype]}


def no_records(d: dict) -> bool:
    return all(d[rtype] == [] for rtype in RECORD_TYPES)


MONEY_30 = {"money": [("30 tỷ đồng", 30_000_000_000)]}

# name -> (input text, the normalised text or None to skip that check, expected numbers()).
TEXT_CASES = {
    "empty": ("", "", {}),
    "whitespace_only": (" \n\t \r\n \u00a0\u3000 ", " \n  \n    ", {}),
    "invisible_characters_only": ("\u200b\u200c\ufeff\u2060", "", {}),
    "zero_width_space_inside_amount": ("Thu ngân sách đạt 30\u200b tỷ đồng.",
                                       "Thu ngân sách đạt 30 tỷ đồng.", MONEY_30),
    "zero_width_joiner_inside_qualifier": ("Thu ngân sách đạt tr\u200dên 30 tỷ đồng.",
                                           "Thu ngân sách đạt trên 30 tỷ đồng.",
                                           {"money": [("trên 30 tỷ đồng", 30_000_000_000)]}),
    "soft_hyphen": ("Thu ngân sách đạt 5 tỷ\u00ad đồng.", "Thu ngân sách đạt 5 tỷ đồng.",
                    {"money": [("5 tỷ đồng", 5_000_000_000)]}),
    "no_break_space_before_unit": ("Toàn huyện có 3.772\u00a0ha lúa.", "Toàn huyện có 3.772 ha lúa.",
                                   {"quantities": [("3.772 ha", 3772)]}),
    "narrow_no_break_space_before_percent": ("Tỷ lệ hộ nghèo giảm còn 2,5\u202f%.",
                                             "Tỷ lệ hộ nghèo giảm còn 2,5 %.",
                                             {"percentages": [("2,5 %", 2.5)]}),
    "thousands_grouped_with_no_break_spaces": ("Hỗ trợ 2\u00a0500\u00a0000 đồng mỗi hộ.",
                                               "Hỗ trợ 2 500 000 đồng mỗi hộ.",
                                               {"money": [("2 500 000 đồng", 2_500_000)]}),
    "windows_line_endings": ("Tin huyện\r\nThu ngân sách đạt 30 tỷ đồng.\r\n",
                             "Tin huyện\nThu ngân sách đạt 30 tỷ đồng.\n", MONEY_30),
    "old_mac_line_endings": ("Tin huyện\rThu ngân sách đạt 30 tỷ đồng.\r",
                             "Tin huyện\nThu ngân sách đạt 30 tỷ đồng.\n", MONEY_30),
    "unicode_line_and_paragraph_separators": ("Tin huyện\u2028Thu ngân sách đạt 30 tỷ đồng.\u2029Hết.",
                                              "Tin huyện\nThu ngân sách đạt 30 tỷ đồng.\nHết.", MONEY_30),
    "tab_between_number_and_unit": ("Thu ngân sách đạt 30\ttỷ đồng.", "Thu ngân sách đạt 30 tỷ đồng.", MONEY_30),
    "nul_and_control_characters": ("Thu\x00 ngân sách\x07 đạt\x1b 30 tỷ đồng\x7f.",
                                   "Thu ngân sách đạt 30 tỷ đồng.", MONEY_30),
    "lone_surrogate_from_json_escape": ("Thu ngân sách đạt 30 tỷ đồng \ud800.",
                                        "Thu ngân sách đạt 30 tỷ đồng \ufffd.", MONEY_30),
    "bidirectional_override": ("Thu ngân sách đạt \u202e30 tỷ đồng\u202c.",
                               "Thu ngân sách đạt 30 tỷ đồng.", MONEY_30),
    "emoji_around_a_figure": ("📈 Tỷ lệ hộ nghèo giảm 15% 🎉.", None, {"percentages": [("15%", 15)]}),
    "all_capitals": ("THU NGÂN SÁCH ĐẠT TRÊN 30 TỶ ĐỒNG", None,
                     {"money": [("TRÊN 30 TỶ ĐỒNG", 30_000_000_000)]}),
    "full_width_digits": ("Thu ngân sách đạt ３０ tỷ đồng.", None, {"money": [("３０ tỷ đồng", 30_000_000_000)]}),
    "english_text": ("Revenue reached 30 billion dong, or 84.3% of the estimate, and 45% of households "
                     "were poor.", None, {"percentages": [("45%", 45)]}),
    "chinese_text": ("2020年，预算收入达到300亿越南盾，占预算的84.3%。", None, {}),
    "russian_text": ("В 2020 году доходы бюджета составили 30 миллиардов донгов.", None, {}),
    "script_block_hides_its_contents": (
        "<script>var x = '30 tỷ đồng'; alert(1)</script><p>Thu ngân sách đạt 50 tỷ đồng</p>", None,
        {"money": [("50 tỷ đồng", 50_000_000_000)]}),
    "html_comment_hides_its_contents": ("<!-- 12 tỷ đồng --><p>Thu ngân sách đạt 50 tỷ đồng.</p>", None,
                                        {"money": [("50 tỷ đồng", 50_000_000_000)]}),
    "unclosed_script_hides_the_rest": ("Thu ngân sách đạt 5 tỷ đồng. <script> var a = '30 tỷ đồng'; 40%", None,
                                       {"money": [("5 tỷ đồng", 5_000_000_000)]}),
    "less_than_sign_in_prose_is_text": ("Tỷ lệ lạm phát <5% và thu ngân sách đạt 30 tỷ đồng.", None,
                                        {"percentages": [("5%", 5)], **MONEY_30}),
    "digit_run_too_long_for_a_number": ("Thu ngân sách đạt " + "1" * 6000 + " đồng.", None, {}),
    "too_many_thousands_groups": ("Thu ngân sách đạt 1.000.000.000.000.000.000.000 đồng.", None, {}),
    "unbalanced_parentheses": ("((((Thu ngân sách đạt 30 tỷ đồng.", None, MONEY_30),
    "numbers_only": ("1 2 3 4 5 6 7 8 9 10", None, {}),
    "one_100_kb_word": ("a" * 100_000, None, {}),
    "punctuation_only": ("!?." * 30_000, None, {}),
}


@pytest.mark.parametrize("name", list(TEXT_CASES))
def test_hostile_text(run, nlp, name):
    text, normalised, expected = TEXT_CASES[name]
    result = process(Article(text=text, id=name), nlp, keep_doc=False)
    d = result.to_dict()
    assert (d["id"], d["status"], d["error"]) == (name, "ok", None)
    assert numbers(d) == expected
    if not expected:
        assert no_records(d)
    if normalised is not None:
        assert result.text == normalised
    json.dumps(d, ensure_ascii=False).encode("utf-8")  # writable as UTF-8 JSON


def test_script_and_tags_are_not_the_title(run):
    d = run("<html><head><script>var t = 1;</script></head>\n<h1>Huyện tổng kết năm 2020</h1>\n"
            "<p>Thu ngân sách đạt 30 tỷ đồng.</p></html>")
    assert d["title"] == "Huyện tổng kết năm 2020"


def test_a_100_kb_line_without_a_full_stop(nlp):
    text = "thu ngân sách đạt 30 tỷ đồng " * 3500
    assert len(text) > 100_000 and "." not in text
    result = process(Article(text=text, id="long-line"), nlp)
    money = result.to_dict()["money"]
    assert len(money) == 3500 and {(m["text"], m["amount"]) for m in money} == {("30 tỷ đồng", 30_000_000_000)}
    from extractor.segment import MAX_SENTENCE

    assert max(e - s for s, e in result.doc._.sentences) <= MAX_SENTENCE


# --- the same article written differently ------------------------------------------------
ARTICLE = ("Ngày 14/10/2020, Hội nghị Ban Chấp hành Đảng bộ huyện Thủy Nguyên lần thứ 5 khóa XXV do "
           "đồng chí Nguyễn Văn Hòa, Bí thư Huyện ủy chủ trì. Theo Nghị quyết số 13-NQ/HU, năm 2020 "
           "thu ngân sách đạt trên 30 tỷ đồng, bằng 84,3% dự toán, tăng 5% so với cùng kỳ; toàn huyện "
           "có 3.772 ha lúa, xã Hòa Bình hỗ trợ 45 hộ nghèo. Ủy ban nhân dân huyện giao Phòng Tài chính "
           "báo cáo tại kỳ họp thứ 12 HĐND huyện.")


def records(d: dict) -> dict:
    return {rtype: d[rtype] for rtype in RECORD_TYPES}


def _fold_strings(obj):
    if isinstance(obj, str):
        return fold_tones(obj)
    if isinstance(obj, list):
        return [_fold_strings(x) for x in obj]
    if isinstance(obj, dict):
        return {k: _fold_strings(v) for k, v in obj.items()}
    return obj


def test_the_reference_article_has_records_of_many_types(run):
    d = run(ARTICLE, published="2020-10-15")
    assert {rtype for rtype in RECORD_TYPES if d[rtype]} >= {
        "dates", "percentages", "money", "quantities", "officials", "documents", "meetings", "indicators"}


@pytest.mark.parametrize("variant", ["nfd", "nfkc_compatible_spaces", "crlf", "zero_width_between_words"])
def test_same_records_when_written_differently(run, variant):
    changed = {
        "nfd": lambda t: unicodedata.normalize("NFD", t),
        "nfkc_compatible_spaces": lambda t: t.replace(" ", "\u00a0"),
        "crlf": lambda t: t.replace(". ", ".\r\n"),
        "zero_width_between_words": lambda t: t.replace(" ", "\u200b "),
    }[variant](ARTICLE)
    assert changed != ARTICLE
    expected = records(run(ARTICLE, published="2020-10-15"))
    got = records(run(changed, published="2020-10-15"))
    if variant == "crlf":  # same offsets: "\r\n" becomes "\n" where ". " had a space
        assert got == records(run(ARTICLE.replace(". ", ".\n"), published="2020-10-15"))
    else:
        assert got == expected


def test_same_records_in_the_other_tone_mark_style(run):
    old_style = ARTICLE
    new_style = fold_tones(ARTICLE)  # "Thủy" -> "Thuỷ", "Hòa" -> "Hoà"
    assert new_style != old_style and "Thuỷ Nguyên" in new_style
    a, b = records(run(old_style, published="2020-10-15")), records(run(new_style, published="2020-10-15"))
    assert _fold_strings(a) == _fold_strings(b)


# --- bytes -------------------------------------------------------------------------------
TCVN3_ARTICLE = ("Ngµy 14/10/2020, Héi nghÞ Ban ChÊp hµnh §¶ng bé huyÖn häp. Thu ng©n s¸ch ®¹t 30 tû "
                 "®ång, b»ng 84,3% dù to¸n.")
UNICODE_ARTICLE = ("Ngày 14/10/2020, Hội nghị Ban Chấp hành Đảng bộ huyện họp. Thu ngân sách đạt 30 tỷ "
                   "đồng, bằng 84,3% dự toán.")


@pytest.mark.parametrize("name,data", [
    ("tcvn3_bytes", cp1252_bytes(TCVN3_ARTICLE)),
    ("tcvn3_typed_text_saved_as_utf8", TCVN3_ARTICLE.encode("utf-8")),
    ("utf8_with_byte_order_mark", b"\xef\xbb\xbf" + UNICODE_ARTICLE.encode()),
])
def test_legacy_and_marked_bytes_give_the_unicode_records(run, name, data):
    text, _ = decode_bytes(data)
    assert text == UNICODE_ARTICLE
    d = run(text, published="2020-10-15")
    assert numbers(d) == {"dates": [("Ngày 14/10/2020", "2020-10-14")], "percentages": [("84,3%", 84.3)],
                          "money": [("30 tỷ đồng", 30_000_000_000)]}


def test_binary_junk_decoded_with_replacement_goes_through(nlp):
    import random

    data = random.Random(8).randbytes(64 * 1024)
    text, warning = decode_bytes(data)
    assert warning.startswith("binary data, not text") and "\ufffd" in text
    result = process(Article(text=text, id="junk"), nlp, keep_doc=False)
    d = result.to_dict()
    assert (d["status"], d["error"]) == ("ok", None)
    assert_well_formed(d, result.text)


# --- size --------------------------------------------------------------------------------
def test_article_over_the_limit_is_an_error_record_naming_it(nlp, monkeypatch):
    from extractor import segment

    monkeypatch.setattr(segment, "MAX_ARTICLE_CHARS", 1000)
    d = process(Article(text="x" * 1001, id="dump-42"), nlp).to_dict()
    assert (d["id"], d["status"]) == ("dump-42", "error")
    assert d["error"] == "article dump-42: ValueError: text of 1,001 characters is over the limit of 1,000 characters for one article"
    assert no_records(d)


def _five_megabytes() -> dict:
    """In the child: a 5 MB article (the sample articles, repeated) through every stage. The
    words come from a syllable splitter (underthesea's CRF costs about a minute here and is
    bounded per sentence); what is measured is everything else: normalising, sentences,
    aligning, the Doc, every recogniser and linker."""
    import resource

    from extractor import segment
    from extractor.pipeline import get_nlp

    sent_tokenize, _ = segment._underthesea()
    segment._underthesea = lambda: (sent_tokenize, lambda s: segment._FALLBACK_TOKEN.findall(s))
    samples = [p.read_text(encoding="utf-8") for p in sorted((ROOT / "samples").glob("00[1-6]_*.txt"))]
    corpus = "\n".join(samples)
    text = corpus * (5 * 2**20 // len(corpus.encode()) + 1)
    nlp = get_nlp()
    with open("/proc/self/statm") as fh:
        before = int(fh.read().split()[1]) * os.sysconf("SC_PAGE_SIZE")
    result = process(Article(text=text, id="five-mb"), nlp, keep_doc=False)
    peak = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss * 1024
    d = result.to_dict()
    one = process(Article(text=corpus, id="one"), nlp, keep_doc=False).to_dict()
    return {"bytes": len(text.encode()), "chars": len(text), "status": d["status"], "error": d["error"],
            "money": len(d["money"]), "money_once": len(one["money"]), "copies": len(text) // len(corpus),
            "growth": peak - before, "bad_spans": bad_spans(d, result.text)[:3]}


def test_a_five_megabyte_article_completes_in_bounded_memory(nlp):
    got = run_forked(_five_megabytes, timeout=300)
    assert got["bytes"] >= 5 * 2**20
    assert (got["status"], got["error"], got["bad_spans"]) == ("ok", None, [])
    assert got["money"] >= got["copies"] * got["money_once"]  # every copy's amounts found
    assert got["growth"] < 400 * got["chars"]  # linear, about 250 bytes per character measured


# --- properties --------------------------------------------------------------------------
VOCABULARY = [
    "ngày", "14/10/2020", "tháng", "năm", "2020", "quý", "III", "đạt", "trên", "30", "tỷ", "đồng",
    "84,3%", "%", "3.772", "ha", "hộ", "Nghị quyết", "số", "13-NQ/HU", "đồng chí", "Nguyễn Văn An",
    "Bí thư", "Huyện ủy", "UBND", "huyện", "xã", "Hội nghị", "kỳ họp", "thứ", "khóa", "XX", "HĐND",
    "tăng", "giảm", "so với", "cùng kỳ", "phấn đấu", "chỉ tiêu", "Chủ tịch", "Phó", "ông", "bà",
    "Thủy", "Hòa", "hoà", "e\u0301", ",", ".", ";", "-", "–", "/", "(", ")", ":", "\n", "\r\n",
    "\u00a0", "\u200b", "\ufeff", "<p>", "</p>", "<script>", "&nbsp;", "1.1.1", "...", "", "x",
]
texts = st.one_of(
    st.text(max_size=300),
    st.text(alphabet=st.characters(codec=None, categories=["Cc", "Cf", "Cs", "Zs", "Zl", "Zp", "Nd", "Po", "Mn"]),
            max_size=120),
    st.lists(st.sampled_from(VOCABULARY), max_size=60).map(" ".join),
)


def bad_spans(d: dict, text: str | None) -> list:
    """Every span inside the text and, where a dict has a text too, text[span] equal to it."""
    text = text or ""
    bad = []

    def walk(obj, where):
        if isinstance(obj, dict):
            for key in ("span", "extent"):
                sp = obj.get(key)
                if sp is None or sp == []:
                    continue
                ok = (isinstance(sp, list) and len(sp) == 2 and all(type(x) is int for x in sp)
                      and 0 <= sp[0] <= sp[1] <= len(text))
                if not ok or (key == "span" and isinstance(obj.get("text"), str) and text[sp[0]:sp[1]] != obj["text"]):
                    bad.append((where, key, sp, obj.get("text")))
            if isinstance(obj.get("sentence"), str) and obj["sentence"] not in text:
                bad.append((where, "sentence", obj["sentence"][:40]))
            for k, v in obj.items():
                walk(v, f"{where}.{k}")
        elif isinstance(obj, list):
            for i, v in enumerate(obj):
                walk(v, f"{where}[{i}]")

    for rtype in RECORD_TYPES:
        walk(d[rtype], rtype)
    return bad


def assert_well_formed(d: dict, text: str | None) -> None:
    assert d["schema"] == 1
    assert set(ARTICLE_FIELDS) | set(RECORD_TYPES) <= set(d)
    assert d["status"] in ("ok", "error") and (d["error"] is None) == (d["status"] == "ok")
    assert isinstance(d["id"], str) and d["id"]
    for rtype, fields in SCHEMA.items():
        assert isinstance(d[rtype], list)
        for rec in d[rtype]:
            assert isinstance(rec, dict) and list(rec)[:len(fields)] == list(fields)
    if text is not None:
        assert bad_spans(d, text) == []
    json.dumps(d, ensure_ascii=False, allow_nan=False).encode("utf-8")


def _check_batch(items: list[Article]) -> None:
    results = list(extract_many(items))
    assert len(results) == len(items)
    for item, result in zip(items, results):
        d = result.to_dict()
        assert_well_formed(d, result.text)
        assert d["id"] == item.id
        assert (d["status"], d["error"]) == ("ok", None)


@settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(st.lists(texts, min_size=1, max_size=3), st.booleans())
def test_random_text_gives_one_well_formed_record_per_article(run, batch, same_id):
    _check_batch([Article(text=t, id="dup" if same_id else f"a{i}") for i, t in enumerate(batch)])


@settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(st.lists(st.one_of(st.binary(max_size=400),
                          st.lists(st.sampled_from(VOCABULARY), max_size=40).map(" ".join).map(
                              lambda t: t.encode("utf-8")[: len(t) - 3]),
                          st.text(max_size=120).map(lambda t: t.encode("utf-16-le"))),
                min_size=1, max_size=3))
def test_random_bytes_give_one_well_formed_record_per_article(run, batch):
    _check_batch([Article(text=decode_bytes(b)[0], id=f"b{i}") for i, b in enumerate(batch)])


# --- no network -------------------------------------------------------------------------
NETWORK_GUARD = r'''
import json, socket, sys, tempfile, pathlib
attempts = []

def refuse(name):
    def guard(*args, **kwargs):
        attempts.append([name, repr(args[1:] if name.startswith("socket.") else args)[:120]])
        raise OSError(f"network disabled: {name}")
    return guard

socket.socket.connect = refuse("socket.connect")
socket.socket.connect_ex = refuse("socket.connect_ex")
socket.socket.sendto = refuse("socket.sendto")
socket.create_connection = refuse("create_connection")
socket.getaddrinfo = refuse("getaddrinfo")
socket.gethostbyname = refuse("gethostbyname")

sys.path.insert(0, sys.argv[1])
import extractor, cli
from extractor.decode import decode_bytes
article = sys.argv[2]
result = extractor.extract(article, published="2020-10-15").to_dict()
text, _ = decode_bytes(article.encode("utf-16"))
extractor.extract(text)
folder = pathlib.Path(tempfile.mkdtemp())
(folder / "a.txt").write_text(article, encoding="utf-8")
code = cli.main(["extract", str(folder / "a.txt"), "-o", str(folder / "out.jsonl"), "--quiet"])
during = list(attempts)
try:  # the guard itself works: a real fetch is refused and recorded
    import urllib.request
    urllib.request.urlopen("http://example.com/", timeout=2)
except Exception:
    pass
print(json.dumps({"during": during, "control": attempts[len(during):], "money": len(result["money"]),
                  "cli_exit": code, "lines": len((folder / "out.jsonl").read_text().splitlines())}))
'''


def test_no_network_access_while_loading_and_running_the_pipeline(tmp_path):
    """In a fresh interpreter (so that every model and gazetteer loads inside the guard)."""
    env = {k: v for k, v in os.environ.items() if not k.lower().endswith("_proxy")}
    proc = subprocess.run([sys.executable, "-c", NETWORK_GUARD, str(ROOT), ARTICLE],
                          capture_output=True, text=True, timeout=300, env=env, cwd=tmp_path)
    assert proc.returncode == 0, proc.stderr[-2000:]
    got = json.loads(proc.stdout.strip().splitlines()[-1])
    assert got["during"] == []
    assert got["control"] and got["control"][0][0] in ("getaddrinfo", "create_connection", "socket.connect")
    assert (got["money"], got["cli_exit"], got["lines"]) == (1, 0, 1)
