"""»Ny bevillingsperiode«: moving a plan from one funding period into the next (issue 11).

One service, `plan_move_to_period`, in one transaction: the plan's current agreements are
closed (they keep every row, read-only, `Agreement.closed_period`), and a new strategic
agreement and new delaftaler are proposed as drafts in the new period, carrying over what
still fits: parties, texts, the indsatsområder's problem complexes, delmål, indicators (each
continuing the old one, so its values run on as one series), activities and staff. Housing
areas and organisations belong to the plan and stay. The old period's indsatsområder are
mapped to the new period's (`propose_mapping` proposes by name and by the words of the areas'
purposes and LBF goals; the user confirms or changes it); what could not be carried over is
listed, in Danish, on the transition. Proposed baselines are the latest measured values,
dated, marked `Measure.proposed` until the koordinator confirms the baseline at the grant date
(`baseline_confirm`).
"""

from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass, field, replace
from decimal import Decimal
from typing import Any

from django.db import transaction
from django.db.models import QuerySet
from django.utils import timezone
from django.utils.translation import ngettext
from rapidfuzz import fuzz

from followup.models import Measurement
from lib.danish import format_date
from lib.errors import DomainError
from lib.text import fold
from plans import interchange as ix
from plans import services
from plans.loading import title_for_area
from plans.models import (
    Agreement,
    AgreementKind,
    AgreementStatus,
    FocusArea,
    FundingPeriod,
    Goal,
    HousingArea,
    Indicator,
    LbfIndicator,
    Measure,
    MeasureRole,
    PeriodTransition,
    Plan,
    ScopeKind,
)
from plans.revisions import agreement_version, audit, one_entry_for, working_copy
from plans.selectors import VersionIndicator, version_goals

# Below this score no area is proposed; the user can still choose one.
PROPOSAL_THRESHOLD = 40
# Words that say nothing about what an area is about.
STOPWORDS = frozenset(
    [
        "og",
        "i",
        "en",
        "et",
        "af",
        "at",
        "der",
        "den",
        "det",
        "de",
        "som",
        "så",
        "for",
        "med",
        "til",
        "på",
        "er",
        "flere",
        "bliver",
        "sig",
        "kan",
        "om",
        "ud",
        "deres",
        "samt",
        "mere",
        "mindre",
    ]
)


@dataclass
class AreaChoice:
    """An indsatsområde of the old period with a current delaftale, and where it goes."""

    old: FocusArea
    agreement: Agreement
    proposal: FocusArea | None
    score: int
    # Why it is proposed, in Danish (`area_reason`): »samme navn«, »fælles ord: …«.
    reason: str = ""


@dataclass
class MoveResult:
    transition: PeriodTransition
    strategic: Agreement
    subagreements: list[Agreement] = field(default_factory=list)
    not_carried: list[str] = field(default_factory=list)
    proposed_baselines: int = 0


# ---------------------------------------------------------------------------------------
# Reads


def periods_to_move_to(plan: Plan) -> list[FundingPeriod]:
    """Funding periods the plan may move into: later ones than its own (a plan moves on, never
    back), and none it has left."""
    left = PeriodTransition.objects.filter(plan=plan).values_list("from_period_id", flat=True)
    periods = FundingPeriod.objects.exclude(pk=plan.funding_period_id).exclude(pk__in=list(left))
    own_start = plan.funding_period.start
    if own_start is not None:
        periods = periods.filter(start__gt=own_start)
    return list(periods.order_by("-start", "-code"))


def _words(text: str) -> set[str]:
    return {w[:4] for w in fold(text).split() if len(w) >= 4 and w not in STOPWORDS}


def _area_text(area: FocusArea) -> str:
    goals = " ".join(g.text for g in area.lbf_goals.all())
    return f"{area.name} {' '.join(area.aliases or [])} {area.purpose} {goals}"


def area_similarity(old: FocusArea, new: FocusArea) -> int:
    """0-100: how alike two indsatsområder of different periods are.

    The best of the names' similarity (the new area's other spellings included) and the
    overlap of the words of name, purpose and LBF's goals (word stems of four letters).
    """
    names = [new.name, *(new.aliases or [])]
    by_name = max(fuzz.token_set_ratio(fold(old.name), fold(n)) for n in names)
    old_words, new_words = _words(_area_text(old)), _words(_area_text(new))
    overlap = 0
    if old_words and new_words:
        overlap = round(100 * len(old_words & new_words) / min(len(old_words), len(new_words)))
    return int(max(by_name, min(overlap * 2, 95)))


def area_reason(old: FocusArea, new: FocusArea) -> str:
    """What a proposal is based on, in the user's words: alike names, or the words the two
    areas' names, purposes and LBF goals have in common (as the new area writes them)."""
    names = [new.name, *(new.aliases or [])]
    if max(fuzz.token_set_ratio(fold(old.name), fold(n)) for n in names) >= 80:
        return "navnene ligner hinanden"
    old_stems = _words(_area_text(old))
    shown: dict[str, str] = {}
    for word in _area_text(new).split():
        clean = word.strip(".,;:!?()»«\"'").lower()
        folded = fold(clean)
        if len(folded) < 4 or folded in STOPWORDS:
            continue
        stem = folded[:4]
        if stem in old_stems and stem not in shown:
            shown[stem] = clean
    if not shown:
        return ""
    words = list(shown.values())
    more = " m.fl." if len(words) > 4 else ""
    return "fælles ord i navn og formål: " + ", ".join(words[:4]) + more


def _current_subagreements(plan: Plan) -> list[Agreement]:
    return list(
        Agreement.objects.filter(plan=plan, kind=AgreementKind.SUB, is_current=True)
        .select_related("focus_area")
        .prefetch_related("focus_area__lbf_goals")
        .order_by("focus_area__order", "id")
    )


def propose_mapping(plan: Plan, to_period: FundingPeriod) -> list[AreaChoice]:
    """A proposal for each current delaftale's area: the most similar area of the new period,
    each new area proposed at most once (the best pairs first)."""
    subs = _current_subagreements(plan)
    new_areas = list(
        FocusArea.objects.filter(funding_period=to_period).prefetch_related("lbf_goals")
    )
    scored = sorted(
        (
            (area_similarity(sub.focus_area, new), i, new)  # type: ignore[arg-type]
            for i, sub in enumerate(subs)
            for new in new_areas
        ),
        key=lambda t: (-t[0], t[1]),
    )
    chosen: dict[int, tuple[FocusArea, int]] = {}
    used: set[int] = set()
    for score, i, new in scored:
        if score < PROPOSAL_THRESHOLD or i in chosen or new.pk in used:
            continue
        chosen[i] = (new, score)
        used.add(new.pk)
    choices = []
    for i, sub in enumerate(subs):
        proposal, score = chosen.get(i, (None, 0))
        assert sub.focus_area is not None
        reason = area_reason(sub.focus_area, proposal) if proposal else ""
        choices.append(AreaChoice(sub.focus_area, sub, proposal, score, reason))
    return choices


def plan_transitions(plan: Plan) -> list[PeriodTransition]:
    return list(
        PeriodTransition.objects.filter(plan=plan)
        .select_related("from_period", "to_period")
        .order_by("made_at", "id")
    )


def moves_into(*, plan: Any, period: Any) -> QuerySet[PeriodTransition]:
    """The moves of `plan` into `period`, the latest first (by when it was made, then by id:
    two moves in the same instant): the one rule of »the plan's latest move into its period
    now«. `plan` and `period` are a plan and its period (`latest_move_in`), or `OuterRef`s
    for a subquery over every plan (`portfolio.selectors`)."""
    return PeriodTransition.objects.filter(plan=plan, to_period=period).order_by("-made_at", "-id")


def latest_move_in(plan: Plan, *, for_update: bool = False) -> PeriodTransition | None:
    """The plan's latest move into the period it is in now (`moves_into`); None when it never
    moved into it. `for_update` locks the row (within a transaction) for a write to it. The
    one query of `move_not_in_force`, `baseline_confirm_note` and `baseline_confirm`."""
    moves = moves_into(plan=plan, period=plan.funding_period_id)
    if for_update:
        # no joins: a lock on the nullable side of an outer join is refused (PostgreSQL)
        moves = moves.select_for_update()
    else:
        moves = moves.select_related("from_period", "to_period")
    return moves.first()


def move_not_in_force(plan: Plan, today: dt.date | None = None) -> PeriodTransition | None:
    """The plan's move into its period now when its grant date has not come yet (a move made
    on 1 December for 1 January): until then the old period's agreements are the ones in
    force, read-only, and the new period's are drafts beside them. None once it is in force.
    """
    today = today or timezone.localdate()
    move = latest_move_in(plan)
    return move if move is not None and move.grant_date > today else None


def still_in_force_until(agreement: Agreement, today: dt.date | None = None) -> dt.date | None:
    """For an agreement of a period the plan has left: the grant date of the move, while it
    has not come (the agreement is in force until then); else None."""
    if agreement.closed_period_id is None:
        return None
    today = today or timezone.localdate()
    grant = (
        PeriodTransition.objects.filter(
            plan_id=agreement.plan_id, from_period_id=agreement.closed_period_id
        )
        .order_by("-made_at", "-id")
        .values_list("grant_date", flat=True)
        .first()
    )
    return grant if grant is not None and grant > today else None


def pending_move(plan: Plan, today: dt.date | None = None) -> PeriodTransition | None:
    """`move_not_in_force` for a page that shows it beside everything else (every plan
    page's banner): no query while the plan's own period has begun, since a move sets the
    plan's start to its grant date (`plan_move_to_period`); a plan whose start lies ahead is
    the only one that may be waiting for a move to come into force."""
    today = today or timezone.localdate()
    if plan.period_start is not None and plan.period_start <= today:
        return None
    return move_not_in_force(plan, today)


def left_period_state(last_day: dt.date | None, today: dt.date | None = None) -> str:
    """How an agreement of a period the plan has left stands, in Danish (its `last_day`: the
    day before the grant date of the move out, `followup.selectors.followed_span`): in force
    until then while it has not passed (»gælder til 31. december 2026«), else »afsluttet«.
    The one wording of the follow-up, the documents and the auditor's statement."""
    today = today or timezone.localdate()
    if last_day is not None and last_day >= today:
        return f"gælder til {format_date(last_day)}"
    return "afsluttet" + (f", gældende til {format_date(last_day)}" if last_day else "")


def starts_state(first_day: dt.date | None, today: dt.date | None = None) -> str:
    """For an agreement of the plan's period now whose grant date lies ahead (a move made
    before it): »gælder fra 1. januar 2027, når den er godkendt«; else ""."""
    today = today or timezone.localdate()
    if first_day is not None and first_day > today:
        return f"gælder fra {format_date(first_day)}, når den er godkendt"
    return ""


def closed_agreements(plan: Plan) -> list[Agreement]:
    """The agreements of the periods the plan has left, oldest period first."""
    return list(
        Agreement.objects.filter(plan=plan, closed_period__isnull=False)
        .select_related("focus_area", "closed_period")
        .order_by("closed_period__start", "kind", "focus_area__order", "id")
    )


# ---------------------------------------------------------------------------------------
# The move


def _latest(
    rows: list[Measurement], kinds: tuple[str, ...], scope: str | None, *, named_only: bool = False
) -> Measurement | None:
    """The newest current value of one scope (the named one first, else any of the kinds,
    unless `named_only`: the indicator has figures for several scopes of its own)."""
    of_kind = [r for r in rows if r.scope_kind in kinds]
    if scope:
        named = [r for r in of_kind if fold(r.scope) == fold(scope)]
        if named or named_only:
            of_kind = named
    if not of_kind:
        return None
    return max(of_kind, key=lambda r: (r.year, r.half, r.pk))


# »14 beboere«, »21 børn (84,0%)«: a count and the word that says what it counts.
_COUNTED = re.compile(r"^\s*[0-9][0-9.,]*\s+([^\W\d_][^\d(]*?)\s*(?:\(|$)")
_BARE_NUMBER = re.compile(r"^\s*[0-9][0-9.,]*\s*%?\s*$")


def _counted_word(text: str) -> str:
    """What a figure counts, from its text: »beboere« of »14 beboere«; "" when it says none."""
    match = _COUNTED.match(text or "")
    return match.group(1).strip() if match else ""


def _with_unit(value_text: str, olds: list[Measure]) -> str:
    """A measured value's text with the unit its indicator's earlier figures were given in:
    »23« measured for »14 beboere« is »23 beboere«; a text with its own words is kept."""
    if not _BARE_NUMBER.match(value_text or "") or "%" in value_text:
        return value_text
    word = next((w for w in (_counted_word(m.text) for m in olds) if w), "")
    return f"{value_text.strip()} {word}" if word else value_text


NO_NEWER = "ingen nyere måling"


def _no_newer(text: str) -> str:
    """An old figure proposed again because nothing was measured since: »58 % (2022)« is
    »58 % (2022), ingen nyere måling«."""
    text = (text or "").strip()
    if NO_NEWER in text:
        return text
    return f"{text}, {NO_NEWER}" if text else NO_NEWER


def _value_label(row: Measurement) -> str:
    if row.period_kind == "half_year":
        return f"{row.half}. halvår {row.year}"
    if row.period_kind == "survey_wave":
        return f"{row.survey} {row.year}"
    return str(row.year)


@dataclass
class Source:
    """One current agreement as a move copies it, the same way for every agreement: one
    version's interchange document (`plans.revisions`' snapshot: the working copy's, or,
    where a draft the board has not approved lies over the version in force and is not
    carried, the version in force's), read beside the live agreement it is a version of.

    Its goals and indicators are matched to the live rows by the one rule,
    `plans.selectors.version_goals`, so each carried indicator continues its live row and its
    values run on; what the format does not carry (an activity's key, sheet and partners, a
    staff line's organisation and funding) is taken from the live row of the same name."""

    live: Agreement
    data: dict[str, Any]
    document: ix.Agreement
    goals: list[tuple[Goal, list[VersionIndicator]]]
    # the strategic agreement's indsatsområder of the old period with their problem complexes
    sections: list[tuple[FocusArea, str]]

    @property
    def texts(self) -> dict[str, str]:
        d = self.document
        return {
            "title": d.title or "",
            "initiative": d.initiative or "",
            "vision": d.vision or "",
            "organisation": d.organisation or "",
            # not in the format; the snapshot keeps it beside it (plans.revisions)
            "interplay": self.data.get("interplay") or "",
            "local_evaluation": d.local_evaluation or "",
            "municipal_coherence": d.municipal_coherence or "",
            "revision_text": d.revision or "",
        }


def _source(live: Agreement, number: int | None) -> Source:
    """`live` as the move copies it: version `number` (the version in force), or, without
    one, its working copy."""
    version = agreement_version(live, number) if number else None
    data = version.data if version is not None else working_copy(live).data
    try:
        document = ix.Agreement.from_dict(data)
    except ix.InterchangeError as failure:
        raise DomainError(
            f"»{live.display_title}« kan ikke læses til den nye periode: "
            + " ".join(failure.messages)
        ) from failure
    areas = {
        fold(a.name): a
        for a in FocusArea.objects.filter(funding_period_id=live.plan.funding_period_id)
    }
    sections = [
        (areas[fold(section.name)], section.problem_complex or "")
        for section in document.focus_areas
        if fold(section.name) in areas
    ]
    return Source(live, data, document, version_goals(live, data), sections)


def move_sources(
    plan: Plan,
    carry_drafts: frozenset[int] = frozenset(),
    versions: list[CarriedVersion] | None = None,
) -> dict[int, Source]:
    """What a move copies of each current agreement (by id): the version in force where a
    draft the board has not approved lies over it, unless its agreement is in
    `carry_drafts`; else the working copy (`carried_versions`, or `versions` read already)."""
    versions = carried_versions(plan) if versions is None else versions
    chains = _chain_of([v.agreement.pk for v in versions])
    return {
        v.agreement.pk: _source(
            chains[v.agreement.pk],
            v.approved if v.pending_draft and v.agreement.pk not in carry_drafts else None,
        )
        for v in versions
    }


@dataclass
class MoveReading:
    """What a move reads of the plan before it writes anything, read once and shared by the
    move form's proposals (`fixed_baseline_scopes`) and the move (`plan_move_to_period`):
    each current agreement's `Source` (by id) and the current measured values of their
    indicators (by indicator id)."""

    sources: dict[int, Source]
    rows: dict[int, list[Measurement]]

    @property
    def strategic(self) -> Source | None:
        return next((s for s in self.sources.values() if s.live.is_strategic), None)


def read_for_move(
    plan: Plan,
    carry_drafts: frozenset[int] = frozenset(),
    versions: list[CarriedVersion] | None = None,
) -> MoveReading:
    """The plan as a move reads it (`MoveReading`)."""
    sources = move_sources(plan, carry_drafts, versions)
    ids = [
        ind.pk
        for source in sources.values()
        for _, indicators in source.goals
        for ind, _ in indicators
        if ind.pk is not None
    ]
    rows: dict[int, list[Measurement]] = {}
    for row in Measurement.objects.current().filter(plan=plan, indicator_id__in=ids):
        rows.setdefault(row.indicator_id, []).append(row)
    return MoveReading(sources, rows)


def _take(rows: dict[str, list[Any]], name: str) -> Any | None:
    """The first live row of this name not taken yet (two of one name stay two)."""
    same = rows.get(fold(name)) or []
    return same.pop(0) if same else None


def _by_name(items: Any, attr: str) -> dict[str, list[Any]]:
    out: dict[str, list[Any]] = {}
    for item in items:
        out.setdefault(fold(getattr(item, attr)), []).append(item)
    return out


def _decimal(value: float | None) -> Decimal | None:
    return None if value is None else Decimal(str(value))


# ---------------------------------------------------------------------------------------
# The scope of a fixed indicator's proposed baseline (review F25)

# Where nothing the plan holds says it: LBF's fixed indicators are followed for the
# boligområde, against the municipality (DOMAIN.md: "each: baseline boligområde, baseline
# kommune"). Other area kinds rank below it when one year has figures of several scopes.
_AREA_RANK: dict[str, int] = {
    ScopeKind.HOUSING_AREA: 3,
    ScopeKind.WHOLE: 2,
    ScopeKind.TARGET_GROUP: 1,
    ScopeKind.DEPARTMENT: 0,
}
AREA_KINDS = tuple(_AREA_RANK)


@dataclass(frozen=True)
class FixedScope:
    """The baseline a move proposes for one fixed indicator of the new period that continues
    one of the old period's: the figure (the latest measured value, else the old baseline)
    and the scope it is for, which the move form shows and lets the koordinator change."""

    lbf_indicator_id: int
    text: str
    scope_kind: str
    scope: str
    # why this scope, in Danish (shown beside the field)
    reason: str
    row: Measurement | None = None
    measure: Measure | None = None

    @property
    def figure(self) -> str:
        """The proposed figure, as the move form shows it: »46,2 % (2026)«; "" for none."""
        if self.row is not None:
            return f"{self.row.text} ({_value_label(self.row)})"
        if self.measure is not None:
            return _no_newer(self.measure.text)
        return ""

    @property
    def scope_label(self) -> str:
        return str(ScopeKind(self.scope_kind).label)


def _housing_area_names(plan: Plan) -> str:
    """The plan's boligområder as one scope: »Kildevang«, »Kildevang og Bakkely«."""
    names = list(HousingArea.objects.filter(plan=plan).values_list("name", flat=True))
    if len(names) <= 1:
        return names[0] if names else ""
    return f"{', '.join(names[:-1])} og {names[-1]}"


def _fixed_scope(
    plan: Plan, target: Indicator, measures: list[Measure], rows: list[Measurement]
) -> FixedScope:
    """The scope of `target`'s proposed baseline from what the plan holds of the indicator
    it continues: its latest measured value for the area (the scope its values are recorded
    for, so the chart goes on), else its baseline in the agreement carried (a name that is
    one of the plan's boligområder is the boligområde's, whatever kind a reading guessed),
    else the domain's rule: the boligområde."""
    assert target.lbf_indicator_id is not None
    area_rows = [r for r in rows if r.scope_kind in _AREA_RANK]
    if area_rows:
        row = max(area_rows, key=lambda r: (r.year, r.half, _AREA_RANK[r.scope_kind], r.pk))
        return FixedScope(
            target.lbf_indicator_id,
            target.text,
            row.scope_kind,
            row.scope or "",
            f"som indikatorens seneste måling ({_value_label(row)})",
            row=row,
        )
    baselines = [
        m for m in measures if m.role == MeasureRole.BASELINE and m.scope_kind in _AREA_RANK
    ]
    if baselines:
        measure = baselines[0]
        kind, scope = measure.scope_kind, measure.scope or ""
        areas = [
            fold(a) for a in HousingArea.objects.filter(plan=plan).values_list("name", flat=True)
        ]
        if kind != ScopeKind.HOUSING_AREA and scope and any(a and a in fold(scope) for a in areas):
            return FixedScope(
                target.lbf_indicator_id,
                target.text,
                ScopeKind.HOUSING_AREA,
                scope,
                "som baselinen i den aftale, der overføres; navnet er planens boligområde",
                measure=measure,
            )
        return FixedScope(
            target.lbf_indicator_id,
            target.text,
            kind,
            scope,
            "som baselinen i den aftale, der overføres",
            measure=measure,
        )
    names = _housing_area_names(plan)
    return FixedScope(
        target.lbf_indicator_id,
        target.text,
        ScopeKind.HOUSING_AREA if names else ScopeKind.WHOLE,
        names,
        "LBF's faste indikatorer følges for boligområdet",
    )


def _continued_fixed(source: Source | None) -> dict[str, VersionIndicator]:
    """The old period's fixed indicators of the agreement carried, by their folded wording
    (a fixed indicator of the new period of the same wording continues it)."""
    if source is None:
        return {}
    return {
        fold(ind.text): (ind, measures)
        for _, indicators in source.goals
        for ind, measures in indicators
        if ind.is_fixed
    }


def fixed_baseline_scopes(
    plan: Plan,
    to_period: FundingPeriod,
    carry_drafts: frozenset[int] = frozenset(),
    *,
    reading: MoveReading | None = None,
) -> list[FixedScope]:
    """For the move form: each fixed indicator of `to_period` that continues one of the
    plan's and gets a proposed baseline, with the scope the move gives it unless the
    koordinator changes it (`plan_move_to_period(fixed_scopes=…)`). `reading`: the plan as
    read already (`read_for_move`)."""
    scopes = _fixed_scopes(plan, to_period, reading or read_for_move(plan, carry_drafts))
    return [s for s in scopes.values() if s.row is not None or s.measure is not None]


def _fixed_scopes(
    plan: Plan, to_period: FundingPeriod, reading: MoveReading
) -> dict[int, FixedScope]:
    """The scope of each fixed indicator of `to_period` that continues one of the plan's
    (`_fixed_scope`), by its LbfIndicator id, in the period's order; one without a figure
    to propose too (the move proposes none for it)."""
    continued = _continued_fixed(reading.strategic)
    out: dict[int, FixedScope] = {}
    for lbf in LbfIndicator.objects.filter(goal__funding_period=to_period).order_by(
        "goal__focus_area__order", "goal__order", "order", "id"
    ):
        old = continued.get(fold(lbf.text))
        if old is None:
            continue
        ind, measures = old
        target = Indicator(text=lbf.text, lbf_indicator_id=lbf.pk)
        out[lbf.pk] = _fixed_scope(plan, target, measures, reading.rows.get(ind.pk or 0, []))
    return out


# A baseline of one boligområde or one afdeling says which.
_UNNAMED: dict[str, str] = {
    ScopeKind.HOUSING_AREA: "Skriv navnet på det boligområde, baselinen gælder for.",
    ScopeKind.DEPARTMENT: "Skriv navnet på den afdeling, baselinen gælder for.",
}


def check_fixed_scope(scope_kind: str, scope: str) -> None:
    """One scope chosen for a fixed indicator's baseline: a scope a baseline of the area can
    have (not the municipality's or the country's: those are comparators), and named where
    it is one boligområde or one afdeling."""
    if scope_kind not in AREA_KINDS:
        allowed = ", ".join(str(ScopeKind(k).label) for k in AREA_KINDS)
        raise DomainError(
            f"Omfanget af en fast indikators baseline skal være et af: {allowed}.",
            argument="fixed_scopes",
        )
    missing = _UNNAMED.get(scope_kind)
    if missing and not scope.strip():
        raise DomainError(missing, argument="fixed_scopes")


def check_fixed_scopes(fixed_scopes: dict[int, tuple[str, str]]) -> None:
    """Each scope chosen in the move form (`check_fixed_scope`)."""
    for kind, scope in fixed_scopes.values():
        check_fixed_scope(kind, scope or "")


class _Copier:
    """Copies the chain of one old agreement (its `Source`) into a new one, indicator by
    indicator."""

    def __init__(
        self,
        plan: Plan,
        rows: dict[int, list[Measurement]],
        proposed_scopes: dict[int, FixedScope] | None = None,
        fixed_scopes: dict[int, tuple[str, str]] | None = None,
    ):
        self.plan = plan
        self.rows = rows
        # per fixed indicator of the new period (LbfIndicator id): the scope the move
        # proposes (`_fixed_scopes`, as the move form showed it), and the koordinator's
        self.proposed_scopes = proposed_scopes or {}
        self.fixed_scopes = fixed_scopes or {}
        self.proposed = 0
        # Each carried indicator's continuation, by the old indicator's id.
        self.indicators: dict[int, Indicator] = {}
        self.process_goals = 0
        self.theories = 0

    def parties(self, old: Source, new: Agreement) -> None:
        # Signatures belong to the old agreement; the new one is signed anew.
        for name in old.document.parties:
            services.party_save(agreement=new, name=name)

    def _propose(
        self,
        new: Indicator,
        role: str,
        *,
        row: Measurement | None,
        old_measure: Measure | None,
        measures: list[Measure],
        scope_kind: str | None = None,
        scope: str | None = None,
        fallback_year: int | None = None,
    ) -> None:
        """One proposed baseline (or comparator) of `new`: the measured `row`, with the unit
        its old figures were given in, else the old figure, said to be one; marked
        `Measure.proposed`. `scope_kind`/`scope` replace the figure's own."""
        if row is not None:
            same_scope = [
                m
                for m in measures
                if m.role == role and fold(m.scope or "") == fold(row.scope or scope or "")
            ]
            text = _with_unit(row.text, same_scope + measures)
            measure = services.measure_save(
                indicator=new,
                role=role,
                text=f"{text} (seneste måling, {_value_label(row)})",
                scope_kind=scope_kind or row.scope_kind,
                scope=scope if scope_kind else (row.scope or scope),
                count=row.count,
                percent=row.percent,
                denominator=row.denominator,
                year=row.year,
            )
        elif old_measure is not None:
            # no value measured since: the old figure, with its own year (a figure without
            # one is of the old indicator's baseline year)
            measure = services.measure_save(
                indicator=new,
                role=role,
                # said, so an old figure is not taken for a new one (review F25)
                text=_no_newer(old_measure.text),
                scope_kind=scope_kind or old_measure.scope_kind,
                scope=scope if scope_kind else old_measure.scope,
                count=old_measure.count,
                percent=old_measure.percent,
                denominator=old_measure.denominator,
                year=old_measure.year or fallback_year,
            )
        else:
            return
        Measure.objects.filter(pk=measure.pk).update(proposed=True)
        self.proposed += 1

    def baselines(
        self,
        old: Indicator,
        measures: list[Measure],
        new: Indicator,
        *,
        area: FixedScope | None = None,
    ) -> None:
        """For every scope the old indicator had a baseline (or comparator) for, the latest
        value measured for that scope as a proposed baseline, dated; else the old figure. An
        indicator without any proposes the latest value of the whole (or the municipality).
        A fixed indicator (`area`) has one baseline of the area: `area`'s figure and scope."""
        if old.pk is not None:
            self.indicators[old.pk] = new
        rows = self.rows.get(old.pk, []) if old.pk is not None else []
        latest_year = None
        for role, default_kind in (
            (MeasureRole.BASELINE, ScopeKind.WHOLE),
            (MeasureRole.COMPARATOR, ScopeKind.MUNICIPALITY),
        ):
            if role == MeasureRole.BASELINE and area is not None:
                self._propose(
                    new,
                    role,
                    row=area.row,
                    old_measure=area.measure,
                    measures=measures,
                    scope_kind=area.scope_kind,
                    scope=area.scope,
                    fallback_year=old.baseline_year,
                )
                if area.row is not None:
                    latest_year = area.row.year
                continue
            # One proposal a scope: two old figures of one scope (other years) give one.
            olds: dict[tuple[str, str], Measure | None] = {}
            for m in measures:
                if m.role == role:
                    olds.setdefault((m.scope_kind, fold(m.scope or "")), m)
            if not olds:
                olds[(default_kind, "")] = None
            used: set[int] = set()
            for (kind, _), old_measure in olds.items():
                scope = old_measure.scope if old_measure else None
                row = _latest(rows, (kind,), scope, named_only=bool(scope) and len(olds) > 1)
                if row is not None and row.pk in used:
                    row = None
                if row is not None:
                    used.add(row.pk)
                    if role == MeasureRole.BASELINE:
                        latest_year = max(latest_year or row.year, row.year)
                self._propose(
                    new,
                    role,
                    row=row,
                    old_measure=old_measure,
                    measures=measures,
                    scope=scope,
                    fallback_year=old.baseline_year,
                )
        year = latest_year or old.baseline_year
        Indicator.objects.filter(pk=new.pk).update(continues_id=old.pk, baseline_year=year)

    def goals(self, old: Source, new: Agreement) -> dict[str, Goal]:
        """The old agreement's own delmål (not LBF's fixed goals) with their indicators,
        each indicator continuing its old one; returns the new goals by their folded text."""
        mapped: dict[str, Goal] = {}
        for goal, indicators in old.goals:
            if goal.is_fixed:
                continue
            new_goal = services.goal_save(agreement=new, text=goal.text)
            mapped.setdefault(fold(goal.text), new_goal)
            for ind, measures in indicators:
                new_ind = services.indicator_save(
                    goal=new_goal,
                    text=ind.text,
                    unit=ind.unit,
                    direction=ind.direction,
                    data_source=ind.data_source,
                    baseline_year=ind.baseline_year,
                )
                self.baselines(ind, measures, new_ind)
        return mapped

    def activities_and_staff(self, old: Source, new: Agreement, goals: dict[str, Goal]) -> None:
        """The activity list and sheets (each activity going on under its key, so its
        logbook and process goals follow it; linked to the new delmål it served, by the
        version's `activity_goals`) and the staff lines."""
        document = old.document
        links = {
            fold(row.get("name", "")): [fold(t) for t in row.get("goals") or []]
            for row in old.data.get("activity_goals") or []
        }
        sheets = _by_name(document.activities, "name")
        entries: list[tuple[str, bool, ix.Activity | None]] = [
            (name, True, _take(sheets, name)) for name in document.activity_names
        ]
        left = {id(s) for same in sheets.values() for s in same}  # sheets of no listed name
        entries += [(s.name, False, s) for s in document.activities if id(s) in left]
        live = _by_name(old.live.activities.all(), "name")
        for name, listed, sheet in entries:
            same = _take(live, name)
            copy = services.activity_save(
                agreement=new,
                name=name,
                own_goals=list(sheet.goals) if sheet else [],
                linked_goals=[goals[t] for t in links.get(fold(name), []) if t in goals],
                has_sheet=sheet is not None,
                purpose=(sheet.purpose or "") if sheet else "",
                target_groups=(sheet.target_groups or "") if sheet else "",
                content=(sheet.content or "") if sheet else "",
                responsibilities=(sheet.responsibilities or "") if sheet else "",
                # not in the format: the live activity's
                partners=same.partners if same is not None else "",
            )
            # the same activity goes on (its key: the local evaluation's name for it)
            type(copy).objects.filter(pk=copy.pk).update(
                in_list=listed, key=same.key if same is not None else copy.key
            )
        staff = _by_name(old.live.staff.all(), "text")
        for line in document.staff:
            same_staff = _take(staff, line.text)
            services.staff_save(
                agreement=new,
                text=line.text,
                role=line.role or "",
                organisation=same_staff.organisation if same_staff is not None else "",
                share_percent=_decimal(line.share_percent),
                hours_per_year=_decimal(line.hours_per_year),
                funded_by=same_staff.funded_by if same_staff is not None else "",
            )

    def evaluation(self, old: Agreement, new: Agreement, areas: dict[int, FocusArea]) -> list[str]:
        """The local evaluation of `old` onto `new`: each forandringsteori whose indsatsområde
        goes on (`areas`: old area id to new), its results measured by the indicators that
        continue the old ones; each activity's process goals. What cannot go on is returned."""
        with one_entry_for(self.plan.pk):  # the move's own entry covers these writes
            return self._evaluation(old, new, areas)

    def _evaluation(self, old: Agreement, new: Agreement, areas: dict[int, FocusArea]) -> list[str]:
        from evaluation import services as evaluation_services
        from evaluation.models import ProcessGoal, TheoryOfChange

        lost: list[str] = []
        theories = TheoryOfChange.objects.filter(agreement=old).select_related("focus_area")
        for theory in theories.prefetch_related("results__indicator_links"):
            target = areas.get(theory.focus_area_id)
            if target is None:
                lost.append(
                    f"Forandringsteorien for »{theory.focus_area.name}« er ikke overført, fordi "
                    "indsatsområdet ikke findes i den nye periode."
                )
                continue
            results = []
            for result in theory.results.all():
                linked = []
                for link in result.indicator_links.all():
                    carried = self.indicators.get(link.indicator_id or 0)
                    if carried is None:
                        lost.append(
                            f"I forandringsteorien for »{target.name}« måles resultatet "
                            f"»{result.text}« ikke længere med »{link.text}«: indikatoren er "
                            "ikke overført."
                        )
                        continue
                    linked.append(carried)
                results.append(
                    evaluation_services.ResultInput(
                        horizon=result.horizon, text=result.text, indicators=linked
                    )
                )
            self.theories += 1
            evaluation_services.theory_save(
                agreement=new,
                focus_area=target,
                activities=list(theory.activities or []),
                results=results,
                assumptions=list(theory.assumptions or []),
                reviewed=theory.reviewed,
            )
        continued = {a.key: a for a in new.activities.all()}
        by_activity: dict[Any, list[ProcessGoal]] = {}
        for goal in ProcessGoal.objects.filter(agreement=old).order_by("order", "id"):
            by_activity.setdefault(goal.activity_key, []).append(goal)
        for key, goals in by_activity.items():
            if key not in continued:
                name = old.activities.filter(key=key).values_list("name", flat=True).first()
                texts = ", ".join(f"»{g.text}«" for g in goals)
                lost.append(
                    f"Procesmålene {texts}{f' for »{name}«' if name else ''} er ikke overført, "
                    "fordi aktiviteten ikke findes i den nye aftale."
                )
                continue
            evaluation_services.process_goals_save(
                agreement=new,
                activity=continued[key],
                goals=[
                    evaluation_services.ProcessGoalInput(
                        text=g.text, target=g.target, per=g.per, condition=g.condition
                    )
                    for g in goals
                ],
            )
            self.process_goals += len(goals)
        return lost

    def fixed_indicators(self, old: Source | None, new: Agreement) -> list[str]:
        """The new period's fixed indicators continue the old period's of the same wording,
        each with one proposed baseline of the area, of the scope the move proposes
        (`proposed_scopes`) or the koordinator chose (`fixed_scopes`); the old ones without a counterpart are
        returned (they cannot be carried over)."""
        continued = _continued_fixed(old)
        if not continued:
            return []
        targets = {
            fold(i.text): i
            for i in Indicator.objects.filter(goal__agreement=new, lbf_indicator__isnull=False)
        }
        lost = []
        for key, (ind, measures) in continued.items():
            target = targets.get(key)
            if target is None:
                lost.append(
                    f"Den faste indikator »{ind.text}« findes ikke i den nye periode; dens "
                    "målinger bliver i den afsluttede aftale."
                )
                continue
            area = self.proposed_scopes.get(target.lbf_indicator_id or 0)
            if area is None:  # a wording not its LbfIndicator's (the move made it so: none)
                rows = self.rows.get(ind.pk, []) if ind.pk is not None else []
                area = _fixed_scope(self.plan, target, measures, rows)
            chosen = self.fixed_scopes.get(target.lbf_indicator_id or 0)
            if chosen is not None:
                area = replace(area, scope_kind=chosen[0], scope=chosen[1].strip())
            self.baselines(ind, measures, target, area=area)
        return lost


def _has_evaluation(agreement: Agreement) -> bool:
    from evaluation.models import ProcessGoal, TheoryOfChange

    return (
        TheoryOfChange.objects.filter(agreement=agreement).exists()
        or ProcessGoal.objects.filter(agreement=agreement).exists()
    )


def _chain_of(agreement_ids: list[int]) -> dict[int, Agreement]:
    return {
        a.pk: a
        for a in Agreement.objects.filter(pk__in=agreement_ids)
        .select_related("focus_area")
        .prefetch_related(
            "parties",
            "focus_area_sections__focus_area",
            "goals__indicators__measures",
            "activities__linked_goals",
            "staff",
        )
    }


def _period_end(start: dt.date, period: FundingPeriod) -> dt.date:
    """Four years from the grant date (DOMAIN.md), within the period's last day."""
    try:
        end = start.replace(year=start.year + 4) - dt.timedelta(days=1)
    except ValueError:  # 29 February
        end = start.replace(year=start.year + 4, day=28)
    return min(end, period.end) if period.end else end


def check_grant_date(to_period: FundingPeriod, grant_date: dt.date) -> None:
    """The grant date lies within the new period (the first step's date field and the move
    itself ask the same)."""
    if to_period.start and grant_date < to_period.start:
        raise DomainError(
            f"Bevillingsdatoen ligger før bevillingsperioden {to_period.code} begynder "
            f"({format_date(to_period.start)}).",
            argument="bevillingsdato",
        )
    if to_period.end and grant_date > to_period.end:
        raise DomainError(
            f"Bevillingsdatoen ligger efter bevillingsperioden {to_period.code} slutter "
            f"({format_date(to_period.end)}).",
            argument="bevillingsdato",
        )


@dataclass(frozen=True)
class CarriedVersion:
    """Which version of a current agreement a move carries over (review F21)."""

    agreement: Agreement
    # the version in force: the latest approved (None when none ever was) and its date
    approved: int | None
    approved_on: dt.date | None

    @property
    def pending_draft(self) -> bool:
        """A draft of changes the board has not approved, over an approved version."""
        return self.approved is not None and self.agreement.status == AgreementStatus.DRAFT

    @property
    def label(self) -> str:
        a = self.agreement
        if a.status == AgreementStatus.APPROVED or self.approved is None:
            if a.status == AgreementStatus.APPROVED:
                when = f", godkendt {format_date(self.approved_on)}" if self.approved_on else ""
                return f"version {a.version}{when}"
            return f"version {a.version}, kladde – aldrig godkendt af bestyrelsen"
        return (
            f"version {a.version}, kladde – ikke godkendt af bestyrelsen (gældende: version "
            f"{self.approved}"
            + (f", godkendt {format_date(self.approved_on)}" if self.approved_on else "")
            + ")"
        )

    @property
    def carried_text(self) -> str:
        """Which version the move carries, in Danish: the version in force unless the
        koordinator ticks »Overfør kladden«."""
        if self.pending_draft:
            return (
                f"Overføres: den godkendte version {self.approved}, medmindre du vælger "
                "kladden nedenfor"
            )
        return f"Overføres: version {self.agreement.version}"

    def blocked_message(self, to_period: FundingPeriod) -> str:
        a = self.agreement
        return (
            f"»{a.display_title}« har en kladde (version {a.version}), som bestyrelsen ikke "
            f"har godkendt; den gældende er version {self.approved}. Få kladden godkendt, før "
            "planen flyttes, eller vælg »Overfør kladden« ud for aftalen, så ændringerne "
            f"fortsætter som kladde i {to_period.code} og godkendes dér."
        )


def carried_versions(plan: Plan) -> list[CarriedVersion]:
    """For each current agreement (the strategic one first): the version a move carries over
    and whether a draft the board has not approved lies over the version in force."""
    from plans.models import AgreementRevision, RevisionStatus

    current = list(
        Agreement.objects.filter(plan=plan, is_current=True)
        .select_related("focus_area")
        .order_by("kind", "focus_area__order", "id")
    )
    approved: dict[int, tuple[int, dt.date | None]] = {}
    for row in AgreementRevision.objects.filter(
        agreement__in=current, status=RevisionStatus.APPROVED
    ).order_by("version"):
        approved[row.agreement_id] = (row.version, row.approved_on)
    out = []
    for a in sorted(current, key=lambda a: not a.is_strategic):
        number, on = approved.get(a.pk, (None, None))
        if a.status == AgreementStatus.APPROVED:
            number, on = a.version, a.approved_on or on
        out.append(CarriedVersion(a, number, on))
    return out


def check_move(
    *,
    plan: Plan,
    to_period: FundingPeriod,
    grant_date: dt.date,
    mapping: dict[int, int | None],
    carry_drafts: frozenset[int] = frozenset(),
) -> list[FocusArea | None]:
    """Validate a move before anything is written; returns each mapped area (by delaftale).

    `mapping` maps each current delaftale's id to an area id of `to_period`, or None when the
    delaftale is not carried over. Where a draft the board has not approved lies over the
    version in force, the move carries the version in force (`carried_versions`), the draft
    only when its agreement is in `carry_drafts` (the koordinator chose to carry it on, to be
    approved in the new period); either way the draft stays, read-only, in the old period.
    """
    if to_period.pk == plan.funding_period_id:
        raise DomainError("Planen er allerede i den bevillingsperiode. Vælg en anden.")
    if to_period.pk not in {p.pk for p in periods_to_move_to(plan)}:
        raise DomainError(
            f"Planen kan ikke flyttes tilbage til bevillingsperioden {to_period.code}; en plan "
            "flytter kun videre til en senere periode."
        )
    check_grant_date(to_period, grant_date)
    waiting = Agreement.objects.filter(
        plan=plan,
        is_current=True,
        status__in=[AgreementStatus.SUBMITTED, AgreementStatus.AWAITING_LBF],
    ).select_related("focus_area")
    for agreement in waiting:
        raise DomainError(
            f"»{agreement.display_title}« ligger til godkendelse. Få den godkendt eller sendt "
            "retur, før planen flyttes til en ny bevillingsperiode."
        )
    subs = {a.pk: a for a in _current_subagreements(plan)}
    if set(mapping) != set(subs):
        raise DomainError(
            "Planens delaftaler er ændret, mens du valgte. Indlæs siden igen, og vælg på ny."
        )
    areas = {a.pk: a for a in FocusArea.objects.filter(funding_period=to_period)}
    chosen: list[FocusArea | None] = []
    seen: set[int] = set()
    for area_id in mapping.values():
        if area_id is None:
            chosen.append(None)
            continue
        area = areas.get(area_id)
        if area is None:
            raise DomainError(
                f"Det valgte indsatsområde hører ikke til bevillingsperioden {to_period.code}."
            )
        if area_id in seen:
            raise DomainError(
                f"»{area.name}« er valgt for to delaftaler. En plan har én delaftale pr. "
                "indsatsområde; vælg et andet, eller lad den ene ikke overføres."
            )
        seen.add(area_id)
        chosen.append(area)
    return chosen


@transaction.atomic
def plan_move_to_period(
    *,
    plan: Plan,
    to_period: FundingPeriod,
    grant_date: dt.date,
    mapping: dict[int, int | None],
    user: Any,
    carry_drafts: frozenset[int] = frozenset(),
    fixed_scopes: dict[int, tuple[str, str]] | None = None,
) -> MoveResult:
    """Move the plan into `to_period` from `grant_date`: close the current agreements and
    propose new drafts (see the module's docstring). `fixed_scopes` gives the scope kind and
    scope of the proposed baseline of a fixed indicator of the new period (by its
    `LbfIndicator` id) where the koordinator changed what `fixed_baseline_scopes` proposed.
    All or nothing; audited."""
    plan = Plan.objects.select_for_update().select_related("funding_period").get(pk=plan.pk)
    areas = check_move(
        plan=plan,
        to_period=to_period,
        grant_date=grant_date,
        mapping=mapping,
        carry_drafts=carry_drafts,
    )
    check_fixed_scopes(fixed_scopes or {})
    from_period = plan.funding_period
    versions = carried_versions(plan)
    drafts_carried = [
        (
            f"Kladden (version {v.agreement.version}) af »{v.agreement.display_title}« er "
            f"overført som kladde til {to_period.code}, som valgt; i {from_period.code} gælder "
            f"version {v.approved}."
        )
        if v.agreement.pk in carry_drafts
        else (
            f"Den godkendte version {v.approved} af »{v.agreement.display_title}« er overført "
            f"til {to_period.code}; kladden (version {v.agreement.version}), som bestyrelsen "
            f"ikke har godkendt, er ikke overført og kan læses i {from_period.code}."
        )
        for v in versions
        if v.pending_draft
    ]
    current = list(Agreement.objects.filter(plan=plan, is_current=True).order_by("pk"))
    # what each agreement is copied from (one version of it) and the values measured, read
    # once for the copy and the fixed indicators' proposed scopes (as the move form's)
    reading = read_for_move(plan, carry_drafts, versions)
    sources = reading.sources
    old_strategic = next((sources[a.pk] for a in current if a.is_strategic), None)
    proposed_scopes = _fixed_scopes(plan, to_period, reading)

    # Close the old period's agreements; they keep every row and are never edited again.
    Agreement.objects.filter(pk__in=[a.pk for a in current]).update(
        is_current=False, closed_period=from_period
    )
    previous = (plan.period_start, plan.period_end)
    end = _period_end(grant_date, to_period)
    plan.funding_period = to_period
    plan.period_start, plan.period_end = grant_date, end
    plan.full_clean()
    plan.save(update_fields=["funding_period", "period_start", "period_end"])

    copier = _Copier(plan, reading.rows, proposed_scopes, fixed_scopes)
    not_carried: list[str] = list(drafts_carried)
    kept_areas: dict[int, FocusArea] = {}
    subs = []
    for (sub_id, _), area in zip(mapping.items(), areas, strict=True):
        old = sources[sub_id]
        live = old.live
        if area is None:
            what = [g.text for g, _ in old.goals]
            not_carried.append(
                f"Delaftalen for »{live.focus_area}« er ikke overført"
                + (f" (delmål: {'; '.join(what)})" if what else "")
                + (
                    ", heller ikke dens forandringsteori og procesmål"
                    if _has_evaluation(live)
                    else ""
                )
                + ". Den kan læses i den afsluttede periode."
            )
            continue
        assert live.focus_area_id is not None
        kept_areas[live.focus_area_id] = area
        new = services.agreement_create(
            plan=plan,
            kind=AgreementKind.SUB,
            focus_area=area,
            period_start=grant_date,
            period_end=end,
            # the title follows the area (the one rule, plans.loading.title_for_area)
            title=title_for_area(old.texts["title"], was=live.focus_area.name, now=area.name),  # type: ignore[union-attr]
            **{k: v for k, v in old.texts.items() if k != "title"},
        )
        copier.parties(old, new)
        goals = copier.goals(old, new)
        copier.activities_and_staff(old, new, goals)
        not_carried += copier.evaluation(live, new, {live.focus_area_id: area})
        subs.append(new)

    texts: dict[str, Any] = old_strategic.texts if old_strategic else {}
    strategic = services.agreement_create(
        plan=plan,
        kind=AgreementKind.STRATEGIC,
        period_start=grant_date,
        period_end=end,
        **texts,
    )
    if old_strategic is not None:
        copier.parties(old_strategic, strategic)
        for old_area, problem_complex in old_strategic.sections:
            target = kept_areas.get(old_area.pk)
            if target is None:
                not_carried.append(
                    f"Problemkomplekset for »{old_area}« er ikke overført, fordi "
                    "indsatsområdet ikke findes i den nye periode."
                )
                continue
            services.focus_area_section_save(
                agreement=strategic, focus_area=target, problem_complex=problem_complex
            )
        not_carried += copier.fixed_indicators(old_strategic, strategic)
        copier.goals(old_strategic, strategic)
        not_carried += copier.evaluation(old_strategic.live, strategic, kept_areas)
    elif from_period is not None:
        not_carried.append("Planen havde ingen strategisk samarbejdsaftale at overføre.")
    for new_area in FocusArea.objects.filter(funding_period=to_period).exclude(
        pk__in=[a.pk for a in kept_areas.values()]
    ):
        if LbfIndicator.objects.filter(goal__focus_area=new_area).exists():
            not_carried.append(
                f"Den nye periodes indsatsområde »{new_area.name}« har ingen delaftale endnu."
            )

    mapping_names = {
        sources[sub_id].live.focus_area.name: (area.name if area else "")  # type: ignore[union-attr]
        for (sub_id, _), area in zip(mapping.items(), areas, strict=True)
    }
    transition = PeriodTransition(
        plan=plan,
        from_period=from_period,
        to_period=to_period,
        grant_date=grant_date,
        previous_start=previous[0],
        previous_end=previous[1],
        mapping=mapping_names,
        not_carried=not_carried,
        made_by=user if getattr(user, "is_authenticated", False) else None,
        made_by_name=_name(user),
        made_at=timezone.now(),
    )
    transition.full_clean()
    transition.save()
    audit(
        agreement=None,
        plan=plan,
        user=user,
        action=(
            f"Planen er flyttet fra bevillingsperioden {from_period.code} til "
            f"{to_period.code} pr. {format_date(grant_date)}: "
            f"{_count(len(subs), 'delaftale', 'delaftaler')} og en strategisk samarbejdsaftale "
            f"foreslået som kladder, {_count(copier.proposed, 'baseline', 'baselines')} "
            f"foreslået fra seneste måling, "
            f"{_count(copier.theories, 'forandringsteori', 'forandringsteorier')} og "
            f"{copier.process_goals} procesmål overført"
        ),
    )
    for agreement in [strategic, *subs]:
        audit(
            agreement=agreement,
            user=user,
            action=f"Foreslået som kladde ved skift til bevillingsperioden {to_period.code}",
        )
    return MoveResult(transition, strategic, subs, not_carried, copier.proposed)


def _count(n: int, one: str, more: str) -> str:
    """»1 baseline«, »5 baselines«."""
    return f"{n} {ngettext(one, more, n)}"


def _name(user: Any) -> str:
    if user is None or not getattr(user, "is_authenticated", False):
        return "system"
    return str(user.get_full_name() or user.get_username())


def proposed_baselines(plan: Plan) -> list[Measure]:
    """The baselines of the plan's current agreements still waiting for confirmation."""
    return list(
        Measure.objects.filter(
            indicator__goal__agreement__plan=plan,
            indicator__goal__agreement__is_current=True,
            proposed=True,
        )
        .select_related("indicator__goal__agreement__focus_area")
        .order_by("indicator__goal__agreement__kind", "indicator__goal__agreement_id", "pk")
    )


def proposed_baselines_note(agreement: Agreement) -> str:
    """What the board is asked to approve when the agreement's baselines are still proposals
    (`Measure.proposed`, from the move): »3 baselines er kun forslag …«; "" when none are.
    The one sentence of the agreement page, the sending and the board's approval page."""
    count = Measure.objects.filter(indicator__goal__agreement=agreement, proposed=True).count()
    if not count:
        return ""
    return ngettext(
        "%(n)d baseline er kun et forslag (foreslået ved flytningen til den nye "
        "bevillingsperiode) og er ikke bekræftet endnu. Godkendes versionen nu, godkendes "
        "baselinen som forslag; koordinatoren bekræfter den pr. bevillingsdatoen.",
        "%(n)d baselines er kun forslag (foreslået ved flytningen til den nye "
        "bevillingsperiode) og er ikke bekræftet endnu. Godkendes versionen nu, godkendes "
        "baselinerne som forslag; koordinatoren bekræfter dem pr. bevillingsdatoen.",
        count,
    ) % {"n": count}


def baseline_confirm_note(plan: Plan, today: dt.date | None = None) -> str:
    """Said when baselines are confirmed before the grant date of the plan's move (allowed,
    so a board can approve with confirmed figures; F29): the date has not come, and a newer
    value measured before it is not in them. "" on or after the grant date."""
    today = today or timezone.localdate()
    move = latest_move_in(plan)
    if move is None or move.grant_date <= today:
        return ""
    return (
        f"Bevillingsdatoen {format_date(move.grant_date)} er ikke nået endnu: baselinerne "
        "er bekræftet, som de står i dag, og en måling fra før bevillingsdatoen, der kommer "
        "senere, indgår ikke. Ret en baseline på aftalen, hvis der kommer en nyere måling."
    )


@transaction.atomic
def baseline_confirm(*, plan: Plan, user: Any) -> int:
    """The koordinator confirms the proposed baselines as the baseline at the grant date of
    the plan's latest move. Returns how many were confirmed."""
    transition = latest_move_in(plan, for_update=True)
    if transition is None:
        raise DomainError("Planen er ikke flyttet til en ny bevillingsperiode.")
    ids = [m.pk for m in proposed_baselines(plan)]
    if not ids:
        raise DomainError("Der er ingen foreslåede baselines at bekræfte.")
    Measure.objects.filter(pk__in=ids).update(proposed=False)
    transition.baseline_confirmed_on = transition.grant_date
    transition.baseline_confirmed_by_name = _name(user)
    transition.save(update_fields=["baseline_confirmed_on", "baseline_confirmed_by_name"])
    audit(
        agreement=None,
        plan=plan,
        user=user,
        action=(
            f"{_count(len(ids), 'baseline', 'baselines')} bekræftet som baseline pr. "
            "bevillingsdatoen "
            f"{format_date(transition.grant_date)}"
        ),
    )
    return len(ids)


_CODE = re.compile(r"^[0-9]{4}-[0-9]{2}$")


def period_by_code(code: str) -> FundingPeriod | None:
    if not _CODE.match(code or ""):
        return None
    return FundingPeriod.objects.filter(code=code).first()
