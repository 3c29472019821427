"""Which way an indicator should move, guessed from the words of its delmål and its own text
(a proposal for a new indicator; a person confirms it on the import review page).

»Færre unge bliver sigtet …«, »reducere hærværk«, »fald i ledigheden« → mindre er bedre;
»Flere beboere i job«, »øge trivslen« → mere er bedre; »fastholde« → niveauet fastholdes.
The delmål's own verb decides before the indicator's nouns (»Færre unge har et højt
skolefravær« / »Andel elever med mere end 10 % fravær« is fewer)."""

from __future__ import annotations

import re

from lib.text import fold

_HOLD = re.compile(r"\b(?:fasthold\w*|bevare\w*|uaendret|opretholde\w*|stabil\w*)\b")
_LESS_VERBS = re.compile(
    r"\b(?:faerre|mindre|reducer\w*|nedbring\w*|mindsk\w*|fald\w*|begraens\w*|forebyg\w*"
    r"|lavere|nedgang\w*|undgaa\w*)\b"
)
_MORE_VERBS = re.compile(
    r"\b(?:flere|mere|oge\w*|oget|stig\w*|hojere|bedre|styrke\w*|forbedr\w*|udvikle\w*)\b"
)
# what is counted is bad in itself: less of it is better
_LESS_NOUNS = re.compile(
    r"(?:sigte\w*|sigtel\w*|domt\w*|dom\b|kriminal\w*|haervaerk\w*|indbrud\w*|tyveri\w*"
    r"|ledig\w*|fravaer\w*|utryg\w*|fraflyt\w*|anmeld\w*|vold\w*|chikane\w*|udsaettel\w*"
    r"|restance\w*|misbrug\w*|ensom\w*|konflikt\w*|brand\w*)"
)


# a thing negated (»der ikke får en ny sigtelse«, »uden sigtelser«): more of that is better
_NEGATION = re.compile(r"\b(?:ikke|uden|ingen|aldrig)\b")
_NEGATION_REACH = 5  # words before the thing counted that may negate it


def _negated(words: str, match: re.Match[str]) -> bool:
    before = words[: match.start()].split()[-_NEGATION_REACH:]
    return bool(_NEGATION.search(" ".join(before)))


def _flipped(direction: str) -> str:
    return {"less": "more", "more": "less"}.get(direction, direction)


def _words(text: str | None) -> str:
    return fold(text)


def _verb(head: str) -> str | None:
    if _HOLD.search(head):
        return "hold"
    if _LESS_VERBS.search(head):
        return "less"
    if _MORE_VERBS.search(head):
        return "more"
    return None


def guess_direction(goal: str | None, indicator: str | None) -> str | None:
    """»more«, »less«, »hold« (plans.models.Direction), or None where the words do not say.

    The indicator's first word (»Færre …«), else a thing counted that is bad in itself
    (sigtet, hærværk, ledighed, fravær …; negated, »der ikke får en ny sigtelse«, it is good),
    else the delmål's first words, else its nouns (turned round when the indicator negates
    and the delmål does not)."""
    goal_words, indicator_words = _words(goal), _words(indicator)
    if found := _verb(" ".join(indicator_words.split()[:1])):
        return found
    if bad := _LESS_NOUNS.search(indicator_words):
        return "more" if _negated(indicator_words, bad) else "less"
    # the indicator counts the opposite of what the delmål speaks of (»Andel elever, der ikke
    # består« under »Flere elever består«), unless the delmål says it so too
    turn = bool(_NEGATION.search(indicator_words)) and not _NEGATION.search(goal_words)
    if found := _verb(" ".join(goal_words.split()[:3])):
        return _flipped(found) if turn else found
    if _LESS_NOUNS.search(goal_words):
        return "more" if turn else "less"
    return None
