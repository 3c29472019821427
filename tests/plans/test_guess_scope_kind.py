"""The scope kind a figure gets when nobody said it (`plans.services.guess_scope_kind`): by
the scope's whole words, so a name that contains one of them is still a boligområde's."""

from __future__ import annotations

import pytest

from plans.models import MeasureRole, ScopeKind
from plans.services import guess_scope_kind


@pytest.mark.parametrize(
    ("scope", "kind"),
    [
        # a word of its kind
        ("Afd. 4", ScopeKind.DEPARTMENT),
        ("afd3", ScopeKind.DEPARTMENT),
        ("Kildevang (afdeling 1 og 2)", ScopeKind.DEPARTMENT),
        ("Afdelingerne i Bakkely", ScopeKind.DEPARTMENT),
        ("Boligafdelingen Solsikken", ScopeKind.DEPARTMENT),
        ("Åbyhavn Kommune", ScopeKind.MUNICIPALITY),
        ("hele kommunen", ScopeKind.MUNICIPALITY),
        ("Alle helhedsplaner", ScopeKind.ALL_PLANS),
        ("Landsgennemsnit", ScopeKind.NATIONAL),
        ("Hele landet", ScopeKind.NATIONAL),
        ("nationalt", ScopeKind.NATIONAL),
        # a name that only contains such a word is a boligområde's name
        ("Boligområdet Afdelingsvej", ScopeKind.HOUSING_AREA),
        ("Afdelingsparken", ScopeKind.HOUSING_AREA),
        ("Kommunehaven", ScopeKind.HOUSING_AREA),
        ("Hollandsvej", ScopeKind.HOUSING_AREA),
        ("Landsbyen", ScopeKind.HOUSING_AREA),
        ("Helhedsplanvej 2", ScopeKind.HOUSING_AREA),
        ("Kildevang", ScopeKind.HOUSING_AREA),
    ],
)
def test_the_kind_is_read_from_whole_words(scope: str, kind: str) -> None:
    assert guess_scope_kind(scope, MeasureRole.BASELINE) == kind


def test_without_a_scope_the_whole_or_for_a_comparator_the_municipality() -> None:
    assert guess_scope_kind("", MeasureRole.BASELINE) == ScopeKind.WHOLE
    assert guess_scope_kind(None, MeasureRole.COMPARATOR) == ScopeKind.MUNICIPALITY
