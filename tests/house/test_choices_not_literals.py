"""Roles and statuses are named through their TextChoices (`accounts.models.Role`,
`plans.models.AgreementStatus`, ...), never as bare strings, in the project's Python code
(migrations freeze values and tests may spell them out): a renamed value then breaks at the
import, not silently at a comparison that is never true again."""

from __future__ import annotations

import ast
import re
from pathlib import Path

from accounts.models import Role
from documents.models import AttachmentStatus
from importing.models import ImportStatus
from plans.models import AgreementStatus, RevisionStatus

ROOT = Path(__file__).resolve().parents[2]
SKIPPED = {"migrations", "tests", ".venv", "corpus", "bench", "static", "templates", "media"}
VALUES = {
    "role": set(Role.values),
    "status": set(AgreementStatus.values)
    | set(RevisionStatus.values)
    | set(ImportStatus.values)
    | set(AttachmentStatus.values),
}


def _field(name: str) -> str | None:
    base = name.split("__")[-2] if name.endswith("__in") else name.split("__")[-1]
    return base if base in VALUES else None


def _literals(node: ast.AST) -> list[str]:
    if isinstance(node, ast.Constant) and isinstance(node.value, str):
        return [node.value]
    if isinstance(node, ast.List | ast.Tuple | ast.Set):
        return [v for e in node.elts for v in _literals(e)]
    return []


def _offences(tree: ast.AST) -> list[tuple[int, str]]:
    found = []
    for node in ast.walk(tree):
        if isinstance(node, ast.keyword) and node.arg and (field := _field(node.arg)):
            found += [(node.value.lineno, v) for v in _literals(node.value) if v in VALUES[field]]
        if isinstance(node, ast.Compare):
            sides = [node.left, *node.comparators]
            names = [
                s.attr if isinstance(s, ast.Attribute) else getattr(s, "id", None) for s in sides
            ]
            fields = {f for n in names if n and (f := _field(n))}
            for field in fields:
                found += [
                    (node.lineno, v) for s in sides for v in _literals(s) if v in VALUES[field]
                ]
    return found


def test_no_role_or_status_is_a_bare_string_in_the_code() -> None:
    offenders = []
    for path in sorted(ROOT.rglob("*.py")):
        if SKIPPED & set(path.relative_to(ROOT).parts):
            continue
        for line, value in _offences(ast.parse(path.read_text("utf-8"))):
            offenders.append(f"{path.relative_to(ROOT)}:{line} »{value}«")
    assert not offenders, offenders


def test_the_check_finds_a_bare_role_and_status() -> None:
    source = (
        'Membership.objects.filter(role__in=["lbf", "admin"])\n'
        'if membership.role == "koordinator": pass\n'
        'Agreement.objects.filter(status="draft")\n'
        "Q(role=Role.LBF)\n"
    )
    assert sorted(v for _, v in _offences(ast.parse(source))) == [
        "admin",
        "draft",
        "koordinator",
        "lbf",
    ]


def _template_offences(text: str) -> list[str]:
    """Roles and statuses compared as bare strings inside `{% if %}` tags of a template."""
    found = []
    for tag in re.findall(r"{%\s*(?:el)?if\b(.*?)%}", text, re.S):
        for name, value in re.findall(r"([\w.]+)\s*(?:==|!=)\s*[\"']([\w-]+)[\"']", tag) + [
            (n, v) for v, n in re.findall(r"[\"']([\w-]+)[\"']\s*(?:==|!=)\s*([\w.]+)", tag)
        ]:
            field = name.split(".")[-1]
            if field in VALUES and value in VALUES[field]:
                found.append(f"{name} == {value}")
    return found


def test_no_role_or_status_is_a_bare_string_in_the_templates() -> None:
    """Templates compare with the TextChoices the view passes (`statuses.APPROVED`)."""
    offenders = []
    for path in sorted((ROOT / "templates").rglob("*.html")):
        for offence in _template_offences(path.read_text("utf-8")):
            offenders.append(f"{path.relative_to(ROOT)}: {offence}")
    assert not offenders, offenders


def test_the_template_check_finds_a_bare_status() -> None:
    source = (
        "{% if agreement.status == 'draft' %}x{% elif m.role != \"lbf\" %}y{% endif %}"
        "{% if job.status == import_statuses.READY %}z{% endif %}"
        "{% if nav == 'plan' %}{% endif %}"
    )
    assert _template_offences(source) == ["agreement.status == draft", "m.role == lbf"]
