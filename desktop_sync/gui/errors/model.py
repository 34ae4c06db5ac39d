"""The Coupled Data Synchronization Errors grid's model: a window over the store.

The store sorts and filters; the model holds only the ordered ids of the matching errors (eight
bytes each, loaded in a worker thread) and fetches the rows it shows a page at a time, by id,
keeping a few pages in a small cache. A store with a million errors opens, sorts and scrolls to
its last row as fast as one with ten.
"""

from __future__ import annotations

from array import array
from collections import OrderedDict
from collections.abc import Sequence
from typing import Any

from PySide6.QtCore import (
    QAbstractTableModel,
    QCoreApplication,
    QModelIndex,
    QObject,
    QPersistentModelIndex,
    Qt,
    Signal,
)

from desktop_sync.domain import Side
from desktop_sync.gui.common.icons import KIND_ICONS, icon
from desktop_sync.gui.common.style import error_text
from desktop_sync.gui.common.tasks import Task, TaskRunner
from desktop_sync.gui.common.words import kind_label, local_time, said
from desktop_sync.gui.errors.held import clock, held_by, held_text
from desktop_sync.services import ErrorFilter, Service
from desktop_sync.services.history import RetryState
from desktop_sync.services.queries import ErrorRow

(
    COL_MAPPING,
    COL_ERP,
    COL_ERP_EXISTS,
    COL_CRM,
    COL_CRM_EXISTS,
    COL_KIND,
    COL_MESSAGE,
    COL_FAILED_AT,
    COL_JOB,
    COL_CLAIMED,
    COL_RETRIES,
) = range(11)
SORT_KEYS = (
    "mapping",
    "erp_key",
    "erp_exists",
    "crm_key",
    "crm_exists",
    "kind",
    "message",
    "failed_at",
    "job_id",
    "claimed_by",
    "fail_count",
)
ErrorIdRole = Qt.ItemDataRole.UserRole + 1
ErrorRowRole = Qt.ItemDataRole.UserRole + 2

PAGE = 200
CACHED_PAGES = 20


# Spelled out as translate("ErrorsModel", "…") at each call: pyside6-lupdate files the strings of
# a module-level helper tr("…") under an empty context, where the lookup in "ErrorsModel" misses.
translate = QCoreApplication.translate


class ErrorsModel(QAbstractTableModel):
    """Errors matching a filter, in the store's order, fetched by page."""

    reloaded = Signal()
    loading = Signal(bool)
    failed = Signal(str)

    def __init__(self, service: Service, loader: TaskRunner, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self.service, self.loader = service, loader
        self.where = ErrorFilter()
        self.resolved = self.where  # `where` with the records its search matched in the apps
        self.sort_key, self.descending = "failed_at", True
        self._ids: Sequence[int] = array("q")
        self._pages: OrderedDict[int, dict[int, ErrorRow]] = OrderedDict()
        self._states: dict[int, RetryState] = {}  # the cached pages' failed errors, by id
        self._generation = 0

    # -- loading ---------------------------------------------------------------------

    def set_filter(self, where: ErrorFilter) -> None:
        self.where = where
        self.reload()

    def reload(self) -> None:
        """Ask the store for the matching ids in the worker thread; apply them when they come."""
        self._generation += 1
        generation, where, key, descending = (
            self._generation,
            self.where,
            self.sort_key,
            self.descending,
        )
        self.loading.emit(True)

        def done(answer: tuple[ErrorFilter, Sequence[int]]) -> None:
            if generation == self._generation:  # a newer request supersedes this answer
                self.resolved = answer[0]
                self.apply_ids(answer[1])

        def failed(message: str) -> None:
            self.loading.emit(False)
            self.failed.emit(message)

        def work() -> tuple[ErrorFilter, Sequence[int]]:
            # The search finds records by their values in the apps too (a name, an e-mail).
            resolved = self.service.with_record_matches(where) if where.search.strip() else where
            return resolved, self.service.error_ids(resolved, key, descending)

        task = Task(
            work,
            done,
            failed,
            "load errors",
            key=id(self),
        )
        self.loader.submit(task)

    def apply_ids(self, ids: Sequence[int]) -> None:
        self.beginResetModel()
        self._ids = ids
        self._pages.clear()
        self._states.clear()
        self.endResetModel()
        self.loading.emit(False)
        self.reloaded.emit()

    def refresh_rows(self) -> None:
        """Forget the cached rows (their contents changed) without touching the order."""
        self._pages.clear()
        self._states.clear()
        if self._ids:
            self.dataChanged.emit(
                self.index(0, 0), self.index(len(self._ids) - 1, len(SORT_KEYS) - 1)
            )

    # -- Qt's model interface ---------------------------------------------------------

    def rowCount(self, parent: QModelIndex | QPersistentModelIndex = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else len(self._ids)

    def columnCount(self, parent: QModelIndex | QPersistentModelIndex = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else len(SORT_KEYS)

    def headerData(
        self, section: int, orientation: Qt.Orientation, role: int = Qt.ItemDataRole.DisplayRole
    ) -> Any:
        if orientation != Qt.Orientation.Horizontal:
            return None
        erp, crm = self.service.side_name(Side.ERP), self.service.side_name(Side.CRM)
        if role == Qt.ItemDataRole.ToolTipRole:  # the short headers in full
            return {
                COL_ERP: translate("ErrorsModel", "{side} record").format(side=erp),
                COL_ERP_EXISTS: translate("ErrorsModel", "Record exists"),
                COL_CRM: translate("ErrorsModel", "Coupled to ({side})").format(side=crm),
                COL_CRM_EXISTS: translate("ErrorsModel", "Coupled record exists"),
                COL_CLAIMED: translate("ErrorsModel", "Being resolved by another person"),
                COL_RETRIES: translate(
                    "ErrorsModel",
                    "Failed errors: how many times in a row, and whether it is retried by "
                    "itself or needs a person",
                ),
            }.get(section)
        if role != Qt.ItemDataRole.DisplayRole:
            return None
        # Short enough for every column to show its header at 1024 pixels, in Norwegian too.
        return (
            translate("ErrorsModel", "Mapping"),
            erp,
            translate("ErrorsModel", "Exists"),
            crm,
            translate("ErrorsModel", "Exists"),
            translate("ErrorsModel", "Error"),
            translate("ErrorsModel", "Message"),
            translate("ErrorsModel", "Failed on"),
            translate("ErrorsModel", "Job"),
            translate("ErrorsModel", "Resolving"),
            translate("ErrorsModel", "Retries"),
        )[section]

    def sort(self, column: int, order: Qt.SortOrder = Qt.SortOrder.AscendingOrder) -> None:
        key, descending = SORT_KEYS[column], order == Qt.SortOrder.DescendingOrder
        if (key, descending) == (self.sort_key, self.descending):
            return  # the view repeats its sort when sorting is enabled; nothing to read again
        self.sort_key, self.descending = key, descending
        self.reload()

    def data(
        self, index: QModelIndex | QPersistentModelIndex, role: int = Qt.ItemDataRole.DisplayRole
    ) -> Any:
        if not index.isValid():
            return None
        if role == ErrorIdRole:
            return self._ids[index.row()]
        row = self.error_at(index.row())
        if row is None:
            return None
        column = index.column()
        if role == ErrorRowRole:
            return row
        if role == Qt.ItemDataRole.DisplayRole:
            return self._display(row, column)
        if role == Qt.ItemDataRole.ToolTipRole and column == COL_MESSAGE:
            return said(row.message, row.template, row.params)
        if role == Qt.ItemDataRole.ToolTipRole and column == COL_CLAIMED:
            return self.held_text(row) or None
        if role == Qt.ItemDataRole.ToolTipRole and column == COL_RETRIES:
            return self.retry_tip(row) or None
        if role == Qt.ItemDataRole.DecorationRole and column == COL_KIND:
            return icon(KIND_ICONS.get(row.kind, "error"))
        if role == Qt.ItemDataRole.DecorationRole and column == COL_CLAIMED:
            return icon("hold") if self.held_by(row) else None
        if role == Qt.ItemDataRole.ForegroundRole and column in (COL_ERP_EXISTS, COL_CRM_EXISTS):
            exists = row.erp_exists if column == COL_ERP_EXISTS else row.crm_exists
            return None if exists else error_text()  # readable on a light or a dark palette
        if role == Qt.ItemDataRole.AccessibleTextRole:
            return self._display(row, column)
        return None

    def _display(self, row: ErrorRow, column: int) -> str:
        if column == COL_MAPPING:
            return row.mapping
        if column == COL_ERP:
            return row.erp_key or ""
        if column == COL_CRM:
            return row.crm_key or ""
        if column in (COL_ERP_EXISTS, COL_CRM_EXISTS):
            exists = row.erp_exists if column == COL_ERP_EXISTS else row.crm_exists
            return translate("ErrorsModel", "Yes") if exists else translate("ErrorsModel", "No")
        if column == COL_KIND:
            return kind_label(row.kind, self.service)
        if column == COL_MESSAGE:
            message = said(row.message, row.template, row.params)
            return message.splitlines()[0] if message else ""
        if column == COL_FAILED_AT:
            return local_time(row.failed_at)
        if column == COL_CLAIMED:
            if row.resolved_at is not None:  # listed by a day's filter: resolved since
                return translate("ErrorsModel", "Resolved {time}").format(
                    time=local_time(row.resolved_at)
                )
            who = self.held_by(row)
            if not who or row.claimed_at is None:
                return who or ""
            return translate("ErrorsModel", "{user} since {time}").format(
                user=who, time=clock(row.claimed_at)
            )
        if column == COL_RETRIES:
            return self.retry_text(row)
        return str(row.job_id) if row.job_id else ""

    # -- who is on it, retries ---------------------------------------------------------

    def held_by(self, row: ErrorRow) -> str | None:
        """The other person resolving `row` right now (a lapsed claim holds nothing)."""
        return held_by(row, self.service.user)

    def held_text(self, row: ErrorRow) -> str:
        """ "Being resolved by alice since 10:41", or empty."""
        return held_text(row, self.service.user)

    def retry_state(self, row: ErrorRow) -> RetryState | None:
        """A failed error's retry state, read with its page (None for other kinds)."""
        return self._states.get(row.id) if row.kind == "failed" else None

    def retry_text(self, row: ErrorRow) -> str:
        state = self.retry_state(row)
        if state is None:
            return ""
        if state.needs_person:
            return self.tr("{count}× · needs a person").format(count=state.fail_count)
        if state.next_try is None:
            return self.tr("{count}× · at the next synchronization").format(count=state.fail_count)
        return self.tr("{count}× · next try at {time}").format(
            count=state.fail_count, time=clock(state.next_try)
        )

    def retry_tip(self, row: ErrorRow) -> str:
        state = self.retry_state(row)
        if state is None:
            return ""
        times = self.tr("Failed %n time(s) in a row with this message.", "", state.fail_count)
        if state.needs_person:
            why = translate(
                "ErrorsModel",
                "Trying again will not help by itself: a person must correct the record, then "
                "use Retry.",
            )
        elif state.next_try is None:
            why = translate(
                "ErrorsModel",
                "A passing fault: it is retried by itself at the mapping's next synchronization.",
            )
        else:
            why = translate(
                "ErrorsModel", "A passing fault: it is retried by itself at {time}."
            ).format(time=clock(state.next_try))
        return f"{times} {why}"

    # -- rows --------------------------------------------------------------------------

    @property
    def ids(self) -> Sequence[int]:
        return self._ids

    def error_at(self, row: int) -> ErrorRow | None:
        """The error shown in `row`, fetching its page from the store when not cached."""
        if not 0 <= row < len(self._ids):
            return None
        page = row // PAGE
        rows = self._pages.get(page)
        if rows is None:
            ids = list(self._ids[page * PAGE : (page + 1) * PAGE])
            rows = self.service.errors_by_ids(ids)
            self._pages[page] = rows
            # The retry states of the page's failed errors, in one call with the page.
            failed = [i for i, r in rows.items() if r.kind == "failed"]
            if failed:
                self._states.update(self.service.retry_states(failed))
            if len(self._pages) > CACHED_PAGES:
                _page, dropped = self._pages.popitem(last=False)
                for error_id in dropped:
                    self._states.pop(error_id, None)
        else:
            self._pages.move_to_end(page)
        return rows.get(self._ids[row])

    def rows_of(self, ids: set[int]) -> list[int]:
        """Where these ids are now (for keeping a selection across a reload)."""
        return [i for i, error_id in enumerate(self._ids) if error_id in ids] if ids else []
