"""Repair text read by OCR without a Danish model (æ/ø/å lost: seed 000's kind of damage).

Only words the Danish word list does not know are touched; a word is replaced only when
reversing the observed confusions (`ee→æ, ae→æ, &→å, é→å, a→å, d→å, g→ø, o→ø`, a leading
`I→l`; at most three per word) gives a word the list knows, or two known words joined (a
compound). With several candidates the one the document itself uses elsewhere wins, then
the one with the fewest changes; a tie between equally good candidates leaves the word
alone: never guess.
"""

from __future__ import annotations

import itertools
import re
from collections import Counter
from functools import cache

from lib.text import fold
from lib.wordlist import danish_words as _danish_words

# Words of the LBF templates the general word list lacks; they count as known.
TEMPLATE_WORDS = frozenset(
    [
        "baseline",
        "baselines",
        "datakilde",
        "datakilder",
        "delaftale",
        "delaftalen",
        "delaftalens",
        "delaftaler",
        "delaftalerne",
        "indsatsområdet",
        "indsatsområderne",
        "medarbejderressourcer",
        "aktivitetsnavn",
        "rollefordeling",
        "boligsocial",
        "boligsociale",
        "boligsocialt",
        "landsbyggefonden",
        "landsbyggefondens",
        "helhedsplanens",
        "helhedsplanerne",
        "problemkompleks",
        "problemkomplekset",
        "forandringsteori",
        "følgegruppe",
        "følgegrupper",
        "følgegrupperne",
        "driftsstøtteportalen",
        "medfinansiering",
        "beboerdata",
        "indsatsområde",
        "indsatsområder",
    ]
)


@cache
def danish_words() -> frozenset[str]:
    return _danish_words() | TEMPLATE_WORDS if _danish_words() else frozenset()


# (damaged, original): what Tesseract's English model writes for a Danish letter
CONFUSIONS: tuple[tuple[str, str], ...] = (
    ("ee", "æ"),
    ("ae", "æ"),
    ("&", "å"),
    ("é", "å"),
    ("a", "å"),
    ("d", "å"),
    ("g", "ø"),
    ("o", "ø"),
)
MAX_CHANGES = 3
MAX_SITES = 9
_WORD = re.compile(r"[A-Za-zÆØÅæøåéÉ&]+(?:-[A-Za-zÆØÅæøå]+)*")
_DANISH_LETTERS = re.compile(r"[æøåÆØÅ]")
_LETTERS = re.compile(r"[A-Za-zæøåÆØÅ]")


def looks_ocr_damaged(text: str) -> bool:
    """Danish text with (almost) no æ, ø or å was read without the Danish model."""
    letters = len(_LETTERS.findall(text))
    if letters < 400:
        return False
    return len(_DANISH_LETTERS.findall(text)) / letters < 0.002


def _sites(word: str) -> list[tuple[int, str, str]]:
    lower = word.lower()
    sites = []
    for damaged, original in CONFUSIONS:
        start = 0
        while (pos := lower.find(damaged, start)) != -1:
            sites.append((pos, damaged, original))
            start = pos + 1
    return sites


def _apply(word: str, chosen: tuple[tuple[int, str, str], ...]) -> str | None:
    spans = sorted(chosen)
    for (a_pos, a_dmg, _), (b_pos, _, _) in itertools.pairwise(spans):
        if a_pos + len(a_dmg) > b_pos:
            return None  # overlapping changes
    result, last = [], 0
    for pos, damaged, original in spans:
        result.append(word[last:pos])
        replacement = original.upper() if word[pos].isupper() else original
        result.append(replacement)
        last = pos + len(damaged)
    result.append(word[last:])
    return "".join(result)


def candidates(word: str, used: Counter[str] | None = None) -> list[tuple[int, str]]:
    """Known words `word` may have been before the damage, with the number of changes.
    `used`: the document's own words; one it writes elsewhere counts as known (a name the
    word list lacks: »Abyhavn« where the document has »Åbyhavn«)."""
    words = danish_words()
    variants = [word]
    if word.startswith("I") and len(word) > 1 and word[1].islower():
        variants.append("l" + word[1:])
    found: list[tuple[int, str]] = []
    for base_changes, variant in enumerate(variants):
        sites = _sites(variant)[:MAX_SITES]
        for count in range(1, MAX_CHANGES + 1):
            for chosen in itertools.combinations(sites, count):
                repaired = _apply(variant, chosen)
                if repaired and (
                    _known_or_compound(repaired, words) or used and used[repaired.lower()]
                ):
                    found.append((count + base_changes, repaired))
        if base_changes and variant.lower() in words:
            found.append((base_changes, variant))
    return found


# Endings a Danish noun, verb or adjective takes that the word list (base forms) may lack:
# »mentorer« is »mentor« + »er«, a right word however unknown the plural is to the list.
_ENDINGS = ("erne", "ende", "ene", "ere", "ede", "er", "en", "et", "es", "ne", "e", "s", "r", "t")
_MIN_STEM = 4


def known_inflection(word: str, words: frozenset[str]) -> bool:
    """`word` is a word the list knows with one of Danish's endings added."""
    lower = word.lower()
    return any(
        lower.endswith(ending)
        and len(lower) - len(ending) >= _MIN_STEM
        and lower[: -len(ending)] in words
        for ending in _ENDINGS
    )


def _known_or_compound(word: str, words: frozenset[str]) -> bool:
    lower = word.lower()
    if lower in words:
        return True
    for cut in range(3, len(lower) - 2):
        if lower[:cut] in words and lower[cut:] in words and len(lower[cut:]) >= 4:
            return True
    return False


# A list's bullet read as a sign (»+ Fritidsjobguide«, »+. Åbyhavn Kommune«, »® Jobcafé«)
_BULLET_GLYPH = re.compile(r"^([ \t]*)[+¢®©][ \t]*\.?[ \t]*(?=[A-ZÆØÅ])", re.MULTILINE)
# a speck read as a full stop or comma before a line's first word (».Virksomhedskonsulent«,
# ». til virksomheder«)
_STRAY_POINT = re.compile(r"^([ \t]*(?:• )?)[.,'‘`][ \t]*(?=[A-ZÆØÅa-zæøå])", re.MULTILINE)
# a number glued to the text it numbers (»2.Flere unge …«)
_GLUED_NUMBER = re.compile(r"^([ \t]*\d{1,2})\.(?=[A-ZÆØÅ][a-zæøå])", re.MULTILINE)
# a label's colon read as a semicolon (»Aktivitetsskema; Jobvejen«, »Formål; At …«)
_LABEL_SEMICOLON = re.compile(r"^([ \t]*)([A-ZÆØÅ][\wæøåÆØÅ\- ]{2,50}?)[ \t]*;[ \t]+", re.MULTILINE)


# a year's opening parenthesis read as »0« or »1« (»02023)«, »12023)«): a figure of tens of
# thousands would be read from it; only where the line has no »(« the »)« could close
_PAREN_AS_DIGIT = re.compile(r"(?<![\w(.,])[01]((?:19|20)\d\d)\)")


def _paren_year(match: re.Match[str]) -> str:
    line_start = match.string.rfind("\n", 0, match.start()) + 1
    before = match.string[line_start : match.start()]
    if before.count("(") > before.count(")"):
        return match[0]
    return f"({match[1]})"


def clean_artefacts(text: str) -> str:
    """What OCR adds around the words rather than in them: a bullet read as »+«, a speck
    read as a point before a line, a list number glued to its text, a year's »(« read as a
    digit, a label's colon read as »;«. Line by line; the words themselves are `repair_text`'s."""
    text = _BULLET_GLYPH.sub(r"\1• ", text)
    text = _STRAY_POINT.sub(r"\1", text)
    text = _GLUED_NUMBER.sub(r"\1. ", text)
    text = _PAREN_AS_DIGIT.sub(_paren_year, text)
    return _LABEL_SEMICOLON.sub(_label_colon, text)


def _label_colon(match: re.Match[str]) -> str:
    from importing.recognisers.labels import ALL_LABELS, match_label

    head = match[2]
    folded = fold(head)
    if folded.startswith(("aktivitetsskema", "skema")) or match_label(f"{head}: x", ALL_LABELS):
        return f"{match[1]}{head}: "
    return match[0]


# Short words OCR glues to the word before them (»kommeri job«): split off only when the
# glued form is no word and what stands before them is one. Never »en«/»et«/»er«/»ne«: those
# are also endings (»indsatsen«), so a compound the list lacks would be cut in two.
_GLUED_WORDS = ("i", "og", "at", "på", "af", "til", "med")


def split_glued(word: str, words: frozenset[str]) -> str | None:
    """»kommeri« → »kommer i«, when »kommeri« is no word and »kommer« is."""
    lower = word.lower()
    if lower in words or not word.islower():
        return None
    found = [
        f"{word[: -len(small)]} {small}"
        for small in _GLUED_WORDS
        if lower.endswith(small) and len(lower) - len(small) >= 3 and lower[: -len(small)] in words
    ]
    return found[0] if len(found) == 1 else None


def repair_text(text: str, used: Counter[str] | None = None) -> tuple[str, int]:
    """Repair every unknown word in `text`; returns the text and how many words changed.
    `used`: how often each word occurs in the whole document (`document_usage`), when `text`
    is one part of it; by default the words of `text` itself."""
    words = danish_words()
    if not words:
        return text, 0
    text = clean_artefacts(text)
    usage = used if used is not None else document_usage(text)
    cache: dict[str, str | None] = {}
    changed = 0

    def fix(match: re.Match[str]) -> str:
        nonlocal changed
        token = match[0]
        parts = token.split("-")
        out = []
        for part in parts:
            replacement = _repair_word(part, words, usage, cache)
            if replacement != part:
                changed += 1
            out.append(replacement)
        return "-".join(out)

    return _WORD.sub(fix, text), changed


def document_usage(text: str) -> Counter[str]:
    """How often each word (lower case) occurs in `text`."""
    return Counter(w.lower() for w in _WORD.findall(text))


def _repair_word(
    word: str, words: frozenset[str], usage: Counter[str], cache: dict[str, str | None]
) -> str:
    if len(word) < 2 or word.lower() in words or known_inflection(word, words):
        return word
    if word not in cache:
        options = candidates(word, usage)
        best: str | None = None
        if options:
            ranked = sorted(
                {(-usage.get(c.lower(), 0), n, c) for n, c in options},
                key=lambda t: (t[0], t[1]),
            )
            top = ranked[0]
            ties = [r for r in ranked if r[0] == top[0] and r[1] == top[1]]
            if len({r[2].lower() for r in ties}) == 1:
                best = top[2]
        else:
            best = split_glued(word, words)
        cache[word] = best
    return cache[word] or word
