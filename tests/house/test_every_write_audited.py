"""Every write leaves an audit entry: who, when, what and why.

The services are found by introspection: every public function of every app's `services`
module, and of the modules beside them that write (`plans.revisions`, `plans.loading`,
`plans.transition`, `plans.periods`, `evaluation.interchange`). Each must be named below,
either as a write with a scenario that calls it, as a read, or as a part (a write that runs
only inside another write, whose entry covers it; every caller of a part must itself be a
write or a part). A new service in none of the lists fails the test, so a write service cannot
be added without someone deciding how it is audited; a "read" whose source writes fails too.

And every module of the project's apps whose source writes (outside migrations, tests, demo
and bench) must be one of the walked modules or be named, with why, as writing no record of
a person's action (a workbook, a dict, a job's bookkeeping).
"""

from __future__ import annotations

import ast
import datetime as dt
import importlib
import inspect
import re
from collections.abc import Callable
from decimal import Decimal
from pathlib import Path
from types import ModuleType
from typing import Any

import pytest
from django.apps import apps
from django.core import mail
from django.utils import timezone

ROOT = Path(__file__).resolve().parents[2]
EXTRA_MODULES = (
    "plans.revisions",
    "plans.loading",
    "plans.transition",
    "plans.periods",
    "evaluation.interchange",
)

# Public functions that change nothing (checks, guesses, reads), and the audit machinery.
READS = {
    "plans.services": {"organisation_kind_for", "funding_period_default", "guess_scope_kind",
                       "can_delete_agreement"},
    "plans.revisions": {
        "audit", "audit_write", "one_entry_for", "needs_reason", "missing_date", "read_date",
        "check_approval_date", "approved_revisions", "working_copy", "agreement_version",
        "agreement_versions", "version_labels", "approved_version", "visible_data",
        "agreement_as_of", "compare", "refuse_if_closed", "closed_message",
    },
    "plans.loading": {"parse_interchange_bytes", "read_documents", "agreement_revised_by",
                      "taken_message", "title_for_area", "retitled_for_area"},
    "plans.transition": {
        "periods_to_move_to", "area_similarity", "propose_mapping", "plan_transitions",
        "closed_agreements", "check_move", "proposed_baselines", "period_by_code",
        "area_reason", "move_not_in_force", "still_in_force_until",
        "pending_move", "left_period_state", "starts_state", "check_grant_date",
        "carried_versions", "proposed_baselines_note", "baseline_confirm_note",
        "move_sources", "fixed_baseline_scopes", "check_fixed_scopes", "check_fixed_scope",
        "latest_move_in", "read_for_move", "moves_into",
    },
    "plans.periods": {
        "bundled_files", "read_period_file", "parse_period_bytes", "validate_period",
        "bundled_focus_areas", "bundled_fixed_goals", "current_focus_areas", "periods_overview",
    },
    "evaluation.interchange": {
        "theory_dict", "process_goal_dict", "theories_by_area", "process_goals_by_activity",
        "process_goals_by_key",
        "agreement_indicators", "indicator_by_text", "survey_samples_of", "survey_fields",
    },
    "evaluation.services": {"theory_focus_areas", "check_session", "funding_period_of",
                            "date_problems", "plan_span", "logbook_span"},
    "followup.services": {
        "written_form", "period_bounds", "outside_plan_period", "check_measurement_time",
        "check_figures", "read_figures", "followup_first_year", "check_followup_year",
        "indicator_for_period", "narrative_closed", "check_meeting_documents",
    },
    "documents.services": set(),
    "accounts.services": set(),
}  # fmt: skip

# Writes that run only inside another write (a service's rows, a file's parts): that write's
# entry covers them. Checked below: every caller is a write or a part.
PARTS = {
    "plans.periods": {"load_period", "load_bundled_periods"},
    "evaluation.interchange": {"write_theory", "write_process_goals", "save_from_interchange"},
}

# Modules whose source matches WRITE_CALL but which write no record of a person's action.
NOT_RECORD_WRITES = {
    "corpus/render.py": "builds Word files of the test corpus (python-docx), no database",
    "corpus/build.py": "builds the test corpus (hashes, images), no database",
    "corpus/foreign/build.py": "builds the hand-written families of the test corpus (hashes, files)",
    "corpus/foreign/families.py": "writes Word and HTML files of the test corpus, no database",
    "corpus/scans.py": "builds the hard scans of the test corpus (images, PDFs), no database",
    "corpus/foreign/handmade.py": "writes hand-made documents of the test corpus, no database",
    "corpus/foreign/unseen.py": "writes documents of the test corpus' unseen families, no database",
    "corpus/foreign/beyond.py": "writes documents of the test corpus' beyond families, no database",
    "corpus/foreign/fresh.py": "writes documents of the test corpus' fresh families, no database",
    "importing/tidy.py": "a dict of names (a reading is tidied in memory, no database)",
    "config/settings.py": "updates the settings' dicts",
    "config/backup.py": "a file digest",
    "plans/views.py": "its `part.save`/`part.delete` call the services inside change_agreement",
    "plans/transition_views.py": "a template context",
    "evaluation/logbook_sheet.py": "saves a workbook to a buffer",
    "portfolio/table.py": "a dict, and a workbook saved to a buffer",
    "followup/documents.py": "saves Word documents to a buffer",
    "followup/tabular.py": "saves a workbook to a buffer",
    "documents/word_template.py": "saves a Word template to a buffer",
    "documents/render.py": "saves a Word document to a buffer",
    "documents/exports.py": "a dict of the export's manifest",
    "documents/tasks.py": "the export's zip in storage (the request is audited by its caller)",
    "importing/worker.py": "the task queue's own bookkeeping",
    "importing/jobs.py": "an import job's progress; the agreement is saved by importing.saving "
    "through plans.loading, which audits",
    "importing/forms.py": "a widget's attributes",
    "importing/readers/scan.py": "saves an image for OCR",
    "importing/layout/pages.py": "a set",
    "importing/progress.py": "a context variable",
    "importing/layout/pasted_fixed.py": "a context variable (the reading's fixed goals)",
    "followup/views.py": "the dashboard's cache",
    "portfolio/selectors.py": "the portfolio's cache",
    "portfolio/views.py": "the portfolio page's cache",
}
SKIPPED_DIRS = {"migrations", "tests", "demo", "bench", ".venv", "static", "templates", "media"}

# They write the entry itself (or a context variable), not the record.
AUDIT_MACHINERY = {"audit", "audit_write", "one_entry_for"}
WRITE_CALL = re.compile(
    r"\.(save|create|delete|update|get_or_create|update_or_create|bulk_create|bulk_update|set)\("
    r"|_clean_and_save\(|\b_save\("
)


def service_modules() -> list[ModuleType]:
    names = [f"{config.name}.services" for config in apps.get_app_configs()]
    found = []
    for name in [*names, *EXTRA_MODULES]:
        path = ROOT / name.replace(".", "/")
        if path.with_suffix(".py").is_file() or (path / "__init__.py").is_file():
            found.append(importlib.import_module(name))
    return found


def public_functions(module: ModuleType) -> dict[str, Callable[..., Any]]:
    return {
        name: obj
        for name, obj in vars(module).items()
        if inspect.isfunction(obj)
        and not name.startswith("_")
        and inspect.unwrap(obj).__module__ == module.__name__
    }


# ---------------------------------------------------------------------------------------
# One call of every write service, by `user`, with a reason where the service takes one.


class World:
    def __init__(self, plan: Any, personas: dict[str, Any]) -> None:
        from plans.models import Agreement, FocusArea, Indicator

        self.plan = plan
        self.user = personas["koordinator"]
        self.personas = personas
        self.board = personas["bestyrelse"]  # four eyes: the sender never approves
        self.actor = self.user  # whom the service's entry must name
        self.strategic = Agreement.objects.get(plan=plan, kind="strategisk_samarbejdsaftale")
        self.sub = Agreement.objects.get(plan=plan, title="Delaftale om skolegang")
        self.indicator = Indicator.objects.get(goal__agreement=self.sub)
        self.goal = self.indicator.goal
        self.focus_area = FocusArea.objects.get(
            funding_period=plan.funding_period, name="Kriminalitetsforebyggelse"
        )
        self.before = 0

    def mark(self) -> None:
        """The scenario's setup is done: only entries from here on count for the service."""
        from plans.models import AuditEntry

        self.before = AuditEntry.objects.order_by("-id").values_list("id", flat=True).first() or 0


NEW_SUBAGREEMENT = {
    "format_version": 2,
    "kind": "delaftale",
    "focus_area": "Kriminalitetsforebyggelse",
    "title": "Tryghed",
    "period": {"start": "2025-01-01", "end": "2027-12-31"},
    "parties": ["Lilleby Boligforening"],
    "goals": [],
}


def _pdf() -> bytes:
    return b"%PDF-1.4\n1 0 obj <<>> endobj\ntrailer <<>>\n%%EOF\n"


def _sent(w: World) -> Any:
    from plans import revisions

    return revisions.agreement_submit(agreement=w.sub, user=w.user, reason="Årlig revision")


def _measurement(w: World) -> Any:
    from followup import services

    return services.measurement_record(
        indicator=w.indicator, year=2025, percent=Decimal(64), recorded_by=w.user
    )


def _writes() -> dict[str, dict[str, Callable[[World], Any]]]:
    from accounts import services as accounts
    from accounts.models import Membership
    from documents import services as documents
    from documents.word_template import build_default_template
    from evaluation import services as evaluation
    from followup import services as followup
    from followup import tabular
    from plans import loading, revisions, transition
    from plans import services as plans
    from plans.models import (
        Activity,
        AgreementParty,
        Department,
        FocusAreaSection,
        Measure,
        Organisation,
        StaffResource,
    )

    def area(w: World) -> Any:
        return plans.housing_area_save(plan=w.plan, name="Nordparken")

    def approve(w: World) -> Any:
        _sent(w)
        w.mark()
        w.actor = w.board
        return revisions.agreement_approve(
            agreement=w.sub, user=w.board, meeting_date=timezone.localdate(), note="Enig"
        )

    def lbf(w: World) -> Any:
        revisions.agreement_submit(agreement=w.strategic, user=w.user)
        revisions.agreement_approve(
            agreement=w.strategic, user=w.board, meeting_date=timezone.localdate()
        )
        w.mark()
        return revisions.agreement_record_lbf_approval(
            agreement=w.strategic,
            user=w.user,
            approved_on=timezone.localdate(),
            reference="J.nr. 1",
        )

    def reminders(w: World) -> Any:
        w.user.email = "k@example.org"
        w.user.save()
        return documents.reminders_send(plan=w.plan, today=w.plan.period_end)

    def member_remove(w: World) -> Any:
        membership = Membership.objects.get(user=w.personas["partner"], plan=w.plan)
        return accounts.membership_remove(membership=membership, by=w.user)

    def period(w: World) -> Any:
        from plans.periods import bundled_files, read_period_file

        data = read_period_file(next(p for p in bundled_files() if "2019" in p.name))
        return plans.period_load(data=data, by=w.user, reason="Rettet datakilde")

    def activity(w: World) -> Any:
        return plans.activity_save(agreement=w.sub, name="Lektiecafé")

    def session(w: World, theme: str = "Matematik") -> Any:
        from evaluation.models import Place

        return evaluation.SessionInput(
            date=timezone.localdate() - dt.timedelta(days=3),
            theme=theme,
            place=Place.IN_AREA,
            participants=12,
            new_participants=2,
        )

    def sessions(w: World) -> Any:
        return evaluation.sessions_record(
            agreement=w.sub, activity=activity(w), sessions=[session(w)], user=w.user
        )

    def session_delete(w: World) -> Any:
        saved = sessions(w)[0]
        w.mark()
        return evaluation.session_delete(session=saved, user=w.user, reason="Registreret to gange")

    def moved(w: World) -> Any:
        from plans.models import FundingPeriod
        from plans.periods import load_period
        from tests.plans.test_transition import NEXT

        for year, value in ((2024, 63), (2025, 66)):
            followup.measurement_record(
                indicator=w.indicator, year=year, text=f"{value} %", percent=Decimal(value)
            )
        load_period(NEXT)
        period = FundingPeriod.objects.get(code=NEXT["code"])
        return transition.plan_move_to_period(
            plan=w.plan,
            to_period=period,
            grant_date=dt.date(2027, 3, 1),
            mapping={
                c.agreement.pk: (c.proposal.pk if c.proposal else None)
                for c in transition.propose_mapping(w.plan, period)
            },
            user=w.user,
        )

    def baselines(w: World) -> Any:
        moved(w)
        w.plan.refresh_from_db()
        w.mark()
        return transition.baseline_confirm(plan=w.plan, user=w.user)

    return {
        "plans.transition": {"plan_move_to_period": moved, "baseline_confirm": baselines},
        "evaluation.services": {
            "theory_save": lambda w: evaluation.theory_save(
                agreement=w.sub,
                focus_area=w.sub.focus_area,
                activities=["Lektiecafé"],
                results=[evaluation.ResultInput("short", "Flere laver lektier", [w.indicator])],
                assumptions=["Forældrene bakker op"],
                reviewed=None,
                by=w.user,
                reason="Nyt kick-off",
            ),
            "theory_delete": lambda w: evaluation.theory_delete(
                agreement=w.sub, focus_area=w.sub.focus_area, by=w.user, reason="Forkert område"
            ),
            "process_goals_save": lambda w: evaluation.process_goals_save(
                agreement=w.sub,
                activity=activity(w),
                goals=[evaluation.ProcessGoalInput("20 deltagere", Decimal(20), "month")],
                by=w.user,
                reason="Nyt procesmål",
            ),
            "sessions_record": sessions,
            "session_delete": session_delete,
            "seminar_record": lambda w: evaluation.seminar_record(
                plan=w.plan,
                held_on=timezone.localdate(),
                roles=["koordinator"],
                data_reviewed="Årets målinger",
                decisions=[evaluation.DecisionInput("Vi fortsætter lektiecaféen")],
                user=w.user,
            ),
        },
        "plans.services": {
            "plan_create": lambda w: plans.plan_create(
                name="Ny plan", slug="ny-plan", by=w.user, reason="Ny bevilling"
            ),
            "plan_update": lambda w: plans.plan_update(
                plan=w.plan, name="Tværgaden og Nordparken", by=w.user, reason="Nyt navn"
            ),
            "organisation_save": lambda w: plans.organisation_save(
                plan=w.plan, name="Lilleby Politi", kind="police", by=w.user, reason="Ny part"
            ),
            "organisation_delete": lambda w: plans.organisation_delete(
                organisation=Organisation.objects.create(plan=w.plan, name="Gammel forening"),
                by=w.user,
                reason="Ophørt",
            ),
            "organisation_get_or_create": lambda w: plans.organisation_get_or_create(
                plan=w.plan, name="Lilleby Sportsklub", by=w.user
            ),
            "housing_area_save": lambda w: plans.housing_area_save(
                plan=w.plan, name="Nordparken", by=w.user, reason="Nyt område"
            ),
            "housing_area_delete": lambda w: plans.housing_area_delete(
                housing_area=area(w), by=w.user, reason="Fejl"
            ),
            "department_save": lambda w: plans.department_save(
                housing_area=area(w), number="12", by=w.user, reason="Ny afdeling"
            ),
            "department_delete": lambda w: plans.department_delete(
                department=Department.objects.create(housing_area=area(w), number="13"),
                by=w.user,
                reason="Fejl",
            ),
            "agreement_create": lambda w: plans.agreement_create(
                plan=w.plan,
                kind="delaftale",
                focus_area=w.focus_area,
                by=w.user,
                reason="Nyt indsatsområde",
            ),
            "agreement_update": lambda w: plans.agreement_update(
                agreement=w.sub, vision="En ny vision", by=w.user
            ),
            "agreement_delete": lambda w: plans.agreement_delete(
                agreement=plans.agreement_create(
                    plan=w.plan, kind="delaftale", focus_area=w.focus_area
                ),
                by=w.user,
                reason="Oprettet ved en fejl",
            ),
            "party_save": lambda w: plans.party_save(agreement=w.sub, name="Skolen", by=w.user),
            "party_delete": lambda w: plans.party_delete(
                party=AgreementParty.objects.filter(agreement=w.sub).first(), by=w.user
            ),
            "focus_area_section_save": lambda w: plans.focus_area_section_save(
                agreement=w.strategic, focus_area=w.focus_area, by=w.user
            ),
            "focus_area_section_delete": lambda w: plans.focus_area_section_delete(
                section=FocusAreaSection.objects.create(
                    agreement=w.strategic, focus_area=w.focus_area
                ),
                by=w.user,
            ),
            "goal_save": lambda w: plans.goal_save(agreement=w.sub, text="Nyt delmål", by=w.user),
            "goal_delete": lambda w: plans.goal_delete(
                goal=plans.goal_save(agreement=w.sub, text="Kortlivet delmål"), by=w.user
            ),
            "indicator_save": lambda w: plans.indicator_save(
                goal=w.goal, text="Andel i fritidsjob", unit="percent", direction="more",
                by=w.user,
            ),
            "indicator_delete": lambda w: plans.indicator_delete(
                indicator=plans.indicator_save(
                    goal=w.goal, text="Kortlivet", unit="count", direction="more"
                ),
                by=w.user,
            ),
            "measure_save": lambda w: plans.measure_save(
                indicator=w.indicator, role="comparator", text="80 %", percent=80,
                scope_kind="municipality", scope="Lilleby Kommune", by=w.user,
            ),
            "measure_delete": lambda w: plans.measure_delete(
                measure=Measure.objects.filter(indicator=w.indicator).first(), by=w.user
            ),
            "activity_save": lambda w: plans.activity_save(
                agreement=w.sub, name="Lektiecafé", by=w.user
            ),
            "activity_delete": lambda w: plans.activity_delete(
                activity=Activity.objects.create(agreement=w.sub, name="Kortlivet"), by=w.user
            ),
            "staff_save": lambda w: plans.staff_save(
                agreement=w.sub, text="Projektleder 50 %", by=w.user
            ),
            "staff_delete": lambda w: plans.staff_delete(
                staff=StaffResource.objects.create(agreement=w.sub, text="Kortlivet"), by=w.user
            ),
            "agreement_save_from_interchange": lambda w: plans.agreement_save_from_interchange(
                plan=w.plan,
                data=loading.read_documents(
                    [
                        NEW_SUBAGREEMENT
                    ],
                    w.plan.funding_period,
                )[0],
                user=w.user,
                reason="Indlæst fra fil",
            ),
            "period_load": period,
        },
        "plans.revisions": {
            "change_agreement": lambda w: revisions.change_agreement(
                agreement=w.sub,
                user=w.user,
                action="Delmål tilføjet",
                change=lambda: plans.goal_save(agreement=w.sub, text="Endnu et delmål"),
            ),
            "agreement_submit": _sent,
            "agreement_approve": approve,
            "agreement_record_lbf_approval": lbf,
            "agreement_return": lambda w: (
                _sent(w),
                w.mark(),
                revisions.agreement_return(agreement=w.sub, user=w.user, note="Ret delmål 2"),
            ),
        },
        "plans.loading": {
            "agreement_save_from_interchange": lambda w: loading.agreement_save_from_interchange(
                plan=w.plan,
                data=loading.read_documents([NEW_SUBAGREEMENT], w.plan.funding_period)[0],
                user=w.user,
                reason="Indlæst fra fil",
            ),
            "plan_load_interchange": lambda w: loading.plan_load_interchange(
                slug=w.plan.slug,
                documents=[
                    NEW_SUBAGREEMENT
                ],
                user=w.user,
                reason="Indlæst fra fil",
            ),
        },
        "followup.services": {
            "measurement_record": _measurement,
            "measurement_correct": lambda w: followup.measurement_correct(
                measurement=(_measurement(w), w.mark())[0],
                reason="Tastefejl",
                percent=Decimal(65),
                recorded_by=w.user,
            ),
            "measurements_import": lambda w: followup.measurements_import(
                plan=w.plan,
                rows=tabular.rows_from_records(
                    [{"indikator": w.indicator.pk, "aar": 2024, "procent": "60"}]
                ),
                recorded_by=w.user,
            ),
            "narrative_save": lambda w: followup.narrative_save(
                goal=w.goal, year=2025, text="Godt år", written_by=w.user
            ),
            "followup_document_archive": lambda w: followup.followup_document_archive(
                plan=w.plan, year=2025, format="pdf", content=_pdf(), generated_by=w.user
            ),
            "board_meeting_record": lambda w: followup.board_meeting_record(
                plan=w.plan, year=2025, held_on="20.11.2025", attendees="A", decisions="B",
                recorded_by=w.user, without_documents=True,
            ),
        },
        "documents.services": {
            "attachment_upload": lambda w: documents.attachment_upload(
                plan=w.plan, kind="budget", data=_pdf(), filename="budget.pdf", user=w.user,
                note="Budget 2026",
            ),
            "attachment_set_status": lambda w: documents.attachment_set_status(
                attachment=documents.attachment_upload(
                    plan=w.plan, kind="budget", data=_pdf(), filename="budget.pdf"
                ).attachment,
                status="approved",
                by=w.user,
                reason="Godkendt på mødet",
            ),
            "word_template_save": lambda w: documents.word_template_save(
                plan=w.plan, data=build_default_template(), filename="skabelon.docx", user=w.user
            ),
            "word_template_delete": lambda w: (
                documents.word_template_save(
                    plan=w.plan, data=build_default_template(), filename="skabelon.docx"
                ),
                documents.word_template_delete(plan=w.plan, by=w.user),
            ),
            "reminders_send": reminders,
        },
        "accounts.services": {
            "membership_add": lambda w: accounts.membership_add(
                plan=w.plan, by=w.user, username="bestyrelse", role="partner",
                organisation=Organisation.objects.get(plan=w.plan, name="Klubben Lyset"),
            ),
            "membership_remove": member_remove,
            "role_grant_across_plans": lambda w: accounts.role_grant_across_plans(
                username="bestyrelse", role="lbf", by=w.user
            ),
        },
    }  # fmt: skip


# Services whose entry names the system, not a person (they run from the scheduler).
SYSTEM_WRITES = {"reminders_send"}
# The first words of the reason each scenario gave, where it gave one.
REASONS = {
    "plan_create": "Ny bevilling",
    "plan_update": "Nyt navn",
    "organisation_delete": "Ophørt",
    "agreement_delete": "Oprettet ved en fejl",
    "agreement_submit": "Årlig revision",
    "agreement_save_from_interchange": "Indlæst fra fil",
    "plan_load_interchange": "Indlæst fra fil",
    "measurement_correct": "Tastefejl",
    "attachment_upload": "Budget 2026",
    "attachment_set_status": "Godkendt på mødet",
    "agreement_record_lbf_approval": "J.nr. 1",
    "agreement_return": "Ret delmål 2",
    "period_load": "Rettet datakilde",
    "theory_save": "Nyt kick-off",
    "theory_delete": "Forkert område",
    "process_goals_save": "Nyt procesmål",
    "session_delete": "Registreret to gange",
}


def test_every_public_service_function_is_named_as_a_write_or_a_read() -> None:
    writes = _writes()
    unknown, stale, reads_that_write = [], [], []
    for module in service_modules():
        functions = public_functions(module)
        known_writes = writes.get(module.__name__, {})
        known_reads = READS.get(module.__name__, set())
        known_parts = PARTS.get(module.__name__, set())
        for name, function in functions.items():
            if name in known_writes or name in known_parts:
                continue
            if name not in known_reads:
                unknown.append(f"{module.__name__}.{name}")
            elif (
                WRITE_CALL.search(inspect.getsource(inspect.unwrap(function)))
                and name not in AUDIT_MACHINERY
            ):
                reads_that_write.append(f"{module.__name__}.{name}")
        for name in [*known_writes, *known_reads, *known_parts]:
            if name not in functions:
                stale.append(f"{module.__name__}.{name}")
    assert not unknown, (
        "New service functions: add each to the writes (with a scenario; it must audit) or to "
        f"the reads of tests/house/test_every_write_audited.py: {unknown}"
    )
    assert not reads_that_write, f"Named as reads but they write: {reads_that_write}"
    assert not stale, f"Named here but no longer a service: {stale}"


def _walked_files() -> set[str]:
    return {m.__name__.replace(".", "/") + ".py" for m in service_modules()} | {
        m.__name__.replace(".", "/") + "/__init__.py" for m in service_modules()
    }


def _source_files() -> list[Path]:
    return [
        path
        for path in sorted(ROOT.rglob("*.py"))
        if not SKIPPED_DIRS & set(path.relative_to(ROOT).parts)
    ]


def test_every_module_that_writes_is_walked_or_named_as_writing_no_record() -> None:
    walked = _walked_files()
    unwalked, stale = [], []
    for path in _source_files():
        relative = path.relative_to(ROOT).as_posix()
        writes = bool(WRITE_CALL.search(path.read_text(encoding="utf-8")))
        if writes and relative not in walked and relative not in NOT_RECORD_WRITES:
            unwalked.append(relative)
        if relative in NOT_RECORD_WRITES and not writes:
            stale.append(relative)
    assert not unwalked, (
        "Modules that write but are not walked: add them to EXTRA_MODULES (and name their "
        f"functions) or to NOT_RECORD_WRITES with why: {unwalked}"
    )
    assert not stale, f"Named as writing but they no longer do: {stale}"


def _callers(name: str) -> list[str]:
    """`module.function` of every top-level function (or `module.Class.method`) calling
    `name`, in the project's source; `module` alone for a call outside any function."""
    found = []
    for path in _source_files():
        text = path.read_text(encoding="utf-8")
        if name not in text:
            continue
        module = path.relative_to(ROOT).with_suffix("").as_posix().replace("/", ".")
        module = module.removesuffix(".__init__")
        tree = ast.parse(text)

        def visit(node: ast.AST, where: str, module: str = module) -> None:
            for child in ast.iter_child_nodes(node):
                inner = where
                if isinstance(child, ast.FunctionDef | ast.AsyncFunctionDef | ast.ClassDef):
                    inner = f"{where}.{child.name}"
                if isinstance(child, ast.Call):
                    func = child.func
                    called = (
                        func.attr if isinstance(func, ast.Attribute) else getattr(func, "id", None)
                    )
                    if called == name:
                        found.append(where)
                visit(child, inner)

        visit(tree, module)
    return found


def test_every_part_is_called_only_by_writes_and_parts() -> None:
    writes = _writes()
    audited = {f"{m}.{n}" for m, names in writes.items() for n in names} | {
        f"{m}.{n}" for m, names in PARTS.items() for n in names
    }
    outside = []
    for module, names in PARTS.items():
        for name in names:
            for caller in _callers(name):
                # A function nested in a write (a lambda's helper) counts as that write.
                if not any(caller == a or caller.startswith(a + ".") for a in audited):
                    outside.append(f"{module}.{name} called from {caller}")
    assert not outside, (
        f"A part (no audit entry of its own) is called outside an audited write: {outside}"
    )


def _cases() -> list[tuple[str, str]]:
    import django

    django.setup()
    return [(module, name) for module, names in _writes().items() for name in names]


@pytest.mark.django_db
@pytest.mark.parametrize(("module", "name"), _cases(), ids=lambda v: v)
def test_every_write_service_leaves_an_audit_entry(
    module: str, name: str, plan: Any, personas: dict[str, Any]
) -> None:
    from plans.models import AuditEntry

    world = World(plan, personas)
    scenario = _writes()[module][name]
    mail.outbox = []
    before = AuditEntry.objects.order_by("-id").values_list("id", flat=True).first() or 0
    scenario(world)
    entries = list(AuditEntry.objects.filter(id__gt=max(before, world.before)).order_by("id"))
    assert entries, f"{module}.{name} left no audit entry"
    last = entries[-1]
    assert last.action.strip(), "an entry says what changed"
    assert last.at is not None
    if name in SYSTEM_WRITES:
        assert last.user_label == "system"
    else:
        assert last.user == world.actor and last.user_label == world.actor.username, (
            f"{module}.{name}: the entry names who"
        )
    if name in REASONS:
        assert any(REASONS[name] in e.reason for e in entries), f"{name}: the entry says why"


@pytest.mark.django_db
def test_a_recorded_change_is_one_entry_not_one_per_part(
    plan: Any, personas: dict[str, Any]
) -> None:
    """Inside `change_agreement` the parts' own entries are covered by its one entry."""
    from plans import revisions, services
    from plans.models import AuditEntry

    world = World(plan, personas)
    before = AuditEntry.objects.count()
    revisions.change_agreement(
        agreement=world.sub,
        user=world.user,
        action="To delmål tilføjet",
        change=lambda: (
            services.goal_save(agreement=world.sub, text="Et"),
            services.goal_save(agreement=world.sub, text="To"),
        ),
    )
    assert AuditEntry.objects.count() == before + 1
    assert AuditEntry.objects.order_by("-id").first().action == "To delmål tilføjet"  # type: ignore[union-attr]


@pytest.mark.django_db
def test_every_entry_is_on_the_plans_log_for_those_who_read_it(
    client: Any, plan: Any, personas: dict[str, Any]
) -> None:
    """Attachments, templates, measurements, meetings and roles all show on the log page;
    a partner (who does not read the log) gets 404."""
    world = World(plan, personas)
    writes = _writes()
    for module, name in (
        ("documents.services", "attachment_set_status"),
        ("documents.services", "word_template_delete"),
        ("followup.services", "measurement_correct"),
        ("followup.services", "board_meeting_record"),
        ("accounts.services", "membership_remove"),
        ("plans.services", "housing_area_save"),
    ):
        writes[module][name](world)
    client.force_login(personas["bestyrelse"])
    page = client.get(f"/planer/{plan.slug}/log/").content.decode()
    for words in (
        "Status for bilaget Budget ændret",
        "Word-skabelonen »skabelon.docx« fjernet",
        "Måling rettet",
        "Tastefejl",
        "Bestyrelsens opfølgningsmøde for 2025",
        "partner mistede rollen",
        "Boligområde tilføjet: Nordparken",
    ):
        assert words in page, words
    client.force_login(personas["partner"])
    assert client.get(f"/planer/{plan.slug}/log/").status_code == 404


@pytest.mark.django_db
def test_changes_across_plans_are_on_the_funding_periods_page_for_administrators(
    client: Any, plan: Any, personas: dict[str, Any]
) -> None:
    from accounts import services

    services.role_grant_across_plans(username="bestyrelse", role="lbf", by=personas["admin"])
    client.force_login(personas["admin"])
    page = client.get("/bevillingsperioder/").content.decode()
    assert "bestyrelse fik rollen" in page and "på tværs af planer" in page
    client.force_login(personas["koordinator"])
    assert client.get("/bevillingsperioder/").status_code == 404


@pytest.mark.django_db
def test_a_load_whose_evaluation_parts_fail_saves_nothing_and_logs_nothing(
    plan: Any, personas: dict[str, Any], monkeypatch: Any
) -> None:
    """The chain and the forandringsteori/process goals are one transaction: the chain's
    entry is not left behind for a save that did not happen."""
    from evaluation import interchange
    from plans import loading
    from plans.models import Agreement, AuditEntry

    def broken(**kwargs: Any) -> None:
        raise RuntimeError("the evaluation parts failed")

    monkeypatch.setattr(interchange, "save_from_interchange", broken)
    before = (Agreement.objects.count(), AuditEntry.objects.count())
    with pytest.raises(RuntimeError):
        loading.agreement_save_from_interchange(
            plan=plan,
            data=loading.read_documents([NEW_SUBAGREEMENT], plan.funding_period)[0],
            user=personas["koordinator"],
            reason="Indlæst fra fil",
        )
    assert (Agreement.objects.count(), AuditEntry.objects.count()) == before
