"""Tests of indexer.trie_regex: one regular expression for many names."""

from __future__ import annotations

import re

from indexer.trie_regex import RegexTrie


def _rx(names, ends=None, render=None):
    trie = RegexTrie(render)
    for name in names:
        trie.add([re.escape(c) for c in name] if render is None else name)
    return re.compile(trie.pattern(ends or {"": r"(?!\w)"}))


def test_longer_name_is_tried_before_the_shorter_it_extends():
    rx = _rx(["kke", "kkel", "akel"])
    assert [m.group(0) for m in rx.finditer("kke and kkel and akel, not kkelx")] == ["kke", "kkel", "akel"]


def test_shared_prefixes_are_written_once_and_siblings_sorted():
    trie = RegexTrie()
    for name in ("ab", "ac", "a"):
        trie.add(list(name))
    assert trie.pattern({"": "$"}) == "a(?:b$|c$|$)"


def test_first_end_marker_present_wins_and_symbols_are_rendered():
    trie = RegexTrie(lambda s: {"_": r"[\s\-]+"}.get(s) or re.escape(s))
    trie.add("trade_union", "word")
    trie.add("strik", "prefix")
    trie.add("strik", "word")
    rx = re.compile(trie.pattern({"prefix": r"\w*", "word": r"(?!\w)"}))
    assert [m.group(0) for m in rx.finditer("trade-union strikes, trade  union striking")] == [
        "trade-union", "strikes", "trade  union", "striking"]


def test_empty_trie_is_false():
    assert not RegexTrie()
