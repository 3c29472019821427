"""`run_bounded`: a real child process under real limits of time and memory."""

from __future__ import annotations

import time
from typing import Any

import pytest

from importing.errors import DocumentError
from lib.background import LimitExceeded, Limits, WorkCrashed, duration_text, run_bounded


def _say_and_return(report: Any, value: int) -> int:
    report("første")
    report("anden")
    return value * 2


def _sleep(report: Any) -> None:
    time.sleep(30)


def _allocate(report: Any) -> int:
    return len(bytearray(400 * 1024 * 1024))


def _refuse(report: Any) -> None:
    raise DocumentError("Filen er tom.")


def _bug(report: Any) -> None:
    raise KeyError("oops")


def test_result_and_progress_come_back_from_the_child() -> None:
    heard: list[str] = []
    assert run_bounded(_say_and_return, 21, limits=Limits(30, 1024), on_message=heard.append) == 42
    assert heard == ["første", "anden"]


def test_the_deadline_stops_the_child() -> None:
    started = time.monotonic()
    with pytest.raises(LimitExceeded) as caught:
        run_bounded(_sleep, limits=Limits(0.5, 1024))
    assert caught.value.kind == "time"
    assert "tog længere end 0,5 sekunder" in caught.value.message
    assert time.monotonic() - started < 10


def test_the_memory_limit_stops_the_child_but_not_this_process() -> None:
    with pytest.raises(LimitExceeded) as caught:
        run_bounded(_allocate, limits=Limits(30, 300))
    assert caught.value.kind == "memory"
    assert "mere end 300 MB hukommelse" in caught.value.message
    # the same work within a larger limit succeeds
    assert run_bounded(_allocate, limits=Limits(30, 2048)) == 400 * 1024 * 1024


def test_expected_errors_pass_through_and_bugs_are_reported() -> None:
    with pytest.raises(DocumentError, match="Filen er tom"):
        run_bounded(_refuse, limits=Limits(30, 1024), expected=(DocumentError,))
    with pytest.raises(WorkCrashed) as caught:
        run_bounded(_bug, limits=Limits(30, 1024))
    assert "KeyError" in caught.value.detail


@pytest.mark.parametrize(
    ("seconds", "text"),
    [
        (900, "15 minutter"),
        (60, "1 minut"),
        (1, "1 sekund"),
        (90, "90 sekunder"),
        (0.5, "0,5 sekunder"),
    ],
)
def test_durations_in_danish(seconds: float, text: str) -> None:
    assert duration_text(seconds) == text
