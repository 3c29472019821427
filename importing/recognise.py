"""The recognisers now live in the `importing.recognisers` package; this name stays for
callers that import it."""

from importing.recognisers import is_sheet_table, looks_like_agreement, recognise

__all__ = ["is_sheet_table", "looks_like_agreement", "recognise"]
