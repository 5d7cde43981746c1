"""Officials: one record per person per article, with every title they are given.

Reads the person mentions of ``extractor.recognise.people`` and merges them:
- mentions of the same full name;
- "ông Sơn" / "đồng chí Minh Sơn" when exactly one official's name ends that way;
- "đồng chí Bí thư Huyện ủy" when exactly one official holds that title.
A person is an official when some mention gives them a title (or an army/police rank).

Record (schema v1 + extras): ``name`` (no honorific, no rank), ``titles`` (abbreviations
expanded, text order, no duplicates), ``titles_raw`` (as written), ``ranks``, ``mentions``
[{text, span, extent}] (``extent`` covers honorific, rank and the chain of titles), ``rule``,
``score``.
"""
from __future__ import annotations

from typing import Iterable

import regex
from spacy.language import Language
from spacy.tokens import Doc

from ..component import ConfigState
from ..document import add_record, prepare
from ..recognise.people import Mention, PeopleFinder
from ..recognise.phrases import doc_text
from ..recognise.places import expand
from ..rules import fold, load_rules

_SPLIT = regex.compile(r"[\s,;.\-–—]+")


def name_key(name: str) -> str:
    return " ".join(fold(name).lower().split())


def title_key(title: str, table: dict[str, str]) -> str:
    """Titles compare by their words, abbreviations written out ("TUV" == "Tỉnh ủy viên")."""
    words = _SPLIT.split(fold(expand(title, table)).lower())
    return " ".join(w for w in words if w)


class TitleKeys(dict):
    """title -> ``title_key``, for one article: each title is compared several times (merging,
    dropping shortened forms, title references), its key is computed once."""

    def __init__(self, table: dict[str, str]):
        super().__init__()
        self.table = table

    def __missing__(self, title: str) -> str:
        key = self[title] = title_key(title, self.table)
        return key


def _drop_shortened(titles: list[str], keys_of: TitleKeys) -> list[str]:
    """ "Thủ tướng" after "Thủ tướng Chính phủ": the same position named shorter."""
    keys = [keys_of[t] for t in titles]
    return [t for t, k in zip(titles, keys)
            if not any(o != k and o.startswith(k + " ") for o in keys)]


class OfficialsLinker(ConfigState):
    def __init__(self, rules_dirs: Iterable[str] = (), use_ner: bool = False):
        self.rules_dirs = list(rules_dirs)
        self.use_ner = use_ner
        rules = load_rules(self.rules_dirs)
        self.finder = PeopleFinder(rules, use_ner=use_ner)
        self.table = self.finder.grammar.abbreviations

    def __call__(self, doc: Doc) -> Doc:
        prepare(doc)
        for rec in self.link(doc, self.finder.mentions(doc)):
            add_record(doc, "officials", rec)
        spans = []   # added to doc.spans once, not span by span
        for rec in doc._.records.get("officials", []):
            for m in rec["mentions"]:
                sp = doc.char_span(m["span"][0], m["span"][1], label="official", alignment_mode="expand")
                if sp is not None:
                    spans.append(sp)
        if spans:
            if "officials" in doc.spans:
                doc.spans["officials"].extend(spans)
            else:
                doc.spans["officials"] = spans
        return doc

    def link(self, doc: Doc, mentions: list[Mention]) -> list[dict]:
        text = doc_text(doc)
        keys_of = TitleKeys(self.table)
        people: dict[str, list[Mention]] = {}
        order: list[str] = []
        full = [m for m in mentions if m.kind == "name" and m.lexicon]
        for m in full:
            k = name_key(m.name)
            if k not in people:
                people[k] = []
                order.append(k)
            people[k].append(m)
        # names without a listed family name, and given names: fold into the one full name
        # that ends with them; otherwise a name after an honorific stands on its own
        by_ending: dict[str, list[str]] = {}
        for p in order:
            words = p.split()
            for n in range(1, len(words) + 1):
                by_ending.setdefault(" ".join(words[-n:]), []).append(p)
        for m in mentions:
            if m.kind not in ("name", "given") or (m.kind == "name" and m.lexicon):
                continue
            k = name_key(m.name)
            owners = by_ending.get(k, [])
            if len(owners) == 1:
                people[owners[0]].append(m)
            elif not owners and (m.kind == "name" or (m.titles and len(k.split()) >= 2)):
                # "ông Ksor Hlin, Trưởng buôn": an unlisted family name, introduced with a title
                people[k] = [m]
                order.append(k)
                words = k.split()
                for n in range(1, len(words) + 1):
                    by_ending.setdefault(" ".join(words[-n:]), []).append(k)
        records: dict[str, dict] = {}
        for k in order:
            rec = self._record(text, people[k], keys_of)
            if rec is not None:
                records[k] = rec
        # "đồng chí Bí thư Huyện ủy" -> the one official holding that title
        holders_of: dict[str, list[str]] = {}
        for k, r in records.items():
            for tk in {keys_of[t] for t in r["titles"]}:
                holders_of.setdefault(tk, []).append(k)
        for m in mentions:
            if m.kind != "title_ref":
                continue
            holders = holders_of.get(keys_of[m.titles[0][0]], [])
            if len(holders) == 1:
                rec = records[holders[0]]
                rec["mentions"].append({"text": text[m.span[0]:m.span[1]], "span": list(m.span),
                                        "extent": list(m.extent)})
                rec["mentions"].sort(key=lambda x: x["span"])
        return [records[k] for k in order if k in records]

    def _record(self, text: str, ms: list[Mention], keys_of: TitleKeys) -> dict | None:
        ms = sorted(ms, key=lambda m: m.span)
        titles: list[str] = []
        raws: list[str] = []
        seen: set[str] = set()
        seen_raw: set[str] = set()
        ranks: list[str] = []
        armed = False
        for m in ms:
            for raw, _ in m.titles:
                tk = keys_of[raw]
                if tk and tk not in seen:
                    seen.add(tk)
                    titles.append(expand(raw, self.table))
                rk = " ".join(fold(raw).lower().split())
                if rk not in seen_raw:
                    seen_raw.add(rk)
                    raws.append(raw)
            for r, kind in m.ranks:
                if r not in ranks:
                    ranks.append(r)
                armed = armed or kind == "armed"
        if not titles and not armed:
            return None
        titles = _drop_shortened(titles, keys_of)
        raws = _drop_shortened(raws, keys_of)
        names = [m for m in ms if m.kind == "name"]
        main = max(names or ms, key=lambda m: (m.lexicon, len(m.name or "")))
        best = max(ms, key=lambda m: m.score)
        score = min(1.0, best.score + (0.05 if len(titles) > 1 else 0.0))
        return {
            "name": main.name,
            "titles": titles,
            "titles_raw": raws,
            "ranks": ranks,
            "mentions": [{"text": text[m.span[0]:m.span[1]], "span": list(m.span), "extent": list(m.extent)}
                         for m in ms],
            "rule": "official." + best.rule.split(".", 1)[-1] + ("+titles" if titles else "+rank"),
            "score": round(score, 3),
        }

    # serialisable like the other stages: the configuration is the state
    def config(self) -> dict:
        return {"rules_dirs": self.rules_dirs, "use_ner": self.use_ner}

    def configure(self, rules_dirs: Iterable[str] = (), use_ner: bool = False) -> None:
        self.__init__(rules_dirs, use_ner)


@Language.factory("vngov_officials", default_config={"rules_dirs": [], "use_ner": False})
def make_officials(nlp: Language, name: str, rules_dirs: list[str], use_ner: bool) -> OfficialsLinker:
    return OfficialsLinker(rules_dirs, use_ner)
