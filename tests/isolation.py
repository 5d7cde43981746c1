"""Run a piece of a test in a forked child with a time limit.

A pattern that backtracks catastrophically holds the interpreter inside one C call, where no
signal handler runs; in a child process it can be killed, so a hang fails one test (with the
limit in the message) instead of stopping the suite. The child shares the parent's loaded
pipeline (fork), so nothing is loaded twice.
"""
from __future__ import annotations

import multiprocessing as mp
import traceback
from typing import Any, Callable


class ChildTimeout(AssertionError):
    pass


def run_forked(fn: Callable[..., Any], *args: Any, timeout: float = 120.0) -> Any:
    """``fn(*args)`` in a child; its (picklable) result, or AssertionError with the child's
    traceback, or ChildTimeout when it has not finished after ``timeout`` seconds."""
    ctx = mp.get_context("fork")
    receive, send = ctx.Pipe(duplex=False)

    def target() -> None:
        try:
            outcome = ("ok", fn(*args))
        except BaseException as exc:  # report everything, the parent decides
            outcome = ("raised", "".join(traceback.format_exception(exc)))
        send.send(outcome)
        send.close()

    child = ctx.Process(target=target, daemon=True)
    child.start()
    send.close()
    try:
        if not receive.poll(timeout):
            raise ChildTimeout(f"no result after {timeout:.0f} s (hang or super-linear time)")
        status, value = receive.recv()
    except EOFError:
        child.join(5)
        raise AssertionError(f"child process died (exit code {child.exitcode})") from None
    finally:
        if child.is_alive():
            child.kill()
        child.join(5)
        receive.close()
    if status == "raised":
        raise AssertionError(f"in child process:\n{value}")
    return value
