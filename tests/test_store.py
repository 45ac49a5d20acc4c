"""The index directory: generations, the atomic `current` swap and the build lock."""

from __future__ import annotations

import os

import pytest

from indexer.store import generations as store


def test_no_index_yet(tmp_path):
    assert store.current_generation(tmp_path / "index") is None
    with pytest.raises(store.IndexMissing, match="python -m indexer build"):
        store.require_generation(tmp_path / "index")


def test_publish_swaps_current_and_prunes_old(tmp_path):
    index = tmp_path / "index"
    first = store.new_generation(index)
    store.publish(index, first)
    assert store.current_generation(index) == first.resolve()
    second = store.new_generation(index)
    store.publish(index, second, keep=1)
    assert store.current_generation(index) == second.resolve()
    assert first.exists()  # one older generation is kept for readers still using it
    third = store.new_generation(index)
    store.publish(index, third, keep=1)
    assert store.current_generation(index) == third.resolve()
    assert not first.exists()
    assert second.exists()
    assert os.readlink(index / "current") == third.name


def test_second_lock_says_a_build_is_running(tmp_path):
    index = tmp_path / "index"
    with store.BuildLock(index):
        with pytest.raises(store.BuildRunning, match="already running"):
            with store.BuildLock(index, timeout=0.3):
                pass
    # released: a new lock is granted at once
    with store.BuildLock(index):
        pass


def test_documents_roundtrip(tmp_path):
    gen = store.new_generation(tmp_path / "index")
    store.write_documents(gen, {"documents": {"a": {"title": "Ü “quoted”"}}})
    data = store.read_documents(gen)
    assert data["format"] == store.FORMAT_VERSION
    assert data["documents"]["a"]["title"] == "Ü “quoted”"
