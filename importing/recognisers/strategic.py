"""Parts only the strategic agreement has: housing areas with departments, focus areas."""

from __future__ import annotations

import re

from importing.recognisers.areas import area_at_start
from importing.recognisers.labels import label_fold
from importing.recognisers.units import Section, Unit, long_text, strip_marker
from plans.interchange import Department, FocusAreaSection, HousingArea

_AREA = re.compile(r"^(?P<name>[^()]+?)\s*\((?P<inside>[^()]*\bafd[^()]*)\)")
_DEPARTMENTS = re.compile(
    r"afd(?:eling(?:erne|er)?|\.)?\s+(?P<numbers>[\dA-Za-z]+(?:\s*(?:,|og|&)\s*\d+[a-z]?)*)"
    r"(?:\s+(?:i|under|hos)\s+(?P<org>[^,()]+?))?(?=\s+og\s+afd|\s*[,;)]|$)",
    re.IGNORECASE,
)


def _housing_table(rows: list[list[str]]) -> list[HousingArea]:
    """Boligområde | Afdelinger | Boligorganisation, columns known by their header words."""
    header = [label_fold(c) for c in rows[0]] if rows else []
    name = next((i for i, h in enumerate(header) if "omrade" in h or h == "navn"), None)
    numbers = next((i for i, h in enumerate(header) if h.startswith("afd")), None)
    org = next((i for i, h in enumerate(header) if "organisation" in h or "selskab" in h), None)
    if name is None or numbers is None:
        return []
    areas = []
    for row in rows[1:]:
        if max(name, numbers) >= len(row) or not row[name].strip():
            continue
        organisation = row[org].strip() if org is not None and org < len(row) else ""
        single = organisation if organisation and " og " not in organisation else None
        departments = [
            Department(number=number, organisation=single)
            for number in re.findall(r"\d+[a-z]?", row[numbers])
        ]
        areas.append(HousingArea(name=" ".join(row[name].split()), departments=departments))
    return areas


def read_housing_areas(section: Section) -> list[HousingArea]:
    areas: list[HousingArea] = []
    for unit in section.units:
        if unit.kind == "table" and unit.block:
            areas.extend(_housing_table(unit.block.rows))
            continue
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
        folded = label_fold(unit.text)
        name = None
        if unit.kind == "line" and len(folded) < 90:
            name = area_at_start(unit.text, areas)
        if name:
            close()
            current, body = FocusAreaSection(name=name), []
            continue
        if current is None:
            continue
        if re.match(r"^problemkompleks(?:et)?(?: for indsatsomr|$)", folded) and len(folded) < 60:
            continue  # the part's own label (»Problemkompleks«), not its text
        body.append(unit)
    close()
    return result
