"""Safe by default: DEBUG off unless asked for, production switches from the environment,
our own Danish error pages, a Content Security Policy, Danish password rules."""

from __future__ import annotations

import json
import subprocess
import sys
from typing import Any

import pytest
from django.test import Client

from tests.ops.conftest import ROOT

SECRET = "k" * 20 + "-ops-test-" + "abcdefghijklmnopqrstuvwxyz0123456789"


def _settings_in_a_fresh_process(env: dict[str, str], *names: str) -> dict[str, Any]:
    code = (
        "import json, django; django.setup(); from django.conf import settings; "
        f"print(json.dumps({{n: getattr(settings, n) for n in {list(names)!r}}}, default=str))"
    )
    result = subprocess.run(
        [sys.executable, "-c", code],
        cwd=ROOT,
        env={"PATH": "/usr/bin:/bin", "DJANGO_SETTINGS_MODULE": "config.settings", **env},
        capture_output=True,
        text=True,
        timeout=120,
    )
    assert result.returncode == 0, result.stderr
    return json.loads(result.stdout.strip().splitlines()[-1])


def test_debug_is_off_unless_set_and_https_turns_on_the_secure_settings() -> None:
    names = (
        "DEBUG",
        "SESSION_COOKIE_SECURE",
        "CSRF_COOKIE_SECURE",
        "SECURE_SSL_REDIRECT",
        "SECURE_HSTS_SECONDS",
        "SECURE_PROXY_SSL_HEADER",
        "ALLOWED_HOSTS",
        "CSRF_TRUSTED_ORIGINS",
    )
    plain = _settings_in_a_fresh_process({}, *names)
    assert plain["DEBUG"] is False
    assert plain["SESSION_COOKIE_SECURE"] is False and plain["SECURE_HSTS_SECONDS"] == 0
    assert plain["ALLOWED_HOSTS"] == ["localhost", "127.0.0.1", "[::1]"]
    production = _settings_in_a_fresh_process(
        {
            "HELHEDSPLAN_SECRET_KEY": SECRET,
            "HELHEDSPLAN_HTTPS": "1",
            "HELHEDSPLAN_ALLOWED_HOSTS": "helhedsplan.example.dk",
            "HELHEDSPLAN_CSRF_TRUSTED_ORIGINS": "https://helhedsplan.example.dk",
        },
        *names,
    )
    assert production["SESSION_COOKIE_SECURE"] and production["CSRF_COOKIE_SECURE"]
    assert production["SECURE_SSL_REDIRECT"] and production["SECURE_HSTS_SECONDS"] >= 31_536_000
    assert production["SECURE_PROXY_SSL_HEADER"] == ["HTTP_X_FORWARDED_PROTO", "https"]
    assert production["ALLOWED_HOSTS"] == ["helhedsplan.example.dk"]
    assert production["CSRF_TRUSTED_ORIGINS"] == ["https://helhedsplan.example.dk"]
    assert _settings_in_a_fresh_process({"HELHEDSPLAN_DEBUG": "1"}, "DEBUG")["DEBUG"] is True


def _check_deploy(env: dict[str, str]) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, "-m", "config.cli", "check", "--deploy"],
        cwd=ROOT,
        env={"PATH": "/usr/bin:/bin", **env},
        capture_output=True,
        text=True,
        timeout=120,
    )


def test_check_deploy_prints_no_warning_with_the_production_switches() -> None:
    result = _check_deploy(
        {"HELHEDSPLAN_DEBUG": "0", "HELHEDSPLAN_SECRET_KEY": SECRET, "HELHEDSPLAN_HTTPS": "1"}
    )
    assert result.returncode == 0, result.stderr
    output = result.stdout + result.stderr
    assert "no issues" in output and "WARNING" not in output, output
    # and the check is not blind: without the switch it warns
    assert "security.W008" in _check_deploy({"HELHEDSPLAN_SECRET_KEY": SECRET}).stderr


@pytest.fixture
def raising_urls(settings: Any) -> None:
    settings.ROOT_URLCONF = "tests.ops.urls_raising"


def _no_leak(text: str) -> None:
    for leak in ("Traceback", "URLconf", "urlpatterns", "secret detail", "DEBUG = True"):
        assert leak not in text


@pytest.mark.django_db
def test_the_error_pages_are_our_own_danish_ones(raising_urls: None) -> None:
    client = Client(raise_request_exception=False)
    cases = [
        ("/findes-ikke/", 404, "Siden findes ikke"),
        ("/test-fejl/", 500, "Der opstod en fejl"),
        ("/test-forbudt/", 403, "Ingen adgang"),
        ("/test-mistaenkelig/", 400, "Forespørgslen kunne ikke bruges"),
    ]
    for url, status, heading in cases:
        response = client.get(url)
        assert response.status_code == status, url
        text = response.content.decode()
        assert f"<h1>{heading}</h1>" in text and 'lang="da"' in text
        assert "dkfds" in text  # in the design system's style
        _no_leak(text)
    api = client.get("/api/test-fejl/")
    assert api.status_code == 500 and "fejl i programmet" in api.json()["fejl"][0]
    missing = client.get("/api/findes-ikke/")
    assert missing.status_code == 404 and missing.json()["fejl"]


@pytest.mark.django_db
def test_a_bad_host_and_a_missing_csrf_token_get_danish_pages() -> None:
    response = Client(HTTP_HOST="angriber.example").get("/konto/log-ind/")
    assert response.status_code == 400
    assert "Forespørgslen kunne ikke bruges" in response.content.decode()
    csrf = Client(enforce_csrf_checks=True).post("/konto/log-ind/", {"username": "x"})
    assert csrf.status_code == 403
    text = csrf.content.decode()
    assert "Handlingen blev afvist" in text and "intet er gemt" in text
    _no_leak(text)


@pytest.mark.django_db
def test_every_page_carries_a_strict_content_security_policy(client: Any) -> None:
    policy = client.get("/konto/log-ind/")["Content-Security-Policy"]
    directives = dict(d.strip().split(" ", 1) for d in policy.split(";") if d.strip())
    assert directives["script-src"] == "'self'" and directives["style-src"] == "'self'"
    assert directives["default-src"] == "'self'" and directives["object-src"] == "'none'"
    assert "unsafe-inline" not in policy and "unsafe-eval" not in policy


def test_the_four_password_validators_answer_in_danish() -> None:
    from django.contrib.auth.models import User
    from django.contrib.auth.password_validation import (
        password_validators_help_texts,
        validate_password,
    )
    from django.core.exceptions import ValidationError

    messages = []
    for password in ("12345678", "kort1", "password", "koordinator9"):
        with pytest.raises(ValidationError) as caught:
            validate_password(password, User(username="koordinator9"))
        messages += caught.value.messages
    assert "Denne adgangskode er udelukkende numerisk." in messages
    assert "Denne adgangskode er for almindelig." in messages
    assert any("for kort" in m and "mindst 8 tegn" in m for m in messages)
    assert any("minder for meget om" in m for m in messages)
    assert len(password_validators_help_texts()) == 4
    validate_password("Bakkely-fælleshus-2026", User(username="koordinator9"))


@pytest.mark.django_db
def test_a_weak_password_for_a_new_member_is_refused_in_danish(
    client: Any, personas: Any, plan: Any
) -> None:
    from django.contrib.auth.models import User

    client.force_login(personas["koordinator"])
    response = client.post(
        f"/konto/planer/{plan.slug}/brugere/",
        {"username": "ny-bruger", "role": "bestyrelse", "password": "12345678"},
    )
    text = response.content.decode()
    assert "udelukkende numerisk" in text and "for almindelig" in text
    assert not User.objects.filter(username="ny-bruger").exists()
