"""One source file in, one Document out: the extraction pipeline for a single statement.

    SourceDoc -> signatory block -> passages (chunking) -> title, date, source
              -> signatories and mentioned parties (registry) -> topics (taxonomy)

Fields that a sidecar row names (title, date, year, party, country, source, …) win over
what the text yields.
"""

from __future__ import annotations

import datetime as _dt
import re
from dataclasses import dataclass, field

from indexer.chunk.chunking import chunk, paragraphs
from indexer.extract.datelines import names_publisher
from indexer.extract.dates import find_date, is_dateline, parse_date_string, source_label_line, year_of
from indexer.registry import Registry
from indexer.extract.signatories import find_signatories
from indexer.extract.genres import genre_of, kicker_genre
from indexer.extract.standfirst import find_subtitle
from indexer.extract.titles import clean_title, find_title, looks_like_title
from indexer.extract.topics import Taxonomy
from indexer.model import Document, Party, SourceDoc

# Sidecar keys with a meaning of their own; every other key is kept in Document.extra.
PARTY_KEYS = ("signatories", "parties", "party")
CODE_KEYS = ("iso3", "iso", "country_code", "code")
KNOWN_KEYS = {"id", "file", "title", "date", "year", "source", "country", "sha1", *PARTY_KEYS}
_LIST_SPLIT = re.compile(r"\s*[;|]\s*")


@dataclass
class Analyser:
    """Holds the registry and taxonomy so that each document costs only its own work."""

    registry: Registry = field(default_factory=Registry.default)
    taxonomy: Taxonomy = field(default_factory=Taxonomy.default)

    def analyse(self, src: SourceDoc) -> Document:
        side = src.sidecar or {}
        block = find_signatories(src.blocks)
        paras = paragraphs(src.blocks)
        lines = [p.text for p in paras]

        sidecar_title = _text(side.get("title"))
        page_title = _page_title(src)
        file_name = src.doc_id.rsplit("/", 1)[-1]
        title = find_title(lines, html_title=page_title, sidecar_title=sidecar_title, fallback=file_name)
        provenance = {"title": _title_provenance(title, sidecar_title, page_title, file_name)}
        passages = chunk(src.blocks, signatories=block, title=title, paras=paras)
        subtitle = "" if provenance["title"] == "sidecar" else find_subtitle(lines, title)

        date, year, source = self._date(src, lines, side, provenance)

        signatories = self._signatories(side, block)
        countries = _countries(side, signatories)
        if not signatories and countries and not any(k in side for k in PARTY_KEYS):
            # A corpus of speeches by states (the UN general debates): the country speaks.
            signatories = [self._speaker(c, side) for c in countries]

        running = [p for p in passages if p.kind != "signatories"]
        # Datelines ("ICP, 10 May 2017", "Source: KKE, 12.04.2020") name a publisher, not
        # a party the statement speaks of.
        mentioned = self._mentioned([p for p in running if not is_dateline(p.text)])

        hits = [self.taxonomy.hits(p.text) for p in running]
        for p, h in zip(running, hits):
            p.topics = self.taxonomy.tagged(h)
        topics = self.taxonomy.document_topics(hits)

        if signatories:
            from_side = any(k in side for k in PARTY_KEYS) or signatories[0].kind == "speaker"
            provenance["signatories"] = "sidecar" if from_side else "text"
        extra = {k: v for k, v in side.items() if k not in KNOWN_KEYS and v not in (None, "")}
        if not _text(extra.get("genre")):
            genre = _genre(lines, title, subtitle)
            if genre:
                extra["genre"] = genre
        return Document(
            doc_id=src.doc_id,
            source_file=src.source_file,
            title=title,
            date=date,
            year=year,
            source=source,
            signatories=signatories,
            mentioned=mentioned,
            topics=topics,
            passages=passages,
            content_hash=src.content_hash,
            country=countries,
            extra=extra,
            subtitle=subtitle,
            provenance=provenance,
        )

    # -- pieces -----------------------------------------------------------------

    def _date(self, src: SourceDoc, lines: list[str], side: dict,
              provenance: dict[str, str]) -> tuple[str | None, int | None, str]:
        """Date, year and source; the provenance of date and year goes into `provenance`."""
        info = find_date(lines, src.html_meta or None)
        date, year = info.date, info.year
        date_how = year_how = info.how
        if date is None and year is None:
            date, year = _date_in_file_name(src.doc_id)
            date_how = year_how = "file-name"
        side_date = _text(side.get("date"))
        if side_date:
            parsed = parse_date_string(side_date)
            date, date_how = parsed, "sidecar"
            side_year = int(parsed[:4]) if parsed else year_of(side_date)
            if side_year:
                year, year_how = side_year, "sidecar"
        side_year = side.get("year")
        if side_year not in (None, ""):
            try:
                y = int(str(side_year).strip()[:4])
            except ValueError:
                y = None
            if y:
                if date and int(date[:4]) != y:
                    date = None
                year, year_how = y, "sidecar"
        if date:
            provenance["date"] = date_how or "text"
        if year is not None:
            provenance["year"] = year_how or "text"
        # The publisher: a dateline's place ("Athens, 12 March 2015") is no source.
        dateline_name = info.source_line if names_publisher(info.source_line) else None
        if info.source_line and not dateline_name and self.registry.resolve(info.source_line).known:
            dateline_name = info.source_line
        source = (_text(side.get("source")) or dateline_name or source_label_line(lines)
                  or src.html_meta.get("site", ""))
        return date, year, source

    def _signatories(self, side: dict, block) -> list[Party]:
        names: list[str] = []
        for key in PARTY_KEYS:
            value = side.get(key)
            if value not in (None, ""):
                names = _as_list(value)
                break
        else:
            if block is not None:
                names = block.names
        from_text = block is not None and names is block.names
        seen: set[str] = set()
        out: list[Party] = []
        header: str | None = None
        for name in names:
            if from_text:
                country = self.registry.country(name.strip(" \t:.-–—"))
                if country:
                    # A bare country in a signatory list heads the parties that follow it.
                    header = country
                    continue
            party = self.registry.resolve(name, country=header) if header else self.registry.resolve(name)
            if party.id and party.id not in seen:
                seen.add(party.id)
                out.append(party)
        return out

    def _speaker(self, country: str, side: dict) -> Party:
        """A country speaking for itself. A code column (iso3, iso, code) is its identity
        when the sidecar has one, so spellings of the same country ("Afganistan",
        "Islamic Republic of Afghanistan") stay one speaker; the build names each
        speaker by its most frequent spelling."""
        code = next((_text(side.get(k)) for k in CODE_KEYS if _text(side.get(k))), "")
        return Party(
            id=_slug(code) if code else _slug(country),
            name=country,
            acronym=code,
            country=country,
            known=False,
            kind="speaker",
        )

    def _mentioned(self, passages) -> list[Party]:
        seen: set[str] = set()
        out: list[Party] = []
        for p in passages:
            for party in self.registry.find_mentions(p.text):
                if party.id not in seen:
                    seen.add(party.id)
                    out.append(party)
        return out


_WORD = re.compile(r"\w+")


def _page_title(src: SourceDoc) -> str | None:
    """The page's title, or the heading opening the article when it says the same at
    greater length (a page titled "Joint statement on the anniversary | Site" whose
    article opens with "Joint statement on the 75th anniversary of the victory …"), or
    the article's title-like first line when the page's title is only a name."""
    title = src.html_title
    heading = " ".join((src.html_meta or {}).get("heading", "").split())
    if (title and heading and heading != title and len(_WORD.findall(title)) <= 4
            and len(heading) > len(title) and looks_like_title(heading)):
        # "Communist Party of Atlantis" over a post whose heading the article root left out
        return heading
    first = next((b for b in src.blocks if b.kind != "break" and b.text.strip()), None)
    if not title or first is None:
        return title
    heading = " ".join(first.text.split())
    if first.kind != "heading":
        # A page titled with the site's name alone ("Old site") over an article whose
        # first line is a title ("Joint statement against the war in Iraq").
        if (len(_WORD.findall(title)) <= 4 and len(heading) > len(title)
                and looks_like_title(heading) and not heading.endswith(".")):
            return heading
        return title
    if heading == title or len(heading) <= len(title) or len(heading) > 250:
        return title
    words = {w.lower() for w in _WORD.findall(title)}
    inside = {w.lower() for w in _WORD.findall(heading)}
    if words and len(words & inside) >= 0.8 * len(words):
        return heading
    return title


_FILE_DATE_RE = re.compile(r"(?<!\d)((?:19|20)\d\d)(?:[-_.]?(0[1-9]|1[0-2])[-_.]?(0[1-9]|[12]\d|3[01]))?(?!\d)")


def _date_in_file_name(doc_id: str) -> tuple[str | None, int | None]:
    """("2019-05-01", 2019) for "statements/2019-05-01-may-day"; (None, 1990) for
    "AFG_45_1990": a year, or a whole date, in the file's name (its last one)."""
    found = list(_FILE_DATE_RE.finditer(doc_id.rsplit("/", 1)[-1]))
    if not found:
        return None, None
    m = found[-1]
    year = int(m.group(1))
    if year > _dt.date.today().year:
        return None, None
    date = parse_date_string(f"{m.group(1)}-{m.group(2)}-{m.group(3)}") if m.group(2) else None
    return date, year


def _title_provenance(title: str, sidecar_title: str, page_title: str | None, file_name: str) -> str:
    if sidecar_title and clean_title(sidecar_title) == title:
        return "sidecar"
    if page_title and clean_title(page_title) == title:
        return "html-meta"
    if title == (clean_title(file_name) or file_name):
        return "file-name"
    return "text"


def _genre(lines: list[str], title: str, subtitle: str) -> str:
    """The kind of text: a kicker line above the title, else the words the title or the
    subtitle open with ("Joint statement against …")."""
    key = " ".join(title.split()).lower()
    for line in lines[:4]:
        text = " ".join(line.split())
        if key and text.lower().startswith(key):
            break
        genre = kicker_genre(text)
        if genre:
            return genre
    return genre_of(title) or genre_of(subtitle) or ""


def _slug(text: str) -> str:
    return re.sub(r"[^a-z0-9]+", "-", text.lower()).strip("-") or "unnamed"


def _text(value) -> str:
    if value is None:
        return ""
    return str(value).strip()


def _as_list(value) -> list[str]:
    if isinstance(value, (list, tuple)):
        return [str(v).strip() for v in value if str(v).strip()]
    return [v for v in _LIST_SPLIT.split(str(value).strip()) if v]


def _countries(side: dict, signatories: list[Party]) -> list[str]:
    out: list[str] = []
    side_country = side.get("country")
    if side_country not in (None, ""):
        out.extend(_as_list(side_country))
    for p in signatories:
        if p.country and p.country not in out:
            out.append(p.country)
    return out
