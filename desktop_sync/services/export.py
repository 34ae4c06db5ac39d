"""Lists to files: the errors (with the list's filter and sort), the journal and the jobs, as
CSV or XLSX (by the file's suffix).

Rows are written a page at a time, never the whole table in memory: the errors' ids in display
order (a compact array, as the grid holds them) and their rows a thousand at a time; the journal
and the jobs newest first by keyset pages. XLSX is written with openpyxl's write-only workbook
(rows go to a temporary file as they come) with typed cells — numbers, dates, true/false — and
column widths. Progress after every page; Cancel between pages removes the half-written file.
"""

from __future__ import annotations

import contextlib
import csv
import os
from collections.abc import Callable, Iterator, Sequence
from dataclasses import dataclass
from datetime import datetime
from pathlib import Path
from typing import TYPE_CHECKING, Any

from sqlalchemy import select

from desktop_sync.domain import COUNTER_NAMES, CancelToken, Progress
from desktop_sync.services.journal import JournalFilter, Page, journal_page
from desktop_sync.services.queries import ALL_ERRORS, JOB_COLUMNS, ErrorFilter, JobRow
from desktop_sync.store.models import Job

if TYPE_CHECKING:
    from desktop_sync.services.service import Service

PAGE = 1000


@dataclass(frozen=True)
class Column:
    header: str
    value: Callable[[Any], Any]
    kind: str = "text"  # text | number | datetime | bool
    width: int = 14


@dataclass(frozen=True)
class Exported:
    path: Path
    rows: int
    cancelled: bool = False


ERROR_COLUMNS = (
    Column("Id", lambda r: r.id, "number", 8),
    Column("Mapping", lambda r: r.mapping, width=16),
    Column("ERP key", lambda r: r.erp_key, width=16),
    Column("ERP record exists", lambda r: r.erp_exists, "bool", 8),
    Column("CRM key", lambda r: r.crm_key, width=38),
    Column("CRM record exists", lambda r: r.crm_exists, "bool", 8),
    Column("Kind", lambda r: r.kind, width=16),
    Column("Message", lambda r: r.message, width=80),
    Column("Failed on", lambda r: r.failed_at, "datetime", 20),
    Column("Job", lambda r: r.job_id, "number", 8),
    Column("Times failed", lambda r: r.fail_count, "number", 8),
    Column("Needs a person", lambda r: r.needs_person, "bool", 8),
    Column("Being resolved by", lambda r: r.claimed_text() or None, width=30),
    Column("Resolved on", lambda r: r.resolved_at, "datetime", 20),
    Column("Resolved by", lambda r: r.resolved_by, width=14),
    Column("Resolution", lambda r: r.resolution, width=16),
)

JOURNAL_COLUMNS = (
    Column("Id", lambda r: r.id, "number", 8),
    Column("At", lambda r: r.at, "datetime", 20),
    Column("Mapping", lambda r: r.mapping, width=16),
    Column("ERP key", lambda r: r.erp_key, width=16),
    Column("CRM key", lambda r: r.crm_key, width=38),
    Column("App written", lambda r: r.side, width=6),
    Column("Kind", lambda r: r.kind, width=8),
    Column("Who", lambda r: r.who, width=16),
    Column("Action", lambda r: r.action, width=14),
    Column("Field", lambda r: r[1][0], width=20),
    Column("Before", lambda r: _plain(r[1][1]), width=30),
    Column("After", lambda r: _plain(r[1][2]), width=30),
    Column("Comment", lambda r: r.comment, width=30),
)

JOB_EXPORT_COLUMNS = (
    Column("Id", lambda r: r.id, "number", 8),
    Column("Mapping", lambda r: r.mapping, width=16),
    Column("Scope", lambda r: r.scope, width=12),
    Column("Origin", lambda r: r.origin, width=8),
    Column("User", lambda r: r.user, width=12),
    Column("Started", lambda r: r.started, "datetime", 20),
    Column("Finished", lambda r: r.finished, "datetime", 20),
    Column("Status", lambda r: r.status, width=10),
    *(
        Column(name.capitalize(), (lambda n: lambda r: getattr(r, n))(name), "number", 10)
        for name in COUNTER_NAMES
    ),
    Column("Message", lambda r: r.message, width=60),
)


def _plain(value: Any) -> Any:
    if isinstance(value, dict | list):
        import json

        return json.dumps(value, ensure_ascii=False)
    return value


class _JournalLine:
    """One exported journal line: a journal row and one of its changed fields."""

    def __init__(self, row: Any, change: tuple[str, Any, Any]) -> None:
        self.row, self.change = row, change

    def __getattr__(self, name: str) -> Any:
        return getattr(self.row, name)

    def __getitem__(self, index: int) -> Any:
        return (self.row, self.change)[index]


def export_errors(
    service: Service,
    path: Path | str,
    where: ErrorFilter = ALL_ERRORS,
    sort: str = "failed_at",
    descending: bool = True,
    progress: Callable[[Progress], None] | None = None,
    cancel: CancelToken | None = None,
) -> Exported:
    ids = service.error_ids(where, sort, descending)

    def pages() -> Iterator[list[Any]]:
        for start in range(0, len(ids), PAGE):
            part = list(ids[start : start + PAGE])
            rows = service.errors_by_ids(part)
            yield [rows[i] for i in part if i in rows]

    return _write(Path(path), "Errors", ERROR_COLUMNS, pages(), len(ids), progress, cancel)


def export_journal(
    service: Service,
    path: Path | str,
    where: JournalFilter | None = None,
    progress: Callable[[Progress], None] | None = None,
    cancel: CancelToken | None = None,
) -> Exported:
    """The journal, newest first, one line per field a write changed."""

    def pages() -> Iterator[list[Any]]:
        page: Page | None = Page(PAGE)
        while page is not None:
            found = journal_page(service, where or JournalFilter(), page)
            yield [
                _JournalLine(r, c) for r in found.rows for c in (r.changes() or [("", None, None)])
            ]
            page = found.next

    return _write(Path(path), "Journal", JOURNAL_COLUMNS, pages(), None, progress, cancel)


def export_jobs(
    service: Service,
    path: Path | str,
    mapping: str | None = None,
    progress: Callable[[Progress], None] | None = None,
    cancel: CancelToken | None = None,
) -> Exported:
    def pages() -> Iterator[list[Any]]:
        before: int | None = None
        while True:
            query = select(*JOB_COLUMNS).order_by(Job.id.desc()).limit(PAGE)
            if mapping:
                query = query.where(Job.mapping == mapping)
            if before is not None:
                query = query.where(Job.id < before)
            with service.store.session() as session:
                rows = [JobRow(*r) for r in session.execute(query)]
            if not rows:
                return
            yield rows
            before = rows[-1].id

    return _write(Path(path), "Jobs", JOB_EXPORT_COLUMNS, pages(), None, progress, cancel)


def _write(
    path: Path,
    title: str,
    columns: Sequence[Column],
    pages: Iterator[list[Any]],
    total: int | None,
    progress: Callable[[Progress], None] | None,
    cancel: CancelToken | None,
) -> Exported:
    suffix = path.suffix.lower()
    if suffix not in (".csv", ".xlsx"):
        raise ValueError(f"{path.name}: export writes .csv or .xlsx files")
    part = path.with_name(path.name + ".part")
    writer = _Xlsx(part, title, columns) if suffix == ".xlsx" else _Csv(part, columns)
    done, cancelled = 0, False
    try:
        for rows in pages:
            if cancel is not None and cancel.cancelled:
                cancelled = True
                break
            for row in rows:
                writer.row([c.value(row) for c in columns])
            done += len(rows)
            if progress is not None:
                progress(Progress(title, done, total, f"writing {path.name}"))
        if not cancelled:
            writer.close()
            os.replace(part, path)
            return Exported(path, done)
    finally:
        if not writer.closed:
            writer.abort()
        if part.exists():
            part.unlink()
    return Exported(path, done, cancelled=True)


class _Csv:
    def __init__(self, path: Path, columns: Sequence[Column]) -> None:
        # UTF-8 with a byte order mark: what Excel needs to read it as UTF-8.
        self.file = path.open("w", encoding="utf-8-sig", newline="")
        self.closed = False
        self.out = csv.writer(self.file)
        self.out.writerow([c.header for c in columns])

    def row(self, values: list[Any]) -> None:
        self.out.writerow(
            [
                "" if v is None else v.isoformat(sep=" ") if isinstance(v, datetime) else v
                for v in values
            ]
        )

    def close(self) -> None:
        self.file.close()
        self.closed = True

    def abort(self) -> None:
        self.close()


class _Xlsx:
    def __init__(self, path: Path, title: str, columns: Sequence[Column]) -> None:
        from openpyxl import Workbook
        from openpyxl.cell import WriteOnlyCell
        from openpyxl.styles import Font
        from openpyxl.utils import get_column_letter

        self.path, self.columns, self.closed = path, columns, False
        self.book = Workbook(write_only=True)
        self.sheet = self.book.create_sheet(title)
        for i, column in enumerate(columns, start=1):
            self.sheet.column_dimensions[get_column_letter(i)].width = column.width
        self.sheet.freeze_panes = "A2"
        header = []
        for column in columns:
            cell = WriteOnlyCell(self.sheet, value=column.header)
            cell.font = Font(bold=True)
            header.append(cell)
        self.sheet.append(header)

    def row(self, values: list[Any]) -> None:
        out: list[Any] = []
        for column, value in zip(self.columns, values, strict=True):
            if column.kind == "datetime" and isinstance(value, datetime):
                out.append(value)  # openpyxl writes a date cell with a date format
            elif column.kind == "bool" and value is not None:
                out.append(bool(value))
            else:
                out.append(value)
        self.sheet.append(out)

    def close(self) -> None:
        self.book.save(self.path)
        self.closed = True

    def abort(self) -> None:
        """End the half-written sheet and remove openpyxl's temporary file for it (left alone,
        the sheet's row generator fails on a closed file when it is collected)."""
        self.closed = True
        with contextlib.suppress(Exception):  # a sheet that cannot end is dropped all the same
            self.sheet.close()
        writer = getattr(self.sheet, "_writer", None)
        if writer is not None:
            with contextlib.suppress(OSError, ValueError):
                writer.cleanup()
