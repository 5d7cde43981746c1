"""The spaCy side: our pipeline's Doc, the "vngov" component in a user's own pipeline, and
serialisation of the configured pipeline."""
from __future__ import annotations

import spacy

import extractor

TEXT = ("UBND huyện cho biết thu ngân sách nhà nước trên địa bàn đạt trên 30 tỷ đồng, "
        "bằng 84,3% dự toán. Toàn huyện trồng mới 813 ha rừng gỗ lớn.")


def test_words_are_underthesea_words(nlp):
    doc = nlp(TEXT)
    words = [t.text for t in doc]
    assert "ngân sách" in words and "dự toán" in words  # multi-syllable words stay whole
    assert doc.text == TEXT


def test_records_and_spans_on_the_doc(nlp):
    doc = nlp(TEXT)
    assert [r["amount"] for r in doc._.records["money"]] == [30_000_000_000]
    assert [s.text for s in doc.spans["money"]] == ["trên 30 tỷ đồng"]
    assert [s.text for s in doc.spans["percentages"]] == ["84,3%"]
    assert [s.text for s in doc.spans["quantities"]] == ["813 ha"]


def test_every_record_says_why(nlp):
    doc = nlp(TEXT)
    for rtype in ("money", "percentages", "quantities"):
        for rec in doc._.records[rtype]:
            assert rec["rule"] and 0 < rec["score"] <= 1


def test_add_pipe_to_a_users_own_pipeline():
    nlp = spacy.blank("vi", config={"nlp": {"tokenizer": {"use_pyvi": False}}})  # syllables
    nlp.add_pipe("vngov")
    doc = nlp(TEXT)
    assert [r["amount"] for r in doc._.records["money"]] == [30_000_000_000]
    assert [s.text for s in doc.spans["percentages"]] == ["84,3%"]


def test_pipeline_round_trips_through_disk(tmp_path, nlp):
    nlp.to_disk(tmp_path / "vngov")
    loaded = spacy.load(tmp_path / "vngov")
    assert loaded.pipe_names == nlp.pipe_names
    doc = loaded(TEXT)
    assert [r["amount"] for r in doc._.records["money"]] == [30_000_000_000]


def test_extract_api_exposes_nfc_text_and_offsets():
    nfd = __import__("unicodedata").normalize("NFD", TEXT)
    result = extractor.extract(nfd, id="a1")
    assert result.text == TEXT  # offsets index the NFC text
    rec = result.to_dict()["money"][0]
    assert result.text[rec["span"][0]:rec["span"][1]] == rec["text"]
    assert result.to_dict()["id"] == "a1" and result.status == "ok"


def test_extract_many_yields_one_result_per_input_in_order():
    items = ["Thu 5 tỷ đồng.", {"id": "x", "text": "Chi 2 tỷ đồng."}, {"id": "bad", "text": None}, 42]
    results = list(extractor.extract_many(items))
    assert [r.status for r in results] == ["ok", "ok", "error", "error"]
    assert results[1].id == "x" and results[1].to_dict()["money"][0]["amount"] == 2_000_000_000
    assert "no text" in results[2].error


def test_process_with_a_time_limit_can_keep_the_doc(nlp):
    from extractor.api import Article
    from extractor.parallel import process_limited

    result = process_limited(Article(text=TEXT, id="k"), nlp, timeout=30, keep_doc=True)
    assert result.status == "ok" and result.doc is not None
    assert [s.text for s in result.doc.spans["money"]] == ["trên 30 tỷ đồng"]
