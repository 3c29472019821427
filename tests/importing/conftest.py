"""What every test of the importer shares: an import job is read in the request that starts
it (`tests.importing.reviewing.read_at_once`, the same code path as the background read), so
a test uploads a document and reviews it at once. Autouse for every module here."""

from __future__ import annotations

from tests.importing.reviewing import read_at_once

__all__ = ["read_at_once"]
