"""Mangled and truncated input: the readers raise DocumentError, never anything else."""

from __future__ import annotations

from functools import cache

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from importing.errors import DocumentError
from importing.pipeline import read_document
from tests.importing.builders import docx_agreement, pdf_agreement

NAMES = ["a.txt", "a.md", "a.html", "a.docx", "a.pdf", "a.odt", "a.png", "a"]


@cache
def _samples() -> dict[str, bytes]:
    return {"a.docx": docx_agreement(), "a.pdf": pdf_agreement(rows=3)}


def _read(data: bytes, name: str) -> None:
    try:
        read_document(data, name, ocr=False)
    except DocumentError as error:
        assert error.message


@settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(data=st.binary(max_size=2000), name=st.sampled_from(NAMES))
def test_random_bytes_give_document_error_or_a_reading(data, name):
    _read(data, name)


@settings(max_examples=40, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(
    name=st.sampled_from(["a.docx", "a.pdf"]),
    cut=st.floats(min_value=0.0, max_value=1.0),
    flips=st.lists(st.tuples(st.floats(0, 1), st.integers(0, 255)), max_size=5),
)
def test_truncated_and_corrupted_office_files_give_document_error(name, cut, flips):
    data = bytearray(_samples()[name])
    for where, value in flips:
        data[int(where * (len(data) - 1))] = value
    _read(bytes(data[: max(1, int(len(data) * cut))]), name)


@settings(max_examples=60, deadline=None)
@given(text=st.text(max_size=1500))
def test_any_text_gives_document_error_or_a_reading(text):
    _read(text.encode("utf-8"), "a.txt")
