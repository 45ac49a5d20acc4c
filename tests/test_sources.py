"""Tests for indexer.read: finding files, decoding bytes, sidecars, reading SourceDocs."""

from __future__ import annotations

import hashlib
import json
import random
import time
from pathlib import Path

import pytest

from indexer.model import Block
from indexer.read.decode import decode_bytes
from indexer.read.document import SourceError, read_source, text_blocks
from indexer.read.files import SUPPORTED_SUFFIXES, iter_source_files
from indexer.read.markdown import markdown_blocks
from indexer.read.sidecars import Sidecars

REPO = Path(__file__).resolve().parents[1]
SEEDS = REPO / "seeds"
FIXTURES = Path(__file__).resolve().parent / "fixtures" / "sources"
CORPUS = REPO.parent / "shared" / "corpus"


def write(path: Path, data: bytes | str) -> Path:
    path.parent.mkdir(parents=True, exist_ok=True)
    if isinstance(data, str):
        data = data.encode("utf-8")
    path.write_bytes(data)
    return path


# --------------------------------------------------------------------------- seeds


def test_seed_004_reads_as_lines_with_title_first():
    path = SEEDS / "004_3211777dd4a43931.txt"
    doc = read_source(path, SEEDS)
    assert doc.doc_id == "004_3211777dd4a43931"
    assert doc.source_file == "004_3211777dd4a43931.txt"
    assert doc.format == "txt"
    assert doc.encoding == "utf-8"
    assert doc.blocks[0] == Block("Internationalist solidarity with the oil workers of Kazakhstan", "line")
    assert doc.blocks[1] == Block("", "line")
    assert doc.content_hash == hashlib.sha1(path.read_bytes()).hexdigest()
    assert doc.sidecar == {}
    assert doc.html_title is None
    # one block per physical line
    assert len(doc.blocks) == len(path.read_text(encoding="utf-8").rstrip("\n").split("\n"))
    assert all(block.kind == "line" for block in doc.blocks)
    assert all(block.text == block.text.rstrip() for block in doc.blocks)


def test_seed_000_reads():
    path = SEEDS / "000_f6e28804950bea45.txt"
    doc = read_source(path, SEEDS)
    assert doc.doc_id == "000_f6e28804950bea45"
    assert doc.source_file == "000_f6e28804950bea45.txt"
    assert len(doc.blocks) > 10
    assert doc.blocks[0].text.startswith("A joint statement signed by 18 Communist and Workers' parties")
    assert doc.content_hash == hashlib.sha1(path.read_bytes()).hexdigest()


# --------------------------------------------------------------------------- finding files


def test_iter_source_files_sorted_recursive_and_skips_hidden_and_sidecars(tmp_path):
    for rel in ["b.txt", "a.md", "docs/z.html", "docs/a.htm", "docs/sub/c.TXT", "docs/image.png",
                "notes.pdf", ".hidden.txt", ".git/config.txt", "docs/.cache/x.txt",
                "metadata.jsonl", "metadata.csv", "docs/metadata.jsonl"]:
        write(tmp_path / rel, "text")
    found = [p.relative_to(tmp_path).as_posix() for p in iter_source_files(tmp_path)]
    assert found == ["a.md", "b.txt", "docs/a.htm", "docs/sub/c.TXT", "docs/z.html"]
    assert SUPPORTED_SUFFIXES == {".txt", ".html", ".htm", ".md"}


def test_iter_source_files_follows_folder_links_inside_once(tmp_path):
    source = tmp_path / "source"
    write(source / "corpus" / "docs" / "a.txt", "text")
    (source / "linked").symlink_to(source / "corpus", target_is_directory=True)
    (source / "corpus" / "docs" / "loop").symlink_to(source / "corpus", target_is_directory=True)
    found = [p.relative_to(source).as_posix() for p in iter_source_files(source)]
    assert found == ["corpus/docs/a.txt"]


def test_links_leading_outside_the_source_folder_are_listed_and_refused(tmp_path):
    source = tmp_path / "source"
    write(source / "ok.txt", "A statement on the strike.\n")
    secret = write(tmp_path / "outside" / "secret.txt", "nologin shadow text\n")
    (source / "passwd.txt").symlink_to(secret)
    (source / "etc").symlink_to(tmp_path / "outside", target_is_directory=True)
    found = [p.relative_to(source).as_posix() for p in iter_source_files(source)]
    assert found == ["etc", "ok.txt", "passwd.txt"]  # never etc/secret.txt
    for rel, what in (("passwd.txt", "a file"), ("etc", "a folder")):
        with pytest.raises(SourceError) as err:
            read_source(source / rel, source)
        assert err.value.reason.startswith(f"a link to {what} outside the source folder")
        assert err.value.reason.endswith("not followed")
    assert read_source(source / "ok.txt", source).doc_id == "ok"


def test_a_source_folder_reached_through_a_link_is_read(tmp_path):
    write(tmp_path / "real" / "docs" / "a.txt", "text")
    (tmp_path / "alias").symlink_to(tmp_path / "real", target_is_directory=True)
    files = iter_source_files(tmp_path / "alias")
    assert [p.relative_to(tmp_path / "alias").as_posix() for p in files] == ["docs/a.txt"]
    assert read_source(files[0], tmp_path / "alias").doc_id == "docs/a"


def test_iter_source_files_on_a_single_file_and_missing_root(tmp_path):
    file = write(tmp_path / "one.txt", "x")
    assert iter_source_files(file) == [file]
    assert iter_source_files(tmp_path / "nowhere") == []


# --------------------------------------------------------------------------- decoding


def test_decode_cp1252_curly_quotes_and_dashes():
    data = "\u201cWorkers\u2019 rights\u201d \u2013 now".encode("cp1252")
    assert data[0] == 0x93 and b"\x92" in data and b"\x96" in data
    assert decode_bytes(data) == ("\u201cWorkers\u2019 rights\u201d \u2013 now", "cp1252")


def test_decode_utf8_bom_is_stripped():
    assert decode_bytes(b"\xef\xbb\xbfSolidarity\r\nwith workers") == ("Solidarity\nwith workers", "utf-8-sig")


@pytest.mark.parametrize("codec", ["utf-16", "utf-16-le", "utf-16-be"])
def test_decode_utf16_with_bom(codec):
    text = "Caf\u00e9 \u2014 \u0421\u043e\u043b\u0438\u0434\u0430\u0440\u043d\u043e\u0441\u0442\u044c\n"
    data = text.encode(codec)
    if codec != "utf-16":  # the plain codec writes its own BOM
        data = ("\ufeff" + text).encode(codec)
    assert decode_bytes(data) == (text, "utf-16")


def test_decode_utf16_without_bom():
    data = "Workers of the world, unite!\n".encode("utf-16-le")
    assert decode_bytes(data) == ("Workers of the world, unite!\n", "utf-16-le")


def test_decode_latin1_e_acute():
    text, encoding = decode_bytes("Caf\u00e9 de la soci\u00e9t\u00e9".encode("latin-1"))
    assert text == "Caf\u00e9 de la soci\u00e9t\u00e9"
    assert encoding == "cp1252"


@pytest.mark.parametrize(
    "text, codec, expected",
    [
        ("La soci\u00e9t\u00e9 fran\u00e7aise a \u00e9t\u00e9 cr\u00e9\u00e9e \u00e0 Paris.", "latin-1", {"cp1252"}),
        ("Komunistyczna Partia Polski wyra\u017ca solidarno\u015b\u0107 z robotnikami.", "cp1250", {"cp1250"}),
        ("Komunistick\u00e1 strana \u010cech a Moravy vyjad\u0159uje solidaritu s d\u011bln\u00edky.",
         "cp1250", {"cp1250"}),
        ("T\u00fcrkiye Kom\u00fcnist Partisi petrol i\u015f\u00e7ileriyle dayan\u0131\u015fma i\u00e7inde.",
         "cp1254", {"cp1254"}),
        ("\u041a\u043e\u043c\u043c\u0443\u043d\u0438\u0441\u0442\u0438\u0447\u0435\u0441\u043a\u0430\u044f "
         "\u043f\u0430\u0440\u0442\u0438\u044f \u0437\u0430\u044f\u0432\u043b\u044f\u0435\u0442 \u043e "
         "\u0441\u043e\u043b\u0438\u0434\u0430\u0440\u043d\u043e\u0441\u0442\u0438 \u0441 "
         "\u0440\u0430\u0431\u043e\u0447\u0438\u043c\u0438.", "cp1251", {"cp1251"}),
        ("\u041a\u043e\u043c\u043c\u0443\u043d\u0438\u0441\u0442\u0438\u0447\u0435\u0441\u043a\u0430\u044f "
         "\u043f\u0430\u0440\u0442\u0438\u044f \u0437\u0430\u044f\u0432\u043b\u044f\u0435\u0442 \u043e "
         "\u0441\u043e\u043b\u0438\u0434\u0430\u0440\u043d\u043e\u0441\u0442\u0438 \u0441 "
         "\u0440\u0430\u0431\u043e\u0447\u0438\u043c\u0438.", "koi8-r", {"koi8-r"}),
        ("\u03a4\u03bf \u039a\u03bf\u03bc\u03bc\u03bf\u03c5\u03bd\u03b9\u03c3\u03c4\u03b9\u03ba\u03cc "
         "\u039a\u03cc\u03bc\u03bc\u03b1 \u0395\u03bb\u03bb\u03ac\u03b4\u03b1\u03c2 \u03b5\u03ba\u03c6\u03c1"
         "\u03ac\u03b6\u03b5\u03b9 \u03c4\u03b7\u03bd \u03b1\u03bb\u03bb\u03b7\u03bb\u03b5\u03b3\u03b3\u03cd"
         "\u03b7 \u03c4\u03bf\u03c5.", "iso-8859-7", {"iso8859-7", "cp1253"}),
    ],
    ids=["french-latin1", "polish-cp1250", "czech-cp1250", "turkish-cp1254", "russian-cp1251",
         "russian-koi8r", "greek-iso8859-7"],
)
def test_decode_legacy_encodings_by_detection(text, codec, expected):
    decoded, encoding = decode_bytes(text.encode(codec))
    assert decoded == text
    assert encoding in expected


def test_decode_honours_html_meta_charset():
    greek = "\u0391\u03b8\u03ae\u03bd\u03b1"  # too short to detect: the declaration decides
    data = (b'<html><head><meta http-equiv="Content-Type" content="text/html; charset=windows-1253">'
            b"</head><body><p>" + greek.encode("cp1253") + b"</p></body></html>")
    text, encoding = decode_bytes(data)
    assert encoding == "cp1253"
    assert "<p>" + greek + "</p>" in text
    text, encoding = decode_bytes(b'<meta charset="koi8-r"><p>' + "\u041a\u041f\u0421\u0421".encode("koi8-r"))
    assert (text, encoding) == ('<meta charset="koi8-r"><p>\u041a\u041f\u0421\u0421', "koi8-r")


def test_decode_utf8_wins_over_a_wrong_declaration():
    data = '<meta charset="iso-8859-1"><p>Caf\u00e9</p>'.encode("utf-8")
    assert decode_bytes(data) == ('<meta charset="iso-8859-1"><p>Caf\u00e9</p>', "utf-8")


def test_decode_utf8_with_a_stray_cp1252_byte():
    data = "Gr\u00fc\u00dfe \u2014 ".encode("utf-8") + b"\x93quoted\x94"
    assert decode_bytes(data) == ("Gr\u00fc\u00dfe \u2014 \u201cquoted\u201d", "utf-8")


def test_decode_normalises_newlines_controls_and_nfc():
    data = b"one\r\ntwo\rthree\x00\x1a\x07 four\x0cfive\tsix" + "\ne\u0301".encode("utf-8")
    text, encoding = decode_bytes(data)
    assert text == "one\ntwo\nthree four\nfive\tsix\n\u00e9"
    assert encoding == "utf-8"


def test_decode_repairs_c1_controls_from_a_latin1_round_trip():
    # cp1252 punctuation that went through a Latin-1 decoder and was saved as UTF-8
    data = "\u0093Ga\u009aparovi\u010d\u0094".encode("utf-8")
    assert decode_bytes(data)[0] == "\u201cGa\u0161parovi\u010d\u201d"


def test_decode_never_raises():
    rng = random.Random(7)
    samples = [bytes(range(256)), b"\xff", b"\xfe\xff\x00", b"\xc3", b"\x80" * 100, b""]
    samples += [bytes(rng.randrange(256) for _ in range(rng.randrange(1, 3000))) for _ in range(30)]
    for data in samples:
        text, encoding = decode_bytes(data)
        assert isinstance(text, str) and isinstance(encoding, str) and encoding
        assert "\x00" not in text and "\r" not in text


# --------------------------------------------------------------------------- text and markdown blocks


def test_text_blocks_keep_indentation_and_blank_lines():
    blocks = text_blocks("Title  \n\n    Indented paragraph start\t\ncontinued\n\n\nEnd\n")
    assert blocks == [
        Block("Title", "line"),
        Block("", "line"),
        Block("    Indented paragraph start", "line"),
        Block("continued", "line"),
        Block("", "line"),
        Block("", "line"),
        Block("End", "line"),
    ]


def test_markdown_blocks():
    text = (
        "---\ntitle: \"Solidarity with the dockers\"\ndate: 2021-11-03\n---\n"
        "# Solidarity with the **dockers** #\n\n"
        "The parties [condemn](https://example.org/x) the *repression*.\n"
        "- First demand\n"
        "  * nested demand\n"
        "+ Third demand\n"
        "1. Numbered point stays a line\n"
        "Signatories\n"
        "===========\n"
        "***\n"
        "#hashtag is not a heading\n"
    )
    blocks, front = markdown_blocks(text)
    assert front == {"title": "Solidarity with the dockers", "date": "2021-11-03"}
    assert blocks == [
        Block("Solidarity with the dockers", "heading"),
        Block("", "line"),
        Block("The parties condemn the repression.", "line"),
        Block("First demand", "item"),
        Block("nested demand", "item"),
        Block("Third demand", "item"),
        Block("1. Numbered point stays a line", "line"),
        Block("Signatories", "heading"),
        Block("", "break"),
        Block("#hashtag is not a heading", "line"),
    ]


def test_read_markdown_file_uses_front_matter(tmp_path):
    path = write(tmp_path / "notes" / "statement.md", "---\ntitle: On the strike\ndate: 2020-04-12\n---\n# On the strike\n\nText.\n")
    doc = read_source(path, tmp_path)
    assert (doc.doc_id, doc.source_file, doc.format) == ("notes/statement", "notes/statement.md", "md")
    assert doc.html_title == "On the strike"
    assert doc.html_meta == {"date": "2020-04-12"}
    assert [b.kind for b in doc.blocks] == ["heading", "line", "line"]


# --------------------------------------------------------------------------- read_source


def test_read_source_doc_id_and_hash_for_nested_file(tmp_path):
    data = "\u201cWorkers\u2019 rights\u201d\r\nSecond line   \r\n".encode("cp1252")
    path = write(tmp_path / "docs" / "AFG_45_1990.txt", data)
    doc = read_source(path, tmp_path)
    assert doc.doc_id == "docs/AFG_45_1990"
    assert doc.source_file == "docs/AFG_45_1990.txt"
    assert doc.encoding == "cp1252"
    assert doc.content_hash == hashlib.sha1(data).hexdigest()
    assert doc.blocks == [Block("\u201cWorkers\u2019 rights\u201d", "line"), Block("Second line", "line")]


def test_read_source_keeps_dots_in_names(tmp_path):
    path = write(tmp_path / "2017.05.10 statement.txt", "Text")
    assert read_source(path, tmp_path).doc_id == "2017.05.10 statement"


@pytest.mark.parametrize(
    "name, data, reason",
    [
        ("empty.txt", b"", "empty file"),
        ("blank.txt", b"  \r\n\t\n   ", "empty file"),
        ("bom-only.txt", b"\xef\xbb\xbf\n", "empty file"),
        ("image.txt", b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR\x00\x00\x01\x00" + bytes(range(256)) * 4, "binary file"),
        ("paper.txt", b"%PDF-1.7\n%\xe2\xe3\xcf\xd3\n1 0 obj\n<< /Type /Catalog >>\nendobj\n", "binary file"),
        ("archive.html", b"PK\x03\x04\x14\x00\x00\x00\x08\x00" + b"x" * 100, "binary file"),
        ("nuls.txt", b"text\x00with\x00many\x00nul\x00bytes\x00inside\x00it\x00", "binary file"),
        ("noise.txt", random.Random(3).randbytes(4000).replace(b"\x00", b"\x01"), "binary file"),
        ("script-only.html", b"<html><head><title>x</title><script>var a = 1;</script></head><body>"
                             b"<style>p{}</style><!-- nothing --></body></html>", "no text after removing markup"),
    ],
)
def test_read_source_rejects(tmp_path, name, data, reason):
    path = write(tmp_path / name, data)
    with pytest.raises(SourceError) as info:
        read_source(path, tmp_path)
    assert info.value.reason == reason
    assert info.value.path == path
    assert reason in str(info.value)


def test_read_source_forgives_trailing_nul_padding(tmp_path):
    path = write(tmp_path / "padded.txt", b"Statement text\n" + b"\x00" * 40)
    assert read_source(path, tmp_path).blocks == [Block("Statement text", "line")]


def test_read_source_unreadable_file(tmp_path, monkeypatch):
    path = write(tmp_path / "locked.txt", "secret")

    def denied(self):
        raise PermissionError(13, "Permission denied", str(self))

    monkeypatch.setattr(Path, "read_bytes", denied)
    with pytest.raises(SourceError) as info:
        read_source(path, tmp_path)
    assert info.value.reason == "cannot read file (permission denied)"


def test_read_source_rejects_unsupported_suffix_and_outside_root(tmp_path):
    path = write(tmp_path / "a" / "data.json", "{}")
    with pytest.raises(SourceError, match="unsupported file type .json"):
        read_source(path, tmp_path)
    other = write(tmp_path / "b" / "x.txt", "text")
    with pytest.raises(SourceError, match="not inside the source folder"):
        read_source(other, tmp_path / "a")


def test_read_source_html_page_saved_as_txt(tmp_path):
    path = write(tmp_path / "page.txt", "<!DOCTYPE html><html><head><title>Appeal | Site</title></head>"
                                        "<body><article><h1>Appeal</h1><p>Text of the appeal.</p></article></body></html>")
    doc = read_source(path, tmp_path)
    assert doc.format == "html"
    assert doc.html_title == "Appeal"
    assert doc.blocks == [Block("Appeal", "heading"), Block("Text of the appeal.", "paragraph")]


def test_read_source_plain_text_named_html_keeps_lines(tmp_path):
    path = write(tmp_path / "plain.html", "Statement\n\nFirst line\nSecond line\n")
    doc = read_source(path, tmp_path)
    assert doc.format == "txt"
    assert [b.text for b in doc.blocks] == ["Statement", "", "First line", "Second line"]


def test_read_source_legacy_html_fixture_with_declared_cp1252():
    path = FIXTURES / "legacy_statement.htm"
    doc = read_source(path, FIXTURES)
    assert (doc.doc_id, doc.format, doc.encoding) == ("legacy_statement", "html", "cp1252")
    assert doc.html_title == "Statement of the parties on the miners\u2019 strike"
    texts = [b.text for b in doc.blocks]
    assert texts[0] == "Statement of the parties on the miners\u2019 strike"
    assert "Home" not in texts and "Archive" not in texts
    assert not any("\u00a9" in t or "rights reserved" in t for t in texts)
    assert any("\u201cstrike committee\u201d" in t for t in texts)
    signed = texts.index("Signed:")
    assert doc.blocks[signed + 1:signed + 4] == [
        Block("Communist Party of Greece (KKE)", "line"),
        Block("Communist Party of Spain", "line"),
        Block("Party of Labour of Austria", "line"),
    ]


# --------------------------------------------------------------------------- sidecars


def test_sidecar_jsonl_keyed_by_file(tmp_path):
    write(tmp_path / "metadata.jsonl",
          json.dumps({"file": "docs/one.txt", "title": "One", "year": 2017}) + "\n"
          + json.dumps({"file": "two.html", "title": "Two"}) + "\n")
    one = write(tmp_path / "docs" / "one.txt", "x")
    two = write(tmp_path / "two.html", "<p>x</p>")
    three = write(tmp_path / "docs" / "three.txt", "x")
    sidecars = Sidecars.load(tmp_path)
    assert sidecars.row_for(one) == {"file": "docs/one.txt", "title": "One", "year": 2017}
    assert sidecars.row_for(two)["title"] == "Two"
    assert sidecars.row_for(three) == {}
    assert sidecars.warnings == []
    # the row reaches the SourceDoc, and is a copy
    doc = read_source(one, tmp_path, sidecars)
    assert doc.sidecar["title"] == "One"
    doc.sidecar["title"] = "changed"
    assert sidecars.row_for(one)["title"] == "One"


def test_sidecar_csv_keyed_by_id_converts_year_only(tmp_path):
    write(tmp_path / "metadata.csv", "id,title,year,session\nAFG_45_1990,Statement,1990,45\nnested/b,B,n.d.,\n")
    doc = write(tmp_path / "docs" / "AFG_45_1990.txt", "x")
    nested = write(tmp_path / "nested" / "b.md", "x")
    row = Sidecars.load(tmp_path).row_for(doc)
    assert row == {"id": "AFG_45_1990", "title": "Statement", "year": 1990, "session": "45"}
    assert Sidecars.load(tmp_path).row_for(nested) == {"id": "nested/b", "title": "B", "year": "n.d.", "session": ""}


def test_sidecar_csv_with_semicolons_and_capitalised_header(tmp_path):
    write(tmp_path / "metadata.csv", "\ufeffID;File;Title;Year\r\nx;docs/x.txt;\"Appeal; to the workers\";2003\r\n")
    doc = write(tmp_path / "docs" / "x.txt", "x")
    assert Sidecars.load(tmp_path).row_for(doc) == {
        "ID": "x", "File": "docs/x.txt", "Title": "Appeal; to the workers", "Year": 2003}


def test_sidecar_nested_folders_nearest_wins(tmp_path):
    write(tmp_path / "metadata.jsonl", json.dumps({"file": "parties/kke/a.txt", "source": "root"}) + "\n"
          + json.dumps({"file": "parties/kke/b.txt", "source": "root"}) + "\n")
    write(tmp_path / "parties" / "kke" / "metadata.jsonl", json.dumps({"file": "a.txt", "source": "kke"}) + "\n")
    a = write(tmp_path / "parties" / "kke" / "a.txt", "x")
    b = write(tmp_path / "parties" / "kke" / "b.txt", "x")
    sidecars = Sidecars.load(tmp_path)
    assert sidecars.row_for(a)["source"] == "kke"
    assert sidecars.row_for(b)["source"] == "root"
    # a path relative to the root works too
    assert sidecars.row_for(Path("parties/kke/a.txt"))["source"] == "kke"


def test_sidecar_jsonl_and_csv_merged_jsonl_wins(tmp_path):
    write(tmp_path / "metadata.jsonl", json.dumps({"id": "a", "file": "a.txt", "title": "From JSON", "year": 2001}) + "\n")
    write(tmp_path / "metadata.csv", "id,file,title,year,party\na,a.txt,From CSV,1999,KKE\nb,b.txt,Only CSV,2002,PCP\n")
    a = write(tmp_path / "a.txt", "x")
    b = write(tmp_path / "b.txt", "x")
    sidecars = Sidecars.load(tmp_path)
    assert sidecars.row_for(a) == {"id": "a", "file": "a.txt", "title": "From JSON", "year": 2001, "party": "KKE"}
    assert sidecars.row_for(b) == {"id": "b", "file": "b.txt", "title": "Only CSV", "year": 2002, "party": "PCP"}


def test_sidecar_bad_lines_are_warnings(tmp_path):
    write(tmp_path / "metadata.jsonl", '{"file": "a.txt", "title": "A"}\n{"file": "b.txt", "title": \n[1, 2]\n\n')
    a = write(tmp_path / "a.txt", "x")
    sidecars = Sidecars.load(tmp_path)
    assert sidecars.row_for(a) == {"file": "a.txt", "title": "A"}
    assert len(sidecars.warnings) == 2
    assert "line 2: invalid JSON" in sidecars.warnings[0]
    assert "line 3: not a JSON object" in sidecars.warnings[1]


def test_sidecar_bare_file_names_and_ambiguous_stems(tmp_path):
    write(tmp_path / "metadata.jsonl",
          json.dumps({"file": "unique.txt", "title": "U"}) + "\n"
          + json.dumps({"id": "same", "title": "S1"}) + "\n"
          + json.dumps({"file": "same.txt", "title": "S2"}) + "\n")
    unique = write(tmp_path / "docs" / "2019" / "unique.txt", "x")
    same = write(tmp_path / "docs" / "same.txt", "x")
    sidecars = Sidecars.load(tmp_path)
    assert sidecars.row_for(unique)["title"] == "U"  # a bare file name found in a subfolder
    assert sidecars.row_for(same) == {}  # two rows claim the stem "same": no guess


def test_sidecar_missing_root_is_empty(tmp_path):
    sidecars = Sidecars.load(tmp_path / "missing")
    assert sidecars.row_for(tmp_path / "missing" / "a.txt") == {}
    assert sidecars.warnings == []


@pytest.mark.skipif(not (CORPUS / "ungdc" / "metadata.jsonl").exists(),
                    reason="the shared corpus (../shared/corpus/ungdc) is not present")
def test_real_ungdc_sidecar():
    root = CORPUS / "ungdc"
    sidecars = Sidecars.load(root)  # its speed is measured by benchmarks/bench_build.py
    row = sidecars.row_for(root / "docs" / "AFG_45_1990.txt")
    assert row["country"] == "Afghanistan"
    assert row["year"] == 1990
    assert row["iso3"] == "AFG"
    assert sidecars.warnings == []
    doc = read_source(root / "docs" / "AFG_45_1990.txt", root, sidecars)
    assert doc.doc_id == "AFG_45_1990"  # the id the sidecar row gives
    assert doc.source_file == "docs/AFG_45_1990.txt"
    assert doc.content_hash == row["sha1"]


def test_readme_and_licence_files_are_not_statements(tmp_path):
    for name in ("README.md", "SOURCE_README.txt", "LICENSE.txt", "readme.txt", "statement.txt",
                 "readme_of_the_congress.txt"):
        (tmp_path / name).write_text("Some text here.\n", encoding="utf-8")
    names = [p.name for p in iter_source_files(tmp_path)]
    assert names == ["readme_of_the_congress.txt", "statement.txt"]


@pytest.mark.parametrize("text", [
    "Latin-1 only: caf\u00e9 na\u00efve \u00e0 la carte, r\u00e9sum\u00e9",
    "The workers\u2019 rights don\u2019t wait \u2013 caf\u00e9",
    "Col\u00b7lectiu d\u2019obrers catal\u00e0",
])
def test_short_western_texts_read_as_cp1252(text):
    decoded, encoding = decode_bytes(text.encode("cp1252"))
    assert (decoded, encoding) == (text, "cp1252")
