"""The literal text a regular expression needs, read from its parsed form: a passage that
holds none of it cannot match, so the pattern is not run there; a pattern that starts
with `\\b` and a word is run only where that word starts.
"""

from __future__ import annotations

import re


# --------------------------------------------------------------------------------------
# Pattern prefilter


def _literal_sets(seq) -> list[set[str]]:
    """For a parsed regex sequence, sets of literals of which one must occur in any match.

    Uses the standard library's regex parser; each returned set is one requirement
    ("base", or any of {"anniversary", "birthday", "congress"}).
    """
    from re import _constants as c  # noqa: PLC0415 - private but stable parser constants

    found: list[set[str]] = []
    run = ""

    def flush() -> None:
        nonlocal run
        if run:
            found.append({run})
        run = ""

    for op, av in seq:
        if op is c.LITERAL:
            run += chr(av).lower()
            continue
        before = run
        flush()
        if op is c.SUBPATTERN:
            found.extend(_literal_sets(av[3]))
        elif op is c.ATOMIC_GROUP:
            found.extend(_literal_sets(av))
        elif op is c.BRANCH:
            if before:
                # "ele(?:ction|vation)": the run right before joins each branch's lead
                leads = [_leading_run(branch) for branch in av[1]]
                if all(leads):
                    found.append({before + lead for lead in leads})
            options: set[str] = set()
            for branch in av[1]:
                sets = _literal_sets(branch)
                if not sets:
                    options = set()
                    break
                options |= max(sets, key=lambda s: min(map(len, s)))
            if options:
                found.append(options)
        elif op in (c.MAX_REPEAT, c.MIN_REPEAT, c.POSSESSIVE_REPEAT) and av[0] >= 1:
            found.extend(_literal_sets(av[2]))
    flush()
    return found


def _leading_run(seq) -> str:
    """The literal characters at the start of a parsed regex sequence (lower case)."""
    from re import _constants as c  # noqa: PLC0415

    out = ""
    for op, av in seq:
        if op is not c.LITERAL:
            break
        out += chr(av).lower()
    return out


def word_start_literals(compiled: re.Pattern) -> tuple[str, ...] | None:
    """Words one of which must start at a word boundary where `compiled` matches: the
    literal run (or the literal starts of the alternatives) right after its first
    top-level ``\\b``; None when the pattern does not start that way. These words can be
    spotted by the keyword scan itself, which then tells which patterns to run."""
    try:
        from re import _constants as c  # noqa: PLC0415
        from re import _parser  # noqa: PLC0415

        seq = list(_parser.parse(compiled.pattern, compiled.flags))
    except Exception:  # noqa: BLE001
        return None
    for k, (op, av) in enumerate(seq[:-1]):
        if op is c.AT and av is c.AT_BOUNDARY:
            nxt_op, nxt_av = seq[k + 1]
            if nxt_op is c.SUBPATTERN:
                nxt_op, nxt_av = (nxt_av[3][0] if len(nxt_av[3]) else (None, None))
            if nxt_op is c.LITERAL:
                leads = [_leading_run(seq[k + 1:])]
            elif nxt_op is c.BRANCH:
                leads = [_leading_run(branch) for branch in nxt_av[1]]
            else:
                return None
            if all(len(lead) >= 2 and (lead[0].isalnum() or lead[0] == "_") for lead in leads):
                return tuple(sorted(set(leads)))
            return None
        if op is not c.AT:
            return None
    return None


def required_literals(compiled: re.Pattern) -> tuple[str, ...] | None:
    """Literals (lower case) of which one must occur in the text for `compiled` to match,
    or None when no such requirement can be read. Used to skip passages cheaply."""
    try:
        from re import _parser  # noqa: PLC0415

        sets = _literal_sets(_parser.parse(compiled.pattern, compiled.flags))
    except Exception:  # noqa: BLE001 - an unreadable pattern simply runs everywhere
        return None
    sets = [s for s in sets if s and all(s)]
    if not sets:
        return None
    # Prefer one long literal, then the set whose shortest literal is longest.
    best = max(sets, key=lambda s: (min(map(len, s)) >= 5, -len(s), min(map(len, s))))
    if min(map(len, best)) < 2:
        return None
    return tuple(sorted(best))
