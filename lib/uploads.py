"""Upload size enforced while the request body streams in, not after it has all arrived.

`BoundedUploadHandler` comes first in FILE_UPLOAD_HANDLERS:

- a request whose Content-Length is over the upload limit (plus room for the form's other
  fields) is refused before one byte of it is read: `UploadTooLarge`, a 400 that our error
  handler (config/errors.py) shows as a Danish page, or JSON under /api/;
- a file that grows past `settings.MAX_UPLOAD_BYTES` while it streams in is kept no further:
  the rest of its bytes are counted and dropped (never in memory, never on disk), and the view
  receives an empty stand-in whose `size` is the real size, so the form refuses it with its
  own Danish message beside the other fields.

Both bound memory and disk by the limit; the first also bounds the time spent reading.
"""

from __future__ import annotations

import io
from typing import Any

from django.conf import settings
from django.core.exceptions import RequestDataTooBig
from django.core.files.uploadedfile import UploadedFile
from django.core.files.uploadhandler import FileUploadHandler

from lib.danish import format_size

# Room for the other fields of a multipart form around the file itself.
FORM_OVERHEAD_BYTES = 256 * 1024


class UploadTooLarge(RequestDataTooBig):
    """The request is larger than any upload may be; `message` is Danish."""

    def __init__(self, size: int, limit: int) -> None:
        self.size = size
        self.limit = limit
        self.message = (
            f"Filen er for stor ({format_size(size)}); grænsen er {format_size(limit)}. "
            "Intet er gemt."
        )
        super().__init__(self.message)


class OversizedUpload(UploadedFile):
    """Stands in for a file that passed the limit: no content, the size it had."""

    oversized = True

    def __init__(self, name: str, content_type: str | None, size: int) -> None:
        super().__init__(io.BytesIO(b""), name=name, content_type=content_type, size=size)


class BoundedUploadHandler(FileUploadHandler):
    def __init__(self, request: Any = None) -> None:
        super().__init__(request)
        self.limit = int(settings.MAX_UPLOAD_BYTES)
        self.seen = 0
        self.oversized = False

    def handle_raw_input(
        self,
        input_data: Any,
        META: Any,
        content_length: int,
        boundary: Any,
        encoding: str | None = None,
    ) -> None:
        if content_length and content_length > self.limit + FORM_OVERHEAD_BYTES:
            raise UploadTooLarge(content_length, self.limit)
        return None

    def new_file(self, *args: Any, **kwargs: Any) -> None:
        super().new_file(*args, **kwargs)
        self.seen = 0
        self.oversized = False

    def receive_data_chunk(self, raw_data: bytes, start: int) -> bytes | None:
        self.seen += len(raw_data)
        if self.seen > self.limit:
            self.oversized = True
        # past the limit the bytes go nowhere: the later handlers get nothing to keep
        return None if self.oversized else raw_data

    def file_complete(self, file_size: int) -> UploadedFile | None:
        if self.oversized:
            return OversizedUpload(self.file_name or "fil", self.content_type, self.seen)
        return None
