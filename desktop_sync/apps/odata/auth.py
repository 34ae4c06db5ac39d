"""Signing in to a web API: Microsoft Entra ID through MSAL, a bearer token, or nothing.

- **Device code** (`auth = "device_code"`), for a person at a desktop: the first time, the
  program shows a code to enter at https://microsoft.com/devicelogin; after that, tokens are
  refreshed silently from the cache.
- **Client credentials** (`auth = "client_credentials"`), for `desktop-sync worker` on a server:
  the app registration's secret from `DESKTOP_SYNC_ERP_CLIENT_SECRET` (or `_CRM_`) or the
  keyring.
- **Bearer** (`auth = "bearer"`, any OData service): a token from `DESKTOP_SYNC_ERP_TOKEN` or
  the keyring.

The token cache is kept per user, encrypted: by msal-extensions (DPAPI on Windows, the Keychain
on macOS, libsecret on Linux) where it works, else in the system keyring, else only in memory
(a person then signs in once per start). Every refusal by Entra becomes one `AppError` saying
what to fix (see `entra_message`).
"""

from __future__ import annotations

import logging
import os
import sys
import threading
import time
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path
from typing import Any
from urllib.parse import urlsplit

import platformdirs

from desktop_sync.apps.faults import LOST, TransientFault
from desktop_sync.apps.record import AppError
from desktop_sync.config import APP_NAME, ServiceConfig
from desktop_sync.domain import Side
from desktop_sync.secrets import lookup_secret

log = logging.getLogger(__name__)

MICROSOFT_HOSTS = (
    "login.microsoftonline.com",
    "login.microsoftonline.us",
    "login.partner.microsoftonline.cn",
)
# The words of Entra's error codes (AADSTSnnnn) that a person can act on.
ENTRA_ERRORS = {
    "AADSTS700016": "the app registration (client_id {client_id}) is not found in tenant "
    "{tenant}: check client_id and tenant, and that the app is registered in that tenant",
    "AADSTS90002": "tenant {tenant} does not exist: check `tenant` (a domain such as "
    "contoso.onmicrosoft.com, or the tenant's id)",
    "AADSTS7000215": "the client secret is wrong: make a new one in Entra (App registrations ▸ "
    "Certificates & secrets) and set {secret}",
    "AADSTS7000222": "the client secret has expired: make a new one in Entra (App registrations "
    "▸ Certificates & secrets) and set {secret}",
    "AADSTS65001": "nobody has consented to the app's permissions yet: an administrator must "
    "grant consent (App registrations ▸ API permissions ▸ Grant admin consent)",
    "AADSTS500011": "the service {scope} is not known in tenant {tenant}: check the address "
    "(for Dataverse, the environment's URL) and that the service exists in that tenant",
    "AADSTS70011": "the scope {scope} is not valid for this app registration",
    "AADSTS50020": "the signed-in user is not a member of tenant {tenant}: sign in with an "
    "account of that tenant, or invite the user",
    "AADSTS50034": "the user account does not exist in tenant {tenant}",
    "AADSTS50126": "the user name or password is wrong",
    "AADSTS53003": "a Conditional Access policy of the tenant blocked the sign-in: ask the "
    "tenant's administrator",
    "AADSTS700082": "the sign-in has expired after a long time without use: sign in again",
    "AADSTS50173": "the sign-in was revoked (a password change?): sign in again",
    "AADSTS700003": "the device used for the sign-in was deleted from the tenant: sign in again",
}
ENTRA_ERROR_WORDS = {
    "expired_token": "the sign-in code expired before it was entered: run again and enter the "
    "code within 15 minutes",
    "authorization_declined": "the sign-in was declined",
    "access_denied": "the sign-in was declined",
    "bad_verification_code": "the sign-in code was not recognized: run again",
}


def entra_message(result: dict[str, Any], service: ServiceConfig, app: str, side: Side) -> str:
    """Entra's refusal (`result` of MSAL) as one sentence saying what to fix."""
    description = str(result.get("error_description") or "")
    code = next((c for c in ENTRA_ERRORS if c in description), None)
    values = {
        "client_id": service.client_id,
        "tenant": service.tenant,
        "scope": " ".join(service.scopes),
        "secret": f"{secret_env(side)} or keep it in the keyring",
    }
    if code is not None:
        words = ENTRA_ERRORS[code].format(**values)
    else:
        error = str(result.get("error") or "")
        words = ENTRA_ERROR_WORDS.get(error) or (description.splitlines() or [error or "?"])[0]
    return f"Signing in to {app} failed: {words} ({code or result.get('error') or 'no code'})"


def secret_env(side: Side) -> str:
    return f"DESKTOP_SYNC_{side.value.upper()}_CLIENT_SECRET"


def token_env(side: Side) -> str:
    return f"DESKTOP_SYNC_{side.value.upper()}_TOKEN"


def client_secret_account(service: ServiceConfig, side: Side) -> str:
    """The keyring account of an app registration's client secret."""
    return f"{side}:client-secret:{service.client_id}"


def token_account(service: ServiceConfig, side: Side) -> str:
    """The keyring account of a bearer token."""
    return f"{side}:token:{service.root}"


def default_prompt(message: str) -> None:
    """Where the device code goes when nobody asked: standard error (the command line)."""
    print(message, file=sys.stderr, flush=True)


_prompts: list[Callable[[str], None]] = [default_prompt]


def set_default_prompt(prompt: Callable[[str], None] | None) -> None:
    """Where the device code goes for connections made without a prompt of their own, from now
    on in this process (None: standard error again). A window that signs in through its own
    dialog sets one that refuses, so that a job never waits for a code nobody sees."""
    _prompts[0] = prompt or default_prompt


@dataclass(frozen=True)
class DeviceCode:
    """What a person needs to finish a device code sign-in: the code, where to enter it, and
    Entra's own sentence saying so (for a window that shows them apart)."""

    app: str
    user_code: str
    verification_uri: str
    message: str
    expires_in: int


class SignInCancelled(Exception):
    """The person stopped waiting for the device code sign-in."""


class NoSignIn:
    def headers(self, refresh: bool = False) -> dict[str, str]:
        return {}


class Bearer:
    """A token kept in the environment or the keyring."""

    def __init__(
        self, app: str, service: ServiceConfig, side: Side, token: str | None = None
    ) -> None:
        self.app, self.side, self.account = app, side, token_account(service, side)
        self.given = token  # typed in a form, not kept yet

    def headers(self, refresh: bool = False) -> dict[str, str]:
        token = self.given or lookup_secret(token_env(self.side), self.account)
        if not token:
            raise AppError(
                f"{self.app}: no token; set {token_env(self.side)} or keep it in the keyring "
                f"(service desktop-sync, account {self.account!r})"
            )
        return {"Authorization": f"Bearer {token}"}


class EntraSignIn:
    """Tokens from Microsoft Entra ID through MSAL (see the module's docstring)."""

    def __init__(
        self,
        app: str,
        service: ServiceConfig,
        side: Side,
        prompt: Callable[[str], None] | None = None,
        cache_folder: Path | None = None,
        show_code: Callable[[DeviceCode], None] | None = None,
        cancelled: Callable[[], bool] | None = None,
        secret: str | None = None,
    ) -> None:
        import msal

        self.app, self.service, self.side = app, service, side
        self.prompt = prompt or _prompts[0]
        # A window shows the code itself (`show_code`) and may stop the wait (`cancelled`).
        self.show_code, self.cancelled = show_code, cancelled
        self.lock = threading.Lock()
        self.token: str | None = None
        self.expires = 0.0
        host = urlsplit(service.authority or "").hostname or ""
        discovery = None if host in MICROSOFT_HOSTS else False
        options: dict[str, Any] = {"authority": service.authority, "instance_discovery": discovery}
        if service.auth == "client_credentials":
            account = client_secret_account(service, side)
            secret = secret or lookup_secret(secret_env(side), account)
            if not secret:
                raise AppError(
                    f"{app}: no client secret for client credentials; set {secret_env(side)} "
                    f"or keep it in the keyring (service desktop-sync, account {account!r})"
                )
            # MSAL reads the authority's OpenID configuration as the application is made: made
            # when the first token is asked for, so that an unreachable Entra is a passing fault.
            self._make: Any = lambda: msal.ConfidentialClientApplication(
                service.client_id, client_credential=secret, **options
            )
        else:
            cache = token_cache(cache_folder, service, side)
            self._make = lambda: msal.PublicClientApplication(
                service.client_id, token_cache=cache, **options
            )
        self._msal: Any = None

    @property
    def msal(self) -> Any:
        if self._msal is None:
            self._msal = self._make()
        return self._msal

    def headers(self, refresh: bool = False) -> dict[str, str]:
        with self.lock:
            if refresh or self.token is None or time.monotonic() > self.expires:
                self._acquire(refresh)
            return {"Authorization": f"Bearer {self.token}"}

    def _acquire(self, refresh: bool) -> None:
        scopes = list(self.service.scopes)
        try:
            if self.service.auth == "client_credentials":
                result = self.msal.acquire_token_for_client(scopes)
            else:
                result = self._silent(scopes, refresh) or self._device_code(scopes)
        except ValueError as exc:  # MSAL: an authority that is not there, say
            raise AppError(f"Signing in to {self.app} failed: {exc}") from exc
        except OSError as exc:  # requests' connection errors: a fault that passes by itself
            raise TransientFault(
                self.app, "Microsoft Entra ID cannot be reached to sign in", LOST
            ) from exc
        if "access_token" not in result:
            raise AppError(entra_message(result, self.service, self.app, self.side))
        self.token = result["access_token"]
        # Renewed a little before it runs out, so that no request carries an expired token.
        self.expires = time.monotonic() + max(int(result.get("expires_in", 3600)) - 300, 30)

    def signed_in_silently(self) -> bool:
        """Whether a token comes without asking the person (from the cache, or refreshed)."""
        if self.service.auth == "client_credentials":
            return True
        with self.lock:
            try:
                result = self._silent(list(self.service.scopes), False)
            except (ValueError, OSError):
                return False
            if result is None:
                return False
            self.token = result["access_token"]
            self.expires = time.monotonic() + max(int(result.get("expires_in", 3600)) - 300, 30)
            return True

    def _silent(self, scopes: list[str], refresh: bool) -> dict[str, Any] | None:
        accounts = self.msal.get_accounts()
        if not accounts:
            return None
        result = self.msal.acquire_token_silent(scopes, account=accounts[0], force_refresh=refresh)
        return result if result and "access_token" in result else None

    def _device_code(self, scopes: list[str]) -> dict[str, Any]:
        flow = self.msal.initiate_device_flow(scopes=scopes)
        if "user_code" not in flow:
            return flow  # Entra's refusal, turned into words by the caller
        if self.show_code is not None:
            self.show_code(
                DeviceCode(
                    self.app,
                    str(flow["user_code"]),
                    str(flow.get("verification_uri") or flow.get("verification_url") or ""),
                    str(flow.get("message") or ""),
                    int(flow.get("expires_in") or 900),
                )
            )
        else:
            self.prompt(f"{self.app}: {flow['message']}")
        cancelled = self.cancelled or (lambda: False)
        result = self.msal.acquire_token_by_device_flow(
            flow,
            exit_condition=lambda f: cancelled() or f.get("expires_at", 0) < time.time(),
        )
        if cancelled() and "access_token" not in result:
            raise SignInCancelled(self.app)
        return result


_CACHES: dict[Path, Any] = {}  # one cache per file in this process: a sign-in counts for all
_CACHES_LOCK = threading.Lock()


def token_cache(folder: Path | None, service: ServiceConfig, side: Side) -> Any:
    """A token cache for this user, encrypted (see the module's docstring); the same object for
    every connection of this process, so that a person who signed in once (in the window, say)
    is signed in for every later connection too, even where the cache lives only in memory."""
    folder = folder or Path(platformdirs.user_cache_dir(APP_NAME, appauthor=False))
    path = folder / f"msal-{side}-{service.client_id}.bin"
    with _CACHES_LOCK:
        if path not in _CACHES:
            _CACHES[path] = _new_token_cache(folder, path, service, side)
        return _CACHES[path]


def _new_token_cache(folder: Path, path: Path, service: ServiceConfig, side: Side) -> Any:
    import msal

    try:
        from msal_extensions import PersistedTokenCache, build_encrypted_persistence

        folder.mkdir(parents=True, exist_ok=True)
        return PersistedTokenCache(build_encrypted_persistence(str(path)))
    except Exception as exc:  # noqa: BLE001 - no encryption here: the keyring, or memory
        log.debug("no encrypted token cache file (%s); trying the keyring", exc)
    return (
        KeyringTokenCache(f"{side}:msal:{service.client_id}")
        if _keyring_works()
        else msal.SerializableTokenCache()
    )


def _keyring_works() -> bool:
    try:
        import keyring
        from keyring.backends import fail, null

        backend = keyring.get_keyring()
        return not isinstance(backend, fail.Keyring | null.Keyring)
    except Exception:  # noqa: BLE001 - a broken keyring is no keyring
        return False


class KeyringTokenCache:
    """An MSAL token cache kept in the system keyring (which encrypts it)."""

    def __new__(cls, account: str) -> Any:
        import keyring
        import msal

        class _Cache(msal.SerializableTokenCache):
            has_state_changed: bool  # set by msal when a sign-in changes the cache

            def __init__(self) -> None:
                super().__init__()
                try:
                    state = keyring.get_password("desktop-sync", account)
                except Exception:  # noqa: BLE001 - an unreadable entry: sign in again
                    state = None
                if state:
                    self.deserialize(state)

            def modify(self, *args: Any, **kwargs: Any) -> None:
                super().modify(*args, **kwargs)
                if self.has_state_changed:
                    try:
                        keyring.set_password("desktop-sync", account, self.serialize())
                        self.has_state_changed = False
                    except Exception as exc:  # noqa: BLE001 - kept in memory then
                        log.debug("token cache not kept in the keyring: %s", exc)

        return _Cache()


def sign_in(
    app: str,
    service: ServiceConfig,
    side: Side,
    prompt: Callable[[str], None] | None = None,
    show_code: Callable[[DeviceCode], None] | None = None,
    cancelled: Callable[[], bool] | None = None,
    secret: str | None = None,
) -> NoSignIn | Bearer | EntraSignIn:
    """How requests to this service sign in (`show_code` and `cancelled`: see EntraSignIn;
    `secret`: a client secret or token typed in a form, before it is kept anywhere)."""
    if service.auth == "none":
        return NoSignIn()
    if service.auth == "bearer":
        return Bearer(app, service, side, secret)
    folder = os.environ.get("DESKTOP_SYNC_TOKEN_CACHE")
    return EntraSignIn(
        app, service, side, prompt, Path(folder) if folder else None, show_code, cancelled, secret
    )
