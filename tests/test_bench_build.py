"""benchmarks/bench_build.py: the corpus copies it builds from mirror the corpus."""

from __future__ import annotations

import os
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT / "benchmarks"))

import bench_build  # noqa: E402


def test_link_tree_mirrors_the_corpus_and_relinks_a_file_left_edited(tmp_path):
    src = tmp_path / "corpus"
    (src / "docs").mkdir(parents=True)
    (src / "docs" / "a.txt").write_text("first statement", "utf-8")
    (src / "b.html").write_text("<p>second</p>", "utf-8")
    dst = tmp_path / "copy"
    bench_build.link_tree(src, dst)
    assert (dst / "docs" / "a.txt").read_text("utf-8") == "first statement"
    assert os.path.samefile(src / "b.html", dst / "b.html")
    # an interrupted update left an edited file of its own in the copy
    (dst / "docs" / "a.txt").unlink()
    (dst / "docs" / "a.txt").write_text("first statement, edited", "utf-8")
    bench_build.link_tree(src, dst)
    assert (dst / "docs" / "a.txt").read_text("utf-8") == "first statement"
    assert os.path.samefile(src / "docs" / "a.txt", dst / "docs" / "a.txt")
    assert (src / "docs" / "a.txt").read_text("utf-8") == "first statement"  # the source untouched
