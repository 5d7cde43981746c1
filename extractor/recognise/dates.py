"""Dates (calendar days) and periods (months, quarters, parts of years, years, spans of years),
normalised the way TIMEX3 taggers do it and anchored on the publication date.

- ``vngov_dates`` reads the publication date (from the input, else from the article's own
  dateline: "15/10/2020 08:00", "Thứ Tư, 08/04/2015, 08:11 [GMT+7]", "Cập nhật ngày: ...") and
  writes ``dates`` records: ``value`` "YYYY-MM-DD" (or "XXXX-MM-DD" when no year can be known),
  ``inferred_year`` when the year was not written. A range "từ ngày 1 đến 5/10" gives both
  ends (and, when switched on in the rules, one "day-range" period).
- ``vngov_periods`` writes ``periods`` records: ``start_date``/``end_date`` and a
  ``granularity`` (day-range, month, quarter, half, part_of_year, year, multi_year), with
  ``vague: true`` for loose phrases ("những tháng cuối năm 2020").

Words come from ``rules/dates.yaml``. Every pattern is a precompiled regex over
``doc._.match_text`` with bounded repetitions; digits glued to "/" + letters or "-" + a
capitalised code are document numbers and are never read here.
"""
from __future__ import annotations

import bisect
import calendar
import datetime as dt
import re
from dataclasses import dataclass
from typing import Any, Iterable, Iterator

import regex
from spacy.tokens import Doc

from ..numbers import NumberWords
from ..rules import Rules, fold
from .base import Match, Recognizer, alternation, register
from .prefilter import WORD_CHARS, QuickSearch, casefolded, heads_of

_FLAGS = regex.IGNORECASE  # not V1: its full case folding makes these patterns ~5x slower
MASK = "\ue000"  # stands in for claimed characters: not a letter, digit or space
MISSING = object()  # "not looked up yet", where None is a value

DAY = r"(?:0?[1-9]|[12]\d|3[01])"
MON = r"(?:0?[1-9]|1[0-2])"
YEAR = r"(?:19\d\d|20\d\d)"
# nothing glued before a number: no letter, digit, "/", "-", decimal mark, colon or sign
LEAD = r"(?<![\p{L}\d/.,:+\-–—%])"
# nothing glued after: a letter or digit, a decimal part, "/" + code ("15/2021/NĐ-CP"),
# "-" + capitalised code ("45-CT/TW"), a percent sign
END = r"(?![\p{L}\d%]|[/.,:\-–]\d|\s?/\s?[\p{L}\d]|-\p{Lu}|\s?%)"
TIME = (r"(?:[01]?\d|2[0-3])\s?(?::|h|g|giờ)\s?[0-5]\d(?:\s?:\s?[0-5]\d)?"
        r"(?:\s?(?:AM|PM|SA|CH)(?![\p{L}]))?")
S = r"\s{1,3}"  # a gap between words (bounded: blanked page chrome is long runs of spaces)
O = r"\s{0,3}"


# the LEAD lookbehind's characters, for the QuickSearch prefilters
LEAD_CHARS = WORD_CHARS + r"/.,:+\-–—%"  # LEAD


def _words(values: Iterable[str]) -> list[str]:
    return [fold(str(v)) for v in values]


def joiner(words: list[str]) -> str:
    """Joiners between two items: punctuation ("-", ",") with optional spaces around it,
    words ("đến", "và") with spaces."""
    punct = [regex.escape(w) for w in words if not regex.search(r"\p{L}", w)]
    lexical = [w for w in words if regex.search(r"\p{L}", w)]
    alts = []
    if punct:
        alts.append(rf"{O}(?:{'|'.join(punct)}){O}")
    if lexical:
        alts.append(rf"{S}{alternation(lexical)}{S}")
    return "(?:" + "|".join(alts) + ")"


def _iso(y: int | None, m: int, d: int) -> str:
    return f"{y:04d}-{m:02d}-{d:02d}" if y is not None else f"XXXX-{m:02d}-{d:02d}"


def _valid(y: int | None, m: int, d: int) -> bool:
    if not (1 <= m <= 12 and 1 <= d <= 31):
        return False
    last = calendar.monthrange(y if y is not None else 2000, m)[1]  # 2000: 29 February is a day
    return d <= last


def _month_end(y: int | None, m: int) -> int:
    return calendar.monthrange(y if y is not None else 2001, m)[1]


def parse_published(value: Any) -> tuple[dt.date | None, str | None]:
    """ "2020-10-15", "2020-10-15T08:00:00+07:00", "15/10/2020", "15/10/2020 08:00",
    "08:00 15-10-2020", "2020/10/15" -> (date, "HH:MM" or None); (None, None) if unreadable."""
    if value is None:
        return None, None
    if isinstance(value, dt.datetime):
        return value.date(), value.strftime("%H:%M")
    if isinstance(value, dt.date):
        return value, None
    s = str(value).strip()
    m = _PUB_ISO.match(s) or _PUB_DMY.match(s) or _PUB_TIME_FIRST.match(s)
    if not m:
        return None, None
    y, mo, d = int(m["y"]), int(m["m"]), int(m["d"])
    if not _valid(y, mo, d):
        return None, None
    hh = m["hh"]
    return dt.date(y, mo, d), (f"{int(hh):02d}:{m['mm']}" if hh else None)


_PUB_TIME = r"(?:[T ,]{1,3}(?P<hh>[01]?\d|2[0-3])[:hg](?P<mm>[0-5]\d)(?::[0-5]\d(?:\.\d+)?)?)?"
_PUB_ISO = regex.compile(rf"(?P<y>\d{{4}})[-/.](?P<m>\d{{1,2}})[-/.](?P<d>\d{{1,2}}){_PUB_TIME}", regex.I)
_PUB_DMY = regex.compile(rf"(?P<d>\d{{1,2}})[-/.](?P<m>\d{{1,2}})[-/.](?P<y>\d{{4}}){_PUB_TIME}", regex.I)
_PUB_TIME_FIRST = regex.compile(
    r"(?P<hh>[01]?\d|2[0-3])[:hg](?P<mm>[0-5]\d)(?::[0-5]\d)?[ ,\-]{1,4}"
    r"(?P<d>\d{1,2})[-/.](?P<m>\d{1,2})[-/.](?P<y>\d{4})", regex.I)


class DateRules:
    """The compiled patterns and word lists of ``rules/dates.yaml`` (built once per rule set)."""

    def __init__(self, rules: Rules):
        r = rules["dates"]
        self.key = rules.key
        # the head words of time expressions, as regex literals
        self.MONTH = regex.escape(fold(r["month_word"]))
        self.YEARW = regex.escape(fold(r["year_word"]))
        self.QUARTER = regex.escape(fold(r["quarter_word"]))
        MONTH, YEARW = self.MONTH, self.YEARW
        dw = r["day_words"]
        tod = r["time_of_day"]
        self.weekdays = {fold(k).lower(): int(v) for k, v in r["weekdays"]["names"].items()}
        dl = r["dateline"]
        self.head_paragraphs = int(dl.get("head_paragraphs", 5))
        self.head_chars = int(dl.get("head_chars", 800))
        self.max_line = int(dl.get("max_line", 160))
        range_j = _words(r["range_joiners"])
        list_j = _words(r["list_joiners"])
        self.range_words = {w.lower() for w in range_j}
        openers = alternation(_words(r["range_openers"]))
        day_word = alternation(_words(dw["words"]))
        ordinal = alternation(_words(dw["ordinals"]))
        tod_words = alternation(_words(tod["words"]) + _words(tod.get("relative_days", [])))
        tod_rel = alternation(_words(tod["relative"]))
        weekday = alternation(self.weekdays)

        day_join = joiner(range_j + list_j)
        full_join = joiner(range_j + [w for w in list_j if regex.search(r"\p{L}", w)])
        self.range_lexical = alternation(w for w in range_j if regex.search(r"\p{L}", w))
        range_end = alternation(_words(r["range_end_words"]))
        self.opener_before = regex.compile(rf"{openers}{S}\Z", _FLAGS)
        self.day_range_periods = bool(r.get("day_ranges", {}).get("emit_period", False))

        # --- the date itself ------------------------------------------------------------
        # "14/10", "14-10-2020", "6.10", "ngày 14-15/10", "ngày 1 đến 5/10", "20 tháng 6 năm
        # 2020", "từ 28/9 đến 2/10/2020", "2020-10-14", "6/4 năm 2022" (mixed: one date)
        again = rf"(?:(?:{day_word}|{ordinal}){S})?"
        self.date_rx = regex.compile(
            rf"{LEAD}(?:"
            rf"(?P<iy>{YEAR})-(?P<im>0[1-9]|1[0-2])-(?P<id>0[1-9]|[12]\d|3[01])"
            rf"|(?P<day>{DAY})(?:(?P<dj>{day_join}){again}(?P<day>{DAY})){{0,3}}"
            rf"(?:(?P<sep>[/.\-])(?P<m>{MON})(?:(?P=sep)(?P<y>{YEAR})|{S}{YEARW}{S}(?P<y>{YEAR}))?"
            rf"|{S}{MONTH}{S}(?P<m>{MON})(?:{O},?{O}{YEARW}{S}(?P<y>{YEAR})|{O}/{O}(?P<y>{YEAR}))?)"
            rf"(?:(?P<rj>{full_join})(?:(?:{range_end}{S})?{day_word}{S})?"
            rf"(?P<d2>{DAY})(?P<sep2>[/.\-])(?P<m2>{MON})(?:(?P=sep2)(?P<y2>{YEAR}))?)?"
            rf"){END}",
            _FLAGS,
        )
        # every date starts with an ASCII digit (DAY, YEAR) that LEAD lets through
        self.date_search = QuickSearch(self.date_rx, "[0-9]", LEAD_CHARS)
        # what may stand just before a date (read backwards from the date's first digit)
        self.prefix_rx = regex.compile(
            rf"(?:(?P<tod>{tod_words})(?:{S}(?P<todrel>{tod_rel}))?{O},?{O})?"
            rf"(?:(?P<wd>{weekday}){O}[,\-–]?{O})?"
            rf"(?P<paren>\({O})?"
            rf"(?:(?P<dw>{day_word}){S})?"
            rf"(?:(?P<ord>{ordinal}){S})?\Z",
            _FLAGS,
        )
        self.close_paren = regex.compile(rf"{O}\)")
        weak = r["weak_cues"]
        self.weak_before = regex.compile(rf"{alternation(_words(weak['words']))}{S}\Z", _FLAGS)
        self.weak_after = regex.compile(
            rf"{O}(?:[,.;:)!?\n]|\Z)|{S}{alternation(_words(weak['followers']))}", _FLAGS)
        self.point_before = regex.compile(
            rf"{alternation(_words(r['point_cues']['words']))}{S}\Z", _FLAGS)
        self.not_date_after = regex.compile(rf"{alternation(_words(r['not_date_after']))}{O}\Z", _FLAGS)
        self.lunar_after = regex.compile(
            rf"{O}[(,]?{O}(?:{alternation(_words(r['lunar_markers']['words']))})", _FLAGS)
        self.word_before = regex.compile(r"\p{L}[\p{L}\d]*\s{1,3}\Z")
        self.day_word_before = regex.compile(rf"{day_word}{S}\Z", _FLAGS)

        # --- the dateline ---------------------------------------------------------------
        markers = alternation(_words(dl["markers"]))
        tz = "|".join(regex.escape(fold(z)) for z in sorted(dl["time_zones"], key=len, reverse=True))
        time_word = alternation(_words(dl["time_words"]))
        core_alts = (rf"(?P<d>{DAY})(?P<s>[/.\-])(?P<m>{MON})(?P=s)(?P<y>{YEAR})"
                     rf"|(?P<y>{YEAR})-(?P<m>0[1-9]|1[0-2])-(?P<d>0[1-9]|[12]\d|3[01])"
                     rf"|(?P<d>{DAY}){S}{MONTH}{S}(?P<m>{MON}){O},?{O}{YEARW}{S}(?P<y>{YEAR})")
        # "17/10/21 09:30" on a line of its own under the title: a two-digit year (20yy), read
        # on such a line only, never in running text
        core_line = core_alts + (rf"|(?P<d>{DAY})/(?P<m>{MON})/(?P<yy>\d\d)"
                                 if dl.get("two_digit_years") else "")
        tz_part = rf"(?:{O}(?P<tz>[\[(]?{O}(?:{tz}){O}[\])]?))"
        time_after = rf"(?:{O}[,|\-–]?{O}(?:{time_word}{S})?(?P<t2>{TIME}))"

        def body_of(alts: str) -> str:
            core = rf"(?P<core>{alts})(?!\d)"
            return (
                rf"(?P<t1pre>(?:{time_word}{S})?(?P<t1>{TIME}){O}[,|\-–]?{O}(?:{day_word}{S})?)?"
                rf"(?P<wd>{weekday}{O}[,\-–]?{O})?(?:{day_word}{O}:?{O})?{core}{time_after}?{tz_part}?"
            )
        body = body_of(core_alts)
        bullet = "".join(regex.escape(b) for b in dl.get("bullets", []))
        lead = rf"{O}(?:[{bullet}]{O})?" if bullet else O
        self.dateline_line = regex.compile(
            rf"{lead}[\[(]?{O}(?:(?P<marker>{markers}){O}:?{O})?{body_of(core_line)}(?P<rest>.{{0,160}})", _FLAGS)
        self.dateline_marked = regex.compile(rf"(?P<marker>{markers}){O}:?{O}{body}", _FLAGS)
        self.dateline_search = QuickSearch(self.dateline_marked, heads_of(dl["markers"], whole=True),
                                           WORD_CHARS)
        self.rest_ok = regex.compile(rf"{O}[\])]?{O}(?:[|\-–,]{O}[^\n]{{0,120}})?", _FLAGS)

        # --- tense of a sentence, for the year roll-back ----------------------------------
        self.past = regex.compile(alternation(_words(r["past_markers"])), _FLAGS)
        self.weak_past = regex.compile(alternation(_words(r["weak_past_markers"]["words"])), _FLAGS)
        self.weak_min_months = int(r["weak_past_markers"]["min_months_ahead"])
        self.future = regex.compile(alternation(_words(r["future_markers"])), _FLAGS)
        self.future_after_date = regex.compile(
            rf"{O}\)?{O}{alternation(_words(r['future_after_date']))}", _FLAGS)
        # explicit years anywhere, for texts without a publication date
        self.explicit_year = regex.compile(
            rf"(?<![\p{{L}}\d]){YEARW}{S}(?P<y>{YEAR})(?!\d)"
            rf"|(?<![\d/.\-]){DAY}(?P<s>[/.\-]){MON}(?P=s)(?P<y>{YEAR})(?![\d/])"
            # "tháng 10/2020", "quý III/2020"
            rf"|(?<![\p{{L}}\d/.\-])(?:{MON}|(?-i:IV|I{{1,3}})){O}/{O}(?P<y>{YEAR})(?![\d/])",
            _FLAGS,
        )
        # Every explicit-year match ends at a four-digit year and starts at most a few
        # characters before it; scanning for the digits first and trying the pattern only
        # just before each is much cheaper than running its lookbehinds at every position.
        self.year_digits = regex.compile(r"(?:19|20)\d\d(?!\d)")
        self.year_reach = len(self.YEARW) + 32
        # what an explicit year is to an undated day near it: a target ("tầm nhìn đến năm
        # 2030") is no such year; a reviewed year ("tổng kết công tác năm 2020") is over when
        # its review meets, so an early month is in the year after it
        ny = r.get("nearby_year") or {}
        tl, rl = _words(ny.get("target_leads", [])), _words(ny.get("review_leads", []))
        ul = _words(ny.get("until_leads", []))
        self.target_before = regex.compile(rf"{alternation(tl)}{S}\Z", _FLAGS) if tl else None
        self.until_before = regex.compile(rf"{alternation(ul)}{S}\Z", _FLAGS) if ul else None
        self.review_before = regex.compile(rf"{alternation(rl)}{S}\Z", _FLAGS) if rl else None
        self.review_early_months = int(ny.get("review_early_months", 0))

        # --- periods --------------------------------------------------------------------
        self._build_period_patterns(r, rules)

    def _build_period_patterns(self, r: dict, rules: Rules) -> None:
        MONTH, YEARW, QUARTER = self.MONTH, self.YEARW, self.QUARTER
        months = r["months"]
        self.quarter_numbers = {str(k).upper(): int(v) for k, v in r["quarters"]["numbers"].items()}
        roman = "|".join(sorted((k for k in self.quarter_numbers if not k.isdigit()), key=len, reverse=True))
        digits = "".join(k for k in self.quarter_numbers if k.isdigit())
        qn = rf"(?:(?-i:{roman})|[{digits}])(?![\p{{L}}\d])"
        self.number_words = NumberWords(rules)
        spelled = alternation(self.number_words.digits)
        parts = r["parts_of_year"]
        edge_first = _words(parts["first"])
        edge_last = _words(parts["last"])
        self.first_words = {w.lower() for w in edge_first}
        self.halves = {fold(k).lower(): int(v) for k, v in parts["halves"].items()}
        vague = r["vague_parts"]
        self.vague_phrases = {fold(k).lower(): (int(v[0]), int(v[1])) for k, v in vague["phrases"].items()}
        since = r["since_start_of_year"]
        multi = r["multi_year"]
        self.max_years = int(multi.get("max_years", 30))
        rel = r["relative"]
        self.relative = {fold(k).lower(): (v["unit"], int(v["offset"])) for k, v in rel["phrases"].items()}
        same = r["same_period"]
        self.same_phrases = {fold(p).lower() for p in same["phrases"]}
        rel_year = alternation(k for k, (u, _) in self.relative.items() if u == "year")
        # "năm nay" -> "nay": what follows the year word in "9 tháng đầu năm nay"
        self.rel_year_tails = {k.split(" ", 1)[1]: off for k, (u, off) in self.relative.items()
                               if u == "year" and " " in k}
        rel_year_tail = alternation(self.rel_year_tails)
        # "năm tài chính 2023", "niên độ ngân sách 2022": the year itself
        fiscal_words = _words(r["years"].get("leads", []))
        fiscal = alternation(fiscal_words) if fiscal_words else r"(?!x)x"
        ysep = rf"(?:{O}/{O}|\s?[\-–]\s?|\.|{S}{YEARW}{S}|{O},{O}{YEARW}{S})"
        range_j = _words(r["range_joiners"])
        list_j = _words(r["list_joiners"])

        join = joiner(range_j + list_j)
        year_join = joiner([w for w in list_j])
        multi_join = rf"(?:\s?[\-–—]\s?|{S}{self.range_lexical}{S}(?:{YEARW}{S})?)"
        self.period_rx = regex.compile(
            rf"{LEAD}(?:"
            # cùng kỳ năm trước / cùng kỳ năm 2019
            rf"(?P<same>{alternation(same['with_year'])}{S}(?:(?P<same_rel>{rel_year_tail})|(?P<same_y>{YEAR})))"
            # từ đầu năm (2020) đến nay
            rf"|(?P<since>{alternation(_words(since['openers']))}{S}{alternation(edge_first)}{S}{YEARW}"
            rf"(?:{S}(?P<since_y>{YEAR}))?{S}{self.range_lexical}{S}{alternation(_words(since['until_now']))})"
            # nhiệm kỳ 2020 - 2025, từ năm 2016 đến năm 2020, 2021-2025
            rf"|(?P<multi>(?:(?P<mlead>{alternation(_words(multi['leads']))}){S})?(?:{YEARW}{S})?"
            rf"(?P<my1>{YEAR}){multi_join}(?P<my2>{YEAR}))"
            # 9 tháng đầu năm (2020), 3 tháng cuối năm nay, 9 tháng năm 2019
            rf"|(?P<part>(?P<pn>\d{{1,2}}|{spelled}(?:{S}{spelled}){{0,2}}){S}(?:{MONTH}|(?P<pq>{self.QUARTER})){S}"
            rf"(?:(?P<pedge>{alternation(edge_first + edge_last)}){S}{YEARW}"
            rf"(?:{S}(?P<py>{YEAR})|{S}(?P<prel>{rel_year_tail}))?"
            rf"|{YEARW}{S}(?P<py>{YEAR})))"
            # nửa đầu năm 2021
            rf"|(?P<half>{alternation(self.halves)})(?:{S}(?P<hy>{YEAR})|{S}(?P<hrel>{rel_year_tail}))?"
            # quý III/2020, quý I và quý II năm 2021, quý 4
            rf"|(?P<quarter>{QUARTER}{S}(?P<q>{qn})(?:(?P<qj>{join})(?:{QUARTER}{S})?(?P<q>{qn})){{0,3}}"
            rf"(?:{ysep}(?P<qy>{YEAR})|{S}(?P<qrel>{rel_year}))?)"
            # từ tháng 3/2021 đến tháng 6/2022
            rf"|(?P<mrange>(?:{alternation(_words(r['range_openers']))}{S})?{MONTH}{S}(?P<mr1>{MON}){ysep}"
            rf"(?P<mry1>{YEAR}){multi_join}(?:{MONTH}{S})?(?P<mr2>{MON}){ysep}(?P<mry2>{YEAR}))"
            # tháng 10/2020, tháng 10 năm 2020, từ tháng 6 đến tháng 9/2021
            rf"|(?P<month>(?:(?P<mopen>{alternation(_words(r['range_openers']))}){S})?(?P<mword>{MONTH}){S}"
            rf"(?P<mo>{MON})(?:(?P<moj>{join})(?:{MONTH}{S})?(?P<mo>{MON})(?!{S}{MONTH}(?![\p{{L}}]))){{0,3}}"
            # "các tháng 11, 12/2021 và 1/2022": more months, each with its own year
            rf"(?:{ysep}(?P<moy>{YEAR})(?:(?P<mtj>{year_join})(?:{MONTH}{S})?(?P<mt>{MON}){ysep}(?P<mty>{YEAR})){{0,3}}"
            rf"|{S}(?P<morel>{rel_year}))?)"
            # những tháng cuối năm 2020
            rf"|(?P<vague>(?:(?P<vlead>{alternation(_words(vague['leads']))}){S})?"
            rf"(?P<vp>{alternation(self.vague_phrases)})(?:{S}(?P<vy>{YEAR})|{S}(?P<vrel>{rel_year_tail}))?)"
            # năm 2020, năm 2019 và 2020
            rf"|(?P<year>(?:{fiscal}|{YEARW}){S}(?P<yy>{YEAR})(?:(?P<yj>{year_join})(?:{YEARW}{S})?(?P<yy>{YEAR})){{0,4}})"
            # năm nay, tháng trước, quý tới
            rf"|(?P<rel>{alternation(self.relative)})"
            rf"){END}",
            _FLAGS,
        )
        # Where a period can start: a year ("2021-2025"; YEAR's \d also takes other scripts'
        # digits, hence \S after "19"/"20" here), a count of months ("9 tháng", "sáu tháng"),
        # or one of the phrases above written out. The rest of the pattern is tried only there.
        month_folded = re.escape(fold(r["month_word"]).casefold())
        quarter_folded = re.escape(fold(r["quarter_word"]).casefold())
        count = heads_of(self.number_words.digits, whole=True)
        phrases = [*same["with_year"], *since["openers"], *multi["leads"], r["year_word"], *fiscal_words,
                   r["month_word"], r["quarter_word"], *self.halves, *r["range_openers"],
                   *vague["leads"], *self.vague_phrases, *self.relative]
        self.period_search = QuickSearch(
            self.period_rx,
            rf"(?:19|20)\S\S(?![0-9])|(?:\S{{1,2}}|{count}(?:\s{{1,3}}{count}){{0,2}})\s{{1,3}}(?:{month_folded}|{quarter_folded})"
            rf"|{heads_of(phrases, whole=True)}",
            LEAD_CHARS)
        self.month_not_after = regex.compile(
            rf"(?:{alternation(_words(months['not_after']))}|\d){S}\Z", _FLAGS)
        self.month_not_before = regex.compile(rf"{S}{alternation(_words(months['not_before']))}", _FLAGS)
        rec_words = _words(r.get("recurring_after", []))
        self.recurring_after = regex.compile(rf"{O},?{O}{alternation(rec_words)}", _FLAGS) if rec_words else None
        self.rel_not_after = regex.compile(
            rf"(?:{alternation(_words(rel['not_after']))}|\d){S}\Z", _FLAGS)
        gap = int(rel.get("comparison_gap", 0))
        self.rel_compared = regex.compile(
            rf"(?<![\p{{L}}\d]){alternation(_words(rel['comparison_leads']))}(?:{S}[\p{{L}}\d]{{1,12}}){{0,{gap}}}{S}\Z",
            _FLAGS) if rel.get("comparison_leads") else None
        self.emit = {"since": bool(since.get("emit", True)), "rel": bool(rel.get("emit", True)),
                     "same": bool(same.get("emit", True))}
        rep = r["report_period_repeat"]
        self.bare_months = regex.compile(
            rf"(?<![\p{{L}}\d/.:+\-–—%])(?<!\d,)(?P<pn>\d{{1,2}}|{spelled}(?:{S}{spelled}){{0,2}}){S}{MONTH}(?![\p{{L}}\d])", _FLAGS)
        self.bare_not_after = regex.compile(rf"{alternation(_words(rep['not_after']))}{S}\Z", _FLAGS)
        self.bare_not_before = regex.compile(rf"{S}{alternation(_words(rep['not_before']))}", _FLAGS)
        ytd = r["year_to_date"]
        self.ytd_lead_before = regex.compile(rf"{alternation(_words(ytd['leads']))}{S}\Z", _FLAGS)
        self.ytd_follower = regex.compile(rf"{S}{alternation(_words(ytd['followers']))}", _FLAGS)
        # "9 tháng đạt hơn 4,3 tỷ USD": a verb then a figure within two words
        nf = _words(ytd.get("number_followers", []))
        self.ytd_number_follower = regex.compile(
            rf"{S}{alternation(nf)}(?:{S}\p{{L}}{{1,8}}){{0,2}}{S}\d", _FLAGS) if nf else None
        mtd = r.get("month_to_date") or {}
        self.mtd_not_before = regex.compile(rf"{S}{alternation(_words(mtd['not_before']))}", _FLAGS) \
            if mtd.get("not_before") else None
        self.base_year_before = regex.compile(
            rf"{alternation(_words(same.get('base_year_leads', [])))}{S}\Z", _FLAGS) \
            if same.get("base_year_leads") else None
        self.decade_before = regex.compile(rf"{alternation(_words(r['years']['decade_leads']))}{S}\Z", _FLAGS)
        self.month_word_before = regex.compile(rf"{MONTH}{S}\Z", _FLAGS)
        self.year_word_before = regex.compile(rf"{YEARW}{S}\Z", _FLAGS)
        self.quarter_word_before = regex.compile(rf"{QUARTER}{S}\Z", _FLAGS)


_CACHE: dict[tuple, DateRules] = {}


def date_rules(rules: Rules) -> DateRules:
    key = rules.key
    if key not in _CACHE:
        _CACHE[key] = DateRules(rules)
    return _CACHE[key]


@dataclass
class Dateline:
    start: int
    end: int
    date: dt.date
    time: str | None
    core: tuple[int, int]


def find_dateline(doc: Doc, w: DateRules) -> Dateline | None:
    """The page's own timestamp: a short date(-time) line near the top, else a line with a
    marker ("Cập nhật ngày: 21/11/2024") anywhere."""
    text = doc._.match_text
    for s, e in (doc._.paragraphs or [])[: w.head_paragraphs]:
        if s > w.head_chars:
            break
        if e - s > w.max_line:
            continue
        m = w.dateline_line.match(text, s, e)
        if not m or m.end() != e:
            continue
        # a date alone, a marked date, or a date and time followed by a byline ("| Tác giả")
        bare = not m["rest"].strip(" )]")
        timed = (m["t1"] or m["t2"]) and w.rest_ok.fullmatch(m["rest"])
        if bare or m["marker"] or timed:
            found = _dateline_from(m)
            if found:
                return found
    folded = casefolded(text)
    m = w.dateline_search.search(text, folded)
    while m:
        found = _dateline_from(m)
        if found:
            return found
        m = w.dateline_search.search(text, folded, m.end())
    return None


def _dateline_from(m: regex.Match) -> Dateline | None:
    y = int(m["y"]) if m["y"] else 2000 + int(m["yy"])
    mo, d = int(m["m"]), int(m["d"])
    if not _valid(y, mo, d):
        return None
    # the timestamp: from the time or weekday before the date to the time zone after it
    start = min(m.start(g) for g in ("t1", "wd", "core") if m[g])
    end = max(m.end(g) for g in ("core", "t2", "tz") if m[g])
    hhmm = None
    t = m["t1"] or m["t2"]
    if t:
        tm = regex.match(r"(\d{1,2})\s?(?::|h|g|giờ)\s?(\d{2})", t, regex.I)
        hhmm = f"{int(tm[1]):02d}:{tm[2]}"
    return Dateline(start, end, dt.date(y, mo, d), hhmm, (m.start("core"), m.end("core")))


def publication(doc: Doc, w: DateRules) -> tuple[dt.date | None, Dateline | None]:
    """The anchor of every relative expression. A publication date given with the article is
    normalised to ISO in ``doc._.meta["published"]``; otherwise the dateline sets it (and
    ``published_time`` when a time is written). Idempotent."""
    meta = doc._.meta
    given, given_time = parse_published(meta.get("published"))
    if given is None and meta.get("published") not in (None, ""):
        # unreadable: keep what was given, but never pass it off as an ISO date
        meta["published_raw"] = meta["published"]
        meta["published"] = None
    # found once per Doc: the dates and the periods stages both need it
    line = doc.user_data.get(("vngov_dateline", w.key), MISSING)
    if line is MISSING:
        line = doc.user_data[("vngov_dateline", w.key)] = find_dateline(doc, w)
    if given is not None:
        meta["published"] = given.isoformat()
        if given_time and not meta.get("published_time"):
            meta["published_time"] = given_time
        elif line and line.date == given and line.time and not meta.get("published_time"):
            meta["published_time"] = line.time
        return given, line
    if line is not None:
        meta["published"] = line.date.isoformat()
        if line.time:
            meta["published_time"] = line.time
        return line.date, line
    return None, None


class _DocContext:
    """Per-document lookups shared by the recognisers: sentences, tense, nearby years."""

    def __init__(self, doc: Doc, w: DateRules, published: dt.date | None):
        self.doc = doc
        self.w = w
        self.text = doc._.match_text
        self.published = published
        self.sents = list(doc._.sentences or [(0, len(self.text))])
        self.sent_starts = [s for s, _ in self.sents]
        self._tense: dict[int, tuple[bool, bool, bool]] = {}
        self._years: list[tuple[int, int, str]] | None = None
        self._year_at: list[int] = []
        self._paras: list[tuple[int, int]] = []
        self._para_starts: list[int] | None = None

    def sentence(self, pos: int) -> tuple[int, int]:
        i = bisect.bisect_right(self.sent_starts, pos) - 1
        if i >= 0 and self.sents[i][0] <= pos <= self.sents[i][1]:
            return self.sents[i]
        # between sentences (a heading): its line
        s = self.text.rfind("\n", 0, pos) + 1
        e = self.text.find("\n", pos)
        return (s, len(self.text) if e < 0 else e)

    def tense(self, pos: int, end: int) -> tuple[bool, bool, bool]:
        """(says it already happened, hints that it did, says it is still to come) for the
        sentence at pos."""
        s, e = self.sentence(pos)
        if s not in self._tense:
            chunk = self.text[s:e]
            self._tense[s] = (self.w.past.search(chunk) is not None,
                              self.w.weak_past.search(chunk) is not None,
                              self.w.future.search(chunk) is not None)
        past, weak, future = self._tense[s]
        if self.w.future_after_date.match(self.text, end):
            future = True
        return past, weak, future

    def _explicit_years(self) -> list[tuple[int, int, str]]:
        """(start, year, role) of every explicit_year match, as finditer would give them; role
        is "target", "until", "review" or ""."""
        text, pattern, reach = self.text, self.w.explicit_year, self.w.year_reach
        w = self.w
        years: list[tuple[int, int, str]] = []
        last = 0
        for c in self.w.year_digits.finditer(text):
            if c.start() < last:
                continue
            # one character past the year, for the pattern's one-character lookaheads
            m = pattern.search(text, max(last, c.start() - reach), c.end() + 1)
            if m is not None:
                year = int(m["y"])
                base = self.w.base_year_before
                if base is not None and base.search(text, max(0, m.start() - 16), m.start()):
                    year += 1  # "cùng kỳ năm 2019": the text reports 2020
                role = ""
                before = max(0, m.start() - 40)
                if w.target_before is not None and w.target_before.search(text, before, m.start()):
                    role = "target"
                elif w.until_before is not None and w.until_before.search(text, before, m.start()):
                    role = "until"
                elif w.review_before is not None and w.review_before.search(text, before, m.start()):
                    role = "review"
                years.append((m.start(), year, role))
                last = m.end()
        return years

    def _paragraph_at(self, pos: int) -> tuple[int, int] | None:
        if self._para_starts is None:
            self._paras = list(self.doc._.paragraphs or [])
            self._para_starts = [s for s, _ in self._paras]
        i = bisect.bisect_right(self._para_starts, pos) - 1
        if i >= 0 and self._paras[i][0] <= pos <= self._paras[i][1]:
            return self._paras[i]
        return None

    def paragraph(self, pos: int) -> tuple[int, int]:
        """The paragraph at pos, else its sentence."""
        return self._paragraph_at(pos) or self.sentence(pos)

    def nearby_year(self, pos: int) -> int | None:
        """The explicit year nearest to pos (see nearby_year_role)."""
        return self.nearby_year_role(pos)[0]

    def nearby_year_role(self, pos: int) -> tuple[int | None, str]:
        """The explicit year nearest to pos and its role: in the same sentence, else in the
        same paragraph, else anywhere in the text (an article with no publication date still
        names its year somewhere: "Sáng 6/4, ..." then "năm 2021" further down). A target
        year ("tầm nhìn đến năm 2030") is never taken; the end of a span ("đến năm 2025") only
        when the text names no other year."""
        if self._years is None:
            # found once per Doc: the dates and the periods stages both need them
            key = ("vngov_explicit_years", self.w.key)
            if key not in self.doc.user_data:
                self.doc.user_data[key] = self._explicit_years()
            every = self.doc.user_data[key]
            kept = [y for y in every if y[2] != "target"]
            self._years = [y for y in kept if y[2] != "until"] or kept
            self._year_at = [y[0] for y in self._years]
        if not self._years:
            return None, ""
        spans = [self.sentence(pos)]
        para = self._paragraph_at(pos)
        if para is not None:
            spans.append(para)
        spans.append((0, len(self.text)))
        for s, e in spans:
            lo, hi = bisect.bisect_left(self._year_at, s), bisect.bisect_right(self._year_at, e)
            if lo < hi:
                # the nearest one; only its neighbours at the insertion point can be nearest
                k = bisect.bisect_left(self._year_at, pos, lo, hi)
                near = [self._years[x] for x in (k - 1, k) if lo <= x < hi]
                _, year, role = min(near, key=lambda ay: abs(ay[0] - pos))
                return year, role
        return None, ""

    def year_for(self, pos: int, end: int, month: int) -> tuple[int | None, bool]:
        """A missing year: the publication year (one back when the month is later than the
        publication month and the sentence says it already happened), else a year written
        in the same sentence, else unknown."""
        pub = self.published
        if pub is not None:
            year = pub.year
            if month > pub.month:
                # "đã", "vừa qua" say it happened; "tổ chức" only hints it, which is enough
                # when the month is far ahead of the publication ("20/12" in a January text)
                past, weak, future = self.tense(pos, end)
                if not future and (past or (weak and month - pub.month >= self.w.weak_min_months)):
                    year -= 1
            return year, True
        y, role = self.nearby_year_role(pos)
        if y is not None and role == "review" and month <= self.w.review_early_months:
            y += 1  # "Sáng 7/1 ... tổng kết công tác năm 2020": January of the next year
        return (y, True) if y is not None else (None, False)


def _free(claims, start: int, end: int) -> tuple[bool, bool]:
    """(may be yielded, should claim): a date inside a document reference that the documents
    stage claimed whole ("Chỉ thị số 45-CT/TW ngày 20/6/2020") is still a date."""
    if claims.is_free(start, end):
        return True, True
    i = bisect.bisect_right(claims.starts, start) - 1
    if i >= 0 and claims.starts[i] <= start and claims.ends[i] >= end and claims.owners[i] == "documents":
        return True, False
    return False, False


@register("vngov_dates")
class DateRecognizer(Recognizer):
    """ "Ngày 14/10" -> 2020-10-14 (year from the publication date, inferred_year true);
    "ngày 20 tháng 6 năm 2020"; "Thứ Tư, 08/04/2015, 08:11 [GMT+7]"; "ngày 14-15/10" -> two."""

    name = "dates"
    record_type = "dates"

    def __init__(self, rules: Rules):
        super().__init__(rules)
        self.w = date_rules(rules)

    def find(self, doc: Doc) -> Iterator[Match]:
        w = self.w
        pub, line = publication(doc, w)
        ctx = _DocContext(doc, w, pub)
        claims = doc._.claims
        text = doc._.match_text
        folded = casefolded(text)
        out: list[Match] = []
        if line is not None:
            ok, claim = _free(claims, line.start, line.end)
            if ok:
                out.append(Match(line.start, line.end,
                                 {"value": line.date.isoformat(), "inferred_year": False},
                                 "date.dateline", 1.0, claim=claim))
        skip_until = line.core[1] if line is not None else -1
        skip_from = line.start if line is not None else -1
        pos = 0
        while True:
            m = w.date_search.search(text, folded, pos)
            if m is None:
                break
            got = [] if skip_from <= m.start() < skip_until else self._read(m, ctx, claims)
            out.extend(got)
            # a refused candidate ("thứ 3, ngày 14/10") may hide a date inside it
            pos = m.end() if got else m.start() + 1
        return out

    # -----------------------------------------------------------------------------------
    def _read(self, m: regex.Match, ctx: _DocContext, claims) -> list[Match]:
        w, text = self.w, ctx.text
        start = m.start()
        if w.not_date_after.search(text, max(0, start - 16), start) or w.lunar_after.match(text, m.end()):
            return []
        if m["iy"]:
            y, mo, d = int(m["iy"]), int(m["im"]), int(m["id"])
            if not _valid(y, mo, d):
                return []
            return self._emit([(m.start(), m.end(), y, mo, d, False)], claims, rule="date.iso")

        pre = w.prefix_rx.search(text, max(0, start - 60), start)
        cue_start, has_cue, paren, wrapped = self._cue(pre, m, ctx)
        closes = bool(paren and w.close_paren.match(text, m.end()))
        # "Sáng nay (14/10)" keeps its parentheses; a date that merely stands in parentheses,
        # "(ngày 14/10/2020)", does not
        keep_paren = wrapped and closes
        days = m.captures("day")
        month = int(m["m"])
        year = int(m["y"]) if m["y"] else None
        day_starts = m.starts("day")
        joins = [j.strip().lower() for j in m.captures("dj")]
        has_partner = m["d2"] is not None
        written = m["sep"] is None  # "20 tháng 6 năm 2020"
        opener = w.opener_before.search(text, max(0, (cue_start if has_cue else start) - 12),
                                        cue_start if has_cue else start)
        if not has_cue and (year is None or len(days) > 1):
            # "(14/10)" stands alone; "từ 28/9 đến 2/10" is a range; "trước 30/6," a deadline
            weak = (len(days) == 1 and w.weak_before.search(text, max(0, start - 16), start)
                    and w.weak_after.match(text, m.end()))
            point = len(days) == 1 and w.point_before.search(text, max(0, start - 20), start)
            if not (closes or (has_partner and opener) or weak or point):
                return []
        head_end = m.end("y") if m["y"] else m.end("m")
        items: list[tuple[int, int, int | None, int, int, bool]] = []
        ranged = False
        for i, (dtext, ds) in enumerate(zip(days, day_starts)):
            s = cue_start if i == 0 else ds
            e = head_end if i == len(days) - 1 else ds + len(dtext)
            if i == len(days) - 1 and keep_paren and not has_partner and len(days) == 1:
                e = w.close_paren.match(text, head_end).end()
            items.append([s, e, year, month, int(dtext), year is None])
        if len(days) == 2 and joins and joins[0] in w.range_words:
            ranged = True
        if has_partner:
            y2 = int(m["y2"]) if m["y2"] else None
            m2, d2 = int(m["m2"]), int(m["d2"])
            second = [m.start("d2"), m.end(), y2, m2, d2, y2 is None]
            # the "ngày" of the second end belongs to it
            k = w.day_word_before.search(text, max(0, second[0] - 8), second[0])
            if k:
                second[0] -= len(k.group(0))
            # the ends lend each other their year
            if year is None and y2 is not None:
                for it in items:
                    it[2] = y2 - 1 if (it[3], it[4]) > (m2, d2) else y2
            elif year is not None and y2 is None:
                second[2] = year + 1 if (m2, d2) < (month, items[-1][4]) else year
            items.append(second)
            ranged = m["rj"].strip().lower() in w.range_words and len(days) == 1
        # years nobody wrote: publication date, roll-back, nearby year
        for it in items:
            if it[2] is None:
                it[2], inferred = ctx.year_for(it[0], it[1], it[3])
                it[5] = inferred
        # a weekday written as a digit that disagrees with the date was an ordinal
        out = self._emit([tuple(it) for it in items], claims,
                         rule="date.range" if has_partner or len(days) > 1 else
                         ("date.written" if written else ("date.cue" if has_cue else "date.full")))
        if ranged and w.day_range_periods and len(out) == len(items) >= 2:
            first, last = out[0].record["value"], out[-1].record["value"]
            if first <= last or "X" in first:
                ps = start
                op = w.opener_before.search(text, max(0, out[0].start - 12), out[0].start)
                ps = op.start() if op else out[0].start
                out.append(Match(ps, out[-1].end,
                                 {"start_date": first, "end_date": last, "granularity": "day-range",
                                  **({"inferred_year": True} if any(it[5] for it in items) else {})},
                                 "period.day_range", 0.9, claim=False, record_type="periods"))
        return out

    def _cue(self, pre: regex.Match | None, m: regex.Match, ctx: _DocContext) -> tuple[int, bool, bool, bool]:
        """(span start, a date cue stands before, an opening parenthesis stands before, a cue
        stands before that parenthesis)."""
        start = m.start()
        if pre is None:
            return start, False, False, False
        groups = ["tod", "wd", "paren", "dw", "ord"]
        present = {g: pre[g] is not None for g in groups}
        if present["wd"]:
            wd_text = fold(pre["wd"]).lower()
            numeric = any(ch.isdigit() for ch in wd_text)
            if numeric:
                # "kỳ họp thứ 3, ngày 14/10": an ordinal after a word, unless a time of day
                # ("Sáng thứ 3") makes it a weekday; a known date must agree with it
                word_before = self.w.word_before.search(ctx.text, max(0, pre.start("wd") - 20), pre.start("wd"))
                agrees = self._weekday_agrees(wd_text, m)
                if (word_before and not present["tod"]) or agrees is False:
                    present["wd"] = False
                    present["tod"] = False
        has_cue = present["tod"] or present["wd"] or present["dw"] or present["ord"]
        wrapped = present["paren"] and (present["tod"] or present["wd"])
        first = next((g for g in groups if present[g] and (g != "paren" or wrapped)), None)
        return (pre.start(first) if first else start), bool(has_cue), present["paren"], bool(wrapped)

    def _weekday_agrees(self, wd_text: str, m: regex.Match) -> bool | None:
        if not m["y"] or len(m.captures("day")) != 1:
            return None
        y, mo, d = int(m["y"]), int(m["m"]), int(m["day"])
        if not _valid(y, mo, d):
            return None
        return dt.date(y, mo, d).isoweekday() == self.w.weekdays.get(wd_text)

    def _emit(self, items: list[tuple], claims, rule: str) -> list[Match]:
        out = []
        for s, e, y, mo, d, inferred in items:
            if not _valid(y, mo, d):
                return []
            ok, claim = _free(claims, s, e)
            if not ok:
                continue
            out.append(Match(s, e, {"value": _iso(y, mo, d), "inferred_year": bool(inferred)},
                             rule, 1.0 if not inferred else 0.9, claim=claim))
        return out


# ---------------------------------------------------------------------------------------
def _masked(doc: Doc) -> str:
    """match_text with every claimed range replaced by MASK (same length)."""
    text = doc._.match_text
    claims = doc._.claims
    if not len(claims):
        return text
    parts, pos = [], 0
    for s, e in zip(claims.starts, claims.ends):
        if s > pos:
            parts.append(text[pos:s])
        s = max(s, pos)
        if e > s:
            parts.append(MASK * (e - s))
            pos = e
    parts.append(text[pos:])
    return "".join(parts)


def _shift_year(iso: str, years: int) -> str:
    if iso.startswith("X"):
        return iso
    y, m, d = int(iso[:4]) + years, int(iso[5:7]), int(iso[8:10])
    return _iso(y, m, min(d, _month_end(y, m)))


@register("vngov_periods")
class PeriodRecognizer(Recognizer):
    """ "9 tháng đầu năm" -> 01-01..09-30 of the publication year; "quý III/2020";
    "nhiệm kỳ 2020 - 2025" -> 2020-01-01..2025-12-31; "năm nay"; "cùng kỳ năm trước"."""

    name = "periods"
    record_type = "periods"

    def __init__(self, rules: Rules):
        super().__init__(rules)
        self.w = date_rules(rules)

    def find(self, doc: Doc) -> Iterator[Match]:
        w = self.w
        pub, _ = publication(doc, w)
        ctx = _DocContext(doc, w, pub)
        text = _masked(doc)
        folded = casefolded(text)
        out: list[Match] = []
        pos = 0
        while True:
            m = w.period_search.search(text, folded, pos)
            if m is None:
                break
            kind = next(k for k in ("same", "since", "multi", "part", "half", "quarter", "mrange",
                                    "month", "vague", "year", "rel") if m[k] is not None)
            if self.w.lunar_after.match(text, m.end()):
                pos = m.start() + 1
                continue
            got = getattr(self, "_" + kind)(m, ctx, text, out) if self.w.emit.get(kind, True) else []
            out.extend(got)
            pos = m.end() if got else m.start() + 1
        out.extend(self._report_period_repeats(text, out))
        out.extend(self._year_to_date(text, out, ctx))
        return out

    def _year_to_date(self, text: str, found: list[Match], ctx: "_DocContext") -> list[Match]:
        """A bare "6 tháng" that a cumulative word leads ("lũy kế 6 tháng") or an estimate
        follows ("6 tháng ước đạt"): the months from January, of the inferred year."""
        w = self.w
        taken = sorted((p.start, p.end) for p in found)
        taken_starts = [s for s, _ in taken]
        out = []
        for m in w.bare_months.finditer(text):
            i = bisect.bisect_right(taken_starts, m.start()) - 1
            if i >= 0 and taken[i][1] > m.start():
                continue  # inside a period already found
            raw = m["pn"]
            if not raw.isdigit():
                continue  # "năm tháng" is too ambiguous
            n = int(raw)
            if not 1 <= n <= 12:
                continue
            lead = w.ytd_lead_before.search(text, max(0, m.start() - 12), m.start())
            anchor = None
            if not lead:
                if w.bare_not_after.search(text, max(0, m.start() - 16), m.start()):
                    continue
                followed = w.ytd_follower.match(text, m.end()) or \
                    (w.ytd_number_follower is not None and w.ytd_number_follower.match(text, m.end()))
                if not followed:
                    anchor = self._month_anchor(n, m, found, ctx)
                    if anchor is None:
                        continue
            if anchor is not None:
                y, inferred = int(anchor.record["start_date"][:4]), True
            else:
                y, inferred = ctx.year_for(m.start(), m.end(), 1)
            s = lead.start() if lead else m.start()
            gran = "half" if n == 6 else ("year" if n == 12 else "part_of_year")
            out.append(self._period(s, m.end(), y, 1, y, n, gran, "period.year_to_date", inferred,
                                    score=0.8))
        return out

    def _month_anchor(self, n: int, m: regex.Match, found: list[Match], ctx: "_DocContext") -> Match | None:
        """ "tháng 11 và 11 tháng", "tháng 7/2022 ... 7 tháng qua đạt": a bare count of months
        equal to a month the same paragraph names before it counts the months of that year
        up to that month (a report on month N also gives the year to date)."""
        w = self.w
        if w.mtd_not_before is None or w.mtd_not_before.match(ctx.text, m.end()):
            return None
        para = ctx.paragraph(m.start())
        for p in reversed(found):
            if p.start >= m.start() or p.start < para[0]:
                continue
            r = p.record
            if p.rule == "period.month" and not r.get("relative") and r["start_date"][:4] != "XXXX" \
                    and int(r["start_date"][5:7]) == n:
                return p
        return None

    def _report_period_repeats(self, text: str, found: list[Match]) -> list[Match]:
        """A bare "9 tháng" after (or before) "9 tháng đầu năm 2023" in the same text."""
        named: dict[int, list[Match]] = {}  # months counted -> the periods that name them, in order
        for p in found:
            if p.rule == "period.part_of_year" and p.record["start_date"][5:] == "01-01":
                named.setdefault(int(p.record["end_date"][5:7]), []).append(p)
        if not named:
            return []
        w = self.w
        taken_starts = [p.start for p in found]  # found is in text order
        starts_of = {n: [p.start for p in ps] for n, ps in named.items()}
        out = []
        for m in w.bare_months.finditer(text):
            i = bisect.bisect_right(taken_starts, m.start()) - 1
            if i >= 0 and found[i].end > m.start():
                continue  # inside a period already found
            raw = m["pn"]
            n = int(raw) if raw.isdigit() else w.number_words.parse_spelled(raw)
            if n not in named or w.bare_not_after.search(text, max(0, m.start() - 16), m.start()) \
                    or w.bare_not_before.match(text, m.end()):
                continue
            j = bisect.bisect_left(starts_of[n], m.start()) - 1
            ref = named[n][max(j, 0)].record  # the latest one named before, else the first
            rec = {"start_date": ref["start_date"], "end_date": ref["end_date"], "granularity": ref["granularity"]}
            if ref.get("inferred_year"):
                rec["inferred_year"] = True
            out.append(Match(m.start(), m.end(), rec, "period.report_period_repeat", 0.7))
        return out

    # helpers ---------------------------------------------------------------------------
    def _period(self, s: int, e: int, y1: int | None, m1: int, y2: int | None, m2: int, gran: str,
                rule: str, inferred: bool = False, vague: bool = False, score: float = 1.0) -> Match:
        rec: dict[str, Any] = {"start_date": _iso(y1, m1, 1), "end_date": _iso(y2, m2, _month_end(y2, m2)),
                               "granularity": gran}
        if vague:
            rec["vague"] = True
        if inferred:
            rec["inferred_year"] = True
        return Match(s, e, rec, rule, score * (0.9 if inferred else 1.0) * (0.7 if vague else 1.0))

    def _year_of(self, m: regex.Match, ctx: _DocContext, explicit: str | None, rel: str | None,
                 start_month: int) -> tuple[int | None, bool]:
        """The year: written, relative ("năm nay", or "nay" after a year word), or missing."""
        if explicit:
            return int(explicit), False
        if rel:
            key = " ".join(fold(rel).lower().split())
            unit_offset = self.w.relative.get(key)
            off = unit_offset[1] if unit_offset else self.w.rel_year_tails.get(key, 0)
            pub = ctx.published
            if pub is None and off == 0:
                # "năm nay" with no publication date: the year the text names nearby
                return ctx.nearby_year(m.start()), True
            return (pub.year + off if pub else None), True
        return ctx.year_for(m.start(), m.end(), start_month)

    # one method per alternative ---------------------------------------------------------
    def _same(self, m, ctx, text, out):
        s, e = m.start(), m.end()
        # the period being compared: the latest one named before (in a report, the one the
        # paragraph or the whole text is about)
        anchor = None
        for prev in reversed(out):
            r = prev.record
            if r["granularity"] in ("multi_year", "day-range") or r.get("vague") \
                    or r.get("relative") == "same_period_last_year":
                continue
            anchor = prev
            break
        pub = ctx.published
        rec: dict[str, Any]
        if anchor is not None and not anchor.record["start_date"].startswith("X"):
            a = anchor.record
            base = int(a["start_date"][:4])
            shift = (int(m["same_y"]) - base) if m["same_y"] else -1
            rec = {"start_date": _shift_year(a["start_date"], shift),
                   "end_date": _shift_year(a["end_date"], shift), "granularity": a["granularity"]}
            score = 0.8
        else:
            y = int(m["same_y"]) if m["same_y"] else (pub.year - 1 if pub else None)
            rec = {"start_date": _iso(y, 1, 1), "end_date": _iso(y, 12, 31), "granularity": "year",
                   "vague": True}
            score = 0.5
        rec["relative"] = "same_period_last_year"
        return [Match(s, e, rec, "period.same_period", score)]

    def _since(self, m, ctx, text, out):
        pub = ctx.published
        if pub is None:
            return []
        y = int(m["since_y"]) if m["since_y"] else pub.year
        rec = {"start_date": _iso(y, 1, 1), "end_date": pub.isoformat(), "granularity": "part_of_year"}
        return [Match(m.start(), m.end(), rec, "period.since_start_of_year", 0.9)]

    def _multi(self, m, ctx, text, out):
        y1, y2 = int(m["my1"]), int(m["my2"])
        if not (y1 < y2 <= y1 + self.w.max_years):
            return []
        return [self._period(m.start(), m.end(), y1, 1, y2, 12, "multi_year", "period.multi_year")]

    def _part(self, m, ctx, text, out):
        raw = m["pn"]
        n = int(raw) if raw.isdigit() else self.w.number_words.parse_spelled(raw)
        if n is None or not 1 <= n <= 12:
            return []
        if not raw.isdigit() and not m["pedge"]:
            return []  # "năm tháng năm 2020" is too ambiguous without đầu/cuối
        if m["pq"]:
            # "3 quý đầu năm": quarters counted; "2 quý năm 2023" is a count of quarters
            if not m["pedge"] or not 1 <= n <= 3:
                return []
            n *= 3
        first = m["pedge"] is None or fold(m["pedge"]).lower() in self.w.first_words
        m1, m2 = (1, n) if first else (13 - n, 12)
        y, inferred = self._year_of(m, ctx, m["py"], m["prel"], m1)
        gran = "half" if n == 6 else ("year" if n == 12 else "part_of_year")
        return [self._period(m.start(), m.end(), y, m1, y, m2, gran, "period.part_of_year", inferred)]

    def _half(self, m, ctx, text, out):
        h = self.w.halves[fold(m["half"]).lower()]
        m1, m2 = (1, 6) if h == 1 else (7, 12)
        y, inferred = self._year_of(m, ctx, m["hy"], m["hrel"], m1)
        return [self._period(m.start(), m.end(), y, m1, y, m2, "half", "period.half", inferred)]

    def _quarter(self, m, ctx, text, out):
        qs = [self.w.quarter_numbers.get(q.upper()) for q in m.captures("q")]
        if any(q is None for q in qs):
            return []
        joins = [j.strip().lower() for j in m.captures("qj")]
        rel = m["qrel"]
        if not m["qy"] and not rel and self.w.recurring_after is not None \
                and self.w.recurring_after.match(text, m.end()):
            return []  # "quý III các năm": the same quarter of many years
        res = []
        if len(qs) == 2 and joins[0] in self.w.range_words:
            groups = [(qs[0], qs[1], m.start(), m.end())]
        else:
            starts = m.starts("q")
            groups = []
            for i, q in enumerate(qs):
                s = m.start() if i == 0 else starts[i]
                # "quý I và quý II": the second starts at its own "quý"
                k = self.w.quarter_word_before.search(text, max(0, s - 8), s) if i else None
                if k:
                    s -= len(k.group(0))
                e = m.end() if i == len(qs) - 1 else m.ends("q")[i]
                groups.append((q, q, s, e))
        for q1, q2, s, e in groups:
            if q2 < q1:
                return []
            y, inferred = self._year_of(m, ctx, m["qy"], rel, 3 * q1 - 2)
            gran = "quarter" if q1 == q2 else "part_of_year"
            res.append(self._period(s, e, y, 3 * q1 - 2, y, 3 * q2, gran, "period.quarter", inferred))
        return res

    def _mrange(self, m, ctx, text, out):
        y1, m1, y2, m2 = int(m["mry1"]), int(m["mr1"]), int(m["mry2"]), int(m["mr2"])
        if not (y1, m1) < (y2, m2) or y2 - y1 > self.w.max_years:
            return []
        gran = "part_of_year" if y1 == y2 else "multi_year"
        return [self._period(m.start(), m.end(), y1, m1, y2, m2, gran, "period.month_range")]

    def _month(self, m, ctx, text, out):
        w = self.w
        mos = [int(x) for x in m.captures("mo")]
        joins = [j.strip().lower() for j in m.captures("moj")]
        explicit = m["moy"]
        s0 = m.start()
        if not explicit and not m["morel"]:
            begin = m.start()
            if w.month_not_after.search(text, max(0, begin - 24), begin) or \
                    w.month_not_before.match(text, m.end()) or \
                    (w.recurring_after is not None and w.recurring_after.match(text, m.end())):
                return []
        rel = m["morel"].split()[-1] if m["morel"] else None
        ranged = len(mos) == 2 and joins and joins[0] in w.range_words
        if ranged:
            if mos[1] <= mos[0]:
                return []
            y, inferred = self._year_of(m, ctx, explicit, rel, mos[0])
            end = m.end("moy") if m["mt"] else m.end()
            return [self._period(s0, end, y, mos[0], y, mos[1], "part_of_year", "period.month_range", inferred)] \
                + self._month_tail(m, text)
        res = []
        starts, ends = m.starts("mo"), m.ends("mo")
        for i, mo in enumerate(mos):
            s = starts[i]
            if i == 0:  # "từ" belongs to a range only
                s = m.start("mword")
            if i:
                k = self.w.month_word_before.search(text, max(0, s - 10), s)
                if k:
                    s -= len(k.group(0))
            e = m.end() if i == len(mos) - 1 else ends[i]
            if i == len(mos) - 1 and m["mt"]:
                e = m.end("moy")
            y, inferred = self._year_of(m, ctx, explicit, rel, mo)
            res.append(self._period(s, e, y, mo, y, mo, "month", "period.month", inferred))
        return res + self._month_tail(m, text)

    def _month_tail(self, m, text) -> list[Match]:
        """ "tháng 11, 12/2021 và 1/2022": the months after the first year, each with its own."""
        res = []
        for s, e, mo, y in zip(m.starts("mt"), m.ends("mty"), m.captures("mt"), m.captures("mty")):
            k = self.w.month_word_before.search(text, max(0, s - 10), s)
            if k:
                s -= len(k.group(0))
            res.append(self._period(s, e, int(y), int(mo), int(y), int(mo), "month", "period.month"))
        return res

    def _vague(self, m, ctx, text, out):
        if not (m["vy"] or m["vrel"] or m["vlead"]):
            return []  # a bare "đầu năm" / "cuối năm" is too loose
        m1, m2 = self.w.vague_phrases[fold(m["vp"]).lower()]
        y, inferred = self._year_of(m, ctx, m["vy"], m["vrel"], m1)
        return [self._period(m.start(), m.end(), y, m1, y, m2, "part_of_year", "period.vague", inferred,
                             vague=True)]

    def _year(self, m, ctx, text, out):
        ys = [int(y) for y in m.captures("yy")]
        if len(ys) == 1 and ys[0] % 10 == 0 and self.w.decade_before.search(text, max(0, m.start() - 12), m.start()):
            return []  # "những năm 1990" is a decade
        res = []
        starts, ends = m.starts("yy"), m.ends("yy")
        for i, y in enumerate(ys):
            s = m.start() if i == 0 else starts[i]
            if i:
                k = self.w.year_word_before.search(text, max(0, s - 8), s)
                if k:
                    s -= len(k.group(0))
            res.append(self._period(s, ends[i], y, 1, y, 12, "year", "period.year"))
        return res

    def _rel(self, m, ctx, text, out):
        w = self.w
        if w.rel_not_after.search(text, max(0, m.start() - 24), m.start()):
            return []
        pub = ctx.published
        if pub is None:
            return []  # no calendar anchor
        if w.rel_compared is not None and w.rel_compared.search(text, max(0, m.start() - 60), m.start()):
            return []  # the base of a comparison
        unit, off = w.relative[fold(m["rel"]).lower()]
        if unit == "year":
            y = pub.year + off
            return [self._rel_match(m, _iso(y, 1, 1), _iso(y, 12, 31), "year")]
        if unit == "quarter":
            q = (pub.month - 1) // 3 + off
            y = pub.year + q // 4
            q = q % 4
            m1 = 3 * q + 1
            return [self._rel_match(m, _iso(y, m1, 1), _iso(y, m1 + 2, _month_end(y, m1 + 2)), "quarter")]
        mo = pub.month - 1 + off
        y = pub.year + mo // 12
        mo = mo % 12 + 1
        return [self._rel_match(m, _iso(y, mo, 1), _iso(y, mo, _month_end(y, mo)), "month")]

    @staticmethod
    def _rel_match(m, start: str, end: str, gran: str) -> Match:
        return Match(m.start(), m.end(), {"start_date": start, "end_date": end, "granularity": gran,
                                          "inferred_year": True, "relative": True}, "period.relative", 0.8)
