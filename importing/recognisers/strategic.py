"""Parts only the strategic agreement has: housing areas with departments, focus areas."""

from __future__ import annotations

import re

from importing.recognisers.areas import area_at_start
from importing.recognisers.labels import fold
from importing.recognisers.units import Section, Unit, long_text, strip_marker
from plans.interchange import Department, FocusAreaSection, HousingArea

_AREA = re.compile(r"^(?P<name>[^()]+?)\s*\((?P<inside>[^()]*\bafd[^()]*)\)")
_DEPARTMENTS = re.compile(
    r"afd(?:eling(?:erne|er)?|\.)?\s+(?P<numbers>[\dA-Za-z]+(?:\s*(?:,|og|&)\s*\d+[a-z]?)*)"
    r"(?:\s+(?:i|under|hos)\s+(?P<org>[^,()]+?))?(?=\s+og\s+afd|\s*[,;)]|$)",
    re.IGNORECASE,
)


def read_housing_areas(section: Section) -> list[HousingArea]:
    areas: list[HousingArea] = []
    for unit in section.units:
        text = strip_marker(unit.text)
        match = _AREA.match(text)
        if not match:
            continue
        departments = []
        for dep in _DEPARTMENTS.finditer(match["inside"]):
            org = dep["org"].strip() if dep["org"] else None
            for number in re.findall(r"\d+[a-z]?", dep["numbers"]):
                departments.append(Department(number=number, organisation=org))
        if departments:
            areas.append(HousingArea(name=match["name"].strip(" -–:"), departments=departments))
    return areas


def read_focus_areas(section: Section, areas: tuple[str, ...]) -> list[FocusAreaSection]:
    result: list[FocusAreaSection] = []
    current: FocusAreaSection | None = None
    body: list[Unit] = []

    def close() -> None:
        if current is not None:
            current.problem_complex = long_text(body)
            result.append(current)

    for unit in section.units:
        folded = fold(unit.text)
        name = None
        if unit.kind == "line" and len(folded) < 90:
            name = area_at_start(unit.text, areas)
        if name:
            close()
            current, body = FocusAreaSection(name=name), []
            continue
        if current is None:
            continue
        if re.match(r"^problemkompleks(?:et)? for indsatsomr", folded) and len(folded) < 60:
            continue
        body.append(unit)
    close()
    return result
