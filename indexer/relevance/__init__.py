"""Relevance you can measure: known-item queries (qrels) run through the search, scored.

    metrics.py  the arithmetic: MRR@10, nDCG@10, success@k, recall@100 of one ranked list
    qrels.py    reading a qrels JSONL file and matching a result against its targets
    run.py      running every query through the engine and the plain BM25 baseline
"""
