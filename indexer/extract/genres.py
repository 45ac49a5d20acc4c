"""What kind of text a statement is (its genre), read from a kicker line above its title
("COMMUNIQUÉ", "PRESS STATEMENT", "Joint Statement", "STATEMENT OF THE COMMUNIST AND
WORKERS' PARTIES") or from the words its title or subtitle open with ("Joint declaration
of …", "Speech by …").

    kicker_genre(line) -> str | None    the genre of a line that only names a genre
    genre_of(text) -> str | None        the genre a title or subtitle opens with
    GENRES                              the genres, as stored in a statement's `genre`
"""

from __future__ import annotations

import re

GENRES = ("joint statement", "joint declaration", "press release", "communiqué", "declaration",
          "statement", "resolution", "appeal", "open letter", "letter", "message", "speech",
          "interview", "article")

# Words of a genre, in the languages parties publish in -> the genre stored.
_WORDS: tuple[tuple[str, str], ...] = (
    (r"joint\s+statement|common\s+statement|déclaration\s+commune|declaración\s+conjunta"
     r"|gemeinsame\s+erklärung|dichiarazione\s+congiunta|κοινή\s+δήλωση|совместное\s+заявление",
     "joint statement"),
    (r"joint\s+declaration", "joint declaration"),
    (r"press\s+(?:release|statement|communiqu[ée])|news\s+release|comunicado\s+de\s+prensa"
     r"|communiqué\s+de\s+presse|pressemitteilung|comunicato\s+stampa|δελτίο\s+τύπου",
     "press release"),
    (r"communiqu[ée]|comunicado|comunicato|ανακοίνωση|коммюнике", "communiqué"),
    (r"declaration|declaración|déclaration|erklärung|dichiarazione|διακήρυξη", "declaration"),
    (r"statement|δήλωση|заявление", "statement"),
    (r"resolution|resolución|résolution", "resolution"),
    (r"appeal|call|llamamiento|appel|aufruf|appello|έκκληση|обращение", "appeal"),
    (r"open\s+letter|carta\s+abierta|lettre\s+ouverte|offener\s+brief", "open letter"),
    (r"letter|carta|lettre|brief|lettera|επιστολή|письмо", "letter"),
    (r"message|greetings?|mensaje|salut|grußwort|messaggio|χαιρετισμός|приветствие", "message"),
    (r"speech|address|intervention|contribution|discurso|discours|rede|discorso|ομιλία|"
     r"παρέμβαση|выступление|речь", "speech"),
    (r"interview|entrevista|entretien|intervista|συνέντευξη|интервью", "interview"),
    (r"article|editorial|commentary|artículo|artigo|artikel|articolo|άρθρο|статья", "article"),
)
_QUALIFIER = r"(?:(?:final|political|solidarity|official|common|joint|short|urgent|brief)\s+)?"
_GENRE_RE = [(re.compile(r"^" + _QUALIFIER + r"(?:" + words + r")\b", re.IGNORECASE), genre)
             for words, genre in _WORDS]
# After the genre, a kicker names at most who issues it: "… of the Communist and Workers'
# Parties", "… by the Central Committee", "… of the KKE".
_ISSUER_RE = re.compile(
    r"^(?:\s+(?:of|from|by|des|de\s+los|de\s+las|de\s+la|del|der|dei|delle)\s+(?:the\s+)?"
    r"(?:[\w'’.()-]+\s+){0,7}?(?:[\w'’.()-]*part(?:y|ies|is|idos|iti|eien)|committee|bureau"
    r"|secretariat|office|organi[sz]ations?|forces|movements?|(?-i:[A-ZΑ-Ω]{2,8})))?\s*[:\-–—.!]?\s*$",
    re.IGNORECASE,
)


def _genre_and_rest(text: str) -> tuple[str | None, str]:
    line = " ".join(text.split()).strip(" *#_\"“”«»")
    for regex, genre in _GENRE_RE:
        m = regex.match(line)
        if m:
            return genre, line[m.end():]
    return None, line


def kicker_genre(line: str) -> str | None:
    """The genre of a line that names only a genre and maybe its issuer ("PRESS
    STATEMENT", "Joint Statement", "Statement of the Communist and Workers' Parties"),
    or None for any other line ("Joint statement against NATO's expansion")."""
    if not line or len(line) > 120:
        return None
    genre, rest = _genre_and_rest(line)
    if genre is None or not _ISSUER_RE.match(rest):
        return None
    if genre == "statement" and re.search(r"\bparties\b|\bpartidos\b|\bpartis\b", rest, re.IGNORECASE):
        return "joint statement"  # "Statement of the Communist and Workers' Parties"
    return genre


def genre_of(text: str) -> str | None:
    """The genre a title or subtitle opens with ("Joint declaration of …" -> "joint
    declaration"; "Statement on the election results" -> "statement"), or None."""
    genre, rest = _genre_and_rest(text or "")
    if genre is None or (rest and rest[:1].isalnum()):
        return None
    return genre
