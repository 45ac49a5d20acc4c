"""The indexer's command line: build, update, stats, show, exit codes and --help."""

from __future__ import annotations

import json
import os
import shutil
import subprocess
import sys
from pathlib import Path

from click.testing import CliRunner

from indexer.cli import main

ROOT = Path(__file__).resolve().parents[1]
SEEDS = ROOT / "seeds"


def _seeds(tmp_path: Path) -> Path:
    src = tmp_path / "src"
    src.mkdir()
    for f in SEEDS.glob("*.txt"):
        shutil.copy(f, src / f.name)
    return src


def test_build_stats_show(tmp_path):
    src = _seeds(tmp_path)
    index = tmp_path / "index"
    runner = CliRunner()
    res = runner.invoke(main, ["build", "--source", str(src), "--index", str(index), "--procs", "1"])
    assert res.exit_code == 0, res.output
    assert "built: 2 documents" in res.output

    res = runner.invoke(main, ["stats", "--index", str(index), "--json"])
    assert res.exit_code == 0, res.output
    stats = json.loads(res.output)
    assert stats["documents"] == 2
    assert stats["with_signatories"] == 2
    assert stats["unknown_parties"] == {}
    assert stats["years"] == {"2017": 1, "2022": 1}

    res = runner.invoke(main, ["show", "004_3211777dd4a43931", "--json", "--index", str(index)])
    assert res.exit_code == 0, res.output
    doc = json.loads(res.output)
    assert doc["doc_id"] == "004_3211777dd4a43931"
    assert doc["date"] == "2017-05-10"
    assert len(doc["signatories"]) == 15
    assert {"doc_id", "title", "date", "year", "source_file", "signatories", "mentioned_parties",
            "topics", "passages"} <= set(doc)

    res = runner.invoke(main, ["show", "nope", "--index", str(index)])
    assert res.exit_code != 0
    assert "no document 'nope'" in res.output


def test_strict_and_nothing_indexed_exit_codes(tmp_path):
    src = _seeds(tmp_path)
    (src / "broken.txt").write_bytes(b"\x00\x01\x02\x03" * 100)
    runner = CliRunner()
    index = tmp_path / "index"
    res = runner.invoke(main, ["build", "--source", str(src), "--index", str(index), "--procs", "1"])
    assert res.exit_code == 0, res.output
    assert "skipped 1 files" in res.output and "broken.txt" in res.output
    res = runner.invoke(main, ["build", "--source", str(src), "--index", str(index), "--procs", "1", "--strict"])
    assert res.exit_code == 1
    empty = tmp_path / "empty"
    empty.mkdir()
    (empty / "a.txt").write_text("")
    res = runner.invoke(main, ["build", "--source", str(empty), "--index", str(index)])
    assert res.exit_code != 0
    assert "Error: build failed, the previous index is unchanged: nothing could be indexed" in res.output


def test_index_from_environment(tmp_path, monkeypatch):
    src = _seeds(tmp_path)
    monkeypatch.setenv("STATEMENT_SEARCH_INDEX", str(tmp_path / "envindex"))
    runner = CliRunner()
    res = runner.invoke(main, ["build", "--source", str(src), "--procs", "1"])
    assert res.exit_code == 0, res.output
    assert (tmp_path / "envindex" / "current").is_symlink()
    res = runner.invoke(main, ["stats"])
    assert res.exit_code == 0 and "documents:  2" in res.output


def test_stats_without_index_is_a_clear_error(tmp_path):
    res = CliRunner().invoke(main, ["stats", "--index", str(tmp_path / "none")])
    assert res.exit_code != 0
    assert "no index at" in res.output


def test_help_documents_every_command():
    out = subprocess.run([sys.executable, "-m", "indexer", "--help"], capture_output=True, text=True,
                         cwd=ROOT, env={**os.environ}).stdout
    for cmd in ("build", "update", "stats", "show"):
        assert cmd in out
    # each command's line in the list is a whole sentence, never cut off with "..."
    assert "  build     Rebuild the whole index from a folder of statements.\n" in out
    assert "  update    Bring the index up to date with the folder's changes.\n" in out
    assert "..." not in out.split("Commands:")[1]
    out = subprocess.run([sys.executable, "-m", "indexer", "build", "--help"], capture_output=True,
                         text=True, cwd=ROOT).stdout
    assert "--source" in out and "--index" in out and "--strict" in out


def test_show_accepts_a_file_name_under_a_folder(tmp_path):
    src = tmp_path / "src"
    (src / "docs").mkdir(parents=True)
    (src / "docs" / "Washington-1790.txt").write_text("Address\n\nFellow citizens, peace and trade.\n")
    (src / "docs" / "other.txt").write_text("Other\n\nAnother text on trade.\n")
    index = tmp_path / "index"
    runner = CliRunner()
    assert runner.invoke(main, ["build", "--source", str(src), "--index", str(index), "--procs", "1"]).exit_code == 0
    res = runner.invoke(main, ["show", "Washington-1790", "--json", "--index", str(index)])
    assert res.exit_code == 0, res.output
    doc = json.loads(res.output)
    assert doc["doc_id"] == "docs/Washington-1790"
    assert doc["passages"][-1]["text"] == "Fellow citizens, peace and trade."


def test_an_unwritable_index_folder_is_a_clear_error(tmp_path, monkeypatch):
    from indexer.store import generations as store

    def refuse(index_dir):
        raise PermissionError(13, "Permission denied", str(index_dir))

    monkeypatch.setattr(store, "new_generation", refuse)
    res = CliRunner().invoke(main, ["build", "--source", str(SEEDS), "--index", str(tmp_path / "ix")])
    assert res.exit_code == 1
    assert "Permission denied" in res.output and "previous index is unchanged" in res.output
    assert "Traceback" not in res.output


def test_build_and_update_summaries_as_json(tmp_path):
    src = _seeds(tmp_path)
    (src / "empty.txt").write_text("")
    index = tmp_path / "index"
    runner = CliRunner()
    res = runner.invoke(main, ["build", "--source", str(src), "--index", str(index), "--procs", "1", "--json"])
    assert res.exit_code == 0, res.output
    report = json.loads(res.output)
    assert (report["documents"], report["skipped"]) == (2, [{"file": "empty.txt", "reason": "empty file"}])
    res = runner.invoke(main, ["update", "--source", str(src), "--index", str(index), "--json"])
    report = json.loads(res.output)
    assert (report["added"], report["changed"], report["removed"], report["unchanged"]) == (0, 0, 0, 2)
