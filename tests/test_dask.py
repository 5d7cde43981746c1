"""Dask: the pipeline over a bag and a dataframe of articles, tidy record tables, and
`vngov extract --scheduler` — on a real LocalCluster (two worker processes, loopback only)."""
from __future__ import annotations

import json

import pytest

pytest.importorskip("distributed")

import dask.bag as db  # noqa: E402
import dask.dataframe as dd  # noqa: E402
import pandas as pd  # noqa: E402
from distributed import Client, LocalCluster  # noqa: E402

import cli  # noqa: E402
from extractor import extract_many  # noqa: E402
from extractor.distributed import extract_bag, extract_dataframe, to_dataframes  # noqa: E402
from extractor.tables import COLUMNS  # noqa: E402

ROWS = [
    {"id": f"d{i}", "title": f"Tin số {i}", "published": "2022-03-31",
     "text": (f"Quý I/2022, tổng thu ngân sách trên địa bàn huyện đạt {i + 20} tỷ đồng, bằng {i + 30},5% dự toán. "
              f"Toàn huyện trồng mới {i + 100} ha rừng tập trung.")}
    for i in range(12)
]


@pytest.fixture(scope="module")
def client():
    with LocalCluster(n_workers=2, threads_per_worker=1, processes=True, host="127.0.0.1",
                      dashboard_address=None) as cluster, Client(cluster) as c:
        yield c


@pytest.fixture(scope="module")
def local_results(nlp):
    return [r.to_dict() for r in extract_many(ROWS, workers=1)]


def test_bag_of_articles_gives_one_result_each_in_order(client, local_results):
    results = extract_bag(db.from_sequence(ROWS, npartitions=4)).compute()
    assert [r["id"] for r in results] == [r["id"] for r in ROWS]
    assert results == local_results
    assert results[3]["money"][0]["amount"] == 23_000_000_000
    # every worker process that ran a task built the pipeline exactly once and kept it
    builds = client.run(_pipelines_built)
    assert len(builds) == 2 and set(builds.values()) <= {0, 1} and sum(builds.values()) >= 1
    extract_bag(db.from_sequence(ROWS, npartitions=6)).compute()
    again = client.run(_pipelines_built)
    assert max(again.values()) == 1 and set(again.values()) <= {0, 1}  # no worker built it twice


def _pipelines_built() -> int:
    from extractor.pipeline import _cached

    return _cached.cache_info().misses


def test_dataframe_of_articles_with_other_column_names(client, local_results):
    frame = pd.DataFrame({"ma": [r["id"] for r in ROWS], "noi_dung": [r["text"] for r in ROWS],
                          "ngay": [r["published"] for r in ROWS]})
    ddf = dd.from_pandas(frame, npartitions=3)
    results = extract_dataframe(ddf, text="noi_dung", id="ma", published="ngay").compute()
    assert [r["id"] for r in results] == [r["id"] for r in ROWS]
    assert [r["money"] for r in results] == [r["money"] for r in local_results]
    # without an id column, a row is named by its index label, unique across partitions
    unnamed = extract_dataframe(dd.from_pandas(frame[["noi_dung"]], npartitions=3), text="noi_dung").compute()
    assert [r["id"] for r in unnamed] == [f"row {i}" for i in range(len(ROWS))]


def test_record_tables(client):
    frames = to_dataframes(extract_bag(db.from_sequence(ROWS, npartitions=3)),
                           tables=["articles", "money", "quantities"])
    money = frames["money"].compute().reset_index(drop=True)
    assert list(money.columns) == [c for c, _, _ in COLUMNS["money"]]
    assert money["article_id"].tolist() == [r["id"] for r in ROWS]
    assert money["amount"].tolist() == [(i + 20) * 10**9 for i in range(12)]
    assert money["span_start"].dtype == "Int64"
    articles = frames["articles"].compute()
    assert articles["n_money"].tolist() == [1] * 12 and set(articles["status"]) == {"ok"}
    quantities = frames["quantities"].compute()
    assert sorted(quantities["value"].tolist()) == [i + 100 for i in range(12)]


def test_cli_on_an_existing_cluster(client, tmp_path, local_results):
    dump = tmp_path / "dump.jsonl"
    dump.write_text("".join(json.dumps(r, ensure_ascii=False) + "\n" for r in ROWS) + "{broken\n",
                    encoding="utf-8")
    out = tmp_path / "out.jsonl"
    rc = cli.main(["extract", str(dump), "-o", str(out), "--scheduler", client.scheduler.address, "--quiet"])
    assert rc == cli.EXIT_ARTICLE_ERRORS
    objs = [json.loads(line) for line in out.read_text(encoding="utf-8").splitlines()]
    assert [o["id"] for o in objs] == [r["id"] for r in ROWS] + [f"{dump}:13"]
    assert [o["money"] for o in objs[:12]] == [r["money"] for r in local_results]
