"""The template's labels ("Delaftalens parter:", "Formål:", "5. Overordnede mål og
indikatorer", …), matched on folded text (case, punctuation and æ/ø/å folded) so they survive
markup, OCR damage and the template's wording drifting between funding periods.

A text set apart as a label by its look (a heading, a bold paragraph, a label cell, a shaded
row) or ending in a colon is also matched leniently against the label's own wording, so the
template's typos ("Aktivitsnavn") and small rewordings still read as the label.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from rapidfuzz import fuzz

from lib.text import label_fold


@dataclass(frozen=True)
class Label:
    name: str
    pattern: str
    long: bool = False  # the label's text may run over several lines, ending with ":"
    short: bool = False  # the whole unit (up to a colon) must be the label
    wording: str = ""  # the template's wording, for lenient matching of set-apart labels
    many: bool = False  # its value is a list: one entry per line of a label cell
    apart_only: bool = False  # only where set apart (a heading, a bold line, a label cell)
    # alone on its line without being set apart, the words are no label (»målgruppen.« the
    # last word of a sentence wrapped onto a line of its own): a colon or the look says it is
    bare: bool = True


TOP_LABELS = (
    Label("title_sub", r"^delaftale for indsatsomra\w*"),
    Label(
        "title_sub",
        r"^delaftale(?: (?:for|om|vedr\w*|indenfor|inden for))?(?: .*)?$",
        apart_only=True,
    ),
    Label("focus_area", r"^indsatsomr(?:adet?)?$", short=True, wording="Indsatsområde"),
    Label(
        "funding_period",
        r"^(?:lbf )?(?:bevillings|pulje|stotte|tilskuds|finansierings)periode(?:n)?$",
        short=True,
        wording="Bevillingsperiode",
    ),
    Label("title_strategic", r"^strategisk samarbejdsaftale\b"),
    Label(
        "initiative",
        r"^navn pa (?:den )?boligsociale? indsats",
        long=True,
        wording="Navn på den boligsociale indsats",
    ),
    Label("initiative", r"^omradets navn\b", wording="Områdets navn"),
    # older templates and plans' own: »Projektets navn«, »Projektnavn«, »Helhedsplanens navn«
    Label("initiative", r"^(?:projektets navn|projektnavn|projekt)$", short=True, bare=False),
    # a form's short field name: »Indsats: …« (the indsatsområde is »Indsatsomr.«)
    Label("initiative", r"^(?:den boligsociale )?indsats(?:ens navn)?$", short=True, bare=False),
    Label(
        "initiative",
        r"^(?:(?:den )?boligsociale? )?helhedsplan(?:ens navn)?$",
        short=True,
        apart_only=True,
    ),
    # »Helhedsplan: …« written as a field of its own
    Label("initiative", r"^helhedsplan(?:ens navn)?$", short=True, bare=False),
    Label(
        "period",
        r"^(?:del|samarbejds)?aftalen g\w*lder fra",
        long=True,
        wording="Aftalen gælder fra - til",
    ),
    Label(
        "period",
        r"^(?:aftale|gyldigheds|projekt|indsats)?perioden?$|^varighed$|^gyldighed$"
        r"|^(?:aftalen )?gaelder(?: fra)?(?: til)?$"
        r"|^(?:(?:del|samarbejds)?aftalens )?lobetid$",
        short=True,
    ),
    Label(
        "parties",
        r"^(?:del|samarbejds)?aftalens parter$",
        short=True,
        wording="Delaftalens parter",
        many=True,
    ),
    Label(
        "parties",
        r"^(?:parter(?:ne)?(?: (?:i|bag) (?:del|samarbejds)?aftalen)?|aftaleparter(?:ne)?"
        r"|samarbejdspartnere)$",
        short=True,
    ),
    Label("signatures", r"^underskrifter\b", wording="Underskrifter"),
    Label("documents", r"^aftaledokumenter\b", short=True),
    Label("goals", r"^delmal og indikatorer for indsatsomra"),
    Label("goals", r"^(?:del)?mal og indikatorer$", short=True),
    # older templates: »Målsætninger og succeskriterier«
    Label("goals", r"^(?:malsetninger|delmal|mal) og succes ?kriterier$", short=True),
    Label("goals", r"^(?:\d+ )?overordnede mal og indikatorer"),
    Label("activity_list", r"^aktiviteter som skal bidrage til indfrielsen", long=True),
    Label("activity_list", r"^aktiviteter(?:ne)?$", short=True, apart_only=True),
    # the heading above the activity sheets ("Skema til beskrivelse af aktiviteter",
    # "Bilag 2: Skemaer for aktiviteterne"): the sheets' own part
    Label(
        "activity_list",
        r"^(?:bilag(?: \w{1,3})? )?skema(?:er|erne)? (?:til|for|over) (?:beskrivelse af )?"
        r"(?:de |hver )?aktivitet",
        apart_only=True,
    ),
    # a heading above the activity sheets in plans' own words (»Aktivitetsbeskrivelser«,
    # »Beskrivelse af aktiviteterne«, »Projektbeskrivelser«)
    Label(
        "activity_list",
        r"^(?:aktivitets|projekt)beskrivelser(?:ne)?$|^beskrivelser? af (?:de enkelte )?aktivitet",
        short=True,
        apart_only=True,
    ),
    # »Aktivitetsskema(er)« alone, a heading over the sheets (each named by the line after it)
    Label("activity_list", r"^aktivitetsskema(?:er|erne)?$", short=True, apart_only=True),
    Label(
        "staff",
        r"^medarb(?:ejder)? ?ressourcer\b",
        long=True,
        wording="Medarbejderressourcer for indsatsområdet",
        many=True,
    ),
    Label(
        "staff",
        r"^(?:personaleressourcer|bemanding|medarbejdere|personale)$",
        short=True,
        many=True,
        apart_only=True,
    ),
    Label(
        "municipal",
        r"^sammenh\w* med den (?:\w+ ){0,6}indsats i boligomr",
        long=True,
        wording="Sammenhæng med den kommunale indsats i boligområdet",
    ),
    Label(
        "municipal",
        r"^sammenh\w* (?:med|m) (?:den )?kommun\w*(?: \w+){0,4}$",
        short=True,
        apart_only=True,
    ),
    Label(
        "revision",
        r"^(?:\d+ )?revision af (?:den strategiske )?(?:del|samarbejds)?aftalen",
        long=True,
        wording="Revision af delaftalen",
    ),
    Label("revision", r"^revision$", short=True, apart_only=True),
    Label("area", r"^(?:\d+ )?kort om boligomra", short=True),
    Label("area", r"^(?:\d+ )?(?:helhedsplanens )?boligomrader(?: og afdelinger)?$", short=True),
    Label("vision", r"^(?:\d+ )?vision(?: for boligomr\w*)?$", short=True),
    Label("organisation", r"^(?:\d+ )?organisering$", short=True),
    Label("interplay", r"^(?:\d+ )?samspil med\b", short=True),
    Label("focus_areas", r"^(?:\d+ )?indsatsomrader$", short=True),
    Label("local_evaluation", r"^(?:\d+ )?lokal evaluering$", short=True),
    # format 2: the forandringsteori of the indsatsområde (a heading, or a bold line)
    Label(
        "theory",
        r"^(?:\d+ )?forandringsteori(?:en)?(?: for (?:indsatsomr\w*|delaftalen))?$",
        short=True,
    ),
)
SHEET_LABELS = (
    Label("name", r"^aktivit\w* ?navn$", short=True, wording="Aktivitetsnavn"),
    Label("name", r"^(?:navn pa )?aktivitet(?:en)?(?: nr)?(?: \d+)?$|^akt$", short=True),
    Label("purpose", r"^formal(?:et)?$", short=True, wording="Formål"),
    Label(
        "goals",
        r"^(?:aktivitetens )?delmal(?: for aktivitet\w*)?$",
        short=True,
        wording="Aktivitetens delmål",
        many=True,
    ),
    Label(
        "process_goals",
        r"^(?:aktivitetens )?procesmal(?:ene)?(?: for aktivitet\w*)?$",
        short=True,
        wording="Procesmål",
        many=True,
    ),
    # »Målgr.« and the other short forms (»Akt.«, »Ansv.«) as a form's narrow cells have them
    Label("target_groups", r"^malgr(?:uppe(?: ?r)?)?$", short=True, wording="Målgruppe(r)"),
    Label("content", r"^indhold og praksis$", short=True, wording="Indhold og praksis"),
    Label("content", r"^indhold$", short=True),
    Label(
        "responsibilities",
        r"^ansvars og rollefordeling$|^ansvar\w*(?: og roll\w*)?$|^roll\w*fordeling$|^ansv$",
        short=True,
        wording="Ansvars- og rollefordeling",
    ),
    # The same fields as plans write them in sheets of their own making (»Beskrivelse: …«).
    Label(
        "purpose",
        r"^(?:aktivitetens )?formal(?:et)?(?: med aktivitet\w*)?$|^(?:aktivitetens )?malsetning(?:en)?$",
        short=True,
        bare=False,
    ),
    Label(
        "goals",
        r"^succes ?(?:kriteri\w*|mal)$|^(?:aktivitetens )?mal(?: for aktivitet\w*)?$",
        short=True,
        many=True,
        bare=False,
    ),
    Label("target_groups", r"^(?:aktivitetens )?malgrupper?(?:n|ne)?$", short=True, bare=False),
    Label(
        "content",
        r"^(?:kort )?beskrivelse(?: af aktivitet\w*)?$|^aktivitets ?beskrivelse$"
        r"|^(?:aktivitetens )?indhold(?: og (?:metode|aktiviteter))?$",
        short=True,
        bare=False,
    ),
    Label("responsibilities", r"^roller og ansvar\w*$|^tovholdere?$", short=True, bare=False),
)
ALL_LABELS = TOP_LABELS + SHEET_LABELS

_NUMBERING = re.compile(r"^(?:\d{1,2}(?: \d{1,2})* )")
# a section number typed by hand: »5«, »4.1«, »B.2«, »3)« (a Word list's number as read),
# and in roman numerals »II.«, »V.1«
# (a roman number only with its dot: a bare »I« is the pronoun)
SECTION_NUMBER = re.compile(
    r"^(?:(?:[A-H]\.)?\d{1,2}(?:\.\d{1,2}){0,3}[.)]?|[IVX]{1,4}\.(?:\d{1,2}\.?){0,3})\s+(?=[A-ZÆØÅ])"
)


def match_label(
    text: str, labels: tuple[Label, ...], *, set_apart: bool = False
) -> tuple[Label, str] | None:
    """The label a text starts with, and the text after it (after the label's colon).

    `set_apart`: the text looks like a label (heading, bold, label cell, shaded row); it may
    then differ from the template's wording by a typo.
    """
    text = text.strip()
    set_apart = set_apart or _apart_by_itself(text)
    if set_apart or ":" in text[:250]:
        # a heading numbered by hand: "5 Aktiviteter", "4.1 Delmål 1: …", "B.2 Formål"; or a
        # numbered label with its answer on its line (»1. Navn på …: Tryg i Bakkely«)
        text = SECTION_NUMBER.sub("", text, count=1) or text
    head, colon, rest = text.partition(":")
    if not text or len(text) > 400 and not (colon and len(head) < 200):
        return None  # a long text is a label only as "Label: its text" (one cell, one line)
    folded_head = label_fold(head)
    folded = label_fold(text[:400])
    for label in labels:
        if label.apart_only and not set_apart:
            continue
        if label.short:
            if not (label.bare or set_apart or colon and text[:1].isupper()):
                continue
            if re.match(label.pattern, folded_head) and (colon or len(folded_head) == len(folded)):
                return label, rest.strip() if colon else ""
            continue
        if re.match(label.pattern, folded):
            if colon and len(head) < 200:
                return label, rest.strip()
            return label, ""
    if (set_apart or colon) and len(folded_head) < 80:
        lenient = _lenient(folded_head, labels)
        if lenient is not None and (colon or set_apart and len(folded_head) == len(folded)):
            return lenient, rest.strip() if colon else ""
    return None


def _apart_by_itself(text: str) -> bool:
    """A line that is a heading by its own words where its look is lost (a scan, pasted
    text): written in capitals (»DELAFTALE – KRIMINALITETSFOREBYGGELSE«), or numbered by hand
    as a part of a few words (»6. Aktivitetsskemaer«)."""
    if len(text) > 120 or text.endswith((".", ",", ";")):
        return False
    letters = [c for c in text if c.isalpha()]
    if len(letters) >= 6 and all(c.isupper() for c in letters):
        return True
    number = SECTION_NUMBER.match(text)
    return number is not None and len(text[number.end() :].split()) <= 6


def _lenient(folded_head: str, labels: tuple[Label, ...]) -> Label | None:
    """The label whose wording the text is, give or take a typo or a dropped word."""
    head = _NUMBERING.sub("", folded_head)
    if len(head) < 4:
        return None
    best, best_score = None, 0.0
    for label in labels:
        if not label.wording:
            continue
        wording = label_fold(label.wording)
        score = fuzz.ratio(head, wording)
        if len(head) >= 20 and len(head) < len(wording):
            # the label cut short ("Medarbejderressourcer for indsatsom…" → a prefix)
            score = max(score, fuzz.ratio(head, wording[: len(head)]) - 5)
        if score > best_score:
            best, best_score = label, score
    return best if best_score >= 86 else None


def label_name(text: str, labels: tuple[Label, ...] = ALL_LABELS, **kwargs: bool) -> str | None:
    found = match_label(text, labels, **kwargs)
    return found[0].name if found else None
