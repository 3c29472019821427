"""HTTP helpers: a download's Content-Disposition for any file name (RFC 6266 / RFC 5987)."""

from __future__ import annotations

import re
import unicodedata
from pathlib import PurePath
from urllib.parse import quote

_UNSAFE_ASCII = re.compile(r"[^A-Za-z0-9 ._()\[\]+,;=@&%!#$^{}~-]")


def _ascii_fallback(name: str) -> str:
    folded = unicodedata.normalize("NFKD", name)
    folded = folded.replace("æ", "ae").replace("Æ", "Ae").replace("ø", "oe").replace("Ø", "Oe")
    ascii_name = _UNSAFE_ASCII.sub("_", folded.encode("ascii", "ignore").decode("ascii"))
    ascii_name = re.sub(r"_+", "_", ascii_name).strip(" ._")
    suffix = PurePath(name).suffix
    if not ascii_name or ascii_name == suffix.strip("."):
        ascii_name = "fil" + (suffix if suffix.isascii() else "")
    return ascii_name


def attachment_disposition(filename: str) -> str:
    """`attachment; filename="…"` and, when the name is not plain ASCII (æøå, emoji), also
    `filename*=UTF-8''…` with the exact name; control characters and path separators go."""
    name = "".join(ch for ch in filename if unicodedata.category(ch)[0] != "C")
    name = name.replace("/", "_").replace("\\", "_").strip() or "fil"
    fallback = _ascii_fallback(name)
    header = f'attachment; filename="{fallback}"'
    if fallback != name:
        header += f"; filename*=UTF-8''{quote(name, safe='')}"
    return header
