"""Words a narrow table cell or a fixed-width line broke without a hyphen, made whole again.

One rule for every reader: pasted text (flat text and `pdftotext -layout` columns) and the
lines inside a PDF table cell. The word list is `importing.ocrfix.danish_words` (Debian's
wdanish plus the template's words), loaded once; without it nothing changes.
"""

from __future__ import annotations

import re

# -- words a narrow table cell broke -------------------------------------------------------
# a word's letters and what closes it: punctuation, or a slash and the word it goes on to
# ("boligområd" / "e/målgruppe")
_WORD_AND_TAIL = re.compile(r"^([a-zæøåA-ZÆØÅ]+)([^\wæøåÆØÅ]*|/\S*)$")


def _is_compound(word: str, words: frozenset[str], parts: int = 2) -> bool:
    """A Danish compound of two (or up to `parts`) known words, with or without the joining
    s or e ("tryghed|s|niveauet", "gadeplan|s|medarbejder", "med|borgerskab|s|medarbejder")."""
    for cut in range(3, len(word) - 2):
        head, tail = word[:cut], word[cut:]
        if tail not in words:
            continue
        bare = head[:-1] if head[-1:] in "se" else head
        if head in words or bare != head and bare in words:
            return True
        if parts > 2 and (
            _is_compound(head, words, parts - 1) or _is_compound(bare, words, parts - 1)
        ):
            return True
    return False


_SUFFIXES = {"et", "en", "t", "n", "ne", "ene", "erne"}


def _definite_suffix(previous: str, token: str, following: str, words: frozenset[str]) -> bool:
    """A name's definite ending a narrow cell set on the next line ("Houkærvæng et (14)",
    "Boligselskab et Viborg", "Klostervænge t"): a lone ending after a capitalised word,
    where no noun follows ("et" and "en" are articles only before one)."""
    bare = token.rstrip(",.;:")
    if bare not in _SUFFIXES or not re.fullmatch(r"[A-ZÆØÅ][a-zæøå]{3,}", previous):
        return False
    if bare in ("et", "en") and following[:1].islower():
        return False  # "Tranebo en gang om året": an article before its noun
    if previous.lower() in words and (previous + bare).lower() not in words:
        return False  # a word and an article or ending that make no word together
    return bare == token or bare != "en" and bare != "et"


def join_broken_words(flow: str) -> str:
    """Words a narrow table cell broke without a hyphen, copied with a space inside
    ("helhedspl anens", "Landsgenne msnittet", "arbejdsmarkede t"): two neighbours joined
    when the second goes on in lower case, not both are Danish words on their own, and the
    joined form is one (or, where neither half is a word, a compound of two). Without
    the word list nothing changes."""
    from importing.ocrfix import danish_words

    words = danish_words()
    tokens = flow.split(" ")
    if not words or len(tokens) < 2:
        return flow
    out = [_suspended(tokens[0], words)]
    for index, token in enumerate(tokens[1:], start=1):
        following = tokens[index + 1] if index + 1 < len(tokens) else ""
        if _one_word(out[-1], token, following, words):
            out[-1] += token
        else:
            out.append(_suspended(token, words))
    return " ".join(out)


def broken_across(before: str, after: str, *, too_wide: bool = False) -> bool:
    """Whether the word that ends the line `before` goes on at the start of the line `after`
    (a narrow cell broke it where its line ended, without a hyphen): the rule of
    `join_broken_words`, on the last word of one line and the first of the next. `too_wide`:
    the line before is that one word, it fills its line, and it and the next are wider than
    any line of the cell (its writer may have had to break them), so two words that make one
    known word are one ("beskæftig" / "else"), and a fragment and a word that make a compound
    ("ungdomsuddann" / "else")."""
    from importing.ocrfix import danish_words

    words = danish_words()
    head = before.rsplit(None, 1)[-1:] if before.strip() else []
    tail = after.split(None, 2)
    if not words or not head or not tail:
        return False
    following = tail[1] if len(tail) > 1 else ""
    if _one_word(head[0], tail[0], following, words):
        return True
    match = _WORD_AND_TAIL.match(tail[0])
    if not (
        too_wide
        and match
        and tail[0][:1].islower()
        and re.fullmatch(r"[a-zæøåA-ZÆØÅ]{2,}", head[0])
    ):
        return False
    joined = (head[0] + match[1]).lower()
    if joined in words:
        return True
    # a compound only where one part is no word ("ungdomsuddann" / "else"): two words make
    # a compound as often as they wrap ("Helhedsplanens" / "registrering")
    both = head[0].lower() in words and match[1] in words
    return not both and len(joined) >= 9 and _is_compound(joined, words)


def _one_word(previous: str, token: str, following: str, words: frozenset[str]) -> bool:
    """Whether `token` is the rest of the word `previous` (`following` is the token after
    it: whether the text goes on in lower case)."""
    if token == "s" and re.fullmatch(r"[a-zæøåA-ZÆØÅ]{3,}", previous):
        return True  # a genitive s a narrow cell broke off: never a word
    if _definite_suffix(previous, token, following, words):
        return True
    tail = _WORD_AND_TAIL.match(token)
    if not (
        tail
        and token[:1].islower()
        and re.fullmatch(r"[a-zæøåA-ZÆØÅ]{2,}", previous)
        and not (previous.lower() in words and tail[1] in words)
    ):
        return False
    joined = (previous + tail[1]).lower()
    # a word on either side ("Tranebo er", "leder jobklubben") joins only into a known
    # word, never a compound ("traneboer"); two fragments into either an ending that is a
    # word too ("er", "en", "der") joins only where the text does not go on in lower case
    # after it ("Projektmedarbejd er (finansieret …)")
    ending = tail[1] in _ENDINGS and not following[:1].islower()
    fragments = previous.lower() not in words and (tail[1] not in words or ending)
    return joined in words or (
        fragments and len(joined) >= 9 and _is_compound(joined, words, 3 if ending else 2)
    )


# the endings a narrow cell sets on a line of their own that are words too ("er", "en")
_ENDINGS = {"er", "en", "et", "ne", "ene", "erne", "ende", "der"}
_SUSPENDED = re.compile(r"^([A-ZÆØÅa-zæøå]{3,}?)(og|eller)$")


def _suspended(token: str, words: frozenset[str]) -> str:
    """A compound's first part with its hyphen lost at a line end, run into the "og" after
    it ("Børneog Familieafdelingen", as `pdftotext` joins "Børne-" and "og"): the hyphen
    and the space back, where the run-together word is none and its first part is one."""
    match = _SUSPENDED.match(token)
    if not match or token.lower() in words:
        return token
    head = match[1].lower()
    if head in words or head[-1:] in "es" and head[:-1] in words:
        return f"{match[1]}- {match[2]}"
    return token
