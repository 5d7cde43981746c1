"""The worker pool: input order, bounded read-ahead, time limits (alarm in a worker, kill of a
worker stuck in native code, SIGALRM in this process, a timer in a thread), workers that die."""
from __future__ import annotations

import os
import signal
import threading
import time

import pytest

import extractor.parallel as parallel
from extractor import extract_many
from extractor.api import Article
from extractor.parallel import Pool, WorkerStartError, process_limited, run_serial

TEMPLATES = [
    "Ngày {d}/10, UBND xã tổ chức hội nghị. Tổng thu ngân sách đạt {n} tỷ đồng, bằng {p},5% dự toán.",
    "Diện tích gieo trồng lúa đạt {n}.{d:03d} ha; tỷ lệ hộ nghèo giảm còn {p},1%.",
    "Huyện đã kết nạp {n} đảng viên mới, giải quyết việc làm cho {d}.{n:03d} lao động.",
]


def corpus(n: int, marks: dict[int, str] | None = None) -> list[Article]:
    arts = []
    for i in range(n):
        text = TEMPLATES[i % len(TEMPLATES)].format(d=i % 28 + 1, n=i + 3, p=i % 90 + 5)
        if marks and i in marks:
            text = f"{marks[i]} {text}"
        arts.append(Article(text=text, id=f"a{i:04d}"))
    return arts


@pytest.fixture
def misbehaving(monkeypatch, nlp):
    """``process`` with markers: <<kill>> kills the worker, <<nap>> takes 50 ms, <<sleep>> sleeps (a signal
    interrupts it), <<spin>> loops in Python code, <<stuck>> sleeps with SIGALRM blocked (like
    a long call into native code). Forked workers inherit the patch."""
    real = parallel.process

    def fake(article, nlp=None, keep_doc=True):
        text = article.text or ""
        if "<<kill>>" in text:
            os.kill(os.getpid(), signal.SIGKILL)
        if "<<sleep>>" in text:
            time.sleep(20)
        if "<<nap>>" in text:
            time.sleep(0.05)
        if "<<spin>>" in text:
            deadline = time.monotonic() + 20
            while time.monotonic() < deadline:
                pass
        if "<<stuck>>" in text:
            signal.pthread_sigmask(signal.SIG_BLOCK, {signal.SIGALRM})
            time.sleep(20)
        return real(article, nlp, keep_doc=keep_doc)

    monkeypatch.setattr(parallel, "process", fake)
    return fake


def test_two_workers_give_the_same_results_in_input_order(nlp):
    arts = corpus(40)
    serial = [r.to_dict() for r in extract_many(arts, workers=1)]
    pooled = [r.to_dict() for r in extract_many(arts, workers=2, chunk_size=3)]
    assert [r["id"] for r in pooled] == [a.id for a in arts]
    assert pooled == serial
    assert pooled[0]["money"][0]["amount"] == 3_000_000_000


def test_read_ahead_is_bounded(nlp):
    consumed = 0

    def source():
        nonlocal consumed
        for art in corpus(120):
            consumed += 1
            yield art

    produced = 0
    worst = 0
    with Pool(2, chunk_size=2, window=10) as pool:
        for _ in pool.imap(source()):
            produced += 1
            worst = max(worst, consumed - produced)
    assert produced == 120
    assert worst <= 10 + 2  # the window, plus one chunk being filled


def test_a_worker_killed_from_outside_loses_nothing(misbehaving):
    arts = corpus(40, {i: "<<nap>>" for i in range(40)})
    got = []
    held = None
    with Pool(2, chunk_size=3) as pool:
        for r in pool.imap(arts):
            got.append(r)
            busy = [w for w in pool.workers if w.busy]
            if held is None and len(got) >= 10 and busy:
                held = [seq for seq, _ in busy[0].chunk]  # in flight: these must be run again
                os.kill(busy[0].process.pid, signal.SIGKILL)
        assert pool.restarts == 1
    assert held
    assert [r.id for r in got] == [a.id for a in arts]
    assert all(r.status == "ok" for r in got)


def test_an_article_that_kills_its_worker_twice_becomes_an_error(misbehaving):
    arts = corpus(30, {9: "<<kill>>"})
    with Pool(2, chunk_size=4) as pool:
        got = list(pool.imap(arts))
        assert pool.restarts == 2
    assert [r.id for r in got] == [a.id for a in arts]
    bad = got[9]
    assert bad.status == "error"
    assert bad.error == "article a0009: the worker processing it died 2 times (killed by SIGKILL)"
    assert all(r.status == "ok" for i, r in enumerate(got) if i != 9)


def test_time_limit_inside_a_worker(misbehaving):
    arts = corpus(12, {4: "<<sleep>>"})
    got = list(extract_many(arts, workers=2, timeout=0.5, chunk_size=2))
    assert [r.id for r in got] == [a.id for a in arts]
    assert got[4].error == "article a0004: stopped after the time limit of 0.5 s"
    assert sum(r.status == "error" for r in got) == 1


def test_time_limit_kills_a_worker_stuck_in_native_code(misbehaving):
    arts = corpus(12, {5: "<<stuck>>"})
    with Pool(2, timeout=0.5, grace=0.5, chunk_size=2) as pool:
        got = list(pool.imap(arts))
        assert pool.restarts == 1
    assert [r.id for r in got] == [a.id for a in arts]
    assert got[5].error == "article a0005: stopped after the time limit of 0.5 s"
    assert sum(r.status == "error" for r in got) == 1


def test_time_limit_in_this_process_uses_sigalrm(misbehaving):
    before = signal.getsignal(signal.SIGALRM)
    arts = corpus(3, {1: "<<sleep>>"})
    got = list(run_serial(arts, timeout=0.5))
    assert [r.status for r in got] == ["ok", "error", "ok"]
    assert got[1].error == "article a0001: stopped after the time limit of 0.5 s"
    assert signal.getsignal(signal.SIGALRM) is before
    assert signal.getitimer(signal.ITIMER_REAL) == (0.0, 0.0)


def test_time_limit_in_a_thread(misbehaving, nlp):
    out = []

    def job():
        for art in corpus(3, {0: "<<spin>>"}):
            out.append(process_limited(art, nlp, 0.5, alarm=False))
        time.sleep(0.7)  # a late timer must not fire into unrelated code
        out.append("still running")

    t = threading.Thread(target=job)
    t.start()
    t.join(30)
    assert [getattr(r, "status", r) for r in out] == ["error", "ok", "ok", "still running"]
    assert out[0].error == "article a0000: stopped after the time limit of 0.5 s"


def test_workers_that_cannot_load_the_pipeline_stop_the_run(monkeypatch, nlp):
    pool = Pool(2)

    def broken(rules=None):
        raise RuntimeError("the model file is missing")

    monkeypatch.setattr(parallel, "loaded_nlp", broken)
    with pytest.raises(WorkerStartError, match="the model file is missing"):
        list(pool.imap(corpus(4)))
    assert pool.workers == []


def test_keep_doc_needs_one_worker():
    with pytest.raises(ValueError, match="keep_doc"):
        extract_many(["Đạt 5%."], workers=2, keep_doc=True)
