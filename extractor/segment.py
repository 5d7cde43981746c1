"""Stage 2 — segment: sentences and words with underthesea, aligned to character offsets,
assembled into a spaCy ``Doc`` whose text is exactly the normalised article text.

Registered as the spaCy tokenizer ``vngov.underthesea_tokenizer.v1``: a multi-syllable word
("Ban Chấp hành", "ngân sách") is one token, as in spaCy's own Vietnamese tokenizer.
"""
from __future__ import annotations

from typing import Iterable

import regex
import spacy
from spacy.tokens import Doc
from spacy.vocab import Vocab

from .component import ConfigState
from .document import Claims, RECORD_TYPES
from .normalise import Normaliser
from .rules import fold_tones, load_rules

# underthesea's CRF is linear, but a "sentence" of 100 KB without a full stop still makes one
# huge feature matrix; cut very long sentences at a space so memory stays bounded.
MAX_SENTENCE = 1200
# Time and memory grow linearly with the article (on dense government news, about 20 s of CPU
# per million characters and, at the peak, 250 bytes of memory per character), so the limit is
# about not holding one pathological "article" (a whole site dump in one field) in memory:
# past it the article becomes an error record and the run goes on. 6 million characters: any
# 5 MB article fits.
MAX_ARTICLE_CHARS = 6_000_000

_WS = regex.compile(r"\s+")
_FALLBACK_TOKEN = regex.compile(r"\w+|[^\w\s]", regex.V1)


def _underthesea():
    from underthesea import sent_tokenize, word_tokenize  # loaded once, on first use

    return sent_tokenize, word_tokenize


def split_sentences(text: str, paragraphs: Iterable[tuple[int, int]]) -> list[tuple[int, int]]:
    """Sentence (start, end) ranges inside the given paragraph ranges."""
    sent_tokenize, _ = _underthesea()
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


def tokenize_ranges(text: str, sentences: list[tuple[int, int]]) -> list[tuple[int, int]]:
    """Word ranges for the whole text: underthesea words inside sentences, simple tokens
    elsewhere (page chrome, headings that were not content)."""
    _, word_tokenize = _underthesea()
    # underthesea rewrites tone marks to the old style ("hoá" -> "hóa"); align on one style
    # (same length, so offsets hold) or one such word derails the rest of the sentence
    folded = fold_tones(text)
    ranges: list[tuple[int, int]] = []
    pos = 0
    for s, e in sentences:
        if s > pos:
            ranges.extend((m.start() + pos, m.end() + pos) for m in _FALLBACK_TOKEN.finditer(text[pos:s]))
        try:
            words = word_tokenize(text[s:e])
        except Exception:
            words = [m.group() for m in _FALLBACK_TOKEN.finditer(text[s:e])]
        got = align_words(folded, s, fold_tones("\x00".join(words)).split("\x00"), e)
        # anything the aligner skipped becomes simple tokens, so no text is lost
        cursor = s
        for ws, we in got:
            if ws > cursor:
                ranges.extend((m.start() + cursor, m.end() + cursor)
                              for m in _FALLBACK_TOKEN.finditer(text[cursor:ws]))
            ranges.append((ws, we))
            cursor = we
        if cursor < e:
            ranges.extend((m.start() + cursor, m.end() + cursor) for m in _FALLBACK_TOKEN.finditer(text[cursor:e]))
        pos = e
    if pos < len(text):
        ranges.extend((m.start() + pos, m.end() + pos) for m in _FALLBACK_TOKEN.finditer(text[pos:]))
    return ranges


def build_doc(vocab: Vocab, text: str, ranges: list[tuple[int, int]],
              sentence_starts: set[int] | None = None) -> Doc:
    """A Doc whose ``.text`` equals ``text``: gaps of more than one space become whitespace
    tokens, as spaCy does itself. Sentence starts are given to the constructor (setting
    ``token.is_sent_start`` one by one rescans the whole Doc each time)."""
    words: list[str] = []
    spaces: list[bool] = []
    starts: list[bool] = []
    sentence_starts = sentence_starts or set()
    pos = 0
    for s, e in ranges:
        gap = text[pos:s]
        if gap:
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
    if not sentence_starts:
        return Doc(vocab, words=words, spaces=spaces)
    return Doc(vocab, words=words, spaces=spaces, sent_starts=starts)


class UndertheseaTokenizer(ConfigState):
    """raw text -> normalised text -> sentences -> words -> Doc (with ``doc._`` filled)."""

    def __init__(self, vocab: Vocab, rules_dirs: Iterable[str] = ()):
        self.vocab = vocab
        self.rules_dirs = list(rules_dirs)
        rules = load_rules(self.rules_dirs)
        self.normaliser = Normaliser(rules)
        # lexemes made outside any memory zone live as long as the vocabulary: frequent words
        # then cost nothing per article (a new lexeme runs ~20 attribute getters in Python)
        for word in (rules.get("vocabulary") or {}).get("words", []):
            vocab[str(word)]

    def __call__(self, text: str) -> Doc:
        if len(text) > MAX_ARTICLE_CHARS:
            raise ValueError(f"text of {len(text):,} characters is over the limit of "
                             f"{MAX_ARTICLE_CHARS:,} characters for one article")
        norm = self.normaliser(text)
        paragraphs = norm.paragraphs
        sentences = split_sentences(norm.text, paragraphs)
        doc = build_doc(self.vocab, norm.text, tokenize_ranges(norm.text, sentences),
                        {s for s, _ in sentences})
        doc._.text = norm.text
        doc._.match_text = norm.match_text
        doc._.chrome = norm.chrome
        doc._.sentences = sentences
        doc._.paragraphs = paragraphs
        doc._.meta = {"title": norm.title, "title_span": norm.title_span}
        doc._.records = {t: [] for t in RECORD_TYPES}
        doc._.claims = Claims()
        return doc

    def configure(self, rules_dirs: Iterable[str] = ()) -> None:
        self.__init__(self.vocab, rules_dirs)


@spacy.registry.tokenizers("vngov.underthesea_tokenizer.v1")
def create_underthesea_tokenizer(rules_dirs: list[str] = []):  # noqa: B006 (spaCy config)
    def make(nlp):
        return UndertheseaTokenizer(nlp.vocab, rules_dirs)

    return make
