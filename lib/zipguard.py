"""A ZIP package (DOCX, XLSX, ODT, ODS) checked by decompressing it, not by believing it.

A zip bomb can declare small sizes in its headers and still inflate to gigabytes. Here every
member is streamed through the decompressor in chunks, counting the bytes that really come
out; reading stops at the first chunk past the budget, so memory stays at one chunk and time
at the budget. A member whose data do not match its declared size or CRC is refused as
damaged (Python's zipfile checks both as the stream ends).
"""

from __future__ import annotations

import io
import zipfile
import zlib

from lib.errors import DomainError

MAX_UNPACKED = 200 * 1024 * 1024
MAX_MEMBERS = 5000
MAX_RATIO = 100
CHUNK = 64 * 1024

BOMB_MESSAGE = (
    "Filen pakker ud til en mistænkeligt stor mængde data og afvises af sikkerhedshensyn."
)
DAMAGED_MESSAGE = "Filen er en beskadiget eller afkortet Office-fil."


def check_zip_package(data: bytes, *, max_unpacked: int | None = None) -> int:
    """The archive's real unpacked size; DomainError (Danish) for a bomb or a damaged file."""
    max_unpacked = MAX_UNPACKED if max_unpacked is None else max_unpacked
    try:
        with zipfile.ZipFile(io.BytesIO(data)) as archive:
            infos = archive.infolist()
            if len(infos) > MAX_MEMBERS:
                raise DomainError("Filen indeholder for mange dele og afvises af sikkerhedshensyn.")
            if sum(info.file_size for info in infos) > max_unpacked:
                raise DomainError(BOMB_MESSAGE)  # honest headers: no need to inflate
            total = 0
            for info in infos:
                if info.is_dir():
                    continue
                with archive.open(info) as member:
                    while chunk := member.read(CHUNK):
                        total += len(chunk)
                        if total > max_unpacked:
                            raise DomainError(BOMB_MESSAGE)
            if total > MAX_RATIO * max(len(data), 1) and total > 10 * 1024 * 1024:
                raise DomainError(BOMB_MESSAGE)
            return total
    except (zipfile.BadZipFile, zipfile.LargeZipFile, OSError, EOFError, ValueError, zlib.error):
        raise DomainError(DAMAGED_MESSAGE) from None
    except (NotImplementedError, RuntimeError):  # unknown compression, encrypted member
        raise DomainError(
            "Filen er krypteret eller pakket på en måde, der ikke kan læses; gem den igen "
            "uden adgangskode."
        ) from None
