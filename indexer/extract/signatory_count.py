"""The number of signatories a statement says it has ("signed by 18 parties").
"""

from __future__ import annotations

import re


_NUMBER_WORDS = {
    w: i
    for i, w in enumerate(
        "zero one two three four five six seven eight nine ten eleven twelve thirteen "
        "fourteen fifteen sixteen seventeen eighteen nineteen".split()
    )
}
_TENS = {
    "twenty": 20, "thirty": 30, "forty": 40, "fifty": 50,
    "sixty": 60, "seventy": 70, "eighty": 80, "ninety": 90,
}  # fmt: skip
_NUMBER = (
    r"\d{1,3}|(?:twenty|thirty|forty|fifty|sixty|seventy|eighty|ninety)(?:[-\s](?:one|two"
    r"|three|four|five|six|seven|eight|nine))?|eleven|twelve|thirteen|fourteen|fifteen"
    r"|sixteen|seventeen|eighteen|nineteen|ten|one|two|three|four|five|six|seven|eight|nine"
)
_COUNT_RES = (
    re.compile(
        r"\b(?:signed|endorsed|supported|adopted|joined|backed|subscribed)\s+"
        rf"(?:so\s+far\s+|already\s+|jointly\s+)?by\s+(?:a\s+total\s+of\s+)?({_NUMBER})\s+"
        r"(?:[\w'’-]+\s+){0,5}?(?:parties|organi[sz]ations|signatories|forces)\b",
        re.IGNORECASE,
    ),
    re.compile(
        rf"\b({_NUMBER})\s+(?:[\w'’-]+\s+){{0,5}}?(?:parties|organi[sz]ations)\s+"
        r"(?:that\s+|which\s+|who\s+)?(?:have\s+|had\s+)?(?:so\s+far\s+|already\s+)?"
        r"(?:signed|endorsed|joined|adopted)",
        re.IGNORECASE,
    ),
)


def _number_value(word: str) -> int | None:
    word = word.lower()
    if word.isdigit():
        return int(word)
    if word in _NUMBER_WORDS:
        return _NUMBER_WORDS[word]
    parts = re.split(r"[-\s]+", word)
    if parts[0] in _TENS:
        return _TENS[parts[0]] + (_NUMBER_WORDS.get(parts[1], 0) if len(parts) > 1 else 0)
    return None


def stated_count(text: str) -> int | None:
    """The number of signatories a text states, or None.

    "A joint statement signed by 18 Communist and Workers' parties" -> 18;
    "twenty-two parties have signed" -> 22.
    """
    for regex in _COUNT_RES:
        m = regex.search(text)
        if m:
            return _number_value(m.group(1))
    return None
