"""The query layer over indexes made by the real builder: statement files and the seeds."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest

from indexer.write.build import build_index
from indexer.query import SearchIndex
from indexer.query.results import SearchRequest

HERE = Path(__file__).parent
STATEMENTS = HERE / "fixtures" / "query" / "statements"
SEEDS = HERE.parent / "seeds"


def search(ix, q="", **kw):
    return ix.search(SearchRequest(q=q, **kw))


def ids(resp):
    return [r.doc_id for r in resp.results]


def _built_index(tmp_path_factory, name: str, source):
    d = tmp_path_factory.mktemp(name)
    build_index(source, d, procs=1, progress=False)
    index = SearchIndex(d)
    yield index
    index.close()


@pytest.fixture(scope="module")
def built(tmp_path_factory):
    yield from _built_index(tmp_path_factory, "built", STATEMENTS)


def test_statements_found_by_words_and_stems(built):
    assert ids(search(built, "dockers")) == ["dockers_2018"]
    assert ids(search(built, "strike")) == ["dockers_2018"]
    assert ids(search(built, "hospital")) == ["health_2021"]
    assert set(ids(search(built, "monopolies OR profits"))) == {"peace_2019", "health_2021"}


def test_party_aliases_resolve_to_the_registry_ids(built):
    for q in ("party:KKE", 'party:"Communist Party of Greece"', "party:kke-gr"):
        assert set(ids(search(built, q))) == {"dockers_2018", "peace_2019"}, q
    assert set(ids(search(built, "party:AKEL"))) == {"peace_2019"}


def test_bare_acronym_finds_signed_statements(built):
    assert set(ids(search(built, "KKE"))) == {"dockers_2018", "peace_2019"}


def test_points_keep_their_anchor(built):
    resp = search(built, "fleets")
    assert ids(resp) == ["peace_2019"]
    hit = resp.results[0].passages[0]
    assert hit.kind == "point" and hit.point == "3"
    doc = built.document("peace_2019", q="fleets")
    anchors = {p["anchor"] for p in doc["passages"]}
    assert {"p-1", "p-2", "p-3"} <= anchors
    marked = [p for p in doc["passages"] if "<mark>" in p["html"]]
    assert [p["anchor"] for p in marked] == ["p-3"]


def test_facets_of_a_built_index(built):
    resp = search(built, "")
    parties = {fv.value: fv.count for fv in resp.facets["party"]}
    assert parties["kke-gr"] == 2 and parties["pcp-pt"] == 2
    assert {fv.value for fv in resp.facets["year"]} == {"2018", "2019", "2021"}
    assert ids(resp) == ["health_2021", "peace_2019", "dockers_2018"]
    assert search(built, "", parties=["kke-gr"], years=["2019-2021"]).total == 1


def test_reopen_after_rebuild_into_the_same_dir(tmp_path):
    src = tmp_path / "src"
    shutil.copytree(STATEMENTS, src)
    idx = tmp_path / "index"
    build_index(src, idx, procs=1, progress=False)
    index = SearchIndex(idx)
    try:
        assert search(index, "lighthouse").total == 0
        (src / "lighthouse_2022.txt").write_text(
            "The lighthouse keepers' strike\n\n3 May 2022\n\n"
            "The lighthouse keepers stopped work for better wages.\n", encoding="utf-8")
        build_index(src, idx, procs=1, progress=False)
        assert ids(search(index, "lighthouse")) == ["lighthouse_2022"]
        assert index.info()["documents"] == 4
        assert set(ids(search(index, "strike"))) == {"dockers_2018", "lighthouse_2022"}
    finally:
        index.close()


@pytest.fixture(scope="module")
def seeds(tmp_path_factory):
    yield from _built_index(tmp_path_factory, "seeds", SEEDS)


def test_seeds(seeds):
    assert seeds.info()["documents"] == 2
    both = {"000_f6e28804950bea45", "004_3211777dd4a43931"}
    assert set(ids(search(seeds, "kazakhstan"))) == both
    assert set(ids(search(seeds, "party:KKE"))) == both
    assert ids(search(seeds, '"hunger strike"')) == ["004_3211777dd4a43931"]
    assert ids(search(seeds, "zhanaozen")) == ["004_3211777dd4a43931"]
    resp = search(seeds, "solidarty", literal=True)
    assert resp.suggestion == "solidarity"
    resp = search(seeds, "solidarty")
    assert resp.corrected == "solidarity" and set(ids(resp)) == both
    strikes = search(seeds, "strikes")
    assert all("<mark>" in p.html for r in strikes.results for p in r.passages)
    assert all("strike</mark>s" not in p.html for r in strikes.results for p in r.passages)
