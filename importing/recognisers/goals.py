"""The delmål/indikator/baseline table: columns known by their header words (in any order,
extra ones ignored, missing ones tolerated), merged and repeated cells resolved, rows continued
over a page joined, several indicators in one cell split; and the same table flattened to
text, rebuilt by the template's column order."""

from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import dataclass

from importing.figures import clean_cell, parse_measures, scope_kind_of, split_indicators
from importing.interleave import is_interleaved, read_interleaved
from importing.recognisers.labels import label_fold
from importing.recognisers.units import Unit, has_marker, starts_lower, strip_marker
from plans.interchange import Goal, Indicator, Measure


@dataclass
class GoalReading:
    """Where the goals read go (their index in the agreement) and how to warn about them."""

    warn: Callable[[str, str | None], None]
    offset: int = 0  # goals already read before this table


COLUMN_ROLES = ("goal", "indicator", "baseline", "comparator", "year", "source", "unit")
_GOAL_WORDS = {
    "delmal",
    "delmalet",
    "mal",
    "malet",
    "overordnet",
    "overordnede",
    "maal",
    "malsetning",
    "malsetninger",
}
_YEAR_WORDS = re.compile(r"(?:\bar\b|earl$|ear$|aar|\baret\b)")
# a year standing on its own among other words (»Mål 2026«, »Baseline (2022)«, a cell's year)
_YEAR = re.compile(r"(?<!\d)((?:19|20)\d{2})(?!\d)")


def column_role(cell: str) -> str | None:
    f = label_fold(clean_cell(cell))
    f_joined = f.replace(" ", "")
    words = f.split()
    if "indikator" in f_joined or "succeskriteri" in f_joined or "tegnpaforandring" in f_joined:
        return "indicator"
    baseline_lead = bool(words) and re.match(r"basel|udgangspunkt", words[0]) is not None
    source_words = {"kilde", "kilder", "datakilde", "datakilder"}
    if "kilde" in f_joined and (not baseline_lead or source_words & set(words)):
        # also "Datakilde (baseline år)": the year is read out of the cell. A header led by
        # »Baseline« names a baseline column; words after it name a place or a year (»Baseline
        # Bakkely og Kildevang«, »Baseline Hvidkilde«), a source only as the word itself
        return "source"
    if re.match(r"^(?:male)?enhed\b|^(?:male)?retning\b|^(?:onsket )?udvikling$", f):
        return "unit"  # "Enhed og retning", "Enhed", "Retning": how the follow-up judges it
    baseline_word = "basel" in f_joined or "udgangspunkt" in f_joined
    if baseline_word and _YEAR_WORDS.search(f) and not re.search(r"anden|kommune|sammenlign", f):
        return "year"
    if "basel" in f_joined or "udgangspunkt" in f_joined or "sammenlign" in f_joined:
        if re.search(r"anden|kommune|sammenlign|lands|national|gennemsnit", f):
            return "comparator"
        return "baseline"
    if re.match(r"^(?:hele\s+)?(?:kommunen?|landet|landsplan|landsgennemsnit(?:tet)?|sml)\b", f):
        return "comparator"  # »Kommunen 2022«, »Landsgennemsnit«: the figure compared with
    if re.match(r"^(?:maling(?:s)?ar|ar|(?:opgjort|malt|maling)(?:i)?ar|opgjort(?:i)?)$", f_joined):
        return "year"  # »Målingsår«, »Opgjort år«, »Målt i år«, »Opgjort« (the year it was)
    if words and words[0] in _GOAL_WORDS:
        if _YEAR.search(f):
            return None  # »Mål 2026«: a target for a year, not the delmål
        return "goal"
    return None


def column_roles(header: list[str]) -> list[str | None]:
    roles: list[str | None] = []
    for cell in header:
        role = column_role(cell)
        roles.append(None if role in roles else role)  # the first column of a kind counts
    return roles


def is_header(row: list[str]) -> bool:
    roles = column_roles(row)
    return "indicator" in roles and ("goal" in roles or "baseline" in roles)


def _same(a: str, b: str) -> bool:
    return bool(a.strip()) and label_fold(a) == label_fold(b)


def _starts_upper(text: str) -> bool:
    """Text that starts as a new sentence does (»Andel …«, »"Føler du …«), not with a word
    or number a cell broken over rows goes on with."""
    stripped = text.lstrip(' "“„«(')
    return bool(stripped) and stripped[0].isupper()


def _merge_into(previous: dict[str, str], cells: dict[str, str]) -> None:
    for role, cell in cells.items():
        before = previous.get(role, "")
        if role in ("goal", "indicator", "year", "source", "unit") and _same(before, cell):
            continue  # a cell merged down over the rows repeats its text in each
        previous[role] = (before + "\n" + cell).strip("\n")


def _sub_header(top: list[str], below: list[str]) -> list[str] | None:
    """A header written over two rows (»Baseline« spanning »Boligområdet | Kommunen | År«,
    »Mål« spanning the target years) as one row of joined headings; None when the row below
    the header is a row of the table's body."""
    if len(below) != len(top) or not any(c.strip() for c in below):
        return None
    tops = [clean_cell(c) for c in top]
    # a heading spanning columns: repeated in each (Word, HTML) or printed in its first only
    filled = [t or next((p for p in reversed(tops[:i]) if p), "") for i, t in enumerate(tops)]
    spans = [sum(1 for other in filled if other == text) > 1 if text else False for text in filled]
    joined: list[str] = []
    spanned = False
    for above, cell, wide in zip(filled, (clean_cell(c) for c in below), spans, strict=True):
        if len(cell) > 40 or (cell and re.search(r"\d", cell) and not _YEAR_ONLY.match(cell)):
            return None  # figures or text: the table's first row
        differs = bool(cell) and label_fold(cell) != label_fold(above)
        if differs and not wide:
            return None  # under a heading of one column only the heading itself may stand
        if differs:
            spanned = True
            joined.append(f"{above} {cell}".strip())
        else:
            joined.append(above)
    return joined if spanned else None


_YEAR_ONLY = re.compile(r"^(?:19|20)\d{2}$")


def _goal_row(row: list[str], roles: list[str | None]) -> str | None:
    """A delmål written as a row of its own across the table (»Delmål 1« | its text merged
    over the other columns) above its indicator rows."""
    if "goal" in roles:
        return None
    cells = [clean_cell(c) for c in row]
    filled = [c for c in cells if c]
    if len(filled) < 2:
        return None
    # »Delmål 1«, also broken in a narrow cell (»Del mål 1«)
    if not re.match(r"^(?:del)?mal(?:nr)?\d{1,2}$", label_fold(filled[0]).replace(" ", "")):
        return None
    rest = list(dict.fromkeys(filled[1:]))
    return rest[0] if len(rest) == 1 else None


def read_goal_table(rows: list[list[str]], reading: GoalReading) -> list[Goal]:
    header_index = next((i for i, row in enumerate(rows) if is_header(row)), None)
    if header_index is None:
        return []
    header = rows[header_index]
    if header_index + 1 < len(rows):
        joined = _sub_header(header, rows[header_index + 1])
        if joined is not None:
            header = joined
            rows = [*rows[: header_index + 1], *rows[header_index + 2 :]]
    roles = column_roles(header)
    header_year = None
    if "year" not in roles:
        years = _YEAR.findall(" ".join(header))
        header_year = years[-1] if len(set(years)) == 1 else None
        # »Baseline 2022 | … | Måltal 2025 | Måltal 2027«: the baseline column's year
        own = _YEAR.findall(header[roles.index("baseline")]) if "baseline" in roles else []
        if len(set(own)) == 1:
            header_year = own[0]
    merged: list[dict[str, str]] = []
    last_goal = ""
    for row in rows[header_index + 1 :]:
        if is_header(row) or _sub_header(rows[header_index], row) is not None:
            continue  # the header repeated on a new page
        own_goal = _goal_row(row, roles)
        if own_goal is not None:
            merged.append({"goal": own_goal})
            last_goal = own_goal
            continue
        cells: dict[str, str] = {}
        for role, cell in zip(roles, row, strict=False):
            if role and cell.strip():
                cells[role] = (cells.get(role, "") + "\n" + cell).strip("\n")
        if not cells:
            continue
        goal, indicator = cells.get("goal", ""), cells.get("indicator", "")
        if merged and _same(goal, last_goal):
            # a goal cell merged down over several indicator rows
            if _same(indicator, merged[-1].get("indicator", "")):
                _merge_into(merged[-1], {k: v for k, v in cells.items() if k != "goal"})
                continue
            cells.pop("goal")
            goal = ""
        elif goal:
            last_goal = goal
        owner = next((row for row in reversed(merged) if row.get("goal")), None)
        if owner is not None and starts_lower(goal) and _starts_upper(indicator):
            # a goal cell spanning rows whose text flows on into the next row (a PDF cell
            # that spans rows): the words go to the goal above, the row is its next indicator
            owner["goal"] = owner["goal"] + "\n" + cells.pop("goal")
            last_goal, goal = owner["goal"], ""
        continuation = bool(merged) and (
            (not goal and not indicator)
            or (
                all(starts_lower(t) for t in (goal, indicator) if t)
                and any(starts_lower(t) for t in (goal, indicator))
            )
        )
        if continuation:
            _merge_into(merged[-1], cells)
            if goal:
                last_goal = merged[-1].get("goal", last_goal)
        else:
            merged.append(cells)
    comparator_header = header[roles.index("comparator")] if "comparator" in roles else ""
    return goals_from_rows(
        merged,
        has_comparator_column="comparator" in roles,
        reading=reading,
        comparator_kind="municipality" if "kommun" in label_fold(comparator_header) else None,
        header_year=int(header_year) if header_year else None,
    )


_TRAILING_YEAR = re.compile(r"[\s,;(–-]*\(?\s*((?:19|20)\d{2})\s*\)?\s*\.?$")


def _source_and_year(cell: str) -> tuple[str | None, int | None]:
    """A data source cell, with a baseline year written into it ("Egen måling (2022)")."""
    text = clean_cell(cell)
    match = _TRAILING_YEAR.search(text)
    if match and match.start() > 0:
        return text[: match.start()].strip(" ,;:–-") or None, int(match[1])
    return text or None, None


def _lines(cell: str) -> list[str]:
    return [strip_marker(line) for line in cell.split("\n") if line.strip()]


# a line that does not end its figure: it stops on a word that needs the next (»77 % 8.064 ud
# af« / »10.473 beboere«), or the next line starts in lower case or in a parenthesis
_GOES_ON = re.compile(r"(?:\b(?:af|ud af|og|i|på|for|til|mod|med|ift\.?|samt)|[,/(–-])\s*$", re.I)


def _whole_lines(cell: str) -> list[str]:
    """A figures cell's lines, a line a narrow cell wrapped joined to the one before it."""
    out: list[str] = []
    for line in _lines(cell):
        if out and (_GOES_ON.search(out[-1]) or line[:1].islower() or line[:1] == "("):
            out[-1] += " " + line
        else:
            out.append(line)
    return out


def _indicator_texts(cells: dict[str, str], baselines: int) -> list[str]:
    """Several indicators in one cell: as bulleted or numbered lines; as lines, one for each
    line of the figures beside them; or as questions or lost line breaks, one for each
    baseline figure."""
    cell = cells.get("indicator", "")
    lines = [line.strip() for line in cell.split("\n") if line.strip()]
    marked = [i for i, line in enumerate(lines) if has_marker(line)]
    if len(marked) >= 2 and marked[0] == 0:
        texts: list[str] = []
        for line in lines:
            if has_marker(line):
                texts.append(strip_marker(line))
            else:
                texts[-1] += " " + line
        return [clean_cell(t) for t in texts]
    if len(lines) >= 2 and all(line[0].isupper() or line[0] in '"“' for line in lines):
        beside = [len(_whole_lines(cells.get(role, ""))) for role in ("baseline", "comparator")]
        if len(lines) in beside:
            return [clean_cell(line) for line in lines]
    if baselines > 1:
        return split_indicators(cell, baselines)
    return [clean_cell(cell)]


def _spread(cell: str, count: int, measures: list[Measure]) -> list[list[Measure]]:
    """A figures cell shared by `count` indicators of one cell: one line (or one figure) each,
    else all figures on the first."""
    per_line = _per_line(cell, count)
    if per_line is not None:
        return per_line
    if len(measures) == count:
        return [[m] for m in measures]
    return [list(measures)] + [[] for _ in range(count - 1)]


def _with_kinds(measures: list[Measure], default: str | None) -> list[Measure]:
    """Each figure's scope kind: as the cell states it, else as its scope's words (or, for a
    figure without a scope, its column's header) say; None where nothing says it."""
    for m in measures:
        if m.scope_kind is None:
            m.scope_kind = scope_kind_of(m.scope, default=default)
    return measures


def goals_from_rows(
    rows: list[dict[str, str]],
    *,
    has_comparator_column: bool,
    reading: GoalReading,
    comparator_kind: str | None = None,
    header_year: int | None = None,
) -> list[Goal]:
    """`comparator_kind`: what an unscoped comparator is for, as its column's header says
    (»Baseline kommune«: the municipality). `header_year`: the year the header gives the
    baselines (»Baseline 2022«), for an indicator whose cells name none of their own."""
    goals: list[Goal] = []
    for cells in rows:
        goal_text = clean_cell(cells.get("goal", ""))
        if goal_text:
            goals.append(Goal(text=strip_marker(goal_text) if has_marker(goal_text) else goal_text))
        elif not goals:
            goals.append(Goal(text=""))
        if not cells.get("indicator", "").strip():
            continue
        baselines, baseline_year = parse_measures(cells.get("baseline", ""))
        comparators, comparator_year = parse_measures(cells.get("comparator", ""))
        unscoped = bool(baselines) and all(m.scope is None for m in baselines)
        texts = _indicator_texts(cells, len(baselines) if unscoped else 0)
        count = len(texts)
        baseline_lists = _spread(cells.get("baseline", ""), count, baselines)
        if (
            count > 1
            and len(comparators) != count
            and _per_line(cells.get("comparator", ""), count) is None
        ):
            comparator_lists = [list(comparators) for _ in texts]
        else:
            comparator_lists = _spread(cells.get("comparator", ""), count, comparators)
        source_lines = _lines(cells.get("source", "")) if count > 1 else []
        if not all(_TRAILING_YEAR.search(line) for line in source_lines):
            source_lines = []  # one source written over several lines
        year_lines = _lines(cells.get("year", "")) if count > 1 else []
        unit_lines = _unit_cells(cells.get("unit", ""), count)
        for index, text in enumerate(texts):
            if len(source_lines) > 1:
                source_cell = source_lines[index if index < len(source_lines) else 0]
            else:
                source_cell = cells.get("source", "")
            source, source_year = _source_and_year(source_cell)
            year_cell = year_lines[index] if len(year_lines) == count else cells.get("year", "")
            year = _year(year_cell) or source_year or baseline_year or comparator_year
            if not year and header_year:
                # a year a baseline of the cell names (»… 16,9 % (2021)«) before the header's
                own = {m.year for m in baseline_lists[index] if m.year}
                year = own.pop() if len(own) == 1 else header_year
            unit_cell = unit_lines[index] if len(unit_lines) == count else cells.get("unit", "")
            unit, direction = unit_and_direction(unit_cell)
            goals[-1].indicators.append(
                Indicator(
                    text=text,
                    baselines=_with_kinds(baseline_lists[index], None),
                    comparators=_with_kinds(comparator_lists[index], comparator_kind),
                    baseline_year=year,
                    data_source=source,
                    unit=unit,
                    direction=direction,
                )
            )
    return [g for g in goals if g.text or g.indicators]


# How the follow-up judges an indicator, in the words a plan writes it (plans.models.Unit
# and Direction): "procent" / "antal", "mere er bedre" / "mindre er bedre" / "fastholdes".
_UNIT_WORDS = (
    ("percent", r"\bprocent\w*|\bpct\b|%|\bandel(?:en)?\b"),
    ("count", r"\bantal(?:let)?\b|\bstk\b"),
    ("other", r"\bandet\b|\banden enhed\b"),
)
_DIRECTION_WORDS = (
    ("hold", r"fastholde\w*|\bua?endret\b|\bstabil\w*|\bholdes\b|\bbevare\w*"),
    (
        "more",
        r"\b(?:mere|flere|hojere|storre)(?: er)? bedre\b|\bstig\w*|\boges\b|\boget\b"
        r"|\bskal op\b",
    ),
    (
        "less",
        r"\b(?:mindre|fa?erre|lavere)(?: er)? bedre\b|\bfald\w*|\breducer\w*|\bmindskes\b"
        r"|\bskal ned\b",
    ),
)


def unit_and_direction(cell: str) -> tuple[str | None, str | None]:
    """An indicator's unit and direction from an »Enhed og retning« cell ("procent" /
    "mere er bedre"), either or both; None for what the cell does not say."""
    folded = label_fold(cell)
    unit = next((name for name, words in _UNIT_WORDS if re.search(words, folded)), None)
    direction = next((name for name, words in _DIRECTION_WORDS if re.search(words, folded)), None)
    return unit, direction


def _unit_cells(cell: str, count: int) -> list[str]:
    """A unit cell shared by `count` indicators of one cell: one unit line (with or without
    its direction line) each, when it splits so; else the whole cell for each."""
    if count < 2:
        return []
    lines = _lines(cell)
    if len(lines) == count:
        return lines
    if len(lines) == 2 * count:
        return [lines[2 * i] + "\n" + lines[2 * i + 1] for i in range(count)]
    return []


def _per_line(cell: str, count: int) -> list[list[Measure]] | None:
    """A figures cell with one line (or one bullet) per indicator."""
    lines = _lines(cell)
    if len(lines) != count:
        return None
    found = [parse_measures(line)[0] for line in lines]
    return found if all(found) else None


def _year(text: str) -> int | None:
    match = _YEAR.search(text)
    if match is None and re.fullmatch(r"\s*(?:19|20)\s+\d{2}\s*", text):
        match = re.search(r"((?:19|20)\d{2})", "".join(text.split()))  # »20/11« in a narrow cell
    return int(match[1]) if match else None


# -- a goal table flattened to text (one cell after the other) --------------------------
_YEAR_IN_LINE = re.compile(r"(?<![\d.,(/-])((?:19|20)\d{2})(?![\d.,%)/-])")
_FIGURE_LINE = re.compile(
    r"^(?:=\s*)?\d[\d.,]*\s*(?:%|pct|ud af|af|[a-zæøå]+)"
    r"|^\(?(?:Afd\.?|Afdeling)\s*\d+|\d+\s*%|\(\s*\d"
)


def read_flat_goal_table(units: list[Unit], reading: GoalReading) -> list[Goal]:
    """Rebuild a delmål table whose cells came out one after the other as lines of text."""
    lines = [(u.text, u.new_para) for u in units if u.kind in ("line", "item")]
    start = None
    for index, (text, _) in enumerate(lines):
        f = label_fold(text)
        if re.match(r"^(?:delmal|mal) indikator", f):
            start = index
            break
    if start is None:
        return []
    header_text = ""
    body_start = None
    for index in range(start, min(start + 15, len(lines))):
        header_text += " " + lines[index][0]
        if "datakilde" in label_fold(lines[index][0]).replace(" ", ""):
            body_start = index + 1
            break
    if body_start is None:
        return []
    folded_header = label_fold(header_text).replace(" ", "")
    has_year = bool(re.search(r"baselin\w*ar", folded_header))
    has_comparator = "anden" in folded_header or "kommune" in folded_header
    body = lines[body_start:]
    if is_interleaved([text for text, _ in body]):
        interleaved = read_interleaved(body, has_comparator=has_comparator)
        if interleaved:
            reading.warn(
                "Måltabellen var læst på tværs af kolonnerne (tekstgenkendelse); den er "
                "genskabt efter skabelonens kolonner. Kontrollér delmål, indikatorer og "
                "baselines mod kilden.",
                "goals",
            )
            return goals_from_rows(
                interleaved, has_comparator_column=has_comparator, reading=reading
            )

    # tokens: (kind, text, new_para)
    tokens: list[tuple[str, str, bool]] = []
    for text, new_para in lines[body_start:]:
        text = text.strip()
        if not text:
            continue
        year = _YEAR_IN_LINE.search(text) if has_year else None
        if year and not re.search(r"\(\s*" + year[1], text):
            before, after = text[: year.start()].strip(), text[year.end() :].strip()
            if before:
                tokens.append(("fig" if re.search(r"\d", before) else "text", before, new_para))
                new_para = False
            tokens.append(("year", year[1], new_para))
            if after:
                tokens.append(("text", after, False))
            continue
        kind = "fig" if _FIGURE_LINE.search(text) else "text"
        tokens.append((kind, text, new_para))

    rows: list[dict[str, str]] = []
    phase = "goal"
    row: dict[str, str] = {}

    def add(role: str, text: str) -> None:
        row[role] = (row.get(role, "") + "\n" + text).strip("\n")

    for kind, text, new_para in tokens:
        if phase == "source" and new_para and not starts_lower(text) and kind == "text":
            previous = row.get("source", "")
            if not previous.rstrip().endswith(("-", "+", ",")):
                rows.append(row)
                row, phase = {}, "goal"
        if phase == "goal":
            if kind == "fig":
                phase = "figures"
            elif (
                kind == "text"
                and "goal" in row
                and new_para
                and not (starts_lower(text) and not re.search(r"[.!?:]$", row["goal"]))
            ):
                phase = "indicator"
            elif kind == "text":
                add("goal", text)
                continue
        if phase == "indicator":
            if kind == "fig":
                phase = "figures"
            elif kind == "text":
                add("indicator", text)
                continue
        if phase == "figures":
            if kind == "year":
                row["year"] = text
                phase = "source"
                continue
            add("figures", text)
            continue
        if phase == "source":
            add("source", text)
    if row:
        rows.append(row)

    table_rows: list[dict[str, str]] = []
    for cells in rows:
        measures, _ = parse_measures(cells.get("figures", ""))
        out = {k: v for k, v in cells.items() if k in ("goal", "indicator", "year", "source")}
        unscoped = [m for m in measures if m.scope is None]
        comparison = [m for m in measures if m.scope and _is_comparison(m.scope)]
        if has_comparator and (comparison or (len(unscoped) == 2 and len(measures) == 2)):
            split = [m for m in measures if m in comparison] or [measures[-1]]
            base = [m for m in measures if m not in split]
        else:
            base, split = measures, []
        out["baseline"] = "\n".join(_as_cell(m.text, m.scope) for m in base)
        out["comparator"] = "\n".join(_as_cell(m.text, m.scope) for m in split)
        table_rows.append(out)
    if table_rows:
        reading.warn(
            "Måltabellen var flad tekst; kolonnerne er genskabt efter skabelonens rækkefølge.",
            "goals",
        )
    return goals_from_rows(table_rows, has_comparator_column=has_comparator, reading=reading)


def _as_cell(text: str, scope: str | None) -> str:
    if scope and not text.startswith(scope) and not text.rstrip().endswith(f"({scope})"):
        return f"{scope}: {text}"
    return text


def _is_comparison(scope: str) -> bool:
    return bool(
        re.search(
            r"kommune|lands|alle|gennemsnit|national|hele|helhedsplaner", scope, re.IGNORECASE
        )
    )
