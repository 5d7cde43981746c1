"""Shared checks of the indicator tables in the real-page audit tests: each case lists every
indicator a sentence must give, in order, as (name, value, unit)."""
from __future__ import annotations

import pytest


def assert_indicators(records: list[dict], expected: list[tuple[str, float, str]]) -> None:
    got = [(r["name"], r["value"], r["unit"]) for r in records]
    assert len(got) == len(expected), got
    for (name, value, unit), (ename, evalue, eunit) in zip(got, expected):
        assert name == ename
        assert value == pytest.approx(evalue)
        assert unit == eunit


def first_comparisons(records: list[dict]) -> list[tuple[str, float]]:
    """(relation, value) of the first indicator's comparisons."""
    return [(c["relation"], c["value"]) for c in records[0]["comparisons"]]
