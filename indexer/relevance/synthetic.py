"""Known-item queries made by a script, to judge a change on more queries than anyone wrote.

    queries = scripted_queries(index_dir, n=150, seed=11)
    evaluate_qrels(index_dir, queries, view="statements")

Each query picks a statement and one of its paragraphs (or numbered points) of at least
MIN_CHARS characters at random, then WORDS_MIN to WORDS_MAX distinct words of it (letters
only, at least four, not stop words), and, most of the time (LACKING_SHARE), one more word
that the paragraph lacks, taken from an earlier pick: a researcher's own phrasing holds a
word the text does not. The target is that paragraph. Written queries describe a passage in
other words, which no script does; scripted ones are many and unbiased by the engine, so a
change that helps only the written queries shows up here as no gain.
"""

from __future__ import annotations

import random
import re
from pathlib import Path

from indexer.relevance.qrels import KnownItemQuery, Target
from indexer.store.reader import Snapshot
from indexer.store.tokenizer import STOP_WORDS

MIN_CHARS = 120
WORDS_MIN, WORDS_MAX = 3, 5
LACKING_SHARE = 0.7
_WORD = re.compile(r"[A-Za-z][a-z]{3,}")


def scripted_queries(index_dir: Path | str, n: int, seed: int = 11) -> list[KnownItemQuery]:
    """n known-item queries over the index's passages (see the module doc); the same n and
    seed give the same queries on the same index."""
    snap = Snapshot.open(index_dir)
    rng = random.Random(seed)
    ids = sorted(snap.documents)
    out: list[KnownItemQuery] = []
    earlier: list[str] = []
    for _ in range(n * 20):  # statements without a long enough paragraph are skipped
        if len(out) >= n or not ids:
            break
        doc_id = rng.choice(ids)
        passages = [p for p in snap.passages(doc_id)
                    if p["kind"] in ("paragraph", "point") and len(p["text"]) >= MIN_CHARS]
        if not passages:
            continue
        p = rng.choice(passages)
        words = list(dict.fromkeys(w.lower() for w in _WORD.findall(p["text"]) if w.lower() not in STOP_WORDS))
        if len(words) <= WORDS_MAX:
            continue
        query = rng.sample(words, rng.randint(WORDS_MIN, WORDS_MAX))
        if earlier and rng.random() < LACKING_SHARE:
            extra = rng.choice(earlier)
            if extra not in p["text"].lower():
                query.insert(rng.randrange(len(query) + 1), extra)
        earlier.extend(words[:3])
        out.append(KnownItemQuery(f"scripted-{len(out) + 1}", " ".join(query), (), (),
                                  (Target(doc=doc_id, chunk_id=p["chunk_id"]),)))
    return out
