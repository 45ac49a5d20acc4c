"""Tests for indexer.chunk.chunking: paragraphs, points, signatories, splitting, positions."""

from __future__ import annotations

import re
from pathlib import Path

from indexer.chunk.chunking import chunk, paragraphs
from indexer.chunk.split import MAX_PASSAGE_CHARS, split_long
from indexer.model import Block, Passage, SignatoryBlock

FIXTURES = Path(__file__).parent / "fixtures" / "chunking"
SEEDS = Path(__file__).resolve().parent.parent / "seeds"


def _blocks(text: str) -> list[Block]:
    return [Block(line) for line in text.split("\n")]


def _file_blocks(path: Path) -> list[Block]:
    return _blocks(path.read_text(encoding="utf-8"))


def _assert_positions(passages: list[Passage]) -> None:
    assert [p.position for p in passages] == list(range(len(passages)))


# ----------------------------------------------------------------------------- seeds


def test_seed_000_has_eight_points_and_no_joined_lines():
    path = SEEDS / "000_f6e28804950bea45.txt"
    blocks = _file_blocks(path)
    passages = chunk(blocks)
    _assert_positions(passages)
    points = [p for p in passages if p.kind == "point"]
    assert [p.point for p in points] == ["1", "2", "3", "4", "5", "6", "7", "8"]
    assert points[0].text.startswith("1. At the beginning of 2022, Kazakhstan")
    assert points[7].text.startswith("8. The events in Kazakhstan")
    # Its paragraphs are single lines: one passage per non-blank line, none joined, but
    # the photo caption under the lead, which is no passage.
    lines = [" ".join(b.text.split()) for b in blocks if b.text.strip()]
    assert lines[1] == "KKE HQ in Athens"
    assert [p.text for p in passages] == lines[:1] + lines[2:]
    # Text after the last point belongs to no point.
    assert passages[-1].text == "The statement remains open for further endorsements from other parties."
    assert passages[-1].point is None and passages[-1].kind == "paragraph"
    assert all(p.point is None for p in passages if p.kind != "point")


def _seed_004_signatory_block(blocks: list[Block]) -> SignatoryBlock:
    start = next(i for i, b in enumerate(blocks) if b.text.startswith("The list of the signatory CWP"))
    last = next(i for i, b in enumerate(blocks) if b.text.strip() == "Communist Party of Turkey (TKP)")
    names = [" ".join(b.text.split()) for b in blocks[start + 1 : last + 1] if b.text.strip()]
    return SignatoryBlock(start=start, end=last + 1, names=names)


def test_seed_004_signatories_become_one_passage():
    blocks = _file_blocks(SEEDS / "004_3211777dd4a43931.txt")
    sig = _seed_004_signatory_block(blocks)
    assert len(sig.names) == 15
    passages = chunk(blocks, signatories=sig, title="Internationalist solidarity with the oil workers of Kazakhstan")
    _assert_positions(passages)
    assert not [p for p in passages if p.kind == "point"]
    sigs = [p for p in passages if p.kind == "signatories"]
    assert len(sigs) == 1
    text = sigs[0].text
    assert text.startswith("The list of the signatory CWP's is as follows: Socialist Workers Party of Croatia (SRP); ")
    assert text.endswith("; Communist Party of Turkey (TKP)")
    assert text.count("; ") == 14
    # The signatory list is the last thing in the document, and no name is left outside.
    assert passages[-1].kind == "signatories"
    assert not any("Communist Party of Malta" in p.text for p in passages[:-1])
    # The title is the first passage and is not repeated as a paragraph.
    assert passages[0].kind == "title"
    assert passages[1].text.startswith("Several Communist and Workers' Parties of the World signed")


def test_seed_000_comma_separated_signatories_after_the_points():
    blocks = _file_blocks(SEEDS / "000_f6e28804950bea45.txt")
    start = next(i for i, b in enumerate(blocks) if b.text.startswith("So far the statement"))
    names = [n.strip() for n in blocks[start + 1].text.split(",")]
    passages = chunk(blocks, signatories=SignatoryBlock(start, start + 2, names))
    assert [p.kind for p in passages[-3:]] == ["point", "signatories", "paragraph"]
    sig = passages[-2]
    assert sig.point is None
    assert sig.text.startswith("So far the statement has been endorsed by: Party of Labour of Austria; ")
    assert sig.text.count("; ") == len(names) - 1
    assert passages[-1].text.startswith("The statement remains open")
    assert [p.point for p in passages if p.kind == "point"] == [str(i) for i in range(1, 9)]


def test_seed_004_without_signatory_block_keeps_lines_as_paragraphs():
    blocks = _file_blocks(SEEDS / "004_3211777dd4a43931.txt")
    passages = chunk(blocks)
    assert not [p for p in passages if p.kind in ("point", "signatories")]
    assert "Communist Party of Turkey (TKP)" in [p.text for p in passages]
    # every non-empty line is a passage but the dateline, which only the date extraction reads
    lines = [" ".join(b.text.split()) for b in blocks if b.text.strip()]
    assert "ICP, 10 May 2017" in lines
    assert [p.text for p in passages] == [line for line in lines if line != "ICP, 10 May 2017"]
    assert "ICP, 10 May 2017" in [p.text for p in paragraphs(blocks)]


def test_a_bare_dateline_is_no_passage_but_stays_a_paragraph_and_gives_the_date():
    from indexer.model import SourceDoc
    from indexer.pipeline import Analyser

    lines = ["Solidarity with the oil workers", "", "ICP, 10 May 2017", "",
             "The Socialist Movement of Kazakhstan made an appeal for solidarity with the workers.",
             "Athens, 12 March 2015: the workers met and decided to strike."]
    blocks = [Block(line, "line") for line in lines]
    texts = [p.text for p in chunk(blocks)]
    assert "ICP, 10 May 2017" not in texts
    assert "Athens, 12 March 2015: the workers met and decided to strike." in texts  # a sentence stays
    assert "ICP, 10 May 2017" in [p.text for p in paragraphs(blocks)]
    doc = Analyser().analyse(SourceDoc(doc_id="d", source_file="d.txt", format="txt", blocks=blocks))
    assert doc.date == "2017-05-10"
    assert "ICP, 10 May 2017" not in [p.text for p in doc.passages]


# ------------------------------------------------------------------------ paragraphs


def test_wrapped_fixture_passages():
    passages = chunk(_file_blocks(FIXTURES / "wrapped_speech.txt"))
    _assert_positions(passages)
    assert [(p.kind, p.point) for p in passages] == [
        ("heading", None),
        ("paragraph", None),
        ("paragraph", None),
        ("paragraph", None),
        ("paragraph", None),
        ("paragraph", None),
        ("point", "a"),
        ("point", "b"),
        ("paragraph", None),
    ]
    assert passages[3].text.endswith("while the city loses its oldest industry.")


def test_manifesto_lines_are_not_joined():
    passages = chunk(_file_blocks(FIXTURES / "manifesto.txt"))
    assert [(p.kind, p.text[:20]) for p in passages] == [
        ("heading", "OUR PROGRAMME FOR WO"),
        ("paragraph", "Working people have "),
        ("paragraph", "First, we will bring"),
        ("paragraph", "Secondly, we will re"),
        ("paragraph", "Thirdly, we will bui"),
        ("heading", "A FOREIGN POLICY FOR"),
        ("paragraph", "Britain should leave"),
        ("paragraph", "Housing"),
        ("paragraph", "Rents will be contro"),
    ]
    assert all(p.point is None for p in passages)


def test_html_like_blocks_pass_through():
    blocks = [
        Block("Statement of the Parties", "heading"),
        Block("The parties   met in Havana\non 27 October.", "paragraph"),
        Block("", "break"),
        Block("an end to the blockade", "item"),
        Block("", "row", cells=("Party", "Country")),
        Block("", "row", cells=("Communist Party of Cuba", " Cuba ")),
        Block("* * *", "paragraph"),
        Block("", "paragraph"),
    ]
    paras = paragraphs(blocks)
    assert [(p.kind, p.text, p.first_block) for p in paras] == [
        ("heading", "Statement of the Parties", 0),
        ("paragraph", "The parties met in Havana on 27 October.", 1),
        ("item", "an end to the blockade", 3),
        ("row", "Party | Country", 4),
        ("row", "Communist Party of Cuba | Cuba", 5),
    ]
    passages = chunk(blocks)
    assert [p.kind for p in passages] == ["heading", "paragraph", "paragraph", "paragraph", "paragraph"]
    _assert_positions(passages)


def test_punctuation_only_lines_and_bare_numbers_are_dropped():
    passages = chunk(_blocks("First paragraph of the text.\n* * *\n---\n17\n\nSecond paragraph of the text."))
    assert [p.text for p in passages] == ["First paragraph of the text.", "Second paragraph of the text."]


def test_line_blocks_between_html_blocks_are_reflowed_separately():
    blocks = [
        Block("Declaration", "heading"),
        Block("The meeting of the parties adopted the"),
        Block("following declaration by a unanimous vote of"),
        Block("the delegations present in the hall."),
        Block("", "break"),
        Block("We call for peace.", "paragraph"),
    ]
    passages = chunk(blocks)
    assert [p.text for p in passages] == [
        "Declaration",
        "The meeting of the parties adopted the following declaration by a unanimous vote of "
        "the delegations present in the hall.",
        "We call for peace.",
    ]


# ---------------------------------------------------------------------------- title


def test_title_comes_first_and_is_not_repeated():
    blocks = _blocks("  Stop the War in  Ukraine \n\nThe parties call for peace.")
    passages = chunk(blocks, title="Stop the war in Ukraine")
    assert [(p.kind, p.text) for p in passages] == [
        ("title", "Stop the war in Ukraine"),
        ("paragraph", "The parties call for peace."),
    ]


def test_title_different_from_first_paragraph_keeps_both():
    passages = chunk(_blocks("The parties call for peace."), title="Statement on peace")
    assert [(p.kind, p.position) for p in passages] == [("title", 0), ("paragraph", 1)]


# --------------------------------------------------------------------------- points


def test_roman_sections_with_numbered_sub_points():
    path = FIXTURES / "roman_sections.txt"
    blocks = _file_blocks(path)
    passages = chunk(blocks, title="Joint Statement on the Energy Crisis")
    assert [(p.kind, p.point) for p in passages] == [
        ("title", None),
        ("paragraph", None),
        ("point", "I"),
        ("point", "I.1"),
        ("point", "I.2"),
        ("point", "II"),
        ("point", "II.1"),
        ("paragraph", None),
    ]
    # A Roman numeral alone on its line is joined to the heading after it.
    assert passages[2].text == "I. THE CAUSES OF THE CRISIS"
    assert passages[5].text == "II - OUR DEMANDS"
    assert passages[3].text.startswith("1. The rise in prices")


def test_parenthesis_style_points_letters_and_continuations():
    text = "\n".join(
        [
            "The conference adopted the following decisions:",
            "1) to hold the next meeting in Hanoi;",
            "2) to publish a common declaration, which says:",
            "We stand with the peoples who resist imperialist war.",
            "3) to set up a working group on four questions:",
            "(a) the energy crisis;",
            "(b) the rights of migrant workers.",
            "Each party will name one member of the group.",
            "4) to meet again in one year.",
            "The meeting closed with the Internationale.",
        ]
    )
    passages = chunk(_blocks(text))
    assert [(p.kind, p.point) for p in passages] == [
        ("paragraph", None),
        ("point", "1"),
        ("point", "2"),
        ("paragraph", None),  # continues point 2: a paragraph, no label of its own
        ("point", "3"),
        ("point", "3.a"),
        ("point", "3.b"),
        ("paragraph", None),  # after the sub-points
        ("point", "4"),
        ("paragraph", None),  # after the last point
    ]
    assert passages[5].text == "(a) the energy crisis;"


def test_other_number_styles():
    passages = chunk(_blocks("(1) Peace.\n(2) Bread.\n(3) Land.\n\n1 - Work\n2 - Housing\n3 – Health"))
    assert [p.point for p in passages] == ["1", "2", "3", "1", "2", "3"]
    assert {p.kind for p in passages} == {"point"}


def test_false_points_years_decimals_and_lone_numbers():
    text = "\n".join(
        [
            "2022. The year began with mass strikes across the country.",
            "2023. The strikes continued into the following year.",
            "1.5 million workers took part in the general strike of March.",
            "2.5 million joined the demonstrations in April.",
            "1. This lone number opens no sequence.",
            "The parties thank the workers.",
            "3 - 4 thousand people gathered in the square.",
        ]
    )
    passages = chunk(_blocks(text))
    assert all(p.kind == "paragraph" and p.point is None for p in passages)
    assert len(passages) == 7


def test_numbers_may_skip_one_but_not_jump():
    passages = chunk(_blocks("1. One.\n2. Two.\n4. Four.\n5. Five.\n40. Forty."))
    assert [p.point for p in passages] == ["1", "2", "4", "5", None]


def test_lower_case_roman_sub_points():
    text = "1. First demand:\n(i) higher wages;\n(ii) shorter hours.\n2. Second demand."
    passages = chunk(_blocks(text))
    assert [p.point for p in passages] == ["1", "1.i", "1.ii", "2"]


def test_letter_i_after_h_is_a_letter():
    letters = "abcdefghij"
    text = "\n".join(f"({c}) demand {c};" for c in letters)
    passages = chunk(_blocks(text))
    assert [p.point for p in passages] == list(letters)


# ------------------------------------------------------------------------ splitting


def _long_paragraph() -> str:
    sentences = []
    for i in range(40):
        sentences.append(
            f"Sentence number {i + 1} describes the situation of the working class in "
            f"region {i + 1}, as Mr. Lee reported to the meeting."
        )
    return " ".join(sentences)


def test_long_paragraph_is_split_at_sentence_ends():
    text = _long_paragraph()
    assert len(text) > 4000
    pieces = split_long(text)
    assert len(pieces) >= 3
    assert " ".join(pieces) == text
    for piece in pieces:
        assert 800 <= len(piece) <= 1500
        assert piece.endswith("meeting.")
        assert piece.startswith("Sentence number ")


def test_short_paragraph_is_not_split():
    assert split_long("A short paragraph. Two sentences.") == ["A short paragraph. Two sentences."]


def test_text_without_sentence_ends_is_cut_at_clause_or_word():
    text = "; ".join(f"clause number {i} of a very long enumeration" for i in range(80))
    pieces = split_long(text)
    assert all(len(p) <= 1800 for p in pieces)
    assert " ".join(pieces).replace("  ", " ") == text
    assert all(p.endswith(";") for p in pieces[:-1])


def test_chunk_splits_long_point_and_only_its_first_piece_is_labelled():
    text = "1. " + _long_paragraph() + "\n2. The second point is short."
    passages = chunk(_blocks(text))
    assert passages[0].kind == "point" and passages[0].point == "1"
    assert passages[0].text.startswith("1. Sentence number 1 ")
    assert all(len(p.text) <= MAX_PASSAGE_CHARS for p in passages)
    middle = passages[1:-1]
    assert middle and all(p.kind == "paragraph" and p.point is None for p in middle)
    assert (passages[-1].kind, passages[-1].point) == ("point", "2")
    _assert_positions(passages)


# ---------------------------------------------------------------------- signatories


def test_signatory_block_in_the_middle_stays_in_place():
    text = "\n".join(
        [
            "Joint statement against the blockade",
            "The undersigned parties demand an end to the blockade.",
            "Signed by:",
            "Communist Party of Greece",
            "Portuguese Communist Party",
            "Communist Party of Bohemia and Moravia",
            "The statement remains open for further endorsements.",
            "",
        ]
    )
    blocks = _blocks(text)
    sig = SignatoryBlock(
        start=2,
        end=6,
        names=["Communist Party of Greece", "Portuguese Communist Party", "Communist Party of Bohemia and Moravia"],
    )
    passages = chunk(blocks, signatories=sig)
    assert [(p.kind, p.text) for p in passages] == [
        ("paragraph", "Joint statement against the blockade"),
        ("paragraph", "The undersigned parties demand an end to the blockade."),
        (
            "signatories",
            "Signed by: Communist Party of Greece; Portuguese Communist Party; "
            "Communist Party of Bohemia and Moravia",
        ),
        ("paragraph", "The statement remains open for further endorsements."),
    ]
    _assert_positions(passages)


def test_signatory_names_on_the_lead_in_line():
    blocks = _blocks("We demand peace.\nSigned by: Party of Labour of Austria, Workers Party of Ireland")
    sig = SignatoryBlock(start=1, end=2, names=["Party of Labour of Austria", "Workers Party of Ireland"])
    passages = chunk(blocks, signatories=sig)
    assert passages[-1].kind == "signatories"
    assert passages[-1].text == "Signed by: Party of Labour of Austria; Workers Party of Ireland"


def test_signatory_block_without_names_keeps_its_lines():
    blocks = _blocks("We demand peace.\nParty A\nParty B")
    passages = chunk(blocks, signatories=SignatoryBlock(start=1, end=3, names=[]))
    assert [(p.kind, p.text) for p in passages] == [
        ("paragraph", "We demand peace."),
        ("signatories", "Party A; Party B"),
    ]


def test_signatory_block_out_of_range_is_ignored():
    blocks = _blocks("We demand peace.")
    passages = chunk(blocks, signatories=SignatoryBlock(start=3, end=9, names=["X"]))
    assert [p.kind for p in passages] == ["paragraph"]


def _as_tuples(passages: list[Passage]) -> list[tuple]:
    return [(p.kind, p.text, p.point, p.position) for p in passages]


def test_precomputed_paragraphs_give_the_same_passages():
    blocks = _file_blocks(SEEDS / "004_3211777dd4a43931.txt")
    sig = _seed_004_signatory_block(blocks)
    paras = paragraphs(blocks)
    before = [(p.text, p.first_block) for p in paras]
    assert _as_tuples(chunk(blocks, sig, "T", paras=paras)) == _as_tuples(chunk(blocks, sig, "T"))
    assert [(p.text, p.first_block) for p in paras] == before  # not modified
    for path in (FIXTURES / "wrapped_speech.txt", FIXTURES / "roman_sections.txt"):
        blocks = _file_blocks(path)
        assert _as_tuples(chunk(blocks, paras=paragraphs(blocks))) == _as_tuples(chunk(blocks))


def test_precomputed_paragraph_straddling_the_signatory_block_is_reflowed_again():
    lines = [
        "The parties that met in Lisbon adopted this text",
        "about the strike of the dockers, and it was",
        "signed by the delegations of the following parties",
        "Communist Party of Greece",
        "Portuguese Communist Party",
    ]
    blocks = [Block(line) for line in lines]
    paras = paragraphs(blocks)
    assert paras[0].last_block >= 2  # the lead-in is joined to the text before it
    sig = SignatoryBlock(2, 5, ["Communist Party of Greece", "Portuguese Communist Party"])
    passages = chunk(blocks, sig, paras=paras)
    assert [p.kind for p in passages] == ["paragraph", "signatories"]
    assert passages[0].text.endswith("and it was")
    assert passages[1].text == (
        "signed by the delegations of the following parties Communist Party of Greece; "
        "Portuguese Communist Party"
    )


def test_empty_document_gives_no_passages_or_only_the_title():
    assert chunk([]) == []
    passages = chunk([Block(""), Block("  ")], title="A title")
    assert [(p.kind, p.text, p.position) for p in passages] == [("title", "A title", 0)]


def test_passages_have_no_topics_and_valid_kinds():
    passages = chunk(_file_blocks(SEEDS / "000_f6e28804950bea45.txt"), title="On Kazakhstan")
    assert all(p.topics == [] for p in passages)
    assert {p.kind for p in passages} <= {"title", "paragraph", "point", "heading", "signatories"}
    assert all(re.fullmatch(r"\S(.*\S)?", p.text) for p in passages)


def test_a_numeric_dateline_is_kept():
    from indexer.chunk.chunking import paragraphs
    from indexer.model import Block

    blocks = [Block("Joint statement on the summit", "heading"), Block("05/07/2023", "paragraph"),
              Block("We condemn the summit.", "paragraph"), Block("12", "paragraph")]
    assert [p.text for p in paragraphs(blocks)] == [
        "Joint statement on the summit", "05/07/2023", "We condemn the summit."]
    lines = [Block(t) for t in ("Statement", "", "30.9.2019", "", "We condemn the summit.", "", "7")]
    assert [p.text for p in paragraphs(lines)] == ["Statement", "30.9.2019", "We condemn the summit."]


def test_a_5_mb_line_is_chunked_in_linear_time():
    import time

    for text in ("word " * 1_000_000, "x" * 5_000_000, "This is a sentence. " * 250_000):
        started = time.perf_counter()
        passages = chunk([Block(text.strip(), "line")])
        elapsed = time.perf_counter() - started
        assert elapsed < 15, f"{elapsed:.1f} s"  # a generous guard; 0.5-2 s on a quiet machine
        assert all(len(p.text) <= MAX_PASSAGE_CHARS for p in passages)
        assert sum(len(p.text) for p in passages) >= len(text.strip()) - len(passages)
