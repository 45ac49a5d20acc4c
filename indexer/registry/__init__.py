"""The party registry, shared by extraction and search: party-name normalisation, name resolution and parties mentioned.

The registry (`indexer/data/parties.json`) lists the parties of the International Meeting
of Communist and Workers' Parties with their canonical English name, acronym, country and
aliases (other English forms, native names, older names). It also lists the countries the
parties belong to, with their other names and adjectives, the acronyms that more than one
party holds, and the surface forms that are never taken for a mention in running text.

Public functions and classes:

    normalise_name(text) -> str
        the matching key of a party name: case-folded, ASCII, no punctuation, "CP"
        expanded, possessives and "the" removed.
    Registry.default() -> Registry            the packaged registry (loaded once)
    Registry.load(path) -> Registry           a registry from a JSON file
    Registry.get(id) -> Party | None
    Registry.all() -> list[Party]
    Registry.country(text) -> str | None      "Greek", "UK", "Viet Nam" -> canonical country
    Registry.resolve(raw, country=None) -> Party
        a signatory name as written -> the registry party, or an unknown Party
        (known=False) kept under its own tidied name and a stable slug id.
    Registry.resolve_query(term) -> list[str]
        the ids a search term (name, alias, acronym, id) stands for; every holder of an
        ambiguous acronym.
    Registry.find_mentions(text) -> list[Party]
        registry parties named in running text, in order of first mention.
    resolve(raw, country=None), resolve_query(term), find_mentions(text)
        the same on the default registry.

Ambiguous acronyms ("CPB": Britain, Bangladesh, Belarus; "PCP": Portugal, Paraguay,
Peru; ...) are settled by a country given with the name ("PCP (Portugal)") or by the
name itself ("Portuguese Communist Party (PCP)"). A bare ambiguous acronym resolves to a
party only where the registry names a preferred holder ("DKP" -> the German Communist
Party); otherwise it stays unknown, so no wrong party is ever picked.
"""

from __future__ import annotations

from indexer.model import Party
from indexer.registry.names import clean_raw_name, normalise_name, slugify
from indexer.registry.registry import Registry

__all__ = [
    "Registry",
    "clean_raw_name",
    "normalise_name",
    "slugify",
    "resolve",
    "resolve_query",
    "find_mentions",
]


def resolve(raw: str, country: str | None = None) -> Party:
    """`Registry.default().resolve(raw, country)`."""
    return Registry.default().resolve(raw, country)


def resolve_query(term: str) -> list[str]:
    """`Registry.default().resolve_query(term)`."""
    return Registry.default().resolve_query(term)


def find_mentions(text: str) -> list[Party]:
    """`Registry.default().find_mentions(text)`."""
    return Registry.default().find_mentions(text)
