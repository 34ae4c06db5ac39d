"""Database passwords: from an environment variable or the system keyring, never from the file.

URLs carrying a password are shown only through `display_url`, which hides it.
"""

from __future__ import annotations

import logging
import os

from sqlalchemy.engine import URL

KEYRING_SERVICE = "desktop-sync"
log = logging.getLogger(__name__)


def env_var(purpose: str) -> str:
    """The environment variable that may hold the password for `purpose` (store, erp or crm)."""
    return f"DESKTOP_SYNC_{purpose.upper()}_PASSWORD"


def keyring_account(purpose: str, url: URL) -> str:
    return (
        f"{purpose}:{url.username}@{url.host or 'localhost'}:{url.port or ''}/{url.database or ''}"
    )


def with_password(url: URL, purpose: str) -> URL:
    """`url` with its password filled in from the environment or the keyring, when one is stored."""
    if url.password or not url.username:
        return url
    password = os.environ.get(env_var(purpose))
    if password is None:
        password = _keyring_get(keyring_account(purpose, url))
    return url.set(password=password) if password else url


def lookup_secret(env_name: str, account: str) -> str | None:
    """A secret of a web API (a client secret, a token): from the environment variable
    `env_name`, else from the keyring (service `desktop-sync`, `account`)."""
    return os.environ.get(env_name) or _keyring_get(account)


def store_password(url: URL, purpose: str, password: str) -> None:
    """Keep `password` in the system keyring for this
    URL (raises keyring's own error when none works)."""
    import keyring

    keyring.set_password(KEYRING_SERVICE, keyring_account(purpose, url), password)


def display_url(url: URL) -> str:
    return url.render_as_string(hide_password=True)


def hide_password(text: str, whole: bool = False) -> str:
    """URL text, even one that does not parse, with whatever may be a password shown as ***:
    everything between the user name's colon and the last @ (with `whole`, for text that is
    no URL at all, everything before that @)."""
    scheme, sep, rest = text.partition("://")
    if not sep:
        scheme, rest = "", text
    if "@" not in rest:
        return text
    credentials, _, host = rest.rpartition("@")
    user, colon, _ = credentials.partition(":")
    if whole:
        return f"{scheme}{sep}***@{host}"
    return f"{scheme}{sep}{user}{':***' if colon else ''}@{host}"


def _keyring_get(account: str) -> str | None:
    try:
        import keyring
        from keyring.errors import KeyringError

        try:
            return keyring.get_password(KEYRING_SERVICE, account)
        except KeyringError as exc:
            log.debug("no keyring available: %s", exc)
    except Exception as exc:  # noqa: BLE001 - a broken keyring backend must not stop the program
        log.debug("keyring lookup failed: %s", exc)
    return None
