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
from dataclasses import dataclass, field
from typing import Any

from django.db import transaction
from django.utils import timezone
from django.utils.translation import ngettext
from rapidfuzz import fuzz

from followup.models import Measurement
from lib.danish import format_date
from lib.errors import DomainError
from lib.text import fold
from plans import services
from plans.loading import title_for_area
from plans.models import (
    Agreement,
    AgreementKind,
    AgreementStatus,
    FocusArea,
    FundingPeriod,
    Goal,
    Indicator,
    LbfIndicator,
    Measure,
    MeasureRole,
    PeriodTransition,
    Plan,
    ScopeKind,
)
from plans.revisions import audit, one_entry_for

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


def move_not_in_force(plan: Plan, today: dt.date | None = None) -> PeriodTransition | None:
    """The plan's move into its period now when its grant date has not come yet (a move made
    on 1 December for 1 January): until then the old period's agreements are the ones in
    force, read-only, and the new period's are drafts beside them. None once it is in force.
    """
    today = today or timezone.localdate()
    move = (
        PeriodTransition.objects.filter(plan=plan, to_period_id=plan.funding_period_id)
        .select_related("from_period", "to_period")
        .order_by("-made_at", "-id")
        .first()
    )
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


class _Copier:
    """Copies the chain of one old agreement into a new one, indicator by indicator."""

    def __init__(self, plan: Plan, rows: dict[int, list[Measurement]]):
        self.plan = plan
        self.rows = rows
        self.proposed = 0
        # Each carried indicator's continuation, by the old indicator's id.
        self.indicators: dict[int, Indicator] = {}
        self.process_goals = 0
        self.theories = 0

    def texts(self, old: Agreement) -> dict[str, str]:
        return {name: getattr(old, name) for name in services.AGREEMENT_TEXT_FIELDS}

    def parties(self, old: Agreement, new: Agreement) -> None:
        # Signatures belong to the old agreement; the new one is signed anew.
        for party in old.parties.all():
            services.party_save(agreement=new, name=party.name)

    def baselines(self, old: Indicator, new: Indicator) -> None:
        """For every scope the old indicator had a baseline (or comparator) for, the latest
        value measured for that scope as a proposed baseline, dated; else the old figure. An
        indicator without any proposes the latest value of the whole (or the municipality)."""
        if old.pk is not None:
            self.indicators[old.pk] = new
        rows = self.rows.get(old.pk, []) if old.pk is not None else []
        measures = list(old.measures.all())
        latest_year = None
        for role, default_kind in (
            (MeasureRole.BASELINE, ScopeKind.WHOLE),
            (MeasureRole.COMPARATOR, ScopeKind.MUNICIPALITY),
        ):
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
                        scope_kind=row.scope_kind,
                        scope=row.scope or scope,
                        count=row.count,
                        percent=row.percent,
                        denominator=row.denominator,
                        year=row.year,
                    )
                    if role == MeasureRole.BASELINE:
                        latest_year = max(latest_year or row.year, row.year)
                elif old_measure is not None:
                    # no value measured since: the old figure, with its own year (a figure
                    # without one is of the old indicator's baseline year)
                    measure = services.measure_save(
                        indicator=new,
                        role=role,
                        # said, so an old figure is not taken for a new one (review F25)
                        text=_no_newer(old_measure.text),
                        scope_kind=old_measure.scope_kind,
                        scope=old_measure.scope,
                        count=old_measure.count,
                        percent=old_measure.percent,
                        denominator=old_measure.denominator,
                        year=old_measure.year or old.baseline_year,
                    )
                else:
                    continue
                Measure.objects.filter(pk=measure.pk).update(proposed=True)
                self.proposed += 1
        year = latest_year or old.baseline_year
        Indicator.objects.filter(pk=new.pk).update(continues_id=old.pk, baseline_year=year)

    def goals(self, old: Agreement, new: Agreement) -> dict[int, Goal]:
        mapped: dict[int, Goal] = {}
        for goal in old.goals.all():
            if goal.is_fixed:
                continue
            new_goal = services.goal_save(agreement=new, text=goal.text)
            mapped[goal.pk] = new_goal
            for ind in goal.indicators.all():
                new_ind = services.indicator_save(
                    goal=new_goal,
                    text=ind.text,
                    unit=ind.unit,
                    direction=ind.direction,
                    data_source=ind.data_source,
                    baseline_year=ind.baseline_year,
                )
                self.baselines(ind, new_ind)
        return mapped

    def activities_and_staff(self, old: Agreement, new: Agreement, goals: dict[int, Goal]) -> None:
        for activity in old.activities.all():
            copy = services.activity_save(
                agreement=new,
                name=activity.name,
                own_goals=list(activity.own_goals or []),
                linked_goals=[goals[g.pk] for g in activity.linked_goals.all() if g.pk in goals],
                has_sheet=activity.has_sheet,
                **{k: getattr(activity, k) for k in services.ACTIVITY_TEXT_FIELDS},
            )
            # the same activity goes on (its key: the local evaluation's name for it)
            type(copy).objects.filter(pk=copy.pk).update(in_list=activity.in_list, key=activity.key)
        for staff in old.staff.all():
            services.staff_save(
                agreement=new,
                text=staff.text,
                role=staff.role,
                organisation=staff.organisation,
                share_percent=staff.share_percent,
                hours_per_year=staff.hours_per_year,
                funded_by=staff.funded_by,
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

    def fixed_indicators(self, old: Agreement | None, new: Agreement) -> list[str]:
        """The new period's fixed indicators continue the old period's of the same wording;
        the old ones without a counterpart are returned (they cannot be carried over)."""
        if old is None:
            return []
        new_fixed = {
            fold(i.text): i
            for i in Indicator.objects.filter(goal__agreement=new, lbf_indicator__isnull=False)
        }
        lost = []
        for goal in old.goals.all():
            for ind in goal.indicators.all():
                if not ind.is_fixed:
                    continue
                target = new_fixed.get(fold(ind.text))
                if target is None:
                    lost.append(
                        f"Den faste indikator »{ind.text}« findes ikke i den nye periode; dens "
                        "målinger bliver i den afsluttede aftale."
                    )
                    continue
                self.baselines(ind, target)
        return lost


def _has_evaluation(agreement: Agreement) -> bool:
    from evaluation.models import ProcessGoal, TheoryOfChange

    return (
        TheoryOfChange.objects.filter(agreement=agreement).exists()
        or ProcessGoal.objects.filter(agreement=agreement).exists()
    )


class _Listed(list):  # type: ignore[type-arg]
    """Stands in for a related manager: `.all()` gives the items."""

    def all(self) -> _Listed:
        return self


def _approved_source(live: Agreement, number: int | None) -> Any:
    """The version in force of `live` (its approved snapshot `number`), in the shape the
    copier reads an agreement: texts, parties, goals with indicators and baselines (each
    indicator with the primary key of the live row it is, so the new one continues it and
    its values run on: `followup.selectors._in_force_goals`, the one rule that matches a
    version's rows to the live ones), activities and staff (their keys, sheets and
    organisations from the live rows of the same name), and the strategic agreement's
    problem complexes."""
    from types import SimpleNamespace

    from followup.selectors import _in_force_goals
    from plans.revisions import agreement_version

    version = agreement_version(live, number) if number else None
    if version is None:
        return live
    data = version.data
    goals = []
    for gi, (goal, indicators) in enumerate(_in_force_goals(live, data)):
        goals.append(
            SimpleNamespace(
                pk=goal.pk if goal.pk is not None else f"version-{gi}",
                text=goal.text,
                is_fixed=goal.is_fixed,
                indicators=_Listed(
                    SimpleNamespace(
                        pk=ind.pk,
                        text=ind.text,
                        unit=ind.unit,
                        direction=ind.direction,
                        data_source=ind.data_source,
                        baseline_year=ind.baseline_year,
                        is_fixed=ind.is_fixed,
                        measures=_Listed(measures),
                    )
                    for ind, measures in indicators
                ),
            )
        )
    by_text = {fold(g.text): g for g in goals}
    linked = {
        fold(row.get("name", "")): [
            by_text[fold(t)] for t in row.get("goals", []) if fold(t) in by_text
        ]
        for row in data.get("activity_goals") or []
    }
    live_activities = {fold(a.name): a for a in live.activities.all()}
    listed = {fold(n) for n in data.get("activity_names") or []}
    activities = []
    for row in data.get("activities") or []:
        name = row.get("name", "")
        same = live_activities.get(fold(name))
        fields = {k: row.get(k) or "" for k in services.ACTIVITY_TEXT_FIELDS}
        if same is not None and not fields.get("partners"):
            fields["partners"] = same.partners
        activities.append(
            SimpleNamespace(
                name=name,
                own_goals=list(row.get("goals") or []),
                linked_goals=_Listed(linked.get(fold(name), [])),
                has_sheet=same.has_sheet if same is not None else True,
                in_list=(fold(name) in listed) if listed else (same.in_list if same else True),
                key=same.key if same is not None else None,
                **fields,
            )
        )
    live_staff = {fold(st.text): st for st in live.staff.all()}
    staff = []
    for row in data.get("staff") or []:
        same_staff = live_staff.get(fold(row.get("text", "")))
        staff.append(
            SimpleNamespace(
                text=row.get("text", ""),
                role=row.get("role") or "",
                organisation=same_staff.organisation if same_staff is not None else None,
                share_percent=row.get("share_percent"),
                hours_per_year=row.get("hours_per_year"),
                funded_by=same_staff.funded_by if same_staff is not None else "",
            )
        )
    sections = []
    live_sections = {fold(sec.focus_area.name): sec for sec in live.focus_area_sections.all()}
    for row in data.get("focus_areas") or []:
        section = live_sections.get(fold(row.get("name", "")))
        if section is not None:
            sections.append(
                SimpleNamespace(
                    focus_area_id=section.focus_area_id,
                    focus_area=section.focus_area,
                    problem_complex=row.get("problem_complex") or "",
                )
            )
    texts: dict[str, str] = {}
    for name, key in (
        ("title", "title"),
        ("initiative", "initiative"),
        ("vision", "vision"),
        ("organisation", "organisation"),
        ("interplay", "interplay"),
        ("local_evaluation", "local_evaluation"),
        ("municipal_coherence", "municipal_coherence"),
        ("revision_text", "revision"),
    ):
        # a snapshot leaves out what is empty (`interchange._prune`): absent is empty
        texts[name] = data.get(key) or ""
    return SimpleNamespace(
        pk=live.pk,
        focus_area=live.focus_area,
        focus_area_id=live.focus_area_id,
        is_strategic=live.is_strategic,
        parties=_Listed(SimpleNamespace(name=n) for n in data.get("parties") or []),
        goals=_Listed(goals),
        activities=_Listed(activities),
        staff=_Listed(staff),
        focus_area_sections=_Listed(sections),
        **texts,
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
) -> MoveResult:
    """Move the plan into `to_period` from `grant_date`: close the current agreements and
    propose new drafts (see the module's docstring). All or nothing; audited."""
    plan = Plan.objects.select_for_update().select_related("funding_period").get(pk=plan.pk)
    areas = check_move(
        plan=plan,
        to_period=to_period,
        grant_date=grant_date,
        mapping=mapping,
        carry_drafts=carry_drafts,
    )
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
    chains = _chain_of([a.pk for a in current])
    indicator_ids = [
        ind.pk for a in chains.values() for g in a.goals.all() for ind in g.indicators.all()
    ]
    # what each agreement is copied from: the live rows, or the version in force where a
    # draft lies over it and the koordinator did not choose to carry the draft
    sources: dict[int, Any] = dict(chains)
    for v in versions:
        if v.pending_draft and v.agreement.pk not in carry_drafts and v.agreement.pk in chains:
            sources[v.agreement.pk] = _approved_source(chains[v.agreement.pk], v.approved)
    old_strategic = next((sources[a.pk] for a in current if a.is_strategic), None)
    live_strategic = next((chains[a.pk] for a in current if a.is_strategic), None)
    rows: dict[int, list[Measurement]] = {}
    for row in Measurement.objects.current().filter(plan=plan, indicator_id__in=indicator_ids):
        rows.setdefault(row.indicator_id, []).append(row)

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

    copier = _Copier(plan, rows)
    not_carried: list[str] = list(drafts_carried)
    kept_areas: dict[int, FocusArea] = {}
    subs = []
    for (sub_id, _), area in zip(mapping.items(), areas, strict=True):
        old, live = sources[sub_id], chains[sub_id]
        if area is None:
            what = [g.text for g in old.goals.all()]
            not_carried.append(
                f"Delaftalen for »{old.focus_area}« er ikke overført"
                + (f" (delmål: {'; '.join(what)})" if what else "")
                + (
                    ", heller ikke dens forandringsteori og procesmål"
                    if _has_evaluation(old)
                    else ""
                )
                + ". Den kan læses i den afsluttede periode."
            )
            continue
        assert old.focus_area_id is not None
        kept_areas[old.focus_area_id] = area
        new = services.agreement_create(
            plan=plan,
            kind=AgreementKind.SUB,
            focus_area=area,
            period_start=grant_date,
            period_end=end,
            # the title follows the area (the one rule, plans.loading.title_for_area)
            title=title_for_area(old.title, was=old.focus_area.name, now=area.name),  # type: ignore[union-attr]
            **{k: v for k, v in copier.texts(old).items() if k != "title"},
        )
        copier.parties(old, new)
        goals = copier.goals(old, new)
        copier.activities_and_staff(old, new, goals)
        not_carried += copier.evaluation(live, new, {old.focus_area_id: area})
        subs.append(new)

    texts: dict[str, Any] = copier.texts(old_strategic) if old_strategic else {}
    strategic = services.agreement_create(
        plan=plan,
        kind=AgreementKind.STRATEGIC,
        period_start=grant_date,
        period_end=end,
        **texts,
    )
    if old_strategic is not None:
        copier.parties(old_strategic, strategic)
        for section in old_strategic.focus_area_sections.all():
            target = kept_areas.get(section.focus_area_id)
            if target is None:
                not_carried.append(
                    f"Problemkomplekset for »{section.focus_area}« er ikke overført, fordi "
                    "indsatsområdet ikke findes i den nye periode."
                )
                continue
            services.focus_area_section_save(
                agreement=strategic, focus_area=target, problem_complex=section.problem_complex
            )
        not_carried += copier.fixed_indicators(old_strategic, strategic)
        local_goals = [g for g in old_strategic.goals.all() if not g.is_fixed]
        if local_goals:
            copier.goals(old_strategic, strategic)
        not_carried += copier.evaluation(live_strategic, strategic, kept_areas)  # type: ignore[arg-type]
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
        chains[sub_id].focus_area.name: (area.name if area else "")  # type: ignore[union-attr]
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
    move = (
        PeriodTransition.objects.filter(plan=plan, to_period=plan.funding_period_id)
        .order_by("-made_at")
        .first()
    )
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
    transition = (
        PeriodTransition.objects.select_for_update()
        .filter(plan=plan, to_period=plan.funding_period_id)
        .order_by("-made_at")
        .first()
    )
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
