"""Which sidecar fields become facets (indexer/query/sidecar_facets.py)."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from indexer.query.sidecar_facets import facet_fields, field_label, field_values

CORPUS = Path(__file__).resolve().parent.parent.parent / "shared" / "corpus"


def _recs(*extras: dict) -> list[dict]:
    return [{"extra": e} for e in extras]


def test_a_category_with_repeating_values_is_a_facet():
    recs = _recs({"genre": "speech"}, {"genre": "letter"}, {"genre": "speech"}, {"genre": "speech"}, {})
    f = facet_fields(recs)["genre"]
    assert f.label == "Genre"
    assert f.values == ["speech", "letter"]  # most statements first
    assert f.pairs == [(0, 0), (1, 1), (2, 0), (3, 0)]


def test_ids_titles_files_urls_dates_hashes_and_counts_are_not_facets():
    recs = _recs(*[{"doc_id": "a", "file": "x.txt", "subtitle": "t", "url": "u", "pub_date": "d",
                    "sha1": "h", "n_words": 5, "description": "d", "source_url": "s",
                    "kind": "k"} for _ in range(4)],
                 *[{"doc_id": "b", "file": "y.txt", "subtitle": "v", "url": "w", "pub_date": "e",
                    "sha1": "i", "n_words": 6, "description": "e", "source_url": "t",
                    "kind": "l"} for _ in range(4)])
    assert list(facet_fields(recs)) == ["kind"]


def test_values_that_are_not_categories_refuse_the_field():
    assert field_values("https://example.org/a") is None
    assert field_values("2017-05-01") is None
    assert field_values(3.5) is None
    assert field_values("x" * 61) is None
    assert field_values(["en", "fr", "en"]) == ["en", "fr"]
    assert field_values(True) == ["true"]
    assert field_values(45) == ["45"]
    recs = _recs({"lang": "en"}, {"lang": "fr"}, {"lang": "en"}, {"lang": "http://x.org"})
    assert facet_fields(recs) == {}


def test_one_value_or_too_many_values_or_no_repeats_is_not_a_facet():
    assert facet_fields(_recs(*[{"genre": "speech"}] * 5)) == {}
    assert facet_fields(_recs(*[{"speaker": f"name {i}"} for i in range(60)] * 2)) == {}
    # 3 values on 4 statements: hardly repeating, names rather than categories
    assert facet_fields(_recs({"who": "a"}, {"who": "b"}, {"who": "c"}, {"who": "a"})) == {}


def test_reserved_names_are_left_to_the_built_in_facets():
    recs = _recs(*[{"topic": "a", "year": 1}, {"topic": "b", "year": 2}] * 3)
    assert facet_fields(recs) == {}


def test_several_values_per_statement():
    recs = _recs({"language": ["en", "fr"]}, {"language": "en"}, {"language": ["fr"]}, {"language": "en"})
    f = facet_fields(recs)["language"]
    assert f.values == ["en", "fr"]
    assert sorted(f.pairs) == [(0, 0), (0, 1), (1, 0), (2, 1), (3, 0)]


def test_label():
    assert field_label("election_type") == "Election type"
    assert field_label("session") == "Session"


@pytest.mark.skipif(not (CORPUS / "uk_manifestos").is_dir(), reason="shared corpus not present")
@pytest.mark.parametrize("corpus, expected", [
    ("uk_manifestos", {"election_type": 2, "party_abbrev": 46}),
    ("us_sotu", {"delivery": 2, "president": 43, "type": 2}),
    ("ungdc", {"session": 33}),
])
def test_the_shared_corpora(corpus, expected):
    """The sidecars of the real corpora, as the indexer keeps them (known keys taken out)."""
    from indexer.pipeline import KNOWN_KEYS, PARTY_KEYS

    rows = [json.loads(line) for line in (CORPUS / corpus / "metadata.jsonl").open()]
    recs = [{"extra": {k: v for k, v in r.items() if k not in KNOWN_KEYS and k not in PARTY_KEYS
                       and v not in (None, "")}} for r in rows]
    got = facet_fields(recs)
    assert {k: len(f.values) for k, f in got.items()} == expected
    if corpus == "uk_manifestos":
        assert got["election_type"].values == ["natl", "regl"]
        assert sum(1 for _, v in got["election_type"].pairs if v == 1) == 1
