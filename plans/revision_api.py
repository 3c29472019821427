"""The approval flow over the JSON API: the board's approval and LBF's, for signed-in users.

POST /api/aftaler/<id>/godkendelse/      {"moededato": "4. marts 2025", "reference": "",
                                          "bemaerkning": ""}   a board member approves
POST /api/aftaler/<id>/lbf-godkendelse/  {"dato": "15.04.2025", "reference": ""}
                                          koordinator or administrator records LBF's approval

Dates are Danish text or ISO; they are read and judged by `plans.revisions` exactly as the
form and the command line have them judged. Errors are {"fejl": [...]} as in `plans.api`.
"""

from __future__ import annotations

from typing import Any

from django.http import HttpRequest, HttpResponse

from lib.errors import DomainError
from plans import access, revisions
from plans.api import _json, api_view, request_json
from plans.models import AgreementRevision


def _body(request: HttpRequest) -> dict[str, Any]:
    data = request_json(request, empty={})
    if not isinstance(data, dict):
        raise DomainError('Send et JSON-objekt, fx {"moededato": "4. marts 2025"}.')
    return data


def _text(data: dict[str, Any], key: str) -> str:
    value = data.get(key)
    return "" if value is None else str(value)


def _revision_json(revision: AgreementRevision) -> dict[str, Any]:
    return {
        "aftale": revision.agreement_id,
        "version": revision.version,
        "status": revision.status,
        "moededato": revision.meeting_date.isoformat() if revision.meeting_date else None,
        "godkendt": revision.approved_on.isoformat() if revision.approved_on else None,
    }


@api_view(("POST",))
def agreement_approve(request: HttpRequest, pk: int) -> HttpResponse:
    agreement = access.access_agreement_for_user(request.user, pk)
    if not access.can_approve(request.user, agreement.plan):
        raise access.NotFound
    data = _body(request)
    revision = revisions.agreement_approve(
        agreement=agreement,
        user=request.user,
        meeting_date=_text(data, "moededato"),
        meeting_reference=_text(data, "reference"),
        note=_text(data, "bemaerkning"),
    )
    return _json(_revision_json(revision))


@api_view(("POST",))
def agreement_lbf_approval(request: HttpRequest, pk: int) -> HttpResponse:
    agreement = access.access_agreement_for_user(request.user, pk, write=True)
    data = _body(request)
    revision = revisions.agreement_record_lbf_approval(
        agreement=agreement,
        user=request.user,
        approved_on=_text(data, "dato"),
        reference=_text(data, "reference"),
    )
    return _json(_revision_json(revision))
