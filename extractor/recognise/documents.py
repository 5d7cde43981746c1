"""Numbered documents: "Nghị quyết số 13-NQ/HU", "Quyết định 1234/QĐ-UBND",
"Nghị định 15/2021/NĐ-CP", "số 45-CT/TW", "Nghị quyết 68", "NQ 68".

This stage runs first: it claims the type word and the number, so that the "2021" inside
"15/2021/NĐ-CP" is never a period and the "13" of "13-NQ/HU" never a quantity. The issue
date written after the number ("ngày 20/6/2020") is read for the record but left unclaimed:
it is a date record of its own. Words come from ``rules/documents.yaml``.
"""
from __future__ import annotations

import datetime as _dt
from typing import Iterator

import regex
from spacy.tokens import Doc

from ..phrases import NameReader
from ..rules import Rules, fold
from .base import Match, Recognizer, alternation, matches_at, register

# A code segment: "NQ", "QĐ", "UBND", "TTg", "ThU", "QH14", "NN&PTNT". Checked further in
# ``_segment_ok`` (at least two capitals, or a code the rules know).
_SEG = r"\p{Lu}[\p{L}&]{0,11}\d{0,2}"
_SEP = r"[ ]?[-/][ ]?"
_CODE = (rf"(?P<num>\d{{1,5}})(?:/(?P<year>(?:19|20)\d{{2}}))?{_SEP}"
         rf"(?P<segs>{_SEG}(?:{_SEP}{_SEG}){{0,4}})(?![\p{{L}}\d])")
_LEAD = r"(?<![\p{L}\d./-])"
_LIST_GAP = regex.compile(r"\s*(?:[,;]|và|,\s*và)\s*", regex.V1)
_SEG_RE = regex.compile(rf"{_SEP}|{_SEG}", regex.V1)
_YEAR_FIRST = regex.compile(r"\d{4}-")


def claims_between(doc: Doc, start: int, end: int) -> bool:
    """Whether something already claimed lies in [start, end)."""
    return not doc._.claims.is_free(start, end)


def _to_iso(day: int, month: int, year: int | None) -> str | None:
    """ISO date, "XXXX-MM-DD" without a year; None if the day does not exist."""
    try:
        _dt.date(year or 2000, month, day)  # 2000 is a leap year: 29/2 passes without a year
    except ValueError:
        return None
    return f"{year:04d}-{month:02d}-{day:02d}" if year else f"XXXX-{month:02d}-{day:02d}"


@register("vngov_documents")
class DocumentRecognizer(Recognizer):
    """One record per reference to a numbered document: its type, number as written, issue
    date, issuer (from "của …" when written, else from the code) and year."""

    name = "documents"
    record_type = "documents"

    def __init__(self, rules: Rules):
        super().__init__(rules)
        data = rules["documents"]
        self.types = {fold(k).lower(): v for k, v in data["types"].items()}
        self.short_types = {fold(k): v for k, v in data["short_types"].items()}
        self.type_codes = {fold(k): v for k, v in data["type_codes"].items()}
        self.issuer_codes = {fold(k): v for k, v in data["issuer_codes"].items()}
        self.issuer_reader = NameReader(data["issuer_inner_words"], data["issuer_inner_not_last"],
                                        int(data.get("issuer_max_words", 12)))
        units = rules.get("units", {}) or {}
        not_after = [fold(w) for w in data["not_after_bare_number"]]
        not_after += [fold(w) for w in units.get("quantity_units", [])]

        types = alternation(fold(t) for t in data["types"])
        number_word = alternation(fold(w) for w in data["number_words"])
        # type word (any case) + "số" + code; or "số" + code; or a bare code with a type segment
        self.code_rx = regex.compile(
            rf"{_LEAD}(?:(?P<type>(?i:{types}))\s+(?:(?i:{number_word})\s*:?\s+)?"
            rf"|(?P<so>(?i:{number_word}))\s*:?\s+)?{_CODE}",
            regex.V1,
        )
        # "Quyết định số 123 ngày 15/3": "ngày" before a date is the issue date, not a duration
        dated = r"(?i:ngày)\s+\d{1,2}\s*(?:[/.-]\s*\d|(?i:tháng))"
        stop = (rf"(?![\p{{L}}\d]|[.,]\d|{_SEP}[\p{{L}}\d]|\s*%"
                rf"|\s*(?!{dated})(?i:{alternation(not_after)}))")
        bare_types = alternation(fold(t) for t in data["bare_number_types"])
        short = alternation(self.short_types)
        # "Nghị quyết 68", "Kế hoạch số 45", "NQ 68"
        self.bare_rx = regex.compile(
            rf"{_LEAD}(?:(?P<type>{bare_types})\s+(?:(?P<so>(?i:{number_word}))\s*:?\s+)?"
            rf"|(?P<type_so>(?i:{types}))\s+(?P<so2>(?i:{number_word}))\s*:?\s+"
            rf"|(?P<short>{short})\s+(?:(?i:{number_word})\s*:?\s+)?)"
            rf"(?P<num>\d{{1,5}}){stop}",
            regex.V1,
        )
        leads = alternation(fold(w) for w in data["date_lead"])
        month_w, year_w = fold(data["date_month_word"]), fold(data["date_year_word"])
        self.date_rx = regex.compile(
            rf"\s*[,(]?\s*(?i:{leads})\s+(?:"
            rf"(?P<d>\d{{1,2}})\s*(?P<sep>[/.-])\s*(?P<m>\d{{1,2}})(?:\s*(?P=sep)\s*(?P<y>\d{{4}}))?(?![\d])"
            rf"|(?P<d2>\d{{1,2}})\s+(?i:{regex.escape(month_w)})\s+(?P<m2>\d{{1,2}})"
            rf"(?:\s*,?\s*(?i:{regex.escape(year_w)})\s+(?P<y2>\d{{4}}))?(?!\d))\)?",
            regex.V1,
        )
        # "Luật Đất đai số 45/2013/QH13": a type word, the document's name, then the number
        self.named_rx = regex.compile(
            rf"(?P<type>(?-i:{types}))(?:\s+[\p{{L}}]+){{1,8}}\s+(?i:{number_word})\s*:?\s+$", regex.V1)
        # Where a match of ``code_rx`` or ``bare_rx`` can start: a type, short type or number
        # word, or (for ``code_rx``) the first digit of the number. Found once per article, so
        # that the two patterns, each slow to try, are tried only there.
        start_words = ([fold(t) for t in data["types"]] + [fold(w) for w in data["number_words"]]
                       + [fold(t) for t in data["bare_number_types"]] + list(self.short_types))
        self.word_start_rx = regex.compile(
            rf"{_LEAD}(?=(?i:{alternation(start_words, boundary=False)}))", regex.V1)
        # a bare code starts with its number, then "-" or "/" and a capital ("13-NQ", "15/2021/NĐ"):
        # most numbers in a text are not followed by one, and are not tried at all
        self.digit_start_rx = regex.compile(
            rf"{_LEAD}(?=\d{{1,5}}(?:/(?:19|20)\d{{2}})?{_SEP}\p{{Lu}})", regex.V1)
        self.issuer_rx = regex.compile(
            rf"\s*,?\s*(?:{alternation(fold(w) for w in data['issuer_lead'])})\s+", regex.V1)

    # --- pieces ---------------------------------------------------------------------
    def _segment_ok(self, seg: str) -> bool:
        core = seg.rstrip("0123456789")
        if core in self.type_codes or core in self.issuer_codes:
            return True
        return sum(1 for c in core if c.isupper()) >= 2

    def _segments(self, text: str, start: int, end: int) -> tuple[list[str], int]:
        """The valid segments of a code and where the code really ends."""
        segs: list[str] = []
        last_end = start
        for m in _SEG_RE.finditer(text, start, end):
            piece = m.group()
            if piece.strip() in ("-", "/"):
                continue
            if not self._segment_ok(piece):
                break
            segs.append(piece)
            last_end = m.end()
        return segs, last_end

    def _issuer_from_code(self, segs: list[str], joint: bool) -> str | None:
        found = []
        for seg in segs:
            name = self.issuer_codes.get(seg.rstrip("0123456789")) or self.issuer_codes.get(seg)
            if name and name not in found:
                found.append(name)
        if not found:
            return None
        return ", ".join(found) if joint else found[0]

    def _date_after(self, text: str, pos: int, code_year: int | None, published: str | None):
        m = self.date_rx.match(text, pos)
        if not m:
            return None, pos
        day, month, year = (m["d"], m["m"], m["y"]) if m["d"] else (m["d2"], m["m2"], m["y2"])
        y = int(year) if year else code_year
        if y is None and published and _YEAR_FIRST.match(published):
            y = int(published[:4])
        iso = _to_iso(int(day), int(month), y)
        return (iso, m.end()) if iso else (None, pos)

    def _issuer_after(self, doc: Doc, pos: int) -> str | None:
        """ "của Bộ Chính trị và …" -> "Bộ Chính trị" (see ``extractor.phrases``)."""
        # endpos bounds the attempt: `regex` scans the rest of the text for the literal "của"
        # before a match() of "\s*,?\s*của", which made every document code cost O(text)
        m = self.issuer_rx.match(doc._.match_text, pos, pos + 64)
        if not m:
            return None
        span = self.issuer_reader.read(doc, m.end())
        return doc._.text[span[0]:span[1]] if span else None

    # --- the recogniser ---------------------------------------------------------------
    def find(self, doc: Doc) -> Iterator[Match]:
        text = doc._.match_text
        published = (doc._.meta or {}).get("published")
        found: list[tuple[Match, bool]] = []  # (match, issuer written with "của")
        word_starts = [m.start() for m in self.word_start_rx.finditer(text)]
        code_starts = sorted(word_starts + [m.start() for m in self.digit_start_rx.finditer(text)])
        for m in matches_at(self.code_rx, text, code_starts):
            segs, code_end = self._segments(text, m.start("segs"), m.end("segs"))
            if not segs:
                continue
            code_type = self.type_codes.get(segs[0])
            typed = m["type"] is not None
            if not typed and code_type is None and not m["so"]:
                continue  # "123/UBND-VP" alone: no sign that it is a document number
            doc_type = self.types.get(m["type"].lower()) if typed else code_type
            start = m.start("type") if typed else m.start("num")
            if doc_type is None:
                named = self.named_rx.search(text, max(0, m.start("so") - 80), m.start("num"))
                if named and not claims_between(doc, named.start(), m.start("num")):
                    doc_type, start, typed = self.types.get(named["type"].lower()), named.start(), True
            issuer_segs = segs[1:] if code_type else segs
            joint = any((t or "").endswith("liên tịch") for t in (code_type, doc_type))
            year = int(m["year"]) if m["year"] else None
            date, after = self._date_after(text, code_end, year, published)
            written = self._issuer_after(doc, after)
            issuer = written or self._issuer_from_code(issuer_segs, joint)
            if year is None and date and not date.startswith("X"):
                year = int(date[:4])
            found.append((Match(start, code_end, {
                "doc_type": doc_type,
                "number": doc._.text[m.start("num"):code_end],
                "date": date, "issuer": issuer, "year": year,
            }, "document.type_code" if typed else "document.code", 1.0 if typed else 0.9),
                written is not None))
        self._share_list_tail(text, found)
        for match, _ in found:
            yield match
        for m in matches_at(self.bare_rx, text, word_starts):
            if m["short"]:
                doc_type, rule, score, start = self.short_types[m["short"]], "document.short_type_number", 0.7, m.start("short")
            else:
                word = m["type"] or m["type_so"]
                doc_type = self.types.get(word.lower())
                start = m.start("type") if m["type"] else m.start("type_so")
                rule = "document.type_number"
                score = 0.85 if (m["so"] or m["so2"]) else 0.75
            date, after = self._date_after(text, m.end("num"), None, published)
            issuer = self._issuer_after(doc, after)
            yield Match(start, m.end("num"), {
                "doc_type": doc_type, "number": doc._.text[m.start("num"):m.end("num")],
                "date": date, "issuer": issuer,
                "year": int(date[:4]) if date and not date.startswith("X") else None,
            }, rule, score)

    @staticmethod
    def _share_list_tail(text: str, found: list[tuple[Match, bool]]) -> None:
        """ "Nghị quyết số 18-NQ/TW, 19-NQ/TW ngày 25/10/2017 của Hội nghị Trung ương 6":
        the date and the issuer written after the last number of a list belong to all."""
        for i in range(len(found) - 2, -1, -1):
            (a, _), (b, b_written) = found[i], found[i + 1]
            if not _LIST_GAP.fullmatch(text, a.end, b.start):
                continue
            if a.record["date"] is None and b.record["date"] is not None:
                a.record["date"] = b.record["date"]
                a.record["year"] = a.record["year"] or b.record["year"]
            if b_written:
                a.record["issuer"] = b.record["issuer"]
                found[i] = (a, True)
