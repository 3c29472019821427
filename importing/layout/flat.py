"""Flattened text, rebuilt at the template's labels.

Text pasted from a PDF viewer has lost the document's structure in one of two ways: every
paragraph's lines were hard-wrapped at a fixed width (and words hyphenated at line ends), or
everything of a page came on one line. Labels, their values and the entries of lists then
run on in one flow: "Delaftalens parter Boligforeningen Lyngbo Jobcenter Lyngmose Formål
Formålet er …". `restructure` turns such text back into the line form the text reader and
the recognisers read: each of the template's labels starts a paragraph of its own and stands
on its own line, its value on the lines after it, and the values that are lists (parties,
staff, activities, an activity's delmål) are cut into one entry a line by the shape of their
entries (numbering, bullets, a share or hours figure ending a staff line, the words that
begin or end an organisation's name).

Every pass is linear in the length of the text (regular expressions without nested
repetition, each list cut once), so a 3000-character line costs nothing.
"""

from __future__ import annotations

import re
from collections import Counter
from dataclasses import dataclass, field

from importing.layout.guidance import is_guidance
from importing.layout.pasted_fixed import fixed_goal_rows, is_fixed_goal
from importing.layout.pasted_goals import (
    SOURCE_MARK,
    continue_cut_row,
    merged_source_rows,
    share_indicators,
    sources_before_years,
    split_source_years,
    spread_column_blocks,
)
from importing.layout.pasted_people import without_signers as without_people
from importing.layout.vocabulary import LABELS, starts_with_label
from importing.wordbreaks import join_broken_words

LONG_LINE = 300
GAP = re.compile(r"\S {3,}\S")
BULLETS = "•▪◦●■➢►✓\uf0b7\uf0a7\uf076\uf0d8\uf0fc"

# The template's labels as flattened text runs them into their values: the long ones in
# full, so the value starts where the template's wording ends.
FULL_LABELS = (
    "Aktiviteter, som skal bidrage til indfrielsen af delmålene for indsatsområdet og "
    "understøtte opnåelsen af de overordnede mål jf. den strategiske samarbejdsaftale",
    "Aktiviteter, som skal bidrage til indfrielsen af delmålene for indsatsområdet",
    "Delmål for aktiviteten",
    "Aktivitetens delmål",
    "Aftaledokumenter",
    # "fra - til" with the dash lost in the copy
    "Delaftalen gælder fra til",
    "Aftalen gælder fra til",
    "Samarbejdsaftalen gælder fra til",
    "Problemkompleks for indsatsområdet",
)
# Numbered section headings of the strategic agreement ("1. Kort om boligområdet").
STRATEGIC_HEADINGS = (
    "Kort om boligområdet",
    "Vision for boligområdet",
    "Vision",
    "Organisering",
    "Samspil med centrale tiltag og indsatser i boligområdet",
    "Samspil med centrale tiltag og indsatser",
    "Indsatsområder",
    "Overordnede mål og indikatorer",
    "Lokal evaluering",
    "Revision af samarbejdsaftalen",
    "Revision af den strategiske samarbejdsaftale",
)
# what each label opens, where its value is a list
LIST_KINDS = {
    "aftalens parter": "parties",
    "delaftalens parter": "parties",
    "samarbejdsaftalens parter": "parties",
    "medarbejderressourcer": "staff",
    "aktiviteter, som skal bidrage": "activities",
    "delmål": "items",
    "aktivitetens delmål": "items",
    "kort om boligområdet": "housing",
}


def _alternatives(words: list[str]) -> str:
    words = sorted(set(words), key=len, reverse=True)
    return "|".join(re.escape(w).replace(r"\ ", r"\s+") for w in words)


_WORDS = [w for w in LABELS if w != "Delmål for aktiviteten"] + list(FULL_LABELS)
_LABEL = re.compile(
    rf"(?<![\wæøåÆØÅ-])(?:{_alternatives(_WORDS)})(?![\wæøåÆØÅ])"
    # a bare "Delmål" is an activity sheet's label, unless it opens the goal table, is a
    # delmål of its own written as a record ("Delmål 1: Flere beboere …") or a sheet's value
    # naming the delmål it serves ("Delmål 2")
    r"|(?<![\wæøåÆØÅ-])Delmål(?![\wæøåÆØÅ])(?!\s+(?:og\s+indikatorer|Indikator|\d{1,2}\b))"
    rf"|(?<![\w.])\d{{1,2}}\.\s+(?:{_alternatives(list(STRATEGIC_HEADINGS))})(?![\wæøåÆØÅ])"
)
_NUMBERED_HEADING = re.compile(r"^\d{1,2}\.\s+[A-ZÆØÅ]")
_GUIDANCE_START = re.compile(r"\(?Vejledende tekst\b")
_SENTENCE_END = re.compile(r"[.!?](?=\s+[A-ZÆØÅ\"“”(])")


# -- what kind of text this is ---------------------------------------------------------------
def is_one_line(lines: list[str]) -> bool:
    """Pages on one line each: most of the text is in lines longer than any paragraph's,
    and most lines are that long (a text with a paragraph a line has short lines too)."""
    filled = sorted(len(line) for line in lines if line.strip())
    total = sum(filled)
    long = sum(length for length in filled if length > LONG_LINE)
    return total > 0 and long >= 0.6 * total and filled[len(filled) // 2] > LONG_LINE


def _structured(lines: list[str]) -> bool:
    """Text that kept its structure (Markdown headings, tab or pipe tables) is no flattened
    copy, whatever its line lengths."""
    return any(
        line.startswith("#") or "\t" in line or line.lstrip().startswith("|") for line in lines
    )


def is_hard_wrapped(lines: list[str]) -> bool:
    """Hard line breaks at one width, with the template's labels inside the lines (text whose
    paragraphs ran together), and no space-aligned columns (that is `pdftotext -layout`)."""
    filled = [line.rstrip() for line in lines if line.strip()]
    if len(filled) < 12:
        return False
    if sum(1 for line in filled if GAP.search(line)) > 0.05 * len(filled):
        return False
    lengths = sorted(len(line) for line in filled)
    width = lengths[int(len(lengths) * 0.95)]
    full = sum(1 for length in lengths if width - 15 <= length <= width)
    if not 40 <= width <= 130 or full < 0.25 * len(filled):
        return False
    inside = sum(
        1 for line in filled if (m := _LABEL.search(line, 1)) and line[: m.start()].strip()
    )
    return inside >= 2


_TYPED_ITEM = re.compile(r"^\s*[-*+]\s+\S")


def _typed_lists(lines: list[str]) -> bool:
    """Lists typed as text ("- Fællesspisning"): a text someone wrote or saved line by line,
    not a viewer's copy of a page (which copies a list's bullet characters)."""
    return sum(1 for line in lines if _TYPED_ITEM.match(line)) >= 2


def is_viewer_copy(lines: list[str]) -> bool:
    """Text copied from a PDF viewer as the page sets it: every line a line of the page (no
    blank lines between paragraphs, prose broken at the page's width, a table's cells in
    the short lines of their columns), no space-aligned columns (`pdftotext -layout`) and
    no line longer than a page is wide (a paragraph a line is text saved from a word
    processor, read line by line)."""
    filled = [line.rstrip() for line in lines if line.strip()]
    blank = sum(1 for line in lines if not line.strip())
    if len(filled) < 20 or blank > 0.05 * len(lines) or _typed_lists(filled):
        return False
    if sum(1 for line in filled if GAP.search(line)) > 0.05 * len(filled):
        return False
    lengths = sorted(len(line) for line in filled)
    width = lengths[int(len(lengths) * 0.95)]
    short = sum(1 for length in lengths if length < 30)
    return 50 <= width <= 130 and lengths[-1] <= width + 40 and short >= 0.15 * len(filled)


def is_page_lines(lines: list[str]) -> bool:
    """Text a PDF viewer copied block by block (poppler's, as Evince or `pdftotext` give it):
    a blank line between blocks, every line a line of the page, and most lines the short
    lines of table cells; its blocks are read as hard-wrapped paragraphs are."""
    filled = [line.rstrip() for line in lines if line.strip()]
    blank = sum(1 for line in lines if not line.strip())
    if len(filled) < 20 or blank < 0.05 * len(lines) or _typed_lists(filled):
        return False
    if sum(1 for line in filled if GAP.search(line)) > 0.05 * len(filled):
        return False
    lengths = sorted(len(line) for line in filled)
    width = lengths[int(len(lengths) * 0.95)]
    short = sum(1 for length in lengths if length < 30)
    return 50 <= width <= 130 and short >= 0.2 * len(filled)


def _page_lines_not_across(lines: list[str]) -> bool:
    """Page lines whose table lines do not hold a piece of every column (those, as OCR
    reads a table, the goal table's reader takes line by line)."""
    from importing.interleave import is_interleaved

    return is_page_lines(lines) and not is_interleaved([line.strip() for line in lines])


# -- page furniture on one-line pages --------------------------------------------------------
_PAGE_NUMBER = re.compile(r"\bSide \d{1,3} af \d{1,3}\b")


def _common_prefix(lines: list[str]) -> list[str]:
    split = [line.split() for line in lines]
    prefix: list[str] = []
    for words in zip(*split, strict=False):
        if len(set(words)) != 1:
            break
        prefix.append(words[0])
    return prefix


def drop_furniture(lines: list[str]) -> list[str]:
    """A running header every page starts with, and "Side X af Y" with the running footer
    words before it that every page has, are page furniture, not text."""
    pages = [line for line in lines if line.strip()]
    if len(pages) < 2:
        return lines
    out = _drop_footer_phrase(list(lines))
    prefix = _common_prefix(pages)[:15]  # a running header is a line, not a page
    if len(prefix) < 2 and len(pages) >= 3:
        prefix = _common_prefix(pages[1:])[:15]  # the first page opens with the title
    long_pages = all(len(page.split()) > len(prefix) + 20 for page in pages)
    # a template label at the top of every page is content, not a running header
    if len(prefix) >= 2 and long_pages and not _LABEL.search(" ".join(prefix)):
        pattern = re.compile(r"^\s*" + r"\s+".join(re.escape(w) for w in prefix) + r"\s*")
        out = [pattern.sub("", line, count=1) for line in out]
    numbered = [m for line in out if (m := _PAGE_NUMBER.search(line))]
    if len(numbered) >= 2:
        befores = [
            line[: m.start()].split()[-8:] for line in out if (m := _PAGE_NUMBER.search(line))
        ]
        footer: list[str] = []
        for words in zip(*[list(reversed(b)) for b in befores], strict=False):
            if len(set(words)) != 1:
                break
            footer.insert(0, words[0])
        joined = r"\s+".join(re.escape(w) for w in footer)
        pattern = re.compile((joined + r"\s+" if footer else "") + _PAGE_NUMBER.pattern)
        out = [pattern.sub(" ", line) for line in out]
    return out


def _drop_footer_phrase(lines: list[str]) -> list[str]:
    """A running footer's words that the copy set apart from their page number (a table
    that runs past the footer's line puts the footer amid its cells): the words right before
    "Side X af Y" on two pages or more that every numbered page holds, removed wherever they
    stand."""
    numbered = [line for line in lines if _PAGE_NUMBER.search(line)]
    if len(numbered) < 2:
        return lines
    befores: Counter[str] = Counter()
    for line in numbered:
        words = line[: _PAGE_NUMBER.search(line).start()].split()  # type: ignore[union-attr]
        for size in range(3, 7):
            if len(words) >= size:
                befores[" ".join(words[-size:])] += 1
    phrases = [
        phrase
        for phrase, count in befores.items()
        if count >= 2
        and not _LABEL.search(phrase)
        and not re.search(r"\d", phrase)
        and all(phrase in " ".join(line.split()) for line in numbered)
    ]
    if not phrases:
        return lines
    phrase = max(phrases, key=len)
    pattern = re.compile(r"\s+".join(re.escape(w) for w in phrase.split()))
    return [pattern.sub(" ", line) for line in lines]


def drop_paragraph_furniture(flows: list[str]) -> list[str]:
    """Running headers and footers a PDF viewer copies as paragraphs of their own: the page
    numbers ("Side 2 af 8"), and the paragraphs next to them that come back page after page."""
    counts = Counter(flows)
    furniture: set[str] = set()
    for index, flow in enumerate(flows):
        if not _PAGE_NUMBER.search(flow):
            continue
        for near in flows[max(0, index - 3) : index + 4]:
            rest = _PAGE_NUMBER.sub("", near).strip()
            bare = not rest or (counts[near] >= 2 and not re.search(r"\d", rest))
            # a label the template repeats on every sheet ("Ansvars- og rollefordeling:")
            # at the top of a page is content
            if bare and len(near) < 160 and not (rest and starts_with_label(rest)):
                furniture.add(near)
    flows = _strip_running_header(flows)
    out: list[str] = []
    for flow in flows:
        if flow in furniture:
            continue
        if _PAGE_NUMBER.search(flow) and len(flow) < 160:
            rest = _PAGE_NUMBER.sub("", flow).strip()
            if not rest or any(rest.endswith(f) or rest.startswith(f) for f in furniture):
                continue
        out.append(flow)
    return out


def _strip_running_header(flows: list[str]) -> list[str]:
    """A running header at the top of every page, copied at the start of the page's first
    paragraph (which it may run into): the words the paragraphs right after the page
    numbers, and the document's first, begin with."""
    numbers = [i for i, flow in enumerate(flows) if _PAGE_NUMBER.search(flow)]
    if len(numbers) < 2:
        return flows
    # the page's first paragraphs (a table's header cells may come first)
    tops = {0} | {i for n in numbers for i in range(n + 1, min(n + 10, len(flows)))}
    starts = Counter(" ".join(flows[i].split()[:5]) for i in tops if len(flows[i].split()) >= 5)
    out = list(flows)
    for head, count in starts.items():
        if count < 2 or re.search(r"\d", head):
            continue
        group = [out[i] for i in sorted(tops) if out[i].startswith(head)]
        prefix = _common_prefix(group)
        if len(prefix) < 5:
            continue
        text = " ".join(prefix)
        for i in tops:
            if out[i].startswith(text):
                out[i] = out[i][len(text) :].strip()
    return [flow for flow in out if flow]


# -- joining hard-wrapped lines --------------------------------------------------------------
_HYPHEN_END = re.compile(r"(?<=[a-zæøåA-ZÆØÅ]{2})-$")
JOINING_WORDS = {"og", "eller", "samt", "til", "som"}


def join_wrapped(lines: list[str]) -> str:
    """The lines of one paragraph as one flow, words hyphenated at a line end made whole."""
    flow = ""
    for raw in lines:
        line = raw.strip()
        if not line:
            continue
        if flow and _HYPHEN_END.search(flow) and line[:1].islower():
            first = line.split()[0]
            if first not in JOINING_WORDS:
                flow = flow[:-1] + line
                continue
        flow = f"{flow} {line}" if flow else line
    return flow


# -- list entries a line each on page lines -------------------------------------------------
def _capitals(line: str) -> bool:
    """A line in capitals (a title or heading set in capitals: »DELAFTALE – TRYGHED«)."""
    letters = [char for char in line if char.isalpha()]
    return len(letters) >= 8 and len(line.split()) >= 2 and all(c.isupper() for c in letters)


def set_apart_capitals(lines: list[str]) -> list[str]:
    """Page lines: a line in capitals is a heading of its own (a blank line either side), not
    the first words of the paragraph after it."""
    out: list[str] = []
    for line in lines:
        if _capitals(line.strip()):
            out.extend(["", line, ""])
        else:
            out.append(line)
    return out


_LINE_LIST_KINDS = ("parties", "activities")
_LEADING_NUMBER = re.compile(r"^\s*\d{1,2}[.)]\s+")


def _line_label(line: str) -> str | None:
    """The template label a line starts with (after a number written by hand), or None."""
    match = _LABEL.match(_LEADING_NUMBER.sub("", line.strip()))
    return match.group() if match else None


_TABLE_HEADINGS_OF_PARTIES = {"part", "parter", "underskriver", "underskrift", "dato", "navn"}


def _signers_table(lines: list[str]) -> bool:
    """Whether the lines after a parties label, up to the next label, hold the headings of
    a table of parties and signers (»Part«, »Underskriver«, »Dato« on lines of their own)."""
    for line in lines:
        text = line.strip()
        if text and _line_label(text) is not None:
            return False
        if text.rstrip(":").lower() in _TABLE_HEADINGS_OF_PARTIES:
            return True
    return False


def mark_list_lines(lines: list[str]) -> list[str]:
    """Page lines (a PDF viewer's copy, every line a line of the page) under a label whose
    value is a list of names (the parties, the activities): a line the one before it broke
    early for (its first word would have fitted there) begins an entry of its own, and is
    marked with a bullet so it is not run together with the next when the lines are joined.
    A line that goes on with the one before it (that one filled the page's width, ended on a
    comma or a joining word, or it starts in lower case) stays part of its entry."""
    filled = sorted(len(line.rstrip()) for line in lines if line.strip())
    if not filled:
        return lines
    width = filled[int(len(filled) * 0.95)]
    out: list[str] = []
    kind: str | None = None
    previous: str | None = None  # the list's line before, None right after the label
    for index, line in enumerate(lines):
        text = line.strip()
        label = _line_label(text) if text else None
        if label is not None:
            kind = _kind(label)
            if kind == "parties" and _signers_table(lines[index + 1 :]):
                kind = None  # a Part | Underskriver table copied row by row: read as it is
            rest = text[text.index(label) + len(label) :].lstrip(" :")
            previous = None if not rest else text
            out.append(line)
            continue
        if kind not in _LINE_LIST_KINDS or not text or _NUMBERED_HEADING.match(text):
            if text and _NUMBERED_HEADING.match(text):
                kind = None  # a numbered part of the document's own ends the list
            out.append(line)
            continue
        if text[:1] in BULLETS or text[:1] in "-–*":
            previous = text
            out.append(line)
            continue
        words = text.split()
        goes_on = previous is not None and (
            len(previous) + 1 + len(words[0]) > width
            or previous.endswith((",", "-", "/", "&"))
            or previous.split()[-1].lower() in _CONNECTORS
            or text[:1].islower()
        )
        out.append(line if goes_on else f"• {text}")
        previous = text
    return out


# -- cutting a flow at the labels ------------------------------------------------------------
@dataclass
class Segment:
    label: str | None  # the label's own text (with its colon), None for the text before any
    values: list[str] = field(default_factory=list)  # flows, one for each source paragraph
    table: list[str] | None = None  # rebuilt as tab-separated rows (a staff table)


def _closing_paren(text: str, start: int) -> int:
    """The index after the parenthesis opened at `start`, or -1 (within 500 characters)."""
    depth = 0
    for index in range(start, min(len(text), start + 500)):
        char = text[index]
        if char == "(":
            depth += 1
        elif char == ")":
            depth -= 1
            if depth == 0:
                return index + 1
    return -1


def _label_end(flow: str, end: int) -> int:
    """Where a label's own text ends: after its colon, or after a guidance parenthesis
    written right after it ("Revision af delaftalen (Eventuelle …):")."""
    rest = len(flow) - len(flow[end:].lstrip())
    if flow.startswith("(", rest):
        close = _closing_paren(flow, rest)
        if close > 0:
            end = close
            rest = len(flow) - len(flow[end:].lstrip())
    if flow.startswith(":", rest):
        end = rest + 1
    return end


_LABEL_NUMBER = re.compile(r"(?:^|(?<=\s))\d{1,2}[.)]\s*$")


def _pieces(flow: str) -> list[tuple[str | None, str]]:
    """(label, text) pieces of one flow; guidance sentences and parentheses on their own."""
    pieces: list[tuple[str | None, str]] = []
    position = 0
    for match in _LABEL.finditer(flow):
        if match.start() < position:
            continue
        # the number a part's label has written before it ("… Bakkely 2. Delaftalen gælder")
        before = _LABEL_NUMBER.sub("", flow[position : match.start()]).strip()
        if before:
            pieces.append((None, before))
        end = _label_end(flow, match.end())
        pieces.append((flow[match.start() : end].strip(), ""))
        position = end
    rest = flow[position:].strip()
    if rest:
        pieces.append((None, rest))
    return pieces


_BARE_GOAL = re.compile(r"^Delmål:?$")


def segments_of(flows: list[str]) -> list[Segment]:
    segments = [Segment(None)]
    for flow in flows:
        started = False
        for label, text in _pieces(flow):
            in_goals = (segments[-1].label or "").startswith("Delmål og indikatorer")
            if label is not None and in_goals and _BARE_GOAL.match(label):
                text = label  # the goal table's own "Delmål" column
            elif label is not None:
                segments.append(Segment(label))
                started = True
                continue
            current = segments[-1]
            if started and current.values:
                current.values[-1] = f"{current.values[-1]} {text}"
            else:
                current.values.append(text)
            started = True
    return segments


# -- guidance inside values ------------------------------------------------------------------
def split_guidance(text: str) -> list[str]:
    """A value with the template's guidance cut out onto lines of its own (where the guidance
    pass drops them): "(Navn på boligorganisation(er) og kommune(r))", "Vejledende tekst: …"."""
    out: list[str] = []
    position = 0
    index = 0
    while index < len(text):
        char = text[index]
        if char == "(":
            close = _closing_paren(text, index)
            if close > 0 and is_guidance(text[index:close]):
                out.append(text[position:index])
                out.append(text[index:close])
                position = index = close
                continue
        if char == "V" and (match := _GUIDANCE_START.match(text, index)):
            end_match = _SENTENCE_END.search(text, match.end())
            end = end_match.end() if end_match else len(text)
            if index > 0 and text[index - 1] == "(":
                index += 1
                continue
            out.append(text[position:index])
            out.append(text[index:end])
            position = index = end
            continue
        index += 1
    out.append(text[position:])
    return [piece.strip() for piece in out if piece.strip()]


# -- lists -----------------------------------------------------------------------------------
_NUMBER = re.compile(r"(?:(?<=\s)|^)(\d{1,2})[.)]\s+(?=[A-ZÆØÅ\"“])")


def split_numbered(text: str) -> list[str] | None:
    """ "1. Jobcafé 2. Fritidsjob 3. Sprog" as its entries, when the numbers run 1, 2, 3 …"""
    cuts: list[int] = []
    expected = 1
    for match in _NUMBER.finditer(text):
        if int(match[1]) == expected:
            cuts.append(match.start())
            expected += 1
    if len(cuts) < 2 or text[: cuts[0]].strip():
        return None
    return [text[a:b].strip() for a, b in zip(cuts, [*cuts[1:], len(text)], strict=False)]


def split_bullets(text: str) -> list[str]:
    pieces = re.split(rf"\s*(?=[{re.escape(BULLETS)}])", text)
    return [p.strip() for p in pieces if p.strip() and p.strip() not in BULLETS]


# Words that begin an organisation's name ("Boligforeningen Lyngbo", "Jobcenter Lyngmose")
# and words that end one ("Lyngmose Kommune", "Slagelse Boligselskab").
_ORG_STEM = (
    r"(?:forening|selskab|klub|caf[eé]|pleje|bestyrelse|kontor|skole|bibliotek|sekretariat"
    r"|konsulent|center|cent(?:e)?r|afdeling|team|medarbejder|boliger|forvaltning|hus|råd"
    r"|politi|kommune|tilbud)"
)
_HEAD = re.compile(
    rf"^[A-ZÆØÅ][\wæøå]*{_ORG_STEM}[bdgkpt]?(?:en|et|n|ne|erne)$|^[A-ZÆØÅ][\wæøå]*center$"
)
_END = re.compile(
    r"^(?:[A-ZÆØÅ][\wæøå]*)?(?:[Kk]ommune|[Pp]oliti|[Pp]olitikreds|[Bb]oligselskab|[Bb]oligforening"
    r"|[Ee]rhvervsråd|[Ss]kole|[Bb]ibliotek|[Cc]af[eé]|[Bb]oliger|[Aa]fdelingsbestyrelse)$"
)
_ROLE_HEAD = re.compile(r"^[A-ZÆØÅ][\wæøå]*(?:chef|leder),$")
_CONNECTORS = {"og", "/", "&", "v.", "i", "for", "af", "fra", "samt", "ved", "-", "–", "til"}


def _capital(word: str) -> bool:
    return word[:1].isupper() or word[:1] in '"“'


def split_names(text: str) -> list[str]:
    """Organisations' names run together ("Boligforeningen Lyngbo Jobcenter Lyngmose
    Lyngmose Erhvervsråd") cut between names: before a word that begins a name, after one
    that ends a name, before a place a name-ending word follows, between a word and itself."""
    words = text.split()
    if len(words) < 2:
        return [text] if text else []
    names: list[list[str]] = [[words[0]]]
    counts = Counter(words)  # a place the list names more than once ("Slagelse Kommune")
    for index in range(1, len(words)):
        word, previous = words[index], words[index - 1]
        following = words[index + 1] if index + 1 < len(words) else ""
        cut = False
        if (
            _capital(word)
            and previous.lower() not in _CONNECTORS
            and not previous.endswith((",", "-", "/", "&"))
            and not (previous.endswith("s") and _capital(previous) and not _END.match(previous))
        ):
            bare = previous.rstrip(".")
            cut = bool(
                _HEAD.match(word)
                or _END.match(bare)
                or previous.endswith(")")
                or word.endswith("-")
                or (
                    _END.match(following.rstrip(",."))
                    and not _END.match(word)
                    and (len(names[-1]) >= 2 or counts[word] >= 2)
                    and (not word.endswith("s") or counts[word] >= 2)
                )
                or word == previous
                or (previous[:1].islower() and any("," in w for w in names[-1]))
                or _ROLE_HEAD.match(word)
                or (_ROLE.match(word) and _capital(previous) and len(names[-1]) >= 2)
                or word.isupper()
                and len(word) >= 2
            )
            if _END.match(word) and not _HEAD.match(word):
                cut = cut and bool(_END.match(bare) or previous.endswith(")"))
        if cut:
            names.append([word])
        else:
            names[-1].append(word)
    return [" ".join(n) for n in names]


def split_titled(text: str) -> list[str] | None:
    """Parties written "title, organisation, person" one after the other ("Leder, Lyngbo
    Boligforening, Jens Hansen Formand, …") cut before a title: a capitalised word with a
    comma after an entry that already has two commas and ends in a name of two or more
    capitalised words. None unless every entry comes out with two commas or more."""
    words = text.split()
    if sum(w.endswith(",") for w in words) < 4:
        return None
    entries: list[list[str]] = [[]]
    for word in words:
        entry = entries[-1]
        if entry and word.endswith(",") and _capital(word) and not _END.match(word.rstrip(",")):
            start = max((i + 1 for i, w in enumerate(entry) if w.endswith(",")), default=0)
            name = entry[start:]
            if (
                start
                and sum(w.endswith(",") for w in entry) >= 2
                and len(name) >= 2
                and all(_capital(w) for w in name)
            ):
                entries.append([word])
                continue
        entry.append(word)
    if len(entries) < 2 or any(sum(w.endswith(",") for w in e) < 2 for e in entries):
        return None
    return [" ".join(e) for e in entries]


_STAFF_END = re.compile(
    r"(?:\d\s*%|\bpct\.?|\bprocent|t/år|\btimer (?:om|pr\.?|i) (?:året|år|ugen|uge|måneden)"
    r"|\btimer årligt|\barbejdstid|\bfuldtid)$",
    re.IGNORECASE,
)
_ROLE = re.compile(
    r"^[A-ZÆØÅ][\wæøå-]*(?:medarbejder|medarbejdere|leder|koordinator|konsulent|rådgiver"
    r"|mentor|sekretær|chef|pædagog|assistent|vejleder|betjent)\b"
)


def split_staff(text: str) -> list[str]:
    """Staff lines run together, cut after a share or hours figure (or "arbejdstid") that a
    capitalised word follows, before a role noun, and before "15 % af …" after a word."""
    words = text.split()
    lines: list[list[str]] = []
    for index, word in enumerate(words):
        previous = lines[-1] if lines else []
        last = previous[-1] if previous else ""
        cut = not previous
        if previous and not last.endswith((",", "-")) and last.lower() not in _CONNECTORS:
            joined = " ".join(previous[-4:])
            if (
                _capital(word)
                and _STAFF_END.search(joined)
                or _ROLE.match(word)
                and len(previous) >= 2
                or (
                    re.match(r"^\d+(?:,\d+)?$", word)
                    and index + 2 < len(words)
                    and words[index + 1] == "%"
                    and words[index + 2] == "af"
                    and not last[:1].isdigit()
                )
            ):
                cut = True
        if cut:
            lines.append([word])
        else:
            previous.append(word)
    # a staff table's column heading copied before its column's cells is no role
    out = [_STAFF_COLUMN_HEADING.sub("", " ".join(line)) for line in lines]
    return [line for line in out if line]


# the words that head a staff table's columns ("Stilling | Omfang | Finansiering")
_STAFF_HEADING_WORDS = (
    r"(?:Stilling|Funktion|Rolle|Omfang|Andel af fuldtid|Timer pr\.? år|Finansiering"
    r"|Finansieret af)"
)
_STAFF_COLUMN_HEADING = re.compile(rf"^{_STAFF_HEADING_WORDS}(?:\s+|$)(?=[A-ZÆØÅ0-9]|$)")
_STAFF_COLUMN_HEADINGS = re.compile(rf"(?:^|(?<=\s)){_STAFF_HEADING_WORDS}(?=\s+[A-ZÆØÅ0-9]|$)")


_STAFF_HEADINGS = re.compile(r"\b(Rolle|Andel af fuldtid|Timer pr\.? år|Finansieret af)\b")
_SHARE = re.compile(r"(?<![\d,])\d{1,3}(?:,\d+)?\s*%")
_HOURS = re.compile(r"(?<![\d,%])\b\d{1,4}\b(?!\s*%|[,.]\d)")
STAFF_COLUMNS_WARNING = (
    "Medarbejdertabellen er kopieret kolonne for kolonne; rollerne er parret med andele og "
    "timer i rækkefølge – kontrollér medarbejderressourcerne."
)


def _columns_first_staff(text: str, warnings: list[str]) -> list[str] | None:
    """A staff table copied a column at a time ("Rolle Jobmentor Projektleder Andel af
    fuldtid 60 % 20 % Timer pr. år Finansieret af") rebuilt as the table's rows: each role
    paired with the share or the hours in its column's order. None unless the roles come before the figures and their
    numbers agree; a share and hours column filled for different roles is only a guess (the
    shares taken for the first roles) and the reading says so."""
    parts = _STAFF_HEADINGS.split(text)
    if len(parts) < 5 or parts[0].strip() or parts[1] != "Rolle":
        return None
    columns: dict[str, str] = {}
    for heading, value in zip(parts[1::2], parts[2::2], strict=False):
        columns[heading.split()[0]] = " ".join([columns.get(heading.split()[0], ""), value])
    roles_text = columns.get("Rolle", "").strip()
    if not roles_text or "Andel" not in columns:
        return None
    funded = columns.get("Finansieret", "").strip()
    figures_only = not re.sub(r"[\d\s,%]", "", funded)
    shares = _SHARE.findall(columns.get("Andel", "") + (" " + funded if figures_only else ""))
    hours_text = columns.get("Timer", "") + (" " + _SHARE.sub(" ", funded) if figures_only else "")
    hours = _HOURS.findall(hours_text)
    if not figures_only and funded:
        return None  # who funds each role: a column not to be paired by guessing
    roles = _split_roles(roles_text)
    if len(roles) < 2 or any(re.search(r"\d", r) for r in roles):
        return None
    shares = [" ".join(x.split()) for x in shares]
    if len(shares) + len(hours) != len(roles):
        return None
    if shares and hours:
        warnings.append(STAFF_COLUMNS_WARNING) if STAFF_COLUMNS_WARNING not in warnings else None
    rows = ["\t".join(["Rolle", "Andel af fuldtid", "Timer pr. år", "Finansieret af"])]
    for number, role in enumerate(roles):
        share = shares[number] if number < len(shares) else ""
        hour = hours[number - len(shares)] if number >= len(shares) else ""
        rows.append("\t".join([role, share, hour, ""]))
    return rows


def _split_roles(text: str) -> list[str]:
    """A column of roles run together ("Boligsocial koordinator Jobmentor Medarbejder fra
    Jobcenter Tranemosen"): cut before each capitalised word that follows a lower-case word
    or a role, never after a connector ("fra", "i")."""
    roles: list[list[str]] = []
    for word in text.split():
        previous = roles[-1][-1] if roles else ""
        cut = not roles or (
            _capital(word)
            and previous.lower() not in _CONNECTORS
            and (previous[:1].islower() or bool(_ROLE.match(previous)))
        )
        if cut:
            roles.append([word])
        else:
            roles[-1].append(word)
    return [" ".join(r) for r in roles]


def _staff_columns(segments: list[Segment], warnings: list[str]) -> None:
    for segment in segments:
        if _kind(segment.label) != "staff" or not segment.values:
            continue
        segment.table = _columns_first_staff(" ".join(segment.values), warnings)
        if segment.table is not None:
            segment.values = []


_AREA_TABLE = re.compile(r"\bBoligområde\s+Afdeling(?:er|s?numre|snr\.?)?\s+(?=[A-ZÆØÅ])")
_AREA_ROW = re.compile(
    r"([A-ZÆØÅ][^\d,():]*?)\s+(\d{1,4}(?:\s*(?:,|og|&)\s*\d{1,4})*)(?=\s+[A-ZÆØÅ]|\s*$)"
)


def _housing_table(segments: list[Segment]) -> None:
    """The housing areas' table copied a row at a time after its headings ("Boligområde
    Afdelinger Sølvdalsparken 4, 7, 11 Engtoften 2, 19"): each area with its departments as
    a row of the table again, the text before the headings kept above it."""
    for segment in segments:
        if _kind(segment.label) != "housing" or len(segment.values) != 1:
            continue
        head = _AREA_TABLE.search(segment.values[0])
        if head is None:
            continue
        rows = segment.values[0][head.end() :].strip()
        found = list(_AREA_ROW.finditer(rows))
        if not found or "".join(m[0] for m in found).replace(" ", "") != rows.replace(" ", ""):
            continue  # something else in the rows: left as text
        segment.values = [segment.values[0][: head.start()].strip()]
        segment.table = [
            "Boligområde\tAfdelinger",
            *(f"{m[1].strip()}\t{' '.join(m[2].split())}" for m in found),
        ]


# -- putting it together ---------------------------------------------------------------------
def _kind(label: str | None) -> str | None:
    if label is None:
        return None
    folded = " ".join(re.sub(r"^\d{1,2}\.\s+", "", label).lower().replace(":", " ").split())
    for start, kind in LIST_KINDS.items():
        if folded.startswith(start):
            if start == "delmål" and folded.startswith("delmål og indikatorer"):
                return None
            return kind
    return None


def _entries(kind: str | None, value: str) -> list[str]:
    lines: list[str] = []
    for piece in split_guidance(value):
        if is_guidance(piece) or _GUIDANCE_START.match(piece):
            lines.append(piece)
            continue
        runs = _BULLET_RUNS.split(piece)
        if any(len(re.findall(f"[{re.escape(BULLETS)}]", r)) >= 2 for r in runs[1::2]):
            # the bullets set apart in a column of their own ("• • • Boligforeningen …
            # Jobcenter …"): the entries after such a run are cut by their shape
            if runs[0].strip():
                lines.extend(_entries(kind, runs[0]))
            for marks, text in zip(runs[1::2], runs[2::2], strict=False):
                if not text.strip():
                    continue
                if len(re.findall(f"[{re.escape(BULLETS)}]", marks)) >= 2:
                    entries = _unmarked(kind, text.strip())
                    if kind == "staff":
                        # each staff line had its bullet (set apart in the run): an item, as
                        # the one before, so the reader does not run them into that one
                        entries = [e if e.startswith("- ") else f"- {e}" for e in entries]
                    lines.extend(entries)
                else:
                    lines.extend(_entries(kind, marks.strip() + " " + text.strip()))
            continue
        for part in split_bullets(piece):
            bullet = part[:1] in BULLETS
            text = part[1:].strip() if bullet else part
            if bullet:
                lines.append(f"- {text}")
                continue
            if kind == "items":  # an activity's delmål without their bullets: one sentence each
                lines.extend(f"- {p.strip()}" for p in _SENTENCES.split(text) if p.strip())
                continue
            if kind == "activities":
                lines.extend(split_numbered(text) or [text])
            elif kind == "parties" and is_parties_sentence(text):
                lines.append(text)
            elif kind == "parties":
                if _SIGNERS_INTERLEAVED.match(text):
                    text = without_people(text)[0]  # the signers' column copied in between
                text = _without_signers(text)
                numbered = split_numbered(text)
                lines.extend(numbered or split_titled(text) or split_names(text))
            elif kind == "staff":  # a table copied row by row: its headings first
                lines.extend(_staff_lines(text))
            elif kind == "housing":
                lines.extend(split_housing(text))
            else:
                lines.extend(split_numbered(text) or [text])
    return lines


_STAFF_TABLE_HEAD = re.compile(
    r"^Rolle\s+(?:Andel af fuldtid\s+)?(?:Timer pr\.? år\s+)?(?:Finansieret af\s+)?(?=[A-ZÆØÅ])"
)
_BULLET_RUNS = re.compile(rf"((?:[{re.escape(BULLETS)}]\s*)+)")


def _staff_lines(text: str) -> list[str]:
    """Staff lines of a value; a staff table copied row by row or a column at a time
    ("Rolle Tryghedsmedarbejder Omfang 30 timer pr. uge") without its column headings."""
    if _STAFF_COLUMN_HEADING.match(text):
        text = _STAFF_COLUMN_HEADINGS.sub(" ", text)
    return split_staff(_STAFF_TABLE_HEAD.sub("", text, count=1))


_PARTY_TABLE_HEAD = re.compile(r"^(?:Part(?:er)?\s+)?(?:Underskriver\s+)?(?:Dato\s+)?")
_SIGNERS = re.compile(r"\s(?:Underskriver|Dato)\b")


def _without_signers(text: str) -> str:
    """The parties of a Part | Underskriver | Dato table copied a column at a time: its
    headings gone, and the signers' column (after "Underskriver") left out."""
    text = _PARTY_TABLE_HEAD.sub("", text, count=1)
    signers = _SIGNERS.search(text)
    return text[: signers.start()].strip() if signers else text


_SIGNERS_COLUMN = re.compile(r"^(?:Underskriver|Underskrift|Dato)\b")


# "Part Underskriver …": the headings of both columns, then their cells row by row
_SIGNERS_INTERLEAVED = re.compile(r"^Part(?:er)?\s+Underskri(?:ver|ft)\b")
PARTIES_WARNING = (
    "Parterne står i en tabel med en kolonne for underskrivere, og kolonnerne er kopieret "
    "sammen; parternes navne kan indeholde underskrivernes – kontrollér parterne."
)


def _before_signers(values: list[str]) -> list[str]:
    """A Part | Underskriver | Dato table copied a column at a time, a paragraph a column:
    the parties end where the signers' (or the dates') column begins."""
    for index, value in enumerate(values):
        if index and _SIGNERS_COLUMN.match(value):
            return values[:index]
    return values


def split_housing(text: str) -> list[str]:
    """Housing areas run together, "Sølvdalsparken (afdeling 4 og 7) Engtoften (…)": cut
    after each closing bracket (or colon) that a capitalised word follows."""
    return [p for p in re.split(r"(?<=[):])\s+(?=[A-ZÆØÅ])", text) if p]


def _unmarked(kind: str | None, text: str) -> list[str]:
    if kind == "parties":
        if _SIGNERS_INTERLEAVED.match(text):
            text = without_people(text)[0]
        text = _without_signers(text)
        return split_numbered(text) or split_titled(text) or split_names(text)
    if kind == "staff":
        return _staff_lines(text)
    if kind == "housing":
        return split_housing(text)
    if kind == "items":  # an activity's delmål: one sentence each
        return ["- " + p.strip() for p in _SENTENCES.split(text) if p.strip()]
    return [text]


# labels a name stands right before: an activity sheet's, a focus area's problem complex
_PURPOSE = re.compile(r"^(?:Formål|Problemkompleks for indsatsområdet):?$")


def _sheet_names(segments: list[Segment]) -> None:
    """An activity sheet's name written right before its "Formål" label, at the end of the
    sheet before it ("… virksomhederne. Fritidsjob med følgeskab Formål Formålet er …"), is
    put on a line of its own: the sheet starts there."""
    for index in range(1, len(segments)):
        label = segments[index].label or ""
        previous = segments[index - 1]
        if not _PURPOSE.match(label) or not previous.values or previous.label is None:
            continue
        last = previous.values[-1]
        ends = list(_SENTENCE_END.finditer(last))
        if not ends:
            continue
        tail = last[ends[-1].end() :].strip()
        if 0 < len(tail) < 150 and not tail.endswith((".", ":")):
            previous.values[-1] = last[: ends[-1].end()].strip()
            previous.values.append(tail)
    _label_column_first(segments)
    _name_sheets(segments)


def _name_sheets(segments: list[Segment]) -> None:
    """The line naming a sheet right before its "Formål" gets the template's "Aktivitetsnavn"
    label, so the sheet reads as one even where its name ends on a full stop."""
    index = 1
    while index < len(segments):
        segment, previous = segments[index], segments[index - 1]
        named = _NAME_LABEL.match(previous.label or "")
        if (segment.label or "").startswith("Formål") and not named and previous.values:
            name = previous.values[-1].strip()
            first_sheet = (previous.label or "").startswith("Aktiviteter, som")
            if 0 < len(name) < 150 and (
                first_sheet and len(previous.values) == 1 or not first_sheet
            ):
                if not first_sheet and not _SHEET_FIELD.match(previous.label or ""):
                    index += 1
                    continue  # only the end of another sheet's field or the sheets' heading
                previous.values.pop()
                heading = _SHEETS_HEADING.match(name)
                if heading and name[heading.end() :].strip():
                    # »Aktivitetsskema« over the sheet, its paragraph joined onto the name
                    previous.values.append(name[: heading.end()].strip())
                    name = name[heading.end() :].strip()
                segments.insert(index, Segment("Aktivitetsnavn:", [name]))
                index += 1
        index += 1


_SHEETS_HEADING = re.compile(r"^Aktivitetsskema(?:er|erne)?\s*:?\s+")
_SHEET_FIELD = re.compile(r"^(?:Ansvars- og rollefordeling|Indhold og praksis|Målgruppe|Delmål)")


_INITIATIVE_LABEL = re.compile(r"^Navn på den boligsociale indsats|^Områdets navn")
_PERIOD_LABEL = re.compile(r"^(?:Del|Samarbejds)?[Aa]ftalen gælder")
_DATE_RANGE = re.compile(r"\s(?=\d{1,2}\.\s?(?:\d{1,2}\.\s?\d{2,4}|[a-zæøå]+\s+\d{4})\s*[–-])")


def _header_column_first(segment: Segment, following: Segment) -> None:
    """The header's label table copied a column at a time: the initiative's label with
    nothing after it, then the period's label followed by the initiative and the period."""
    if segment.values or not _INITIATIVE_LABEL.match(segment.label or ""):
        return
    if not _PERIOD_LABEL.match(following.label or "") or not following.values:
        return
    first = following.values[0]
    cut = _DATE_RANGE.search(first)
    if cut is not None and cut.start() > 0:
        segment.values = [first[: cut.start()].strip()]
        following.values[0] = first[cut.end() :].strip()


_SENTENCES = re.compile(r"(?<=[.!?])\s+(?=[A-ZÆØÅ\"“”(])")  # a cut after each sentence
_PURPOSE_TEXT = re.compile(r"(?<=[.!?])\s+(?=Formålet\b)")


def _label_column_first(segments: list[Segment]) -> None:
    """A sheet's two-column table copied a column at a time: "Aktivitetsnavn:" with nothing
    after it, then "Formål:" followed by the name and the purpose. The name is the text
    before the purpose ("Formålet er …"), or its first sentence."""
    for index in range(len(segments) - 1):
        segment, following = segments[index], segments[index + 1]
        _header_column_first(segment, following)
        if segment.values or not _NAME_LABEL.match(segment.label or ""):
            continue
        if not _PURPOSE.match(following.label or "") or not following.values:
            continue
        first = following.values[0]
        cut = _PURPOSE_TEXT.search(first) or _SENTENCE_END.search(first)
        if cut is None or cut.start() > 200:
            continue
        segment.values = [first[: cut.start() + (0 if cut.re is _PURPOSE_TEXT else 1)].strip()]
        following.values[0] = first[cut.end() :].strip()


_NAME_LABEL = re.compile(r"^Aktivit\w*navn:?$")

# an activity sheet's labels, in the template's order
_SHEET_ROLES = (
    ("name", re.compile(r"^Aktivit\w*navn")),
    ("purpose", re.compile(r"^Formål")),
    ("goals", re.compile(r"^(?:Aktivitetens )?[Dd]elmål")),
    ("target", re.compile(r"^Målgruppe")),
    ("content", re.compile(r"^Indhold og praksis")),
    ("duties", re.compile(r"^Ansvars- og rollefordeling")),
)
# a label the page or column broke in two: its first words before the values, the rest after
_LABEL_HEAD = re.compile(r"^(?:Indhold og|Ansvars- og|Målgruppe)\s+")
_LABEL_TAIL = re.compile(r"(?:^|\s)(?:praksis|rollefordeling|\(r\)):(?=\s|$)")
_PURPOSE_START = re.compile(r"\bFormålet\b")
_ITEM_MARK = re.compile(rf"\s[-–{re.escape(BULLETS)}]\s+(?=[A-ZÆØÅ0-9])")
_LAST_SENTENCE_END = re.compile(r"[.!?:](?=\s)")
COLUMNS_FIRST_WARNING = (
    "Aktivitetsskemaerne er kopieret kolonne for kolonne (alle feltnavne før deres indhold); "
    "felterne er delt efter tekstens sætninger – kontrollér målgruppe, indhold og praksis "
    "og ansvars- og rollefordeling i hvert skema."
)


def _role(label: str | None) -> str | None:
    for role, pattern in _SHEET_ROLES:
        if label and pattern.match(label):
            return role
    return None


# who carries an activity in the template's duties field, and what they do there
_DUTY_SUBJECT = re.compile(
    r"^(?:Den |De )?(?:[Bb]oligsociale?\s+)?[A-ZÆØÅa-zæøå]*(?:[Hh]elhedsplan|[Mm]edarbejder"
    r"|[Pp]rojektleder|[Kk]oordinator|[Ss]ekretariat)[\wæøå]*\b"
)
_DUTY_VERB = re.compile(
    r"\b(?:står for|ansætter|koordinerer|rekrutterer|varetager|sørger for|planlægger"
    r"|tovholder|ansvar\w*|leder|driver|støtter|uddanner|afholder)\b"
)


def _duties_start(sentences: list[str]) -> int:
    """Where the duties field begins among a sheet's sentences after its target groups (the
    first is the content's): the first whose subject is the helhedsplan or its staff saying
    what they do ("Helhedsplanen ansætter …", "Medarbejderen har ansvaret …"), else the
    first that speaks of "ansvar"; none, the content runs to the end."""
    for index, text in enumerate(sentences):
        if index >= 1 and _DUTY_SUBJECT.match(text) and _DUTY_VERB.search(text):
            return index
    for index, text in enumerate(sentences):
        if index >= 1 and "ansvar" in text.lower():
            return index
    return len(sentences)


# a numbered list of target groups ("1. Alle beboere 2. Særligt …") after the purpose
_NUMBERED_START = re.compile(r"(?:^|\s)1[.)]\s+(?=[A-ZÆØÅ])")
_NUMBERED_NEXT = re.compile(r"\s(\d{1,2})[.)]\s+(?=[A-ZÆØÅ])")
_ITEM_END = re.compile(r"(?<=[a-zæøå,)])\s+(?=[A-ZÆØÅ][a-zæøå])")


def _numbered_run(text: str) -> int:
    """The length of the numbered list `text` opens ("1. … 2. … Aktiviteten er …"): up to
    the first sentence end after its last number, or before the first capitalised word
    there that follows a word in lower case (the content's first sentence; a list's
    entries have no full stop)."""
    last = 0
    expected = 2
    for match in _NUMBERED_NEXT.finditer(text):
        if int(match[1]) == expected:
            last, expected = match.end(), expected + 1
    sentence = _SENTENCE_END.search(text, last)
    ends = [e for e in (sentence.end() if sentence else None, _after_item(text, last)) if e]
    return min(ends) if ends else len(text)


def _after_item(text: str, start: int) -> int | None:
    for match in _ITEM_END.finditer(text, start):
        before = text[: match.start()].split()
        if (
            before
            and before[-1].lower() not in _CONNECTORS
            and len(before) - len(text[:start].split()) >= 2
        ):
            return match.start()
    return None


def _sheet_fields(name: str, body: str, with_goals: bool = True) -> dict[str, list[str]]:
    """One sheet's values run together after its name: the purpose up to its first marked
    delmål (or its first sentence), the marked delmål, then one sentence (or a numbered
    list) of target groups, the content, and the duties (`_duties_start`). Sheets without
    a delmål field keep their marked entries in the purpose."""
    pieces = _ITEM_MARK.split(body)
    goals: list[str] = []
    if len(pieces) > 1 and not with_goals:
        # the purpose's own marked entries, up to a numbered list of target groups or the
        # first sentence end in an entry (an entry is no sentence of its own)
        purpose, rest = body, ""
        for index in range(1, len(pieces)):
            piece = pieces[index]
            numbered = _NUMBERED_START.search(piece)
            end = _SENTENCE_END.search(piece)
            if numbered and (end is None or numbered.start() < end.start()):
                cut = numbered.start()
            elif end and index == len(pieces) - 1 or end and pieces[index + 1][:1].isdigit():
                cut = end.end()
            else:
                continue
            purpose = " - ".join([*pieces[:index], piece[:cut].strip()])
            rest = " - ".join([piece[cut:], *pieces[index + 1 :]])
            break
    elif len(pieces) > 1:
        purpose, goals = pieces[0].strip(), [p.strip() for p in pieces[1:]]
        last = goals[-1]
        end = _SENTENCE_END.search(last)
        goals[-1], rest = (last[: end.end()], last[end.end() :]) if end else (last, "")
    else:
        end = _SENTENCE_END.search(body)
        purpose, rest = (body[: end.end()], body[end.end() :]) if end else (body, "")
        if with_goals:  # the delmål's bullets lost: sentences up to the one of "målgruppe"
            sentences = [p.strip() for p in _SENTENCES.split(rest.strip()) if p.strip()]
            named = next(
                (i for i, text in enumerate(sentences[:9]) if "målgruppe" in text.lower()), None
            )
            if named:
                goals, rest = sentences[:named], " ".join(sentences[named:])
    rest = rest.strip()
    if _NUMBERED_START.match(rest):
        length = _numbered_run(rest)
        target = rest[:length].strip()
        remaining = [p.strip() for p in _SENTENCES.split(rest[length:].strip()) if p.strip()]
        duty = _duties_start([target, *remaining]) - 1
    else:
        sentences = [p.strip() for p in _SENTENCES.split(rest) if p.strip()]
        target, remaining = (sentences[0], sentences[1:]) if sentences else ("", [])
        duty = _duties_start(remaining)
    fields = {
        "name": [name],
        "purpose": [purpose.strip()],
        "goals": [g.strip() for g in goals if g.strip()],
        "target": [target],
        "content": [" ".join(remaining[:duty])],
        "duties": [" ".join(remaining[duty:])],
    }
    return {role: [v for v in values if v] for role, values in fields.items()}


_ENTRY_AFTER = rf"\s+[-–{re.escape(BULLETS)}]\s"


def _listed_names(listed: str, text: str) -> list[str] | None:
    """The activities' list run together ("Den sociale platform Bo Godt": its bullets lost)
    cut into the names the sheets' values begin with (each followed there by an entry's
    mark, the start of its purpose), the longest name first; None unless every name is."""
    words = listed.split()
    names: list[str] = []
    start = 0
    while start < len(words):
        found = None
        for end in range(len(words), start, -1):
            if end < len(words) and not _capital(words[end]):
                continue
            candidate = " ".join(words[start:end])
            if re.search(re.escape(candidate) + _ENTRY_AFTER, text):
                found = end
                break
        if found is None:
            return None
        names.append(" ".join(words[start:found]))
        start = found
    return names if len(names) >= 2 else None


def _cuts_at_listed_names(text: str, before: list[Segment]) -> list[tuple[int, int]] | None:
    """Where each sheet's name starts and ends in the sheets' values run together, found
    from the activities' list before the sheets (for sheets whose purpose does not begin
    with "Formålet"): (name start, name end) in order, or None."""
    listed = " ".join(v for s in before if _kind(s.label) == "activities" for v in s.values)
    listed = " ".join(re.sub(f"[{re.escape(BULLETS)}]", " ", listed).split())
    names = split_numbered(listed) or _listed_names(listed, text)
    if not names:
        return None
    cuts: list[tuple[int, int]] = []
    floor = 0
    for name in names:
        match = re.compile(re.escape(name) + _ENTRY_AFTER).search(text, floor)
        if match is None:
            return None
        cuts.append((match.start(), match.start() + len(name)))
        floor = match.start() + len(name)
    return cuts


def _columns_first_sheets(segments: list[Segment], warnings: list[str]) -> None:
    """Activity sheets whose two-column tables were copied a column at a time: a run of the
    sheets' labels with nothing after them, then all the sheets' values run together (where
    a page broke the table, with some of the labels in between). The sheets are cut before
    each name that a "Formålet …" follows, and each sheet's fields by its sentences; the
    reading says so, since only the purpose and marked delmål are certain."""
    start = next(
        (
            i
            for i in range(len(segments) - 2)
            if _NAME_LABEL.match(segments[i].label or "")
            and all(_role(segments[k].label) and not segments[k].values for k in range(i, i + 3))
        ),
        None,
    )
    if start is None:
        # the name's and the purpose's labels alone, the next label with the values run
        # together after it ("Aktivitetsnavn: Formål: Delmål: <the sheet's values> …")
        start = next(
            (
                i
                for i in range(len(segments) - 3)
                if _NAME_LABEL.match(segments[i].label or "")
                and _role(segments[i + 1].label) == "purpose"
                and not segments[i].values
                and not segments[i + 1].values
                and _role(segments[i + 2].label)
                and _role(segments[i + 3].label)
                and _PURPOSE_START.search(" ".join(segments[i + 2].values))
            ),
            None,
        )
    if start is None:
        return
    end = start
    while end < len(segments) and _role(segments[end].label):
        end += 1
    labels: dict[str, str] = {}
    for segment in segments[start:end]:
        role = _role(segment.label)
        if role and segment.label:
            labels.setdefault(role, segment.label)
    text = " ".join(v for segment in segments[start:end] for v in segment.values)
    text = _LABEL_TAIL.sub(" ", _LABEL_HEAD.sub("", text.strip()))
    text = " ".join(text.split())
    starts = list(_PURPOSE_START.finditer(text))
    if text and not starts:
        cuts = _cuts_at_listed_names(text, segments[:start])
        if cuts is None:
            return
    elif not text:
        return
    else:
        cuts = []
    floor = 0
    for match in starts:
        ends = list(_LAST_SENTENCE_END.finditer(text, floor, match.start()))
        name_start = ends[-1].end() if ends else floor
        if not text[name_start : match.start()].strip() and ends:
            # a name that ends with a full stop ("Netværk i opgangen. Formålet er …"): the
            # sentence before the purpose's
            name_start = ends[-2].end() if len(ends) >= 2 else floor
        name = text[name_start : match.start()].strip()
        if not 0 < len(name) < 150:
            return  # a sheet without a name of its own: no safe cut
        cuts.append((name_start, match.start()))
        floor = match.start()
    rebuilt: list[Segment] = []
    for number, (name_start, purpose_start) in enumerate(cuts):
        stop = cuts[number + 1][0] if number + 1 < len(cuts) else len(text)
        name = text[name_start:purpose_start].strip()
        fields = _sheet_fields(name, text[purpose_start:stop].strip(), "goals" in labels)
        for role, _pattern in _SHEET_ROLES:
            label = labels.get(role)
            if label is None:
                continue
            rebuilt.append(Segment(label, fields.get(role, [])))
    segments[start:end] = rebuilt
    if COLUMNS_FIRST_WARNING not in warnings:
        warnings.append(COLUMNS_FIRST_WARNING)


def _named_sheets(segments: list[Segment]) -> list[str]:
    """The activity sheets' names: the value of each "Aktivitetsnavn", or the line right
    before a sheet's "Formål" (set on a line of its own by `_sheet_names`)."""
    names: list[str] = []
    for index, segment in enumerate(segments):
        label = segment.label or ""
        if _NAME_LABEL.match(label) and segment.values:
            names.append(segment.values[0].strip())
        following = segments[index + 1].label if index + 1 < len(segments) else None
        if (
            following
            and _PURPOSE.match(following)
            and segment.values
            and not _NAME_LABEL.match(label)
        ):
            names.append(segment.values[-1].strip())
    return [n for n in names if 0 < len(n) < 150]


def split_known_names(text: str, names: list[str]) -> list[str]:
    """A list of activities run together ("Sprogstart i dagtilbud Forældrecaféen Lektier og
    læsebånd"), cut before each name the document's own activity sheets give."""
    cuts = {0}
    for name in names:
        start = text.find(name)
        if start > 0 and text[start - 1] == " ":
            cuts.add(start)
        end = start + len(name)
        if start >= 0 and end < len(text) and text[end] == " ":
            cuts.add(end + 1)
    ordered = sorted(cuts)
    pieces = [text[a:b].strip() for a, b in zip(ordered, [*ordered[1:], len(text)], strict=False)]
    return [p for p in pieces if p]


def _with_colon(label: str) -> str:
    """A label ends on its colon, as the template writes it: without one the reader would
    take the next line ending on a colon ("Aktivitetsnavn:") for the rest of the label."""
    if label.endswith(":") or not _LONG_LABEL.match(label):
        return label  # a sheet's label stays bare: a name line above it names the sheet
    return label + ":"


_LONG_LABEL = re.compile(
    r"^(?:Aktiviteter, som|Navn på|(?:Del|Samarbejds)?[Aa]ftalen gælder|Medarbejderressourcer"
    r"|Sammenhæng med|Revision af)"
)


GOAL_TABLE_WARNING = (
    "Tabellen med delmål og indikatorer er kopieret celle for celle og kunne ikke genopbygges "
    "sikkert; kontrollér delmål, indikatorer, baselines, år og datakilder mod det oprindelige "
    "dokument."
)


# Delmål written as records, a field a line: "Delmål 1: …", "Indikator: …", "Baseline: …",
# "Datakilde: …". Such a field ends any list it follows (they are no parties, no staff),
# and each is handed on as a line of its own for the goal records' reader.
_RECORD_FIELD = re.compile(
    r"(?:(?<=\s)|^)(?:Indikator(?:\s+\d{1,2}(?:\.\d{1,2})?)?|Baseline(?:\s+(?:år|kommune))?"
    r"|Evt\.\s+anden\s+baseline|Anden\s+baseline|Datakilde)\s*:\s"
)
_RECORD_GOAL = re.compile(r"(?:(?<=\s)|^)Delmål\s+\d{1,2}\s*:\s")


def _record_start(value: str) -> int | None:
    """Where the first goal record in `value` begins, when records are what follows."""
    field = _RECORD_FIELD.search(value)
    goal = _RECORD_GOAL.search(value)
    starts = [m.start() for m in (field, goal) if m]
    return min(starts) if starts else None


def _split_records(segment: Segment) -> list[str]:
    """The goal records in a segment's values taken out of them (the segment keeps what
    came before the first), one record a line, a paragraph for each source paragraph."""
    if _GOAL_SECTION.match(segment.label or "") or segment.table is not None:
        return []
    for index, value in enumerate(segment.values):
        start = _record_start(value)
        if start is None:
            continue
        rest = [value[start:], *segment.values[index + 1 :]]
        if not any(_RECORD_FIELD.search(v) for v in rest):
            return []  # numbered delmål with no fields of their own: left to the lists
        head = value[:start].strip()
        segment.values = [*segment.values[:index], *([head] if head else [])]
        cut = re.compile(f"{_RECORD_FIELD.pattern}|{_RECORD_GOAL.pattern}")
        paragraphs: list[str] = []
        for piece in rest:
            starts = [m.start() for m in cut.finditer(piece)]
            if not starts or starts[0] > 0:
                starts = [0, *starts]
            bounds = zip(starts, [*starts[1:], len(piece)], strict=True)
            paragraphs.append("\n".join(piece[a:b].strip() for a, b in bounds))
        return paragraphs
    return []


# Parties written as a sentence ("Denne delaftale er indgået mellem A, B og C."): handed on
# whole, as one line, for the parties' reader to take apart.
_PARTIES_SENTENCE = re.compile(
    r"^(?:\S+\s+){0,5}?(?:er\s+)?(?:indgået|indgås|aftalt|underskrevet)\s+(?:mellem|af)\s"
    r"|^Parterne(?:\s+\S+){0,4}?\s+er\s",
    re.IGNORECASE,
)


def is_parties_sentence(text: str) -> bool:
    return bool(_PARTIES_SENTENCE.match(text.strip()))


def render(
    segments: list[Segment], *, one_line: bool = False, warnings: list[str] | None = None
) -> str:
    """Each label a paragraph with its value; a list's entries one a line in it; a value that
    is no list keeps the paragraphs it had (a table's cells, for the goal table's reader)."""
    out: list[str] = []
    names = _named_sheets(segments)
    for segment in segments:
        kind = _kind(segment.label)
        if kind == "activities" and names:
            segment.values = [
                "\n".join(split_known_names(v, names)) if not split_numbered(v) else v
                for v in segment.values
            ]
        if kind == "parties":
            segment.values = _before_signers(segment.values)
            mixed = any(_SIGNERS_INTERLEAVED.match(v) for v in segment.values)
            if mixed and warnings is not None and PARTIES_WARNING not in warnings:
                warnings.append(PARTIES_WARNING)
        records = _split_records(segment)
        block: list[str] = [_with_colon(segment.label)] if segment.label else []
        if segment.label and _NUMBERED_HEADING.match(segment.label):
            # a numbered section heading as a heading (as a line it reads as a list item)
            block = ["## " + segment.label]
        if segment.table is not None:
            out.extend(["\n".join(block), *segment.values, "\n".join(segment.table)])
            continue
        if _GOAL_SECTION.match(segment.label or ""):
            columns = column_block_table(segment.values, warnings if warnings is not None else [])
            if columns is not None:
                before = goal_cells(segment.values)[0]
                out.append("\n".join([*block, *before]))
                out.append("\n".join(columns))
                continue
            before, cells = goal_cells(segment.values)
            if one_line or any(_whole_table_in(value) for value in segment.values):
                # each page on one line, or a table whose rows a wrapped paragraph holds
                # (a Word table pasted where tabs became spaces): cut by the cells' shapes
                cells = [cell for run in cells for cell in flow_cells(run)]
            else:  # a column's cells run together in one paragraph: cut where a cell begins
                cells = [
                    piece
                    for cell in cells
                    for piece in (
                        _text_cells(cell)
                        if _figure_kind(cell) == "text" and not cell.startswith(EXPLICIT_GOAL)
                        else [cell]
                    )
                ]
            guesses: list[str] = []
            # a page on one line copies a row's figures in the columns' order; blocks of
            # page lines do not keep it (their figures are read in the template's order)
            year_first = one_line and _year_before_baseline(" ".join(segment.values))
            table = rebuild_goal_table(cells, guesses, year_first=year_first) if cells else None
            unsure = cells and (
                not _whole(table) or _headings_scrambled(segment.values) or bool(guesses)
            )
            if unsure and warnings is not None and GOAL_TABLE_WARNING not in warnings:
                warnings.append(GOAL_TABLE_WARNING)
            if table is not None:
                out.append("\n".join([*block, *before]))
                out.append("\n".join(table))
                continue
        if kind == "activities" or block[:1] and block[0].startswith("## "):
            # the label alone: the reader takes the rest of a paragraph an activity label
            # opens for the label's own words
            out.append("\n".join(block))
            block = []
        for number, value in enumerate(segment.values):
            entries = _entries(kind, value)
            if kind or (number == 0 and segment.label):
                block.extend(entries)
            else:
                out.append("\n".join(block))
                block = entries
        out.append("\n".join(block))
        out.extend(records)
    return "\n\n".join(part for part in out if part.strip()) + "\n"


def _whole_table_in(cell: str) -> bool:
    """A goal table's column headings and a year after them in one cell: the table's
    rows run on in one paragraph."""
    headings = list(_HEADINGS.finditer(cell))
    return len(headings) >= 4 and bool(_FLOW_YEAR.search(cell, headings[-1].end()))


def restructure(text: str, warnings: list[str] | None = None) -> str | None:
    """The text rebuilt at the template's labels, or None when it is not flattened text."""
    from importing.readers.text import plain_pasted

    lines = plain_pasted(text).split("\n")
    if _structured(lines):
        return None
    one_line = is_one_line(lines)
    wrapped = False
    if one_line:
        pages = drop_furniture([line for line in lines if line.strip()])
        flows = [" ".join(" ".join(pages).split())]
    elif is_viewer_copy(lines):
        # each page's lines as one flow (the table cells' short lines with the prose)
        one_line = True
        furniture = _line_furniture(lines)
        kept = "\n".join(
            line if i not in furniture else "\f" * ("\f" in line) for i, line in enumerate(lines)
        )
        pages = [join_wrapped(page.split("\n")) for page in kept.split("\f")]
        pages = drop_furniture([page for page in pages if page.strip()])
        flows = [" ".join(" ".join(pages).split())]
    elif (wrapped := is_hard_wrapped(lines)) or _page_lines_not_across(lines):
        if not wrapped:
            lines = mark_list_lines(set_apart_capitals(lines))
        flows = []
        paragraph: list[str] = []
        for line in [*lines, ""]:
            if line.strip():
                paragraph.append(line)
            elif paragraph:
                flows.append(" ".join(join_wrapped(paragraph).split()))
                paragraph = []
        flows = drop_paragraph_furniture(flows)
    else:
        return None
    segments = segments_of([join_broken_words(flow) for flow in flows])
    notes = warnings if warnings is not None else []
    _columns_first_sheets(segments, notes)
    _staff_columns(segments, notes)
    _housing_table(segments)
    _sheet_names(segments)
    if one_line or wrapped:
        return fixed_goal_rows(render(segments, one_line=one_line, warnings=notes))
    # lines as the page set them, read block by block only where that reads the goal table
    # (its cells in blocks of their own read line by line as well)
    mine: list[str] = []
    rendered = render(segments, one_line=True, warnings=mine)  # a block holds several cells
    goals = any(_GOAL_SECTION.match(segment.label or "") for segment in segments)
    if goals and "\t" not in rendered:
        return None
    notes.extend(note for note in mine if note not in notes)
    return fixed_goal_rows(rendered)


# -- the goal table, its cells come one after the other -------------------------------------
# The column headings as a PDF viewer copies them (a heading wrapped in its narrow column
# comes with a space inside a word: "Baseli ne år", "Bemærk ninger").
_HEADINGS = re.compile(
    r"Baseline\s+boligområde\s*/\s*målgruppe|Baseline\s+boligområde(?:\s*/)?|Baseline\s+kommune"
    r"|Evt\.\s+anden\s+baseline"
    r"|Datakilde\s*\(\s*baseline\s+år\s*\)|B\s?a\s?s\s?e\s?l\s?i\s?n\s?e\s+år|Datakilde"
    r"|Bemærk\s?ninger|(?<![\wæøå])(?:Delmål|Mål|Indikator)(?![\wæøå])"
)
_YEAR_ONLY = re.compile(r"^\(?((?:19|20)\d{2})\)?$")
_SOURCE_YEAR = re.compile(r"^(.*\S)\s*\(\s*((?:19|20)\d{2})\s*\)$")
_MEASURE = re.compile(
    r"^(?:=\s*)?\(?\d|^(?:Afd\.?|Afdeling)\s*\d|^[A-ZÆØÅ][\wæøå.\-/ ]{1,40}?:\s*(?:=\s*)?\d"
    r"|^[A-ZÆØÅ][\wæøå.\-/ ]{1,40}?\s\((?!(?:19|20)\d{2}\))\s*\d[\d.,]*\s*%?\s*\)"
)
# a figure named after its place, in brackets ("Engtoften (17,3 %)", "Afd. 4 (12)")
_SCOPED = re.compile(r"([A-ZÆØÅ][\wæøå.\-/ ]{0,60}?)\s*\(\s*\d[\d.,]*\s*%?\s*\)")
_PERCENT = re.compile(r"\d\s*%")
_INDICATOR_WORDS = (
    r"Andel(?:en)?|Antal(?:let)?|Procent(?:del|andel)?(?:en)?|Karaktergennemsnit(?:tet)?"
    r"|Gennemsnit(?:lig|tet)?|Deltagelse(?:n)?|Oplevet|Oplevelse(?:n)?|Tilfredshed(?:en)?"
    r"|Opfattelse(?:n)?|Villighed(?:en)?|Kendskab(?:et)?|Score(?:n)?"
)
_INDICATOR_START = re.compile(rf"^(?:[\"“”]|(?:{_INDICATOR_WORDS}|Karakter))")
# an indicator after another in one paragraph (the cell's line breaks were lost)
_INDICATOR_CUT = re.compile(
    rf"(?<=[\wæøå)\"”?%])\s+(?=(?:{_INDICATOR_WORDS})\s)|(?<=\))\s+(?=[\"“”][A-ZÆØÅ])"
    r"|(?<=[?.!][\"”])\s+(?=[\"“”][A-ZÆØÅ])"
)
# a survey question in quotes that begins an indicator after another one's last word
# ("… via helhedsplanen "Jeg ved, hvor …""), unless a word before it introduces the quote
_QUOTED_START = re.compile(r"(?<=[a-zæøå]{3})\s+(?=[\"“][A-ZÆØÅ][\wæøå]*\s)")
_QUOTING_WORDS = {"svarer", "svaret", "siger", "udsagnet", "spørgsmålet", "om", "på", "til"}


def _indicator_pieces(text: str) -> list[str]:
    """A text cell's indicators: cut where one begins after another (`_INDICATOR_CUT`), and
    before a quoted question whose quote closes in the cell."""
    out: list[str] = []
    for piece in _INDICATOR_CUT.split(text):
        start = 0
        for match in _QUOTED_START.finditer(piece):
            word = piece[: match.start()].split()[-1].lower()
            closed = re.search(r"[\"”]", piece[match.end() + 1 :])
            if word in _QUOTING_WORDS or closed is None or start == match.start():
                continue
            out.append(piece[start : match.start()])
            start = match.end()
        out.append(piece[start:])
    return [p.strip() for p in out if p.strip()]


_GOAL_SECTION = re.compile(r"^(?:Delmål og indikatorer|\d{1,2}\.\s+Overordnede mål og indikatorer)")


@dataclass
class _Row:
    measures: list[str] = field(default_factory=list)
    year: str = ""
    source: str = ""
    compared: list[str] = field(default_factory=list)  # known to be the comparison column's


@dataclass
class _Batch:
    texts: list[str] = field(default_factory=list)
    rows: list[_Row] = field(default_factory=list)


def _figure_kind(text: str) -> str:
    if text.startswith(EXPLICIT_GOAL):
        return "text"
    if _YEAR_ONLY.match(text):
        return "year"
    if _SOURCE_YEAR.match(text) and not _MEASURE.match(text):
        # "Landsgennemsnittet (10,4 %) (2019)" is a figure with its year, not a source
        return "measure" if _PERCENT.search(text) else "source_year"
    if _MEASURE.match(text) and re.search(r"\d", text):
        return "measure"
    return "text"


# the words of the template's data sources (and of its remarks column), never of a delmål
_SOURCE_WORDS = re.compile(
    r"(?i)(?<![\wæøå])(?:data|statistik|registrering\w*|\w*undersøgel\w*|\w*survey|\w*måling\w*"
    r"|spg\.?|lbf|vive\w*|opgøres|beboerdata)(?![\wæøå])"
)


def _batches(cells: list[str]) -> list[_Batch]:
    """Cells in the order a PDF viewer copies a table: per page the text columns (delmål,
    indikator) first, then the figures row by row (baselines, year, data source)."""
    batches = [_Batch()]
    row = _Row()
    after_year = False
    for cell in cells:
        kind = _figure_kind(cell)
        batch = batches[-1]
        figures = bool(batch.rows) or bool(row.measures)
        if kind == "text":
            if (
                after_year
                and not row.source
                and not _INDICATOR_START.match(cell)
                and not cell.startswith(EXPLICIT_GOAL)
            ):
                row.source = cell
                continue
            if figures and _SOURCE_WORDS.search(cell) and not _INDICATOR_START.match(cell):
                # a data source (or a remark) among the figures, not a new page's text
                sourceless = [r for r in [*batch.rows, row] if r.year and not r.source]
                if sourceless:
                    sourceless[0].source = cell
                continue
            if figures and (after_year or not row.measures):
                if row.year or row.measures:
                    batch.rows.append(row) if row.year else None
                batches.append(_Batch())
                row, after_year = _Row(), False
            batches[-1].texts.append(cell)
            continue
        if after_year:
            batch.rows.append(row)
            row, after_year = _Row(), False
        if kind == "measure":
            row.measures.append(cell)
        elif kind == "year":
            row.year = _YEAR_ONLY.match(cell)[1]  # type: ignore[index]
            after_year = True
        else:  # a data source with its year: "Beboerundersøgelse (2022)"
            match = _SOURCE_YEAR.match(cell)
            row.source, row.year = match[1], match[2]  # type: ignore[index]
            batch.rows.append(row)
            row = _Row()
    if row.year or row.measures:
        batches[-1].rows.append(row)
    return [b for b in batches if b.texts or b.rows]


_YEAR_HEADING = re.compile(r"B\s?a\s?s\s?e\s?l\s?i\s?n\s?e\s+år")
_BASELINE_HEADING = re.compile(
    r"Baseline\s+boligområde|Baseline\s+kommune|Evt\.\s+anden\s+baseline"
)


def _year_before_baseline(text: str) -> bool:
    """Whether the goal table's headings set »Baseline år« before the baselines' columns
    (»Delmål | Indikator | Datakilde | Baseline år | Baseline boligområde …«): each row's
    figures are then copied year first."""
    year = _YEAR_HEADING.search(text)
    baseline = _BASELINE_HEADING.search(text)
    return year is not None and (baseline is None or year.start() < baseline.start())


def _batches_year_first(cells: list[str]) -> list[_Batch]:
    """`_batches` for a table whose year column stands before its baselines: each row's
    figures come as its year, then its baseline and comparator; a data source (its column
    before the year's) goes to the first row without one."""
    batches = [_Batch()]
    row = _Row()
    pending = ""  # a data source read before the year of its row
    queued: list[str] = []  # data sources cut off an indicator's cell, for the next years
    for index, cell in enumerate(cells):
        if cell.startswith(SOURCE_MARK):
            queued.append(cell[1:])
            continue
        kind = _figure_kind(cell)
        batch = batches[-1]
        figures = bool(batch.rows) or bool(row.measures) or bool(row.year)
        following = cells[index + 1] if index + 1 < len(cells) else ""
        if (
            kind == "text"
            and figures
            and _figure_kind(following) == "year"
            and not _INDICATOR_START.match(cell)
            and not _looks_like_goal(cell)
        ):
            pending = cell  # its column stands right before the year's
            continue
        if kind == "text":
            if figures and _SOURCE_WORDS.search(cell) and not _INDICATOR_START.match(cell):
                sourceless = [r for r in [*batch.rows, row] if r.year and not r.source]
                if sourceless:
                    sourceless[0].source = cell
                continue
            if figures:
                if row.year or row.measures:
                    batch.rows.append(row)
                batches.append(_Batch())
                row = _Row()
            batches[-1].texts.append(cell)
            continue
        if kind == "year":
            if row.year or row.measures:
                batch.rows.append(row)
                row = _Row()
            row.year = _YEAR_ONLY.match(cell)[1]  # type: ignore[index]
            row.source, pending = row.source or pending, ""
            if not row.source and queued:
                row.source = queued.pop(0)
        elif kind == "measure":
            row.measures.append(cell)
        else:  # a data source with its year: "Beboerundersøgelse (2022)"
            if row.year or row.measures:
                batch.rows.append(row)
            match = _SOURCE_YEAR.match(cell)
            row = _Row(source=match[1], year=match[2])  # type: ignore[index]
    if row.year or row.measures:
        batches[-1].rows.append(row)
    return [b for b in batches if b.texts or b.rows]


def _unfinished(text: str) -> bool:
    """A cell that breaks off on a word no sentence ends with ("… uden tilknytning til")."""
    words = text.split()
    return bool(words) and (words[-1].lower() in _PREPOSITIONS or words[-1].endswith(","))


def _goals_and_indicators(
    texts: list[str], guesses: list[str] | None = None
) -> list[tuple[str, list[str]]]:
    goals: list[tuple[str, list[str]]] = []
    last: tuple[int, int | None] | None = None  # the cell read last (goal, indicator)
    for text in texts:
        if text.startswith(EXPLICIT_GOAL):
            if goals and not goals[-1][0]:
                goals[-1] = (text[1:], goals[-1][1])  # the delmål its indicators came before
            else:
                goals.append((text[1:], []))
            last = (len(goals) - 1, None)
            continue
        pieces = _indicator_pieces(text)
        if pieces and pieces[0][:1].islower() and last is not None:
            # the rest of a cell a page break or a column split off: it goes on with the
            # cell before it (or with the last indicator, where that one breaks off on a
            # word that cannot end it and the cell before does not), and what follows it
            # in the paragraph is read for itself
            goal_index, indicator_index = last
            earlier = [(g, len(found) - 1) for g, (_, found) in enumerate(goals) if found]
            if indicator_index is None and earlier and not _unfinished(goals[goal_index][0]):
                candidate = earlier[-1]
                if _unfinished(goals[candidate[0]][1][candidate[1]]):
                    goal_index, indicator_index = candidate
            goal, indicators = goals[goal_index]
            if indicator_index is None:
                goals[goal_index] = (f"{goal} {pieces[0]}", indicators)
            else:
                indicators[indicator_index] += " " + pieces[0]
            text = " ".join(pieces[1:])
            if not text:
                continue
        if _INDICATOR_START.match(text):
            pieces = _indicator_pieces(text)
            if not goals:
                goals.append(("", []))
            goals[-1][1].extend(pieces)
            last = (len(goals) - 1, len(goals[-1][1]) - 1)
        elif _SOURCE_WORDS.search(text) and goals:
            continue  # a data source among the text cells: no delmål
        else:
            goal, *questions = _indicator_pieces(text)
            if not all(_INDICATOR_START.match(q) for q in questions):
                goal, questions = text, []
            # a delmål asks no question: a quoted one after it is its first indicator
            goals.append((goal, questions))
            last = (len(goals) - 1, len(questions) - 1 if questions else None)
    return _spread_over_goals(goals, guesses)


def _spread_over_goals(
    goals: list[tuple[str, list[str]]], guesses: list[str] | None = None
) -> list[tuple[str, list[str]]]:
    """Delmål copied one after the other before their indicators (a column read top to
    bottom: "G1 G2 I1 I2") get the indicators in order, as evenly as they go (the first
    ones one more); where they do not come out one each, that is a guess."""
    out: list[tuple[str, list[str]]] = []
    waiting: list[str] = []
    for goal, indicators in goals:
        if not indicators:
            waiting.append(goal)
            continue
        if waiting and len(indicators) >= len(waiting) + 1:
            every = [*waiting, goal]
            shared = indicators
            share, extra = divmod(len(indicators), len(every))
            prior = [share + (1 if index < extra else 0) for index in range(len(every))]
            sizes = prior
            if out and out[-1][1] and not any(map(is_fixed_goal, [out[-1][0], *every])):
                # the delmål before them read with its first indicator only (its row
                # read across before the columns' rests): it may hold more of them, as
                # the words they share tell
                before, own = out.pop()
                every, shared, prior = [before, *every], [*own, *indicators], [len(own), *prior]
                sizes = share_indicators(every, shared, prior=prior)
            start = 0
            for name, size in zip(every, sizes, strict=True):
                out.append((name, shared[start : start + size]))
                start += size
            if len(indicators) != len(every) and guesses is not None:
                guesses.append(every[0])
        else:
            out.extend((name, []) for name in waiting)
            out.append((goal, indicators))
        waiting = []
    out.extend((name, []) for name in waiting)
    return out


def _whole(table: list[str] | None) -> bool:
    """A rebuilt goal table that reads as whole: every delmål has an indicator, every
    indicator a baseline or a year, and no delmål or indicator holds half a quotation."""
    if table is None:
        return False
    rows = [row.split("\t") for row in table[1:]]
    goals_without = any(r[0] and not r[1] for r in rows)
    bare = any(r[1] and not (r[2] or r[4]) for r in rows)
    # a quotation cut in two: a survey question's end spilled into the next cell
    cut = any(sum(cell.count(q) for q in '"“”') % 2 for r in rows for cell in r[:2])
    return bool(rows) and not goals_without and not bare and not cut


# the template's column order: delmål, indikator, baseline, other baseline, year, source
_HEADING_RANKS = (
    (re.compile(r"^(?:Delmål|Mål)$"), 0),
    (re.compile(r"^Indikator$"), 1),
    (re.compile(r"^Evt\.|^Baseline\s+kommune"), 3),
    (re.compile(r"^Datakilde\s*\("), 5),
    (re.compile(r"^Baseline\s+[bm]"), 2),
    (re.compile(r"^B\s?a\s?s\s?e\s?l\s?i\s?n\s?e\s+år"), 4),
    (re.compile(r"^Datakilde"), 5),
    (re.compile(r"^Bemærk"), 6),
)


def _heading_rank(text: str) -> int | None:
    return next((rank for pattern, rank in _HEADING_RANKS if pattern.match(text)), None)


def _headings_scrambled(values: list[str]) -> bool:
    """The goal table's column headings copied out of the template's order (the first time
    each comes): the cells then come in an order the rebuilding cannot know, whatever the
    rebuilt table looks like."""
    ranks: list[int] = []
    for match in _HEADINGS.finditer(" ".join(values)):
        rank = _heading_rank(match[0])
        if rank is not None and rank not in ranks:
            ranks.append(rank)
    return ranks != sorted(ranks)


def _spread_to_later_goals(
    goals: list[tuple[str, list[str]]], guesses: list[str] | None
) -> list[tuple[str, list[str]]]:
    """Delmål copied after the indicators (a column read top to bottom once the first row
    was read: "G1 I1 I2 I3 I4 G2 G3"): a delmål with several indicators that only delmål
    without any follow share them in order, the first ones getting one more where they do
    not come out even. The template gives every delmål an indicator; which ones are whose
    is a guess, and the reading says so."""
    out: list[tuple[str, list[str]]] = []
    index = 0
    while index < len(goals):
        goal, indicators = goals[index]
        end = index + 1
        while end < len(goals) and not goals[end][1] and _looks_like_goal(goals[end][0]):
            end += 1
        empty = end - index - 1
        if empty and len(indicators) > empty:
            every = [goal] + [g for g, _ in goals[index + 1 : end]]
            share, extra = divmod(len(indicators), len(every))
            start = 0
            for number, name in enumerate(every):
                size = share + (1 if number < extra else 0)
                out.append((name, indicators[start : start + size]))
                start += size
            if guesses is not None:
                guesses.append(goal)
            index = end
            continue
        out.append((goal, indicators))
        index += 1
    return out


def _goals_before_later_batches(
    read: list[tuple[_Batch, list[tuple[str, list[str]]]]], guesses: list[str] | None
) -> list[tuple[_Batch, list[tuple[str, list[str]]]]]:
    """Delmål copied together before the indicators of the later rows, which come after the
    first row's figures without a delmål of their own ("G1 I1 G2 G3 [figures] I2 I3
    [figures]"): the indicators shared over those delmål in order, as evenly as they go,
    each batch keeping its own indicators (its figures are paired with them). The reading
    says it guessed."""
    entries = [
        (number, goal, list(found))
        for number, (_, goals) in enumerate(read)
        for goal, found in goals
    ]
    named = ""
    for index, (number, goal, found) in enumerate(entries[:-1]):
        if not goal and found and named and entries[index + 1][1] and not entries[index + 1][2]:
            # a later page's first indicators without a delmål, before delmål of their own:
            # the last delmål's (its cell went on over the page break)
            entries[index] = (number, "\x01" + named, found)
        named = goal.lstrip("\x01") or named
    start = next(
        (
            i
            for i in range(len(entries))
            if entries[i][1]
            and i + 1 < len(entries)
            and entries[i + 1][1]
            and not entries[i + 1][2]
            and _looks_like_goal(entries[i + 1][1])
        ),
        None,
    )
    if start is None:
        return read
    end = start + 1
    while end < len(entries) and entries[end][1] and not entries[end][2]:
        end += 1
    later = end
    while later < len(entries) and not entries[later][1] and entries[later][2]:
        later += 1
    if later == end:
        return read  # no indicators without a delmål after them
    names = [entries[i][1] for i in range(start, end)]
    slots = [(entries[i][0], ind) for i in (start, *range(end, later)) for ind in entries[i][2]]
    if len(slots) < len(names):
        return read
    owners: list[str] = []
    sizes = share_indicators(
        names, [ind for _, ind in slots], _slot_sources(read, entries, start, slots)
    )
    for name, size in zip(names, sizes, strict=True):
        owners.extend([name] * size)
    rebuilt: list[tuple[int, str, list[str]]] = []
    for (batch, indicator), owner in zip(slots, owners, strict=True):
        if rebuilt and rebuilt[-1][0] == batch and rebuilt[-1][1] in (owner, "\x01" + owner):
            rebuilt[-1][2].append(indicator)
            continue
        seen = any(entry[1].lstrip("\x01") == owner for entry in rebuilt)
        rebuilt.append((batch, "\x01" + owner if seen else owner, [indicator]))
    entries[start:later] = rebuilt
    if guesses is not None:
        guesses.append(names[0])
    out: list[tuple[_Batch, list[tuple[str, list[str]]]]] = [(batch, []) for batch, _ in read]
    for number, goal, found in entries:
        # a delmål going on in a later batch: its name stays in the row it began in
        out[number][1].append(("" if goal.startswith("\x01") else goal, found))
    return out


def _slot_sources(
    read: list[tuple[_Batch, list[tuple[str, list[str]]]]],
    entries: list[tuple[int, str, list[str]]],
    start: int,
    slots: list[tuple[int, str]],
) -> list[str]:
    """The data source of each slot's row (an indicator takes its batch's rows in order)."""
    taken = Counter(number for number, _, found in entries[:start] for _ in found)
    out: list[str] = []
    for number, _ in slots:
        rows = read[number][0].rows
        out.append(rows[taken[number]].source if taken[number] < len(rows) else "")
        taken[number] += 1
    return out


def rebuild_goal_table(
    cells: list[str], guesses: list[str] | None = None, *, year_first: bool = False
) -> list[str] | None:
    """The goal table as tab-separated rows under the template's headings, or None when the
    cells do not read as one (no indicator, no figures). Where which indicator belongs to
    which delmål had to be guessed, the delmål is added to `guesses`. `year_first`: the
    table's »Baseline år« column stands before its baselines (`_year_before_baseline`)."""
    rows: list[list[str]] = []
    read: list[tuple[_Batch, list[tuple[str, list[str]]]]] = []
    cells = [piece for cell in cells for piece in split_source_years(cell)]
    if year_first:
        cells = sources_before_years(
            cells,
            is_year=lambda cell: _figure_kind(cell) == "year",
            is_indicator=lambda cell: bool(_INDICATOR_START.match(cell)),
            source_words=_SOURCE_WORDS,
            split_sources=split_sources,
        )
    for batch in _batches_year_first(cells) if year_first else _batches(cells):
        if read:  # a row a page break cut: its cells' rests begin the next page's cells
            continue_cut_row(batch.texts, read[-1][1])
        goals = _goals_and_indicators(batch.texts, guesses)
        if read and not batch.rows and goals and not any(found for _, found in goals):
            read[-1][1].extend(goals)  # delmål alone after the figures: the column's rest
            continue
        read.append((batch, goals))
    read = _goals_before_later_batches(read, guesses)
    for batch, found in read:
        goals = _spread_to_later_goals(found, guesses)
        _spread_figures(batch.rows)
        _spread_blocks(batch.rows)
        _split_shared_rows(batch.rows, sum(len(indicators) for _, indicators in goals))
        _merged_sources(batch, [ind for _, indicators in goals for ind in indicators])
        figures = iter(batch.rows)
        for goal, indicators in goals:
            if not indicators:
                if _looks_like_goal(goal):
                    rows.append([goal, "", "", "", "", ""])
                continue
            for number, indicator in enumerate(indicators):
                row = next(figures, _Row())
                measures = " ".join(row.measures)
                baseline, comparator = _split_measures(measures)
                if row.compared:
                    baseline, comparator = measures, " ".join(row.compared)
                rows.append(
                    [
                        goal if number == 0 else "",
                        indicator,
                        baseline,
                        comparator,
                        row.year,
                        row.source,
                    ]
                )
    named = {r[0] for r in rows if r[0] and (r[1] or _looks_like_goal(r[0]))}
    with_figures = any(r[2] or r[4] for r in rows)
    if not with_figures and not any(r[5] for r in rows):
        _sources_in_order(cells, rows)
    if not any(r[1] for r in rows) or not (with_figures or len(named) >= 2):
        return None  # neither figures nor delmål with indicators: not the table
    header = ["Delmål", "Indikator", "Baseline", "Evt. anden baseline", "Baseline år", "Datakilde"]
    return ["\t".join(header), *("\t".join(r) for r in rows)]


def _sources_in_order(cells: list[str], rows: list[list[str]]) -> None:
    """A table of indicators and their data sources alone (no figures, no years; a strategic
    agreement's »Mål | Indikator | Datakilde«): the sources, copied together after the text
    columns, one to each indicator's row in order, when there are as many."""
    texts = [
        c
        for c in cells
        if _figure_kind(c) == "text"
        and not c.startswith(EXPLICIT_GOAL)
        and _SOURCE_WORDS.search(c)
        and not _INDICATOR_START.match(c)
    ]
    indicators = [r for r in rows if r[1]]
    if not indicators:
        return
    sources = split_sources(re.sub(r"^målgruppe\s+", "", " ".join(texts))) if texts else []
    if not sources:
        # the sources run on in the last indicator's cell: cut where the rest is as many
        # sources (each with a source's words) as there are indicators
        words = indicators[-1][1].split()
        for cut in range(1, len(words)):
            rest = [w for w in words[cut:] if w != "målgruppe"]  # a heading's wrapped rest
            if not words[cut][:1].isupper() or _INDICATOR_START.match(words[cut]):
                continue
            found = split_sources(" ".join(rest))
            if len(found) == len(indicators) and all(_SOURCE_WORDS.search(f) for f in found):
                indicators[-1][1] = " ".join(w for w in words[:cut] if w != "målgruppe")
                sources = found
                break
    if len(sources) == len(indicators):
        for text in texts:  # a source cell read as the rest of the indicator before it
            for row in indicators:
                if row[1].endswith(" " + text):
                    row[1] = row[1][: -len(text)].strip()
        for row, source in zip(indicators, sources, strict=True):
            row[5] = source


def split_sources(text: str) -> list[str]:
    """Data sources run together ("LBF - Boligsociale Data LBF - Boligsociale Data
    Trygheds-survey VIVE/LBF Trygheds-survey VIVE/LBF"): a source said before is matched
    again, a new one is as long as it runs until it is said once more (or until a source's
    last word), the last one is the rest."""
    words = text.split()
    known: list[list[str]] = []
    out: list[str] = []
    position = 0
    while position < len(words):
        rest = words[position:]
        match = max((k for k in known if rest[: len(k)] == k), key=len, default=None)
        if match is None:
            match = next(
                (rest[:size] for size in range(1, 9) if rest[:size] == rest[size : 2 * size]),
                None,
            )
        if match is None:
            ends = [
                i + 1
                for i in range(len(rest) - 1)
                if _SOURCE_END.search(rest[i].rstrip(".,*")) and rest[i + 1][:1].isupper()
            ]
            match = rest[: ends[0]] if ends else rest
        if match not in known:
            known.append(match)
        out.append(" ".join(match))
        position += len(match)
    return out


def _split_shared_rows(rows: list[_Row], indicators: int) -> None:
    """Figures of several indicators in one cell ("36 % utryk 5 % utryk 17 % utryk", one
    cell for the indicators of one delmål) parted over as many rows, while the rows are
    fewer than the indicators; year and data source go to each."""
    index = 0
    while len(rows) < indicators and index < len(rows):
        row = rows[index]
        measures = [m for cell in row.measures for m in _measures_in(cell)]
        plain = [m for m in measures if not _COMPARISON.search(" " + m)]
        compared = [m for m in measures if _COMPARISON.search(" " + m)]
        if len(plain) < 2 or len(rows) - 1 + len(plain) > indicators:
            index += 1
            continue
        parted = [
            _Row(
                measures=[m] + ([compared[n]] if len(compared) == len(plain) else []),
                year=row.year,
                source=row.source,
            )
            for n, m in enumerate(plain)
        ]
        if len(compared) != len(plain):
            parted[0].measures.extend(compared)
        rows[index : index + 1] = parted
        index += len(parted)


def _measures_in(cell: str) -> list[str]:
    """The figures of one cell, each with what it counts ("36 % utryk", "Afd. 4: 18 %")."""
    found = [m.group().strip() for m in _FLOW_MEASURE.finditer(cell) if _is_flow_measure(cell, m)]
    return found if found and "".join(found).replace(" ", "") == cell.replace(" ", "") else [cell]


def _looks_like_goal(text: str) -> bool:
    """A delmål without indicators is kept only if it reads as one: a sentence of words, not
    a scrap of a cell (a name, a bracket, a figure)."""
    words = text.split()
    return (
        len(words) >= 3
        and text[:1].isupper()
        and not re.search(r"[()\d]", text)
        and sum(1 for w in words if w[:1].islower()) >= 2
    )


def _spread_figures(rows: list[_Row]) -> None:
    """A column of figures copied top to bottom before the years ("B1 B2 C1 2022 S1 2023
    S2"): the first row holds them all, the others none; one each, the comparisons too."""
    if len(rows) < 2 or any(row.measures for row in rows[1:]):
        return
    groups = _scope_groups(" ".join(rows[0].measures))
    if groups is not None and len(groups) == len(rows):
        for row, group in zip(rows, groups, strict=True):
            row.measures = [group]
        return
    measures = rows[0].measures
    plain = [m for m in measures if not _COMPARISON.search(" " + m)]
    compared = [m for m in measures if _COMPARISON.search(" " + m)]
    if len(plain) != len(rows) or len(compared) > len(rows):
        return
    for index, row in enumerate(rows):
        row.measures = [plain[index]] + ([compared[index]] if index < len(compared) else [])


def _spread_blocks(rows: list[_Row]) -> None:
    """Figures columns copied as blocks over the rows after the one they were read at
    (`pasted_goals.spread_column_blocks`)."""
    spread = spread_column_blocks([row.measures for row in rows], _measures_in)
    for row, (baselines, compared) in zip(rows, spread or [], strict=False):
        row.measures, row.compared = baselines, compared


def _merged_sources(batch: _Batch, indicators: list[str]) -> None:
    """A data source cell merged over several rows (`pasted_goals.merged_source_rows`):
    a row for each indicator again, sharing its source and year."""
    sourced = [row for row in batch.rows if row.year]
    merged = merged_source_rows(
        [row.measures for row in batch.rows],
        [row.source for row in sourced],
        indicators,
        pieces_of=_measures_in,
        is_comparison=lambda piece: bool(_COMPARISON.search(" " + piece)),
    )
    if merged is not None and all(not row.compared for row in batch.rows):
        batch.rows = [
            _Row(
                measures=baselines,
                year=sourced[number].year,
                source=sourced[number].source,
                compared=compared or [""],
            )
            for number, baselines, compared in merged
        ]


def _scope_groups(text: str) -> list[str] | None:
    """Figures named after their places, for several indicators in one run ("Engtoften (5)
    Tofteparken (2) Engtoften (3) Tofteparken (0)"): a new indicator's figures begin where a
    place comes again. None for fewer than two such runs."""
    matches = list(_SCOPED.finditer(text))
    if len(matches) < 4:
        return None
    groups: list[str] = []
    seen: set[str] = set()
    start = 0
    for match in matches:
        scope = match[1].strip()
        if scope in seen:
            groups.append(text[start : match.start()].strip())
            start, seen = match.start(), set()
        seen.add(scope)
    groups.append(text[start:].strip())
    return groups if len(groups) >= 2 and all(groups) else None


# a comparison named after its figure, in brackets: "74 % (alle helhedsplaner)"
_COMPARISON_AFTER = re.compile(
    r"(?:^|\s)\d[\d.,]*\s*%?\s*\(\s*(?:[Aa]lle\s|[Hh]ele\s|[Ll]andsgennemsnit"
    r"|(?:[A-ZÆØÅ][\wæøå-]*\s+)?[Kk]ommune\b|[Nn]ational)"
)
_COMPARISON = re.compile(
    r"(?:^|\s)(?:[A-ZÆØÅ][\wæøå-]*\s+)*(?:[Kk]ommune|[Ll]andsgennemsnit\w*|[Hh]ele\s+landet"
    r"|[Nn]ational\w*|i\s+alt|[Aa]lle\s+\w+)[\wæøå ]*(?::\s*|\s\(\s*)\d"
)


def _split_measures(text: str) -> tuple[str, str]:
    """Baseline and comparison figures of one row: the comparison is the one named after a
    municipality, the country or a whole ("Lyngmose Kommune: 8,4 %", "Skolen i alt: 88 %")."""
    match = _COMPARISON.search(text)
    if match is None:
        match = _COMPARISON_AFTER.search(text)  # "74 % (alle helhedsplaner)"
        if match is None or not text[: match.start()].strip():
            return text, ""
    start = match.start() + (1 if text[match.start()].isspace() else 0)
    return text[:start].strip(), text[start:].strip()


EXPLICIT_GOAL = "\x00"
_NUMBERED_GOAL = re.compile(r"(?<![\wæøå])(?:Delmål|Mål)\s+\d{1,2}\s*[:.]\s*")
_FIGURE_AHEAD = re.compile(
    r"\s(?=(?:=\s*)?\d[\d.,]*\s*(?:%|pct|ud af|[a-zæøå]+\s*(?:\(|$|\s[A-ZÆØÅ])))"
)


def _numbered_goals(value: str) -> list[str]:
    """A cell holding "Delmål 2: Flere forældre …" (a delmål written above its own table) as
    the delmål, marked, and what follows it in the cell (the table's first figures)."""
    parts: list[str] = []
    position = 0
    for match in _NUMBERED_GOAL.finditer(value):
        parts.append(value[position : match.start()])
        rest = value[match.end() :]
        following = _NUMBERED_GOAL.search(rest)
        rest = rest[: following.start()] if following else rest
        ends = [m.start() for m in (_FIGURE_AHEAD.search(rest), _HEADINGS.search(rest)) if m]
        goal = rest[: min(ends)] if ends else rest  # up to its table's headings or figures
        parts.append(EXPLICIT_GOAL + goal.strip())
        position = match.end() + len(goal)
    parts.append(value[position:])
    return [p.strip() for p in parts if p.strip()]


_LIST_NUMBER = re.compile(r"(?:(?<=\s)|^)(\d{1,2})\.\s+(?=[A-ZÆØÅ])")


def _numbered_as_delmaal(values: list[str]) -> list[str]:
    """Delmål written as a numbered list ("1. Flere unge …", "2. Ledige …"), the numbers
    running on through the section, marked as the template's "Delmål 1:"."""
    expected = 1
    out: list[str] = []
    for value in values:
        pieces: list[str] = []
        position = 0
        for match in _LIST_NUMBER.finditer(value):
            if int(match[1]) != expected:
                continue
            pieces.append(value[position : match.start()])
            pieces.append(f"Delmål {expected}: ")
            position = match.end()
            expected += 1
        pieces.append(value[position:])
        out.append("".join(pieces))
    return out if expected > 2 else list(values)


def goal_cells(values: list[str]) -> tuple[list[str], list[str]]:
    """The goals section's paragraphs as (text before the table, the table's cells): the
    column headings removed wherever they stand."""
    before: list[str] = []
    cells: list[str] = []
    for value in _numbered_as_delmaal(values):
        first = _HEADINGS.search(value)
        goal = _NUMBERED_GOAL.search(value)
        if not cells and goal is not None and (first is None or goal.start() < first.start()):
            first = goal  # a numbered delmål above its own table starts the table
        if not cells and first is None:
            before.append(value)
            continue
        if not cells and first is not None and first.start() > 0:
            before.append(value[: first.start()].strip())
            value = value[first.start() :]
        for part in _numbered_goals(value):
            if part.startswith(EXPLICIT_GOAL):
                cells.append(part)
                continue
            for piece in _HEADINGS.split(part):
                if piece.strip(" /"):
                    cells.append(piece.strip(" /"))
        if not cells:
            cells.append("")  # the table has begun (headings only so far)
    return before, [c for c in cells if c]


# -- a goal table whose cells a page's one line runs together --------------------------------
_FLOW_YEAR = re.compile(r"(?<![\d.,/(\-–])((?:19|20)\d{2})(?![\d.,%/)\-–])")
_PREPOSITIONS = {
    "over",
    "under",
    "end",
    "med",
    "i",
    "på",
    "af",
    "til",
    "mindst",
    "højst",
    "ca.",
    "cirka",
    "fra",
    "efter",
    "som",
    "og",
    "for",
    "ved",
    "siden",
    "inden",
    "klasse",
    "alder",
    "mellem",
}
_FLOW_MEASURE = re.compile(
    r"(?:(?:Afd\.?|Afdeling)\s*\d+[a-z]?\s*:\s*"
    r"|[A-ZÆØÅ][\wæøå.\-/]*(?:\s+(?:i\s+alt|[A-ZÆØÅ][\wæøå.\-/]*)){0,3}\s*:\s*)?"
    r"(?:=\s*)?(?<![\w\-–.,])\d(?:[\d.,]*\d)?(?![\d\-–])(?![.,]\d)(?:\s*(?:%|pct\.?))?"
    r"(?:\s*(?:ud\s+af|af)\s*\d[\d.,]*)?"
    # what the figure counts ("14 unge", "42 % enige", "73 % er glad/meget glad")
    r"(?:\s+(?:er\s+(?=[a-zæøå]+/[a-zæøå]+|[a-zæøå]+(?![\wæøå]|\s+[a-zæøå])))?"
    r"(?!og\b|i\b|år\b|der\b|som\b)[a-zæøå]+(?:/[a-zæøå]+)*"
    r"(?:(?<=/meget)\s+[a-zæøå]+(?=\s|$))?)?"
    r"(?:\s*=\s*\d[\d.,]*\s*%?(?:\s+af\s+[a-zæøå ]{0,30}?anmeldelser)?)?"
    r"(?:\s*\([^()]{0,40}\))?"
    r"|[A-ZÆØÅ][\wæøå-]*(?:\s+[\wæøå-]+){0,6}?\s*\(\s*\d[\d.,]*\s*%?\s*\)"
    r"(?:\s*\(\s*(?:19|20)\d{2}\s*\))?"  # a named figure with its own year in brackets
)
_GOAL_WORDS = r"Flere|Færre|Beboerne|Beboere|Børn|Unge|Ledige|Forældre|Familier|Niveauet|Fagligt|At"
_TEXT_CUT = re.compile(
    rf"(?<=[\wæøå.)\"”?%])\s+(?=(?:{_INDICATOR_WORDS}|{_GOAL_WORDS})\s)"
    r"|(?<=[.)\"”?])\s+(?=[\"“”][A-ZÆØÅ])"
)


_YEAR_PREPOSITIONS = {"i", "fra", "siden", "inden", "efter", "før", "til", "primo", "ultimo"}


_NUMBERING_WORDS = {"spg", "spg.", "spørgsmål", "nr", "nr.", "bilag", "side", "§"}
# an age in a text cell ("antal beboere 18 år og derover", "unge 15 år eller ældre")
_AGE_AFTER = re.compile(r"\s+år\s+(?:og|eller)\b")


def _is_flow_measure(text: str, match: re.Match[str]) -> bool:
    before = text[: match.start()].split()
    if before and before[-1].lower().rstrip(",") in _PREPOSITIONS:
        return False
    if _AGE_AFTER.match(text, match.end()) and re.fullmatch(r"\d{1,3}", match.group().strip()):
        return False
    if _DURATION.fullmatch(match.group().strip()) and _DURATION_AFTER.match(text, match.end()):
        return False  # "… 15 måneder efter 9. klasse": a time in an indicator's words
    if before and before[-1].lower() in _NUMBERING_WORDS:
        return False  # "Spg. 15", "nr. 3": a number a data source gives, not a figure
    return bool(re.search(r"\d", match.group()))


def _after_source(match: re.Match[str]) -> int:
    """Where a figure begins: a data source's words run into the scope before its colon
    ("LBF Boligsociale Data Piger: 22 %") are the source's cell, not the scope."""
    found = match.group()
    colon = found.find(":")
    if colon < 0:
        return match.start()
    sources = list(_SOURCE_WORDS.finditer(found, 0, colon))
    if not sources:
        return match.start()
    rest = found[sources[-1].end() : colon].strip()
    if not rest:
        return match.start()  # the scope is the source's own name ("Trivselsmåling: 40 %")
    return match.start() + found.index(rest, sources[-1].end())


_DURATION_AFTER = re.compile(r"\s+(?:efter|før|inden|siden)\b")
_DURATION = re.compile(r"\d{1,3}\s+(?:måneder|måned|år|uger|uge|dage|dag)")


def flow_cells(text: str) -> list[str]:
    """A run of a goal table's cells on one line cut into cells by their shape: years,
    figures (with what they are of and their scope), and the texts between them, cut again
    before the words delmål and indikatorer begin with."""
    cells: list[str] = []
    position = 0
    marks: list[tuple[int, int, str]] = []
    for match in _FLOW_MEASURE.finditer(text):
        if _is_flow_measure(text, match):
            marks.append((_after_source(match), match.end(), "measure"))
    for match in _FLOW_YEAR.finditer(text):
        before = text[: match.start()].split()[-1:]
        if before and before[0].lower() in _YEAR_PREPOSITIONS:
            continue  # "Ny måling i 2025": a year in a sentence (a remark), not a cell
        if not any(a <= match.start() < b for a, b, _ in marks):
            marks.append((match.start(1), match.end(1), "year"))
    marks.sort()
    for start, end, _kind in marks:
        if start < position:
            continue
        cells.extend(_text_cells(text[position:start]))
        cells.append(text[start:end].strip())
        position = end
    cells.extend(_text_cells(text[position:]))
    return _source_years([c for c in cells if c])


def _source_years(cells: list[str]) -> list[str]:
    """A data source whose name ends in a year (»Beboerundersøgelse 2015«) keeps it, where
    the row's year follows it: two years in a row, the same, after a source's words."""
    out: list[str] = []
    for index, cell in enumerate(cells):
        following = cells[index + 1] if index + 1 < len(cells) else ""
        if (
            out
            and _YEAR_ONLY.match(cell)
            and cell == following
            and _figure_kind(out[-1]) == "text"
            and _SOURCE_WORDS.search(out[-1])
        ):
            out[-1] = f"{out[-1]} {cell}"
            continue
        out.append(cell)
    return out


def _text_cells(text: str) -> list[str]:
    return [p.strip(" ,;") for p in _TEXT_CUT.split(text) if p.strip(" ,;")]


# -- a goal table copied cell by cell, a few words a line ------------------------------------
# Text copied from a PDF viewer (Acrobat, a browser's viewer, `pdftotext -raw`) keeps the
# lines as the page sets them: prose in long lines, but a table's cells one after the other,
# row by row, each wrapped into the short lines of its narrow column. The rest of such text
# reads line by line; the goal table's cells are run together into one flow and rebuilt as
# one-line pages are.
_TABLE_HEADER_LINE = re.compile(
    r"^(?:Delmål|Mål|Indikator)\s+(?:Indikator|Delmål|Mål|Baseline|Datakilde|Evt\.)(?![\wæøå])"
)
_AFTER_NUMBERED_GOAL = re.compile(r"\s*\d{1,2}\s*[:.]")


def _ends_goal_region(line: str) -> bool:
    """A line that begins one of the template's labels after the goal table (not a "Delmål
    2:" above its own table, not the table's headings)."""
    if _TABLE_HEADER_LINE.match(line):
        return False
    match = _LABEL.match(line)
    if match is None:
        return False
    return not (match[0] == "Delmål" and _AFTER_NUMBERED_GOAL.match(line, match.end()))


def _line_furniture(lines: list[str]) -> set[int]:
    """Page furniture among the lines: a line with "Side X af Y", and a line that comes back
    next to two or more page breaks or page numbers (a running header or footer)."""
    breaks = {i for i, line in enumerate(lines) if "\f" in line or _PAGE_NUMBER.search(line)}
    found = {i for i in breaks if _PAGE_NUMBER.search(lines[i]) and len(lines[i]) < 160}
    near: Counter[str] = Counter()
    for index in breaks:
        for other in (index - 1, index, index + 1):
            if 0 <= other < len(lines):
                near[lines[other].replace("\f", "").strip()] += 1
    for index, line in enumerate(lines):
        bare = line.replace("\f", "").strip()
        if bare and near[bare] >= 2 and len(bare) < 160 and not _LABEL.match(bare):
            found.add(index)
    return found


def rebuild_line_goal_tables(text: str, warnings: list[str] | None = None) -> str:
    """Short-line text (one line as the page set it) with its goal tables rebuilt as
    tab-separated tables; the text unchanged where no table reads as one, or where the
    table's lines hold a piece of every column (those the goal table's reader takes line by
    line)."""
    from importing.interleave import is_interleaved

    lines = text.split("\n")
    if _structured(lines) or is_one_line(lines):
        return text
    furniture = _line_furniture(lines)
    out: list[str] = []
    index = 0
    while index < len(lines):
        line = lines[index].replace("\f", "").strip()
        if not _GOAL_SECTION.match(line):
            out.append(lines[index])
            index += 1
            continue
        end = index + 1
        while end < len(lines) and not _ends_goal_region(lines[end].replace("\f", "").strip()):
            end += 1
        body = [
            lines[k].replace("\f", "").strip()
            for k in range(index + 1, end)
            if k not in furniture and lines[k].strip()
        ]
        # a table set as space-aligned columns (`pdftotext -layout`) has its own reader
        aligned = any(GAP.search(lines[k]) for k in range(index + 1, end))
        header = next((k for k, text in enumerate(body) if _TABLE_HEADER_LINE.match(text)), None)
        rebuilt = None
        if header is not None and not aligned and not is_interleaved(body[header:]):
            notes: list[str] = []
            segments = segments_of([" ".join(join_wrapped([line, *body]).split())])
            rendered = render(segments, one_line=True, warnings=notes)
            if "\t" in rendered:
                rebuilt = rendered
                for note in notes:
                    if warnings is not None and note not in warnings:
                        warnings.append(note)
        if rebuilt is None:
            out.extend(lines[index:end])
        else:
            out.extend(["", *(lines[index][:1] == "\f" and ["\f"] or []), rebuilt, ""])
        index = end
    return fixed_goal_rows("\n".join(out))


# -- a delmål's own table copied column by column --------------------------------------------
# A small table under each numbered delmål ("1. Flere unge …" then Indikator | Baseline
# boligområde / målgruppe | Datakilde) comes out of a PDF viewer one column after the other,
# each under its heading: "Indikator A B Baseline boligområde / målgruppe 21,4 % 14 unge
# Datakilde LBF Helhedsplanens egen registrering". Each column's cells go to the indicators in
# order; a column with fewer cells than indicators, or cells that cannot be told apart, warn.
_COLUMN_HEADING = re.compile(
    r"(?<![\wæøå])(?:(?P<indicator>Indikator)|(?P<comparator>Baseline\s+kommune|Evt\.\s+anden"
    r"\s+baseline)|(?P<baseline>Baseline\s+boligområde(?:\s*/\s*målgruppe|\s*/)?)"
    r"|(?P<year>B\s?a\s?s\s?e\s?l\s?i\s?n\s?e\s+år)|(?P<source>Datakilde))(?![\wæøå])"
)
_SOURCE_END = re.compile(
    r"(?i)(?:data|statistik|registrering|\w*undersøgelse|\w*survey|\w*måling|politi|kommune"
    r"|\d{4})$"
)


def _measure_groups(text: str, count: int) -> list[str] | None:
    """A figures column's cells for `count` indicators: a figure named after a place it
    already names in the same group, or a figure without a name, starts the next cell."""
    measures = [
        m.group().strip() for m in _FLOW_MEASURE.finditer(text) if _is_flow_measure(text, m)
    ]
    if not measures:
        return None
    if len(measures) == count:
        return measures
    if count == 1:
        return [" ".join(measures)]
    groups: list[list[str]] = []
    scopes: set[str] = set()
    for measure in measures:
        scope = measure.split(":")[0] if ":" in measure else None
        if not groups or scope is None or scope in scopes:
            groups.append([measure])
            scopes = set()
        else:
            groups[-1].append(measure)
        if scope:
            scopes.add(scope)
    return [" ".join(g) for g in groups] if len(groups) == count else None


def _source_cells(text: str, count: int) -> list[str] | None:
    """A data source column's cells for `count` indicators: one source said as often as
    there are indicators, or sources cut where a source's last word ends."""
    words = text.split()
    if not words:
        return None
    if count == 1:
        return [text]
    if len(words) % count == 0:
        size = len(words) // count
        parts = [" ".join(words[i : i + size]) for i in range(0, len(words), size)]
        if len(set(parts)) == 1:
            return parts
    cuts = [
        i
        for i in range(1, len(words))
        if _SOURCE_END.search(words[i - 1].rstrip(".,*")) and words[i][:1].isupper()
    ]
    if len(cuts) != count - 1:
        return None
    bounds = [0, *cuts, len(words)]
    return [" ".join(words[a:b]) for a, b in zip(bounds, bounds[1:], strict=False)]


def _one_row(text: str) -> list[str] | None:
    """One row's cells after its headings (indicator, figures, data source), the rest of a
    heading its column wrapped ("målgruppe") left out; None unless it reads so."""
    text = re.sub(r"^(.*?)\bmålgruppe\b", r"\1", text, count=1).strip()
    measures = [
        m
        for m in _FLOW_MEASURE.finditer(text)
        if _is_flow_measure(text, m) and not _YEAR_ONLY.match(m.group().strip())
    ]
    if not measures:
        return None
    indicator = text[: measures[0].start()].strip()
    source = text[measures[-1].end() :].strip()
    between = text[measures[0].start() : measures[-1].end()]
    covered = "".join(m.group() for m in measures).replace(" ", "")
    if covered != between.replace(" ", "") or _FLOW_YEAR.search(between):
        return None  # text between the figures: more than one row
    year = ""
    if match := re.match(r"((?:19|20)\d{2})\s+", source):
        year, source = match[1], source[match.end() :]
    if not indicator or _SOURCE_WORDS.search(indicator) and not _INDICATOR_START.match(indicator):
        return None
    baseline, comparator = _split_measures(" ".join(between.split()))
    return [indicator, baseline, comparator, year, source]


def column_block_table(values: list[str], warnings: list[str]) -> list[str] | None:
    """The goals section as tab-separated rows when each numbered delmål's table came
    column by column under its headings (see above), or None when it did not."""
    text = " ".join(" ".join(_numbered_as_delmaal(values)).split())
    goals = list(_NUMBERED_GOAL.finditer(text))
    if len(goals) < 2:
        return None
    rows: list[list[str]] = []
    unsure = False
    for number, goal in enumerate(goals):
        end = goals[number + 1].start() if number + 1 < len(goals) else len(text)
        chunk = text[goal.end() : end]
        headings = list(_COLUMN_HEADING.finditer(chunk))
        kinds = [h.lastgroup for h in headings]
        if not headings or kinds[0] != "indicator" or len(set(kinds)) != len(kinds):
            return None
        blocks: dict[str, str] = {}
        for index, heading in enumerate(headings):
            stop = headings[index + 1].start() if index + 1 < len(headings) else len(chunk)
            blocks[heading.lastgroup or ""] = chunk[heading.end() : stop].strip(" /")
        for heading in headings[1:] if blocks["indicator"] else []:
            rest = chunk[heading.end() :]
            if blocks[heading.lastgroup or ""] or heading.lastgroup == "source":
                continue
            figures = any(_is_flow_measure(rest, m) for m in _FLOW_MEASURE.finditer(rest))
            if figures if heading.lastgroup != "year" else _FLOW_YEAR.search(rest):
                return None  # an empty column whose cells come later: not column by column
        delmaal = chunk[: headings[0].start()].strip()
        if not blocks["indicator"]:
            # the headings side by side, then one row's cells: a table of one indicator
            row = _one_row(list(blocks.values())[-1])
            if row is None:
                return None
            rows.append([delmaal, *row])
            continue
        indicators = [p.strip() for p in _INDICATOR_CUT.split(blocks["indicator"]) if p.strip()]
        count = len(indicators)
        source = blocks.get("source", "")
        spilled = [m for m in _FLOW_MEASURE.finditer(source) if _is_flow_measure(source, m)]
        extra = ""
        if spilled and spilled[0].start() == 0:  # the figures column ran on past its heading
            last = spilled[0]
            for match in spilled[1:]:
                if source[last.end() : match.start()].strip():
                    break
                last = match
            extra, source = source[: last.end()], source[last.end() :].strip()
            unsure = True  # which source is whose: the column's order is no longer sure
        columns: dict[str, list[str] | None] = {}
        if "baseline" in blocks:
            columns["baseline"] = _measure_groups(f"{blocks['baseline']} {extra}", count)
        if "comparator" in blocks:
            columns["comparator"] = _measure_groups(blocks["comparator"], count)
        if "year" in blocks:
            years = _FLOW_YEAR.findall(blocks["year"])
            columns["year"] = years if len(years) == count else None
        if source:
            columns["source"] = _source_cells(source, count)
        for kind, cells in columns.items():
            if cells is None:
                unsure = True
                whole = blocks.get(kind, source) if kind != "source" else source
                columns[kind] = [whole, *[""] * (count - 1)]
        for index, indicator in enumerate(indicators):
            row = [delmaal if index == 0 else "", indicator]
            for kind in ("baseline", "comparator", "year", "source"):
                cells = columns.get(kind) or []
                row.append(cells[index] if index < len(cells) else "")
            rows.append(row)
    if unsure and GOAL_TABLE_WARNING not in warnings:
        warnings.append(GOAL_TABLE_WARNING)
    header = ["Delmål", "Indikator", "Baseline", "Evt. anden baseline", "Baseline år", "Datakilde"]
    return ["\t".join(header), *("\t".join(r) for r in rows)]
