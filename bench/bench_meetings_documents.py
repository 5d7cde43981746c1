"""Time the documents recogniser and the meetings linker, alone, on the sample articles and on
adversarial inputs (long runs of digits, codes, capitalised words, head words, cue words).

    /work/venv/bin/python bench/bench_meetings_documents.py

Prints milliseconds per stage and, for scale, underthesea word_tokenize on the same sentences.
The two stages must stay a small share of word_tokenize and grow linearly with the input.
"""
from __future__ import annotations

import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))


def _time(fn, repeat: int = 3) -> float:
    best = float("inf")
    for _ in range(repeat):
        t = time.perf_counter()
        fn()
        best = min(best, time.perf_counter() - t)
    return best * 1000


def main() -> None:
    from underthesea import word_tokenize

    from extractor import get_nlp

    nlp = get_nlp()
    docs_stage = nlp.get_pipe("vngov_documents")
    meet_stage = nlp.get_pipe("vngov_meetings")
    samples = "\n\n".join(p.read_text(encoding="utf-8") for p in sorted((ROOT / "samples").glob("*.txt")))
    inputs = {
        "samples x1": samples,
        "samples x4": "\n\n".join([samples] * 4),
        "digits": "1" * 20000 + " " + "12/" * 5000,
        "codes": " ".join(["13-NQ/HU của"] * 3000),
        "capitals": "của " + " ".join(["Ban Chấp Hành"] * 5000),
        "head words": " ".join(["hội nghị"] * 4000) + ".",
        "cues": ("Đồng chí Nguyễn Văn A chủ trì hội nghị, dự có, " * 800),
        "sentences": ("Tại kỳ họp, đồng chí Lê Văn B chủ trì kỳ họp thứ 3. " * 800),
    }
    print(f"{'input':<14}{'KB':>7}{'tokenize':>11}{'documents':>11}{'meetings':>10}")
    for name, text in inputs.items():
        doc = nlp.make_doc(text)
        for pname, proc in nlp.pipeline:
            if pname not in ("vngov_documents", "vngov_meetings"):
                doc = proc(doc)
        sents = [text[s:e] for s, e in doc._.sentences] or [text]
        t_tok = _time(lambda: [word_tokenize(s) for s in sents], 1)

        def run_docs():
            doc._.records["documents"] = []
            doc._.claims.starts, doc._.claims.ends, doc._.claims.owners = [], [], []
            docs_stage(doc)

        def run_meetings():
            doc._.records["meetings"], doc._.records["planned_meetings"] = [], []
            meet_stage(doc)

        t_docs = _time(run_docs)
        t_meet = _time(run_meetings)
        print(f"{name:<14}{len(text.encode()) / 1024:7.1f}{t_tok:9.1f}ms{t_docs:9.1f}ms{t_meet:8.1f}ms")


if __name__ == "__main__":
    main()
