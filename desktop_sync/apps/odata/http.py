"""HTTP to one OData service: sign-in headers, the service's limits, and faults told apart.

- **Limits.** At most `concurrency` requests at once per service and user (Business Central: 5),
  and at most `rate` requests per window where the service counts them (Business Central: 6,000
  per 5 minutes); shared by every connection of this process to the same service.
- **429 Too Many Requests** and **503** are waited out as the service says (`Retry-After`,
  seconds or a date; a back-off without one), reads and writes alike: the service did not do it.
- **502, 504, timeouts and lost connections** are retried with back-off for reads only. A write
  may have landed before its answer was lost: the job stops with a `TransientFault`, and the next
  job finds out what landed (see `engine/recovery.py`), exactly as for a database.
- Whoever waits for the answer may be told of each such wait (`report_waits`): a job's
  progress then says "waiting 20 s (service limit)" instead of seeming stuck.
- A fault that does not pass within the tries becomes a `TransientFault` naming the app; a
  refused sign-in or a missing permission an `AppError` saying what to fix; any other answer of
  4xx/5xx a `ServiceError` with the service's own message.
"""

from __future__ import annotations

import contextlib
import email.utils
import logging
import threading
import time
from collections import deque
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from datetime import UTC, datetime
from typing import Any
from urllib.parse import quote

import httpx

from desktop_sync.apps.faults import BUSY, LOST, NO_ANSWER, TransientFault
from desktop_sync.apps.odata import codec
from desktop_sync.apps.record import AppError

log = logging.getLogger(__name__)

# Waits between tries of a request that met a passing fault (seconds); tests make them short.
BACKOFF = (1.0, 2.0, 4.0, 8.0, 16.0)
LONGEST_WAIT = 300.0  # the most one Retry-After is waited
IDEMPOTENT = ("GET", "HEAD")
QUERY_SAFE = "()',*:$@/-._~"


_listeners = threading.local()  # per thread: who is told of waits on a service's limit


@contextlib.contextmanager
def report_waits(listener: Callable[[str, float], None]) -> Iterator[None]:
    """Tell `listener(app, seconds)` of every wait on a service's limit (429, 503) of the
    requests this thread sends while inside the block."""
    previous = getattr(_listeners, "listener", None)
    _listeners.listener = listener
    try:
        yield
    finally:
        _listeners.listener = previous


def _tell_wait(app: str, seconds: float) -> None:
    listener = getattr(_listeners, "listener", None)
    if listener is not None:
        try:
            listener(app, seconds)
        except Exception:  # noqa: BLE001 - telling of a wait never stops the request
            log.debug("a wait listener failed", exc_info=True)


class ServiceError(Exception):
    """An answer of 4xx or 5xx: the status and the service's own words."""

    def __init__(self, status: int, code: str, message: str, target: str | None = None) -> None:
        self.status, self.code, self.message, self.target = status, code, message, target
        where = f" (field {target!r})" if target else ""
        super().__init__(f"{message}{where}" if message else f"HTTP {status} {code}".strip())


def service_error(response: httpx.Response) -> ServiceError:
    """The OData error of an answer (`{"error": {"code", "message"}}`), or its status line."""
    code, message, target = str(response.status_code), response.reason_phrase, None
    try:
        body = codec.loads(response.content)
    except ValueError:
        body = None
    if isinstance(body, dict) and isinstance(body.get("error"), dict):
        error = body["error"]
        code = str(error.get("code") or code)
        message = str(error.get("message") or message)
        target = error.get("target") or None
    return ServiceError(response.status_code, code, message, target)


@dataclass(frozen=True)
class Limits:
    """How much of a service one user may use (see the module's docstring)."""

    concurrency: int = 8
    rate: tuple[int, float] | None = None  # (requests, per seconds)


class _Gate:
    """Concurrency and rate for one service and user, shared in this process."""

    _all: dict[tuple[str, ...], _Gate] = {}
    _lock = threading.Lock()

    def __init__(self, limits: Limits) -> None:
        self.slots = threading.BoundedSemaphore(limits.concurrency)
        self.rate = limits.rate
        self.sent: deque[float] = deque()
        self.lock = threading.Lock()

    @classmethod
    def of(cls, key: tuple[str, ...], limits: Limits) -> _Gate:
        with cls._lock:
            if key not in cls._all:
                cls._all[key] = cls(limits)
            return cls._all[key]

    def wait_turn(self) -> None:
        if self.rate is None:
            return
        count, window = self.rate
        while True:
            with self.lock:
                now = time.monotonic()
                while self.sent and self.sent[0] <= now - window:
                    self.sent.popleft()
                if len(self.sent) < count:
                    self.sent.append(now)
                    return
                wait = self.sent[0] + window - now
            time.sleep(min(max(wait, 0.01), 5.0))


class Http:
    """Requests to one service; `headers()` signs them in (see `auth`)."""

    def __init__(
        self,
        app: str,
        root: str,
        headers: Callable[[bool], dict[str, str]],
        limits: Limits,
        timeouts: tuple[float, float],
        user: str = "",
    ) -> None:
        self.app, self.root = app, root
        self.auth_headers = headers
        self.gate = _Gate.of((root, user), limits)
        connect, read = timeouts
        self.client = httpx.Client(
            timeout=httpx.Timeout(read, connect=connect),
            headers={
                "OData-Version": "4.0",
                "OData-MaxVersion": "4.0",
                "Accept": "application/json",
            },
            follow_redirects=False,
        )
        self.server_date: datetime | None = None
        self.requests = 0  # how many were sent (for the benchmark)
        self.waited = 0.0  # seconds spent waiting for answers

    def close(self) -> None:
        self.client.close()

    def url(self, path: str) -> str:
        return path if path.startswith(("http://", "https://")) else self.root + path

    def request(
        self,
        method: str,
        path: str,
        *,
        params: dict[str, str] | None = None,
        body: Any = None,
        content: bytes | None = None,
        headers: dict[str, str] | None = None,
        ok: tuple[int, ...] = (),
    ) -> httpx.Response:
        """Send one request; answers in `ok` (and every 2xx) are returned, others raise."""
        url = self.url(path) + query(params)
        wanted = dict(headers or {})
        if body is not None:
            content = codec.dumps(body)
            wanted.setdefault("Content-Type", "application/json")
        tries, refreshed, waited = 0, False, 0.0
        while True:
            try:
                response = self._send(method, url, content, wanted, refreshed)
            except httpx.TimeoutException as exc:
                fault = self._fault(method, tries, NO_ANSWER, _timeout_words(exc, self.client))
            except httpx.TransportError as exc:
                fault = self._fault(method, tries, LOST, _connection_words(exc), sent=_sent(exc))
            else:
                status = response.status_code
                if status < 300 or status in ok:
                    return response
                if status == 401 and not refreshed:
                    refreshed = True
                    continue
                if status in (429, 503):
                    wait = _retry_after(response, tries)
                    if tries < len(BACKOFF) and waited + wait <= LONGEST_WAIT * 2:
                        log.info("%s answered %s; waiting %.1f s", self.app, status, wait)
                        _tell_wait(self.app, wait)
                        time.sleep(wait)
                        tries, waited = tries + 1, waited + wait
                        continue
                    reason = (
                        "too many requests (429)" if status == 429 else "unavailable (503)"
                    ) + f"; still so after {tries + 1} tries"
                    raise TransientFault(self.app, reason, BUSY)
                if status in (502, 504):
                    fault = self._fault(method, tries, LOST, f"the gateway answered {status}")
                else:
                    raise self._error(response)
            if fault is not None:
                raise fault
            time.sleep(BACKOFF[tries])
            tries += 1

    def _send(
        self,
        method: str,
        url: str,
        content: bytes | None,
        headers: dict[str, str],
        refresh: bool,
    ) -> httpx.Response:
        self.gate.wait_turn()
        headers = {**self.auth_headers(refresh), **headers}
        with self.gate.slots:
            started = time.perf_counter()
            try:
                response = self.client.request(method, url, content=content, headers=headers)
            finally:
                self.waited += time.perf_counter() - started
                self.requests += 1
        date = response.headers.get("Date")
        if date:
            with contextlib.suppress(TypeError, ValueError):
                self.server_date = email.utils.parsedate_to_datetime(date).astimezone(UTC)
        return response

    def _fault(
        self, method: str, tries: int, kind: str, reason: str, sent: bool = True
    ) -> TransientFault | None:
        """None when the request may be tried again now; else the fault that stops the job."""
        retry = method in IDEMPOTENT or not sent
        if retry and tries < len(BACKOFF):
            log.info("%s: %s; trying again", self.app, reason)
            return None
        return TransientFault(self.app, reason, kind)

    def _error(self, response: httpx.Response) -> Exception:
        error = service_error(response)
        if response.status_code == 401:
            return AppError(
                f"{self.app} did not accept the sign-in ({error.message}); sign in again, or "
                "check that the app registration may use this service"
            )
        if response.status_code == 403:
            return AppError(
                f"{self.app} refused access: {error.message}. The signed-in user or application "
                "needs permission to read and write these records (see the README: Connect "
                "Business Central and Dynamics 365 Sales)"
            )
        return error

    # -- reading -------------------------------------------------------------------------

    def get_json(self, path: str, params: dict[str, str] | None = None, **headers: str) -> Any:
        response = self.request("GET", path, params=params, headers=_header_names(headers))
        return codec.loads(response.content)

    def pages(
        self, path: str, params: dict[str, str] | None, headers: dict[str, str] | None = None
    ) -> Iterator[dict[str, Any]]:
        """Every page of a collection, following `@odata.nextLink`."""
        payload = self.get_json(path, params, **(headers or {}))
        while True:
            yield payload
            link = payload.get("@odata.nextLink")
            if not link:
                return
            payload = self.get_json(
                str(httpx.URL(self.url(path)).join(link)), None, **(headers or {})
            )

    def clock(self) -> datetime:
        """The service's time now (its `Date` header): never the desktop's clock."""
        self.request("GET", "", ok=(404, 405))
        if self.server_date is None:
            raise AppError(f"{self.app} does not say its time (no Date header in its answers)")
        return self.server_date


def query(params: dict[str, str] | None) -> str:
    """A query string as OData services read it: spaces as %20, never `+`."""
    if not params:
        return ""
    return "?" + "&".join(
        f"{name}={quote(value, safe=QUERY_SAFE)}" for name, value in params.items()
    )


def _header_names(headers: dict[str, str]) -> dict[str, str]:
    return {name.replace("_", "-"): value for name, value in headers.items()}


def _retry_after(response: httpx.Response, tries: int) -> float:
    """How long the service asks to wait; a back-off when it does not say."""
    text = response.headers.get("Retry-After", "").strip()
    if text.isdigit():
        return min(float(text), LONGEST_WAIT)
    if text:
        try:
            when = email.utils.parsedate_to_datetime(text)
            return min(max((when - datetime.now(UTC)).total_seconds(), 0.0), LONGEST_WAIT)
        except (TypeError, ValueError):
            pass
    return BACKOFF[min(tries, len(BACKOFF) - 1)]


def _sent(exc: httpx.TransportError) -> bool:
    """Whether the request may have reached the service (a refused connection did not)."""
    return not isinstance(exc, httpx.ConnectError | httpx.ConnectTimeout)


def _timeout_words(exc: httpx.TimeoutException, client: httpx.Client) -> str:
    if isinstance(exc, httpx.ConnectTimeout):
        return f"no answer within {client.timeout.connect:g} s"
    return f"no answer within {client.timeout.read:g} s"


def _connection_words(exc: httpx.TransportError) -> str:
    text = str(exc).lower()
    if "refused" in text:
        return "connection refused"
    if (
        "name or service not known" in text
        or "nodename nor servname" in text
        or "getaddrinfo" in text
    ):
        return "unknown host name"
    if "certificate" in text or "ssl" in text:
        return f"the secure connection failed ({exc})"
    return "the connection was lost"
