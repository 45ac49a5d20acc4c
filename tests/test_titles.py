"""Tests of indexer.extract.titles: the title of a statement from metadata or text."""

from __future__ import annotations

from pathlib import Path

import pytest

from indexer.extract.titles import MAX_TITLE_CHARS, clean_title, find_title, looks_like_title

ROOT = Path(__file__).resolve().parents[1]
SEEDS = ROOT / "seeds"
FIXTURES = Path(__file__).resolve().parent / "fixtures" / "extract"

LEAD = ("The Communist and Workers' Parties that sign this text express their solidarity with "
        "the struggle of the dockworkers, who have been on strike for six weeks against the "
        "closure of the port and the loss of more than two thousand jobs in the region.")


def lines_of(path: Path) -> list[str]:
    return path.read_text(encoding="utf-8").split("\n")


def test_seed_000_quoted_title_of_the_statement():
    title = find_title(lines_of(SEEDS / "000_f6e28804950bea45.txt"), fallback="000.txt")
    assert title == ("On the valuable experience of the great strikes and demonstrations of "
                     "the working class and the people of Kazakhstan")


def test_seed_004_first_line():
    title = find_title(lines_of(SEEDS / "004_3211777dd4a43931.txt"), fallback="004.txt")
    assert title == "Internationalist solidarity with the oil workers of Kazakhstan"


def test_sidecar_then_html_then_text():
    lines = ["Title from the text", LEAD]
    assert find_title(lines, "HTML title", "Sidecar title") == "Sidecar title"
    assert find_title(lines, "HTML title", None) == "HTML title"
    assert find_title(lines, "  ", "") == "Title from the text"


def test_generic_html_title_gives_way_to_the_text():
    assert find_title(["Hands off Cuba!", LEAD], html_title="Statement") == "Hands off Cuba!"


def test_a_kicker_is_not_the_title_the_line_below_it_is():
    lines = ["Joint Statement", "Hands off Venezuela!", LEAD]
    assert find_title(lines) == "Hands off Venezuela!"
    lines = ["STATEMENT OF THE COMMUNIST AND WORKERS' PARTIES", "Hands off Venezuela!", LEAD]
    assert find_title(lines) == "Hands off Venezuela!"


def test_a_kicker_before_prose_gives_way_to_the_first_sentence():
    title = find_title(["Press release", LEAD])
    assert title.startswith("The Communist and Workers' Parties that sign")
    assert title.endswith("…")


def test_chrome_and_dateline_before_the_title_are_skipped():
    title = find_title(lines_of(FIXTURES / "web_page_chrome.txt"))
    assert title == "Solidarity with the striking miners of the northern coalfield"


def test_publisher_line_gives_way_to_the_title():
    lines = ["Communist Party of Greece", "On the imperialist war in Ukraine", LEAD]
    assert find_title(lines) == "On the imperialist war in Ukraine"


def test_caption_after_a_long_first_paragraph_is_not_the_title():
    lines = [LEAD, "", "KKE HQ in Athens", "The statement follows the protests of Monday."]
    title = find_title(lines)
    assert title != "KKE HQ in Athens"
    assert title.startswith("The Communist and Workers' Parties that sign this text")


def test_title_after_reads():
    lines = [LEAD, "The joint statement reads:", "For peace and against the imperialist war.",
             "1. The parties condemn the war."]
    assert find_title(lines) == "For peace and against the imperialist war"


def test_title_before_numbered_points():
    lines = [LEAD, "We call for peace", "1. First point of the statement.", "2. Second."]
    assert find_title(lines) == "We call for peace"


def test_quoted_title_with_entitled_and_inner_apostrophe():
    lines = ["A statement entitled “No to NATO’s new strategic concept” was adopted by 30 "
             "parties, who met on the occasion of the summit and decided to publish it widely."]
    assert find_title(lines) == "No to NATO’s new strategic concept"


def test_a_quotation_is_not_a_title():
    lines = ["The party said “We will never surrender to the monopolies” and went on with "
             "the demonstration which gathered thousands of people in front of parliament."]
    title = find_title(lines)
    assert title.startswith("The party said")
    assert len(title) <= 101


def test_first_sentence_fallback_is_cut_at_a_word_boundary():
    title = find_title([LEAD])
    assert title.endswith("…")
    assert len(title) <= 101
    assert title[:-1] == LEAD[: len(title) - 1].rstrip()


def test_hard_wrapped_first_sentence_is_joined():
    lines = ["Allow me at", "the outset to congratulate the workers of the port on their",
             "victory. The strike lasted six weeks."]
    assert find_title(lines) == ("Allow me at the outset to congratulate the workers of the "
                                 "port on their victory")


def test_address_line_is_skipped_for_the_first_sentence():
    lines = ["To the Congress of the United States:", "", "I have the honor to report on the "
             "state of the Union. The year was difficult."]
    assert find_title(lines) == "I have the honor to report on the state of the Union"


def test_fallback_when_nothing_else():
    assert find_title([], fallback="statements/2021/kke-1.txt") == "statements/2021/kke-1.txt"
    assert find_title(["", "  "], fallback="x.txt") == "x.txt"


@pytest.mark.parametrize(
    ("raw", "clean"),
    [
        ("  “Solidarity with Cuba.”  ", "Solidarity with Cuba"),
        ('"Hands off Venezuela!"', "Hands off Venezuela!"),
        ("Title: Peace   and\n socialism.", "Peace and socialism"),
        ("# For the workers' rights", "For the workers' rights"),
        ("«Contra la guerra»", "Contra la guerra"),
        ("To be continued...", "To be continued..."),
        (None, ""),
    ],
)
def test_clean_title(raw, clean):
    assert clean_title(raw) == clean


def test_long_title_is_capped_at_a_word_boundary():
    title = clean_title("word " * 100)
    assert len(title) <= MAX_TITLE_CHARS
    assert title.endswith("word…")


@pytest.mark.parametrize(
    ("line", "expected"),
    [
        ("Internationalist solidarity with the oil workers of Kazakhstan", True),
        ("Hands off Cuba! End the blockade!", True),
        ("Statement", False),
        ("Press release", False),
        ("10 May 2017", False),
        ("ICP, 10 May 2017", False),
        ("The joint statement issued January 18 reads:", False),
        ("The demonstrators were attacked by the police, and", False),
        ("the outset, Sir, to congratulate you", False),
        ("It was cold. The strike went on.", False),
        ("x" * 151, False),
    ],
)
def test_looks_like_title(line, expected):
    assert looks_like_title(line) is expected


def test_an_editors_note_above_the_statement_is_not_its_title():
    lines = ["The statement below was signed by 5 parties.",
             "Statement of solidarity with the workers of the port", "2 June 2016",
             "We support the dockers' strike."]
    assert find_title(lines) == "Statement of solidarity with the workers of the port"
    assert find_title(["Joint statement signed by 40 parties on the war", "We oppose the war."]) == \
        "Joint statement signed by 40 parties on the war"
