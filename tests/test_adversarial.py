"""Every recogniser completes on adversarial text (tests/adversarial_inputs.py).

No timing assertion: each input runs in a forked child that is killed after 120 s, so only a
hang fails (catastrophic backtracking, or a quadratic loop over a long run: the unbounded
spelled-number pattern this caught took 162 s on 20 KB). Whether time grows linearly from 50
to 200 KB is measured by bench/linearity.py.

- ``test_whole_pipeline_completes_on_200_kb``: for each recogniser family, 200 KB made of
  runs of each of its adversarial inputs, through the whole pipeline (underthesea included).
- ``test_every_stage_completes_on_one_long_run``: each adversarial input alone, 50 KB of one
  run, through every stage of ``extractor.get_nlp()`` (a recogniser added later is exercised
  too). The words of these Docs come from a plain syllable splitter instead of underthesea's
  CRF, which would take most of the time and is bounded per sentence (segment.MAX_SENTENCE).
"""
from __future__ import annotations

import pytest

from adversarial_inputs import FAMILIES, KB, build
from isolation import run_forked

SIZE = 200 * KB
# The recogniser families, as the pipeline stages group them.
GROUP_OF = {
    "numbers": "numbers", "money": "numbers", "percentages": "numbers", "quantities": "numbers",
    "dates": "dates", "periods": "dates",
    "officials": "officials", "places": "officials",
    "meetings": "meetings_documents", "documents": "meetings_documents",
    "indicators": "indicators",
    "segment": "segment",
}
GROUPS = sorted(set(GROUP_OF.values()))


def _bad_spans(text: str, out: dict) -> list:
    return [(rtype, rec.get("text"), rec.get("span"))
            for rtype, recs in out.items() if isinstance(recs, list)
            for rec in recs if isinstance(rec, dict) and "text" in rec and isinstance(rec.get("span"), list)
            and text[rec["span"][0]:rec["span"][1]] != rec["text"]][:5]


def _run_families(names: list[str], size: int) -> dict[str, dict]:
    """In the child: every stage on ``size`` characters of each family, words split into
    syllables."""
    from extractor import segment
    from extractor.api import Article, process
    from extractor.pipeline import get_nlp

    sent_tokenize, _ = segment._underthesea()
    segment._underthesea = lambda: (sent_tokenize, lambda s: segment._FALLBACK_TOKEN.findall(s))
    nlp = get_nlp()
    out = {}
    for name in names:
        result = process(Article(text=build(name, size), id=name), nlp, keep_doc=False)
        d = result.to_dict()
        out[name] = {"status": d["status"], "error": d["error"], "bad_spans": _bad_spans(result.text or "", d)}
    return out


def _run_whole_pipeline(text: str) -> dict:
    from extractor.api import Article, process
    from extractor.pipeline import get_nlp

    result = process(Article(text=text, id="adversarial"), get_nlp(), keep_doc=False)
    d = result.to_dict()
    return {"status": d["status"], "error": d["error"], "length": len(result.text or ""),
            "bad_spans": _bad_spans(result.text or "", d)}


def _members(group: str) -> list[str]:
    return [name for name, (aim, _) in FAMILIES.items() if GROUP_OF[aim] == group]


@pytest.mark.parametrize("group", GROUPS)
def test_whole_pipeline_completes_on_200_kb(nlp, group):
    names = _members(group)
    share = SIZE // len(names)
    text = "\n".join(build(name, share - 1) for name in names)
    assert SIZE - 100 <= len(text) <= SIZE
    got = run_forked(_run_whole_pipeline, text, timeout=120)
    assert got == {"status": "ok", "error": None, "length": len(text), "bad_spans": []}


@pytest.mark.parametrize("group", GROUPS)
def test_every_stage_completes_on_one_long_run(nlp, group):
    names = _members(group)
    got = run_forked(_run_families, names, 50 * KB, timeout=120)
    assert got == {name: {"status": "ok", "error": None, "bad_spans": []} for name in names}


def test_every_family_belongs_to_a_tested_group():
    assert {aim for aim, _ in FAMILIES.values()} == set(GROUP_OF)
    assert all(len(builder(1000)) == 1000 for _, builder in FAMILIES.values())
