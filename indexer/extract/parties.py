"""The party registry: party-name normalisation, name resolution and parties mentioned.

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

import difflib
import json
import re
import unicodedata
from dataclasses import dataclass, field
from importlib import resources
from pathlib import Path

from indexer.model import Party

__all__ = [
    "Registry",
    "normalise_name",
    "slugify",
    "resolve",
    "resolve_query",
    "find_mentions",
]

# --------------------------------------------------------------------------- normalisation

_APOSTROPHES = "'’‘`´ʼʹ′＇"
_QUOTES = '"“”„‟«»‹›″'
_DASHES = "-‐‑‒–—―−"

# Letters that NFKD does not split into base letter + mark.
_SPECIAL_LETTERS = {
    "ø": "o", "æ": "ae", "œ": "oe", "đ": "d", "ł": "l", "ı": "i", "ß": "ss", "þ": "th",
    "ð": "d", "ħ": "h",
}

# Abbreviations used in party names, expanded token by token.
ABBREVIATIONS = {
    "cp": "communist party",
    "cps": "communist parties",
    "wp": "workers party",
    "com": "communist",
    "comm": "communist",
    "labor": "labour",
}

_APOS_CLASS = "[" + re.escape(_APOSTROPHES) + "]"
_RE_TRAILING_POSSESSIVE = re.compile(_APOS_CLASS + r"s?\s*$")
_RE_APOS_S = re.compile(r"(?<=\w)" + _APOS_CLASS + r"(?=s\b)")
_RE_APOS_END = re.compile(r"(?<=\w)" + _APOS_CLASS + r"(?=\W|$)")
_RE_NON_WORD = re.compile(r"[^\w]+|_")
_RE_LETTER_DIGIT = re.compile(r"(?<=[^\W\d_])(?=\d)|(?<=\d)(?=[^\W\d_])")


def _fold(text: str) -> str:
    """Case-fold and strip diacritics; every other character is kept."""
    text = unicodedata.normalize("NFKC", text).casefold()
    text = "".join(_SPECIAL_LETTERS.get(ch, ch) for ch in text)
    decomposed = unicodedata.normalize("NFKD", text)
    return "".join(ch for ch in decomposed if not unicodedata.combining(ch))


def normalise_name(text: str) -> str:
    """The matching key of a party name.

    Takes any party name as written and returns lower-case ASCII-folded words separated
    by single spaces: diacritics stripped, apostrophes and possessives unified
    ("Workers' Party" == "Worker's Party" == "Workers Party" -> "workers party"), quotes,
    dashes, brackets and other punctuation dropped, dotted or spaced single letters joined
    ("C.P." -> "cp"), letters and digits split ("PKP1930" -> "pkp 1930"), abbreviations
    expanded ("CP" -> "communist party", "WP" -> "workers party", "Labor" -> "labour"),
    and every standalone "the" removed. "" for text without letters or digits.
    """
    if not text:
        return ""
    text = _RE_TRAILING_POSSESSIVE.sub("", text) if re.search(r"\w" + _APOS_CLASS + r"s?\s*$", text) else text
    text = _RE_APOS_S.sub("", text)
    text = _RE_APOS_END.sub("", text)
    text = text.replace("&", " and ")
    text = _fold(text)
    text = _RE_NON_WORD.sub(" ", text)
    text = _RE_LETTER_DIGIT.sub(" ", text)
    tokens = text.split()
    joined: list[str] = []
    run: list[str] = []
    for tok in tokens + [""]:
        if len(tok) == 1 and tok.isalpha():
            run.append(tok)
            continue
        if run:
            joined.append("".join(run) if len(run) > 1 else run[0])
            run = []
        if tok:
            joined.append(tok)
    out: list[str] = []
    for tok in joined:
        if tok == "the":
            continue
        out.append(ABBREVIATIONS.get(tok, tok))
    return " ".join(out)


def slugify(text: str) -> str:
    """A lower-case ASCII slug of a name: its normalised words joined by "-"."""
    return normalise_name(text).replace(" ", "-")


# --------------------------------------------------------------------------- raw-name tidying

_RE_LEAD_NOISE = re.compile(
    r"^\s*(?:"
    r"[\-‐‑‒–—―−•·∙*▪◦‣○●■□➢►>+~]+"  # bullets and dashes
    r"|\(?\d{1,3}[.)\]:]+"  # 1.  1)  (1)  1:
    r"|\(?[a-z][.)](?=\s)"  # a)  (b)  c.
    r"|\(?(?:[ivx]{1,5}|[IVX]{2,5})[.)](?=\s)"  # iv.  (ii)  III.
    r"|and\b|&"  # the last item of a comma list
    r")\s*"
)
_RE_TRAIL_NOISE = re.compile(r"[\s,;:.*†‡¹²³•·]+$")
_RE_SPACES = re.compile(r"\s+")
_QUOTE_TABLE = str.maketrans({q: '"' for q in _QUOTES} | {a: "'" for a in _APOSTROPHES})


def clean_raw_name(raw: str) -> str:
    """The name as written, with list markers, bullets, quotes around it and trailing
    punctuation removed, apostrophes and quotes made straight, whitespace collapsed."""
    text = _RE_SPACES.sub(" ", (raw or "").translate(_QUOTE_TABLE)).strip()
    for _ in range(3):
        before = text
        text = _RE_LEAD_NOISE.sub("", text, count=1)
        text = _RE_TRAIL_NOISE.sub("", text)
        if len(text) >= 2 and text[0] == text[-1] == '"':
            text = text[1:-1].strip()
        if text.startswith('"') and text.count('"') == 1:
            text = text[1:].strip()
        if text.endswith('"') and text.count('"') == 1:
            text = text[:-1].strip()
        if text == before:
            break
    # keep a closing bracket that the trailing-noise rule may have exposed
    return text


_SMALL_WORDS = {"of", "the", "and", "in", "for", "de", "del", "la", "le", "les", "du", "des", "di", "dei",
                "der", "von", "na", "ng", "e", "y", "i", "do", "da", "dos", "das", "al", "el", "en", "an"}


def _tidy_case(name: str) -> str:
    """Title-case a name of several words written all in capitals, or one written all in
    lower case ("COMMUNIST PARTY OF ATLANTIS" -> "Communist Party of Atlantis"); any
    other name is returned as written."""
    letters = [c for c in name if c.isalpha()]
    if not letters:
        return name
    shouting = all(c.isupper() for c in letters) and len(name.split()) > 1
    if not shouting and not all(c.islower() for c in letters):
        return name
    out = []
    for i, w in enumerate(name.lower().split(" ")):
        out.append(w if i > 0 and w in _SMALL_WORDS else w[:1].upper() + w[1:])
    return " ".join(out)


# --------------------------------------------------------------------------- name parts

_ACRONYM_SHAPE = re.compile(r"^[^\W_][\w\-./&()'’ ]{0,14}$")


def _looks_like_acronym(text: str) -> bool:
    """True for "KKE", "PCdoB", "PKP 1930", "CPI(M)", "KPÖ": short, at least two capitals."""
    text = text.strip()
    if not text or len(text) > 15 or not _ACRONYM_SHAPE.match(text):
        return False
    words = text.split()
    if len(words) > 2:
        return False
    upper = sum(1 for c in text if c.isupper())
    return upper >= 2 and upper * 2 >= sum(1 for c in text if c.isalpha())


_RE_COUNTRY_PREFIX = re.compile(r"^\s*([^\W\d][^:–—-]{1,40}?)\s*(?:[:–—]|\s-)\s+(.+)$")
_RE_DASH_SUFFIX = re.compile(r"^(.*?\S)\s*[" + _DASHES + r"]\s*([^" + _DASHES + r"]+)$")
_RE_COMMA_SUFFIX = re.compile(r"^(.*?\S)\s*,\s*([^,]+)$")
_RE_INNER_BRACKET = re.compile(r"\s*[(\[]([^()\[\]]{1,40})[)\]]")


@dataclass
class _Parts:
    """A raw name split into the name proper and its bracket, comma or dash suffixes."""

    name: str
    country: str | None = None
    tags: list[str] = field(default_factory=list)  # acronyms or aliases given beside the name


# --------------------------------------------------------------------------- mention patterns

# Words that alone never make a party name distinctive in running text.
_GENERIC_WORDS = set(
    """
    communist communists party parties workers worker working labour people peoples popular
    socialist socialists socialism front movement union new revolutionary democratic democracy
    progressive unified united left national liberation of and in for a an to way path
    independence alliance federation league congress organisation organization committee
    marxist leninist maoist centre center republic soviet
    partido partito parti partei partij partia partiya partit comunista communiste
    kommunistische kommunistisk kommunistiska komunista komunisticka de del la le les du des di
    dei der die dos do da das
    """.split()
)

_SEP = r"[\s\-‐‑–—'’.()\[\]/]+"
_GAP = _SEP + r"(?:the" + _SEP + r")?"
_CP = r"(?:communist" + _SEP + r"party|cp)"

class _Trie:
    """A character trie of pattern symbols, written out as one regular expression whose
    alternatives share their prefixes (so matching cost does not grow with the number of
    names) and try longer names before shorter ones."""

    END = ""

    def __init__(self) -> None:
        self.root: dict[str, dict] = {}

    def add(self, symbols: list[str]) -> None:
        node = self.root
        for sym in symbols:
            node = node.setdefault(sym, {})
        node[self.END] = {}

    def pattern(self, end: str) -> str:
        return self._node(self.root, end)

    def _node(self, node: dict[str, dict], end: str) -> str:
        branches = []
        has_end = False
        for sym in sorted(node):
            if sym == self.END:
                has_end = True
                continue
            branches.append(sym + self._node(node[sym], end))
        if has_end:
            branches.append(end)
        if len(branches) == 1:
            return branches[0] if not has_end or branches[0] != end else end
        return "(?:" + "|".join(branches) + ")"


def _name_symbols(key: str, letter_classes: dict[str, str]) -> list[str]:
    """Pattern symbols of a normalised name key for the name pass, which runs on
    lower-cased text: words joined by any spaces, dashes or dots (with an optional "the"
    between them), "communist party" also written "cp", a final "s" with an optional
    apostrophe either side ("workers", "worker's", "workers’"), "labour" also "labor",
    and each letter also in the accented forms the registry's names use."""
    words = key.split()
    symbols: list[str] = []

    def letters(text: str) -> list[str]:
        return [letter_classes.get(c, re.escape(c)) for c in text]

    i = 0
    while i < len(words):
        if i > 0:
            symbols.append(_GAP)
        if words[i] == "communist" and i + 1 < len(words) and words[i + 1] == "party":
            symbols.append(_CP)
            i += 2
            continue
        w = words[i]
        if len(w) >= 4 and w.endswith("s"):
            symbols.extend(letters(w[:-1]))
            symbols.append("['’]?s['’]?")
        elif w == "labour":
            symbols.extend(letters("labo"))
            symbols.append("u?r")
        else:
            symbols.extend(letters(w))
        i += 1
    return symbols


def _letter_classes(forms: list[str]) -> dict[str, str]:
    """For each ASCII letter, a regex class of it and the lower-case accented letters
    that fold to it in `forms` ("e" -> "[eéë]"); letters without variants are left out."""
    variants: dict[str, set[str]] = {}
    for form in forms:
        for ch in form.lower():
            if ch.isascii() or not ch.isalpha():
                continue
            base = _fold(ch)
            if len(base) == 1 and base.isascii() and base.isalpha():
                variants.setdefault(base, set()).add(ch)
    return {b: "[" + re.escape(b + "".join(sorted(v))) + "]" for b, v in variants.items()}


# --------------------------------------------------------------------------- the registry


class Registry:
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

    def alias_count(self) -> int:
        """How many distinct matching keys (names, acronyms, aliases) the registry holds."""
        return len(self._keys)

    # ------------------------------------------------------------------ resolving

    def resolve(self, raw: str, country: str | None = None) -> Party:
        """Resolve a party name as written in a signatory list.

        `raw` may carry list numbers, bullets and trailing punctuation, an acronym in
        brackets or after a dash, a country after a comma, a dash or in brackets;
        `country` is a country given apart from the name (e.g. a table column). Returns
        the registry Party, or, when the registry lacks the party or the name is an
        ambiguous acronym with no country, an unknown Party (known=False) whose id is the
        slug of the cleaned name (plus the country, when one was given apart), whose name
        is the cleaned name and whose acronym is the bracketed acronym, if any.
        Text with no letters or digits (a stray "1." or bullet) gives a Party with an
        empty id, which callers drop.
        """
        cache_key = (raw, country)
        hit = self._resolve_cache.get(cache_key)
        if hit is not None:
            return hit
        text = clean_raw_name(raw)
        if not normalise_name(text):
            return Party(id="", name=(raw or "").strip(), known=False)
        country_hint = self.country(country) if country else None
        text, country_hint = self._country_prefix(text, country_hint)
        party = self._match(text, country_hint)
        if party is None:
            party = self._unknown(text, country_hint or (country.strip() if country else None))
        if len(self._resolve_cache) < 100_000:
            self._resolve_cache[cache_key] = party
        return party

    def _country_prefix(self, text: str, country_hint: str | None) -> tuple[str, str | None]:
        """Lists written country first ("Algeria – Algerian Party for Democracy and
        Socialism (PADS)", "Greece: KKE"): the country becomes the hint, the rest the name."""
        m = _RE_COUNTRY_PREFIX.match(text)
        if m:
            c = self.country(m.group(1))
            if c and normalise_name(m.group(2)):
                return m.group(2).strip(), country_hint or c
        return text, country_hint

    def resolve_query(self, term: str) -> list[str]:
        """The registry ids a search term stands for: an id ("kke-gr"), an acronym in any
        case ("kke", "CPB" -> every holder), a name or alias in any spelling. [] when the
        term names no registry party."""
        term = (term or "").strip()
        if not term:
            return []
        if term in self._by_id:
            return [term]
        key = normalise_name(clean_raw_name(term))
        ids = self.key_ids(key)
        if ids:
            return sorted(ids, key=self._order.__getitem__)
        if not key:
            return []
        party = self._match(clean_raw_name(term), None)
        return [party.id] if party is not None else []

    def _split(self, text: str) -> _Parts:
        """Peel brackets, comma and dash suffixes off a cleaned name: countries become
        `country`, acronyms and known aliases become `tags`; anything else stays in the
        name ("Communist Party of India (Marxist)")."""
        parts = _Parts(name=text)
        name = text
        for _ in range(6):
            peeled = False
            stripped = name.rstrip()
            if stripped.endswith((")", "]")):
                close = stripped[-1]
                opener = "(" if close == ")" else "["
                depth, start = 0, -1
                for i in range(len(stripped) - 1, -1, -1):
                    if stripped[i] == close:
                        depth += 1
                    elif stripped[i] == opener:
                        depth -= 1
                        if depth == 0:
                            start = i
                            break
                if start > 0:
                    inner = stripped[start + 1 : -1].strip()
                    if self._take_suffix(parts, inner):
                        name = stripped[:start].rstrip(" ,;-–—")
                        peeled = True
            if not peeled:
                m = _RE_COMMA_SUFFIX.match(name)
                if m and self._take_suffix(parts, m.group(2).strip()):
                    name = m.group(1)
                    peeled = True
            if not peeled:
                m = _RE_DASH_SUFFIX.match(name)
                if m and self._take_suffix(parts, m.group(2).strip()):
                    name = m.group(1)
                    peeled = True
            if not peeled:
                break
        # brackets inside the name: "Socialist Movement (SM) of Kazakhstan"
        for m in list(_RE_INNER_BRACKET.finditer(name)):
            inner = m.group(1).strip()
            if self.country(inner) or _looks_like_acronym(inner) or self.key_ids(normalise_name(inner)):
                self._take_suffix(parts, inner)
                name = name.replace(m.group(0), "", 1)
        parts.name = _RE_SPACES.sub(" ", name).strip()
        return parts

    def _take_suffix(self, parts: _Parts, inner: str) -> bool:
        if not inner:
            return False
        c = self.country(inner)
        if c:
            if parts.country is None:
                parts.country = c
            return True
        if _looks_like_acronym(inner) or self.key_ids(normalise_name(inner)):
            parts.tags.append(inner)
            return True
        return False

    def _match(self, text: str, country_hint: str | None) -> Party | None:
        """The registry party `text` names, or None."""
        key = normalise_name(text)
        ids = self.key_ids(key)
        if ids:
            chosen = self._choose(ids, country_hint, bare_acronym=key)
            if chosen:
                return self._by_id[chosen]
        parts = self._split(text)
        country = country_hint or parts.country
        name_key = normalise_name(parts.name)
        name_ids = self.key_ids(name_key) if name_key else []
        if parts.name != text and name_ids and len(name_ids) == 1 and not parts.tags:
            return self._by_id[name_ids[0]]
        if not name_ids and country and name_key:
            name_ids = list(self._tier1.get((name_key, country)) or self._tier2.get((name_key, country)) or [])
        if not name_ids and name_key:
            # "NCP of Britain", "Austrian CP": an acronym or generic name bound to a country
            base, bound = self._bound_country(name_key)
            if base and bound and (country is None or country == bound):
                name_ids = [p for p in self.key_ids(base) if self._by_id[p].country == bound] or list(
                    self._tier1.get((base, bound)) or self._tier2.get((base, bound)) or []
                )
                country = bound
        tag_ids: list[str] = []
        for tag in parts.tags:
            for pid in self.key_ids(normalise_name(tag)):
                if pid not in tag_ids:
                    tag_ids.append(pid)
        blocked = {key, name_key}
        name_ids = [p for p in name_ids if not (self._not_aliases[p] & blocked)]
        cands = name_ids
        if cands and tag_ids:
            both = [p for p in cands if p in tag_ids]
            if both:
                cands = both
        elif not cands and not name_key:
            cands = tag_ids
        elif not cands and tag_ids:
            # the name is unknown but the bracket names a party: take it when the name
            # is that party's name misspelt, or the name says nothing else
            fuzzy = self._fuzzy(parts.name, country, restrict=tag_ids)
            if fuzzy:
                return self._by_id[fuzzy]
            return None
        if cands:
            bare = name_key if not parts.tags else (normalise_name(parts.tags[0]) if not name_key else "")
            chosen = self._choose(cands, country, bare_acronym=bare)
            return self._by_id[chosen] if chosen else None
        if name_key:
            fuzzy = self._fuzzy(parts.name, country)
            if fuzzy:
                return self._by_id[fuzzy]
        return None

    def _choose(self, ids: list[str], country: str | None, bare_acronym: str = "") -> str | None:
        """One id out of candidates: the only one, the only one of `country`, or the
        registry's preferred holder of a bare ambiguous acronym; None if still ambiguous."""
        if len(ids) == 1:
            return ids[0]
        if country:
            same = [p for p in ids if self._by_id[p].country == country]
            if len(same) == 1:
                return same[0]
            if same:
                ids = same
        if not country and bare_acronym and bare_acronym in self.preferred:
            pref = self.preferred[bare_acronym]
            if pref in ids:
                return pref
        return None

    # ------------------------------------------------------------------ fuzzy fallback

    _FUZZY_STOP = {"of", "and", "in", "for", "de", "del", "la", "the"}

    def _fuzzy(self, name: str, country: str | None, restrict: list[str] | None = None) -> str | None:
        """The party whose name or alias is a small spelling slip away from `name`.

        Only multi-word keys of at least 10 characters take part; every word of the one
        must have a close counterpart in the other (so "New Communist Party of Britain" is
        never "Communist Party of Britain"), a country named in `name` must be the
        party's, and the best match must clearly beat the best other party."""
        key = normalise_name(name)
        if len(key) < 10 or " " not in key:
            return None
        words = key.split()
        named_country = country
        if named_country is None:
            for n in (3, 2, 1):
                for i in range(len(words) - n + 1):
                    c = self._countries.get(" ".join(words[i : i + n]))
                    if c:
                        named_country = c
                        break
                if named_country:
                    break
        pool = set(restrict or self._by_id)
        if named_country:
            pool = {p for p in pool if self._by_id[p].country == named_country}
        scored: dict[str, float] = {}
        matcher = difflib.SequenceMatcher(autojunk=False)
        matcher.set_seq2(key)
        for pid, cand in self._fuzzy_keys():
            if pid not in pool:
                continue
            matcher.set_seq1(cand)
            if matcher.real_quick_ratio() < 0.88 or matcher.quick_ratio() < 0.88:
                continue
            ratio = matcher.ratio()
            if ratio < 0.88 or not self._words_pair(words, cand.split()):
                continue
            if ratio > scored.get(pid, 0.0):
                scored[pid] = ratio
        if not scored:
            return None
        ranked = sorted(scored.items(), key=lambda kv: -kv[1])
        if len(ranked) > 1 and ranked[0][1] - ranked[1][1] < 0.03:
            return None
        return ranked[0][0]

    def _fuzzy_keys(self) -> list[tuple[str, str]]:
        """(id, key) for every multi-word key of at least 10 characters."""
        if self._fuzzy_cache is None:
            out = []
            for key, ids in list(self._keys.items()) + list(self._generated.items()):
                if len(key) >= 10 and " " in key:
                    out.extend((pid, key) for pid in ids if key not in self._not_aliases[pid])
            self._fuzzy_cache = out
        return self._fuzzy_cache

    def _words_pair(self, a: list[str], b: list[str]) -> bool:
        """True when every content word of each list has a close word in the other, and
        country words agree exactly."""
        def close(w: str, others: list[str]) -> bool:
            if w in others:
                return True
            if self._countries.get(w):
                return False
            return any(
                len(w) > 3 and len(o) > 3 and difflib.SequenceMatcher(None, w, o).ratio() >= 0.8 for o in others
            )

        a_c = [w for w in a if w not in self._FUZZY_STOP]
        b_c = [w for w in b if w not in self._FUZZY_STOP]
        return all(close(w, b_c) for w in a_c) and all(close(w, a_c) for w in b_c)

    # ------------------------------------------------------------------ unknown parties

    def _unknown(self, text: str, country: str | None) -> Party:
        """A Party for a name the registry lacks: id = slug of the name without its
        bracketed acronym (plus the country when one was given beside the name and the
        name does not say it), name = the cleaned name, acronym = the bracketed acronym
        (or the name itself when it is a bare acronym), known=False."""
        parts = self._split(text)
        acronym = next((t for t in parts.tags if _looks_like_acronym(t)), "")
        name = parts.name
        if not normalise_name(name):
            name = acronym or text
        if name == text and not parts.tags and _looks_like_acronym(text):
            acronym = text
        country_final = country or parts.country or ""
        pid = slugify(name)
        if country_final:
            name_key = f" {normalise_name(name)} "
            forms = self._country_forms.get(country_final, [country_final])
            if not any(f" {normalise_name(f)} " in name_key for f in forms if normalise_name(f)):
                pid = f"{pid}-{slugify(country_final)}"
        return Party(id=pid, name=_tidy_case(name), acronym=acronym, country=country_final, known=False)

    # ------------------------------------------------------------------ mentions

    def _prepare_mentions(self) -> None:
        """Compile the two mention patterns: party names (case-insensitive, on folded
        text) and acronyms and one-word names (case-sensitive, on the text as written)."""
        name_keys: dict[str, str] = {}
        token_forms: dict[str, list[str]] = {}
        all_keys = list(self._keys.items()) + list(self._generated.items())
        for key, ids in all_keys:
            if len(ids) != 1 or key in self._mention_exclude:
                continue
            pid = ids[0]
            if " " in key and self._distinctive_name(key, self._by_id[pid].country):
                name_keys.setdefault(key, pid)
        for party in self._parties:
            for form in self._forms(party):
                form = form.strip()
                if not form or " " in form or form in self._mention_exclude_raw:
                    continue
                if len(form) < 3 or not any(c.isalpha() for c in form):
                    continue
                if form[0].islower():
                    continue
                ids = token_forms.setdefault(form, [])
                if party.id not in ids:
                    ids.append(party.id)
        classes = _letter_classes([f for p in self._parties for f in self._forms(p)])
        trie = _Trie()
        for key in name_keys:
            trie.add(_name_symbols(key, classes))
        self._name_re = re.compile(r"\b" + trie.pattern(r"(?!\w)"))
        self._name_keys = name_keys
        tok_trie = _Trie()
        for form in token_forms:
            tok_trie.add([re.escape(c) for c in form])
        self._token_re = re.compile(tok_trie.pattern(r"(?!\w)"))
        self._token_forms = token_forms
        self._country_res: dict[str, re.Pattern[str]] = {}
        self._mention_ready = True

    def _distinctive_name(self, key: str, country: str) -> bool:
        """True when a multi-word name can stand for its party in running text: it has a
        word of its own ("Tudeh Party", "Pole of Communist Revival"), or its generic
        words are bound to its country ("Communist Party of Greece", "Greek Communist
        Party"); never a bare generic phrase or "Communist Party (Italy)"."""
        words = key.split()
        own = [w for w in words if w not in _GENERIC_WORDS]
        country_keys = {normalise_name(f) for f in self._country_forms.get(country, [])}
        if not own:
            return False
        rest = [w for w in own if not any(w in ck.split() for ck in country_keys)]
        if rest:
            return True
        padded = f" {key} "
        return any(
            padded.startswith(f" {ck} ") or f" of {ck} " in padded for ck in country_keys if ck
        ) and any(w not in country_keys for w in words)

    def _country_in(self, country: str, text: str) -> bool:
        rx = self._country_res.get(country)
        if rx is None:
            forms = sorted(self._country_forms.get(country, [country]), key=len, reverse=True)
            forms = [f for f in forms if len(f) > 2 or f.isupper()]
            rx = re.compile(r"(?<!\w)(?:" + "|".join(re.escape(f) for f in forms) + r")(?!\w)")
            self._country_res[country] = rx
        return rx.search(text) is not None

    def find_mentions(self, text: str) -> list[Party]:
        """Registry parties named in running text, in order of first mention, each once.

        Full names and aliases match in any case and with any apostrophes, dashes or
        diacritics ("the Communist Party of Greece", "Workers’ Party of Korea"); generic
        phrases ("the communist party", "workers' party") never match. Acronyms and
        one-word names match only as written ("KKE", "AKEL", "Tudeh"): an acronym held by
        several parties ("PCP") counts only when the text names exactly one holder's
        country or the holder by name (or the registry prefers one holder and no other
        holder's country is named); a short acronym that has other common meanings
        ("CPA", "PPP") counts only when the party's country is named too.
        """
        if not text:
            return []
        if not self._mention_ready:
            self._prepare_mentions()
        found: dict[str, int] = {}
        for m in self._name_re.finditer(text.lower()):
            key = normalise_name(m.group(0))
            pid = self._name_keys.get(key)
            if pid is None:
                ids = self.key_ids(key)
                pid = ids[0] if len(ids) == 1 else None
            if pid is not None and pid not in found:
                found[pid] = m.start()
        for m in self._token_re.finditer(text):
            start = m.start()
            if start > 0 and (text[start - 1].isalnum() or text[start - 1] in "-_"):
                continue
            form = m.group(0)
            pid = self._token_party(form, text, found)
            if pid is not None and pid not in found:
                found[pid] = start
        return [self._by_id[pid] for pid, _ in sorted(found.items(), key=lambda kv: kv[1])]

    def _token_party(self, form: str, text: str, found: dict[str, int]) -> str | None:
        ids = self._token_forms.get(form, [])
        if not ids:
            return None
        if len(ids) == 1:
            pid = ids[0]
            if pid in found:
                return pid
            if self._needs_context(form) and not self._country_in(self._by_id[pid].country, text):
                return None
            return pid
        named = [p for p in ids if p in found]
        if len(named) == 1:
            return named[0]
        in_text = [p for p in ids if self._country_in(self._by_id[p].country, text)]
        if len(in_text) == 1:
            return in_text[0]
        pref = self.preferred.get(normalise_name(form))
        if not in_text and pref in ids:
            return pref
        return None

    def _needs_context(self, form: str) -> bool:
        letters = sum(1 for c in form if c.isalnum())
        return letters <= 3 and form not in self._mention_distinctive


# --------------------------------------------------------------------------- module helpers


def resolve(raw: str, country: str | None = None) -> Party:
    """`Registry.default().resolve(raw, country)`."""
    return Registry.default().resolve(raw, country)


def resolve_query(term: str) -> list[str]:
    """`Registry.default().resolve_query(term)`."""
    return Registry.default().resolve_query(term)


def find_mentions(text: str) -> list[Party]:
    """`Registry.default().find_mentions(text)`."""
    return Registry.default().find_mentions(text)
