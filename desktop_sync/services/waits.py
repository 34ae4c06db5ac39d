"""A job's progress while a web service makes it wait (429 Too Many Requests, 503 with
Retry-After): the progress callback is told "waiting 20 s (service limit)", with the mapping
and counts of the last progress it had, so the window shows why nothing moves."""

from __future__ import annotations

import contextlib
import math
from collections.abc import Callable, Iterator

from desktop_sync.apps.odata.http import report_waits
from desktop_sync.domain import Progress

ProgressCallback = Callable[[Progress], None]

WAITING = "waiting {seconds} s (service limit)"  # the window translates it (gui/common/words)


def waiting_words(seconds: float) -> str:
    return WAITING.format(seconds=max(1, math.ceil(seconds)))


@contextlib.contextmanager
def waits_in_progress(
    progress: ProgressCallback | None, first: str = ""
) -> Iterator[ProgressCallback | None]:
    """`progress` as a callback that remembers the last progress, and every wait on a service's
    limit in this thread told through it (before any progress, as of mapping `first`); None
    stays None."""
    if progress is None:
        yield None
        return
    last = [Progress(first, 0, None)]

    def remembering(p: Progress) -> None:
        last[0] = p
        progress(p)

    def waiting(app: str, seconds: float) -> None:
        p = last[0]
        progress(Progress(p.mapping, p.done, p.total, waiting_words(seconds)))

    with report_waits(waiting):
        yield remembering
