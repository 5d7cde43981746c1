"""Stage 2 — segment: sentences and words with underthesea, aligned to character offsets,
assembled into a spaCy ``Doc`` whose text is exactly the normalised article text.

Registered as the spaCy tokenizer ``vngov.underthesea_tokenizer.v1``: a multi-syllable word
("Ban Chấp hành", "ngân sách") is one token, as in spaCy's own Vietnamese tokenizer.
"""
from __future__ import annotations

import bisect
import re
from functools import lru_cache
from os.path import dirname, join
from typing import Iterable

import numpy
import regex
import spacy
from spacy.attrs import SENT_START
from spacy.tokens import Doc
from spacy.vocab import Vocab

from .component import ConfigState
from .crf_features import TemplateFeaturizer
from .document import Claims, RECORD_TYPES
from .normalise import Normaliser
from .rules import fold_tones, load_rules, tone_fold_spans

# underthesea's CRF is linear, but a "sentence" of 100 KB without a full stop still makes one
# huge feature matrix; cut very long sentences at a space so memory stays bounded.
MAX_SENTENCE = 1200
# Time and memory grow linearly with the article (on dense government news, about 20 s of CPU
# per million characters and, at the peak, 250 bytes of memory per character), so the limit is
# about not holding one pathological "article" (a whole site dump in one field) in memory:
# past it the article becomes an error record and the run goes on. 6 million characters: any
# 5 MB article fits.
MAX_ARTICLE_CHARS = 6_000_000

# the model underthesea's word_tokenize loads (its folder under pipeline/word_tokenize/models)
WORD_SEGMENTATION_MODEL = "ws_crf_vlsp2013_20230727"

_WS = regex.compile(r"\s+")
_FALLBACK_TOKEN = regex.compile(r"\w+|[^\w\s]", regex.V1)


def _underthesea():
    from underthesea import sent_tokenize, word_tokenize  # loaded once, on first use

    return sent_tokenize, word_tokenize


def _real_sent_tokenize():
    from underthesea import sent_tokenize

    return sent_tokenize


def _real_word_tokenize():
    from underthesea import word_tokenize

    return word_tokenize


class PunktSentences:
    """underthesea's ``sent_tokenize`` (its ``PunktSentenceTokenizer.sentences_from_text``),
    step for step, but jumping from one ".", "?" or "!" to the next instead of looping in
    Python over every character in between (where the original only moves on): the same
    sentences, with underthesea's own abbreviation set."""

    _END = re.compile(r"[.?!]")

    def __init__(self) -> None:
        import underthesea.pipeline.sent_tokenize as module

        module._load_model()
        tokenizer = module.sentence_tokenizer
        if type(tokenizer) is not module.PunktSentenceTokenizer or tokenizer.SENT_END_CHARS != frozenset(".?!"):
            raise TypeError("underthesea's sentence tokenizer is not the one this copies")
        self.abbrev_types = tokenizer.abbrev_types

    def __call__(self, text: str) -> list[str]:
        if not text or not text.strip():
            return []
        sentences = []
        start = 0
        n = len(text)
        next_end = self._END.search

        def close(start: int, end: int) -> int:
            """The sentence text[start:end] ends here; where the next one starts."""
            sentence = text[start:end].strip()
            if sentence:
                sentences.append(sentence)
            while end < n and text[end] in " \t\n\r":
                end += 1
            return end

        i = 0
        while True:
            found = next_end(text, i)
            if found is None:
                break
            i = found.start()
            if text[i] == ".":
                dot_end = i
                while dot_end < n and text[dot_end] == ".":
                    dot_end += 1
                if dot_end - i >= 3:  # an ellipsis ends a sentence at the end or before a capital
                    after = dot_end
                    while after < n and text[after] in " \t":
                        after += 1
                    if after >= n or text[after].isupper():
                        dot_end = start = close(start, dot_end)
                    i = dot_end
                    continue
                if i > 0 and text[i - 1].isdigit() and i + 1 < n and text[i + 1].isdigit():
                    i += 1  # 1.500.000
                    continue
                word_start = i - 1
                while word_start >= 0 and (text[word_start].isalnum() or text[word_start] == "."):
                    word_start -= 1
                word = text[word_start + 1:i]
                if word and word.lower() in self.abbrev_types:
                    i += 1
                    continue
            end = i + 1
            while end < n and text[end] in ".?!":
                end += 1
            i = start = close(start, end)
        final = text[start:].strip()
        if final:
            sentences.append(final)
        return sentences


@lru_cache(maxsize=1)
def punkt_sentences() -> PunktSentences | None:
    """The copy, or None when this underthesea release is laid out differently."""
    try:
        return PunktSentences()
    except (ImportError, AttributeError, TypeError):
        return None


def split_sentences(text: str, paragraphs: Iterable[tuple[int, int]]) -> list[tuple[int, int]]:
    """Sentence (start, end) ranges inside the given paragraph ranges."""
    sent_tokenize, _ = _underthesea()
    if sent_tokenize is _real_sent_tokenize():  # not when a test swapped in another splitter
        sent_tokenize = punkt_sentences() or sent_tokenize
    out: list[tuple[int, int]] = []
    for p_start, p_end in paragraphs:
        para = text[p_start:p_end]
        cursor = 0
        try:
            pieces = sent_tokenize(para) if len(para) > 1 else [para]
        except Exception:  # underthesea is a model: never let it take an article down
            pieces = [para]
        for piece in pieces:
            piece = piece.strip()
            if not piece:
                continue
            at = para.find(piece, cursor)
            if at < 0:
                at = para.find(piece.split()[0], cursor)
                if at < 0:
                    continue
                end = min(len(para), at + len(piece))
            else:
                end = at + len(piece)
            for s, e in _cut_long(para, at, end):
                out.append((p_start + s, p_start + e))
            cursor = end
        if cursor < len(para) and para[cursor:].strip():
            rest = len(para) - len(para[cursor:].lstrip())
            out.extend((p_start + s, p_start + e) for s, e in _cut_long(para, rest, len(para)))
    return out


def _cut_long(text: str, start: int, end: int) -> Iterable[tuple[int, int]]:
    while end - start > MAX_SENTENCE:
        cut = text.rfind(" ", start + MAX_SENTENCE // 2, start + MAX_SENTENCE)
        if cut <= start:
            cut = start + MAX_SENTENCE
        yield start, cut
        start = cut
        while start < end and text[start].isspace():
            start += 1
    if end > start:
        yield start, end


def align_words(text: str, start: int, words: list[str], stop: int | None = None) -> list[tuple[int, int]]:
    """Character ranges of ``words`` (underthesea output) in ``text[start:stop]``.

    underthesea joins the syllables of a word with one space; the text may have more, or a
    tab. A word that cannot be found is skipped (its characters become part of the gaps).
    Searches never go past ``stop`` (the sentence end), so one sentence costs its own
    length, not the rest of the article.
    """
    stop = len(text) if stop is None else stop
    out: list[tuple[int, int]] = []
    pos = start
    for word in words:
        # the usual case: the word as written, right here or after one space (only ASCII
        # spaces inside, where str.split and \s agree); the same range the search below finds
        if word and word[0] != " " and word[-1] != " " and word.isprintable():
            at = pos + 1 if pos < stop and text[pos] == " " else pos
            if text.startswith(word, at, stop):
                pos = at + len(word)
                out.append((at, pos))
                continue
        sylls = word.split()
        if not sylls:
            continue
        at = text.find(sylls[0], pos, stop)
        if at < 0 or text[pos:at].strip():
            continue
        end = at + len(sylls[0])
        ok = True
        for syl in sylls[1:]:
            m = _WS.match(text, end, stop)
            nxt = m.end() if m else end
            if not text.startswith(syl, nxt, stop):
                ok = False
                break
            end = nxt + len(syl)
        if not ok:
            end = at + len(sylls[0])
        out.append((at, end))
        pos = end
    return out


# underthesea's token regex tries a dozen alternatives (abbreviations, urls, e-mails, dates,
# numbers, emoji, ...) before its plain-word one, at every token and at every space between
# tokens. Two additions, in front of it, give the same tokens with much less work:
# - "(?=\S)": every alternative starts with a non-space character, so at a space none can
#   match; the guard makes that one character test instead of a dozen failed alternatives.
# - LETTER_RUN_SHORTCUT takes the common tokens at once and gives the token the full regex
#   would, because no alternative before underthesea's word (\w+) or punct can match there:
#   * a run of letters (word characters but digits and "_") followed by whitespace, the end,
#     or one of , ( ) ; % /: every earlier alternative either starts with a digit or a
#     non-letter ("=", "-", ".", "°", ":", "<", "♥", "(", ","), or needs, right after letters,
#     a character the run cannot contain and is not followed by (".", "&", "'", "’", "-", "@",
#     ":", "+"); \w+ then takes exactly the run. Left to the full regex: "Th.S"/"Th.s" (an
#     unescaped dot, so "ThaS" or "Th S" is one token: the lookahead is that same pattern)
#     and "ʺ" (a letter, U+02BA, that underthesea's punct alternative takes on its own).
#   * one of , ( ) ; % /: no alternative but punct, symbol or non_word (one character) can
#     start with one.
# tests/test_segment.py checks the tokens against the plain regex on samples and hostile text.
LETTER_RUN_SHORTCUT = r"(?!Th.[Ss])[^\W\d_ʺ]+(?![^\s,();%/])|[,();%/]"


def token_regex_with_shortcuts(plain: re.Pattern) -> re.Pattern:
    """underthesea's token regex ``plain`` with the two additions above."""
    return re.compile(r"(?=\S)(?:" + LETTER_RUN_SHORTCUT + "|" + plain.pattern + ")", plain.flags)


class CrfWordSegmenter:
    """underthesea's ``word_tokenize``, taken apart so that it also says where each word is.

    ``word_tokenize`` runs a regex tokenizer, normalises each token, tags the tokens with its
    CRF ("B-W"/"I-W") and joins the tokens of a word with one space; we then had to find every
    word in the text again (``align_words``). Here the same steps run with underthesea's own
    pieces (its compiled token regex, ``token_normalize``, its featurizer and tagger: the same
    words), but the words' ranges come straight from the token matches, and the per-token
    Python of ``word_tokenize`` (a ``groupdict()`` and a ``token_normalize`` call for every
    token) becomes one list comprehension per sentence. When the ranges could differ from what
    ``align_words`` would find (underthesea rewrote a character or a token, a tone-mark
    respelling crosses a token boundary, odd whitespace), ``__call__`` returns the words only
    and the caller aligns them as before: the output is the same either way.
    """

    # token_normalize only rewrites tokens of up to 6 characters; remember its answer per
    # token, long ones included, so a sentence of known tokens is one dictionary map (a
    # bounded cache keyed on one token, like a lexeme)
    MAX_REMEMBERED_TOKENS = 200_000

    def __init__(self) -> None:
        import underthesea.pipeline.word_tokenize as wt_module
        from underthesea.pipeline.text_normalize import token_normalize
        from underthesea.pipeline.text_normalize.character_normalize import normalize_characters_in_text
        from underthesea.pipeline.word_tokenize import regex_tokenize

        wt_module.word_tokenize("Khởi động.")  # loads the CRF model (a module global)
        model = wt_module.word_tokenize_model
        self._featurize = model.featurizer.process
        # the same features, faster (None when it cannot reproduce underthesea_core's)
        self._features = TemplateFeaturizer.for_model(
            join(dirname(wt_module.__file__), "models", WORD_SEGMENTATION_MODEL), self._featurize)
        self._tag = model.estimator.tag
        self._word_tokenize = wt_module.word_tokenize
        self._regex_module = regex_tokenize  # its `patterns` are read per call, as word_tokenize does
        # underthesea's own token regex with shortcuts in front (see LETTER_RUN_SHORTCUT); only
        # while the module holds its own pattern (word_tokenize(fixed_words=...) swaps in another)
        self._plain_patterns = regex_tokenize.patterns
        self._token_regex = self._plain_patterns
        if self._plain_patterns.pattern == regex_tokenize.regex_patterns_combine:
            self._token_regex = token_regex_with_shortcuts(self._plain_patterns)
        self._normalize_characters = normalize_characters_in_text
        self._token_normalize = token_normalize
        self._normalised: dict[str, str] = {}

    def _normalise_token(self, token: str) -> str:
        known = self._normalised.get(token)
        if known is None:
            known = token if len(token) > 6 else self._token_normalize(token)
            if len(self._normalised) < self.MAX_REMEMBERED_TOKENS:
                self._normalised[token] = known
        return known

    def __call__(self, sentence: str, fold_spans: list[tuple[int, int]] = (), offset: int = 0
                 ) -> tuple[list[str] | None, list[tuple[int, int]] | None]:
        """(words, None), or (None, word ranges) when the ranges are exact: ranges in
        ``sentence``, plus ``offset`` (where the sentence starts in the text).

        ``fold_spans``: (start, end) of the tone-mark respellings ``fold_tones`` makes in the
        whole text, relative to ``sentence``; one that crosses a token boundary (or the
        sentence's ends) folds differently in the text than in the word, and ``align_words``
        then behaves in its own way."""
        if self._normalize_characters(sentence) != sentence:
            return self._word_tokenize(sentence), None
        patterns = self._regex_module.patterns
        token_regex = self._token_regex if patterns is self._plain_patterns else patterns
        matches = list(token_regex.finditer(sentence))
        if not matches:
            return [], []
        # every alternative of underthesea's token regex is one named group around the whole
        # alternative, so the group word_tokenize picks (the first that matched) is group 0
        # tokens and their normalised forms as C-level maps (no bytecode per token)
        match_type = type(matches[0])
        tokens = list(map(match_type.group, matches))
        try:
            normalised = list(map(self._normalised.__getitem__, tokens))
        except KeyError:  # a token not met before (or the memory is full)
            normalised = [self._normalise_token(token) for token in tokens]
        features = self._features(normalised) if self._features is not None else None
        if features is None:
            features = self._featurize([[[token] for token in normalised]])[0]
        tags = self._tag(features)
        # a word begins at every token not tagged I-W (and at the first token)
        begins = [i for i, tag in enumerate(tags) if tag != "I-W"]
        if not begins or begins[0] != 0:
            begins.insert(0, 0)
        ends = begins[1:]
        ends.append(len(tokens))
        exact = (sentence.isprintable()
                 # token_normalize mostly respells tone marks ("hoá" -> "hóa"): no change once folded
                 and (normalised == tokens or all(n == t or fold_tones(n) == fold_tones(t)
                                                  for n, t in zip(normalised, tokens)))
                 and (not fold_spans or self._folds_inside_tokens(matches, fold_spans, len(sentence))))
        if not exact:
            return [" ".join(normalised[b:e]) for b, e in zip(begins, ends)], None
        return None, [(matches[b].start() + offset, matches[e - 1].end() + offset)
                      for b, e in zip(begins, ends)]

    @staticmethod
    def _folds_inside_tokens(matches: list, fold_spans: Iterable[tuple[int, int]], length: int) -> bool:
        """Every respelling lies inside one token: then folding the token alone gives the same
        characters as folding the whole text (the folder's patterns are letters only)."""
        starts = [m.start() for m in matches]
        for fs, fe in fold_spans:
            if fs < 0 or fe > length:
                return False
            i = bisect.bisect_right(starts, fs) - 1
            if i < 0 or matches[i].end() < fe:
                return False
        return True


@lru_cache(maxsize=1)
def crf_segmenter() -> CrfWordSegmenter | None:
    """The segmenter, or None when this underthesea release is laid out differently (its
    pieces are not public API): the words then come from ``word_tokenize`` itself."""
    try:
        return CrfWordSegmenter()
    except (ImportError, AttributeError, TypeError):
        return None


def _fallback_ranges(text: str, start: int, end: int) -> Iterable[tuple[int, int]]:
    return ((m.start(), m.end()) for m in _FALLBACK_TOKEN.finditer(text, start, end))


def tokenize_ranges(text: str, sentences: list[tuple[int, int]]) -> list[tuple[int, int]]:
    """Word ranges for the whole text: underthesea words inside sentences, simple tokens
    elsewhere (page chrome, headings that were not content)."""
    _, word_tokenize = _underthesea()
    # the CRF pieces when the words are underthesea's own (a test may swap in another splitter)
    segmenter = crf_segmenter() if word_tokenize is _real_word_tokenize() else None
    # underthesea rewrites tone marks to the old style ("hoá" -> "hóa"); align on one style
    # (same length, so offsets hold) or one such word derails the rest of the sentence
    folded = fold_tones(text)
    fold_spans = tone_fold_spans(text) if segmenter is not None else []
    fold_starts = [s for s, _ in fold_spans]
    ranges: list[tuple[int, int]] = []
    pos = 0
    for s, e in sentences:
        if s > pos:
            ranges.extend(_fallback_ranges(text, pos, s))
        sentence = text[s:e]
        try:
            if segmenter is not None:
                first = bisect.bisect_left(fold_starts, s - 2)  # a respelling is 2-3 letters
                last = bisect.bisect_left(fold_starts, e, first)
                words, exact = segmenter(sentence, [(fs - s, fe - s) for fs, fe in fold_spans[first:last]
                                                    if fe > s], offset=s)
            else:
                words, exact = word_tokenize(sentence), None
        except Exception:
            words, exact = [m.group() for m in _FALLBACK_TOKEN.finditer(sentence)], None
        if exact is not None:
            # the regex tokens cover every character but whitespace: no gaps to fill
            ranges.extend(exact)
            pos = e
            continue
        got = align_words(folded, s, fold_tones("\x00".join(words)).split("\x00"), e)
        # anything the aligner skipped becomes simple tokens, so no text is lost
        cursor = s
        for ws, we in got:
            if ws > cursor:
                ranges.extend(_fallback_ranges(text, cursor, ws))
            ranges.append((ws, we))
            cursor = we
        if cursor < e:
            ranges.extend(_fallback_ranges(text, cursor, e))
        pos = e
    if pos < len(text):
        ranges.extend(_fallback_ranges(text, pos, len(text)))
    return ranges


def doc_words(text: str, ranges: list[tuple[int, int]], sentence_starts: set[int] | None = None
              ) -> tuple[list[str], list[bool], list[bool]]:
    """The words, spaces and sentence starts of a Doc whose ``.text`` equals ``text``: gaps
    of more than one space become whitespace tokens, as spaCy does itself."""
    words: list[str] = []
    spaces: list[bool] = []
    starts: list[bool] = []
    sentence_starts = sentence_starts or set()
    pos = 0
    for s, e in ranges:
        if s != pos:
            gap = text[pos:s]
            if words and gap[0] == " " and not spaces[-1]:
                spaces[-1] = True
                gap = gap[1:]
            if gap:
                words.append(gap)
                spaces.append(False)
                starts.append(len(words) == 1)  # not words[:-1]: that copies the list
        words.append(text[s:e])
        spaces.append(False)
        starts.append(s in sentence_starts or len(words) == 1)
        pos = e
    tail = text[pos:]
    if tail:
        if words and tail[0] == " ":
            spaces[-1] = True
            tail = tail[1:]
        if tail:
            words.append(tail)
            spaces.append(False)
            starts.append(len(words) == 1)  # not words[:-1]: that copies the list
    return words, spaces, starts


def build_doc(vocab: Vocab, text: str, ranges: list[tuple[int, int]],
              sentence_starts: set[int] | None = None) -> Doc:
    """A Doc whose ``.text`` equals ``text`` (see ``doc_words``). Sentence starts are given to
    the constructor (setting ``token.is_sent_start`` one by one rescans the whole Doc each
    time)."""
    words, spaces, starts = doc_words(text, ranges, sentence_starts)
    if not sentence_starts:
        return Doc(vocab, words=words, spaces=spaces)
    return doc_with_sentence_starts(vocab, words, spaces, starts)


def doc_with_sentence_starts(vocab: Vocab, words: list[str], spaces: list[bool], starts: list[bool]) -> Doc:
    """``Doc(vocab, words=words, spaces=spaces, sent_starts=starts)``: the same Doc, but the
    starts go in as one array (what the constructor ends up calling ``from_array`` with,
    True -> 1, False -> -1) instead of through its two Python loops over every token."""
    doc = Doc(vocab, words=words, spaces=spaces)
    values = numpy.where(starts, 1, -1).astype(numpy.int32).astype(numpy.uint64).reshape(-1, 1)
    doc.from_array([SENT_START], values)
    return doc


class RecurringWords:
    """Lexemes that outlive the memory zone for words that come back.

    Inside a memory zone spaCy makes a transient lexeme for every word it has not kept, runs
    its ~20 attribute getters in Python, and throws it away when the article ends: a word
    met in every article paid that every time. A word seen in two articles is kept: after
    the zone, ``keep()`` makes its lexeme outside it, as for the frequent words of
    ``rules/vocabulary.yaml`` at start-up. Keyed on single words and bounded (at most
    ``MAX_KEPT`` words are kept, at most ``MAX_CANDIDATES`` words seen once are remembered),
    so memory stays flat however long the run.
    """

    MAX_KEPT = 50_000
    MAX_CANDIDATES = 100_000

    def __init__(self, vocab: Vocab, kept: Iterable[str] = ()):
        self.vocab = vocab
        self.kept: set[str] = set(kept)
        self.seen_once: set[str] = set()
        self.pending: set[str] = set()

    def note(self, words: list[str]) -> None:
        """The words of one article (called inside its memory zone)."""
        if len(self.kept) >= self.MAX_KEPT:
            return
        new = set(words)
        new -= self.kept
        again = new & self.seen_once
        if again:
            self.pending |= again
            self.seen_once -= again
            new -= again
        if len(self.seen_once) + len(new) > self.MAX_CANDIDATES:
            self.seen_once.clear()
        self.seen_once |= new

    def keep(self) -> None:
        """Make lexemes for the words seen again; only outside a memory zone, where they last."""
        if not self.pending or self.vocab.in_memory_zone:
            return
        room = self.MAX_KEPT - len(self.kept)
        for word in list(self.pending)[:max(0, room)]:
            self.vocab[word]
            self.kept.add(word)
        self.pending.clear()


class UndertheseaTokenizer(ConfigState):
    """raw text -> normalised text -> sentences -> words -> Doc (with ``doc._`` filled)."""

    def __init__(self, vocab: Vocab, rules_dirs: Iterable[str] = ()):
        self.vocab = vocab
        self.rules_dirs = list(rules_dirs)
        rules = load_rules(self.rules_dirs)
        self.normaliser = Normaliser(rules)
        # lexemes made outside any memory zone live as long as the vocabulary: frequent words
        # then cost nothing per article (a new lexeme runs ~20 attribute getters in Python)
        frequent = [str(word) for word in (rules.get("vocabulary") or {}).get("words", [])]
        for word in frequent:
            vocab[word]
        self.recurring = RecurringWords(vocab, frequent)

    def __call__(self, text: str) -> Doc:
        if len(text) > MAX_ARTICLE_CHARS:
            raise ValueError(f"text of {len(text):,} characters is over the limit of "
                             f"{MAX_ARTICLE_CHARS:,} characters for one article")
        norm = self.normaliser(text)
        paragraphs = norm.paragraphs
        sentences = split_sentences(norm.text, paragraphs)
        sentence_starts = {s for s, _ in sentences}
        words, spaces, starts = doc_words(norm.text, tokenize_ranges(norm.text, sentences), sentence_starts)
        if self.vocab.in_memory_zone:
            self.recurring.note(words)
        if sentence_starts:
            doc = doc_with_sentence_starts(self.vocab, words, spaces, starts)
        else:
            doc = Doc(self.vocab, words=words, spaces=spaces)
        doc._.text = norm.text
        doc._.match_text = norm.match_text
        doc._.chrome = norm.chrome
        doc._.sentences = sentences
        doc._.paragraphs = paragraphs
        doc._.meta = {"title": norm.title, "title_span": norm.title_span}
        doc._.records = {t: [] for t in RECORD_TYPES}
        doc._.claims = Claims()
        return doc

    def keep_recurring_words(self) -> None:
        """Call between articles, outside the memory zone: see ``RecurringWords``."""
        self.recurring.keep()

    def configure(self, rules_dirs: Iterable[str] = ()) -> None:
        self.__init__(self.vocab, rules_dirs)


@spacy.registry.tokenizers("vngov.underthesea_tokenizer.v1")
def create_underthesea_tokenizer(rules_dirs: list[str] = []):  # noqa: B006 (spaCy config)
    def make(nlp):
        return UndertheseaTokenizer(nlp.vocab, rules_dirs)

    return make
