"""The agreement's header fields: title, initiative, period, parties."""

from __future__ import annotations

import datetime as dt
import re

from importing.figures import clean_cell
from importing.recognisers.labels import (
    ALL_LABELS,
    SECTION_NUMBER,
    TOP_LABELS,
    label_fold,
    match_label,
)
from importing.recognisers.units import Section, Unit, has_marker, strip_marker
from lib.danish import parse_period

_OPEN_END = re.compile(r"(?:^|\s)(?:i|og|på|for|af|ved|til|&|[-–])$", re.IGNORECASE)


def read_initiative(section: Section) -> str | None:
    parts: list[str] = []
    for unit in section.units:
        text = unit.text.strip()
        if unit.kind == "table" or not text:
            continue
        if not parts:
            parts.append(strip_marker(text) if unit.kind == "item" else text)
            continue
        starts_dash = text[:1] in "-–"
        # a name never ends in »i«, »og«, »på«: the line broke inside it (a scan, a PDF)
        broken = bool(_OPEN_END.search(parts[-1]))
        goes_on = starts_dash or not unit.new_para or broken
        if goes_on and len(text) < 80 and text[:1] not in '"“”':
            parts.append(text)
            continue
        break
    name = " ".join(parts)
    # the next label's number run on to the line (text copied from a PDF: »Tryg i Bakkely 2.«)
    return re.sub(r"\s+\d{1,2}\.$", "", name) or None


def read_period(section: Section) -> tuple[object, object]:
    texts: list[str] = []
    for unit in section.units[:4]:
        if unit.kind == "table" and unit.block:
            texts.extend(" ".join(row) for row in unit.block.rows)
        else:
            texts.append(unit.text)
    joined = " ".join(texts)
    # a stray full stop or comma before the dash (OCR: »1. januar 2023.- 31. december 2026«)
    joined = re.sub(r"(\d{4})\s*[.,;:]\s*(?=[-–—])", r"\1 ", joined)
    # »fra 1. januar 2023 til og med 31. december 2026«
    joined = re.sub(r"\btil\s+og\s+med\b", "til", joined, flags=re.IGNORECASE)
    start, end = parse_period(joined)
    if start is None and (years := _YEARS.search(joined)):
        # »2023–2026«: whole calendar years
        first, last = int(years[1]), int(years[2])
        if 0 < last - first <= 12:
            return dt.date(first, 1, 1), dt.date(last, 12, 31)
    if start is None:
        # "Fra: 1. marts 2023" / "Til: 28. februar 2027" on lines of their own
        joined = re.sub(r"\b(?:fra|start)\s*:\s*", "", joined, flags=re.IGNORECASE)
        joined = re.sub(r"\s*\b(?:til|slut)\s*:\s*", " – ", joined, flags=re.IGNORECASE)
        start, end = parse_period(joined)
    return start, end


# a period of whole years, »2023–2026« / »2023 - 2026« (the years alone, nothing else dated)
_YEARS = re.compile(r"^\D{0,20}?((?:19|20)\d{2})\s*(?:-|–|—|til)\s*((?:19|20)\d{2})\s*\.?$")


_PARTY_HEADER = re.compile(
    r"^(?:(?:aftale)?part(?:er|en|ne)?|organisation(?:er)?|navn|underskriver|underskrift"
    r"|dato|titel|rolle|repraesenteret ved|for|signatur)$"
)
_PARTY_COLUMN = re.compile(r"^(?:(?:aftale)?part(?:er|en|ne)?|organisation(?:er)?)$")


def _party_table(rows: list[list[str]]) -> list[str]:
    """Parties in a table: the "Part" column when the table has a header, else the first cell
    of each row."""
    if not rows:
        return []
    header = [label_fold(clean_cell(c)) for c in rows[0]]
    column = 0
    body = rows
    if header and all(_PARTY_HEADER.match(h) or not h for h in header) and any(header):
        column = next((i for i, h in enumerate(header) if _PARTY_COLUMN.match(h)), 0)
        body = rows[1:]
    parties = []
    for row in body:
        cell = row[column] if column < len(row) else ""
        if not cell.strip():
            cell = next((c for c in row if c.strip()), "")
        lines = [line for line in cell.split("\n") if line.strip()]
        if not any(has_marker(line) for line in lines):
            lines = [cell]  # one party a row, its cell wrapped over lines
        for line in lines:
            line = strip_marker(clean_cell(line))
            if (found := sentence_parties(line)) is not None:
                parties.extend(found)
            elif _damaged(line):
                continue
            elif line and len(line) < 160 and not _PARTY_HEADER.match(label_fold(line)):
                parties.extend(split_parties(line))
    return parties


def read_parties(section: Section) -> list[str]:
    parties: list[str] = []
    units = section.units
    index = 0
    while index < len(units):
        unit = units[index]
        index += 1
        if unit.kind == "table" and unit.block:
            parties.extend(_party_table(unit.block.rows))
            continue
        if _GOAL_PART.match(label_fold(strip_marker(unit.text))):
            break  # the delmål begin (a text whose headings were lost): no party after it
        if unit.kind == "line" and opens_party_sentence(unit.text):
            sentence = unit.text.strip()
            while index < len(units) and _goes_on(sentence, units[index]):
                sentence += " " + units[index].text.strip()
                index += 1
            found = sentence_parties(sentence)
            if found is not None:
                parties.extend(found)
                continue
        parties.extend(_party_line(unit))
    return list(dict.fromkeys(parties))


# the labels of the delmål's part: where a text has lost its headings, the parties end there
_GOAL_PART = re.compile(r"^(?:delmal|indikator(?:er)?|baseline|datakilde)\b")


def _goes_on(sentence: str, unit: Unit) -> bool:
    """The next line continues a parties' sentence that has not ended (a PDF or a pasted
    text breaks it at the page's width)."""
    if unit.kind != "line" or unit.set_apart or not unit.text.strip():
        return False
    if sentence.rstrip().endswith((".", ":")):
        return False
    text = unit.text.strip()
    if match_label(text, ALL_LABELS, set_apart=unit.set_apart) is not None:
        return False
    return not unit.new_para or bool(re.search(r"(?:,|\bog|\bsamt)$", sentence.rstrip()))


# The sentence a Danish agreement names its parties in: »Denne delaftale er indgået mellem
# A, B og C.«, »Aftalen indgås af A og B«, »Parterne er A, B samt C«, »Aftalens parter er …«,
# »… mellem følgende parter: A, B og C«
_PARTY_SENTENCE = re.compile(
    r"^(?:[\wæøåÆØÅ]+\s+){0,6}?(?:"
    r"(?:indgå(?:et|s|r)|indgaaet|underskrevet|tiltrådt|aftalt|lavet)\s+(?:af\s+og\s+)?(?:mellem|af)"
    r"|(?:(?:del|samarbejds)?aftalens\s+)?parter(?:ne)?"
    r"(?:\s+(?:i|bag)\s+(?:den(?:ne)?\s+)?(?:del|samarbejds)?aftale[n]?)?\s+(?:er|omfatter)"
    r")(?:\s+(?:de\s+)?følgende(?:\s+(?:parter|organisationer))?)?\s*:?(?:\s+(?P<list>\S.*))?$",
    re.IGNORECASE | re.DOTALL,
)
# where the enumeration ends and the sentence goes on about something else
_SENTENCE_TAIL = re.compile(
    r",?\s+(?:og\s+)?(?:gælder|løber|træder)\b.*$"
    r"|\s+(?:i|for)\s+perioden\b.*$"
    r"|,\s+(?:der|som|hvor)\s+[a-zæøå].*$",
    re.DOTALL,
)
# a separator of the enumeration: a comma, a semicolon, »og«, »samt« (not »Børne- og …«)
_ENUM_SEPARATOR = re.compile(r"\s*[,;]\s+(?:(?:og|samt)\s+)?|(?<![-–])\s+(?:og|samt)\s+")


def opens_party_sentence(text: str) -> bool:
    return len(text) < 600 and _PARTY_SENTENCE.match(" ".join(text.split())) is not None


def sentence_parties(text: str) -> list[str] | None:
    """The parties a sentence names (see `_PARTY_SENTENCE`), each as written, or None when
    the text is no such sentence or its enumeration cannot be told apart.

    Commas, semicolons, »og« and »samt« separate the parties, except inside parentheses
    (»Åbyhavn Kommune (Kultur og Fritid)«), in a shared first half (»Børne- og
    Familieforvaltningen«), between the words of a department's name of two (»Kultur og
    Fritid«, »Børn og Unge«), and before a municipality's department (»Åbyhavn Kommune,
    Jobcentret«)."""
    match = _PARTY_SENTENCE.match(" ".join(text.split()))
    if match is None or not match["list"]:
        return None
    listed = _SENTENCE_TAIL.sub("", match["list"]).strip().rstrip(".").strip()
    pieces, separators = _top_level_split(listed)
    if not pieces:
        return None
    merged = [pieces[0]]
    for separator, piece in zip(separators, pieces[1:], strict=True):
        previous = merged[-1]
        after_municipality = "kommune" in label_fold(previous).split() and "," not in previous
        comma = separator.strip().startswith(",") and "og" not in separator
        if comma and after_municipality and not _SIGNING.search(label_fold(piece)):
            merged[-1] += separator + piece  # the municipality's department
            continue
        if "," not in separator and _name_pair(previous, piece):
            merged[-1] += separator + piece  # »Kultur og Fritid«: »og« inside a name
            continue
        merged.append(piece)
    parties = [" ".join(p.split()).strip(" ,.") for p in merged]
    if any(not p[:1].isupper() and not p[:1].isdigit() or len(p.split()) > 12 for p in parties):
        return None
    return parties


def _top_level_split(text: str) -> tuple[list[str], list[str]]:
    """Pieces and separators of an enumeration, never cutting inside parentheses."""
    pieces: list[str] = []
    separators: list[str] = []
    depth = 0
    start = 0
    position = 0
    while position < len(text):
        char = text[position]
        if char in "([":
            depth += 1
        elif char in ")]":
            depth = max(0, depth - 1)
        elif (
            depth == 0
            and position > start
            and (found := _ENUM_SEPARATOR.match(text, position))
            and found.end() > position
        ):
            pieces.append(text[start:position])
            separators.append(found[0])
            start = position = found.end()
            continue
        position += 1
    pieces.append(text[start:])
    return [p.strip() for p in pieces], separators


def _definite_name(piece: str) -> bool:
    """One word in its definite form (»Jobcentret«, »Frivilligcentralen«): a place of its own."""
    words = piece.split()
    return len(words) == 1 and bool(re.search(r"(?:en|et|erne)$", words[0]))


def _name_pair(previous: str, piece: str) -> bool:
    """»Kultur og Fritid«, »Børn og Unge«: one word either side of »og«, neither the name of
    an organisation or a place of its own, is one department's name."""
    last = re.split(r",\s+|\(", previous)[-1].split()
    return (
        len(last) == 1
        and len(piece.split()) == 1
        and not _names_organisation(last[0])
        and not _names_organisation(piece)
        and not _definite_name(last[0])
        and not _definite_name(piece)
    )


def _damaged(line: str) -> bool:
    """Parentheses closed before they open or left open: two lines read into one (OCR of a
    cell wrapped over lines), so the pieces are not the parties as written."""
    depth = 0
    for char in line:
        depth += {"(": 1, ")": -1}.get(char, 0)
        if depth < 0:
            return True
    return depth != 0


# A signature block written as lines: »For Boligforeningen Lyngbo« (»På vegne af …«) above
# »Dato: ______ Underskrift: ________«; the lines to sign on name no party.
_SIGNS_FOR = re.compile(r"^(?:[Ff]or|[Pp]å vegne af)\s+(?P<party>[A-ZÆØÅ0-9].{1,110}?)\s*:?$")
_SIGN_LINE = re.compile(r"_{4,}|\.{8,}|^(?:dato|underskrift|sted og dato)\b", re.IGNORECASE)


def signature_parties(section: Section) -> list[str]:
    """The parties a signature part names: its »For …« lines where it has them, else what
    its table or lines name."""
    signs_for = [
        match["party"]
        for unit in section.units
        if unit.kind != "table" and (match := _SIGNS_FOR.match(strip_marker(unit.text)))
    ]
    return list(dict.fromkeys(signs_for)) if signs_for else read_parties(section)


def _party_line(unit: Unit) -> list[str]:
    line = strip_marker(unit.text)
    if not line or line.endswith(":") or _SIGN_LINE.search(line):
        return []
    if line.startswith("(") and line.endswith(")"):
        return []
    if _damaged(line):
        return []
    # a note in parentheses (»Boligselskabet Bakkely (tovholder)«, »Lektiecaféen (frivillig
    # forening)«) stays: the party as written; plans.parties links it to its organisation
    pieces = split_parties(line)
    if len(pieces) > 1 and not line.endswith("."):
        return [piece for piece in pieces if _is_party_name(piece)]
    return [line] if _is_party_name(line) else []


def _is_party_name(line: str) -> bool:
    words = line.split()
    return not (len(line) > 110 or len(words) > 14 or (line.endswith(".") and len(words) > 8))


# Words that make a text the name of an organisation that signs agreements of its own (a
# housing organisation, a municipality, the police, …): where a line lists parties with
# commas or »og«, each piece must be one. A person's title ("Leder, Boligselskabet Øbo, Kim
# Lund") or a department's own name ("Børn og Unge") is not, so such a line stays one party;
# after a municipality a comma starts its department ("Åbyhavn Kommune, Jobcentret").
_SIGNING = re.compile(
    r"(?:kommune|boligselskab|boligforening|boligorganisation|almene boliger|andelsbolig"
    r"|region(?:en)?\b|politi|fond(?:en)?\b|forening|\ba ?s\b|\baps\b)"
)
_INSTITUTION = re.compile(r"(?:klub|skole|jobcent|bibliotek)")
# A person's title (»Ungdomsskoleleder, Viborg Kommune, …«) names no organisation.
_ROLE = re.compile(r"(?:leder|chef|direktor|formand|konsulent|koordinator|medarbejder)$")
_LIST_SEPARATOR = re.compile(r"(\s*,\s+|(?<![-–])\s+og\s+(?=[A-ZÆØÅ]))")


def split_parties(text: str) -> list[str]:
    """The parties one line or cell names: »A; B; C«, »A, B og C«, »A og B«.

    A semicolon always separates parties (a name never holds one). Commas and »og« also
    hold inside names ("Åbyhavn Kommune, Børn og Unge", "Syd- og Sønderjyllands Politi"), so
    they separate only where every piece is a name (a capital first) of an organisation of its
    own (`_SIGNING`, or an institution such as a school or a club).
    """
    text = " ".join(text.split())
    if ";" in text:
        return [piece.strip(" ,.") for piece in text.split(";") if piece.strip(" ,.")]
    parts = _LIST_SEPARATOR.split(text)
    pieces, separators = parts[::2], parts[1::2]
    if len(pieces) < 2 or not all(p.strip() for p in pieces):
        return [text]
    merged = [pieces[0]]
    for separator, piece in zip(separators, pieces[1:], strict=True):
        # a municipality names one department after it, never two
        after_municipality = "kommune" in label_fold(merged[-1]).split() and "," not in merged[-1]
        if "," in separator and after_municipality and not _SIGNING.search(label_fold(piece)):
            merged[-1] += separator + piece  # the municipality's department
        elif "og" in separator and not _names_organisation(piece):
            merged[-1] += separator + piece  # "Børn og Unge": »og« inside a name
        else:
            merged.append(piece)
    if len(merged) > 1 and all(_names_organisation(piece) for piece in merged):
        return [piece.strip().rstrip(".") for piece in merged]
    return [text]


def _names_organisation(piece: str) -> bool:
    folded = label_fold(piece)
    if not piece[:1].isupper() or _ROLE.search(folded.split()[0] if folded else ""):
        return False
    return bool(_SIGNING.search(folded) or _INSTITUTION.search(folded))


# The header's fields: a label the template does not have ends the one it stands under.
HEADER_FIELDS = frozenset({"initiative", "period", "parties", "focus_area", "funding_period"})
UNKNOWN_FIELD = "unknown_field"


# Labels inside a header field's value: the period's »Fra: …« / »Til: …«.
_VALUE_LABELS = frozenset({"fra", "til", "start", "slut", "startdato", "slutdato"})


def is_unknown_field(unit: Unit) -> bool:
    """A label of a field the template does not have (»Godkendt af bestyrelsen:«, a heading
    »Formål« under the header): a heading, a line set apart as a label ending in a colon, or
    a line »Label: value« whose label is a few words with a capital first, that is none of
    the template's header labels."""
    text = unit.text.strip()
    if unit.kind != "line" or not unit.new_para or not text:
        return False
    head, colon, rest = text.partition(":")
    if unit.heading or (unit.label and text.endswith(":")):
        if len(text) > 80 or len(text.split()) > 8:
            return False
    elif not (colon and rest.strip() and _looks_like_label(head)):
        return False
    return match_label(text, TOP_LABELS, set_apart=True) is None


def _looks_like_label(head: str) -> bool:
    words = head.split()
    return (
        0 < len(words) <= 5
        and head[:1].isupper()
        and not any(c.isdigit() for c in head)
        and label_fold(head) not in _VALUE_LABELS
    )


def split_unknown_fields(sections: list[Section]) -> list[Section]:
    """Each field the template does not have, in the header, as a section of its own (its
    label its first unit, so a sheet or a table under it is still found), which no reader
    reads into the agreement."""
    out: list[Section] = []
    for section in sections:
        if section.name not in HEADER_FIELDS:
            out.append(section)
            continue
        kept: list[Unit] = []
        unknown: list[Section] = []
        for unit in section.units:
            if is_unknown_field(unit):
                unknown.append(Section(UNKNOWN_FIELD, unit.text.strip(), []))
            (unknown[-1].units if unknown else kept).append(unit)
        section.units = kept
        out.append(section)
        out.extend(unknown)
    return out


_PART_NUMBER = re.compile(r"^\d{1,2}\.?\s+[A-ZÆØÅ]")


def _numbered_section(unit: Unit) -> bool:
    """A heading numbered by hand as a part of the document (»6. Milepæle«, »8 Økonomi«: one
    number, not »6.1«) that is none of the template's parts: a part of the document's own,
    which ends the part above it. The number says it is a part, whatever its style's level
    (a PDF's headings are levelled by their size)."""
    if unit.kind != "line" or not unit.heading or not unit.new_para:
        return False
    text = unit.text.strip()
    if not _PART_NUMBER.match(text) or len(text) > 80:
        return False
    return match_label(text, TOP_LABELS, set_apart=True) is None


def split_numbered_sections(sections: list[Section]) -> list[Section]:
    """Each numbered top-level heading that is not the template's (see `_numbered_section`)
    as a section of its own that no reader reads into the agreement (its content, when it has
    any, is named in a warning; activity sheets under it are still found)."""
    out: list[Section] = []
    for section in sections:
        current = section
        kept: list[Unit] = []
        out.append(section)
        for unit in section.units:
            if _numbered_section(unit):
                current = Section(UNKNOWN_FIELD, unit.text.strip(), [unit])
                out.append(current)
                continue
            (kept if current is section else current.units).append(unit)
        section.units = kept
    return out


def unknown_field_note(section: Section) -> str | None:
    """The review's note on a field left out, when what it holds looks like content."""
    label, _colon, rest = section.label_text.partition(":")
    texts = [rest, *(strip_marker(u.text) for u in section.units[1:] if u.kind != "table")]
    value = " ".join(" ".join(text.split()) for text in texts if text.strip())
    if not value:
        return None
    label = label.strip()
    if len(value) > 80:
        value = value[:77].rsplit(" ", 1)[0] + " …"
    return (
        f"»{label}« er ikke et af felterne i LBF's skabelon her, så »{value}« er ikke læst ind. "
        "Kontrollér, om det hører hjemme i et andet felt."
    )


# The template's own titles, »Delaftale for indsatsområdet …« and »Strategisk
# samarbejdsaftale om boligsocial indsats«: an agreement with a title of its own has it right
# under that heading, set apart (as the product's exports write it).
_TEMPLATE_TITLE = re.compile(
    r"^delaftale for indsatsomr\w*\b|^strategisk samarbejdsaftale om (?:den )?boligsociale? indsats$"
)


def is_template_title(text: str) -> bool:
    return bool(_TEMPLATE_TITLE.match(label_fold(text)))


def join_own_title(sections: list[Section]) -> list[Section]:
    """The template's title heading with nothing under it, followed by a title of its own
    that reads as a title label too (»Delaftale – Tryghed og fællesskab«): one title section,
    the own title its first line."""
    out: list[Section] = []
    for section in sections:
        previous = out[-1] if out else None
        if (
            previous is not None
            and previous.name == section.name
            and section.name in ("title_sub", "title_strategic")
            and not previous.units
            and is_template_title(previous.label_text)
            and section.label_text.strip() != previous.label_text.strip()
        ):
            title = Unit("line", section.label_text.strip(), label=True)
            previous.units = [title, *section.units]
            continue
        out.append(section)
    return out


def read_own_title(section: Section) -> str | None:
    """The agreement's own title under the template's title heading: the first line after it
    when set apart (bold, a heading) and no label of the template's other fields."""
    if not is_template_title(section.label_text) or not section.units:
        return None
    first = section.units[0]
    text = " ".join(first.text.split())
    if first.kind != "line" or not first.new_para or not first.set_apart:
        return None
    if not text or text.endswith(":") or SECTION_NUMBER.match(text):
        return None  # a section of its own (»1. Indledning«), not the agreement's title
    found = match_label(text, ALL_LABELS, set_apart=True)
    if found is not None and not found[0].name.startswith("title"):
        return None
    lines = [text]
    for unit in section.units[1:]:
        if unit.kind != "line" or unit.new_para or unit.set_apart != first.set_apart:
            break
        lines.append(" ".join(unit.text.split()))  # the title wrapped over lines (a PDF)
    title = " ".join(lines)
    return title if len(title) <= 200 else None
