"""A synthetic corpus for benchmarks: articles recombined from the paragraphs of ``samples/``.

Each article takes a headline and a handful of paragraphs drawn (with a seeded generator) from
every sample article, shuffled, with their numbers varied: the same kind of text, different
figures, so no two articles are alike and nothing can be cached across them.
"""
from __future__ import annotations

import random
import re
from pathlib import Path
from typing import Iterator

ROOT = Path(__file__).resolve().parent.parent
SAMPLES = ROOT / "samples"

_NUMBER = re.compile(r"\d+")


def load_paragraphs(folder: Path = SAMPLES) -> tuple[list[str], list[str]]:
    """(headlines, body paragraphs) of every sample article: the paragraphs the normaliser
    keeps as content, so page chrome (menus, visit counters) never lands mid-article."""
    import sys

    sys.path.insert(0, str(ROOT))
    from extractor.normalise import Normaliser

    normalise = Normaliser()
    heads: list[str] = []
    body: list[str] = []
    for path in sorted(folder.glob("*.txt")):
        norm = normalise(path.read_text(encoding="utf-8"))
        paras = [norm.text[s:e] for s, e in norm.paragraphs]
        if norm.title:
            heads.append(norm.title)
            paras = paras[1:]
        body.extend(p for p in paras if len(p) > 40)
    if not body or not heads:
        raise SystemExit(f"no sample paragraphs in {folder}")
    return heads, body


def _vary(text: str, rng: random.Random) -> str:
    def repl(m: re.Match) -> str:
        digits = m.group()
        if len(digits) == 4 and digits.startswith(("19", "20")):
            return str(rng.randint(2015, 2025))  # years stay years
        if len(digits) <= 2:
            return str(rng.randint(1, 28 if len(digits) == 2 else 9))
        return str(rng.randint(10 ** (len(digits) - 1), 10 ** len(digits) - 1))

    return _NUMBER.sub(repl, text)


def articles(n: int, seed: int = 7, min_paras: int = 4, max_paras: int = 10) -> Iterator[dict]:
    """``n`` article dicts {id, text, published}; generated lazily (constant memory)."""
    heads, body = load_paragraphs()
    rng = random.Random(seed)
    for i in range(n):
        k = min(len(body), rng.randint(min_paras, max_paras))
        paras = rng.sample(body, k)
        text = "\n\n".join([_vary(rng.choice(heads), rng)] + [_vary(p, rng) for p in paras])
        yield {"id": f"gen-{i:06d}", "text": text,
               "published": f"{rng.randint(2016, 2025)}-{rng.randint(1, 12):02d}-{rng.randint(1, 28):02d}"}
