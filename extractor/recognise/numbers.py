"""Money, percentages and quantities: a number (digits, spelled, with scale words), an
optional qualifier before it, a range or list partner, and what follows it (a currency, "%",
a unit word). Words come from ``rules/numbers.yaml`` and ``rules/units.yaml``.
"""
from __future__ import annotations

from typing import Iterable, Iterator

import regex
from spacy.tokens import Doc

from ..numbers import DIGITS, NumberWords, parse_digits
from ..rules import Rules, fold
from .base import Match, Recognizer, alternation, compile_rule, matches_at, register, starts_before

_FLAGS = regex.IGNORECASE | regex.V1
# a number and its unit or currency never stand on two lines ("... lần thứ 10\n\nHuyện ...")
H = r"[^\S\n]"
_HAS_DIGIT = regex.compile(r"\d")


class NumberPatterns:
    """Regex pieces shared by the three recognisers (built once per rule set)."""

    def __init__(self, rules: Rules):
        self.words = NumberWords(rules)
        nw = self.words
        units = rules["units"]
        self.scale = alternation(nw.scales)
        spelled = alternation(nw.digits)
        num = rf"(?:{DIGITS}(?![\d.,]\d)|\d{{1,15}}\.\d{{1,2}}(?={H}*{self.scale}))"
        # Repetitions are bounded: an unbounded run ("một hai ba bốn ..." or "1 tỷ 2 triệu 3 tỷ
        # ...") is re-read from every word in it and backtracked word by word, which made
        # a 20 KB run take minutes. No real amount has more than seven spelled words, three
        # scale words in a row ("nghìn tỷ") or five number-scale groups.
        one = rf"(?:{num}|{spelled}(?:{H}+{spelled}){{0,6}})"
        # "30", "30 tỷ", "563 tỷ 859 triệu", "1,2 nghìn tỷ", "hai mươi lăm tỷ"
        self.amount = (rf"(?:{one}(?:{H}+{self.scale}){{1,3}}(?:{H}+{num}(?:{H}+{self.scale}){{1,3}}){{0,4}}"
                       rf"|{one})")
        self.lead = r"(?<![\w.,/])"
        quals = list(nw.qualifiers) + nw.range_openers
        self.qualifier = alternation(quals)
        self.joiner = rf"(?:{H}*[-–—]{H}*|{H}+(?:đến|tới){H}+)"
        self.percent = rf"(?:{H}*%|{H}+phần{H}+trăm(?![\p{{L}}]))"
        # every percentage ends with one of these, on the line where it starts
        self.percent_tail = compile_rule(r"%|trăm", _FLAGS)
        currencies = {fold(k): v for k, v in units["currencies"].items()}
        self.currency_code = {k.lower(): v for k, v in currencies.items()}
        not_dong = alternation(fold(w) for w in units["not_money_after_dong"])
        cur_words = [c for c in currencies if c.lower() not in ("đồng", "đ")]
        self.currency = (
            rf"(?:{alternation(cur_words)}"
            rf"|đồng(?![\p{{L}}\d])(?!{H}+{not_dong})"
            rf"|đ(?![\p{{L}}\d]))"
        )
        self.per = alternation(fold(u) for u in units["per_units"])
        self.unit = alternation(fold(u) for u in units["quantity_units"])
        # "73.467ha": a unit may be written against its number (no space, so no left boundary)
        self.unit_glued = rf"(?:{alternation((fold(u) for u in units['quantity_units']), boundary=False)})(?!\w)"
        # Where a match of any of the three recognisers can start: its qualifier or its amount
        # (a digit or a spelled number word), after the same lead. Found once per article
        # and shared: scanning the text with each full pattern tried qualifier, digits and
        # spelled words at every character, three times over.
        # A leading \b is implied by the lead and a word (or digit) after it, but lets
        # `regex` skip the middle of words without trying the lookbehind there (~15 % faster);
        # not when a rule word starts with a non-word character ("~"), which it would exclude.
        start_words = list(nw.digits) + quals
        word_start = r"\b" if all(regex.match(r"\w", w) for w in start_words if w) else ""
        self.start = compile_rule(
            rf"{word_start}{self.lead}(?:\d|{alternation(start_words, boundary=False)}(?!\w))", _FLAGS)

    def value(self, text: str) -> float | int | None:
        return self.words.parse_amount(text)

    def scales_of(self, text: str) -> list[str]:
        return [w for w in text.split() if w.lower() in self.words.scales]

    def qualifier_of(self, word: str | None) -> str | None:
        return word.lower() if word else None


_PATTERNS: dict[tuple, NumberPatterns] = {}


def patterns_for(rules: Rules) -> NumberPatterns:
    key = rules.key
    if key not in _PATTERNS:
        _PATTERNS[key] = NumberPatterns(rules)
    return _PATTERNS[key]


def number_starts(doc: Doc, p: NumberPatterns) -> list[int]:
    """The offsets where a number (or its qualifier) may start, computed once per article for
    the three recognisers (kept on the Doc, checked against the text they were found in)."""
    text = doc._.match_text
    key = ("vngov.number_starts", id(p))
    cached = doc.user_data.get(key)
    if cached is None or cached[0] is not text:
        cached = (text, [m.start() for m in p.start.finditer(text)])
        doc.user_data[key] = cached
    return cached[1]


def _pair(p: NumberPatterns, a1: str, a2: str | None):
    """Values of a range/list: the first inherits the scale words of the second when it has
    none ("từ 3 đến 5 tỷ" -> 3 tỷ and 5 tỷ)."""
    v2 = p.value(a2) if a2 else None
    if a2 and not p.scales_of(a1) and p.scales_of(a2):
        v1 = p.value(a1 + " " + " ".join(p.scales_of(a2)))
    else:
        v1 = p.value(a1)
    return v1, v2


@register("vngov_money")
class MoneyRecognizer(Recognizer):
    """ "trên 30 tỷ đồng" -> 30000000000 VND, qualifier "trên"; "50.000 đồng/kg" per "kg";
    "từ 3 đến 5 tỷ đồng" -> two items."""

    name = "money"
    record_type = "money"

    def __init__(self, rules: Rules):
        super().__init__(rules)
        p = self.p = patterns_for(rules)
        abbr = p.words.scale_abbreviations
        # "45.678 tr.đồng": an abbreviated scale word, only right before the currency
        abbr_part = (rf"(?:{H}*(?P<ab>{alternation(abbr, boundary=False)})(?:\.{H}*|{H}+)(?={p.currency}))?"
                     if abbr else "")
        self.rx = compile_rule(
            rf"{p.lead}(?:(?P<q>{p.qualifier}){H}+)?(?P<a1>{p.amount})"
            rf"(?:(?P<j>{p.joiner}|{H}+và{H}+)(?P<a2>{p.amount}))?{abbr_part}"
            rf"{H}*(?P<cur>{p.currency})(?:{H}*/{H}*(?P<per>{p.per}))?",
            _FLAGS,
        )
        # "11.800 tỷ đồng/15.000 tỷ đồng" (done of planned): the amount after the slash
        self.slash_second = compile_rule(
            rf"{H}*/{H}*(?P<a1>{p.amount}){H}*(?P<cur>{p.currency})(?![\p{{L}}\d/])", _FLAGS)

        bare = rules["units"].get("bare_billion")
        self.bare_rx = self.bare_context = None
        if bare:
            scales = alternation(fold(w) for w in bare["scales"])
            # the amount ends at the scale word; only punctuation, the line's end or "/per"
            self.bare_rx = compile_rule(
                rf"{p.lead}(?:(?P<q>{p.qualifier}){H}+)?(?P<a1>{p.amount})(?<={scales})"
                rf"(?:{H}*/{H}*(?P<per>{p.per})|(?={H}*(?:[,;:)\n]|\.(?!\d)|\Z)))",
                _FLAGS,
            )
            # a scale word with punctuation after it: most lines have none, and most "tỷ"
            # stand before "đồng"
            self.bare_tail = compile_rule(rf"{scales}(?={H}*(?:[,;:)/\n]|\.(?!\d)|\Z))", _FLAGS)
            self.bare_context = compile_rule(alternation(fold(w) for w in bare["context_words"]), _FLAGS)
            self.bare_window = int(bare.get("window", 100))
            self.bare_code = bare.get("currency", "VND")

    def find(self, doc: Doc) -> Iterator[Match]:
        yield from self._with_currency(doc)
        if self.bare_rx is not None:
            yield from self._bare_billions(doc)

    def _bare_billions(self, doc: Doc) -> Iterator[Match]:
        p = self.p
        text = doc._.match_text
        # only numbers with a bare "tỷ" after them on their line can end in one
        starts = starts_before(text, number_starts(doc, p), self.bare_tail)
        for m in matches_at(self.bare_rx, text, starts):
            # the budget word is looked for on the number's line, within the window (a bounded
            # look-back: on one long line, a search to the line's start per number is quadratic)
            window_start = max(0, m.start() - self.bare_window)
            line_start = text.rfind("\n", window_start, m.start()) + 1
            if not self.bare_context.search(text, max(line_start, window_start), m.start()):
                continue
            value = p.value(m["a1"])
            if value is None:
                continue
            per = doc._.text[m.start("per"):m.end("per")] if m["per"] else None
            yield Match(m.start(), m.end(),
                        {"amount": value, "currency": self.bare_code, "qualifier": p.qualifier_of(m["q"]),
                         "per": per},
                        "money.bare_billion", 0.8)

    def _slash_second_at(self, text: str, at: int):
        # with a required "/" inside, `regex` looks for it up to the end of the text on every
        # call (quadratic on a long line of amounts): bound the look, since "/ 15.000 tỷ đồng"
        # fits in far fewer characters, and look again unbounded when a match reaches the bound
        m = self.slash_second.match(text, at, at + 120)
        if m is not None and m.end() >= min(len(text), at + 120):
            m = self.slash_second.match(text, at)
        return m

    def _with_currency(self, doc: Doc) -> Iterator[Match]:
        p = self.p
        text = doc._.match_text
        for m in matches_at(self.rx, text, number_starts(doc, p)):
            code = p.currency_code.get(m["cur"].lower(), "VND")
            v1, v2 = _pair(p, m["a1"], m["a2"])
            if v1 is None or (m["a2"] and v2 is None):
                continue
            if m["ab"]:
                k = p.words.scale_abbreviations[fold(m["ab"]).lower()]
                v1, v2 = v1 * k, (v2 * k if v2 is not None else None)
            if not m["per"]:
                second = self._slash_second_at(text, m.end())
                if second:
                    v = p.value(second["a1"])
                    if v is not None:
                        yield Match(second.start("a1"), second.end(),
                                    {"amount": v, "currency": p.currency_code.get(second["cur"].lower(), "VND"),
                                     "qualifier": None, "per": None},
                                    "money.slash_second", 0.8)
            per = doc._.text[m.start("per"):m.end("per")] if m["per"] else None
            q = p.qualifier_of(m["q"])
            if m["a2"]:
                joined_by_and = m["j"].strip().lower() == "và"
                first_q = q if joined_by_and else (q if q and q != "từ" else "từ")
                yield Match(m.start("q") if m["q"] else m.start("a1"), m.end("a1"),
                            {"amount": v1, "currency": code, "qualifier": first_q, "per": per},
                            "money.range" if not joined_by_and else "money.list", 0.9)
                yield Match(m.start("a2"), m.end(),
                            {"amount": v2, "currency": code,
                             "qualifier": q if joined_by_and else "đến", "per": per},
                            "money.range" if not joined_by_and else "money.list", 0.9)
            else:
                yield Match(m.start(), m.end(),
                            {"amount": v1, "currency": code, "qualifier": q, "per": per},
                            "money.amount_currency", 1.0)


@register("vngov_percentages")
class PercentageRecognizer(Recognizer):
    """ "96,9%" -> 96.9; "trên 90%" qualifier "trên"; "5-7%" -> 5 and 7; "12 phần trăm";
    "đạt 125,7 kế hoạch" -> 125.7, implicit."""

    name = "percentages"
    record_type = "percentages"

    def __init__(self, rules: Rules):
        super().__init__(rules)
        p = self.p = patterns_for(rules)
        nw = p.words
        self.rx = compile_rule(
            rf"{p.lead}(?:(?P<q>{p.qualifier}){H}+)?(?P<a1>{p.amount})(?P<p1>{p.percent})?"
            rf"(?:(?P<j>{p.joiner})(?P<a2>{p.amount}))?(?P<p2>{p.percent})",
            _FLAGS,
        )
        glued = nw.glued_percent_verbs
        self.glued = compile_rule(
            rf"(?<=\p{{L}})(?:{alternation(glued, boundary=False)})(?P<a1>{DIGITS}){H}?%", _FLAGS) if glued else None
        self.implicit = compile_rule(
            rf"(?<![\p{{L}}])(?:{alternation(nw.implicit_verbs)}){H}+(?P<a1>{DIGITS})"
            rf"{H}+(?P<base>{alternation(nw.implicit_bases)})",
            _FLAGS,
        )

    def find(self, doc: Doc) -> Iterator[Match]:
        p = self.p
        text = doc._.match_text
        # most numbers have no "%" after them on their line: do not try the pattern there
        starts = starts_before(text, number_starts(doc, p), p.percent_tail)
        for m in matches_at(self.rx, text, starts):
            v1, v2 = _pair(p, m["a1"], m["a2"])
            if v1 is None or (m["a2"] and v2 is None):
                continue
            q = p.qualifier_of(m["q"])
            if m["a2"]:
                yield Match(m.start("q") if m["q"] else m.start("a1"),
                            m.end("p1") if m["p1"] else m.end("a1"),
                            {"value": v1, "qualifier": q if q and q != "từ" else "từ", "implicit": False},
                            "percent.range", 0.9)
                yield Match(m.start("a2"), m.end(), {"value": v2, "qualifier": "đến", "implicit": False},
                            "percent.range", 0.9)
            else:
                yield Match(m.start(), m.end(), {"value": v1, "qualifier": q, "implicit": False},
                            "percent.sign" if "%" in m["p2"] else "percent.words", 1.0)
        if self.glued is not None and "%" in text:
            for m in self.glued.finditer(text):
                yield Match(m.start("a1"), m.end(), {"value": parse_digits(m["a1"]), "qualifier": None,
                                                     "implicit": False}, "percent.glued_to_verb", 0.8)
        for m in self.implicit.finditer(text):
            yield Match(m.start("a1"), m.end("base"),
                        {"value": parse_digits(m["a1"]), "qualifier": None, "implicit": True},
                        "percent.implicit_of_plan", 0.7)


@register("vngov_quantities")
class QuantityRecognizer(Recognizer):
    """ "3.772 ha" -> 3772 ha; "2033 đảng viên"; "21/21 trường" -> 21 (of 21) trường."""

    name = "quantities"
    record_type = "quantities"

    def __init__(self, rules: Rules):
        super().__init__(rules)
        p = self.p = patterns_for(rules)
        ordinal = alternation(fold(w) for w in rules["numbers"].get("ordinal_words", []))
        # "ngày làm việc thứ hai kỳ họp", "lần thứ 3 đoàn viên": an ordinal, not a count
        not_ordinal = rf"(?<!{ordinal}{H}{{1,3}})" if ordinal else ""
        self.rx = compile_rule(
            rf"{p.lead}{not_ordinal}(?:(?P<q>{p.qualifier}){H}+)?(?P<a1>{p.amount})"
            rf"(?:/(?P<tot>{DIGITS}))?(?:{H}+(?P<unit>{p.unit})|(?P<unit>{p.unit_glued}))",
            _FLAGS,
        )

    def find(self, doc: Doc) -> Iterable[Match]:
        p = self.p
        text = doc._.match_text
        for m in matches_at(self.rx, text, number_starts(doc, p)):
            value = p.value(m["a1"])
            if value is None:
                continue
            if value < 2 and not _HAS_DIGIT.search(m["a1"]):
                continue  # "một người" is usually "a person", not a count
            rec = {"value": value, "unit": doc._.text[m.start("unit"):m.end("unit")],
                   "qualifier": p.qualifier_of(m["q"])}
            if m["tot"]:
                rec["total"] = parse_digits(m["tot"])
            yield Match(m.start(), m.end(), rec, "quantity.ratio" if m["tot"] else "quantity.number_unit", 0.8)
