"""The evaluation report as text: the overall scores beside the baseline, then each query."""

from __future__ import annotations

from indexer.relevance.metrics import METRICS
from indexer.relevance.run import Report


def _rank(r: int | None) -> str:
    return "-" if r is None else str(r)


def format_report(report: Report, per_query: bool = True) -> str:
    lines = [f"view={report.view}  queries={len(report.runs)}  index={report.index}", ""]
    eng, base = report.engine.as_dict(), report.baseline.as_dict()
    lines.append(f"{'':<12}" + "".join(f"{m:>12}" for m in METRICS) + f"{'no results':>12}")
    lines.append(f"{'engine':<12}" + "".join(f"{eng[m]:>12.3f}" for m in METRICS)
                 + f"{report.zero_results('engine'):>12}")
    lines.append(f"{'bm25':<12}" + "".join(f"{base[m]:>12.3f}" for m in METRICS)
                 + f"{report.zero_results('baseline'):>12}")
    if per_query:
        lines += ["", f"{'id':<12}{'rank':>6}{'bm25':>6}{'total':>8}  query"]
        for r in report.runs:
            lines.append(f"{r.query.id:<12}{_rank(r.engine.rank):>6}{_rank(r.baseline.rank):>6}"
                         f"{r.engine.total:>8}  {r.query.query}")
    return "\n".join(lines)
