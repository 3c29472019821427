"""What an uploaded agreement is, decided by the one check in lib/uploads.py, with the
importer's own error type; and the zip-bomb guard the readers call before they unpack."""

from __future__ import annotations

import zipfile

from importing.errors import DocumentError
from lib import uploads
from lib.errors import DomainError

MAX_UNZIPPED = 200 * 1024 * 1024
MAX_RATIO = 100
NAMES = uploads.DOCUMENT_NAMES


def detect(data: bytes, filename: str) -> str:
    """The document's kind (one of NAMES) from its bytes; DocumentError in Danish."""
    try:
        return uploads.document_kind(data, filename)
    except DomainError as error:
        raise DocumentError(error.messages[0]) from None


def decode_text(data: bytes) -> str:
    try:
        return uploads.decode_text(data)
    except DomainError as error:
        raise DocumentError(error.messages[0]) from None


def check_zip_bomb(infos: list[zipfile.ZipInfo], packed_size: int) -> None:
    """Refuse archives that would unpack to far more than they weigh (before extracting)."""
    total = sum(info.file_size for info in infos)
    if total > MAX_UNZIPPED or total > MAX_RATIO * max(packed_size, 1) and total > 10 * 1024 * 1024:
        raise DocumentError(
            "Filen pakker ud til en mistænkeligt stor mængde data og afvises af sikkerhedshensyn."
        )
    if len(infos) > 5000:
        raise DocumentError("Filen indeholder for mange dele og afvises af sikkerhedshensyn.")
