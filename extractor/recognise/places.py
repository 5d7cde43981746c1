"""Places and organisations.

Places: a level word and a capitalised name ("xã Thanh Sơn", "huyện Ba Chẽ", "TP. Hồ Chí
Minh", "Phường 3", "bản Nà Sang"), lists ("các xã Đồn Đạc và Thanh Sơn"). Province,
district and commune names are checked against the gazetteer (``extractor.gazetteer``, data
of the ``vietnamadminunits`` package); the gazetteer also fixes where a name ends
("tỉnh Quảng Ninh Nguyễn Văn A") and tells which unit took over after 1 July 2025. A commune
name shared by many provinces is resolved with the other places of the same article.
Places are claimed, so the officials stage never reads "Thanh Sơn" as a person.

Organisations: a head from ``rules/organisations.yaml`` and the same kind of tail as a title
("UBND huyện Ba Chẽ", "Ban Chấp hành Đảng bộ huyện khóa XXV", "Sở Nông nghiệp và Phát triển
nông thôn"); not claimed (titles and meetings read the same words).
"""
from __future__ import annotations

from itertools import compress
from typing import Iterator

import regex
from spacy.tokens import Doc

from ..gazetteer import DISTRICT_LEVELS, PROVINCE_LEVELS, WARD_LEVELS, Unit, gazetteer
from ..rules import Rules, fold
from .base import Match, Recognizer, alternation, register
from .people import PeopleFinder, grammar_for
from .phrases import Lexicon, WordBoundaries, doc_text, tokenize, word_boundaries

_SYL = r"\p{Lu}\p{L}*(?:['’]\p{L}+)?"
_NAME = rf"(?:{_SYL}(?:(?:[ ]|[ ]?[-–][ ]?){_SYL}){{0,5}}|\d{{1,3}}(?![\d.,]?\d))"


@register("vngov_places")
class PlaceRecognizer(Recognizer):
    """ "xã Thanh Sơn" -> level "xã", name "Thanh Sơn", province "Quảng Ninh" (when the
    article says which), ``current``: the commune that took over on 1 July 2025."""

    name = "places"
    record_type = "places"

    def __init__(self, rules: Rules):
        super().__init__(rules)
        data = rules["places"]
        self.levels = {fold(k).lower(): v for k, v in data["levels"].items()}
        self.villages = {fold(k).lower(): v for k, v in data.get("village_levels", {}).items()}
        self.not_names = {fold(w).lower() for w in data.get("not_names", [])}
        self.aliases = {fold(k): v for k, v in data.get("aliases", {}).items()}
        self.max_unknown = int(data.get("max_unknown_words", 3))
        self.openers_after_short_level = Lexicon((w, w) for w in data.get("openers_after_short_level", []))
        self.honorifics_after_short_level = Lexicon((w, w) for w in data.get("honorifics_after_short_level", []))
        words = list(data["levels"]) + list(data.get("village_levels", {}))
        self.rx = regex.compile(
            rf"(?<![\p{{L}}\d])(?P<lvl>(?i:{alternation((fold(w) for w in words), boundary=False)}))"
            rf"(?:(?<=\.)[ ]?|[ ]+)(?P<name>{_NAME})",
            regex.V1,
        )
        self.list_rx = regex.compile(rf"(?:[ ]*,[ ]*|[ ]+và[ ]+|[ ]*;[ ]*)(?P<name>{_NAME})", regex.V1)
        self.grammar = grammar_for(rules)

    def find(self, doc: Doc) -> Iterator[Match]:
        text = doc._.match_text
        words = word_boundaries(doc)
        found: list[tuple[int, int, str, list[Unit], bool]] = []
        pos = 0
        for m in self.rx.finditer(text):
            if m.start() < pos or not words.is_start(m.start()):
                continue
            word = m["lvl"].lower()
            level = self.levels.get(word) or self.villages.get(word)
            if level is None:
                continue
            end, units, ok = self._extent(text, m.start("name"), m.end("name"), level, words)
            if end is None:
                continue
            if not ok and word.endswith(".") and self._sentence_after_stop(text, m.start("name")):
                continue  # "UBND TP. Sáng nay": the stop ended the sentence
            found.append((m.start(), end, level, units, ok))
            pos = end
            # "các xã Đồn Đạc và Thanh Sơn": more names of the same level
            while level in WARD_LEVELS + DISTRICT_LEVELS + PROVINCE_LEVELS:
                nxt = self.list_rx.match(text, pos)
                if not nxt:
                    break
                e2, units2, ok2 = self._extent(text, nxt.start("name"), nxt.end("name"), level, words)
                if e2 is None or not ok2:
                    break
                found.append((nxt.start("name"), e2, level, units2, True))
                pos = e2
        yield from self._resolve(doc, found)

    def _extent(self, text: str, s: int, e: int, level: str, words: WordBoundaries):
        """Where the name ends, the gazetteer units it may be, and whether it is known."""
        toks = tokenize(text, s, e)
        if not toks or toks.lows[0] in self.not_names:
            return None, [], False
        g = gazetteer()
        if level in self.villages.values() and level not in WARD_LEVELS:
            n = self._cut(toks, min(len(toks), self.max_unknown), words)
            if self.grammar.looks_like_person(toks, n):
                return None, [], False
            return toks.ends[n - 1], [], False
        for k in range(min(len(toks), g.max_words + 1), 0, -1):
            if toks.kinds[k - 1] == "p":
                continue
            name = " ".join(text[s:toks.ends[k - 1]].split())
            units = g.candidates(level, self.aliases.get(name, name))
            if units:
                return toks.ends[k - 1], units, True
        # an unknown name: its words up to the first dash
        if "p" in toks.kinds:
            toks = toks[:toks.kinds.index("p")]
        # a province is always in the gazetteer; a person's name is not a place
        if level == "tỉnh":
            return None, [], False
        n = self._cut(toks, min(len(toks), self.max_unknown), words)
        if self.grammar.looks_like_person(toks, n):
            return None, [], False
        return toks.ends[n - 1], [], False

    def _sentence_after_stop(self, text: str, start: int) -> bool:
        """The words at ``start`` open a sentence ("Sáng nay") or name a person ("Ông Trần
        Văn A"), not a place."""
        toks = tokenize(text, start, min(len(text), start + 40))
        if not toks:
            return False
        if self.openers_after_short_level.match(toks, 0):
            return True
        hit = self.honorifics_after_short_level.match(toks, 0)
        return hit is not None and hit[0] < len(toks) and self.grammar.is_family(toks, hit[0])

    def _cut(self, toks, n: int, words: WordBoundaries) -> int:
        """An unknown place name stops before a person's name or a title/organisation head."""
        gram = self.grammar
        for q in range(1, n):
            if gram.starts_phrase(toks, q):
                return q
            if gram.is_family(toks, q) and words.is_start(toks.starts[q]) and len(toks) - q >= 2:
                return q
        return n

    def _resolve(self, doc: Doc, found) -> Iterator[Match]:
        """Narrow ambiguous names with the unambiguous places of the same article."""
        g = gazetteer()
        provinces: set[str] = set()
        districts: set[tuple[str, str]] = set()
        for _ in range(2):
            for _, _, level, units, _ in found:
                if len(units) == 1 or (units and len({u.province for u in units}) == 1):
                    provinces.add(units[0].province)
                if len(units) == 1 and units[0].district and units[0].level in WARD_LEVELS:
                    districts.add((units[0].province, units[0].district))
                if len(units) == 1 and units[0].level in DISTRICT_LEVELS and units[0].district:
                    districts.add((units[0].province, units[0].district))
            for idx, (s, e, level, units, ok) in enumerate(found):
                if len(units) > 1:
                    narrowed = [u for u in units if (u.province, u.district) in districts] \
                        or [u for u in units if u.province in provinces]
                    if narrowed and len(narrowed) < len(units):
                        found[idx] = (s, e, level, narrowed, ok)
        claims = doc._.claims
        text = doc_text(doc) if found else ""
        for s, e, level, units, ok in found:
            name_start = self._name_start(doc._.match_text, s, e)
            if not claims.is_free(s, e) and claims.is_free(name_start, e):
                s = name_start   # "02 xã Thanh Sơn": the numbers stage took "02 xã"
            rec = {"level": level, "name": None, "validated": ok, "province": None, "district": None,
                   "exists_after_2025": None, "current": None}
            rec["name"] = text[name_start:e]
            if units and len({(u.province, u.district, u.name, u.legacy) for u in units}) == 1:
                u = units[0]
                rec["province"] = u.province
                if u.level not in PROVINCE_LEVELS or u.district:
                    rec["district"] = u.district if u.level in WARD_LEVELS else None
                rec["exists_after_2025"] = g.exists_after_2025(u)
                succ = g.successor(u)
                rec["current"] = succ.as_dict() if succ else None
            elif units:
                same_province = {u.province for u in units}
                if len(same_province) == 1:
                    rec["province"] = units[0].province
                rec["candidates"] = len(units)
            yield Match(s, e, rec, f"place.{'gazetteer' if ok else 'level_word'}", 0.95 if ok else 0.6)

    def _name_start(self, text: str, s: int, e: int) -> int:
        m = self.rx.match(text, s)
        if m and m.end("lvl") <= e:
            at = m.start("name")
            return at if at < e else s
        return s


@register("vngov_organisations")
class OrganisationRecognizer(Recognizer):
    """ "UBND huyện Ba Chẽ" -> kind "people_committee", name "Ủy ban nhân dân huyện Ba Chẽ"."""

    name = "organisations"
    record_type = "organisations"

    def __init__(self, rules: Rules):
        super().__init__(rules)
        self.people = PeopleFinder(rules)
        self.grammar = self.people.grammar

    def find(self, doc: Doc) -> Iterator[Match]:
        g = self.grammar
        scanner, paras = self.people.paragraphs(doc)
        head_firsts = g.org_heads.firsts
        for para in paras:
            toks = para.toks
            lows, caps = toks.lows, toks.caps
            if head_firsts.isdisjoint(lows):
                continue
            after = 0   # the end of the organisation found before
            # only the tokens an organisation head starts with (picked out without a Python
            # step per token)
            for i in compress(range(len(lows)), map(head_firsts.__contains__, lows)):
                if i < after:
                    continue
                hit = g.org_heads.match(toks, i) if caps[i] else None
                if not hit:
                    continue
                n, (kind, standalone) = hit
                end = scanner.scan_tail(toks, i + n, para.names)
                if not standalone and (end == i + n or not (caps[i + n] or toks.uppers[i + n])):
                    continue
                s, e = toks.starts[i], toks.ends[end - 1]
                yield Match(s, e, {"kind": kind, "name": expand(scanner.text[s:e], g.abbreviations_more)},
                            f"organisation.{kind}", 0.8 if standalone else 0.7, claim=False)
                after = end


_WORD = regex.compile(r"[\p{L}]+(?:[&\-][\p{L}]+)*\.?", regex.V1)
# Two capitals inside one word: only such words can be abbreviations, and most names and
# titles have none ("Bí thư Huyện ủy"), so they skip the word-by-word substitution.
_TWO_CAPITALS = regex.compile(r"\p{Uppercase}[\p{L}&\-]*?\p{Uppercase}", regex.V1)


def expand(text: str, table: dict[str, str]) -> str:
    """Abbreviations written out, word by word: "Chủ tịch HĐND huyện" -> "Chủ tịch Hội đồng
    nhân dân huyện". Only words written in capitals (or exactly as in the table: "TTg")."""
    def one(m: regex.Match) -> str:
        w = m.group()
        if sum(map(str.isupper, w)) < 2:
            return w
        key = fold(w)
        if key in table:
            return table[key]
        if key.endswith(".") and key[:-1] in table:
            return table[key[:-1]] + "."
        return w

    if not _TWO_CAPITALS.search(text):
        return text
    return _WORD.sub(one, text)
