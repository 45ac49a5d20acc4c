"""British and American spellings of one word folded to one form, before stemming.

The archive holds both ("nationalisation" in a British manifesto, "nationalization" in an
American address; labour/labor, defence/defense, programme/program, centre/center,
travelled/traveled), and a user types whichever they know. Every word is indexed and
searched in its American form, so either spelling finds both. Plain Python (no Whoosh):
the analyzer in tokenizer.py calls `fold` once per distinct word.

Only patterns that are variants are folded: -ise/-isation become -ize/-ization except in
words whose -ise is not a variant (advertise, exercise, promise, surprise, …); -our becomes
-or only in the listed roots (labour, colour, honour, …: never "hour", "four", "tour").
"""

from __future__ import annotations

import re

# -ise words whose -ise is part of the word, never -ize (checked on the -ise form).
_ISE_KEEP = frozenset("""
advertise advise apprise arise chastise circumcise comprise compromise concise demise despise
devise disguise enfranchise disenfranchise enterprise excise exercise expertise franchise guise
improvise incise merchandise otherwise paradise poise praise precise premise promise raise
appraise reprise revise rise surmise surprise supervise televise treatise wise likewise
clockwise noise cruise bruise braise valise chemise anise porpoise tortoise turquoise mortise
prise vise daise denise louise elise lise cerise remise sunrise uprise moonrise
""".split())

# Roots spelled -our in British English and -or in American English.
_OUR_ROOTS = ("labour", "colour", "honour", "favour", "behaviour", "neighbour", "harbour", "rumour",
              "vigour", "endeavour", "humour", "flavour", "savour", "armour", "valour", "rigour",
              "splendour", "tumour", "odour", "candour", "clamour", "parlour", "saviour", "fervour",
              "ardour", "vapour", "demeanour")
_OUR_RE = re.compile("(" + "|".join(r[:-3] for r in _OUR_ROOTS) + ")our")

# -re / -er: the words without their final "re" (a prefix may stand before: kilometre).
_RE_ROOTS = ("cent", "theat", "met", "lit", "fib", "calib", "somb", "spect", "meag", "lust",
             "sab", "mit")
_RE_RE = re.compile(r"^(\w*?)(" + "|".join(_RE_ROOTS) + r")r(e|es|ed|ing)$")

# Doubled l in British English before -ed, -ing, -er (travelled / traveled).
_LL_ROOTS = ("travel", "cancel", "label", "model", "fuel", "counsel", "signal", "total",
             "channel", "level", "marvel", "jewel", "quarrel", "rival", "equal", "dial", "duel",
             "tunnel", "funnel", "shovel", "panel", "libel", "pencil", "gravel", "snorkel",
             "worship", "kidnap")
_LL_RE = re.compile(r"^(\w*?)(" + "|".join(_LL_ROOTS) + r")(l|p)(ed|ing|er|ers)$")

# Single words.
_WORDS = {
    "defence": "defense", "defences": "defenses", "offence": "offense", "offences": "offenses",
    "licence": "license", "licences": "licenses", "pretence": "pretense",
    "programme": "program", "programmes": "programs",
    "judgement": "judgment", "judgements": "judgments", "ageing": "aging", "grey": "gray",
    "cheque": "check", "cheques": "checks", "plough": "plow", "ploughs": "plows",
    "mould": "mold", "sceptic": "skeptic", "sceptical": "skeptical", "scepticism": "skepticism",
    "aluminium": "aluminum", "enrolment": "enrollment", "enrolments": "enrollments",
    "fulfil": "fulfill", "fulfils": "fulfills", "fulfilment": "fulfillment",
    "instalment": "installment", "instalments": "installments", "skilful": "skillful",
    "wilful": "willful", "practise": "practice", "practised": "practiced", "practising": "practicing",
    "analyse": "analyze", "analysed": "analyzed", "analysing": "analyzing",
    "paralyse": "paralyze", "paralysed": "paralyzed", "catalyse": "catalyze",
    "foetus": "fetus", "paediatric": "pediatric", "anaemia": "anemia", "diarrhoea": "diarrhea",
    "encyclopaedia": "encyclopedia", "oestrogen": "estrogen", "manoeuvre": "maneuver",
    "manoeuvres": "maneuvers", "dialogue": "dialog", "dialogues": "dialogs",
    "catalogue": "catalog", "catalogues": "catalogs", "tonne": "ton", "tonnes": "tons",
    "kerb": "curb", "storey": "story", "storeys": "stories", "whilst": "while", "amongst": "among",
    "jewellery": "jewelry", "marvellous": "marvelous", "woollen": "woolen",
    "towards": "toward", "afterwards": "afterward", "connexion": "connection",
}

_ISE_RE = re.compile(r"^(\w{3,}?)is(e|es|ed|ing|er|ers|ation|ations|ational)$")
_YSE_RE = re.compile(r"^(\w+?)ys(e|es|ed|ing|er|ers)$")


def fold(word: str) -> str:
    """The American spelling of a lower-case word (the word itself when it has no other)."""
    w = _WORDS.get(word)
    if w is not None:
        return w
    if "is" in word:
        m = _ISE_RE.match(word)
        if m and m.group(1) + "ise" not in _ISE_KEEP and not m.group(1).endswith(("w", "ra", "ai", "oi")):
            return m.group(1) + "iz" + m.group(2)
    if "our" in word and not word.endswith(("hour", "hours")):
        word = _OUR_RE.sub(lambda m: m.group(1) + "or", word)
    if word.endswith(("re", "res", "red", "ring")):
        m = _RE_RE.match(word)
        if m:
            suffix = {"e": "er", "es": "ers", "ed": "ered", "ing": "ering"}[m.group(3)]
            word = m.group(1) + m.group(2) + suffix
    if "ll" in word or "pp" in word:
        m = _LL_RE.match(word)
        if m and m.group(3) == m.group(2)[-1]:
            word = m.group(1) + m.group(2) + m.group(4)
    return word
