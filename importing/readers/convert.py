"""Old Word (.doc) and RTF files: LibreOffice headless converts them to DOCX, then the DOCX
reader reads them. Bounded by a timeout; LibreOffice runs with a throw-away profile (so two
conversions never share state) and in its own process group (so a hung one is killed whole).
Macros are not run: headless conversion keeps LibreOffice's default macro security.
"""

from __future__ import annotations

import os
import shutil
import signal
import subprocess
import tempfile
from pathlib import Path

from importing import progress
from importing.errors import DocumentError
from importing.tree import Document

TIMEOUT_SECONDS = 90


def convert_to_docx(data: bytes, suffix: str, *, timeout: float = TIMEOUT_SECONDS) -> bytes:
    soffice = shutil.which("soffice") or shutil.which("libreoffice")
    if soffice is None:
        raise DocumentError(
            "Filen kan ikke konverteres, fordi LibreOffice mangler på serveren. "
            "Gem den som .docx eller PDF og prøv igen."
        )
    progress.report("Dokumentet konverteres til Word-format (DOCX).")
    with tempfile.TemporaryDirectory(prefix="helhedsplan-convert-") as tmp:
        source = Path(tmp) / f"dokument{suffix}"
        source.write_bytes(data)
        command = [
            soffice,
            f"-env:UserInstallation={Path(tmp, 'profile').as_uri()}",
            "--headless",
            "--norestore",
            "--nolockcheck",
            "--convert-to",
            "docx:MS Word 2007 XML",
            "--outdir",
            tmp,
            str(source),
        ]
        process = subprocess.Popen(  # noqa: S603 - fixed command, our own temp paths
            command,
            stdout=subprocess.DEVNULL,
            stderr=subprocess.DEVNULL,
            start_new_session=True,
            env={**os.environ, "HOME": tmp},
        )
        try:
            process.wait(timeout=timeout)
        except subprocess.TimeoutExpired:
            os.killpg(process.pid, signal.SIGKILL)
            process.wait()
            raise DocumentError(
                "Konverteringen af dokumentet tog for lang tid og blev stoppet. "
                "Gem filen som .docx eller PDF og prøv igen."
            ) from None
        target = Path(tmp) / "dokument.docx"
        if process.returncode != 0 or not target.is_file() or target.stat().st_size == 0:
            raise DocumentError(
                "Dokumentet kunne ikke konverteres; filen kan være beskadiget. "
                "Gem den som .docx eller PDF og prøv igen."
            )
        return target.read_bytes()


def read_legacy(data: bytes, suffix: str) -> Document:
    from importing.readers.docx import read_docx

    return read_docx(convert_to_docx(data, suffix))
