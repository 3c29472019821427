"""Which scope kind a figure's scope names is read from its whole words, by one rule
(`importing.figures.scope_kind_of`) that the import and saving's guess
(`plans.services.guess_scope_kind`) both use: a name that only contains such a word
(»Afdelingsparken«, »Kommunehaven«, »Landsbyen«) names no kind."""

from __future__ import annotations

import pytest

from importing.figures import scope_kind_of
from plans.models import MeasureRole, ScopeKind
from plans.services import guess_scope_kind

# A name holding a kind's word inside another word, for every word of the table.
NAMES = [
    "Afdelingsparken",
    "Afdelingsvej 3",
    "Afdøde",
    "Boligafdelingsvej",
    "Helhedsplanvej 2",
    "Landsbyen",
    "Landskronagade",
    "Nationalitet",
    "Kommunehaven",
    "Boligområdevej",
    "Bebyggelsesplanen",
    "Målgruppevej",
    "Deltagerhuset",
    "Respondentvej",
    "Eleverhusene",
    "Ungegården",
    "Børnehuset",
    "Drengestuen",
    "Pigernes Hus",
    "Kvindernes Plads",
    "Familiernes Hus",
    "Forældrehaven",
]


@pytest.mark.parametrize("name", NAMES)
def test_a_name_that_only_contains_a_kinds_word_names_no_kind(name: str) -> None:
    assert scope_kind_of(name) is None
    assert guess_scope_kind(name, MeasureRole.BASELINE) == ScopeKind.HOUSING_AREA


@pytest.mark.parametrize(
    ("scope", "kind"),
    [
        ("Afdelingen Solsikken", ScopeKind.DEPARTMENT),
        ("afdelingernes beboere", ScopeKind.DEPARTMENT),
        ("boligafd. 4", ScopeKind.DEPARTMENT),
        ("afd3", ScopeKind.DEPARTMENT),
        ("Helhedsplanerne i Danmark", ScopeKind.ALL_PLANS),
        ("på landsplan", ScopeKind.NATIONAL),
        ("landsgennemsnittet", ScopeKind.NATIONAL),
        ("hele Danmark", ScopeKind.NATIONAL),
        ("kommunens gennemsnit", ScopeKind.MUNICIPALITY),
        ("kommunalt", ScopeKind.MUNICIPALITY),
        ("boligområderne", ScopeKind.HOUSING_AREA),
        ("bebyggelsen", ScopeKind.HOUSING_AREA),
        ("målgruppen", ScopeKind.TARGET_GROUP),
        ("Malgruppen", ScopeKind.TARGET_GROUP),  # OCR lost the å
        ("deltagerne", ScopeKind.TARGET_GROUP),
        ("Mænd 18-30 år", ScopeKind.TARGET_GROUP),
        ("forældrene", ScopeKind.TARGET_GROUP),
        ("eleverne", ScopeKind.TARGET_GROUP),
    ],
)
def test_a_kinds_word_with_its_endings_names_the_kind(scope: str, kind: str) -> None:
    assert scope_kind_of(scope) == kind
    assert guess_scope_kind(scope, MeasureRole.BASELINE) == kind


@pytest.mark.parametrize(
    "scope",
    [
        "Afd. 4",
        "Lyngmose Kommune",
        "alle helhedsplaner",
        "Hele landet",
        "unge 15-24 år",
        "Hele området",
        "samlet",
        "boligområdet Lyngtoften",
    ],
)
def test_saving_guesses_what_the_import_reads(scope: str) -> None:
    """One rule: where the scope's words say a kind, saving's guess is that kind."""
    assert guess_scope_kind(scope, MeasureRole.BASELINE) == scope_kind_of(scope)
