"""How well the taxonomy tags passages, measured against passages labelled by hand.

`fixtures/topics/labelled_passages.jsonl` holds 63 passages with the topics a reader gave
them: 40 drawn at random (seed 10) from `../shared/corpus/uk_manifestos` and the body
passages of the two seeds. Each row names its file and the first words of the passage
(`starts`), so that the corpus text itself stays out of the repository; the passage is
found again by reading and splitting the file as the indexer does.

Measured when the fixture was written (micro-averaged over passage-topic pairs):
precision 0.75, recall 0.70 (57 right, 19 wrong, 25 missed). The floors below leave room
for about four pairs either way; a taxonomy change that falls under them is a regression.
"""

from __future__ import annotations

import json
import re
from pathlib import Path

import pytest

from indexer.chunk.chunking import paragraphs
from indexer.extract.topics import Taxonomy
from indexer.read.document import read_source

ROOT = Path(__file__).resolve().parent.parent
SHARED = ROOT.parent / "shared"
LABELS = Path(__file__).resolve().parent / "fixtures" / "topics" / "labelled_passages.jsonl"
PRECISION_FLOOR = 0.70
RECALL_FLOOR = 0.65


def _norm(text: str) -> str:
    return re.sub(r"\s+", " ", text).strip()


def _path(name: str) -> Path:
    return SHARED / name if name.startswith("corpus/") else ROOT / name


def _labelled() -> list[tuple[str, set[str]]]:
    """(passage text, true topics) of every labelled row."""
    rows = [json.loads(line) for line in LABELS.read_text("utf-8").splitlines() if line.strip()]
    texts: dict[Path, list[str]] = {}
    out = []
    for row in rows:
        path = _path(row["file"])
        if path not in texts:
            texts[path] = [_norm(p.text) for p in paragraphs(read_source(path, path.parent).blocks)]
        found = [t for t in texts[path] if t.startswith(_norm(row["starts"]))]
        assert len(found) == 1, f"{row['file']}: {len(found)} passages start with {row['starts']!r}"
        out.append((found[0], set(row["topics"])))
    return out


def scores(labelled, taxonomy: Taxonomy) -> tuple[float, float, int, int, int]:
    """(precision, recall, right, wrong, missed) over passage-topic pairs."""
    tp = fp = fn = 0
    for text, want in labelled:
        got = set(taxonomy.tag(text))
        tp += len(got & want)
        fp += len(got - want)
        fn += len(want - got)
    return tp / max(1, tp + fp), tp / max(1, tp + fn), tp, fp, fn


@pytest.mark.skipif(not (SHARED / "corpus" / "uk_manifestos").is_dir(), reason="shared corpus not present")
def test_topic_precision_and_recall_on_hand_labelled_passages():
    labelled = _labelled()
    assert len(labelled) == 63
    assert sum(len(t) for _, t in labelled) == 82  # topic labels given by hand
    precision, recall, tp, fp, fn = scores(labelled, Taxonomy.default())
    assert precision >= PRECISION_FLOOR, f"precision {precision:.2f} ({tp} right, {fp} wrong)"
    assert recall >= RECALL_FLOOR, f"recall {recall:.2f} ({tp} right, {fn} missed)"


def test_scores_count_pairs():
    """The arithmetic on a case worked by hand: one right, one wrong, one missed."""
    tax = Taxonomy.loads('[topics.a]\nlabel = "A"\nstrong = ["alpha"]\n'
                         '[topics.b]\nlabel = "B"\nstrong = ["beta"]\n')
    labelled = [("alpha and beta", {"a", "c"}), ("nothing here", set())]
    assert scores(labelled, tax) == (0.5, 0.5, 1, 1, 1)
