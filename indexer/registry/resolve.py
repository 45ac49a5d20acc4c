"""Resolving a party name as written to one registry party, or to an unknown party kept
under its own tidied name. `ResolveMixin` is the part of `Registry` that does it.

Ambiguous acronyms ("CPB": Britain, Bangladesh, Belarus; "PCP": Portugal, Paraguay,
Peru; ...) are settled by a country given with the name ("PCP (Portugal)") or by the
name itself ("Portuguese Communist Party (PCP)"). A bare ambiguous acronym resolves to a
party only where the registry names a preferred holder ("DKP" -> the German Communist
Party); otherwise it stays unknown, so no wrong party is ever picked.
"""

from __future__ import annotations

from indexer.model import Party
from indexer.registry.names import (
    RE_COMMA_SUFFIX, RE_COUNTRY_PREFIX, RE_DASH_SUFFIX, RE_INNER_BRACKET, RE_SPACES, NameParts,
    clean_raw_name, looks_like_acronym, normalise_name, slugify, tidy_case,
)


class ResolveMixin:
    """Name resolution (mixed into `Registry`)."""

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
        m = RE_COUNTRY_PREFIX.match(text)
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

    def _split(self, text: str) -> NameParts:
        """Peel brackets, comma and dash suffixes off a cleaned name: countries become
        `country`, acronyms and known aliases become `tags`; anything else stays in the
        name ("Communist Party of India (Marxist)")."""
        parts = NameParts(name=text)
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
                m = RE_COMMA_SUFFIX.match(name)
                if m and self._take_suffix(parts, m.group(2).strip()):
                    name = m.group(1)
                    peeled = True
            if not peeled:
                m = RE_DASH_SUFFIX.match(name)
                if m and self._take_suffix(parts, m.group(2).strip()):
                    name = m.group(1)
                    peeled = True
            if not peeled:
                break
        # brackets inside the name: "Socialist Movement (SM) of Kazakhstan"
        for m in list(RE_INNER_BRACKET.finditer(name)):
            inner = m.group(1).strip()
            if self.country(inner) or looks_like_acronym(inner) or self.key_ids(normalise_name(inner)):
                self._take_suffix(parts, inner)
                name = name.replace(m.group(0), "", 1)
        parts.name = RE_SPACES.sub(" ", name).strip()
        return parts

    def _take_suffix(self, parts: NameParts, inner: str) -> bool:
        if not inner:
            return False
        c = self.country(inner)
        if c:
            if parts.country is None:
                parts.country = c
            return True
        if looks_like_acronym(inner) or self.key_ids(normalise_name(inner)):
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

    # ------------------------------------------------------------------ unknown parties

    def _unknown(self, text: str, country: str | None) -> Party:
        """A Party for a name the registry lacks: id = slug of the name without its
        bracketed acronym (plus the country when one was given beside the name and the
        name does not say it), name = the cleaned name, acronym = the bracketed acronym
        (or the name itself when it is a bare acronym), known=False."""
        parts = self._split(text)
        acronym = next((t for t in parts.tags if looks_like_acronym(t)), "")
        name = parts.name
        if not normalise_name(name):
            name = acronym or text
        if name == text and not parts.tags and looks_like_acronym(text):
            acronym = text
        country_final = country or parts.country or ""
        pid = slugify(name)
        if country_final:
            name_key = f" {normalise_name(name)} "
            forms = self._country_forms.get(country_final, [country_final])
            if not any(f" {normalise_name(f)} " in name_key for f in forms if normalise_name(f)):
                pid = f"{pid}-{slugify(country_final)}"
        return Party(id=pid, name=tidy_case(name), acronym=acronym, country=country_final, known=False)
