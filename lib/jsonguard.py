"""JSON from outside, read within bounds: the one guard the API, the loader and the importer call.

`load_json` refuses, with a Danish DomainError and before anything is written, a text that is
too large, empty, not UTF-8, not JSON, nested deeper than `max_depth`, or that holds what JSON
allows but no document of ours can use: a text longer than `lib.forms.LONG`, a lone surrogate (`"\\ud800"`, which cannot be stored
or written back as UTF-8), a key given twice in one object (the first value would be dropped
silently), NaN/Infinity, or a number too long to convert.
"""

from __future__ import annotations

import json
import re
from typing import Any

from django.conf import settings

from lib.errors import DomainError, echo
from lib.forms import LONG, too_long
from lib.uploads import size_problem

MAX_DEPTH = 40
_SURROGATE = re.compile("[\ud800-\udfff]")


def _no_duplicates(pairs: list[tuple[str, Any]]) -> dict[str, Any]:
    result: dict[str, Any] = {}
    for key, value in pairs:
        if key in result:
            shown = key[:60].encode("utf-8", "replace").decode("utf-8")
            raise DomainError(f"Nøglen »{shown}« står to gange i samme objekt; angiv den én gang.")
        result[key] = value
    return result


def _no_constant(name: str) -> Any:
    raise DomainError(f"{name} er ikke et gyldigt tal i JSON.")


def _check_tree(data: Any, *, max_depth: int, what: str) -> None:
    """Depth and strings, walked with an explicit stack (no recursion to exhaust)."""
    stack: list[tuple[Any, int]] = [(data, 1)]
    while stack:
        node, depth = stack.pop()
        if isinstance(node, dict | list):
            if depth > max_depth:
                raise DomainError(
                    f"{what} er indlejret for dybt (mere end {max_depth} niveauer) og afvises."
                )
            items = node.items() if isinstance(node, dict) else enumerate(node)
            for key, value in items:
                if isinstance(key, str) and _SURROGATE.search(key):
                    raise DomainError(_surrogate_message(what))
                stack.append((value, depth + 1))
        elif isinstance(node, str):
            if _SURROGATE.search(node):
                raise DomainError(_surrogate_message(what))
            if too := too_long(node, LONG):  # no field of ours takes more (lib.forms)
                raise DomainError(f"{what} har en tekst på »{echo(node)}«: {too}")


def _surrogate_message(what: str) -> str:
    return (
        f"{what} indeholder et ugyldigt tegn (en enlig UTF-16-surrogat som \\ud800), "
        "der ikke er tekst; ret kilden og prøv igen."
    )


def load_json(
    raw: bytes | str,
    *,
    max_bytes: int | None = None,
    max_depth: int = MAX_DEPTH,
    what: str = "Filen",
) -> Any:
    """The parsed JSON value, or DomainError (Danish) naming what is wrong."""
    limit = max_bytes or settings.MAX_UPLOAD_BYTES
    size = len(raw.encode("utf-8", "surrogatepass")) if isinstance(raw, str) else len(raw)
    if size > limit:
        raise DomainError(str(size_problem(size, limit=limit, what=what)))
    if isinstance(raw, bytes):
        try:
            text = raw.decode("utf-8-sig")
        except UnicodeDecodeError:
            raise DomainError(f"{what} er ikke tekst i UTF-8; forventede JSON.") from None
    else:
        text = raw
    if not text.strip():
        raise DomainError(f"{what} er tom.")
    try:
        data = json.loads(text, object_pairs_hook=_no_duplicates, parse_constant=_no_constant)
    except json.JSONDecodeError as error:
        raise DomainError(
            f"{what} er ikke gyldig JSON (linje {error.lineno}, kolonne {error.colno})."
        ) from None
    except RecursionError:
        raise DomainError(
            f"{what} er indlejret for dybt (mere end {max_depth} niveauer) og afvises."
        ) from None
    except ValueError:  # an integer longer than Python converts (sys.get_int_max_str_digits)
        raise DomainError(f"{what} indeholder et tal med for mange cifre.") from None
    _check_tree(data, max_depth=max_depth, what=what)
    return data
