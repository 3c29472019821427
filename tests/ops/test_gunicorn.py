"""The app as it is deployed: gunicorn with two workers, DEBUG off, static files through
WhiteNoise after `collectstatic`, the security headers on every answer."""

from __future__ import annotations

import socket
import subprocess
import sys
import time
import urllib.error
import urllib.request
from pathlib import Path

import pytest

from tests.ops.conftest import ROOT, FileDatabase

pytestmark = [pytest.mark.slow, pytest.mark.django_db]


def _port() -> int:
    for port in range(8150, 8200):  # the ports this project's tests may use
        with socket.socket() as s:
            try:
                s.bind(("127.0.0.1", port))
            except OSError:
                continue
            return port
    raise RuntimeError("no free port in 8150-8199")


def _get(url: str, **headers: str) -> tuple[int, dict[str, str], bytes]:
    request = urllib.request.Request(url, headers=headers)
    try:
        with urllib.request.urlopen(request, timeout=30) as response:
            return response.status, dict(response.headers), response.read()
    except urllib.error.HTTPError as error:
        return error.code, dict(error.headers), error.read()


def test_gunicorn_serves_pages_and_static_files_without_debug(
    file_db: FileDatabase, tmp_path: Path
) -> None:
    env = {
        **file_db.env,
        "HELHEDSPLAN_DEBUG": "0",
        "HELHEDSPLAN_SECRET_KEY": "s" * 30 + "-gunicorn-test-" + "0123456789abcdefghij",
        "HELHEDSPLAN_STATIC_ROOT": str(tmp_path / "static"),
    }
    subprocess.run(
        [sys.executable, "manage.py", "collectstatic", "--noinput", "-v0"],
        cwd=ROOT,
        env=env,
        check=True,
        timeout=600,
    )
    port = _port()
    server = subprocess.Popen(
        [sys.executable, "-m", "gunicorn", "config.wsgi", "-w", "2", "-b", f"127.0.0.1:{port}"],
        cwd=ROOT,
        env=env,
        stdout=subprocess.DEVNULL,
        stderr=subprocess.PIPE,
    )
    base = f"http://127.0.0.1:{port}"
    try:
        for _ in range(300):
            try:
                urllib.request.urlopen(base + "/konto/log-ind/", timeout=2)
                break
            except OSError:
                time.sleep(0.2)
        status, headers, body = _get(base + "/konto/log-ind/")
        assert status == 200 and "Log ind" in body.decode()
        assert "script-src 'self'" in headers["Content-Security-Policy"]
        assert headers["X-Frame-Options"] == "DENY"
        status, headers, body = _get(base + "/static/dkfds/css/dkfds.min.css")
        assert status == 200 and headers["Content-Type"].startswith("text/css") and body
        status, headers, _ = _get(base + "/static/js/app.js", **{"Accept-Encoding": "gzip"})
        assert status == 200 and headers.get("Content-Encoding") == "gzip"
        status, _, body = _get(base + "/static/findes-ikke.css")
        assert status == 404 and "Siden findes ikke" in body.decode()
    finally:
        server.terminate()
        server.wait(timeout=30)
