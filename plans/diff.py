"""A readable Danish diff between two versions of an agreement, in the interchange format.

Computed from two snapshots, never stored. Goals, indicators, activities and staff are
paired by their text (exact first, then the most similar), so a reworded delmål shows as
changed, not as one removed and one added. A baseline's or comparator's scope kind (format 2's
`scope_kind`) is part of the figure: a person's correction of it shows in Danish.
"""

from __future__ import annotations

from dataclasses import dataclass
from decimal import Decimal
from typing import Any

from rapidfuzz import fuzz

from lib.danish import format_number
from lib.text import fold
from plans.models import Direction, ScopeKind, Unit

SCALARS = [
    ("title", "Titel"),
    ("initiative", "Navn på indsatsen"),
    ("focus_area", "Indsatsområde"),
    ("vision", "Vision"),
    ("organisation", "Organisering"),
    ("local_evaluation", "Lokal evaluering"),
    ("municipal_coherence", "Sammenhæng med den kommunale indsats"),
    ("revision", "Revision"),
]
INDICATOR_FIELDS = [
    ("baseline_year", "baseline år"),
    ("data_source", "datakilde"),
    ("unit", "enhed"),
    ("direction", "retning"),
]
ACTIVITY_FIELDS = [
    ("purpose", "formål"),
    ("target_groups", "målgruppe(r)"),
    ("content", "indhold og praksis"),
    ("responsibilities", "ansvars- og rollefordeling"),
    ("goals", "egne mål"),
]
STAFF_FIELDS = [
    ("role", "rolle"),
    ("share_percent", "andel af stilling"),
    ("hours_per_year", "timer om året"),
]


@dataclass(frozen=True)
class Change:
    kind: str  # "added", "removed" or "changed"
    what: str  # a Danish label: "Delmål", "Indikator", "Baseline", ...
    old: str | None = None
    new: str | None = None

    def __str__(self) -> str:
        if self.kind == "added":
            return f"{self.what} tilføjet: »{self.new}«"
        if self.kind == "removed":
            return f"{self.what} fjernet: »{self.old}«"
        return f"{self.what} ændret fra »{self.old}« til »{self.new}«"


# The Danish words of the choices an indicator states (unit, direction), from their TextChoices.
CHOICE_LABELS = {str(v): str(label) for c in (Unit, Direction) for v, label in c.choices}
SCOPE_KIND_LABELS = {str(v): str(label) for v, label in ScopeKind.choices}


def _text(value: Any) -> str:
    if value is None:
        return ""
    if isinstance(value, str) and value in CHOICE_LABELS:
        return CHOICE_LABELS[value]
    if isinstance(value, list):
        return "; ".join(_text(v) for v in value)
    if isinstance(value, dict):
        return value.get("text") or value.get("name") or ""
    if isinstance(value, (float, Decimal)):
        # a figure read from a document comes as a float (300.0), the saved one as a whole
        # number (370): written alike, with a Danish decimal comma when it has decimals
        return format_number(value).replace(".", "")
    return str(value)


def _short(value: Any, limit: int = 160) -> str:
    text = " ".join(_text(value).split())
    return text if len(text) <= limit else text[: limit - 1] + "…"


CONTEXT_WORDS = 6  # words kept on each side of a change in a long text


def _short_pair(old: Any, new: Any, limit: int = 160) -> tuple[str, str]:
    """Both sides of a changed text, short enough to read: a long text whose change lies past
    the cut (a sentence added to a vision) is shown around the words that differ, with
    »…« for what is the same, so the board sees what changed instead of the same opening
    twice. Short texts are shown whole."""
    a, b = " ".join(_text(old).split()), " ".join(_text(new).split())
    if len(a) <= limit and len(b) <= limit:
        return a, b
    aw, bw = a.split(" "), b.split(" ")
    head = 0
    while head < min(len(aw), len(bw)) and aw[head] == bw[head]:
        head += 1
    tail = 0
    while tail < min(len(aw), len(bw)) - head and aw[len(aw) - 1 - tail] == bw[len(bw) - 1 - tail]:
        tail += 1
    start = max(0, head - CONTEXT_WORDS)

    def cut(words: list[str]) -> str:
        end = min(len(words), len(words) - tail + CONTEXT_WORDS)
        text = " ".join(words[start:end])
        return (
            ("… " if start > 0 else "")
            + _short(text, limit)
            + (" …" if end < len(words) and len(text) <= limit else "")
        )

    return cut(aw), cut(bw)


def _shared_indicator(old: dict[str, Any], new: dict[str, Any]) -> bool:
    texts = {fold(i.get("text")) for i in old.get("indicators") or []}
    return any(fold(i.get("text")) in texts for i in new.get("indicators") or [])


def _pair(
    old: list[Any],
    new: list[Any],
    key: str,
    related: Any = None,
) -> tuple[list[tuple[Any, Any]], list[Any], list[Any]]:
    """Pair items by exact text, then by similarity ≥ 60, then by `related` (e.g. a reworded
    delmål that kept its indicators); returns pairs, removed, added."""
    free_new = list(new)
    pairs, removed = [], []
    unmatched = []
    for item in old:
        hit = next((n for n in free_new if fold(n.get(key)) == fold(item.get(key))), None)
        if hit is None:
            unmatched.append(item)
        else:
            free_new.remove(hit)
            pairs.append((item, hit))
    for item in unmatched:
        scored = [(fuzz.ratio(fold(item.get(key)), fold(n.get(key))), n) for n in free_new]
        best = max(scored, key=lambda s: s[0], default=(0, None))
        if best[1] is not None and best[0] >= 60:
            free_new.remove(best[1])
            pairs.append((item, best[1]))
            continue
        kin = next((n for n in free_new if related is not None and related(item, n)), None)
        if kin is not None:
            free_new.remove(kin)
            pairs.append((item, kin))
        else:
            removed.append(item)
    return pairs, removed, free_new


def _strings(old: list[str], new: list[str], what: str) -> list[Change]:
    changes = [Change("removed", what, old=s) for s in old if s not in new]
    changes += [Change("added", what, new=s) for s in new if s not in old]
    return changes


def _activity_names(
    old: list[str], new: list[str], renamed_sheets: set[tuple[str, str]]
) -> list[Change]:
    """The list of activities: a renamed activity is one change, not one removed and one
    added. Renamed when its sheet is the same one renamed (then the sheet's »Aktivitetsnavn
    ændret« says it), or when the old and the new name stand in the same place of the list."""
    removed = [name for name in old if name not in new]
    added = [name for name in new if name not in old]
    changes: list[Change] = []
    for was, now in sorted(renamed_sheets):
        if was in removed and now in added:
            removed.remove(was)
            added.remove(now)
    for was in list(removed):
        place = old.index(was)
        there = new[place] if place < len(new) else None
        if there is not None and there in added:
            removed.remove(was)
            added.remove(there)
            changes.append(Change("changed", "Aktivitet i listen", was, there))
    changes += [Change("removed", "Aktivitet i listen", old=name) for name in removed]
    changes += [Change("added", "Aktivitet i listen", new=name) for name in added]
    return changes


def _measures(
    old: list[dict[str, Any]], new: list[dict[str, Any]], what: str, where: str
) -> list[Change]:
    def label(m: dict[str, Any]) -> str:
        return f"{m['scope']}: {m['text']}" if m.get("scope") else m["text"]

    old_labels, new_labels = [label(m) for m in old], [label(m) for m in new]
    by_scope_old = {m.get("scope"): label(m) for m in old}
    by_scope_new = {m.get("scope"): label(m) for m in new}
    changes = []
    for scope, text in by_scope_old.items():
        if (
            scope in by_scope_new
            and by_scope_new[scope] != text
            and list(by_scope_old).count(scope) == 1
        ):
            changes.append(
                Change("changed", f"{what} ({where})", old=text, new=by_scope_new[scope])
            )
            old_labels.remove(text)
            new_labels.remove(by_scope_new[scope])
    return (
        changes
        + _strings(old_labels, new_labels, f"{what} ({where})")
        + _scope_kinds(old, new, what, where)
    )


def _scope_kind_text(kind: str | None) -> str:
    return SCOPE_KIND_LABELS.get(kind or "", kind or "ikke angivet")


def _scope_kinds(
    old: list[dict[str, Any]], new: list[dict[str, Any]], what: str, where: str
) -> list[Change]:
    """A figure of the same scope (and year) whose scope kind changed. A document that does
    not state the kind (Word, PDF) keeps the one recorded, and a snapshot from before format 2
    has none: no kind on either side is no change."""

    def key(m: dict[str, Any]) -> tuple[str, Any]:
        return (fold(m.get("scope")), m.get("year"))

    old_kinds = {key(m): m.get("scope_kind") for m in old}
    changes = []
    for m in new:
        k = key(m)
        new_kind = m.get("scope_kind")
        if k not in old_kinds or None in (new_kind, old_kinds[k]) or old_kinds[k] == new_kind:
            continue
        scope = m.get("scope") or m.get("text") or ""
        changes.append(
            Change(
                "changed",
                f"Omfangstype for {what.lower()} »{scope}« ({where})",
                old=_scope_kind_text(old_kinds[k]),
                new=_scope_kind_text(new_kind),
            )
        )
    return changes


def agreement_diff(old: dict[str, Any], new: dict[str, Any]) -> list[Change]:
    """What changed from `old` to `new` (both interchange dicts), in document order."""
    changes: list[Change] = []
    for key, label in SCALARS:
        if _text(old.get(key)).strip() != _text(new.get(key)).strip():
            changes.append(_changed(label, old.get(key), new.get(key)))
    old_period, new_period = old.get("period") or {}, new.get("period") or {}
    for end, label in (("start", "Periodens start"), ("end", "Periodens slut")):
        if old_period.get(end) != new_period.get(end):
            changes.append(
                _changed(label, _date_text(old_period.get(end)), _date_text(new_period.get(end)))
            )
    changes += _strings(old.get("parties") or [], new.get("parties") or [], "Part")
    changes += _party_links(old, new)

    goal_pairs, removed, added = _pair(
        old.get("goals") or [], new.get("goals") or [], "text", _shared_indicator
    )
    changes += [Change("removed", "Delmål", old=_short(g)) for g in removed]
    changes += [Change("added", "Delmål", new=_short(g)) for g in added]
    for old_goal, new_goal in goal_pairs:
        if old_goal["text"] != new_goal["text"]:
            changes.append(Change("changed", "Delmål", *_short_pair(old_goal, new_goal)))
        ind_pairs, ind_removed, ind_added = _pair(
            old_goal.get("indicators") or [], new_goal.get("indicators") or [], "text"
        )
        changes += [Change("removed", "Indikator", old=_short(i)) for i in ind_removed]
        changes += [Change("added", "Indikator", new=_short(i)) for i in ind_added]
        for old_ind, new_ind in ind_pairs:
            name = _short(new_ind, 60)
            if old_ind["text"] != new_ind["text"]:
                changes.append(Change("changed", "Indikator", *_short_pair(old_ind, new_ind)))
            for key, label in INDICATOR_FIELDS:
                if key in ("unit", "direction") and new_ind.get(key) is None:
                    continue  # a Word or PDF document does not state them; they are kept
                if old_ind.get(key) != new_ind.get(key):
                    changes.append(
                        _changed(
                            f"Indikatorens {label} ({name})", old_ind.get(key), new_ind.get(key)
                        )
                    )
            changes += _measures(
                old_ind.get("baselines") or [], new_ind.get("baselines") or [], "Baseline", name
            )
            changes += _measures(
                old_ind.get("comparators") or [],
                new_ind.get("comparators") or [],
                "Anden baseline",
                name,
            )

    act_pairs, act_removed, act_added = _pair(
        old.get("activities") or [], new.get("activities") or [], "name"
    )
    # a sheet renamed beyond recognition is still the one in the same place of the sheets
    old_sheets, new_sheets = old.get("activities") or [], new.get("activities") or []
    # … unless either is an activity of its own by name: an activity still listed that the
    # document gives no sheet, or a sheet of another activity the agreement already lists
    old_names = {fold(n) for n in old.get("activity_names") or []}
    new_names = {fold(n) for n in new.get("activity_names") or []}
    for was in list(act_removed):
        if fold(was.get("name")) in new_names:
            continue
        place = old_sheets.index(was)
        now = new_sheets[place] if place < len(new_sheets) else None
        if now is not None and fold(now.get("name")) in old_names:
            continue
        if now is not None and any(now is a for a in act_added):
            act_removed.remove(was)
            act_added = [a for a in act_added if a is not now]
            act_pairs.append((was, now))
    changes += _activity_names(
        old.get("activity_names") or [],
        new.get("activity_names") or [],
        {(o["name"], n["name"]) for o, n in act_pairs if o["name"] != n["name"]},
    )
    changes += [Change("removed", "Aktivitetsskema", old=_short(a)) for a in act_removed]
    changes += [Change("added", "Aktivitetsskema", new=_short(a)) for a in act_added]
    for old_act, new_act in act_pairs:
        if old_act["name"] != new_act["name"]:
            changes.append(Change("changed", "Aktivitetsnavn", old_act["name"], new_act["name"]))
        for key, label in ACTIVITY_FIELDS:
            if _text(old_act.get(key)) != _text(new_act.get(key)):
                changes.append(
                    _changed(
                        f"Aktivitetens {label} ({_short(new_act, 60)})",
                        old_act.get(key),
                        new_act.get(key),
                    )
                )

    for old_act, new_act in act_pairs:
        changes += _process_goals(old_act, new_act)
    reworded = {o["text"]: n["text"] for o, n in goal_pairs}
    changes += _activity_goals(old, new, act_pairs, reworded)
    changes += _theory(old.get("theory_of_change"), new.get("theory_of_change"), "")
    old_theories = {s["name"]: s.get("theory_of_change") for s in old.get("focus_areas") or []}
    new_theories = {s["name"]: s.get("theory_of_change") for s in new.get("focus_areas") or []}
    for name in sorted(set(old_theories) & set(new_theories)):
        changes += _theory(old_theories[name], new_theories[name], f" ({name})")

    staff_pairs, staff_removed, staff_added = _pair(
        old.get("staff") or [], new.get("staff") or [], "text"
    )
    changes += [Change("removed", "Medarbejderressource", old=_short(s)) for s in staff_removed]
    changes += [Change("added", "Medarbejderressource", new=_short(s)) for s in staff_added]
    for old_staff, new_staff in staff_pairs:
        if old_staff["text"] != new_staff["text"]:
            changes.append(
                Change("changed", "Medarbejderressource", old_staff["text"], new_staff["text"])
            )
        for key, label in STAFF_FIELDS:
            if old_staff.get(key) != new_staff.get(key):
                changes.append(
                    _changed(
                        f"Medarbejderressourcens {label} ({_short(new_staff, 60)})",
                        old_staff.get(key),
                        new_staff.get(key),
                    )
                )

    old_areas = {
        a["name"]: [d["number"] for d in a.get("departments") or []]
        for a in old.get("housing_areas") or []
    }
    new_areas = {
        a["name"]: [d["number"] for d in a.get("departments") or []]
        for a in new.get("housing_areas") or []
    }
    changes += _strings(list(old_areas), list(new_areas), "Boligområde")
    for name in set(old_areas) & set(new_areas):
        changes += _strings(old_areas[name], new_areas[name], f"Afdeling i {name}")
    old_sections = {s["name"]: s.get("problem_complex") for s in old.get("focus_areas") or []}
    new_sections = {s["name"]: s.get("problem_complex") for s in new.get("focus_areas") or []}
    changes += _strings(list(old_sections), list(new_sections), "Indsatsområde")
    for name in set(old_sections) & set(new_sections):
        if _text(old_sections[name]) != _text(new_sections[name]):
            changes.append(
                _changed(f"Problemkompleks ({name})", old_sections[name], new_sections[name])
            )
    return changes


HORIZONS = {"output": "output", "short": "kort sigt", "medium": "mellemlang sigt",
            "long": "lang sigt"}  # fmt: skip


def _result_text(result: dict[str, Any]) -> str:
    horizon = HORIZONS.get(result.get("horizon") or "", result.get("horizon") or "")
    indicators = "; ".join(result.get("indicators") or [])
    text = f"{horizon}: {result.get('text') or ''}"
    return f"{text} (måles ved: {indicators})" if indicators else text


def _theory(old: Any, new: Any, where: str) -> list[Change]:
    """A forandringsteori's changes (evaluation, format 2): what it starts from, its results
    with the indicators that measure them, its assumptions, when it was last reviewed. A new
    side without one is a document that does not state it (saving keeps the plan's), as with
    a unit or direction, and is no change."""
    if not new:
        return []
    old = old or {}
    what = f"Forandringsteori{where}"
    changes = _strings(
        old.get("activities") or [], new.get("activities") or [], f"{what}: aktivitet"
    )
    changes += _strings(
        [_result_text(r) for r in old.get("results") or []],
        [_result_text(r) for r in new.get("results") or []],
        f"{what}: resultat",
    )
    changes += _strings(
        old.get("assumptions") or [], new.get("assumptions") or [], f"{what}: forudsætning"
    )
    if (old.get("reviewed") or None) != (new.get("reviewed") or None):
        changes.append(
            _changed(f"{what}: senest gennemgået", old.get("reviewed"), new.get("reviewed"))
        )
    return changes


PER = {"year": "år", "quarter": "kvartal", "month": "måned", "period": "periode"}


def _process_goal_text(goal: dict[str, Any]) -> str:
    parts = [goal.get("text") or ""]
    if goal.get("target") is not None:
        per = PER.get(goal.get("per") or "period", goal.get("per") or "periode")
        parts.append(f"mål {_text(goal.get('target'))} pr. {per}")
    if goal.get("condition"):
        parts.append(f"betingelse: {goal['condition']}")
    return " · ".join(p for p in parts if p)


def _process_goals(old_act: dict[str, Any], new_act: dict[str, Any]) -> list[Change]:
    if not new_act.get("process_goals"):
        return []  # not stated by the document: saving keeps the activity's own
    return _strings(
        [_process_goal_text(g) for g in old_act.get("process_goals") or []],
        [_process_goal_text(g) for g in new_act.get("process_goals") or []],
        f"Procesmål ({_short(new_act, 60)})",
    )


def _date_text(value: Any) -> Any:
    """An ISO date of a snapshot as the pages write dates (»1. januar 2023«)."""
    import datetime as dt

    from lib.danish import format_date

    if isinstance(value, str):
        try:
            return format_date(dt.date.fromisoformat(value))
        except ValueError:
            return value
    if isinstance(value, dt.date):
        return format_date(value)
    return value


def _changed(what: str, old: Any, new: Any) -> Change:
    if old in (None, "", []):
        return Change("added", what, new=_short(new))
    if new in (None, "", []):
        return Change("removed", what, old=_short(old))
    return Change("changed", what, *_short_pair(old, new))


def _party_links(old: dict[str, Any], new: dict[str, Any]) -> list[Change]:
    """The plan organisation a party of both versions is linked to (`party_links`, beside
    `parties`: a version keeps them, plans.revisions; the import review says what saving would
    link, importing.saving). A version from before they were kept says nothing: no change."""
    if "party_links" not in old or "party_links" not in new:
        return []

    def links(data: dict[str, Any]) -> list[tuple[str, str]]:
        organisations = list(data.get("party_links") or [])
        return [
            (party, (organisations[i] if i < len(organisations) else None) or "")
            for i, party in enumerate(data.get("parties") or [])
        ]

    was = {fold(party): organisation for party, organisation in links(old)}
    changes = []
    for party, organisation in links(new):
        before = was.get(fold(party))
        if before is not None and fold(before) != fold(organisation):
            changes.append(
                Change(
                    "changed",
                    f"Partens organisation ({party})",
                    before or "ingen",
                    organisation or "ingen",
                )
            )
    return changes


def _activity_goals(
    old: dict[str, Any],
    new: dict[str, Any],
    pairs: list[tuple[dict[str, Any], dict[str, Any]]],
    reworded: dict[str, str],
) -> list[Change]:
    """The delmål an activity serves (the snapshot's `activity_goals`, plans.revisions), by
    the activity's name now (a renamed sheet is the same activity) and each delmål's text now
    (`reworded`: a reworded delmål is the same delmål, its change said once, as »Delmål«).
    A snapshot from before the links were kept says nothing about them: no change."""
    if "activity_goals" not in old or "activity_goals" not in new:
        return []
    renamed = {o["name"]: n["name"] for o, n in pairs}
    was = {
        renamed.get(a["name"], a["name"]): [reworded.get(g, g) for g in a["goals"]]
        for a in old["activity_goals"]
    }
    now = {a["name"]: a["goals"] for a in new["activity_goals"]}
    changes = []
    for name in sorted(set(was) | set(now)):
        before, after = was.get(name, []), now.get(name, [])
        if [fold(g) for g in before] != [fold(g) for g in after]:
            changes.append(
                Change(
                    "changed",
                    f"Delmål, aktiviteten »{name}« bidrager til",
                    "; ".join(before) or "ingen",
                    "; ".join(after) or "ingen",
                )
            )
    return changes
