"""`index_stats`: what is in an index, computed by the Python API and printed by the CLI."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from click.testing import CliRunner

from indexer import IndexStats, index_stats
from indexer.write.build import build_index
from indexer.cli import main
from indexer.store import generations as store

SEEDS = Path(__file__).resolve().parents[1] / "seeds"


@pytest.fixture(scope="module")
def seed_index(tmp_path_factory):
    index = tmp_path_factory.mktemp("stats-index")
    build_index(SEEDS, index, procs=1, progress=False)
    return index


def test_index_stats_of_the_seeds(seed_index):
    st = index_stats(seed_index)
    assert isinstance(st, IndexStats)
    assert (st.documents, st.with_date, st.with_year, st.with_signatories) == (2, 2, 2, 2)
    assert st.years == {2017: 1, 2022: 1}
    assert st.unknown_parties == {}
    assert st.known_parties == st.parties >= 18
    assert st.passages >= 16
    assert st.skipped == []
    assert st.index == str(store.current_generation(seed_index))


def test_cli_json_prints_the_api_dict(seed_index):
    res = CliRunner().invoke(main, ["stats", "--index", str(seed_index), "--json"])
    assert res.exit_code == 0, res.output
    expected = json.loads(json.dumps(index_stats(seed_index).to_dict()))
    assert json.loads(res.output) == expected


def test_stats_without_index(tmp_path):
    with pytest.raises(store.IndexMissing):
        index_stats(tmp_path / "none")
