"""Login throttling (django-axes): repeated wrong passwords lock the username, the right
password does not get through the lock, an administrator can lift it."""

from __future__ import annotations

from io import StringIO
from typing import Any

import pytest
from django.conf import settings
from django.core.management import call_command
from django.test import Client

pytestmark = pytest.mark.django_db

URL = "/konto/log-ind/"


def _try(client: Client, username: str, password: str) -> Any:
    return client.post(URL, {"username": username, "password": password})


def _signed_in(client: Client) -> bool:
    return "_auth_user_id" in client.session


def test_a_wrong_password_says_so_in_danish_and_warns_of_the_lock(personas: Any) -> None:
    response = _try(Client(), "koordinator", "forkert")
    assert response.status_code == 200
    text = response.content.decode()
    assert "Brugernavn eller adgangskode er forkert" in text
    assert f"Efter {settings.AXES_FAILURE_LIMIT} forkerte forsøg" in text


def test_thirty_wrong_passwords_lock_the_user_and_the_right_one_is_refused(personas: Any) -> None:
    client = Client()
    statuses = [_try(client, "koordinator", f"forkert-{n}").status_code for n in range(30)]
    limit = settings.AXES_FAILURE_LIMIT
    assert statuses[: limit - 1] == [200] * (limit - 1)
    assert set(statuses[limit:]) == {429}
    response = _try(client, "koordinator", "pw-koordinator")
    assert response.status_code == 429
    text = response.content.decode()
    assert "Brugeren er midlertidigt spærret" in text
    assert "heller ikke med den rigtige adgangskode" in text and "minutter" in text
    assert not _signed_in(client)


def test_the_lock_follows_the_username_not_the_browser(personas: Any) -> None:
    for n in range(settings.AXES_FAILURE_LIMIT):
        _try(Client(HTTP_USER_AGENT=f"browser-{n}", REMOTE_ADDR=f"10.0.0.{n}"), "lbf", "forkert")
    elsewhere = Client(HTTP_USER_AGENT="another", REMOTE_ADDR="10.9.9.9")
    assert _try(elsewhere, "lbf", "pw-lbf").status_code == 429
    assert not _signed_in(elsewhere)
    # a colleague's account is untouched
    colleague = Client(HTTP_USER_AGENT="another", REMOTE_ADDR="10.9.9.9")
    assert _try(colleague, "bestyrelse", "pw-bestyrelse").status_code == 302
    assert _signed_in(colleague)


def test_an_administrator_unlocks_the_user(personas: Any) -> None:
    client = Client()
    for n in range(settings.AXES_FAILURE_LIMIT):
        _try(client, "partner", f"forkert-{n}")
    assert _try(client, "partner", "pw-partner").status_code == 429
    listing = StringIO()
    call_command("unlock_user", stdout=listing)
    assert "partner" in listing.getvalue()
    out = StringIO()
    call_command("unlock_user", "partner", stdout=out)
    assert "er låst op" in out.getvalue()
    response = _try(client, "partner", "pw-partner")
    assert response.status_code == 302 and _signed_in(client)
    again = StringIO()
    call_command("unlock_user", "partner", stdout=again)
    assert "var ikke spærret" in again.getvalue()


def test_a_right_password_before_the_limit_resets_the_count(personas: Any) -> None:
    client = Client()
    for n in range(settings.AXES_FAILURE_LIMIT - 1):
        _try(client, "admin", f"forkert-{n}")
    assert _try(client, "admin", "pw-admin").status_code == 302
    client.post("/konto/log-ud/")
    for n in range(settings.AXES_FAILURE_LIMIT - 1):
        assert _try(client, "admin", f"forkert-{n}").status_code == 200


def test_one_users_typos_do_not_lock_colleagues_on_the_same_pc(personas: Any) -> None:
    """An office behind one address, on identical PCs: same address and browser for all."""
    office = {"HTTP_USER_AGENT": "kontor-pc", "REMOTE_ADDR": "10.1.1.1"}
    for n in range(settings.AXES_FAILURE_LIMIT + 1):
        _try(Client(**office), "lbf", f"forkert-{n}")
    assert _try(Client(**office), "lbf", "pw-lbf").status_code == 429
    for username in ("koordinator", "bestyrelse", "admin"):
        colleague = Client(**office)
        assert _try(colleague, username, f"pw-{username}").status_code == 302, username
        assert _signed_in(colleague)
