"""One file to one Document: the extractors working together on whole statements."""

from __future__ import annotations

from pathlib import Path

import pytest

from indexer.pipeline import Analyser
from indexer.read.document import read_source

ROOT = Path(__file__).resolve().parents[1]


@pytest.fixture(scope="module")
def analyser() -> Analyser:
    return Analyser()


def _doc(analyser, tmp_path: Path, name: str, content: str | bytes):
    path = tmp_path / name
    if isinstance(content, bytes):
        path.write_bytes(content)
    else:
        path.write_text(content, encoding="utf-8")
    return analyser.analyse(read_source(path, tmp_path))


def test_seed_000(analyser):
    doc = analyser.analyse(read_source(ROOT / "seeds" / "000_f6e28804950bea45.txt", ROOT / "seeds"))
    assert doc.date == "2022-01-18"
    assert len(doc.signatories) == 18
    assert [p.point for p in doc.passages if p.kind == "point"] == [str(i) for i in range(1, 9)]
    assert doc.passages[0].kind == "title"
    assert "labour" in doc.topics and "solidarity" in doc.topics
    assert "cuba" not in doc.topics and "palestine" not in doc.topics


def test_article_heading_longer_than_page_title(analyser, tmp_path):
    doc = _doc(analyser, tmp_path, "t.html", """<html><head><title>Joint statement on the anniversary | SolidNet</title></head>
<body><div class="content"><h2>Joint statement on the 75th anniversary of the victory over fascism</h2>
<p>ICP, 9 May 2020</p><p>Seventy-five years ago the peoples defeated fascism.</p>
<table><tr><th>Party</th><th>Country</th></tr><tr><td>Communist Party of Greece</td><td>Greece</td></tr>
<tr><td>PCP</td><td>Portugal</td></tr><tr><td>Communist Party of Bohemia and Moravia</td><td>Czech Republic</td></tr></table>
</div></body></html>""")
    assert doc.title == "Joint statement on the 75th anniversary of the victory over fascism"
    assert doc.date == "2020-05-09"
    assert [p.id for p in doc.signatories] == ["kke-gr", "pcp-pt", "kscm-cz"]
    assert [p.kind for p in doc.passages].count("title") == 1
    assert doc.passages[1].kind != "heading"  # the heading is the title, not repeated


def test_country_first_numbered_list_and_weekday_date(analyser, tmp_path):
    doc = _doc(analyser, tmp_path, "a.txt", """Joint Statement on the war in Ukraine
Friday, October 21, 2022

The parties express their concern about the escalation of the imperialist war.

Signatories:
1. Algeria – Algerian Party for Democracy and Socialism (PADS)
2. Austria – Party of Labour of Austria (PdA)
3. Bangladesh – Communist Party of Bangladesh (CPB)
4. Britain – Communist Party of Britain (CPB)
""")
    assert doc.date == "2022-10-21"
    assert [p.id for p in doc.signatories] == ["pads-dz", "pda-at", "cpb-bd", "cpb-gb"]


def test_numeric_dateline_in_html(analyser, tmp_path):
    doc = _doc(analyser, tmp_path, "n.html", """<html><head><title>Statement | Site</title></head><body><article>
<h1>Statement against the summit</h1><p class="date">05/07/2023</p><p>We condemn the summit.</p></article></body></html>""")
    assert doc.title == "Statement against the summit"
    assert doc.date == "2023-07-05"
    assert doc.signatories == []  # no list: never invented


def test_country_headers_in_a_signatory_list(analyser, tmp_path):
    doc = _doc(analyser, tmp_path, "c.txt", """Statement against the sanctions
15 February 2019

The undersigned parties reject the sanctions.

The statement is signed by the following parties:
Britain
CPB
Bangladesh
CPB
Greece
Communist Party of Greece
""")
    assert [p.id for p in doc.signatories] == ["cpb-gb", "cpb-bd", "kke-gr"]


def test_seed_004_mentions_exclude_the_dateline(analyser):
    doc = analyser.analyse(read_source(ROOT / "seeds" / "004_3211777dd4a43931.txt", ROOT / "seeds"))
    assert doc.source == "ICP"
    assert [p.id for p in doc.mentioned] == ["smk-kz"]  # "ICP, 10 May 2017" is not the Iraqi CP


def test_page_titled_with_the_site_name_only(analyser, tmp_path):
    doc = _doc(analyser, tmp_path, "old.html", (
        '<html><head><title>Old site</title></head><body><table><tr><td class="main">'
        "<b>Joint statement against the war in Iraq</b><br>20 March 2003<br><br>"
        "The parties condemn the invasion of Iraq.<br><br>Signed:<br>Communist Party of Greece<br>"
        "Iraqi Communist Party<br>Communist Party of Britain</td></tr></table></body></html>"))
    assert doc.title == "Joint statement against the war in Iraq"
    assert doc.date == "2003-03-20"
    assert [p.id for p in doc.signatories] == ["kke-gr", "icp-iq", "cpb-gb"]
