"""underthesea's word-segmentation CRF features, computed column by column.

underthesea segments words with a CRF whose input is, for every syllable, 43 feature strings
built from templates such as ``T[-1,0].lower`` or ``T[1].is_in_dict`` (``features.bin`` next to
the model). Its featurizer (``underthesea_core.CRFFeaturizer``, compiled) builds each string
afresh: on government news it takes about two thirds of ``word_tokenize``, more than the CRF
itself. Most of those strings depend on one syllable only ("T[-1].lower=hà" is the same
string wherever "Hà" stands), and the rest on a window of two or three syllables.
``TemplateFeaturizer`` reads the same templates and dictionary and builds the same strings,
one template at a time over the whole sentence (a column), with the one-syllable strings
remembered per syllable; the CRF then gets exactly the feature lists it gets inside
``word_tokenize``, so it tags exactly the same words.

Exactness is checked, not assumed. The compiled featurizer lower-cases and title-tests with
Rust's Unicode tables, which may be a different Unicode version than Python's; so when the
model loads, every character of the Latin, Vietnamese and punctuation blocks is run through
both, and only characters on which they agree are handled here. A sentence with any other
character (or a token Python would read differently: a space, an empty token) goes to
underthesea's featurizer. A few sentences are then compared whole, and on any difference, or
a template this module does not know, ``for_model`` returns None and underthesea's featurizer
does all the work.
"""
from __future__ import annotations

import logging
import re
from os.path import join
from typing import Callable, Sequence

log = logging.getLogger(__name__)

# T[offset] or T[offset1,offset2], then an optional function: the template language of
# underthesea_core's CRFFeaturizer, minus what the word-segmentation model does not use
# (columns, offset2 <= offset1)
_TEMPLATE = re.compile(r"T\[(-?\d+)(?:,(-?\d+))?\](?:\.(lower|isdigit|istitle|is_in_dict))?\Z")

# underthesea_core's isdigit is Rust's `str.parse::<i32>()` succeeding: an optional sign,
# ASCII digits, and a value that fits in 32 bits
_SIGNED_DIGITS = re.compile(r"[+-]?[0-9]+\Z")
_I32_MIN, _I32_MAX = -(2 ** 31), 2 ** 31 - 1

# the characters whose lower-casing and title test are compared with underthesea_core's when
# the model loads: printable ASCII and the Latin blocks (Vietnamese letters, precomposed or
# with combining marks), general punctuation, currency signs
CHECKED_CHARACTER_RANGES = ((0x21, 0x24F), (0x300, 0x36F), (0x1E00, 0x1EFF),
                            (0x2010, 0x205E), (0x20A0, 0x20C0))

# sentences compared whole when the model loads (edges: one, two and three syllables, signs,
# the 32-bit limits, capitals, dictionary words and phrases)
_SELF_CHECK_SENTENCES = (
    ["Hà"],
    ["Ủy", "ban"],
    ["ngày", "12", "/", "3"],
    ["Thủ", "tướng", "Chính", "phủ", "chủ", "trì", "phiên", "họp", "thường", "kỳ", "."],
    ["tăng", "+12", "%", ",", "giảm", "-0", ",", "2147483647", "2147483648", "-2147483648",
     "-2147483649", "0000000000000000012", "+", "-", "1.5", "2.500", "tỷ", "đồng"],
    ["GDP", "quý", "III", "ước", "tính", "tăng", "7,4", "%", "so", "với", "cùng", "kỳ", "năm",
     "trước", ";", "UBND", "TP.", "Hồ", "Chí", "Minh", "…"],
)


def _parses_as_i32(token: str) -> bool:
    if not _SIGNED_DIGITS.match(token):
        return False
    digits = token.lstrip("+-").lstrip("0")
    if len(digits) > 10:  # (int() of thousands of digits would also be refused by Python)
        return False
    value = int(digits or "0")
    return _I32_MIN <= (-value if token[0] == "-" else value) <= _I32_MAX


def _is_title(token: str) -> bool:
    # underthesea_core: the first character equals its own upper case (so digits and
    # punctuation count as "title")
    first = token[0]
    return first == first.upper()


class TemplateFeaturizer:
    """Same features as ``underthesea_core.CRFFeaturizer(templates, dictionary)`` for one
    sentence of tokens, as a list of per-token tuples; None when the sentence holds a
    character this featurizer does not handle (the caller then uses underthesea's)."""

    # one-syllable feature strings are remembered per syllable, as lexemes are: a bounded
    # memory keyed on one token (about 1 KB each, so at most about 50 MB; Vietnamese has some
    # 7,000 syllables in common use, the rest are numbers, names and codes)
    MAX_REMEMBERED_TOKENS = 50_000

    def __init__(self, templates: Sequence[str], dictionary: set[str], characters: str) -> None:
        self.templates = list(templates)
        self.dictionary = dictionary
        self._unigrams: list[tuple[str, str | None]] = []  # (template, function)
        # per template, in order: (template, offset1, offset2 or None, function, unigram index)
        self._plan: list[tuple[str, int, int | None, str | None, int]] = []
        for template in self.templates:
            m = _TEMPLATE.match(template)
            if m is None:
                raise ValueError(f"unsupported feature template {template!r}")
            offset1, offset2, function = int(m[1]), None if m[2] is None else int(m[2]), m[3]
            if offset2 is not None and offset2 <= offset1:
                raise ValueError(f"unsupported feature template {template!r}")
            index = -1
            if offset2 is None:
                index = len(self._unigrams)
                self._unigrams.append((template, function))
            self._plan.append((template, offset1, offset2, function, index))
        # a token holding anything else is left to underthesea's featurizer
        self._other_character = re.compile(f"[^{re.escape(characters)}]") if characters else re.compile(".")
        self._yes_no = {template: (f"{template}=False", f"{template}=True") for template in self.templates}
        self._tokens: dict[str, tuple[tuple[str, ...], str, bool] | None] = {}

    @classmethod
    def for_model(cls, model_dir: str, reference: Callable) -> TemplateFeaturizer | None:
        """The featurizer for the model in ``model_dir`` (its ``features.bin`` and
        ``dictionary.bin``), checked against ``reference`` (underthesea_core's
        ``CRFFeaturizer.process``); None when it cannot reproduce it."""
        try:
            import joblib

            templates = joblib.load(join(model_dir, "features.bin"))
            dictionary = joblib.load(join(model_dir, "dictionary.bin"))
            characters = agreeing_characters(reference, templates)
            featurizer = cls(templates, dictionary, characters)
            for tokens in _SELF_CHECK_SENTENCES:
                mine = featurizer(tokens)
                theirs = reference([[[token] for token in tokens]])[0]
                if mine is None or [list(row) for row in mine] != theirs:
                    raise ValueError(f"features differ from underthesea_core's on {tokens}")
        except Exception as error:  # noqa: BLE001 — any surprise means: use underthesea's own
            log.info("word features come from underthesea_core (%s)", error)
            return None
        return featurizer

    def _token_features(self, token: str) -> tuple[tuple[str, ...], str, bool] | None:
        """(the token's one-syllable feature strings, its lower case, its title flag), or None
        for a token left to underthesea's featurizer."""
        if not token or " " in token or self._other_character.search(token):
            info = None
        else:
            lower = token.lower()
            flags = {"isdigit": _parses_as_i32(token), "istitle": _is_title(token),
                     "is_in_dict": lower in self.dictionary}
            values = []
            for template, function in self._unigrams:
                if function is None:
                    values.append(f"{template}={token}")
                elif function == "lower":
                    values.append(f"{template}={lower}")
                else:  # a yes/no feature: one shared string per template and answer
                    values.append(self._yes_no[template][flags[function]])
            info = (tuple(values), lower, flags["istitle"])
        if len(self._tokens) < self.MAX_REMEMBERED_TOKENS:
            self._tokens[token] = info
        return info

    def __call__(self, tokens: Sequence[str]) -> list[tuple[str, ...]] | None:
        remembered = self._tokens
        infos = []
        for token in tokens:
            info = remembered.get(token, False)
            if info is False:
                info = self._token_features(token)
            if info is None:
                return None
            infos.append(info)
        n = len(infos)
        per_token = [info[0] for info in infos]
        lowers: list[str] | None = None
        titles: list[bool] | None = None
        windows: dict[tuple[bool, int], list[str]] = {}  # (lower?, width) -> joined windows
        columns = []
        for template, offset1, offset2, function, index in self._plan:
            # the rows that see before the sentence (BOS) or past its end (EOS)
            last = offset1 if offset2 is None else offset2
            before = min(n, max(0, -offset1))
            inside = max(0, n - max(0, last) - before)
            first_window = before + offset1  # the token where the first inside row's window starts
            if offset2 is None:
                values = [features[index] for features in per_token[first_window:first_window + inside]]
            else:
                width = offset2 - offset1 + 1
                if function is None or function == "lower" or function == "is_in_dict":
                    if function is not None and lowers is None:
                        lowers = [info[1] for info in infos]
                    joined = _windows(tokens if function is None else lowers, width,
                                      windows, function is not None)
                    joined = joined[first_window:first_window + inside]
                    if function == "is_in_dict":
                        no, yes = self._yes_no[template]
                        words = self.dictionary
                        values = [yes if text in words else no for text in joined]
                    else:
                        prefix = template + "="
                        values = [prefix + text for text in joined]
                elif function == "istitle":
                    # every syllable of the window passes (the window is split on spaces)
                    if titles is None:
                        titles = [info[2] for info in infos]
                    no, yes = self._yes_no[template]
                    values = [yes if all(titles[s:s + width]) else no
                              for s in range(first_window, first_window + inside)]
                else:  # isdigit: syllables joined by a space never parse as a number
                    values = [self._yes_no[template][False]] * inside
            if before or inside < n:
                values = [f"{template}=BOS"] * before + values + [f"{template}=EOS"] * (n - before - inside)
            columns.append(values)
        return list(zip(*columns))


def _windows(words: Sequence[str], width: int, cache: dict, lowered: bool) -> list[str]:
    """``width`` consecutive words joined by spaces, for every start position."""
    joined = cache.get((lowered, width))
    if joined is None:
        shorter = words if width == 2 else _windows(words, width - 1, cache, lowered)
        joined = [a + " " + b for a, b in zip(shorter, words[width - 1:])]
        cache[(lowered, width)] = joined
    return joined


def agreeing_characters(reference: Callable, templates: Sequence[str]) -> str:
    """The characters of ``CHECKED_CHARACTER_RANGES`` that underthesea_core lower-cases and
    title-tests as Python does (one call of its featurizer, each character a sentence-long
    token)."""
    if "T[0].lower" not in templates or "T[0].istitle" not in templates:
        raise ValueError("the templates have no T[0].lower / T[0].istitle to compare on")
    lower_at, title_at = templates.index("T[0].lower"), templates.index("T[0].istitle")
    candidates = [chr(c) for start, end in CHECKED_CHARACTER_RANGES for c in range(start, end + 1)]
    rows = reference([[[c] for c in candidates]])[0]
    agreed = [c for c, row in zip(candidates, rows)
              if row[lower_at] == f"T[0].lower={c.lower()}"
              and row[title_at] == f"T[0].istitle={_is_title(c)}"]
    return "".join(agreed)

