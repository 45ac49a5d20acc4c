"""The relevance evaluation: metric arithmetic worked by hand, target matching, qrels
reading, and one run of `python -m indexer evaluate` on a tiny index."""

from __future__ import annotations

import json
import math

import pytest
from click.testing import CliRunner

from indexer.cli import main
from indexer.relevance.metrics import Scores, mean, score
from indexer.relevance.qrels import (QrelsError, Target, load_qrels, matches_passage,
                                     matches_statement, same_doc)
from tests.fixtures.query.builder import St, write_index

# -- metrics --------------------------------------------------------------------------


def test_two_targets_found_at_ranks_2_and_4():
    # rank 2 finds target 0, rank 4 finds target 1; two targets in all.
    s = score([None, 0, None, 1, None], n_targets=2)
    assert s.mrr10 == 0.5
    # DCG = 1/log2(3) + 1/log2(5) = 0.63093 + 0.43068; ideal = 1 + 1/log2(3) = 1.63093
    assert s.ndcg10 == pytest.approx((0.630930 + 0.430677) / 1.630930, abs=1e-6)
    assert s.ndcg10 == pytest.approx(0.650921, abs=1e-6)
    assert (s.success1, s.success10, s.recall100) == (0.0, 1.0, 1.0)


def test_a_target_found_twice_counts_once():
    s = score([0, 0, 0], n_targets=1)
    assert (s.mrr10, s.ndcg10, s.success1, s.success10, s.recall100) == (1.0, 1.0, 1.0, 1.0, 1.0)


def test_a_target_below_rank_10_counts_only_for_recall():
    s = score([None] * 10 + [0], n_targets=2)
    assert (s.mrr10, s.ndcg10, s.success1, s.success10) == (0.0, 0.0, 0.0, 0.0)
    assert s.recall100 == 0.5


def test_a_target_below_rank_100_is_not_found():
    assert score([None] * 100 + [0], n_targets=1).recall100 == 0.0


def test_third_rank_and_mean():
    s = score([None, None, 0], n_targets=1)
    assert s.mrr10 == pytest.approx(1 / 3)
    assert s.ndcg10 == pytest.approx(1 / math.log2(4))  # 0.5
    m = mean([s, score([], n_targets=1)])
    assert m == Scores(mrr10=pytest.approx(1 / 6), ndcg10=0.25, success1=0.0, success10=0.5,
                       recall100=0.5)


def test_no_targets_is_an_error():
    with pytest.raises(ValueError):
        score([], n_targets=0)


# -- matching -------------------------------------------------------------------------


def test_doc_ids_match_in_full_or_by_last_component():
    assert same_doc("UK_natl_1955_en_Lab", "docs/UK_natl_1955_en_Lab")
    assert same_doc("docs/UK_natl_1955_en_Lab", "UK_natl_1955_en_Lab")
    assert same_doc("docs/a", "docs/a")
    assert not same_doc("UK_natl_1955_en_Lab", "docs/UK_natl_1955_en_Con")


def test_passage_matches_its_prefix_whitespace_and_case_normalised():
    t = Target(doc="UK_1955", text_prefix="We shall  BUILD\nmore houses")
    assert matches_passage(t, "docs/UK_1955", "docs/UK_1955#4", "We shall build more houses for rent.")
    # the prefix found inside the passage (chunked with the heading above it)
    assert matches_passage(t, "docs/UK_1955", "docs/UK_1955#3", "HOUSING We shall build more houses.")
    # the passage is the start of the prefix (the paragraph was cut in two), long enough
    long = Target(doc="UK_1955", text_prefix="We shall build more houses for rent, and more schools")
    assert matches_passage(long, "docs/UK_1955", "docs/UK_1955#4", "We shall build more houses for rent,")
    assert not matches_passage(long, "docs/UK_1955", "docs/UK_1955#4", "We shall")
    # another statement or another passage does not match
    assert not matches_passage(t, "docs/UK_1959", "docs/UK_1959#4", "We shall build more houses.")
    assert not matches_passage(t, "docs/UK_1955", "docs/UK_1955#5", "Pensions will rise.")


def test_chunk_id_targets_and_statements():
    t = Target(doc="docs/a", chunk_id="docs/a#3")
    assert matches_passage(t, "a", "a#3", "anything")
    assert not matches_passage(t, "a", "a#4", "anything")
    assert matches_statement(t, "a")
    assert matches_statement(Target(doc="a", text_prefix="x"), "docs/a")
    assert not matches_statement(Target(doc="a", text_prefix="x"), "docs/b")


def test_qrels_file_is_read_and_bad_lines_are_named(tmp_path):
    good = tmp_path / "q.jsonl"
    good.write_text(json.dumps({"id": "x1", "query": "miners", "filters": {"party": ["kke-gr"], "year": [2017]},
                                "targets": [{"doc": "s1", "text_prefix": "The miners"}]}) + "\n\n")
    (q,) = load_qrels(good)
    assert (q.id, q.query, q.parties, q.years) == ("x1", "miners", ("kke-gr",), ("2017",))
    assert q.targets == (Target(doc="s1", text_prefix="The miners"),)
    bad = tmp_path / "bad.jsonl"
    bad.write_text(good.read_text() + '{"id": "x2", "query": "pits", "targets": []}\n')
    with pytest.raises(QrelsError, match=r"bad.jsonl:3: no targets"):
        load_qrels(bad)
    bad.write_text("{not json\n")
    with pytest.raises(QrelsError, match=r"bad.jsonl:1: not JSON"):
        load_qrels(bad)


# -- the command on a tiny index ------------------------------------------------------

STATEMENTS = [
    St("docs/s1", "Coal", [("title", "Coal"),
                           ("paragraph", "The closure of the pits left thousands of miners unemployed."),
                           ("paragraph", "We demand new jobs in the coalfields.")],
       year=1985, signatories=["nump"]),
    St("docs/s2", "Steel", [("title", "Steel"),
                            ("paragraph", "Unemployed steel workers marched on the capital."),
                            ("paragraph", "Miners and steel workers stand together against closures.")],
       year=1990, signatories=["bsp"]),
    St("docs/s3", "Pensions", [("title", "Pensions"),
                               ("paragraph", "Pensions must rise with prices every year.")],
       year=1990, signatories=["nump"]),
]
PARTIES = {"nump": {"name": "National Union Party"}, "bsp": {"name": "British Steel Party"}}

QRELS = [
    # every word in the target passage: both find it first
    {"id": "q1", "query": "closure pits miners", "filters": {},
     "targets": [{"doc": "s1", "text_prefix": "The closure of the pits left"}]},
    # the words are spread over another statement: only the filter makes s1 first for BM25
    {"id": "q2", "query": "unemployed miners closures", "filters": {"party": ["nump"], "year": []},
     "targets": [{"doc": "s1", "text_prefix": "The closure of the pits"}]},
    # no word of the query is in the index at all
    {"id": "q3", "query": "zeppelin", "filters": {},
     "targets": [{"doc": "s3", "text_prefix": "Pensions must rise"}]},
]


@pytest.fixture()
def tiny(tmp_path):
    write_index(tmp_path / "index", STATEMENTS, parties=PARTIES)
    qrels = tmp_path / "q.jsonl"
    qrels.write_text("".join(json.dumps(q) + "\n" for q in QRELS))
    return tmp_path / "index", qrels


@pytest.mark.parametrize("view", ["passages", "statements"])
def test_evaluate_command_on_a_tiny_index(tiny, view):
    index, qrels = tiny
    res = CliRunner().invoke(main, ["evaluate", "--qrels", str(qrels), "--index", str(index),
                                    "--view", view, "--json"])
    assert res.exit_code == 0, res.output
    out = json.loads(res.output)
    assert (out["view"], out["queries"]) == (view, 3)
    per = {q["id"]: q for q in out["per_query"]}
    assert per["q1"]["engine"]["rank"] == 1
    assert per["q1"]["baseline"]["rank"] == 1
    assert per["q2"]["baseline"]["rank"] == 1
    assert per["q3"]["engine"]["total"] == 0 and per["q3"]["baseline"]["total"] == 0
    assert out["baseline"]["zero_results"] == 1
    # baseline: q1 and q2 at rank 1, q3 nothing
    assert out["baseline"]["mrr@10"] == pytest.approx(2 / 3)
    assert out["baseline"]["recall@100"] == pytest.approx(2 / 3)
    # the party filter leaves s1 and s3, and only s1's first paragraph holds a query word
    assert per["q2"]["baseline"]["total"] == 1


def test_evaluate_prints_a_table(tiny):
    index, qrels = tiny
    res = CliRunner().invoke(main, ["evaluate", "--qrels", str(qrels), "--index", str(index)])
    assert res.exit_code == 0, res.output
    assert "mrr@10" in res.output and "bm25" in res.output
    assert "q2" in res.output and "unemployed miners closures" in res.output


def test_evaluate_bad_qrels_is_a_clear_error(tiny, tmp_path):
    index, _ = tiny
    bad = tmp_path / "bad.jsonl"
    bad.write_text('{"query": "x"}\n')
    res = CliRunner().invoke(main, ["evaluate", "--qrels", str(bad), "--index", str(index)])
    assert res.exit_code != 0
    assert "bad.jsonl:1: no targets" in res.output


def test_scripted_queries_are_words_of_their_paragraph_and_repeat(tmp_path):
    from indexer.relevance.synthetic import MIN_CHARS, WORDS_MAX, WORDS_MIN, scripted_queries

    long = ("{} miners marched through the valley towns demanding that the pit closures stop and "
            "that the national coal board publish its accounts in full.")
    sts = [St(f"s{i}", f"Report {i}", [("paragraph", long.format(w)), ("paragraph", "Too short.")],
              date=f"20{10 + i}-01-01") for i, w in enumerate(["Yorkshire", "Durham", "Kentish"])]
    write_index(tmp_path, sts)
    qs = scripted_queries(tmp_path, 12, seed=3)
    assert len(qs) == 12 and qs == scripted_queries(tmp_path, 12, seed=3)
    assert [q.id for q in qs[:2]] == ["scripted-1", "scripted-2"]
    from indexer.store.reader import Snapshot

    snap = Snapshot.open(tmp_path)
    lacking = 0
    for q in qs:
        (t,) = q.targets
        text = next(p["text"] for p in snap.passages(t.doc) if p["chunk_id"] == t.chunk_id)
        assert len(text) >= MIN_CHARS
        words = q.query.split()
        held = [w for w in words if w in text.lower()]
        assert WORDS_MIN <= len(held) <= WORDS_MAX and len(words) - len(held) <= 1
        assert len(set(words)) == len(words)
        lacking += len(words) - len(held)
    assert lacking > 0  # some hold a word their paragraph lacks (another coalfield's name)
