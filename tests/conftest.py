"""Shared fixtures. The network is off for every test: only loopback connections (the Dask
LocalCluster test) are allowed, so nothing can quietly download a model at run time."""
from __future__ import annotations

import socket
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
SAMPLES = ROOT / "samples"

_real_connect = socket.socket.connect


def _loopback_only(self, address, *args, **kwargs):
    host = address[0] if isinstance(address, tuple) else address
    if isinstance(host, str) and (host.startswith("127.") or host in ("localhost", "::1", "")
                                  or self.family == getattr(socket, "AF_UNIX", None)):
        return _real_connect(self, address, *args, **kwargs)
    raise OSError(f"network disabled in tests: connection to {address!r} refused")


socket.socket.connect = _loopback_only


@pytest.fixture(scope="session")
def nlp():
    from extractor import get_nlp

    return get_nlp()


@pytest.fixture(scope="session")
def run(nlp):
    """run(text, published=None) -> the article dict (schema v1)."""
    from extractor.api import Article, process

    def _run(text: str, published: str | None = None, **kw) -> dict:
        return process(Article(text=text, published=published, **kw), nlp).to_dict()

    return _run
