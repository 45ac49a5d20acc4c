"""Tests of indexer.review and `python -m indexer review`: the whole correction loop on a
small corpus (build, review, fill in the template, update, the corrections win)."""

from __future__ import annotations

import csv
import json
import shutil
from pathlib import Path

from click.testing import CliRunner

from indexer.write.build import build_index
from indexer.cli import main
from indexer.review import parse_fields, provenance_counts
from indexer.store.reader import Snapshot
from indexer.write.update import update_index

LAYOUTS = Path(__file__).parent / "fixtures" / "layouts"
FILES = ("year_only.txt", "kicker_statement_of_parties.txt", "opening_sentence.txt",
         "dateline_after_signatures.txt")


def _corpus(tmp_path: Path) -> tuple[Path, Path]:
    src = tmp_path / "src"
    src.mkdir()
    for name in FILES:
        shutil.copy(LAYOUTS / name, src / name)
    return src, tmp_path / "index"


def test_review_lists_missing_and_inferred_values_and_the_corrections_win(tmp_path):
    src, index = _corpus(tmp_path)
    build_index(src, index, procs=1, progress=False)
    runner = CliRunner()

    out = runner.invoke(main, ["review", "--index", str(index), "--missing", "date,year", "--json"])
    assert out.exit_code == 0, out.output
    rows = {r["doc_id"]: r for r in json.loads(out.output)}
    assert set(rows) == {"year_only", "kicker_statement_of_parties"}
    assert rows["year_only"]["missing"] == ["date"] and rows["year_only"]["year"] == 2019
    assert rows["kicker_statement_of_parties"]["missing"] == ["date", "year"]

    template = src / "metadata.csv"
    out = runner.invoke(main, ["review", "--index", str(index), "--missing", "date,year",
                               "--csv", str(template)])
    assert out.exit_code == 0, out.output
    assert "2 statements" in out.output
    with open(template, encoding="utf-8") as f:
        table = list(csv.DictReader(f))
    assert [r["file"] for r in table] == ["kicker_statement_of_parties.txt", "year_only.txt"]
    assert table[0]["title"] == "Against the imperialist war in the Middle East"
    assert table[0]["parties"] == ("Communist Party of Greece; Communist Party of Turkey; "
                                   "Lebanese Communist Party; Syrian Communist Party")
    assert table[1]["year"] == "2019" and table[1]["date"] == ""

    # The archivist corrects one statement and leaves the other as it is.
    table[0]["date"] = "2023-11-05"
    table[0]["title"] = "Against the imperialist war in the Middle East!"
    with open(template, "w", encoding="utf-8", newline="") as f:
        writer = csv.DictWriter(f, fieldnames=list(table[0]))
        writer.writeheader()
        writer.writerows(table)
    report = update_index(src, index)
    assert report.changed == 2

    snap = Snapshot.open(index)
    doc = snap.document("kicker_statement_of_parties")
    assert (doc["date"], doc["year"], doc["title"]) == (
        "2023-11-05", 2023, "Against the imperialist war in the Middle East!")
    assert doc["provenance"] == {"title": "sidecar", "date": "sidecar", "year": "sidecar",
                                 "signatories": "sidecar"}
    assert [p["id"] for p in doc["signatories"]] == ["kke-gr", "tkp-tr", "lcp-lb", "scp-sy"]
    out = runner.invoke(main, ["review", "--index", str(index), "--missing", "date", "--json"])
    assert [r["doc_id"] for r in json.loads(out.output)] == ["year_only"]
    out = runner.invoke(main, ["review", "--index", str(index), "--missing", "date"])
    assert out.output.splitlines()[-1] == "1 statement to review"


def test_review_never_overwrites_a_file_and_refuses_unknown_fields(tmp_path):
    src, index = _corpus(tmp_path)
    build_index(src, index, procs=1, progress=False)
    existing = src / "metadata.csv"
    existing.write_text("file,title\nyear_only.txt,Kept\n")
    out = CliRunner().invoke(main, ["review", "--index", str(index), "--csv", str(existing)])
    assert out.exit_code != 0 and "exists" in out.output
    assert existing.read_text() == "file,title\nyear_only.txt,Kept\n"
    out = CliRunner().invoke(main, ["review", "--index", str(index), "--missing", "colour"])
    assert out.exit_code != 0 and "unknown field 'colour'" in out.output
    assert parse_fields("year, date") == ("year", "date")


def test_show_json_and_stats_say_where_each_value_came_from(tmp_path):
    src, index = _corpus(tmp_path)
    build_index(src, index, procs=1, progress=False)
    out = CliRunner().invoke(main, ["show", "dateline_after_signatures", "--index", str(index), "--json"])
    doc = json.loads(out.output)
    assert doc["provenance"] == {"title": "text", "date": "dateline", "year": "dateline",
                                 "signatories": "text"}
    assert doc["genre"] == "joint statement"
    stats = json.loads(CliRunner().invoke(main, ["stats", "--index", str(index), "--json"]).output)
    assert stats["provenance"]["date"] == {"dateline": 1, "missing": 2, "text": 1}
    assert stats["provenance"]["year"] == {"text": 2, "dateline": 1, "missing": 1}
    assert provenance_counts([{"title": "T", "year": 0, "provenance": {"year": "sidecar"}}])["year"] == {
        "sidecar": 1}
