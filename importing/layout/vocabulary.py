"""The template's own labels and headings, as the layout passes need them.

One list for every pass that must know the template's words: the page-furniture pass (a
label at the top of several pages is content, not a running header) and the reflow passes
(text flattened onto one line is split again before these labels; a hard-wrapped line is
never joined onto a label). The recognisers match the same labels on folded text; this
module is the place both can share.
"""

from __future__ import annotations

import re

from lib.text import label_fold

# The labels of LBF's delaftale and strategic-agreement templates, as they are written
# (with the template's own typos and drift), longest first where one starts another.
LABELS = (
    "Navn på den boligsociale indsats, som delaftalen vedrører",
    "Navn på den boligsociale indsats",
    "Områdets navn",
    "Aftalens parter",
    "Delaftalens parter",
    "Samarbejdsaftalens parter",
    "Delaftalen gælder fra - til",
    "Aftalen gælder fra - til",
    "Samarbejdsaftalen gælder fra - til",
    "Delmål og indikatorer for indsatsområdet",
    "Aktiviteter, som skal bidrage til indfrielsen af delmålene",
    "Medarbejderressourcer for indsatsområdet",
    "Medarbejderressourcer",
    "Sammenhæng med den kommunale indsats i boligområdet",
    "Revision af delaftalen",
    "Aktivitetsnavn",
    "Aktivitsnavn",
    "Formål",
    "Delmål for aktiviteten",
    "Målgruppe(r)",
    "Målgruppe",
    "Indhold og praksis",
    "Ansvars- og rollefordeling",
    "Underskrifter",
    # format 2
    "Bevillingsperiode",
    "Procesmål",
    "Forandringsteori for indsatsområdet",
)
# Column headings of the delmål table, in the template's order.
TABLE_HEADINGS = (
    "Delmål",
    "Indikator",
    "Baseline boligområde/ målgruppe",
    "Baseline",
    "Evt. anden baseline",
    "Baseline år",
    "Datakilde",
)

_FOLDED = tuple(
    sorted({label_fold(label) for label in LABELS + TABLE_HEADINGS}, key=len, reverse=True)
)
# A numbered section heading of the strategic agreement ("5. Overordnede mål og indikatorer")
NUMBERED_HEADING = re.compile(r"^\d{1,2}(?:\.\d{1,2})*\.?\s+[A-ZÆØÅ][a-zæøå]")


_FIRST = {label[0] for label in _FOLDED}
_STARTS = re.compile("^(?:" + "|".join(re.escape(label) for label in _FOLDED) + ")(?: |$)")


def starts_with_label(line: str) -> bool:
    """Whether a line begins with one of the template's labels (folded comparison)."""
    first = label_fold(line.lstrip(" #*")[:1])
    return first in _FIRST and bool(_STARTS.match(label_fold(line[:120])))


def label_pattern() -> re.Pattern[str]:
    """A pattern matching any label where a new line should start in flattened text."""
    words = sorted(LABELS + TABLE_HEADINGS, key=len, reverse=True)
    alternatives = "|".join(re.escape(w).replace(r"\ ", r"\s+") for w in words)
    return re.compile(rf"(?<![\wæøåÆØÅ])(?:{alternatives})(?![a-zæøå])")


def heading_words() -> frozenset[str]:
    """The folded words of the goal table's column headings and the parties table's."""
    extra = ("Part", "Underskriver", "Dato", "Datakilde (baseline år)")
    return frozenset(w for h in TABLE_HEADINGS + extra for w in label_fold(h).split())
