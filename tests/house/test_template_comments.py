"""Django's `{# … #}` is a one-line comment: one spread over lines is printed on the page
(F28: a developer's note shown to every reader). A longer note is a `{% comment %}`."""

from __future__ import annotations

import re
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]


def multi_line_comments(text: str) -> list[int]:
    """The line numbers of `{#` comments not closed on their own line."""
    lines = []
    for number, line in enumerate(text.splitlines(), 1):
        for match in re.finditer(r"\{#", line):
            if "#}" not in line[match.end() :]:
                lines.append(number)
    return lines


def test_the_check_finds_a_comment_over_two_lines() -> None:
    assert multi_line_comments("{% load x %}{# one\n two #}\n{# fine #}") == [1]
    assert multi_line_comments("{# a #} {# b #}") == []


def test_no_template_has_a_multi_line_hash_comment() -> None:
    found = [
        f"{path.relative_to(ROOT)}:{line}"
        for path in sorted((ROOT / "templates").rglob("*.html"))
        + sorted(ROOT.glob("*/templates/**/*.html"))
        for line in multi_line_comments(path.read_text(encoding="utf-8"))
    ]
    assert found == [], "use {% comment %} for a note over several lines: " + ", ".join(found)
