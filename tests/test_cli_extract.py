"""`vngov extract` on dumps: one object per input record, errors named by file and line, exit
status, --resume (after a truncated file, after Ctrl-C, after a killed worker), progress bar
only on a terminal."""
from __future__ import annotations

import fcntl
import io
import json
import os
import pty
import select
import signal
import struct
import subprocess
import sys
import termios
import time
from collections import Counter
from pathlib import Path

import pytest

import cli

ROOT = Path(__file__).resolve().parent.parent

SENTENCES = [
    "Ngày {d}/{m}, Ban Thường vụ Huyện ủy tổ chức hội nghị giao ban công tác tháng {m}.",
    "Tổng thu ngân sách nhà nước trên địa bàn đạt {n} tỷ đồng, bằng {p},{q}% dự toán.",
    "Toàn huyện gieo trồng được {n}.{k:03d} ha lúa, tăng {q}% so với cùng kỳ.",
    "Tỷ lệ hộ nghèo giảm còn {q},{d}%; đã giải quyết việc làm cho {n} lao động.",
    "Công tác phòng, chống dịch bệnh trên đàn gia súc được triển khai kịp thời.",
    "Hội nghị đã thống nhất các nhiệm vụ trọng tâm trong thời gian tới.",
]


def article_text(i: int, sentences: int = 4) -> str:
    parts = [SENTENCES[(i + j) % len(SENTENCES)] for j in range(sentences)]
    return " ".join(parts).format(d=i % 28 + 1, m=i % 12 + 1, n=i % 900 + 10, p=i % 60 + 40,
                                  q=i % 9 + 1, k=i % 1000)


def make_dump(path: Path, n: int, broken=(), empty=(), sentences: int = 4) -> Path:
    """n JSONL lines; line numbers in ``broken`` are cut short, in ``empty`` have empty text."""
    with path.open("w", encoding="utf-8") as fh:
        for line in range(1, n + 1):
            if line in broken:
                fh.write('{"id": "bai-%d", "text": "Tổng thu ngân sách đạt\n' % line)
            else:
                text = "" if line in empty else article_text(line, sentences)
                fh.write(json.dumps({"id": f"bai-{line}", "text": text, "published": "2021-06-30"},
                                    ensure_ascii=False) + "\n")
    return path


def read_out(path: Path) -> list[dict]:
    return [json.loads(line) for line in path.read_text(encoding="utf-8").splitlines()]


BROKEN = (17, 444, 901)
EMPTY = (5, 600)


def test_a_thousand_lines_give_a_thousand_objects(tmp_path, nlp, capsys):
    dump = make_dump(tmp_path / "dump.jsonl", 1000, broken=BROKEN, empty=EMPTY)
    out = tmp_path / "out.jsonl"
    rc = cli.main(["extract", str(dump), "-o", str(out), "--workers", "2"])
    assert rc == cli.EXIT_ARTICLE_ERRORS
    objs = read_out(out)
    assert len(objs) == 1000
    expected = [f"{dump}:{i}" if i in BROKEN else f"bai-{i}" for i in range(1, 1001)]
    assert [o["id"] for o in objs] == expected
    for i in BROKEN:
        o = objs[i - 1]
        assert o["status"] == "error" and o["error"].startswith(f"{dump}:{i}: invalid JSON")
    for i in EMPTY:
        assert objs[i - 1]["status"] == "ok" and objs[i - 1]["money"] == []
    assert sum(o["status"] == "ok" for o in objs) == 997
    first = objs[0]  # line 1 opens with the budget sentence, n = 1 % 900 + 10
    assert first["money"][0]["amount"] == 11_000_000_000 and first["source"] == f"{dump}:1"
    assert first["percentages"][0]["value"] == 41.2
    err = capsys.readouterr().err
    assert err.strip().splitlines()[-1].startswith(
        "vngov: 1000 articles, 997 ok, 3 errors, 0 duplicate ids")


def test_exit_status_0_when_every_article_is_ok(tmp_path, nlp, capsys):
    dump = make_dump(tmp_path / "ok.jsonl", 20)
    out = tmp_path / "out.jsonl"
    assert cli.main(["extract", str(dump), "-o", str(out), "--workers", "1", "--quiet"]) == cli.EXIT_OK
    assert len(read_out(out)) == 20
    assert capsys.readouterr().err == ""  # --quiet: no bar, no summary


@pytest.mark.parametrize("extra,message", [
    (["--resume"], "--resume needs an output file"),            # output is stdout
    (["--rules", "/nonexistent/rules"], "not a folder of rule files"),
    (["-o", "/nonexistent/dir/out.jsonl"], "No such file or directory"),
])
def test_exit_status_2_when_the_command_cannot_run(tmp_path, capsys, extra, message):
    dump = make_dump(tmp_path / "ok.jsonl", 3)
    assert cli.main(["extract", str(dump), *extra]) == cli.EXIT_FAILED
    assert message in capsys.readouterr().err


@pytest.mark.parametrize("bad", [["--workers", "0"], ["--timeout", "0"], ["--timeout", "-1"]])
def test_bad_option_values_are_usage_errors(tmp_path, bad):
    with pytest.raises(SystemExit) as exc:
        cli.main(["extract", "x.jsonl", *bad])
    assert exc.value.code == 2


def test_resume_after_a_truncated_output(tmp_path, nlp, capsys):
    dump = make_dump(tmp_path / "dump.jsonl", 120, broken=(50,))
    out = tmp_path / "out.jsonl"
    assert cli.main(["extract", str(dump), "-o", str(out), "--workers", "1", "--quiet"]) == 1
    full = out.read_bytes().splitlines(keepends=True)
    # a run killed while writing line 71: 70 whole lines and half of the next
    out.write_bytes(b"".join(full[:70]) + full[70][: len(full[70]) // 2])
    # the broken line 50 was among the 70 already written: this run itself has no error
    assert cli.main(["extract", str(dump), "-o", str(out), "--workers", "2", "--resume"]) == 0
    objs = read_out(out)
    assert [o["id"] for o in objs] == [f"{dump}:50" if i == 50 else f"bai-{i}" for i in range(1, 121)]
    assert out.read_bytes() == b"".join(full)  # the same bytes as one uninterrupted run
    assert "50 articles, 50 ok, 0 errors, 0 duplicate ids, 70 skipped" in capsys.readouterr().err


def test_resume_keeps_duplicate_ids_apart(tmp_path, nlp):
    # two records share an id: a first run that wrote only one of them must not lose the other
    dump = tmp_path / "dup.jsonl"
    rows = [{"id": "x", "text": article_text(1)}, {"id": "y", "text": article_text(2)},
            {"id": "x", "text": article_text(3)}]
    dump.write_text("".join(json.dumps(r, ensure_ascii=False) + "\n" for r in rows), encoding="utf-8")
    out = tmp_path / "out.jsonl"
    assert cli.main(["extract", str(dump), "-o", str(out), "--workers", "1", "--quiet"]) == 0
    lines = out.read_text(encoding="utf-8").splitlines(keepends=True)
    assert json.loads(lines[2])["duplicate_of"] == f"{dump}:1"
    out.write_text("".join(lines[:1]), encoding="utf-8")
    assert cli.main(["extract", str(dump), "-o", str(out), "--workers", "1", "--quiet", "--resume"]) == 0
    assert out.read_text(encoding="utf-8") == "".join(lines)


def test_resume_refuses_an_output_broken_in_the_middle(tmp_path, capsys):
    dump = make_dump(tmp_path / "dump.jsonl", 3)
    out = tmp_path / "out.jsonl"
    out.write_text('{"id": "bai-1"}\nnot json\n{"id": "bai-2"}\n', encoding="utf-8")
    assert cli.main(["extract", str(dump), "-o", str(out), "--resume"]) == cli.EXIT_FAILED
    assert "refusing to resume" in capsys.readouterr().err
    assert out.read_text(encoding="utf-8") == '{"id": "bai-1"}\nnot json\n{"id": "bai-2"}\n'


def test_stdin_to_stdout(nlp, monkeypatch, capsys):
    data = "".join(json.dumps({"id": f"s{i}", "text": article_text(i)}, ensure_ascii=False) + "\n"
                   for i in range(3))
    monkeypatch.setattr(sys, "stdin", io.TextIOWrapper(io.BytesIO(data.encode("utf-8"))))
    assert cli.main(["extract", "-", "--workers", "1", "--quiet"]) == 0
    objs = [json.loads(line) for line in capsys.readouterr().out.splitlines()]
    assert [o["id"] for o in objs] == ["s0", "s1", "s2"]
    assert objs[0]["source"] == "<stdin>:1"


def test_csv_input_with_field_mapping(tmp_path, nlp):
    path = tmp_path / "tin.csv"
    path.write_text("ma,noi_dung\nc1,\"Thu ngân sách đạt 7 tỷ đồng.\"\n", encoding="utf-8")
    out = tmp_path / "out.jsonl"
    assert cli.main(["extract", str(path), "-o", str(out), "--text-field", "noi_dung",
                     "--id-field", "ma", "--workers", "1", "--quiet"]) == 0
    (obj,) = read_out(out)
    assert obj["id"] == "c1" and obj["money"][0]["amount"] == 7_000_000_000


# --- whole runs in a child process ---------------------------------------------------------

def _start(args: list[str], **kw) -> subprocess.Popen:
    return subprocess.Popen([sys.executable, str(ROOT / "cli.py"), "extract", *args], cwd=ROOT, **kw)


def _wait_for_lines(path: Path, n: int, proc: subprocess.Popen, limit: float = 60) -> None:
    deadline = time.monotonic() + limit
    while time.monotonic() < deadline:
        if path.exists() and path.read_bytes().count(b"\n") >= n:
            return
        if proc.poll() is not None:
            raise AssertionError(f"the run ended before writing {n} lines")
        time.sleep(0.02)
    raise AssertionError("the run did not get going")


def _children(pid: int) -> list[int]:
    with open(f"/proc/{pid}/task/{pid}/children") as fh:
        return [int(x) for x in fh.read().split()]


def _assert_each_once(out: Path, n: int) -> None:
    ids = [o["id"] for o in read_out(out)]
    counts = Counter(ids)
    assert sorted(counts) == sorted(f"bai-{i}" for i in range(1, n + 1))
    assert set(counts.values()) == {1}


def test_ctrl_c_then_resume(tmp_path):
    n = 300
    dump = make_dump(tmp_path / "dump.jsonl", n, sentences=12)
    out = tmp_path / "out.jsonl"
    proc = _start([str(dump), "-o", str(out), "--workers", "2"], stderr=subprocess.PIPE)
    _wait_for_lines(out, 30, proc)
    os.kill(proc.pid, signal.SIGINT)
    _, err = proc.communicate(timeout=60)
    assert proc.returncode == cli.EXIT_INTERRUPTED
    err = err.decode()
    assert "vngov: interrupted after " in err and "\r" not in err  # a summary, no progress bar
    written = read_out(out)  # every line whole
    assert 30 <= len(written) < n
    assert [o["id"] for o in written] == [f"bai-{i}" for i in range(1, len(written) + 1)]
    resumed = _start([str(dump), "-o", str(out), "--workers", "2", "--resume"], stderr=subprocess.PIPE)
    _, err = resumed.communicate(timeout=120)
    assert resumed.returncode == cli.EXIT_OK, err.decode()
    assert f"{len(written)} skipped" in err.decode()
    _assert_each_once(out, n)


def test_killed_worker_then_resume(tmp_path):
    n = 300
    dump = make_dump(tmp_path / "dump.jsonl", n, sentences=12)
    out = tmp_path / "out.jsonl"
    proc = _start([str(dump), "-o", str(out), "--workers", "2", "--quiet"])
    _wait_for_lines(out, 30, proc)
    workers = _children(proc.pid)
    assert len(workers) == 2
    os.kill(workers[0], signal.SIGKILL)
    assert proc.wait(timeout=120) == cli.EXIT_OK
    _assert_each_once(out, n)
    before = out.read_bytes()
    resumed = _start([str(dump), "-o", str(out), "--workers", "1", "--resume"], stderr=subprocess.PIPE)
    _, err = resumed.communicate(timeout=120)
    assert resumed.returncode == cli.EXIT_OK
    assert f"0 articles, 0 ok, 0 errors, 0 duplicate ids, {n} skipped" in err.decode()
    assert out.read_bytes() == before


def test_progress_bar_only_on_a_terminal(tmp_path):
    dump = make_dump(tmp_path / "dump.jsonl", 30, broken=(3,))
    master, slave = pty.openpty()
    fcntl.ioctl(slave, termios.TIOCSWINSZ, struct.pack("HHHH", 24, 100, 0, 0))  # 24 x 100
    proc = _start([str(dump), "-o", str(tmp_path / "out.jsonl"), "--workers", "1"],
                  stderr=slave, stdout=subprocess.DEVNULL)
    os.close(slave)
    seen = b""
    while True:
        ready, _, _ = select.select([master], [], [], 60)
        if not ready:
            break
        try:
            chunk = os.read(master, 4096)
        except OSError:  # the child closed the terminal
            break
        if not chunk:
            break
        seen += chunk
    os.close(master)
    assert proc.wait(timeout=60) == cli.EXIT_ARTICLE_ERRORS
    text = seen.decode("utf-8", errors="replace")
    assert "30 articles" in text and "articles/s" in text  # tqdm's counter and rate
    assert "errors=1" in text
    assert "vngov: 30 articles, 29 ok, 1 errors" in text


def test_table_formats_run_through_the_same_runner(tmp_path, nlp, capsys):
    dump = make_dump(tmp_path / "dump.jsonl", 12, broken=(4,))
    out = tmp_path / "tables"
    assert cli.main(["extract", str(dump), "-o", str(out), "--format", "csv", "--workers", "2"]) == 1
    articles = (out / "articles.csv").read_text(encoding="utf-8").splitlines()
    assert len(articles) == 1 + 12 and articles[4].startswith(f"{dump}:4,error,")
    assert "vngov: 12 articles, 11 ok, 1 errors" in capsys.readouterr().err
    assert cli.main(["extract", str(dump), "-o", str(out), "--format", "csv", "--resume"]) == cli.EXIT_FAILED
    assert "--resume works with --format jsonl" in capsys.readouterr().err
