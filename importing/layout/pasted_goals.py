"""A goal table copied from a PDF viewer: the rules for cells a page break or a column
block tore apart, in one place (`importing.layout.flat.rebuild_goal_table` calls them).

- A row cut by a page break: the rest of a delmål or indikator cell comes first on the next
  page, under the repeated headings, and begins in lower case ("… på trods af fysiske" /
  "forandringer (herunder …)"). No delmål or indikator begins so; it goes on with the cell
  it was cut from (`continue_cut_row`).
- Data sources with their years run together in one paragraph, as a column block copies
  them ("VIVEs måling (2018) Politiets tal (2020)"): one cell a source (`split_source_years`).
- A figures column copied as one block (all rows' baselines, then all rows' comparisons):
  the rows that got none take their share in order (`spread_column_blocks`).
- A text column copied as a block before the years (»Datakilde« standing before »Baseline
  år«): an indicator with its data source in one cell is cut where the source begins
  (`split_indicator_source`).
"""

from __future__ import annotations

import re
from collections.abc import Callable

_QUOTES = '"“”'
# a cell that ends where a sentence or a question may end
_FINISHED = re.compile(r"[.?!\"”)]$")


def _balanced(text: str) -> bool:
    return sum(text.count(q) for q in _QUOTES) % 2 == 0


def is_cut_rest(text: str) -> bool:
    """The rest of a cell a page break cut: it begins in lower case (no delmål, indikator
    or data source does)."""
    return text[:1].islower()


def continue_cut_row(texts: list[str], goals: list[tuple[str, list[str]]]) -> None:
    """The cut cells' rests that begin a page's text cells (`texts`, taken from it) added to
    the last row of the page before (`goals`): two rests are the delmål's and the
    indicator's (the columns' order), one goes on with the indicator where that one is
    unfinished (an open quotation, or no closing punctuation while its delmål has it), else
    with the delmål."""
    rests = 0
    while rests < min(2, len(texts)) and is_cut_rest(texts[rests]):
        rests += 1
    if not goals or not goals[-1][1] or not rests:
        return  # no row read whole enough to go on (a delmål and its indicator)
    if rests == 2:
        if _add(goals, texts[0], to_indicator=False):
            _add(goals, texts[1], to_indicator=True)
            del texts[:2]
        return
    goal, indicators = goals[-1]
    indicator = indicators[-1] if indicators else ""
    indicator_open = bool(indicator) and (
        not _balanced(indicator) or not _FINISHED.search(indicator) and bool(_FINISHED.search(goal))
    )
    if _add(goals, texts[0], to_indicator=indicator_open or not goal):
        del texts[0]


def _add(goals: list[tuple[str, list[str]]], rest: str, *, to_indicator: bool) -> bool:
    goal, indicators = goals[-1]
    if goal and not to_indicator:
        goals[-1] = (f"{goal} {rest}", indicators)
    elif indicators:
        indicators[-1] = f"{indicators[-1]} {rest}"
    else:
        return False
    return True


# -- which indicators are whose, where the copy lost it --------------------------------------
_WORD = re.compile(r"[a-zæøå]{4,}")
# words every delmål or indicator may hold: they tell nothing about which goes with which
_COMMON = frozenset(
    [
        "andel",
        "antal",
        "andelen",
        "flere",
        "færre",
        "deres",
        "eller",
        "være",
        "bliver",
        "have",
        "oplever",
        "niveauet",
        "fastholdes",
        "trods",
        "herunder",
        "inden",
        "mindst",
        "over",
        "under",
        "efter",
        "hvor",
        "når",
        "sig",
        "selv",
    ]
)


def _stems(text: str) -> set[str]:
    return {w[:6] for w in _WORD.findall(text.lower()) if w not in _COMMON}


def _cohesion(goal: str, indicator: str) -> int:
    """How many word stems a delmål and an indicator share, a stem of one inside a word of
    the other too (»tilfredsheden« and »Tilfredshed«, »livssituationer« and »situation«)."""
    mine, theirs = _stems(goal), _stems(indicator)
    words = " ".join(_WORD.findall(indicator.lower()))
    goal_words = " ".join(_WORD.findall(goal.lower()))
    return sum(1 for s in mine if s in theirs or s in words) + sum(
        1 for s in theirs if s not in mine and s in goal_words
    )


def share_indicators(
    names: list[str],
    indicators: list[str],
    sources: list[str] | None = None,
    prior: list[int] | None = None,
) -> list[int]:
    """How many of `indicators` (in order) each of `names` (delmål, in order) gets, where
    the copy lost which are whose: every delmål at least one, the indicators in order. The
    sharing chosen is the one that keeps together what belongs together: a delmål and the
    indicators that share its words, neighbouring indicators that share words or (`sources`,
    one per indicator where known) their data source; as evenly as they go (the first ones
    one more), or as `prior` has it, where nothing tells."""
    count, slots = len(names), len(indicators)
    share, extra = divmod(slots, count)
    even = [share + (1 if i < extra else 0) for i in range(count)]
    if prior is not None and len(prior) == count and sum(prior) == slots:
        even = prior
    if count == 1 or slots <= count:
        return even
    score = [[_cohesion(name, ind) for ind in indicators] for name in names]
    known = sources if sources is not None and len(sources) == slots else [""] * slots
    together = [
        _cohesion(indicators[i], indicators[i + 1])
        + (2 if known[i] and known[i] == known[i + 1] else 0)
        for i in range(slots - 1)
    ]
    # best[g, k]: the best total for the first g delmål holding the first k indicators
    best: dict[tuple[int, int], tuple[int, list[int]]] = {(0, 0): (0, [])}
    for g in range(count):
        for k in range(g, slots - (count - g) + 1):
            if (g, k) not in best:
                continue
            total, sizes = best[g, k]
            for end in range(k + 1, slots - (count - g - 1) + 1):
                gained = total + sum(score[g][k:end]) + sum(together[k : end - 1])
                candidate = (gained, [*sizes, end - k])
                key = (g + 1, end)
                if key not in best or _better(candidate, best[key], even):
                    best[key] = candidate
    total, sizes = best[count, slots]
    return sizes


def _better(a: tuple[int, list[int]], b: tuple[int, list[int]], even: list[int]) -> bool:
    """A higher total; at the same, the sharing nearer the even one."""
    if a[0] != b[0]:
        return a[0] > b[0]
    return _distance(a[1], even) < _distance(b[1], even)


def _distance(sizes: list[int], even: list[int]) -> int:
    return sum(abs(size - want) for size, want in zip(sizes, even, strict=False))


# -- data sources and figures a column block ran together ------------------------------------
_SOURCE_YEAR_END = re.compile(r"(?<=\S)\s*\(\s*(?:19|20)\d{2}\s*\)(?=\s+[A-ZÆØÅ])")


def split_source_years(cell: str) -> list[str]:
    """Data sources with their years in brackets, one after the other in one cell (a
    »Datakilde (baseline år)« column copied as a block): one cell each. A year in brackets
    followed by more words that begin in capitals ends a source."""
    out: list[str] = []
    start = 0
    for match in _SOURCE_YEAR_END.finditer(cell):
        out.append(cell[start : match.end()].strip())
        start = match.end()
    out.append(cell[start:].strip())
    return [piece for piece in out if piece]


_SCOPE = re.compile(r"^[A-ZÆØÅ][\wæøå.\- ]{0,40}?:\s*(?:=\s*)?\d")
_BARE_PERCENT = re.compile(r"^\d[\d.,]*\s*%$")
_COUNT_OF = re.compile(r"^\d[\d.,]*\s+ud\s+af\s+\d")


def figure_groups(pieces: list[str]) -> list[str]:
    """One cell's figures (`pieces`, each a figure with what it counts) grouped by the row
    they are of: figures named after their places run together ("Afd. 22: 41 beboere Afd.
    30: 28 beboere") until a place comes again, a bare percentage goes with the count it
    is of ("78%" "115 ud af 148 beboere"); every other figure is a row's own."""
    return [" ".join(group) for group in _group_pieces(pieces)]


def _group_pieces(pieces: list[str]) -> list[list[str]]:
    groups: list[list[str]] = []
    scopes: set[str] = set()
    for piece in pieces:
        scoped = _SCOPE.match(piece)
        scope = piece.split(":", 1)[0] if scoped else None
        previous = groups[-1] if groups else None
        last = previous[-1] if previous else ""
        same_places = bool(scope) and scope not in scopes and bool(_SCOPE.match(last))
        its_count = bool(_COUNT_OF.match(piece)) and bool(_BARE_PERCENT.match(last))
        if previous and (same_places or its_count):
            previous.append(piece)
        else:
            groups.append([piece])
            scopes = set()
        if scope:
            scopes.add(scope)
    return groups


def spread_column_blocks(
    measures: list[list[str]], pieces_of: Callable[[str], list[str]]
) -> list[tuple[list[str], list[str]]] | None:
    """Figures columns copied as blocks (`measures`: each row's figure cells as read): a
    block holds the figures of the row it was read at and of the rows after it, which have
    none of their own. The first block read at a row gives baselines, a later one there
    comparisons. Each row's (baselines, comparisons), or None where the blocks do not fit
    the rows one group each (or nothing was run together)."""
    count = len(measures)
    if count < 2 or all(rows for rows in measures):
        return None
    out: list[tuple[list[str], list[str]]] = [([], []) for _ in range(count)]
    spread = False
    for index, cells in enumerate(measures):
        for cell in cells:
            groups = figure_groups(pieces_of(cell))
            if index + len(groups) > count:
                return None
            spread = spread or len(groups) > 1
            for offset, group in enumerate(groups):
                baselines, compared = out[index + offset]
                (compared if baselines else baselines).append(group)
    if not spread or not all(baselines for baselines, _ in out):
        return None
    return out


# -- a data source column standing before the years (»Datakilde | Baseline år«) ------------
SOURCE_MARK = "\x02"  # a cell known to be a data source
_WORDS_UNFINISHED = {"og", "eller", "samt", "i", "af", "for", "til", "med", "på", "ved", "fra"}


def _unfinished_source(text: str) -> bool:
    words = text.split()
    return bool(words) and (words[-1].lower() in _WORDS_UNFINISHED or words[-1].endswith(","))


def sources_before_years(
    cells: list[str],
    *,
    is_year: Callable[[str], bool],
    is_indicator: Callable[[str], bool],
    source_words: re.Pattern[str],
    split_sources: Callable[[str], list[str]],
) -> list[str]:
    """A one-line page of a table whose »Datakilde« column stands before »Baseline år«: the
    data sources a cell holds after an indicator ("Deltagelse ved møderne SAB data for …")
    cut off and marked (`SOURCE_MARK`), several of them one cell each; a source a page
    break cut (it ends on "og") gets its rest, the lower-case sentence the next page's
    sources begin with. A source begins at a capitalised word that is, or comes before, a
    word of the template's data sources, or at the first words of a source the table gives
    on its own before a year."""
    known = [
        cell.split()[:2]
        for cell, following in zip(cells, cells[1:], strict=False)
        if is_year(following) and source_words.search(cell) and not is_indicator(cell)
    ]
    out: list[str] = []
    last_source: int | None = None
    for index, cell in enumerate(cells):
        following = cells[index + 1] if index + 1 < len(cells) else ""
        if is_year(following) and source_words.search(cell) and not is_indicator(cell):
            last_source = len(out)
        cut = _source_start(cell, known, source_words) if is_indicator(cell) else None
        if cut is None:
            out.append(cell)
            continue
        out.append(cell[:cut].strip())
        rest = cell[cut:].strip()
        end = re.match(r"[a-zæøå][^.]*\.\s+(?=[A-ZÆØÅ])", rest)
        if end and last_source is not None and _unfinished_source(out[last_source]):
            out[last_source] += " " + end[0].strip()
            rest = rest[end.end() :]
        out.extend(SOURCE_MARK + source for source in split_sources(rest))
        last_source = len(out) - 1
    return out


def _source_start(cell: str, known: list[list[str]], source_words: re.Pattern[str]) -> int | None:
    words = list(re.finditer(r"\S+", cell))
    for number, word in enumerate(words[2:], start=2):
        text = word[0]
        following = words[number + 1][0] if number + 1 < len(words) else ""
        if not text[:1].isupper() and not (text[:1].islower() and text.endswith(".")):
            continue
        if text[:1].islower():
            # a cut source's rest ("derover.") before a source of the next row
            if following[:1].isupper() and source_words.search(
                " ".join(w[0] for w in words[number + 1 :])
            ):
                return word.start()
            continue
        if source_words.fullmatch(text.strip("*,.")) or source_words.fullmatch(
            following.strip("*,.")
        ):
            return word.start()
        if [text, following] in known:
            return word.start()
    return None


# -- a data source cell merged over the rows that share it -----------------------------------
_SURVEY = re.compile(r"(?i)undersøgel|survey|måling|spørgeskema")


def _source_fit(source: str, indicator: str) -> int:
    """How well a data source fits an indicator: shared words, and a survey for a
    quoted question."""
    quoted = indicator.lstrip()[:1] in _QUOTES
    return _cohesion(source, indicator) + (1 if quoted and _SURVEY.search(source) else 0)


def merged_source_rows(
    measures: list[list[str]],
    sources: list[str],
    indicators: list[str],
    *,
    pieces_of: Callable[[str], list[str]],
    is_comparison: Callable[[str], bool],
) -> list[tuple[int, list[str], list[str]]] | None:
    """Fewer rows of data sources and years (`sources`, with each row's figure cells in
    `measures`) than `indicators`: a source cell merged over the rows that share it. Where
    the figures, read in order, come out as one group for each indicator, each indicator
    gets (the row whose source and year it shares, its baselines, its comparisons): the
    rows shared in order, each to the indicators whose words fit its source best (a survey
    to quoted questions); a comparison goes with the figure before it of its own unit (a
    percentage with a percentage)."""
    if not 0 < len(sources) < len(indicators):
        return None
    pieces = [piece for cells in measures for cell in cells for piece in pieces_of(cell)]
    plain: list[str] = []
    owner_of: list[tuple[int, str]] = []
    for piece in pieces:
        if is_comparison(piece):
            owner_of.append((len(plain), piece))
        else:
            plain.append(piece)
    grouped = _group_pieces(plain)
    if len(grouped) != len(indicators):
        return None
    groups = [" ".join(group) for group in grouped]
    group_of = [number for number, group in enumerate(grouped) for _ in group]
    compared: list[list[str]] = [[] for _ in groups]
    for after, piece in owner_of:
        index = group_of[after - 1] if after else 0
        percent = "%" in piece
        if index and ("%" in groups[index]) != percent and ("%" in groups[index - 1]) == percent:
            index -= 1  # a comparison compares like with like
        compared[index].append(piece)
    sizes = _share_sources(sources, indicators)
    out: list[tuple[int, list[str], list[str]]] = []
    position = 0
    for row, size in enumerate(sizes):
        for _ in range(size):
            out.append((row, [groups[position]], compared[position]))
            position += 1
    return out


def _share_sources(sources: list[str], indicators: list[str]) -> list[int]:
    """How many indicators (in order) each source row covers, each at least one: the
    sharing where the sources fit their indicators best, as evenly as they go at a tie."""
    count, slots = len(sources), len(indicators)
    share, extra = divmod(slots, count)
    even = [share + (1 if i < extra else 0) for i in range(count)]
    fit = [[_source_fit(source, indicator) for indicator in indicators] for source in sources]
    best: dict[tuple[int, int], tuple[int, list[int]]] = {(0, 0): (0, [])}
    for g in range(count):
        for k in range(g, slots - (count - g) + 1):
            if (g, k) not in best:
                continue
            total, sizes = best[g, k]
            for end in range(k + 1, slots - (count - g - 1) + 1):
                candidate = (total + sum(fit[g][k:end]), [*sizes, end - k])
                key = (g + 1, end)
                if key not in best or _better(candidate, best[key], even):
                    best[key] = candidate
    return best[count, slots][1]
