"""From a user's query string to a Whoosh query: the query language of the search box.

    strikes "trade union"          words AND-ed, phrases in quotes
    strikes OR lockouts            OR; NOT word or -word; (brackets)
    strik*  solidarty~  word~2     prefix, fuzzy (1 or 2 edits)
    title:peace  text:"..."        fielded terms
    party:KKE  party:"Communist Party of Greece"   a party by id, acronym, name or alias
    topic:labour  topic:workers    a topic by id or by words of its label
    year:2017  year:2015-2020  year:2015..2020  year:>2015  year:<=2000

The text is first cleaned and repaired by `lexer` (which explains its repairs), then read
by Whoosh's QueryParser over title and text with these plugins: fields (title/text), our
facet-field plugin (party/topic/year/mentioned values resolved against the index), phrases,
groups, operators, wildcards, fuzzy terms and boosts. Words that analyse to several tokens
("anti-imperialist", "covid-19") become phrases.

Prefixes and fuzzy terms are expanded against the index vocabulary of *unstemmed* words
and then stemmed, because the index holds stems: "nations*" finds "nations", "nationalism"
(not only stems that happen to start with "nations"), "solidarty~" finds "solidarity"
(whose stem "solidar" is two edits from the stem of "solidarty").

A bare word that is exactly the acronym of one party in the index (case as written, or
typed in capitals: "KKE") also matches the statements that party signed: the word becomes
(KKE in title/text OR signed by the party).
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from whoosh import query as wq
from whoosh.qparser import default as qdefault
from whoosh.qparser import plugins, syntax

from indexer.query.lexer import FACET_FIELDS, TEXT_FIELDS, ReadQuery, Tok, read_query, render
from indexer.query.params import MAX_YEAR, MIN_YEAR, QueryError, parse_year_value
from indexer.query.suggest import MAX_PREFIX_WORDS
from indexer.query.textutil import STOP_WORDS, stem

MAX_INDEX_PREFIX_TERMS = 200
_YEAR_CMP = re.compile(r"^(>=|=>|<=|=<|>|<)\s*(\d{1,4})$")


@dataclass
class ParsedQuery:
    """A query string read into a Whoosh query, with what the reading involved.

    query is None when nothing is searched for: `browse` (the empty query: everything)
    or `nothing` (only words the index leaves out, such as "the of").
    """

    text: str
    tokens: list[Tok]
    query: wq.Query | None
    messages: list[str]
    interpreted: str
    browse: bool = False
    nothing: bool = False
    positive: list[wq.Query] = field(default_factory=list)  # title/text leaves not negated

    @property
    def relaxed(self) -> wq.Query | None:
        """Any of the positive text clauses: what scores a passage."""
        if not self.positive:
            return None
        if len(self.positive) == 1:
            return self.positive[0]
        return wq.Or(self.positive)


class ParseContext:
    """What parsing needs from the index generation: parties, topics, vocabulary, terms."""

    def __init__(self, state, reader):
        self.state = state
        self.reader = reader
        self.messages: list[str] = []

    def note(self, msg: str) -> None:
        if msg not in self.messages:
            self.messages.append(msg)

    # -- facet values ----------------------------------------------------------------

    def facet_query(self, fieldname: str, value: str, ids: list[str] | None = None) -> wq.Query:
        fieldname = fieldname.lower()
        if fieldname == "year":
            return self._year_query(value)
        if fieldname in ("party", "mentioned"):
            return self._party_query(fieldname, value, ids)
        if fieldname == "topic":
            return self._topic_query(value)
        return wq.NullQuery

    def _party_query(self, fieldname: str, value: str, ids: list[str] | None) -> wq.Query:
        state = self.state
        if ids is None:
            ids, exact = state.resolver.parties_for(value)
            labels = [state.party_label(p) for p in ids]
            if not ids:
                self.note(f"No party known as '{value}': {fieldname}:{value} matches nothing.")
                return wq.Term(fieldname, value)
            if not exact:
                shown = "; ".join(labels[:5]) + ("; …" if len(labels) > 5 else "")
                self.note(f"{fieldname}:{value} matched {len(ids)} part{'y' if len(ids) == 1 else 'ies'} "
                          f"by name: {shown}.")
            elif len(ids) > 1:
                self.note(f"{fieldname}:{value} is shared by {len(ids)} parties: " + "; ".join(labels[:5]) + ".")
            if fieldname == "party" and not any(state.resolver.signed(p) for p in ids):
                self.note(f"{labels[0] if len(ids) == 1 else fieldname + ':' + value} signed no "
                          f"statement in this index.")
        else:
            if ids:
                self.note(f"{value} also finds statements signed by {state.party_label(ids[0])}.")
        terms = [wq.Term(fieldname, p) for p in ids]
        return terms[0] if len(terms) == 1 else wq.Or(terms)

    def _topic_query(self, value: str) -> wq.Query:
        ids = self.state.resolver.topics_for(value)
        if not ids:
            self.note(f"No topic known as '{value}': topic:{value} matches nothing.")
            return wq.Term("topic", value)
        if len(ids) > 1 or ids[0].casefold() != value.strip().casefold():
            labels = "; ".join(self.state.topic_label(t) for t in ids[:5])
            self.note(f"topic:{value} read as {labels}.")
        terms = [wq.Term("topic", t) for t in ids]
        return terms[0] if len(terms) == 1 else wq.Or(terms)

    def _year_query(self, value: str) -> wq.Query:
        v = value.strip()
        m = _YEAR_CMP.match(v)
        try:
            if m:
                op, y = m.group(1), int(m.group(2))
                lo, hi = {
                    ">": (y + 1, MAX_YEAR), ">=": (y, MAX_YEAR), "=>": (y, MAX_YEAR),
                    "<": (MIN_YEAR, y - 1), "<=": (MIN_YEAR, y), "=<": (MIN_YEAR, y),
                }[op]
            else:
                span = parse_year_value(v)
                lo, hi = span.lo, span.hi
        except QueryError:
            self.note(f"year:{value} is not a year or a range (year:2017, year:2015-2020); ignored it.")
            return wq.NullQuery
        if lo > hi:
            return wq.Term("year", "none")
        return wq.NumericRange("year", lo, hi)

    # -- expansions --------------------------------------------------------------------

    def prefix_query(self, fieldname: str, prefix: str, boost: float) -> wq.Query:
        """Terms of the words starting with prefix: vocabulary words stemmed, plus index
        terms starting with the prefix (words seen once are not in the vocabulary)."""
        prefix = prefix.lower()
        words, cut = self.state.speller.with_prefix(prefix, MAX_PREFIX_WORDS)
        terms = list(dict.fromkeys(stem(w) for w in words))
        seen = set(terms)
        extra = []
        try:
            for t in self.reader.expand_prefix(fieldname, prefix):
                t = t.decode("utf-8") if isinstance(t, bytes) else t
                if t not in seen:
                    extra.append(t)
                    seen.add(t)
                    if len(extra) > MAX_INDEX_PREFIX_TERMS * 5:
                        break
        except Exception:
            extra = []
        if len(extra) > MAX_INDEX_PREFIX_TERMS:
            extra.sort(key=lambda t: -self.reader.doc_frequency(fieldname, t))
            extra = extra[:MAX_INDEX_PREFIX_TERMS]
            cut = True
        terms += extra
        if cut:
            self.note(f"'{prefix}*' matches very many words; searched for the most frequent of them.")
        if not terms:
            return wq.Term(fieldname, prefix, boost=boost)
        qs = [wq.Term(fieldname, t, boost=boost) for t in terms]
        return qs[0] if len(qs) == 1 else wq.Or(qs)

    def fuzzy_query(self, fieldname: str, word: str, maxdist: int, boost: float) -> wq.Query:
        """Terms of the vocabulary words within maxdist edits of word (and the word itself).

        Words seen only once are not in the vocabulary; when it offers nothing near, the
        index's own terms near the word's stem are used instead.
        """
        lower = word.lower()
        found = self.state.speller.within(lower, maxdist)
        terms = [stem(lower)] if lower not in STOP_WORDS else []
        for w, _, _ in found:
            s = stem(w)
            if s not in terms:
                terms.append(s)
        if not found and lower not in STOP_WORDS and len(lower) > maxdist + 1:
            for t in self._index_terms_within(fieldname, stem(lower), maxdist):
                if t not in terms:
                    terms.append(t)
        if not terms:
            return wq.NullQuery
        qs = [wq.Term(fieldname, t, boost=boost) for t in terms]
        return qs[0] if len(qs) == 1 else wq.Or(qs)

    def _index_terms_within(self, fieldname: str, text: str, maxdist: int) -> list[str]:
        """Index terms of a field within maxdist edits of text (same first letter)."""
        out: list[str] = []
        try:
            leaves = self.reader.leaf_readers()
            for r, _ in leaves:
                for t in r.terms_within(fieldname, text, maxdist, prefix=1):
                    t = t.decode("utf-8") if isinstance(t, bytes) else t
                    if t not in out:
                        out.append(t)
        except Exception:
            return []
        return out


# -- syntax nodes and plugins --------------------------------------------------------


class FacetNode(syntax.SyntaxNode):
    """A party:/topic:/year:/mentioned: value, resolved when the query is built."""

    has_fieldname = False
    has_text = False
    has_boost = False

    def __init__(self, fieldname: str, value: str, ids: list[str] | None = None):
        self.facet = fieldname.lower()
        self.value = value
        self.ids = ids

    def r(self):
        return f"{self.facet}:{self.value!r}"

    def query(self, parser):
        return parser.ctx.facet_query(self.facet, self.value, self.ids)


class FacetFieldPlugin(plugins.TaggingPlugin):
    """Tags party:/topic:/year:/mentioned: with a word or a "quoted value"."""

    priority = -10
    expr = re.compile(
        r'(?<![^\s(])(?P<field>%s):(?:"(?P<quoted>[^"]*)"|(?P<value>[^\s()"]+))' % "|".join(FACET_FIELDS),
        re.IGNORECASE,
    )

    def __init__(self):
        self.expr = type(self).expr

    def create(self, parser, match):
        value = match.group("quoted") if match.group("quoted") is not None else match.group("value")
        return FacetNode(match.group("field"), value)


class AcronymPlugin(plugins.Plugin):
    """A bare word that is a party's acronym also matches the statements it signed."""

    def filters(self, parser):
        # after field names are applied (100), before multifield copies words (110)
        return [(self.do_acronyms, 105)]

    def do_acronyms(self, parser, group):
        for i, node in enumerate(group):
            if isinstance(node, syntax.GroupNode):
                group[i] = self.do_acronyms(parser, node)
            elif type(node) is syntax.WordNode and node.fieldname is None:
                ids = parser.ctx.state.resolver.acronym(node.text)
                if ids:
                    facet = FacetNode("party", node.text, ids)
                    facet.startchar, facet.endchar = node.startchar, node.endchar
                    group[i] = syntax.OrGroup([node, facet])
        return group


class RawFuzzyPlugin(plugins.FuzzyTermPlugin):
    """word~ and word~2, expanded over the vocabulary of unstemmed words."""

    class FuzzyTermNode(plugins.FuzzyTermPlugin.FuzzyTermNode):
        def query(self, parser):
            fieldname = self.fieldname or parser.fieldname
            return parser.ctx.fuzzy_query(fieldname, self.text, self.maxdist, self.boost)


class StatementQueryParser(qdefault.QueryParser):
    """Whoosh's QueryParser with our plugins; words of several tokens become phrases and
    prefixes are expanded over the vocabulary."""

    def __init__(self, schema, ctx: ParseContext):
        self.ctx = ctx
        fields = [f for f in TEXT_FIELDS if f in schema]
        super().__init__(None, schema, plugins=[
            FacetFieldPlugin(),
            plugins.FieldsPlugin(expr=r"(?<![\w:])(?P<text>%s):" % "|".join(fields)),
            plugins.WildcardPlugin(),
            plugins.PhrasePlugin(),
            plugins.GroupPlugin(),
            plugins.OperatorsPlugin(AndNot=None, AndMaybe=None, Require=None),
            plugins.BoostPlugin(),
            RawFuzzyPlugin(),
            AcronymPlugin(),
            plugins.MultifieldPlugin(fields),
        ])

    def multitoken_query(self, spec, texts, fieldname, termclass, boost):
        if fieldname in TEXT_FIELDS:
            spec = "phrase"
        return super().multitoken_query(spec, texts, fieldname, termclass, boost)

    def term_query(self, fieldname, text, termclass, boost=1.0, tokenize=True, removestops=True):
        if termclass is wq.Prefix and fieldname in TEXT_FIELDS:
            return self.ctx.prefix_query(fieldname, text, boost)
        return super().term_query(fieldname, text, termclass, boost=boost, tokenize=tokenize,
                                  removestops=removestops)


# -- walking queries -------------------------------------------------------------------


def positive_text_leaves(q) -> list[wq.Query]:
    """The title/text clauses of q that are not negated (they score and highlight)."""
    if q is None or q is wq.NullQuery:
        return []
    if isinstance(q, wq.Not):
        return []
    if isinstance(q, wq.AndNot):
        return positive_text_leaves(q.a)
    if isinstance(q, wq.BinaryQuery):
        return positive_text_leaves(q.a) + positive_text_leaves(q.b)
    if isinstance(q, (wq.And, wq.Or, wq.DisjunctionMax)):
        if isinstance(q, wq.Or) and q.subqueries and all(_is_text_term(s) for s in q.subqueries) \
                and len({s.fieldname for s in q.subqueries}) == 1:
            return [q]  # one expanded word (prefix or fuzzy): keep as one clause
        out = []
        for s in q.subqueries:
            out.extend(positive_text_leaves(s))
        return out
    if isinstance(q, wq.WrappingQuery):
        return positive_text_leaves(q.child)
    fieldname = getattr(q, "fieldname", None)
    return [q] if fieldname in TEXT_FIELDS else []


def _is_text_term(q) -> bool:
    return isinstance(q, wq.Term) and q.fieldname in TEXT_FIELDS


def parse_query(text: str, state, reader) -> ParsedQuery:
    """Read a user's query string (never raises for what the user typed)."""
    rq: ReadQuery = read_query(text or "")
    messages = list(rq.messages)
    typed = " ".join((text or "").split())
    if not rq.tokens:
        interpreted = "" if not typed else ("*" if rq.browse_all else "")
        return ParsedQuery(text=text or "", tokens=[], query=None, messages=messages,
                           interpreted=interpreted, browse=True)
    clean = render(rq.tokens)
    ctx = ParseContext(state, reader)
    q = None
    try:
        parser = StatementQueryParser(state.schema, ctx)
        q = parser.parse(clean)
    except Exception:
        q = None
    if q is None:
        # Whoosh could not read the cleaned string: fall back to its words, AND-ed.
        words = [t for t in rq.tokens if t.kind in ("word", "phrase")]
        plain = [Tok("word", w) for t in words for w in re_words(t.text)]
        clean = render(plain)
        messages.append(f"Could not read the query's structure; searched for its words: {clean}.")
        try:
            q = StatementQueryParser(state.schema, ctx).parse(clean)
        except Exception:
            q = wq.NullQuery
    for m in ctx.messages:
        if m not in messages:
            messages.append(m)
    interpreted = clean if clean != typed else ""
    if q is None or q is wq.NullQuery or isinstance(q, type(wq.NullQuery)):
        words = [w for t in rq.tokens if t.kind in ("word", "phrase") and not t.field for w in re_words(t.text)]
        stops = [w for w in words if w.lower() in STOP_WORDS]
        if stops and len(stops) == len(words):
            shown = ", ".join(dict.fromkeys(w.lower() for w in stops))
            messages.append(f"The query holds only very common words ({shown}), which the index "
                            "leaves out: add a more specific word.")
        elif not words:
            # only filters that could not be read (e.g. year:abc): everything, as for ""
            return ParsedQuery(text=text, tokens=rq.tokens, query=None, messages=messages,
                               interpreted=interpreted, browse=True)
        else:
            messages.append("Nothing searchable in the query.")
        return ParsedQuery(text=text, tokens=rq.tokens, query=None, messages=messages,
                           interpreted=interpreted, nothing=True)
    return ParsedQuery(text=text, tokens=rq.tokens, query=q, messages=messages,
                       interpreted=interpreted, positive=positive_text_leaves(q))


_WORDS = re.compile(r"\w+(?:[.'’-]\w+)*", re.UNICODE)


def re_words(text: str) -> list[str]:
    return _WORDS.findall(text)
