"""Guards the sample corpus: every gold file in tests/gold/ must describe its article.

Checks structure and internal consistency only (no pipeline run), so a typo in a gold
value or a text edit that breaks an annotation fails here, not silently in score.py.
"""
from __future__ import annotations

import datetime as dt
import hashlib
import json
import re
import unicodedata
from pathlib import Path

import pytest

SAMPLES = Path(__file__).resolve().parent.parent / "samples"
GOLD_DIR = Path(__file__).resolve().parent / "gold"
GOLD_FILES = sorted(GOLD_DIR.glob("*.json"))

TEXT_CATEGORIES = ("dates", "periods", "percentages", "money", "quantities")
ISO_DAY = re.compile(r"^(\d{4}|XXXX)-(\d{2})-(\d{2})$")


def nfc(s: str) -> str:
    return unicodedata.normalize("NFC", s)


def load(path: Path) -> dict:
    return json.loads(path.read_text(encoding="utf-8"))


def article_text(gold: dict) -> str:
    return nfc((SAMPLES / f"{gold['id']}.txt").read_text(encoding="utf-8"))


def is_number(x) -> bool:
    return isinstance(x, (int, float)) and not isinstance(x, bool)


def check_iso_day(value: str) -> None:
    m = ISO_DAY.match(value)
    assert m, f"not an ISO day: {value!r}"
    year = 2000 if m.group(1) == "XXXX" else int(m.group(1))
    dt.date(year, int(m.group(2)), int(m.group(3)))  # raises on 2020-02-30 etc.


def ids(paths):
    return [p.stem for p in paths]


def test_corpus_has_seed_and_seven_new_articles():
    stems = {p.stem for p in GOLD_FILES}
    assert "000_89987b1a15d4823c" in stems
    assert len(stems) >= 8
    texts = {p.stem for p in SAMPLES.glob("*.txt")}
    assert texts == stems, f"articles without gold: {texts - stems}; gold without article: {stems - texts}"


@pytest.mark.parametrize("path", GOLD_FILES, ids=ids(GOLD_FILES))
def test_gold_header(path):
    gold = load(path)
    assert gold["id"] == path.stem
    txt = SAMPLES / f"{gold['id']}.txt"
    assert txt.is_file()
    assert (GOLD_DIR / gold["file"]).resolve() == txt.resolve()
    assert gold["sha256"] == hashlib.sha256(article_text(gold).encode("utf-8")).hexdigest()
    if gold["published"] is not None:
        check_iso_day(gold["published"])


@pytest.mark.parametrize("path", GOLD_FILES, ids=ids(GOLD_FILES))
def test_annotated_text_occurs_in_article(path):
    gold = load(path)
    text = article_text(gold)
    for cat in TEXT_CATEGORIES:
        for item in gold.get(cat, []):
            assert nfc(item["text"]) in text, f"{cat}: {item['text']!r} not in {gold['id']}"


@pytest.mark.parametrize("path", GOLD_FILES, ids=ids(GOLD_FILES))
def test_repeated_annotations_have_enough_occurrences(path):
    """An item listed n times (outside shared range texts) must be written at least n times."""
    gold = load(path)
    text = article_text(gold)
    for cat in TEXT_CATEGORIES:
        counts: dict[str, int] = {}
        for item in gold.get(cat, []):
            if not item.get("range"):
                counts[item["text"]] = counts.get(item["text"], 0) + 1
        for t, n in counts.items():
            assert text.count(nfc(t)) >= n, f"{cat}: {t!r} listed {n}x in {gold['id']}"


@pytest.mark.parametrize("path", GOLD_FILES, ids=ids(GOLD_FILES))
def test_values_are_well_typed(path):
    gold = load(path)
    for d in gold["dates"]:
        check_iso_day(d["value"])
    for p in gold["periods"]:
        check_iso_day(p["start"])
        check_iso_day(p["end"])
        assert p["start"] <= p["end"], p
    for p in gold["percentages"]:
        assert is_number(p["value"]), p
    for m in gold["money"]:
        assert is_number(m["amount"]) and m["amount"] > 0, m
        assert m["currency"] in ("VND", "USD"), m
    for q in gold.get("quantities", []):
        assert is_number(q["value"]) and isinstance(q["unit"], str) and q["unit"], q
    for i in gold["indicators"]:
        assert is_number(i["value"]) and i["unit"] and i["name"], i
        assert i.get("status") in (None, "target"), i
    for d in gold["documents"]:
        assert d["doc_type"] and "/" in d["number"] and not d["number"].lower().startswith("số"), d
        if d.get("date"):
            check_iso_day(d["date"])


@pytest.mark.parametrize("path", GOLD_FILES, ids=ids(GOLD_FILES))
def test_people_and_meetings_are_consistent(path):
    gold = load(path)
    text = article_text(gold)
    names = set()
    for o in gold["officials"]:
        assert o["name"] in text and o["titles"], o
        assert not re.match(r"(?i)(đồng chí|ông|bà|đại tá|ts\.)\s", o["name"]), o
        assert o["name"] not in names, f"duplicate official {o['name']}"
        names.add(o["name"])
        for t in o["titles"]:
            assert nfc(t) in text, f"title {t!r} not written in {gold['id']}"
    for m in gold["meetings"]:
        assert m["kind"] == m["kind"].lower(), m
        if m.get("date"):
            check_iso_day(m["date"])
        if m.get("chair"):
            assert m["chair"] in names, f"chair {m['chair']} is not among the officials"
        if "session" in m:
            assert isinstance(m["session"], int), m
    for d in gold["documents"]:
        assert d["number"] in text, d
