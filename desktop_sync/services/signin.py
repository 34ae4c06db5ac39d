"""Signing in to an app reached through its web API, from a window or any other caller that
shows the device code itself: who must sign in, the sign-in (with Cancel), what there is to pick
once signed in (Business Central's companies), and whether the service answers.

The caller supplies `show_code(DeviceCode)` — the code, the link and Entra's sentence — and
`cancelled()`, asked while the sign-in waits for the person; nothing here knows of windows. A
sign-in fills the token cache of this user (see `apps/odata/auth.py`), so every later connection
of the process — a job, a check — signs in silently. Every function may wait on the network: a
window calls them in a worker thread.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

from desktop_sync.apps.odata.auth import DeviceCode, SignInCancelled, set_default_prompt, sign_in
from desktop_sync.apps.record import AppError
from desktop_sync.config import AppConfig, Config
from desktop_sync.domain import Side
from desktop_sync.services.failures import describe_failure
from desktop_sync.services.messages import QT_TRANSLATE_NOOP, Message, say

CONTEXT = "ConnectDialog"
PERSON_SIGNS_IN = "device_code"


class SignInFailed(Exception):
    """The sign-in did not give a token: `words` say why and what to fix (Entra's refusal as
    `entra_message` words it, an unreachable service, a missing secret)."""

    def __init__(self, words: str) -> None:
        super().__init__(words)
        self.words = words


@dataclass(frozen=True)
class Company:
    """A Business Central company to pick: its id (what `company` holds) and its name."""

    id: str
    name: str


def person_signs_in(app: AppConfig) -> bool:
    """Whether this app needs a person at the desk to sign in (device code)."""
    return app.service is not None and app.service.auth == PERSON_SIGNS_IN


def signer(
    app: AppConfig,
    show_code: Callable[[DeviceCode], None] | None = None,
    cancelled: Callable[[], bool] | None = None,
    secret: str | None = None,
) -> Any:
    """How requests to `app` sign in; `secret` is a client secret or token not yet kept."""
    assert app.service is not None
    return sign_in(
        app.name,
        app.service,
        app.side,
        prompt=_no_prompt(app),
        show_code=show_code,
        cancelled=cancelled,
        secret=secret,
    )


def _no_prompt(app: AppConfig) -> Callable[[str], None]:
    """A prompt for callers that cannot show a code: asking the person is refused at once,
    instead of waiting a quarter of an hour for a code nobody sees."""

    def refuse(message: str) -> None:
        raise AppError(f"{app.name}: sign in first (Sign in… in the main window or the form)")

    return refuse


def sign_in_only_when_asked() -> None:
    """From now on in this process, a connection that would need a person to enter a device
    code (a job, a check) fails at once, saying to sign in, instead of waiting for a code that
    nobody sees: the window calls this, and signs in through its own dialog (`sign_in_now`)."""

    def refuse(message: str) -> None:
        app = message.split(": ", 1)[0]
        raise AppError(f"{app}: sign in first (Sign in… in the main window), then try again")

    set_default_prompt(refuse)


def signed_in(app: AppConfig) -> bool:
    """Whether a token for `app` comes without asking the person (cached, or refreshed)."""
    if not person_signs_in(app):
        return True
    return bool(signer(app).signed_in_silently())


def who_must_sign_in(config: Config) -> list[Side]:
    """The sides of `config` whose app needs a person to sign in and has no token that works."""
    return [
        side
        for side in Side
        if person_signs_in(config.app(side)) and not signed_in(config.app(side))
    ]


def sign_in_now(
    app: AppConfig,
    show_code: Callable[[DeviceCode], None],
    cancelled: Callable[[], bool] = lambda: False,
    secret: str | None = None,
) -> None:
    """Sign in to `app` now: silently where a cached token works, else by the device code the
    caller shows. Raises SignInCancelled when `cancelled()` turned true while waiting, and
    SignInFailed with the words to show for every refusal."""
    if app.service is None or app.service.auth == "none":
        return
    try:
        signer(app, show_code, cancelled, secret).headers()
    except SignInCancelled:
        raise
    except AppError as exc:
        raise SignInFailed(str(exc)) from exc
    except Exception as exc:  # noqa: BLE001 - every failure becomes words for the person
        raise SignInFailed(f"Signing in to {app.name} failed: {describe_failure(exc)}") from exc


def connection(app: AppConfig, secret: str | None = None) -> Any:
    """A connection to `app`'s web API that signs in silently or not at all."""
    from desktop_sync.apps.odata import ServiceConnection

    return ServiceConnection(app, signer=signer(app, secret=secret))


def companies(app: AppConfig, secret: str | None = None) -> list[Company]:
    """Business Central's companies of the environment (`GET …/api/v2.0/companies`), by name."""
    conn = connection(app, secret)
    try:
        found = [
            Company(str(row.get("id")), str(row.get("displayName") or row.get("name") or ""))
            for page in conn.http.pages("companies", None)
            for row in page.get("value", [])
        ]
    except SignInCancelled:
        raise
    except Exception as exc:  # noqa: BLE001 - every failure becomes words for the person
        raise SignInFailed(f"{app.name}: {describe_failure(exc)}") from exc
    finally:
        conn.dispose()
    return sorted(found, key=lambda c: (c.name.casefold(), c.id))


def service_answers(app: AppConfig, secret: str | None = None) -> list[Message]:
    """Whether the service answers with its metadata: nothing when it does, else why not."""
    conn = connection(app, secret)
    try:
        conn.model  # noqa: B018 - reading the metadata is the check
    except Exception as exc:  # noqa: BLE001 - every failure becomes words for the person
        return [
            say(
                QT_TRANSLATE_NOOP("ConnectDialog", "{app} does not answer: {reason}"),
                app=app.name,
                reason=describe_failure(exc),
            )
        ]
    finally:
        conn.dispose()
    return []


__all__ = [
    "Company",
    "DeviceCode",
    "SignInCancelled",
    "SignInFailed",
    "companies",
    "person_signs_in",
    "service_answers",
    "sign_in_now",
    "sign_in_only_when_asked",
    "signed_in",
    "who_must_sign_in",
]
