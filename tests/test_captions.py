"""Tests for indexer.chunk.captions: photo captions and credits in plain text are no
passages; headings, short paragraphs and list items stay."""

from __future__ import annotations

from pathlib import Path

from indexer.chunk.captions import caption_indices
from indexer.chunk.chunking import chunk, paragraphs
from indexer.model import Block, SourceDoc
from indexer.pipeline import Analyser

SEEDS = Path(__file__).resolve().parent.parent / "seeds"

LEAD = ("A joint statement signed by 18 Communist and Workers' parties was issued on 18 January, "
        "a day after trade unionists demonstrated outside the embassy.")
BODY = ("On 17 January, responding to the call of the trade unions, a demonstration was held at "
        "the embassy. The demonstrators expressed their solidarity with the people.")
MORE = ("The wealth of the country is looted by monopolies and oligarchs that keep the people in "
        "poverty and misery, and the workers took to the streets against it.")


def _blocks(lines: list[str]) -> list[Block]:
    return [Block(line, "line") for line in lines]


def _texts(lines: list[str]) -> list[str]:
    return [p.text for p in chunk(_blocks(lines))]


def test_the_seed_caption_is_no_passage_but_stays_a_paragraph():
    blocks = [Block(line, "line") for line in (SEEDS / "000_f6e28804950bea45.txt").read_text("utf-8").split("\n")]
    texts = [p.text for p in chunk(blocks)]
    assert "KKE HQ in Athens" not in texts
    assert "KKE HQ in Athens" in [p.text for p in paragraphs(blocks)]
    assert len(texts) == 22  # 23 non-blank lines, the caption left out
    doc = Analyser().analyse(SourceDoc(doc_id="000", source_file="000.txt", format="txt", blocks=blocks))
    assert "KKE HQ in Athens" not in [p.text for p in doc.passages]
    assert [p.point for p in doc.passages if p.kind == "point"] == [str(i) for i in range(1, 9)]


def test_a_short_line_between_the_lead_and_the_body_is_a_caption():
    assert _texts([LEAD, "", "Workers march in Athens", BODY, MORE]) == [LEAD, BODY, MORE]
    # after two lead paragraphs too
    assert _texts([LEAD, MORE, "", "Protesters at the embassy", BODY]) == [LEAD, MORE, BODY]


def test_short_lines_a_text_uses_as_headings_stay():
    lines = [LEAD, "The situation in Greece", BODY, "Our demands", MORE]
    assert _texts(lines) == lines
    # a lone sub-heading deep in the text is no caption
    deep = [LEAD, BODY, MORE, "Closing remarks", LEAD]
    assert _texts(deep) == deep
    # a subtitle under the title, before any prose, stays
    top = ["Labour Party Election Manifesto", "A Declaration of Labour Policy for the Nation", LEAD, BODY]
    assert _texts(top) == top


def test_short_sentences_list_items_and_signatures_stay():
    lines = [LEAD, "Trade union activity is not a crime!", BODY, "- cheaper fuel", "- higher wages", MORE,
             "Winston Churchill"]
    assert _texts(lines) == [LEAD, "Trade union activity is not a crime!", BODY, "cheaper fuel", "higher wages",
                             MORE, "Winston Churchill"]


def test_credit_lines_and_pictures_are_no_passages():
    lines = [LEAD, "Photo: Reuters", BODY, "Photos by KKE Press Office", "[Image]", "rally-athens.jpg",
             "The rally in Syntagma Square", MORE, "Demonstrators outside the embassy",
             "Photo credit: WFTU", "Source: 902.gr", "Image courtesy of the WFTU", "© 2001 ProLife Alliance",
             "Copyright © 1996 Ulster Democratic Unionist Party",
             "The Veritas Party. Copyright (c) 2005. All rights reserved.",
             "Police lines in front of the parliament. (Photo: AFP)"]
    assert _texts(lines) == [LEAD, BODY, MORE]


def test_sentences_that_speak_of_pictures_or_copyright_stay():
    lines = [LEAD, "Images of war haunt the people of the region.",
             "Copyright law must protect the artists and not the publishers.",
             "Pictures of the strike went around the world and inspired workers everywhere.",
             BODY, "Sources of energy must be public property.", MORE]
    assert _texts(lines) == lines


def test_markup_paragraphs_keep_their_short_lines():
    paras = paragraphs([Block(LEAD, "paragraph"), Block("Workers march in Athens", "paragraph"),
                        Block(BODY, "paragraph"), Block(MORE, "paragraph")])
    blocks = [Block(LEAD, "paragraph"), Block("Workers march in Athens", "paragraph"),
              Block(BODY, "paragraph"), Block(MORE, "paragraph")]
    assert caption_indices(paragraphs(blocks), blocks) == set()
    assert caption_indices(paras) == {1}


def test_the_uk_manifestos_lose_only_copyright_lines():
    """Measured on the whole corpus when written: 36 of 28,157 passages are left out, all
    copyright lines; this checks a few files with headings, subtitles and signatures."""
    corpus = Path(__file__).resolve().parent.parent.parent / "shared" / "corpus" / "uk_manifestos" / "docs"
    if not corpus.is_dir():
        import pytest
        pytest.skip(f"{corpus} is not here")
    for name, dropped in [("UK_natl_1950_en_Con.txt", 0), ("UK_natl_1964_en_Con.txt", 0),
                          ("UK_natl_2005_en_Gr.txt", 29), ("UK_natl_2001_en_SNP.txt", 0),
                          ("UK_natl_2005_en_OMRL.txt", 0), ("UK_natl_1997_en_Comm.txt", 0)]:
        blocks = _blocks((corpus / name).read_text("utf-8").split("\n"))
        paras = paragraphs(blocks)
        gone = caption_indices(paras)
        assert len(gone) == dropped, (name, [paras[k].text for k in gone])
        assert all("©" in paras[k].text for k in gone)


def test_a_markdown_picture_and_its_caption_are_no_passages(tmp_path):
    from indexer.read.document import read_source

    (tmp_path / "s.md").write_text(
        "# Solidarity with the workers of Kazakhstan\n\n" + LEAD + "\n\n"
        "![KKE HQ in Athens](https://example.org/kke-hq.jpg)\n\n*The KKE building in Perissos*\n\n"
        + BODY + "\n\n[![](banner.png)](https://example.org)\n\n## Our demands\n\n" + MORE + "\n", "utf-8")
    src = read_source(tmp_path / "s.md", tmp_path)
    assert [b.kind for b in src.blocks].count("image") == 2
    doc = Analyser().analyse(src)
    assert [(p.kind, p.text) for p in doc.passages] == [
        ("title", "Solidarity with the workers of Kazakhstan"), ("paragraph", LEAD), ("paragraph", BODY),
        ("heading", "Our demands"), ("paragraph", MORE)]
