"""benchmarks/bench_table.py: the scale table `make bench` ends with, from the figures the
benchmarks before it wrote (here written by hand, so the printing is checked without a
build of the real corpus)."""

from __future__ import annotations

import json
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT / "benchmarks"))

import bench_table  # noqa: E402


def search_run(fts: float, ds: tuple, passages: tuple, statements: tuple, rss: tuple) -> dict:
    return {"fts_seconds": fts, "first_answer_s": 2.5, "first_answer_cpu_s": 1.1, "load_average": 3.5,
            "datasette": {"p50": ds[0], "p95": ds[1], "rss_idle": 60, "rss_after": 63},
            "ours": {"rss_idle": {"VmRSS": rss[0]}, "rss_after": {"VmRSS": rss[1], "RssAnon": rss[2]},
                     "passages": {"p50": passages[0], "p95": passages[1]},
                     "statements": {"p50": statements[0], "p95": statements[1]}}}


def worker_run(rps: float, cores: float) -> dict:
    return {"rps": rps, "server_cores": cores, "client_core_share": 0.012, "load_average": 2.5}


@pytest.fixture
def out(tmp_path, monkeypatch):
    monkeypatch.setattr(bench_table, "OUT", tmp_path)
    figures = {
        "build.json": {"1x": {"seconds": 60.0, "cpu_seconds": 110.0, "fts_seconds": 4.2, "peak_mb": 1200.0,
                              "load_average": 1.5},
                       "3x": {"seconds": 190.0, "cpu_seconds": 330.0, "peak_mb": 1500.0, "load_average": 1.8}},
        "search-1x.json": search_run(4.3, (17.5, 70.0), (6.0, 10.0), (9.0, 16.0), (300, 350, 220)),
        "search-3x.json": search_run(12.5, (30.0, 200.0), (9.0, 18.0), (10.0, 30.0), (600, 700, 400)),
        "workers.json": {"clients": 8, "median_rps": {"1": 40.0, "2": 72.0}, "ratio": 1.8,
                         "runs": {"1": [worker_run(40.0, 0.95)], "2": [worker_run(72.0, 1.9)]}},
    }
    for name, data in figures.items():
        (tmp_path / name).write_text(json.dumps(data), "utf-8")
    return tmp_path


def test_the_table_puts_our_rows_beside_datasettes_at_1x_and_3x(out, capsys):
    bench_table.main()
    lines = capsys.readouterr().out.splitlines()
    assert lines[:6] == [
        "| | build s | p50 / p95 ms (passages view) | p50 / p95 ms (statements view) | server RSS |",
        "|---|---|---|---|---|",
        "| FTS5 + Datasette, 1x | 4.3 | 17.5 / 70.0 | — | 63 MB |",
        "| statement-search, 1x | 60.0 (110 CPU s) | 6.0 / 10.0 | 9.0 / 16.0 | "
        "300 MB idle, 350 MB after the queries (220 MB private) |",
        "| FTS5 + Datasette, 3x | 12.5 | 30.0 / 200.0 | — | 63 MB |",
        "| statement-search, 3x | 190.0 (330 CPU s) | 9.0 / 18.0 | 10.0 / 30.0 | "
        "600 MB idle, 700 MB after the queries (400 MB private) |",
    ]
    text = "\n".join(lines)
    assert "build 3x / 1x: 3.17x the time, 3.00x the CPU (goal <= 3.3x) -> met" in text
    assert "p95 3x / 1x (statements): 1.88x (goal <= 2x) -> met" in text
    assert "3x, Datasette / ours (passages): p50 3.3x, p95 11.1x (goal >= 3x) -> met" in text
    assert "3x, Datasette / ours (statements): p50 3.0x, p95 6.7x (goal >= 3x) -> met" in text
    assert "3x, server RSS after the queries 700 MB (goal <= 1024 MB) -> met" in text
    assert ("8 clients: 2 workers 72.0 requests/s, 1 worker 40.0: 1.80x (goal >= 1.7x) -> met; "
            "the 2 workers got 1.90 cores, the load generator 1.2% of one, load average 2.5") in text
    assert "when each was taken: build 1x 1.5, build 3x 1.8, search 1x 3.5, search 3x 3.5" in text


def test_without_figures_it_says_to_run_make_bench(tmp_path, monkeypatch):
    monkeypatch.setattr(bench_table, "OUT", tmp_path)
    with pytest.raises(SystemExit, match="run make bench"):
        bench_table.main()
