"""Tests for indexer.chunk.reflow and layout: wrapped or paragraph-a-line text, joining lines."""

from __future__ import annotations

from pathlib import Path

import pytest

from indexer.chunk.layout import layout_of
from indexer.chunk.lines import ends_with_abbreviation, visual_length
from indexer.chunk.reflow import reflow_lines

FIXTURES = Path(__file__).parent / "fixtures" / "chunking"
SEEDS = Path(__file__).resolve().parent.parent / "seeds"
UNGDC = Path(__file__).resolve().parent.parent.parent / "shared" / "corpus" / "ungdc" / "docs"


def _lines(name: str) -> list[str]:
    return (FIXTURES / name).read_text(encoding="utf-8").split("\n")


def _reflow(lines: list[str]):
    return reflow_lines(lines, 0, layout_of(lines))


def test_wrapped_fixture_gives_exact_paragraphs():
    paras = _reflow(_lines("wrapped_speech.txt"))
    assert [(p.kind, p.first_block, p.last_block) for p in paras] == [
        ("heading", 0, 0),
        ("paragraph", 1, 5),
        ("paragraph", 6, 10),
        ("paragraph", 11, 19),
        ("paragraph", 21, 24),
        ("paragraph", 25, 25),
        ("paragraph", 26, 26),
        ("paragraph", 27, 27),
        ("paragraph", 28, 29),
    ]
    texts = [p.text for p in paras]
    assert texts[0] == "SOLIDARITY WITH THE DOCKERS OF LISBON"
    assert texts[1] == (
        "The Communist and Workers' Parties gathered in Lisbon express their firm "
        "solidarity with the dock workers who have been on strike for six weeks against "
        "the closure of the port and the loss of more than two thousand jobs."
    )
    # "inter-/national": the plain word occurs elsewhere in the text, so the hyphen goes.
    assert texts[2].startswith("The strike has shown the strength of the international labour")
    # A page break (blank lines, page number, document symbol) inside a sentence; the
    # full line ending in "workers." is followed by a word too long to have fitted on it.
    assert texts[3] == (
        "We reject the claim that the closure is a matter of market efficiency. It is a "
        "political decision taken to weaken the organised workers. Shipowners and bankers "
        "will profit from it while the city loses its oldest industry."
    )
    # "(spoke in French)" is dropped; "self-/determination" keeps its hyphen.
    assert texts[4] == (
        "The right of peoples to self-determination cannot be separated from the right of "
        "workers to organise and to strike. The governments that deny one deny the other."
    )
    assert texts[5:8] == [
        "We call on the authorities to meet two demands:",
        "(a) withdraw the plan to close the port;",
        "(b) reinstate every dismissed worker.",
    ]
    assert all("A/70/PV.22" not in t and "spoke in" not in t for t in texts)


def test_layout_tells_wrapped_from_paragraph_per_line():
    wrapped = layout_of(_lines("wrapped_speech.txt"))
    assert wrapped.wrapped is True
    assert wrapped.width == 48
    assert layout_of(_lines("manifesto.txt")).wrapped is False
    for seed in ("000_f6e28804950bea45.txt", "004_3211777dd4a43931.txt"):
        lines = (SEEDS / seed).read_text(encoding="utf-8").split("\n")
        assert layout_of(lines).wrapped is False


def test_layout_of_empty_and_blank_text():
    assert layout_of([]).wrapped is False
    assert layout_of(["", "   ", ""]).wrapped is False
    assert _reflow(["", "  "]) == []


def test_unwrapped_lines_stay_separate_and_upper_case_lines_are_headings():
    paras = _reflow(_lines("manifesto.txt"))
    assert [p.kind for p in paras] == [
        "heading",
        "paragraph",
        "paragraph",
        "paragraph",
        "paragraph",
        "heading",
        "paragraph",
        "paragraph",
        "paragraph",
    ]
    assert paras[2].text.startswith("First, we will bring")
    assert paras[3].text.startswith("Secondly, we will restore")
    # A two-line upper-case heading whose second line starts with a connector word.
    assert paras[5].text == "A FOREIGN POLICY FOR PEACE"
    assert (paras[5].first_block, paras[5].last_block) == (6, 7)
    assert paras[7].text == "Housing"


def test_compound_hyphen_kept_and_broken_word_joined():
    lines = [
        "Our delegation supports the right to self-",
        "determination of every people and the strength-",
        "ening of the Organization. It rejects any attempt",
        "to weaken it, and it calls for the strengthening",
        "of the General Assembly as the main forum of all.",
    ]
    (para,) = _reflow(lines)
    assert "self-determination" in para.text
    assert "the strengthening of the Organization" in para.text


def test_hyphen_before_capitalised_word_is_kept_without_space():
    lines = [
        "The Secretary-General and the Counter-",
        "Terrorism Committee have worked together on",
        "the question for many years, and we thank them.",
    ]
    (para,) = _reflow(lines)
    assert para.text.startswith("The Secretary-General and the Counter-Terrorism Committee")


def test_indented_first_lines_start_paragraphs():
    lines = [
        " Our country has always supported the work of",
        "the Organization in every region of the world,",
        "and it will continue to do so in the years ahead",
        "with all the means at its disposal and beyond",
        "them whenever the cause of peace demands it",
        " The situation in the region remains difficult",
        "for all of its peoples, who have lived through",
        "many years of conflict and hardship and who now",
        "hope for a lasting settlement that will let them",
        "rebuild their homes and their economies at last",
        " We therefore call on all parties concerned to",
        "return to the negotiating table without delay.",
    ]
    layout = layout_of(lines)
    assert layout.indents_first_lines is True
    paras = reflow_lines(lines, 0, layout)
    assert [p.first_block for p in paras] == [0, 5, 10]


def test_blank_lines_separate_paragraphs_when_the_file_uses_them_so():
    lines = [
        "Markdown and e-mail texts are wrapped at a fixed",
        "width and leave a blank line between paragraphs,",
        "and the reflow has to keep those breaks intact.",
        "",
        "The second paragraph also wraps over several",
        "lines and ends with a full line of text as well.",
        "",
        "The third paragraph continues after a page",
        "",
        "break that falls in the middle of its sentence.",
    ]
    paras = _reflow(lines)
    assert [p.first_block for p in paras] == [0, 4, 7]
    assert paras[2].text == (
        "The third paragraph continues after a page break that falls in the middle of its "
        "sentence."
    )


def test_line_ending_in_an_abbreviation_does_not_end_the_paragraph():
    lines = [
        "Mr.",
        "President, allow me first of all to congratulate",
        "you on your election to the presidency of the",
        "General Assembly at its present session. We are",
        "sure that you will guide our work with wisdom.",
    ]
    (para,) = _reflow(lines)
    assert para.text.startswith("Mr. President, allow me")
    assert ends_with_abbreviation("Mr.") and ends_with_abbreviation("by John F.")
    assert not ends_with_abbreviation("the end.")


def test_speaker_prefix_is_dropped_and_starts_a_paragraph():
    lines = [
        "Ms. Rodas (Honduras) (spoke in Spanish): Our",
        "country comes to this Assembly with a message",
        "of hope for the peoples of Central America and",
        "for the workers of the whole world who struggle.",
    ]
    (para,) = _reflow(lines)
    assert para.text.startswith("Our country comes to this Assembly")


def test_session_header_near_page_break_is_dropped_but_kept_in_a_sentence():
    lines = [
        "We thank the outgoing President for the work",
        "done during the past year by the whole of the",
        "",
        "General Assembly",
        "Fiftieth session 12 October 1995",
        "",
        "General Assembly. We also welcome the new",
        "members who have joined the Organization and",
        "wish them every success in their work here.",
    ]
    (para,) = _reflow(lines)
    assert para.text == (
        "We thank the outgoing President for the work done during the past year by the "
        "whole of the General Assembly. We also welcome the new members who have joined the "
        "Organization and wish them every success in their work here."
    )


def test_unwrapped_page_break_inside_a_sentence_is_joined():
    lines = [
        "The first paragraph is a single long line that stops in the middle of its sentence, "
        "because a page of the record ended there and",
        "",
        "15-29425 31/34",
        "",
        "continued on the next page of the printed record.",
        "A second paragraph follows on its own line and must stay a paragraph of its own.",
    ]
    paras = _reflow(lines)
    assert len(paras) == 2
    assert paras[0].text.endswith("ended there and continued on the next page of the printed record.")
    assert (paras[0].first_block, paras[0].last_block) == (0, 4)


def test_bullets_become_items():
    lines = ["Our demands:", "* free public transport", "• a higher minimum wage"]
    paras = _reflow(lines)
    assert [(p.kind, p.text) for p in paras] == [
        ("paragraph", "Our demands:"),
        ("item", "free public transport"),
        ("item", "a higher minimum wage"),
    ]


def test_visual_length_counts_narrow_letters_less():
    assert visual_length("iiiiiiiiii") < visual_length("oooooooooo") < visual_length("MMMMMMMMMM")


def _indented_files(step: int) -> list[Path]:
    files = sorted(UNGDC.glob("*.txt"))
    return files[::step]


@pytest.mark.skipif(not UNGDC.is_dir(), reason="UN debates corpus not available")
def test_reflow_agrees_with_indented_first_lines_of_real_records():
    """Answer key: in files that indent paragraph openings, reflow the same lines with
    the indentation removed and compare the paragraph starts found."""
    tp = fp = fn = 0
    checked = 0
    for path in _indented_files(7):
        lines = path.read_text(encoding="utf-8").split("\n")
        layout = layout_of(lines)
        if not (layout.wrapped and layout.indents_first_lines):
            continue
        checked += 1
        truth = set()
        first = True
        for k, raw in enumerate(lines):
            s = raw.strip()
            if not s:
                continue
            if first or len(raw) - len(raw.lstrip()) > layout.base_indent:
                truth.add(k)
            first = False
        flat = [line.strip() for line in lines]
        pred = {p.first_block for p in reflow_lines(flat, 0, layout_of(flat))}
        tp += len(truth & pred)
        fp += len(pred - truth)
        fn += len(truth - pred)
    assert checked >= 100
    precision = tp / (tp + fp)
    recall = tp / (tp + fn)
    assert precision >= 0.95, precision
    assert recall >= 0.85, recall


@pytest.mark.skipif(not UNGDC.is_dir(), reason="UN debates corpus not available")
def test_real_wrapped_record_has_no_half_sentence_paragraphs():
    path = UNGDC / "AFG_48_1993.txt"
    if not path.exists():
        pytest.skip("file not in this copy of the corpus")
    lines = path.read_text(encoding="utf-8").split("\n")
    layout = layout_of(lines)
    assert layout.wrapped
    paras = reflow_lines(lines, 0, layout)
    assert paras[0].text.startswith("Permit me, first of all, to congratulate Ambassador")
    assert paras[0].text.endswith("in the foreseeable future.")
    # A paragraph ends where a sentence ends, page furniture is gone.
    assert sum(1 for p in paras if p.text[-1] in ".!?:\"”)") >= 0.95 * len(paras)
    assert not any("Forty-eighth session -" in p.text for p in paras)
    assert len(paras) < len([x for x in lines if x.strip()]) / 5



WEB_COPY_FURNITURE = ["Back to manifesto index.", "Back to main table.", "Return to Top", "Back to the Top",
                      "Go back to the list", "Last Modified: Thursday, 05-Apr-2001 00:21:44 GMT/BST",
                      "LAST MODIFIED: SUNDAY, 23-FEB-97 17:13:59 GMT", "This page last updated - 9 May, 2001",
                      "Updated: 12 May 2017", "Page last updated on 3 March 2004 at 10:15",
                      "this page was last updated: 9 May 2001", "updated 12/05/2017"]
LOOK_ALIKE_PROSE = ["Back to work", "Back to basics", "Back to the 1930s", "Return to full employment",
                    "return to the 10p income tax base rate", "Updated proposals for 2005",
                    "Last updated in 2003, the register of electors is out of date.", "Last updated"]


@pytest.mark.parametrize("wrapped", [False, True])
def test_a_web_pages_navigation_and_stamp_are_dropped_and_look_alike_prose_stays(wrapped):
    from indexer.chunk.lines import is_furniture

    assert [s for s in WEB_COPY_FURNITURE if not is_furniture(s)] == []
    assert [s for s in LOOK_ALIKE_PROSE if is_furniture(s)] == []
    wrap = ["We will build three hundred thousand homes a year and", "give every tenant of a council",
            "house the right to buy the home in which the", "family has lived for three years or more."]
    body = " ".join(wrap)
    lines = [*(wrap if wrapped else [body]), "", "Back to manifesto index.", "",
             "Last Modified: Thursday, 05-Apr-2001 00:21:44 GMT/BST"]
    assert layout_of(lines).wrapped is wrapped
    assert [p.text for p in _reflow(lines)] == [body]

