"""The party registry: the parties of `indexer/data/parties.json`, their countries and
the indexes for resolving names (`resolve`) and finding mentions (`mentions`)."""

from __future__ import annotations

import json
from importlib import resources
from pathlib import Path

from indexer.model import Party
from indexer.registry.fuzzy import FuzzyMixin
from indexer.registry.mentions import MentionsMixin
from indexer.registry.names import clean_raw_name, normalise_name
from indexer.registry.resolve import ResolveMixin


class Registry(ResolveMixin, FuzzyMixin, MentionsMixin):
    """The parties of `parties.json`, with indexes for resolving names and finding mentions."""

    _default: Registry | None = None

    def __init__(self, data: dict) -> None:
        """Build the registry from the parsed JSON document (see `Registry.load`)."""
        self._parties: list[Party] = []
        self._by_id: dict[str, Party] = {}
        self._order: dict[str, int] = {}
        self._not_aliases: dict[str, set[str]] = {}
        self._countries: dict[str, str] = {}  # normalised country form -> country name
        self._country_forms: dict[str, list[str]] = {}  # country -> surface forms
        self._country_adjectives: dict[str, list[str]] = {}
        self._load_countries(data.get("countries", []))
        ambiguous = data.get("ambiguous_acronyms", {})
        self.preferred: dict[str, str] = {
            normalise_name(k): v for k, v in ambiguous.items() if k != "_" and v
        }
        self.ambiguous_acronyms: set[str] = {normalise_name(k) for k in ambiguous if k != "_"}
        self._mention_exclude = {normalise_name(x) for x in data.get("mention_exclude", [])}
        self._mention_exclude_raw = set(data.get("mention_exclude", []))
        self._mention_distinctive = set(data.get("mention_distinctive", []))

        for entry in data.get("parties", []):
            pid = entry["id"]
            if pid in self._by_id:
                raise ValueError(f"duplicate party id {pid!r}")
            country = entry.get("country", "")
            party = Party(
                id=pid,
                name=entry["name"],
                acronym=entry.get("acronym", ""),
                country=country,
                known=True,
                aliases=tuple(entry.get("aliases", [])),
            )
            self._order[pid] = len(self._parties)
            self._parties.append(party)
            self._by_id[pid] = party
            self._not_aliases[pid] = {normalise_name(x) for x in entry.get("not_aliases", [])}

        self._keys: dict[str, list[str]] = {}  # normalised form -> ids (explicit forms)
        self._generated: dict[str, list[str]] = {}  # adjective <-> "of Country" variants
        self._tier1: dict[tuple[str, str], list[str]] = {}  # ("communist party", "Italy")
        self._tier2: dict[tuple[str, str], list[str]] = {}  # base of "X of Country" / "Adj X"
        self._build_keys()
        self._resolve_cache: dict[tuple[str, str | None], Party] = {}
        self._mention_ready = False
        self._mention_keys_ready = False
        self._fuzzy_cache: list[tuple[str, str]] | None = None

    # ------------------------------------------------------------------ loading

    @classmethod
    def load(cls, path: str | Path) -> Registry:
        """Read a registry JSON file: {"countries": [...], "ambiguous_acronyms": {...},
        "mention_exclude": [...], "mention_distinctive": [...], "parties": [...]}.
        A bare list is taken as the parties alone."""
        data = json.loads(Path(path).read_text(encoding="utf-8"))
        if isinstance(data, list):
            data = {"parties": data}
        return cls(data)

    @classmethod
    def default(cls) -> Registry:
        """The registry shipped in the package (`indexer/data/parties.json`), loaded once."""
        if cls._default is None:
            text = resources.files("indexer").joinpath("data/parties.json").read_text(encoding="utf-8")
            cls._default = cls(json.loads(text))
        return cls._default

    def _load_countries(self, countries: list[dict]) -> None:
        for c in countries:
            name = c["name"]
            forms = [name, *c.get("aliases", [])]
            adjectives = list(c.get("adjectives", []))
            self._country_forms[name] = forms + adjectives
            self._country_adjectives[name] = adjectives
            for form in forms + adjectives:
                key = normalise_name(form)
                if key and key not in self._countries:
                    self._countries[key] = name

    def _add(self, table: dict, key, pid: str) -> None:
        ids = table.setdefault(key, [])
        if pid not in ids:
            ids.append(pid)

    def _build_keys(self) -> None:
        for party in self._parties:
            for form in self._forms(party):
                key = normalise_name(form)
                if key:
                    self._add(self._keys, key, party.id)
        claimed = set(self._keys)
        generated: dict[str, list[str]] = {}
        for party in self._parties:
            for form in self._forms(party):
                key = normalise_name(form)
                base, how = self._country_split(key, party.country)
                if base is not None:
                    self._add(self._tier2 if how == "bound" else self._tier1, (base, party.country), party.id)
                    if how == "bound":
                        for variant in self._variants(base, party.country):
                            if variant not in claimed and variant not in self._not_aliases[party.id]:
                                self._add(generated, variant, party.id)
                for raw_tier1 in self._tier1_forms(form, party.country):
                    self._add(self._tier1, (raw_tier1, party.country), party.id)
        self._generated = {k: v for k, v in generated.items() if len(v) == 1}

    @staticmethod
    def _forms(party: Party) -> list[str]:
        forms = [party.name]
        if party.acronym:
            forms.append(party.acronym)
        forms.extend(party.aliases)
        return forms

    def _country_split(self, key: str, country: str | None) -> tuple[str | None, str]:
        """Split "communist party of greece" / "greek communist party" into the base
        ("communist party", "bound") when the country named is `country` (any country
        when `country` is None); (None, "") when no country is bound to the name."""
        base, found = self._bound_country(key)
        if base is not None and (country is None or found == country):
            return base, "bound"
        return None, ""

    def _bound_country(self, key: str) -> tuple[str | None, str | None]:
        """("communist party", "Greece") for "communist party of greece" or "greek
        communist party"; (None, None) when the key names no country at its end or start."""
        words = key.split()
        for n in (4, 3, 2, 1):
            if len(words) > n + 1 and words[-n - 1] == "of":
                c = self._countries.get(" ".join(words[-n:]))
                if c:
                    return " ".join(words[: -n - 1]), c
        for n in (4, 3, 2, 1):
            if len(words) > n:
                c = self._countries.get(" ".join(words[:n]))
                if c:
                    return " ".join(words[n:]), c
        return None, None

    def _tier1_forms(self, form: str, country: str) -> list[str]:
        """The base of "Communist Party (Italy)", "Communist Party, Italy" or
        "Communist Party - Italy" when the suffix is the party's own country."""
        parts = self._split(clean_raw_name(form))
        if parts.country == country and not parts.tags:
            base = normalise_name(parts.name)
            return [base] if base else []
        return []

    def _variants(self, base: str, country: str) -> list[str]:
        """ "<adjective> <base>", "<country name> <base>" and "<base> of <country form>"."""
        out = []
        for form in self._country_forms.get(country, []):
            f = normalise_name(form)
            if not f:
                continue
            out.append(f"{f} {base}")
            if form not in self._country_adjectives.get(country, []):
                out.append(f"{base} of {f}")
        return out

    # ------------------------------------------------------------------ lookups

    def get(self, party_id: str) -> Party | None:
        """The registry party with this id, or None."""
        return self._by_id.get(party_id)

    def all(self) -> list[Party]:
        """Every registry party, in registry order."""
        return list(self._parties)

    def __len__(self) -> int:
        return len(self._parties)

    def country(self, text: str) -> str | None:
        """The canonical country of a country name, other name or adjective ("Greek",
        "UK", "Viet Nam", "Türkiye"); None when the registry does not know it."""
        return self._countries.get(normalise_name(text or ""))

    def key_ids(self, key: str) -> list[str]:
        """The ids whose name, acronym or alias normalises to `key` (explicit forms first,
        then the generated adjective/"of Country" variants)."""
        return list(self._keys.get(key) or self._generated.get(key) or [])
