"""The follow-up over the JSON API, for koordinatorer and administrators of the plan.

POST /api/planer/<slug>/maalinger/        one measurement or a list, as JSON objects with the
                                          keys of `tabular.RECORD_KEYS` (indikator, omfang,
                                          gaelder_for, periode, aar, halvaar, survey,
                                          som_skrevet, antal, procent, ud_af, kilde, note,
                                          begrundelse, uden_for_planperioden)
POST /api/planer/<slug>/bestyrelsesmoede/ {"aar": 2025, "moededato": "20.11.2025",
                                          "deltagere": "...", "beslutninger": "...",
                                          "uden_arkiverede_dokumenter": false}
                                          (true only when the board got no archived
                                          documents: `services.board_meeting_record`)

Measurements take the spreadsheet's path (`services.measurements_import`): the same reading
of »som_skrevet«, the same rules and the same Danish messages; nothing is saved when one
fails. Errors are {"fejl": [...]} as in `plans.api`; each measurement's outcome is in
"maalinger".
"""

from __future__ import annotations

from typing import Any

from django.http import HttpRequest, HttpResponse

from followup import services, tabular
from lib.errors import DomainError
from plans import access
from plans.api import _json, api_view, request_json
from plans.models import Plan


def _plan(request: HttpRequest, slug: str) -> Plan:
    plan = access.access_plan_for_user(request.user, slug)
    if not access.can_record_followup(request.user, plan):
        raise access.NotFound
    return plan


def _body(request: HttpRequest) -> Any:
    return request_json(request)


@api_view(("POST",))
def measurements(request: HttpRequest, slug: str) -> HttpResponse:
    plan = _plan(request, slug)
    data = _body(request)
    records = data if isinstance(data, list) else [data]
    result = services.measurements_import(
        plan=plan, rows=tabular.rows_from_records(records), recorded_by=request.user
    )
    outcomes = [{"maaling": r.row, "udfald": r.outcome, "besked": r.message} for r in result.rows]
    if not result.ok:
        prefix = len(records) > 1
        return _json(
            {
                "fejl": [
                    f"Måling {e.row}: {e.message}" if prefix else e.message for e in result.errors
                ],
                "maalinger": outcomes,
            },
            status=400,
        )
    return _json(
        {
            "nye": result.saved,
            "rettede": result.corrected,
            "uaendrede": result.unchanged,
            "maalinger": outcomes,
        },
        status=201 if result.saved or result.corrected else 200,
    )


@api_view(("POST",))
def board_meeting(request: HttpRequest, slug: str) -> HttpResponse:
    plan = _plan(request, slug)
    data = _body(request)
    if not isinstance(data, dict):
        raise DomainError('Send et JSON-objekt, fx {"aar": 2025, "moededato": "20.11.2025"}.')
    year = data.get("aar")
    if not isinstance(year, int) or not 1990 <= year <= 2100:
        raise DomainError("Skriv opfølgningsåret som et årstal, fx 2025.")
    without = data.get("uden_arkiverede_dokumenter", False)
    if not isinstance(without, bool):
        raise DomainError("»uden_arkiverede_dokumenter« skal være true eller false.")
    meeting = services.board_meeting_record(
        plan=plan,
        year=year,
        held_on=str(data.get("moededato") or ""),
        attendees=str(data.get("deltagere") or ""),
        decisions=str(data.get("beslutninger") or ""),
        without_documents=without,
        recorded_by=request.user,
    )
    return _json(
        {"aar": meeting.year, "moededato": meeting.held_on.isoformat(), "id": meeting.pk},
        status=201,
    )
