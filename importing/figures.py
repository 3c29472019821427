"""Reading the cells of a delmål/indikator table: baselines, comparators, split indicators.

Pure text functions over one cell's text (lines joined by newlines), shared by every reader
because the table's meaning does not depend on where it came from.
"""

from __future__ import annotations

import re

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
    r"(?:(?<=\s)|^)((?:Afd\.?|Afdeling|Boligafdeling)\s*\d+[a-z]?"
    r"|[A-ZÆØÅ][\wæøåÆØÅ.\- ]{1,40}?)\s*:\s"
)
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
    """Join lines of a narrow cell where a word was broken without a hyphen (`boligområ|de`).

    Joined only when the joined form is a known word and the two halves are not both words.
    """
    lines = text.split("\n")
    if len(lines) < 2:
        return text
    words = danish_words()
    out = [lines[0]]
    for line in lines[1:]:
        previous = out[-1]
        head = re.search(r"(\w+)$", previous)
        tail = re.match(r"^(\w+)", line)
        if head and tail and words:
            joined = (head[1] + tail[1]).lower()
            both_known = head[1].lower() in words and tail[1].lower() in words
            if joined in words and not both_known:
                out[-1] = previous + line
                continue
        out.append(line)
    return "\n".join(out)


def clean_cell(text: str) -> str:
    """A cell as one line of text: broken words joined, whitespace collapsed."""
    return " ".join(dehyphenate(join_broken_words(text)).split())


def _measure(
    text: str, scope: str | None, year: int | None, figure_text: str | None = None
) -> Measure:
    figure = parse_figure(figure_text if figure_text is not None else text)
    return Measure(
        text=text,
        scope=scope,
        percent=figure.percent,
        count=figure.count,
        denominator=figure.denominator,
        year=figure.year or year,
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
    text = clean_cell(cell)
    if not text or not re.search(r"\d", text):
        return [], None
    years = _YEAR_PAREN.findall(text)
    year = int(years[-1]) if years else None

    colon_scopes = list(_SCOPE_COLON.finditer(text))
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
    if named and covered >= 0.6 * len(without_years.replace(" ", "")):
        measures = []
        for index, match in enumerate(named):
            scope = " ".join(match[1].split())
            measure_text = match[0].strip()
            if index == len(named) - 1 and years:
                measure_text += f" ({years[-1]})"
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
