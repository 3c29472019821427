"""Which of the plan's organisations a party names: the one rule of party → organisation.

Agreements write their parties in many ways: »Åbyhavn Kommune«, »Åbyhavn Kommune,
Jobcentret«, and very often as the template's signature lines do, »Titel Navn, Organisation«
(»Driftschef Lone Vestergaard, Boligselskabet Bakkely«). A party names an organisation when,
in any case and spacing (`lib.text.fold`), it is the organisation's name, contains it as whole
words, or is the start of it (»Boligselskabet« for »Boligselskabet Bakkely«). Of several, the
longest name wins (»Åbyhavn Kommune, Jobcentret« over »Åbyhavn Kommune«).

Saving a party (`plans.services.organisation_get_or_create`, through `organisation_for`),
the import's »another plan« check (`importing.consistency`), the import review's preselected
organisation and its list of changes (`importing.saving.party_links`) all ask here.
Pure: no database.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Iterable
from typing import TypeVar

from lib.text import fold

T = TypeVar("T")


def names_organisation(party: str | None, organisation: str | None) -> bool:
    """Whether the party as written names the organisation (see the module's rule)."""
    folded_party, folded_org = fold(party), fold(organisation)
    if not folded_party or not folded_org:
        return False
    if folded_party == folded_org or folded_org.startswith(folded_party + " "):
        return True
    return f" {folded_org} " in f" {folded_party} "


def organisation_named(
    party: str | None, organisations: Iterable[T], *, name: Callable[[T], str] | None = None
) -> T | None:
    """The organisation (of `organisations`, named by `name`, else `.name`) the party names;
    None when it names none. Equal names first, then the longest one contained."""
    name_of = name or (lambda o: str(getattr(o, "name", o)))
    candidates = [o for o in organisations if names_organisation(party, name_of(o))]
    if not candidates:
        return None
    folded = fold(party)
    exact = [o for o in candidates if fold(name_of(o)) == folded]
    if exact:
        return exact[0]
    return max(candidates, key=lambda o: len(fold(name_of(o))))


def organisation_for(
    party: str,
    organisations: Iterable[T],
    *,
    chosen: str | None = None,
    name: Callable[[T], str] | None = None,
) -> T | None:
    """The organisation (of the plan's `organisations`) saving links the party to: the one
    chosen for it (`chosen`, by name: the import review's choice, or the link the party had)
    when the plan has it, else the one the party names, else the one its organisation part
    names (`organisation_part`). None: saving makes a new one, named `organisation_part`."""
    name_of = name or (lambda o: str(getattr(o, "name", o)))
    candidates = list(organisations)
    if chosen:
        picked = next((o for o in candidates if name_of(o) == chosen), None)
        if picked is not None:
            return picked
    found = organisation_named(party, candidates, name=name_of)
    if found is None:
        found = organisation_named(organisation_part(party), candidates, name=name_of)
    return found


# »Boligselskabet Bakkely (tovholder)«: the party's role in the agreement, not part of the
# organisation's name (a department in parentheses has a capital: »Åbyhavn Kommune (Kultur og
# Fritid)«)
_ROLE_NOTE = re.compile(r"\s*\((?:[a-zæøå][\wæøå-]*)(?:\s+[a-zæøå][\wæøå-]*){0,3}\)\s*$")


def organisation_part(party: str) -> str:
    """What to name a new organisation for a party that names none of the plan's: for
    »Klubleder Mads Tang, Fritidsklubben Stjernen« the organisation after the comma, for
    »Åbyhavn Kommune, Jobcentret« the one before it (the last part that reads as an
    organisation: a kommune, a police, a housing organisation, a club or association);
    else the party as written, less a note of its role in parentheses (»(tovholder)«)."""
    from plans.services import organisation_kind_for

    text = _ROLE_NOTE.sub("", party).strip() or party.strip()
    parts = [p.strip() for p in re.split(r"\s*,\s*", text) if p.strip()]
    if len(parts) < 2:
        return text
    for part in reversed(parts):
        if organisation_kind_for(part) != "other":
            return part
    return text
