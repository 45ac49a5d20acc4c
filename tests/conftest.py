"""Shared fixtures: one real index built from the seeds plus the web fixture statements.

The index is built once per test session into a temporary folder with
`indexer.write.build.build_index`, and served by the real `indexer.query.SearchIndex`.

Source layout of that index (doc ids in brackets):

    000_f6e28804950bea45.txt             seed: 18 parties on Kazakhstan, 2022
    004_3211777dd4a43931.txt             seed: oil workers of Kazakhstan, 2017
    2015/dockers_piraeus.txt             [2015/dockers_piraeus]  6 parties, points 1-4
    2019/baltic_exercises.md             [2019/baltic_exercises]  5 parties, front matter
    2019/security_law.txt                [2019/security_law]  <script> in title and text
    archive/2021/vaccine_patents.html    [archive/2021/vaccine_patents]  HTML page
    metadata.jsonl                       a sidecar giving four statements a `genre`: "joint
                                         statement" (the seeds) or "press release" (2019/
                                         security_law, archive/2021/vaccine_patents);
                                         2015/dockers_piraeus has its genre from its text
"""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
SEEDS = ROOT / "seeds"
WEB_FIXTURES = Path(__file__).resolve().parent / "fixtures" / "web" / "statements"


@pytest.fixture(scope="session")
def web_source_dir(tmp_path_factory) -> Path:
    """A source folder holding the two seeds and the web fixture statements."""
    src = tmp_path_factory.mktemp("web-source")
    for f in sorted(SEEDS.glob("*.txt")):
        shutil.copy(f, src / f.name)
    shutil.copytree(WEB_FIXTURES, src, dirs_exist_ok=True)
    return src


@pytest.fixture(scope="session")
def web_index_dir(tmp_path_factory, web_source_dir) -> Path:
    """The index of `web_source_dir`, built once for the session."""
    from indexer.write.build import build_index

    index_dir = tmp_path_factory.mktemp("web-index")
    build_index(web_source_dir, index_dir, procs=1, progress=False)
    return index_dir


@pytest.fixture(scope="session")
def web_app(web_index_dir):
    from search_web import create_app

    app = create_app(web_index_dir, {"TESTING": True})
    return app


@pytest.fixture()
def client(web_app):
    return web_app.test_client()
