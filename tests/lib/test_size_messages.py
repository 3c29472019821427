"""File sizes in Danish messages: »30 MB«, »1,5 MB«, never »30.0 MB«; every size message
goes through lib.danish.format_size."""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from lib.danish import format_size

ROOT = Path(__file__).resolve().parents[2]


@pytest.mark.parametrize(
    ("size", "text"),
    [
        (30 * 1_048_576, "30 MB"),
        (20 * 1_048_576, "20 MB"),
        (int(1.5 * 1_048_576), "1,5 MB"),
        (int(30.04 * 1_048_576), "30 MB"),
        (1234 * 1_048_576, "1.234 MB"),
        (250 * 1024, "250 kB"),
    ],
)
def test_format_size(size: int, text: str) -> None:
    assert format_size(size) == text


def test_no_size_message_formats_megabytes_itself() -> None:
    """A size written with Python's own formatting (»{size / 1_048_576:.1f} MB«) gives
    »30.0 MB« in a Danish sentence; every one goes through format_size instead."""
    pattern = re.compile(r"1_048_576[^\n]*\}\s*MB|1048576[^\n]*\}\s*MB|_mb\(")
    offenders = [
        f"{path.relative_to(ROOT)}:{number}"
        for folder in ("accounts", "config", "demo", "documents", "followup", "importing",
                       "lib", "plans")
        for path in (ROOT / folder).rglob("*.py")
        for number, line in enumerate(path.read_text("utf-8").splitlines(), start=1)
        if pattern.search(line)
    ]  # fmt: skip
    assert offenders == []
