"""Tests for indexer.extract.signatories: finding the list of signatory parties."""

from __future__ import annotations

import json
import time
from pathlib import Path

import pytest

from indexer.extract import signatories, signatory_names
from indexer.extract.signatories import find_signatories, split_party_list, stated_count
from indexer.model import Block

ROOT = Path(__file__).resolve().parent.parent
SEEDS = ROOT / "seeds"
FIXTURES = Path(__file__).resolve().parent / "fixtures" / "signatories"
CORPUS = ROOT.parent / "shared" / "corpus"


def line_blocks(path: Path) -> list[Block]:
    """One "line" block per physical line, as `sources` reads a text file."""
    return [Block(line, "line") for line in path.read_text(encoding="utf-8").splitlines()]


def json_blocks(path: Path) -> list[Block]:
    """Blocks of an HTML-like fixture: {"blocks": [{"text", "kind", "cells"?}, ...]}."""
    data = json.loads(path.read_text(encoding="utf-8"))
    return [Block(b["text"], b["kind"], tuple(b.get("cells", ()))) for b in data["blocks"]]


def fixture_blocks(name: str) -> list[Block]:
    path = FIXTURES / name
    return json_blocks(path) if path.suffix == ".json" else line_blocks(path)


class FakeRegistry:
    """Stands in for indexer.registry.Registry: knows a fixed set of names."""

    def __init__(self, known: set[str]):
        self.known = known

    def resolve(self, name: str):
        class Resolved:
            known = name in self.known

        return Resolved()


@pytest.fixture(params=["module-registry", "no-registry"])
def registry_mode(request, monkeypatch):
    """Run a test with whatever registry is installed, and again with none at all."""
    if request.param == "no-registry":
        monkeypatch.setattr(signatory_names, "_registry", lambda: None)
    return request.param


# --------------------------------------------------------------------------- seeds


def test_seed_000_comma_sentence_after_endorsed_by(registry_mode):
    blocks = line_blocks(SEEDS / "000_f6e28804950bea45.txt")
    found = find_signatories(blocks)
    assert found is not None
    assert len(found.names) == 18
    assert found.names[0] == "Party of Labour of Austria"
    assert found.names[8] == "Philippines Communist Party [PKP 1930]"
    assert found.names[-1] == "Communist Front (Italy)"
    assert found.names[-2] == "Pole of Communist Revival in France (PRCF)"
    assert "Communist Party of the Workers' of Spain" in found.names
    assert blocks[found.start].text == "So far the statement has been endorsed by:"
    inside = [b.text for b in blocks[found.start : found.end]]
    assert not any("remains open" in t for t in inside)
    assert blocks[found.end].text.startswith("The statement remains open")
    assert found.end - found.start == 2


def test_seed_000_stated_count_matches_names():
    text = (SEEDS / "000_f6e28804950bea45.txt").read_text(encoding="utf-8")
    assert stated_count(text) == 18
    assert len(find_signatories(line_blocks(SEEDS / "000_f6e28804950bea45.txt")).names) == 18


def test_seed_004_one_party_a_line_with_blank_lines(registry_mode):
    blocks = line_blocks(SEEDS / "004_3211777dd4a43931.txt")
    found = find_signatories(blocks)
    assert found is not None
    assert len(found.names) == 15
    assert found.names[0] == "Socialist Workers Party of Croatia (SRP)"
    assert found.names[1] == "German Communist Party (DKP)"  # no-break space collapsed
    assert found.names[-1] == "Communist Party of Turkey (TKP)"
    assert blocks[found.start].text == "The list of the signatory CWP's is as follows:"
    assert found.end == len(blocks)


# --------------------------------------------------------------------------- layouts

EXPECTED = {
    "comma_sentence.txt": (
        8,
        10,
        [
            "Communist Party of Chile (Proletarian Action, PC-AP)",
            "Party of Labour and Progress",
            "Communist Party of Bohemia and Moravia",
            "Workers' Party of Belgium (PTB, Marxist-Leninist)",
            "Socialist Party of Latvia",
            "Union of Communists of Bulgaria",
            "Communist Party of Norway (NKP)",
        ],
    ),
    "one_per_line_blanks.txt": (
        9,
        22,
        [
            "Communist Party of Estonia (EKP)",
            "Socialist Party of Latvia",
            "Lithuanian Socialist People's Front",
            "Communist Party of the Russian Federation (CPRF)",
            "Communist Party of Finland (SKP)",
            "Communist Party of Denmark",
        ],
    ),
    "numbered_dot.txt": (
        6,
        13,
        [
            "Communist Party of Greece (KKE)",
            "Communist Party of Turkey (TKP)",
            "Progressive Party of the Working People (AKEL)",
            "Communist Party of Macedonia",
            "New Communist Party of Yugoslavia (NKPJ)",
            "Party of Communists of Albania",
        ],
    ),
    "numbered_paren_list_of.txt": (
        6,
        12,
        [
            "Pole of Communist Revival in France (PRCF)",
            "Communist Party of Spain (Marxist-Leninist)",
            "Party of the Communists of Italy",
            "Communist Party of Luxembourg (KPL)",
            "Swiss Party of Labour (PdA)",
        ],
    ),
    "bulleted_url.txt": (
        4,
        12,
        [
            "Sudanese Communist Party",
            "Egyptian Communist Party",
            "Tudeh Party of Iran",
            "Lebanese Communist Party",
            "Communist Party of Swaziland",
            "South African Communist Party (SACP)",
        ],
    ),
    "semicolon_list.txt": (
        4,
        5,
        [
            "Communist Party of the Peoples of Spain (PCPE)",
            "Portuguese Communist Party, Portugal",
            "Communist Party of Ireland",
            "Communist Revolutionary Party of France (PCRF)",
            "Communist Party of Britain",
        ],
    ),
    "solidnet_header.txt": (
        6,
        13,
        [
            "Communist Party of Cuba",
            "Communist Party of Venezuela (PCV)",
            "Colombian Communist Party",
            "Communist Party of Brazil (PCdoB)",
            "Communist Party of Uruguay",
            "Paraguayan Communist Party",
        ],
    ),
    "cwp_header_blank_prose.txt": (
        4,
        11,
        [
            "Palestinian Communist Party",
            "Palestinian People's Party",
            "Jordanian Communist Party",
            "Syrian Communist Party",
            "Lebanese Communist Party",
            "Iraqi Communist Party",
        ],
    ),
    "bare_list_end.txt": (
        6,
        12,
        [
            "Communist Party of Bangladesh",
            "Workers Party of Bangladesh",
            "Communist Party of India (Marxist)",
            "Communist Party of Nepal (Unified Marxist-Leninist)",
            "Communist Party of Sri Lanka",
            "Communist Party of Pakistan",
        ],
    ),
    "party_country_lines.txt": (
        4,
        11,
        [
            "Philippines Communist Party [PKP 1930], Philippines",
            "Tudeh Party, Iran",
            "Communist Party of Australia, Australia",
            "Communist Party of Canada",
            "Communist Party USA, United States",
            "Workers Party of Korea, DPRK",
        ],
    ),
    "wrapped_comma.txt": (
        6,
        11,
        [
            "Party of Labour of Austria",
            "Communist Party of Greece",
            "Workers Party of Ireland",
            "Communist Party of Mexico",
            "Communist Party of the Workers of Spain",
            "Communist Party of Sweden",
            "Union of Communists of Ukraine",
            "Communist Front (Italy)",
        ],
    ),
    "region_groups.txt": (
        4,
        18,
        [
            "Communist Party of Great Britain (Marxist-Leninist)",
            "German Communist Party (DKP)",
            "Communist Party of the Netherlands (NCPN)",
            "Japanese Communist Party",
            "Communist Party of Vietnam",
            "Communist Party of Argentina",
            "Communist Party of Peru - Patria Roja",
        ],
    ),
    "inline_signed_by.txt": (
        4,
        5,
        [
            "Colombian Communist Party (PCC)",
            "Communist Party of Ecuador",
            "Communist Party of Peru (PCP)",
        ],
    ),
    "two_lead_ins.txt": (
        9,
        17,
        [
            "Communist Party of Greece (KKE)",
            "Russian Communist Workers' Party (RCWP)",
            "Communist Party of Turkey (TKP)",
            "Communist Party of Mexico (PCM)",
            "Union of Communists of Ukraine",
            "Communist Party of Kazakhstan",
            "Hungarian Workers' Party",
        ],
    ),
    "html_items.json": (
        3,
        9,
        [
            "Communist Party of Ireland",
            "Workers' Party of Belgium (PTB)",
            "Portuguese Communist Party",
            "AKEL",
            "Communist Party of Slovakia",
        ],
    ),
    "html_br_lines.json": (
        3,
        8,
        [
            "Communist Party of India",
            "Communist Party of India (Marxist)",
            "Communist Party of Bangladesh",
            "Communist Party of Nepal (Unified Socialist)",
        ],
    ),
    "html_table.json": (
        2,
        9,
        [
            "Communist Party of Greece (KKE)",
            "Tudeh Party, Iran",
            "Workers' Party of Belgium",
            "Communist Party of Britain, United Kingdom",
            "Socialist Movement of Kazakhstan",
        ],
    ),
    "html_table_country_first.json": (
        2,
        7,
        [
            "Portuguese Communist Party (PCP), Portugal",
            "Communist Party of Spain (PCE)",
            "Communist Party of Brazil",
            "Popular Movement for the Liberation of Angola (MPLA)",
        ],
    ),
    "html_paragraph_comma.json": (
        3,
        5,
        [
            "Communist Party of Canada",
            "Communist Party USA",
            "Mexican Communist Party (PCM)",
            "Communist Party of Bolivia",
            "Party of Labour and Progress",
            "Communist Party of Chile",
        ],
    ),
}


@pytest.mark.parametrize("name", sorted(EXPECTED))
def test_layout(name, registry_mode):
    start, end, names = EXPECTED[name]
    found = find_signatories(fixture_blocks(name))
    assert found is not None, name
    assert (found.start, found.end) == (start, end)
    assert found.names == names


def test_every_fixture_is_covered():
    on_disk = {p.name for p in FIXTURES.iterdir() if p.suffix in (".txt", ".json")}
    assert on_disk == set(EXPECTED) | set(NEGATIVE)


def test_html_page_read_by_sources():
    sources = pytest.importorskip("indexer.read.document")
    path = FIXTURES / "page_br_list.html"
    doc = sources.read_source(path, FIXTURES)
    found = find_signatories(doc.blocks)
    assert found is not None
    assert found.names == [
        "Communist Party of Greece (KKE)",
        "Communist Party of Turkey (TKP)",
        "Syrian Communist Party",
        "Lebanese Communist Party",
        "Communist Party of Malta",
    ]
    assert doc.blocks[found.start].text == "Endorsed by:"
    assert not any("remains open" in b.text for b in doc.blocks[found.start : found.end])


def test_block_excludes_closing_lines():
    blocks = fixture_blocks("numbered_dot.txt")
    found = find_signatories(blocks)
    assert blocks[found.end].text == ""
    assert blocks[found.end + 1].text == "Athens, 12.04.2020"
    blocks = fixture_blocks("bulleted_url.txt")
    found = find_signatories(blocks)
    assert all("https://" not in b.text for b in blocks[found.start : found.end])


def test_table_header_row_is_skipped_but_inside_the_block():
    blocks = fixture_blocks("html_table_country_first.json")
    found = find_signatories(blocks)
    assert blocks[found.start].cells == ("Country", "Party", "Website")
    assert not any(n.startswith(("Country", "Party")) for n in found.names)


def test_country_prefixed_names_and_and_inside_a_name():
    blocks = [
        Block(line, "line")
        for line in [
            "The statement was adopted in Athens.",
            "Signed on 12 April 2020 by",
            "1. Communist Party of Greece",
            "2. Algeria: Algerian Party for Democracy and Socialism (PADS)",
            "3. PADS, Algeria",
            "4. Communist Party of Bohemia & Moravia",
        ]
    ]
    found = find_signatories(blocks)
    assert (found.start, found.end) == (1, 6)
    assert found.names == [
        "Communist Party of Greece",
        "Algeria: Algerian Party for Democracy and Socialism (PADS)",
        "PADS, Algeria",
        "Communist Party of Bohemia & Moravia",
    ]


def row(*cells: str) -> Block:
    return Block(" | ".join(cells), "row", cells)


def test_table_acronym_column_is_no_country_and_header_maps_columns():
    without_header = [
        Block("Signed by:", "paragraph"),
        row("Communist Party of Greece", "KKE", "Greece"),
        row("Portuguese Communist Party", "PCP", "Portugal"),
        row("Communist Party USA", "CPUSA", "USA"),
    ]
    found = find_signatories(without_header)
    assert found.names == [
        "Communist Party of Greece",
        "Portuguese Communist Party, Portugal",
        "Communist Party USA",
    ]
    with_header = [
        Block("Signed by:", "paragraph"),
        row("Acronym", "Country", "Party"),
        row("KKE", "Greece", "Communist Party of Greece"),
        row("WPK", "DPRK", "Workers' Party of Korea"),
    ]
    found = find_signatories(with_header)
    assert (found.start, found.end) == (0, 4)
    assert found.names == ["Communist Party of Greece", "Workers' Party of Korea, DPRK"]


def test_rows_from_text_when_cells_are_missing():
    blocks = [
        Block("Signatories", "heading"),
        Block("Communist Party of Sweden | Sweden", "row"),
        Block("Tudeh Party | Iran", "row"),
    ]
    assert find_signatories(blocks).names == ["Communist Party of Sweden", "Tudeh Party, Iran"]


# --------------------------------------------------------------------------- negatives

NEGATIVE = [
    "neg_no_list.txt",
    "neg_prose_parties.txt",
    "neg_numbered_demands.txt",
    "neg_single_signature.txt",
]


@pytest.mark.parametrize("name", NEGATIVE)
def test_no_signatories(name, registry_mode):
    assert find_signatories(fixture_blocks(name)) is None


def test_empty_document():
    assert find_signatories([]) is None
    assert find_signatories([Block("", "line"), Block("", "break")]) is None


def test_lead_in_without_list_gives_none():
    blocks = [
        Block("Statement on the elections", "line"),
        Block("So far the statement has been endorsed by:", "line"),
        Block("", "line"),
        Block("The list will be published after the meeting of the secretariat.", "line"),
    ]
    assert find_signatories(blocks) is None


def test_wrapped_prose_with_adopted_by_is_no_lead_in():
    blocks = [
        Block(line, "line")
        for line in [
            "We welcome the resolution adopted by",
            "the Security Council",
            "last week, which opens a road to peace in the region and which",
            "we hope all members will respect.",
        ]
    ]
    assert find_signatories(blocks) is None


def test_all_caps_prose_after_endorsement_is_no_list():
    blocks = [
        Block(line, "line")
        for line in [
            "OUR MEMBERS GAVE THE DRAFT THEIR EXPRESS ENDORSEMENT.",
            "WE ARE A NATIONAL PARTY, SUPPORTED TODAY BY PEOPLE FROM ALL",
            "WALKS OF LIFE, FROM THE FACTORY FLOOR TO THE COUNCIL ESTATE.",
        ]
    ]
    assert find_signatories(blocks) is None


def test_person_signature_after_signed_by_is_no_party_list():
    blocks = [
        Block("Signed by:", "line"),
        Block("Maria Lopez", "line"),
        Block("Juan Perez", "line"),
    ]
    assert find_signatories(blocks) is None


def test_bare_list_needs_party_names_and_registry_can_vouch_for_them(monkeypatch):
    blocks = [
        Block("We stand with the striking teachers of every country.", "line"),
        Block("", "line"),
        Block("Die Linke", "line"),
        Block("Sinn Féin", "line"),
        Block("Podemos", "line"),
    ]
    monkeypatch.setattr(signatory_names, "_registry", lambda: None)
    assert find_signatories(blocks) is None
    fake = FakeRegistry({"Die Linke", "Sinn Féin", "Podemos"})
    monkeypatch.setattr(signatory_names, "_registry", lambda: fake)
    found = find_signatories(blocks)
    assert found is not None
    assert (found.start, found.end, found.names) == (2, 5, ["Die Linke", "Sinn Féin", "Podemos"])


def test_registry_errors_do_not_break_detection(monkeypatch):
    class Broken:
        def resolve(self, name):
            raise AttributeError("no such attribute")

    monkeypatch.setattr(signatory_names, "_registry", lambda: Broken())
    found = find_signatories(line_blocks(SEEDS / "004_3211777dd4a43931.txt"))
    assert len(found.names) == 15


# --------------------------------------------------------------------------- shapes


def test_multi_line_paragraph_block():
    blocks = [
        Block("The statement condemns the coup and the repression that followed.", "paragraph"),
        Block(
            "Signatories:\nCommunist Party of Bolivia\nCommunist Party of Chile\n"
            "Communist Party of Peru",
            "paragraph",
        ),
        Block("Source: statements archive", "paragraph"),
    ]
    found = find_signatories(blocks)
    assert (found.start, found.end) == (1, 2)
    assert found.names == [
        "Communist Party of Bolivia",
        "Communist Party of Chile",
        "Communist Party of Peru",
    ]


def test_items_stop_at_following_paragraph():
    blocks = [
        Block("Signed by:", "paragraph"),
        Block("Communist Party of Sweden", "item"),
        Block("Communist Party of Norway", "item"),
        Block("Communist Party of Denmark", "paragraph"),
    ]
    found = find_signatories(blocks)
    assert (found.start, found.end) == (0, 3)
    assert len(found.names) == 2


def test_heading_ends_a_list():
    blocks = [
        Block("Signatories", "heading"),
        Block("Communist Party of Sweden", "line"),
        Block("Communist Party of Norway", "line"),
        Block("Related statements", "heading"),
        Block("Communist Party of Denmark", "line"),
    ]
    found = find_signatories(blocks)
    assert (found.start, found.end) == (0, 3)


def test_lettered_and_roman_markers_and_trailing_punctuation():
    blocks = [
        Block("List of signatories:", "line"),
        Block("a) Communist Party of Greece;", "line"),
        Block("b) Communist Party of Turkey,", "line"),
        Block("c) Communist Party of the U.S.A.", "line"),
    ]
    found = find_signatories(blocks)
    assert found.names == [
        "Communist Party of Greece",
        "Communist Party of Turkey",
        "Communist Party of the U.S.A.",
    ]


def test_title_of_a_text_and_place_line_are_not_names():
    blocks = [
        Block(line, "line")
        for line in [
            "Signatories",
            "Communist Party of Greece",
            "Communist Party of Turkey",
            "Communist Party of Mexico",
            "",
            "Joint Statement of Communist and Workers' Parties",
            "Athens",
        ]
    ]
    found = find_signatories(blocks)
    assert (found.start, found.end) == (0, 4)
    blocks[5] = Block("", "line")
    found = find_signatories(blocks)
    assert found.names[-1] == "Communist Party of Mexico"
    assert (found.start, found.end) == (0, 4)


def test_person_title_party_lines_keep_the_party():
    blocks = [
        Block("Signatures:", "line"),
        Block("Maria Lopez, General Secretary, Communist Party of Ruritania", "line"),
        Block("Jan Novak, Chairman, Party of Labour of Freedonia", "line"),
    ]
    found = find_signatories(blocks)
    assert found.names == ["Communist Party of Ruritania", "Party of Labour of Freedonia"]


def test_lead_in_list_at_top_wins_over_a_closing_list_without_lead_in():
    blocks = [
        Block(line, "line")
        for line in [
            "Joint statement",
            "Signed by: Communist Party of Greece (KKE), Communist Party of Turkey (TKP)",
            "",
            "The two parties discussed the situation in the eastern Mediterranean.",
            "",
            "Union of Communists of Ukraine",
            "Communist Party of Kazakhstan",
            "Hungarian Workers' Party",
        ]
    ]
    found = find_signatories(blocks)
    assert (found.start, found.end) == (1, 2)
    assert found.names == ["Communist Party of Greece (KKE)", "Communist Party of Turkey (TKP)"]


def test_bare_comma_sentence_closing_the_text():
    blocks = [
        Block("We call for peace and for the dissolution of the military blocs.", "line"),
        Block("", "line"),
        Block(
            "Communist Party of Greece (KKE), Communist Party of Turkey (TKP), "
            "Communist Party of Mexico (PCM) and Workers Party of Ireland",
            "line",
        ),
    ]
    found = find_signatories(blocks)
    assert (found.start, found.end) == (2, 3)
    assert found.names[-1] == "Workers Party of Ireland"
    assert len(found.names) == 4


def test_comma_sentence_of_prose_is_no_list():
    blocks = [
        Block("We call for peace and for the dissolution of the military blocs.", "line"),
        Block("", "line"),
        Block(
            "The Communist Party of Greece, the Communist Party of Turkey and the "
            "Workers Party of Ireland met in Athens",
            "line",
        ),
    ]
    assert find_signatories(blocks) is None


# --------------------------------------------------------------------------- split_party_list


@pytest.mark.parametrize(
    "text,expected",
    [
        (
            "Pole of Communist Revival in France (PRCF) and Communist Front (Italy)",
            ["Pole of Communist Revival in France (PRCF)", "Communist Front (Italy)"],
        ),
        (
            "Communist Party of Norway, Party of Labour and Progress",
            ["Communist Party of Norway", "Party of Labour and Progress"],
        ),
        (
            "Communist Party of Norway and Party of Labour and Progress.",
            ["Communist Party of Norway", "Party of Labour and Progress"],
        ),
        ("Party of Labour and Progress", ["Party of Labour and Progress"]),
        (
            "Communist and Workers' Party of Ruritania",
            ["Communist and Workers' Party of Ruritania"],
        ),
        (
            "Communist Party of Bohemia and Moravia, Tudeh Party of Iran, and Workers Party of "
            "Ireland",
            [
                "Communist Party of Bohemia and Moravia",
                "Tudeh Party of Iran",
                "Workers Party of Ireland",
            ],
        ),
        (
            "Communist Party of Chile (Proletarian Action, PC-AP), Socialist Party of Latvia",
            ["Communist Party of Chile (Proletarian Action, PC-AP)", "Socialist Party of Latvia"],
        ),
        (
            "Tudeh Party, Iran; Communist Party of Ireland; Workers Party of Korea, DPRK",
            ["Tudeh Party, Iran", "Communist Party of Ireland", "Workers Party of Korea, DPRK"],
        ),
        ("", []),
    ],
)
def test_split_party_list(text, expected):
    assert split_party_list(text) == expected


# --------------------------------------------------------------------------- stated_count


@pytest.mark.parametrize(
    "text,expected",
    [
        ("A joint statement signed by 18 Communist and Workers' parties was issued.", 18),
        ("The appeal, endorsed so far by twenty-two parties, calls for peace.", 22),
        ("Forty-one communist and workers' parties have signed the declaration.", 41),
        ("The statement was adopted by 7 parties of the region.", 7),
        ("The 22 parties that signed the appeal met again in May.", 22),
        ("The statement was signed by the following parties:", None),
        ("Communist Party of Greece (KKE)", None),
    ],
)
def test_stated_count(text, expected):
    assert stated_count(text) == expected


# --------------------------------------------------------------------------- cost and corpora


def test_long_document_without_list_is_cheap():
    paragraph = (
        "The delegation of the republic reaffirms its commitment to the principles of the "
        "Charter and calls for the reform of the Security Council, adopted by"
    )
    blocks = []
    for i in range(60_000):
        blocks.append(Block(paragraph if i % 3 else "the General Assembly", "line"))
    started = time.perf_counter()
    assert find_signatories(blocks) is None
    assert time.perf_counter() - started < 3.0


def corpus_docs(name: str, step: int = 1):
    folder = CORPUS / name / "docs"
    if not folder.is_dir():
        pytest.skip(f"corpus {name} not available")
    for path in sorted(folder.glob("*.txt"))[::step]:
        yield path, line_blocks(path)


@pytest.mark.parametrize("name,step", [("uk_manifestos", 1), ("us_sotu", 1), ("ungdc", 15)])
def test_real_corpora_have_no_signatory_blocks(name, step):
    positives = [
        (path.name, found.names[:3])
        for path, blocks in corpus_docs(name, step)
        if (found := find_signatories(blocks)) is not None
    ]
    assert positives == []


APPENDED_PARTIES = [
    "Communist Party of Greece (KKE)",
    "Tudeh Party of Iran",
    "Workers Party of Ireland",
    "Communist Party of Mexico",
    "Union of Communists of Ukraine",
]

APPENDED_LISTS = {
    "lead-in, one a line": ["", "Signed by:", *APPENDED_PARTIES, "", "Source: www.example.org"],
    "lead-in, comma sentence": [
        "",
        "So far the statement has been endorsed by:",
        ", ".join(APPENDED_PARTIES[:-1]) + " and " + APPENDED_PARTIES[-1],
        "The statement remains open for further endorsements.",
    ],
    "bare, one a line": ["", *APPENDED_PARTIES],
    "bare, blank lines between": [""] + [x for p in APPENDED_PARTIES for x in (p, "")],
    "bare, numbered, dated": [
        "",
        *(f"{i}. {p}" for i, p in enumerate(APPENDED_PARTIES, 1)),
        "",
        "Athens, 12.04.2020",
    ],
}


def real_documents(step: int):
    docs = []
    for name in ("ungdc", "uk_manifestos"):
        folder = CORPUS / name / "docs"
        if folder.is_dir():
            docs.extend(sorted(folder.glob("*.txt"))[::step])
    if not docs:
        pytest.skip("no corpus available")
    return docs


@pytest.mark.parametrize("layout", sorted(APPENDED_LISTS))
def test_list_appended_to_real_documents_is_found_exactly(layout):
    tail = APPENDED_LISTS[layout]
    misses = []
    for path in real_documents(step=97):
        lines = path.read_text(encoding="utf-8").splitlines()
        found = find_signatories([Block(line, "line") for line in lines + tail])
        if found is None or found.names != APPENDED_PARTIES or found.start < len(lines):
            misses.append(path.name)
    assert misses == []


def test_demands_appended_to_real_documents_are_no_list():
    tail = [
        "",
        "We demand:",
        "1. Withdrawal of all troops from abroad",
        "2. Closure of the foreign military bases",
        "3. Exit from NATO and the European Union",
        "4. Release of all political prisoners",
    ]
    hits = []
    for path in real_documents(step=97):
        lines = path.read_text(encoding="utf-8").splitlines()
        if find_signatories([Block(line, "line") for line in lines + tail]) is not None:
            hits.append(path.name)
    assert hits == []


def test_bullets_with_a_dangling_and():
    text = """We call for peace.

Signed:
- Communist Party of Greece
- Communist Party of Turkey,
- Communist Party of Venezuela and
- Workers' Party of Ireland

Athens, 3 April 2022"""
    found = find_signatories([Block(line) for line in text.split("\n")])
    assert found is not None
    assert found.names == ["Communist Party of Greece", "Communist Party of Turkey",
                           "Communist Party of Venezuela", "Workers' Party of Ireland"]
    assert (found.start, found.end) == (2, 7)


def test_a_list_and_the_parties_that_signed_later_are_one_list():
    text = """We honour the anniversary of the Revolution.

Signatories:
Communist Party of Greece
Communist Party of Turkey
Portuguese Communist Party

Parties that signed later:
Communist Party of Sweden
Workers' Party of Ireland

Athens, 7 November 2023"""
    found = find_signatories([Block(line) for line in text.split("\n")])
    assert found is not None
    assert found.names == ["Communist Party of Greece", "Communist Party of Turkey",
                           "Portuguese Communist Party", "Communist Party of Sweden",
                           "Workers' Party of Ireland"]
    assert (found.start, found.end) == (2, 10)


def test_an_inline_list_then_more_signatures_are_one_list():
    text = """We stand with the Palestinian people.

The statement has been signed by the following parties: Communist Party of Greece, Palestinian Communist Party and Lebanese Communist Party.

More signatures:
Communist Party of Britain
Communist Party of Ireland"""
    found = find_signatories([Block(line) for line in text.split("\n")])
    assert found is not None
    assert found.names == ["Communist Party of Greece", "Palestinian Communist Party",
                           "Lebanese Communist Party", "Communist Party of Britain",
                           "Communist Party of Ireland"]
    assert (found.start, found.end) == (2, 7)


def test_two_lists_far_apart_are_not_merged():
    text = """Signed by: Communist Party of Greece, Communist Party of Turkey and Communist Party of Spain.

The parties recall the struggle of the workers in many countries and call for solidarity.
They demand the release of the prisoners and an end to the repression in the region.

Signatories:
Communist Party of Sweden
Workers' Party of Ireland
Communist Party of Mexico"""
    found = find_signatories([Block(line) for line in text.split("\n")])
    assert found is not None
    assert found.names == ["Communist Party of Sweden", "Workers' Party of Ireland", "Communist Party of Mexico"]


# ---- lists in columns of plain text (a table turned into text)

LAYOUTS = Path(__file__).parent / "fixtures" / "layouts"


@pytest.mark.parametrize(
    ("name", "ids"),
    [
        ("columns_two.txt", ["kke-gr", "tkp-tr", "pcp-pt", "pce-es", "pcb-be", "kpo-at", "cpb-gb", "pcm-mx"]),
        ("columns_three.txt", ["pcch-cl", "pcf-fr", "dkp-de", "pcdob-br", "pci-it", "kke-gr", "pcp-pt",
                               "tkp-tr", "cpb-gb"]),
    ],
)
def test_columns_give_one_party_each_resolved_through_native_names(name, ids):
    from indexer.pipeline import Analyser
    from indexer.read.document import read_source

    doc = Analyser().analyse(read_source(LAYOUTS / name, LAYOUTS))
    assert [p.id for p in doc.signatories] == ids
    assert all(p.known for p in doc.signatories)


def test_a_bare_list_in_columns_closing_the_text():
    rows = ["Communist Party of Greece        Communist Party of Turkey",
            "Portuguese Communist Party       Communist Party of Spain",
            "Communist Party of Britain       Lebanese Communist Party"]
    blocks = [Block("Title"), Block(""), Block("We call on the peoples to resist the war."), Block(""),
              *[Block(r) for r in rows]]
    found = find_signatories(blocks)
    assert found is not None and found.names == [
        "Communist Party of Greece", "Communist Party of Turkey", "Portuguese Communist Party",
        "Communist Party of Spain", "Communist Party of Britain", "Lebanese Communist Party"]


def test_prose_with_double_spaces_is_not_split_into_columns():
    blocks = [Block("Title"), Block(""), Block("The workers  of the  port   stopped work for a week."),
              Block(""), Block("Signatories:"), Block("Communist Party of Greece"), Block("Communist Party of Turkey")]
    assert find_signatories(blocks).names == ["Communist Party of Greece", "Communist Party of Turkey"]
