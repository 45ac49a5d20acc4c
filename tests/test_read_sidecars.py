"""Tests for indexer.read.sidecars and sidecar_rows: problems reported, rows refused, ids."""

from __future__ import annotations

import json
from pathlib import Path

from indexer.read.document import read_source
from indexer.read.sidecars import Sidecars


def write(path: Path, data: bytes | str) -> Path:
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_bytes(data.encode("utf-8") if isinstance(data, str) else data)
    return path


def jsonl(*rows: dict) -> str:
    return "".join(json.dumps(row) + "\n" for row in rows)


def test_a_row_whose_file_leaves_the_folder_is_refused_and_reported(tmp_path):
    write(tmp_path / "a.txt", "x")
    write(tmp_path / "metadata.jsonl", jsonl(
        {"id": "a", "file": "../../etc/passwd", "title": "Stolen"},
        {"file": "/etc/passwd", "title": "Absolute"},
        {"file": "docs/../../x.txt", "title": "Climbs"},
    ))
    sidecars = Sidecars.load(tmp_path)
    assert sidecars.row_for(tmp_path / "a.txt") == {}  # the refused row does not match by its id
    assert len(sidecars) == 0
    assert sidecars.warnings == [
        f"{tmp_path / 'metadata.jsonl'} line 1: file '../../etc/passwd' is outside the sidecar's folder; row refused",
        f"{tmp_path / 'metadata.jsonl'} line 2: file '/etc/passwd' is outside the sidecar's folder; row refused",
        f"{tmp_path / 'metadata.jsonl'} line 3: file 'docs/../../x.txt' is outside the sidecar's folder; row refused",
    ]


def test_a_row_naming_a_missing_file_is_reported(tmp_path):
    write(tmp_path / "a.txt", "x")
    write(tmp_path / "metadata.csv", "file,title\na.txt,A\ngone.txt,Gone\n")
    sidecars = Sidecars.load(tmp_path)
    assert sidecars.row_for(tmp_path / "a.txt") == {"file": "a.txt", "title": "A"}
    assert sidecars.warnings == [
        f"{tmp_path / 'metadata.csv'} line 3: names no document file in the source folder ('gone.txt')"]


def test_invalid_year_and_date_are_reported(tmp_path):
    write(tmp_path / "a.txt", "x")
    write(tmp_path / "b.txt", "x")
    write(tmp_path / "metadata.jsonl", jsonl(
        {"file": "a.txt", "year": "abc", "date": "someday"},
        {"file": "b.txt", "year": [1990], "date": "2019-09-30"},
    ))
    warnings = Sidecars.load(tmp_path).warnings
    assert warnings == [
        f"{tmp_path / 'metadata.jsonl'} line 1: year 'abc' is not a year; ignored",
        f"{tmp_path / 'metadata.jsonl'} line 1: date 'someday' is not a date; ignored",
        f"{tmp_path / 'metadata.jsonl'} line 2: year [1990] is not a year; ignored",
    ]


def test_a_sidecar_is_decoded_like_the_sources(tmp_path):
    write(tmp_path / "a.txt", "x")
    write(tmp_path / "metadata.csv", "file,title\na.txt,Déclaration commune\n".encode("cp1252"))
    sidecars = Sidecars.load(tmp_path)
    assert sidecars.row_for(tmp_path / "a.txt")["title"] == "Déclaration commune"
    assert sidecars.warnings == []


def test_an_undecodable_or_binary_sidecar_is_reported_not_read(tmp_path):
    write(tmp_path / "a.txt", "x")
    write(tmp_path / "metadata.jsonl", b"\x89PNG\r\n\x1a\n" + bytes(range(256)) * 4)
    write(tmp_path / "sub" / "b.txt", "x")
    write(tmp_path / "sub" / "metadata.csv", bytes(range(0, 32)) * 64)
    sidecars = Sidecars.load(tmp_path)
    assert len(sidecars) == 0
    assert sidecars.warnings == [
        f"{tmp_path / 'metadata.jsonl'}: binary file, not a sidecar; not read",
        f"{tmp_path / 'sub' / 'metadata.csv'}: binary file, not a sidecar; not read",
    ]


def test_a_sidecar_link_leading_outside_is_not_read(tmp_path):
    source = tmp_path / "source"
    write(source / "a.txt", "x")
    outside = write(tmp_path / "elsewhere.jsonl", jsonl({"file": "a.txt", "title": "Outside"}))
    (source / "metadata.jsonl").symlink_to(outside)
    sidecars = Sidecars.load(source)
    assert sidecars.row_for(source / "a.txt") == {}
    assert sidecars.warnings == [f"{source / 'metadata.jsonl'}: a link that leads outside the source folder; not read"]


# --------------------------------------------------------------------------- ids


def test_the_sidecar_id_is_the_statement_id(tmp_path):
    write(tmp_path / "docs" / "UK_natl_1955_en_Lab.txt", "Forward with Labour\n\nThe text.\n")
    write(tmp_path / "docs" / "plain.txt", "No row\n")
    write(tmp_path / "metadata.jsonl", jsonl(
        {"id": "UK_natl_1955_en_Lab", "file": "docs/UK_natl_1955_en_Lab.txt", "year": 1955}))
    sidecars = Sidecars.load(tmp_path)
    doc = read_source(tmp_path / "docs" / "UK_natl_1955_en_Lab.txt", tmp_path, sidecars)
    assert doc.doc_id == "UK_natl_1955_en_Lab"
    assert doc.source_file == "docs/UK_natl_1955_en_Lab.txt"
    assert read_source(tmp_path / "docs" / "plain.txt", tmp_path, sidecars).doc_id == "docs/plain"
    assert read_source(tmp_path / "docs" / "plain.txt", tmp_path).doc_id == "docs/plain"
    assert sidecars.warnings == []


def test_two_rows_giving_one_id_are_reported_and_keep_their_paths(tmp_path):
    for name in ("a", "b", "c"):
        write(tmp_path / "docs" / f"{name}.txt", "x")
    write(tmp_path / "metadata.jsonl", jsonl(
        {"id": "same", "file": "docs/a.txt"},
        {"id": "same", "file": "docs/b.txt"},
        {"id": "unique", "file": "docs/c.txt"},
    ))
    sidecars = Sidecars.load(tmp_path)
    ids = {name: read_source(tmp_path / "docs" / f"{name}.txt", tmp_path, sidecars).doc_id for name in "abc"}
    assert ids == {"a": "docs/a", "b": "docs/b", "c": "unique"}
    path = tmp_path / "metadata.jsonl"
    assert sidecars.warnings == [
        f"{path} line 1: id 'same' not used (another row gives the same id); the id is the path 'docs/a'",
        f"{path} line 2: id 'same' not used (another row gives the same id); the id is the path 'docs/b'",
    ]


def test_an_id_that_is_another_documents_path_id_is_refused(tmp_path):
    write(tmp_path / "a.txt", "x")
    write(tmp_path / "b.txt", "x")
    write(tmp_path / "metadata.jsonl", jsonl({"id": "a", "file": "b.txt"}))
    sidecars = Sidecars.load(tmp_path)
    assert read_source(tmp_path / "b.txt", tmp_path, sidecars).doc_id == "b"
    assert read_source(tmp_path / "a.txt", tmp_path, sidecars).doc_id == "a"
    assert sidecars.warnings == [f"{tmp_path / 'metadata.jsonl'} line 1: id 'a' not used "
                                 "(another document already has that id); the id is the path 'b'"]


def test_an_id_unfit_for_a_url_is_reported(tmp_path):
    write(tmp_path / "a.txt", "x")
    write(tmp_path / "metadata.jsonl", jsonl({"id": "../up?#", "file": "a.txt"}))
    sidecars = Sidecars.load(tmp_path)
    assert read_source(tmp_path / "a.txt", tmp_path, sidecars).doc_id == "a"
    assert sidecars.warnings == [f"{tmp_path / 'metadata.jsonl'} line 1: id '../up?#' cannot be a statement id; "
                                 "the id is the path 'a'"]


# --------------------------------------------------------------------------- in the build's report


def test_the_build_reports_links_and_sidecar_problems_and_indexes_nothing_outside(tmp_path):
    from indexer.write.build import build_index
    from indexer.store.reader import Snapshot

    source = tmp_path / "source"
    write(source / "docs" / "a.txt", "Workers' statement\n\nThe strike goes on.\n")
    secret = write(tmp_path / "outside" / "passwd.txt", "root:x:0:0 nologin\n")
    (source / "passwd.txt").symlink_to(secret)
    (source / "etc").symlink_to(tmp_path / "outside", target_is_directory=True)
    write(source / "metadata.jsonl", jsonl({"id": "A-1", "file": "docs/a.txt", "year": "abc"},
                                           {"file": "../../etc/passwd", "title": "x"}))
    report = build_index(source, tmp_path / "index", procs=1, progress=False)
    skipped = dict(report.skipped)
    outside = str((tmp_path / "outside").resolve())
    assert skipped["etc"] == f"a link to a folder outside the source folder ({outside}); not followed"
    assert skipped["passwd.txt"] == f"a link to a file outside the source folder ({outside}/passwd.txt); not followed"
    problems = [reason for name, reason in report.skipped if name == "metadata"]
    assert [p.split(": ", 1)[1] for p in problems] == [
        "year 'abc' is not a year; ignored",
        "file '../../etc/passwd' is outside the sidecar's folder; row refused",
    ]
    snap = Snapshot.open(tmp_path / "index")
    assert list(snap.documents) == ["A-1"]


# --------------------------------------------------------------------------- any bytes at all

from hypothesis import HealthCheck, given, settings  # noqa: E402
from hypothesis import strategies as st  # noqa: E402

_FUZZ = settings(max_examples=100, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
_KEYS = st.sampled_from(["file", "id", "doc_id", "path", "title", "year", "date", "party", "File", "Year", "x"])
_VALUES = st.recursive(
    st.none() | st.booleans() | st.integers() | st.floats() | st.text(max_size=30)
    | st.sampled_from(["a.txt", "../../etc/passwd", "/etc/passwd", "sub/b.md", "a", "abc", "1990", "", "."]),
    lambda inner: st.lists(inner, max_size=3) | st.dictionaries(st.text(max_size=5), inner, max_size=3),
    max_leaves=8,
)


def _load_with(tmp_path: Path, name: str, data: bytes) -> Sidecars:
    for old in tmp_path.glob("metadata.*"):
        old.unlink()
    write(tmp_path / "a.txt", "x")
    write(tmp_path / "sub" / "b.md", "x")
    write(tmp_path / name, data)
    sidecars = Sidecars.load(tmp_path)
    for doc in ("a.txt", "sub/b.md"):  # every lookup answers, whatever the rows were
        assert isinstance(sidecars.row_for(tmp_path / doc), dict)
        read_source(tmp_path / doc, tmp_path, sidecars)
    assert all(isinstance(w, str) for w in sidecars.warnings)
    return sidecars


@_FUZZ
@given(data=st.binary(max_size=2000), name=st.sampled_from(["metadata.jsonl", "metadata.csv"]))
def test_any_bytes_as_a_sidecar_never_raise(tmp_path, data, name):
    _load_with(tmp_path, name, data)


@_FUZZ
@given(rows=st.lists(st.dictionaries(_KEYS, _VALUES, max_size=6) | _VALUES, max_size=8))
def test_any_jsonl_rows_never_raise(tmp_path, rows):
    text = "".join(json.dumps(row) + "\n" for row in rows)
    _load_with(tmp_path, "metadata.jsonl", text.encode("utf-8"))


@_FUZZ
@given(header=st.lists(st.sampled_from(["file", "id", "title", "year", "date", "", "x;y", "a,b"]), max_size=5),
       cells=st.lists(st.lists(st.text(max_size=12) | st.sampled_from(["a.txt", "../x", "abc", "1990"]),
                               max_size=6), max_size=6),
       delimiter=st.sampled_from([",", ";", "\t", "|"]))
def test_any_csv_rows_never_raise(tmp_path, header, cells, delimiter):
    lines = [delimiter.join(header)] + [delimiter.join(row) for row in cells]
    _load_with(tmp_path, "metadata.csv", "\n".join(lines).encode("utf-8"))


def test_deeply_nested_json_is_an_invalid_line_not_a_crash(tmp_path):
    write(tmp_path / "a.txt", "x")
    write(tmp_path / "metadata.jsonl", "[" * 100_000 + "\n" + json.dumps({"file": "a.txt", "title": "A"}) + "\n")
    sidecars = Sidecars.load(tmp_path)
    assert sidecars.row_for(tmp_path / "a.txt")["title"] == "A"
    assert "line 1: invalid JSON" in sidecars.warnings[0]


def test_an_id_is_relative_to_its_sidecars_folder(tmp_path):
    for copy in ("copy1", "copy2"):  # the same corpus twice over, each with its sidecar
        write(tmp_path / copy / "docs" / "AFG_45_1990.txt", "x")
        write(tmp_path / copy / "metadata.jsonl", jsonl({"id": "AFG_45_1990", "file": "docs/AFG_45_1990.txt"}))
    sidecars = Sidecars.load(tmp_path)
    ids = [read_source(tmp_path / copy / "docs" / "AFG_45_1990.txt", tmp_path, sidecars).doc_id
           for copy in ("copy1", "copy2")]
    assert ids == ["copy1/AFG_45_1990", "copy2/AFG_45_1990"]
    assert sidecars.warnings == []


def test_an_update_reports_links_leading_outside_and_reads_nothing_there(tmp_path):
    from indexer.write.build import build_index
    from indexer.store.reader import Snapshot
    from indexer.write.update import update_index

    source = tmp_path / "source"
    write(source / "docs" / "a.txt", "Workers' statement\n\nThe strike goes on.\n")
    build_index(source, tmp_path / "index", procs=1, progress=False)
    secret = write(tmp_path / "outside" / "passwd.txt", "root:x:0:0 nologin\n")
    (source / "passwd.txt").symlink_to(secret)
    (source / "etc").symlink_to(tmp_path / "outside", target_is_directory=True)
    report = update_index(source, tmp_path / "index", progress=False)
    assert sorted(name for name, _ in report.skipped) == ["etc", "passwd.txt"]
    assert all(reason.endswith("; not followed") for _, reason in report.skipped)
    assert list(Snapshot.open(tmp_path / "index").documents) == ["docs/a"]
