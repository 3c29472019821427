"""Reading the cells of a delmål/indikator table: baselines, comparators, split indicators.

Pure text functions over one cell's text (lines joined by newlines), shared by every reader
because the table's meaning does not depend on where it came from.
"""

from __future__ import annotations

import re
from typing import Any

from importing.wordbreaks import broken_across
from lib.danish import parse_figure
from lib.wordlist import danish_words
from plans.interchange import Measure

_CONJUNCTIONS = {"og", "eller", "samt", "til", "/"}
_HYPHEN_BREAK = re.compile(r"([A-Za-zæøåÆØÅ])-(?:[ \t]*\n[ \t]*|[ \t]+)([a-zæøå]\w*)")
_YEAR_PAREN = re.compile(r"\(\s*((?:19|20)\d{2})\s*\)")
_NAME_PAREN = re.compile(
    r"((?:Afd\.?|Afdeling|Boligafdeling)\s*\d+[a-z]?|[A-ZÆØÅ][^()\d:\n]{1,60}?)"
    r"\s*\(\s*([^()]*\d[^()]*)\)"
)
_SCOPE_COLON = re.compile(
    r"(?:(?<=\s)|^)((?:[Aa]fd\.?|[Aa]fdeling|[Bb]oligafdeling)\s*\d+[a-z]?"
    r"|[A-ZÆØÅ][\wæøåÆØÅ.\- ]{1,40}?)\s*:\s"
)
# A scope in lower case before its figure, where a line or the cell starts with it:
# »alle helhedsplaner: 7,9 %«, »landsgennemsnittet: 10,4 %«.
_LINE_SCOPE = re.compile(r"^([^\W\d_][\wæøåÆØÅ.\- ]{1,40}?)\s*:\s+(?=\S*\d|[^:]*\d)")
_BARE_FIGURE = re.compile(
    r"^\s*(?!(?:19|20)\d{2}\s*$)[=~]?\s*\d[\d.,]*\s*(?:%|pct\.?|procent)?\s*$"
)
_YEAR_LINE = re.compile(r"^\s*\(\s*((?:19|20)\d{2})\s*\)\s*$")
_PIECE_SPLIT = re.compile(r"\s+(?=(?:=\s*)?\d)")
_PERCENT = re.compile(r"\d\s*(?:%|pct\b|procent\b)", re.IGNORECASE)
_QUOTED = re.compile(r"[\"“”„«»]([^\"“”„«»]{8,})[\"“”„«»]")


def dehyphenate(text: str) -> str:
    """Join words broken by a hyphen at a line end (`afdelings-\\nmøderne`), not `Syd- og`."""

    def join(match: re.Match[str]) -> str:
        if match[2].lower() in _CONJUNCTIONS:
            return match[0]
        return match[1] + match[2]

    return _HYPHEN_BREAK.sub(join, text)


def join_broken_words(text: str) -> str:
    """Join lines of a narrow cell where a word was broken without a hyphen (`boligområ|de`,
    `Tryghedsmåli|ng`): the one rule of `importing.wordbreaks`, across each line end."""
    lines = text.split("\n")
    out = [lines[0]]
    for line in lines[1:]:
        if broken_across(out[-1], line):
            out[-1] += line
        else:
            out.append(line)
    return "\n".join(out)


def clean_cell(text: str) -> str:
    """A cell as one line of text: broken words joined, whitespace collapsed."""
    text = re.sub(r"(?<=\w)/[ \t]*\n[ \t]*(?=\w)", "/", text)  # »a/« at a line's end goes on
    return " ".join(dehyphenate(join_broken_words(text)).split())


def _measure(
    text: str, scope: str | None, year: int | None, figure_text: str | None = None
) -> Measure:
    text, kind = take_kind(text)
    if scope:
        scope, scope_kind = take_kind(scope)
        kind = kind or scope_kind
    if figure_text is not None:
        figure_text = take_kind(figure_text)[0]
    figure = parse_figure(figure_text if figure_text is not None else text)
    return Measure(
        text=text,
        scope=scope or None,
        percent=figure.percent,
        count=figure.count,
        denominator=figure.denominator,
        year=figure.year or year,
        scope_kind=kind,
    )


def _trailing_scope(text: str) -> str | None:
    match = re.search(r"\(([^()\d]{3,})\)\s*$", text)
    return " ".join(match[1].split()) if match else None


def parse_measures(cell: str) -> tuple[list[Measure], int | None]:
    """Read the figures in one baseline cell; returns the measures and a year written for all.

    Shapes: `Afd. 22: 41 beboere (6,3%) Afd. 30: …` (scope before a colon),
    `Houkærvænget (17,06%) Vestervang (14,11%) (2019)` (scope before a figure in brackets),
    `78% 115 ud af 148 beboere` (one figure in two parts), `36 % utryk 5 % utryk` (several).
    """
    lines = [line for line in cell.split("\n") if line.strip()]
    cell_year = None
    if len(lines) > 1 and (alone := _YEAR_LINE.match(lines[-1])):
        # a year on a line of its own under the figures: the year of them all, not of the
        # last one's text (»Afd. 7: 34 beboere« / »Afd. 9: 19 beboere« / »(2022)«)
        cell_year = int(alone[1])
        cell = "\n".join(lines[:-1])
    if len(lines) > 1 and all(_BARE_FIGURE.match(line) for line in lines):
        # one bare figure a line (»81,4 %« / »5,1« / »27,3 %«): each its own, never a
        # percent and a count of one figure
        return [_measure(" ".join(line.split()), None, cell_year) for line in lines], cell_year
    if len(lines) > 1 and all(_LINE_SCOPE.match(clean_cell(line)) for line in lines):
        # one figure a line, each after its scope: read line by line, so a scope in lower
        # case is told from the figure before it
        measures: list[Measure] = []
        for line in lines:
            found, _line_year = parse_measures(line)
            measures.extend(found)
        for m in measures:
            m.year = m.year or cell_year
        return measures, cell_year
    text = mark_kind_notes(clean_cell(cell))
    if not text or not re.search(r"\d", text):
        return [], cell_year
    years = _YEAR_PAREN.findall(text)
    year = cell_year or (int(years[-1]) if years else None)
    from importing.named_figures import read_named_figures

    if (named_list := read_named_figures(text, year)) is not None:
        return named_list, year

    colon_scopes = list(_SCOPE_COLON.finditer(text))
    if (not colon_scopes or colon_scopes[0].start() >= 3) and (lower := _LINE_SCOPE.match(text)):
        colon_scopes.insert(0, lower)
    if colon_scopes and colon_scopes[0].start() < 3:
        measures = []
        for index, match in enumerate(colon_scopes):
            end = colon_scopes[index + 1].start() if index + 1 < len(colon_scopes) else len(text)
            body = text[match.end() : end].strip()
            if body:
                measures.append(_measure(body, match[1].strip(), year))
        if measures:
            return measures, year

    without_years = _YEAR_PAREN.sub(" ", text)
    named = list(_NAME_PAREN.finditer(without_years))
    covered = sum(len(m[0]) for m in named)
    if named and covered >= 0.6 * len(_KIND_MARK.sub("", without_years).replace(" ", "")):
        measures = []
        for index, match in enumerate(named):
            scope = " ".join(match[1].split())
            measure_text = match[0].strip()
            if index == len(named) - 1 and years:
                measure_text += f" ({years[-1]})"
            # a kind stated after the figure belongs to it
            end = named[index + 1].start() if index + 1 < len(named) else len(without_years)
            if mark := re.match(r"\s*⟦\w+⟧", without_years[match.end() : end]):
                measure_text += mark[0]
            measures.append(_measure(measure_text, scope, year, figure_text=match[2]))
        return measures, year

    pieces = _PIECE_SPLIT.split(text)
    merged: list[str] = []
    for piece in pieces:
        if merged and re.search(r"(?:\baf|/|\bud af)\s*$", merged[-1]):
            merged[-1] += " " + piece
        else:
            merged.append(piece)
    groups: list[list[str]] = []
    has_percent = has_count = False
    for piece in merged:
        number_first = bool(re.match(r"^(?:=\s*)?\d", piece))
        piece_percent = bool(_PERCENT.search(piece))
        piece_count = number_first and not re.match(r"^(?:=\s*)?[\d.,]+\s*(?:%|pct|procent)", piece)
        starts_new = bool(groups) and (
            (piece_percent and has_percent and number_first)
            or (piece_count and has_count and not piece_percent)
        )
        if not groups or starts_new:
            groups.append([piece])
            has_percent, has_count = piece_percent, piece_count
        else:
            groups[-1].append(piece)
            has_percent = has_percent or piece_percent
            has_count = has_count or piece_count
    measures = []
    for group in groups:
        measure_text = " ".join(group).strip()
        if re.search(r"\d", measure_text):
            measures.append(_measure(measure_text, _trailing_scope(measure_text), year))
    return measures, year


def split_indicators(cell: str, count: int) -> list[str]:
    """Split a cell holding `count` indicators (one survey question each) into their texts.

    By quoted questions when there are exactly `count`; otherwise at a capitalised common
    word following a word without punctuation (a lost line break), when that gives exactly
    `count` parts. Otherwise the cell stays one indicator.
    """
    text = clean_cell(cell)
    if count < 2:
        return [text]
    quoted = _QUOTED.findall(text)
    if len(quoted) == count:
        outside = _QUOTED.sub("", text)
        if len(re.sub(r"\W", "", outside)) < 0.2 * len(text):
            return [f'"{q.strip()}"' for q in quoted]
    lines = [line.strip() for line in cell.split("\n") if line.strip()]
    if len(lines) == count and all(line[0].isupper() or line[0] in '"“' for line in lines):
        return [clean_cell(line) for line in lines]
    words = danish_words()
    cuts = []
    for match in re.finditer(r"(?<=[a-zæøå]) ([A-ZÆØÅ][a-zæøå]+)", text):
        if match[1].lower() in words and _outside_quotes(text, match.start()):
            cuts.append(match.start())
    if len(cuts) == count - 1:
        parts, last = [], 0
        for cut in cuts:
            parts.append(text[last:cut].strip())
            last = cut + 1
        parts.append(text[last:].strip())
        return parts
    return [text]


def _outside_quotes(text: str, position: int) -> bool:
    return len(re.findall(r"[\"“”„«»]", text[:position])) % 2 == 0


# -- what kind of scope a figure is for ---------------------------------------------------
_FOLD_KIND = str.maketrans({"ø": "o", "æ": "e", "å": "a", "é": "e"})


def _fold(text: str | None) -> str:
    folded = (text or "").lower().translate(_FOLD_KIND)
    return " ".join(re.sub(r"[^0-9a-z%]+", " ", folded).split())


# The kinds of plans.models.ScopeKind in the words a document uses for them; the first of
# each is what an export writes (»(omfang: afdeling)«).
KIND_WORDS = {
    "whole": ("hele området", "hele målgruppen", "hele boligområdet", "samlet", "i alt", "hele"),
    "department": ("afdeling", "boligafdeling", "afd."),
    "housing_area": ("boligområde", "bebyggelse", "område"),
    "target_group": ("målgruppe", "spørgsmål", "deltagere"),
    "municipality": ("kommune", "kommunen", "kommunalt"),
    "all_plans": ("alle helhedsplaner", "helhedsplaner", "boligsociale helhedsplaner"),
    "national": ("landsplan", "hele landet", "landsgennemsnit", "nationalt"),
}
_KIND_BY_WORD = {_fold(word): kind for kind, words in KIND_WORDS.items() for word in words}
# A kind stated in a figure's cell: »41 beboere (omfang: boligområde)«.
_KIND_NOTE = re.compile(r"\(\s*omfang\s*[:=–-]\s*([^()\d]{3,40}?)\s*\)", re.IGNORECASE)
_KIND_MARK = re.compile(r"\s*⟦(\w+)⟧\s*")


def _words(*words: str) -> re.Pattern[str]:
    """Any of `words` (patterns over a folded text) as whole words: »afdeling« is in
    »Afdelingen Solsikken« but not in »Afdelingsparken«, a boligområde's name."""
    return re.compile(r"\b(?:" + "|".join(words) + r")\b")


# The words of a scope that say its kind, each a whole word (or phrase) of the folded scope
# with the endings Danish gives it; a name that only contains one (»Boligområdet
# Afdelingsvej«, »Kommunehaven«, »Hollandsvej«, »Landsbyen«, »Helhedsplanvej«) says nothing.
# The first kind whose words a scope has is its kind.
_SCOPE_RULES: tuple[tuple[str, re.Pattern[str]], ...] = (
    (
        "whole",
        re.compile(
            r"^(?:hele (?:omradet|boligomradet|malgruppen|afdelingen)|samlet|i alt|alle beboere)$"
        ),
    ),
    (
        "department",
        _words(r"(?:bolig)?afd(?:\d+[a-z]?)?", r"(?:bolig)?afdeling(?:s|en|ens|er|erne|ernes)?"),
    ),
    (
        "all_plans",
        _words(
            r"helhedsplan(?:en|ens|er|erne|ernes)?", "alle boligsociale", "boligsociale indsatser"
        ),
    ),
    (
        "national",
        _words(
            r"landsplan(?:en|et)?",
            r"landsniveau(?:et)?",
            r"landsgennemsnit(?:tet|tets|s)?",
            "landsdekkende",
            r"national(?:t|e)?",
            "hele landet",
            "danmark",
        ),
    ),
    ("municipality", _words(r"kommun(?:e|en|ens|es|er|erne|ernes|al|alt|ale)")),
    (
        "housing_area",
        _words(r"boligomrade(?:t|ts|r|rne|rnes)?", r"bebyggelse(?:n|ns|r|rne|rnes)?"),
    ),
    (
        "target_group",
        _words(
            r"malgruppe(?:n|ns|r|rne|rnes)?",
            r"deltager(?:e|en|ens|ne|nes)?",
            "adspurgte",
            r"respondent(?:en|er|erne)?",
            r"sporgsmal(?:et|ene)?",
            r"elever(?:ne)?",
            "unge",
            r"born(?:ene)?",
            r"drenge(?:ne)?",
            r"piger(?:ne)?",
            r"kvinder(?:ne)?",
            r"ma?end(?:ene)?",
            "ledige",
            r"familier(?:ne)?",
            r"fora?eldre(?:ne)?",
            r"\d+ ?(?:\d+ )?ar",
        ),
    ),
)


def scope_kind_of(scope: str | None, *, default: str | None = None) -> str | None:
    """The kind of scope a figure is for, from the scope's own words (None where they do not
    say: a bare name may be a boligområde or an afdeling's name).

    Afd. 7 / afdeling → department, boligområde → housing_area, … Kommune → municipality,
    alle helhedsplaner → all_plans, landsplan / landsgennemsnit → national, a target group's
    words (unge, elever, adspurgte, 16-25 år) → target_group. Without a scope the words say
    nothing: `default` is what the figure's column says (»Baseline kommune« → municipality),
    else None, so saving keeps the kind a person gave the figure (or guesses).
    """
    folded = _fold(scope)
    if not folded:
        return default
    if folded in _KIND_BY_WORD:
        return _KIND_BY_WORD[folded]
    for kind, pattern in _SCOPE_RULES:
        if pattern.search(folded):
            return kind
    return None


def kind_word(kind: str) -> str:
    """The Danish word an export writes for a scope kind."""
    return KIND_WORDS[kind][0] if kind in KIND_WORDS else kind


def mark_kind_notes(text: str) -> str:
    """Stated scope kinds (»(omfang: boligområde)«) as marks the figure parsing keeps with
    their figure; `take_kind` reads them back out of one figure's text."""

    def mark(match: re.Match[str]) -> str:
        kind = _KIND_BY_WORD.get(_fold(match[1]))
        return f" ⟦{kind}⟧ " if kind else match[0]

    return _KIND_NOTE.sub(mark, text)


def take_kind(text: str) -> tuple[str, str | None]:
    """A figure's text without its stated kind, and that kind."""
    found = _KIND_MARK.search(text)
    if not found:
        return text, None
    return " ".join(_KIND_MARK.sub(" ", text).split()), found[1]


# -- process goals (format 2: `activities[].process_goals`) --------------------------------
_PER_RULES = (
    ("quarter", r"\b(?:pr|per|hvert|i|om) kvartal(?:et)?\b|\bkvartalsvis\b"),
    ("month", r"\b(?:pr|per|hver|i|om) maned(?:en)?\b|\bmanedlig\w*\b"),
    ("year", r"\b(?:pr|per|hvert|i|om) ar(?:et)?\b|\barlig\w*\b|\baret rundt\b"),
    (
        "period",
        r"\bi (?:hele )?(?:aftale|projekt|indsats|bevillings|delaftale)?perioden\b"
        r"|\bover perioden\b|\bi lobet af perioden\b|\bi alt\b",
    ),
)
PER_WORDS = {
    "year": "pr. år",
    "quarter": "pr. kvartal",
    "month": "pr. måned",
    "period": "i perioden",
}
_PER_PHRASE = re.compile(
    r",?\s*\b(?:(?:pr\.?|per|hvert|hver|om|i)\s+(?:år(?:et)?|kvartal(?:et)?|måned(?:en)?)"
    r"|årlig\w*|kvartalsvis|månedlig\w*|året rundt"
    r"|i (?:hele )?(?:aftale|projekt|indsats|bevillings|delaftale)?perioden|over perioden"
    r"|i løbet af perioden|i alt)\b",
    re.IGNORECASE,
)
_NUMBER_WORDS = {
    "en": 1,
    "én": 1,
    "et": 1,
    "ét": 1,
    "to": 2,
    "tre": 3,
    "fire": 4,
    "fem": 5,
    "seks": 6,
    "syv": 7,
    "otte": 8,
    "ni": 9,
    "ti": 10,
    "elleve": 11,
    "tolv": 12,
    "tyve": 20,
}
_TARGET = re.compile(
    r"(?<![\w.,])(\d+(?:[.,]\d+)?)(?![\d.,]*\s*%)"
    r"|(?:^|\b(?:mindst|minimum|min\.|ca\.|cirka|op til|hver|heraf)\s+)"
    r"(en|én|et|ét|to|tre|fire|fem|seks|syv|otte|ni|ti|elleve|tolv|tyve)\b",
    re.IGNORECASE,
)
# The words a condition starts with, after the number and the thing counted: »6 møder om
# temaerne«, »mindst 1 uden for boligområdet«, »2 forløb med deltagelse af forældre«.
_CONDITION = re.compile(
    r"^(?:om|uden for|inden for|i|med|for|på|blandt|hos|sammen med|hvor|hvoraf|der|som)\b",
    re.IGNORECASE,
)
# A process goal's parts stated after it where its words do not say them:
# »mindst 4 af dem arrangeres af beboerne (mål: 4 pr. år; betingelse: arrangeret af beboerne)«
_GOAL_NOTE = re.compile(
    r"\s*\(\s*((?:mål|betingelse|tæller med|tæller når)\s*:[^()]*)\)\s*\.?\s*$", re.IGNORECASE
)


def _per_of(text: str) -> str | None:
    folded = _fold(text)
    return next((per for per, pattern in _PER_RULES if re.search(pattern, folded)), None)


def _target_of(text: str) -> tuple[float | int | None, int]:
    """The number aimed at and where it ends in the text (0 when there is none)."""
    for match in _TARGET.finditer(text):
        if match[1]:
            value = parse_figure(match[1]).count
            if value is None or re.fullmatch(r"(?:19|20)\d{2}", match[1]):
                continue  # a year is not what is aimed at
            return (int(value) if float(value).is_integer() else value), match.end()
        return _NUMBER_WORDS[match[2].lower()], match.end()
    return None, 0


def _condition_of(text: str, target_end: int) -> str | None:
    """What a session must satisfy to count, when the goal says it after the thing counted."""
    if not target_end:
        return None
    rest = re.split(r",?\s+heraf\b|;", text[target_end:], maxsplit=1)[0]
    rest = _PER_PHRASE.sub(" ", rest)
    rest = " ".join(rest.split()).strip(" ,.")
    if not rest:
        return None
    if not _CONDITION.match(rest):
        noun, _, after = rest.partition(" ")  # the thing counted: »værkstedsaftener«
        rest = after.strip(" ,.")
        if not rest or not _CONDITION.match(rest):
            return None
    return rest or None


def parse_process_goal(text: str) -> dict[str, Any]:
    """A process goal (»6 netværksmøder om året, heraf mindst 1 uden for boligområdet«) as the
    format has it: {text, target, per, condition}. A note in brackets after it states the
    parts its words do not (»(mål: 4 pr. år; betingelse: arrangeret af beboerne)«)."""
    text = " ".join(text.split())
    note_match = _GOAL_NOTE.search(text)
    note = note_match[1] if note_match else ""
    if note_match:
        text = text[: note_match.start()].rstrip()
    target, end = _target_of(text)
    goal: dict[str, Any] = {
        "text": text,
        "target": target,
        "per": _per_of(re.split(r",?\s+heraf\b", text, maxsplit=1)[0]),
        "condition": _condition_of(text, end),
    }
    for part in note.split(";"):
        name, _, value = part.partition(":")
        name, value = _fold(name), value.strip()
        if name == "mal":
            found, _end = _target_of(value)
            goal["target"] = found
            goal["per"] = _per_of(value)
        elif name in ("betingelse", "taeller med", "taeller nar"):
            goal["condition"] = None if _fold(value) in ("ingen", "") else value
    return goal


def process_goal_note(goal: dict[str, Any]) -> str:
    """The note an export writes after a process goal for the parts its text does not say
    (empty when the text says them all): `parse_process_goal` reads it back."""
    text = " ".join(str(goal.get("text") or "").split())
    read = parse_process_goal(text)
    parts = []
    target, per = goal.get("target"), goal.get("per")
    if (target, per) != (read["target"], read["per"]):
        number = "intet tal" if target is None else _number_text(target)
        parts.append(f"mål: {number}" + (f" {PER_WORDS[per]}" if per in PER_WORDS else ""))
    condition = goal.get("condition") or None
    if condition != read["condition"]:
        parts.append(f"betingelse: {' '.join(str(condition).split()) if condition else 'ingen'}")
    return f" ({'; '.join(parts)})" if parts else ""


def _number_text(value: float | int) -> str:
    return str(int(value)) if float(value).is_integer() else str(value).replace(".", ",")
