"""The Apply to Similar Errors dialog: how many errors are alike the chosen one and why, a paged
preview of what both apps will hold for each record, the decision (per conflicting field for a
record changed in both, Restore or Delete for a deletion, Retry for a failure), an optional
comment and rule, then Apply with progress and Cancel.

Reading runs in the window's loader thread, applying in its actions thread
(`Service.apply_to_similar`, a batch at a time). Cancel stops at the next batch: what was done
stays done, and the dialog says how many were resolved. The dialog writes nothing itself.
"""

from __future__ import annotations

from typing import Any

from PySide6.QtCore import Qt
from PySide6.QtWidgets import (
    QAbstractItemView,
    QCheckBox,
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QGroupBox,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QLineEdit,
    QProgressBar,
    QPushButton,
    QTableWidget,
    QTableWidgetItem,
    QVBoxLayout,
    QWidget,
)

from desktop_sync.domain import Action, ErrorKind, Progress, Side
from desktop_sync.gui.common.icons import icon
from desktop_sync.gui.common.tasks import Task
from desktop_sync.gui.common.words import kind_label, shown
from desktop_sync.gui.operations import Host
from desktop_sync.services.queries import ErrorRow
from desktop_sync.services.similar import BulkResult, Decision, PreviewRow, SimilarErrors

PAGE = 50
WHOLE = ""  # the chooser of a whole version, when the conflicting fields are not known
COL_ERP, COL_CRM, COL_ERP_AFTER, COL_CRM_AFTER = range(4)


class SimilarDialog(QDialog):
    """One decision for every open error alike `error` (itself included while open)."""

    def __init__(
        self,
        host: Host,
        error: ErrorRow,
        decision: Decision | None = None,
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(parent)
        self.host, self.service, self.error = host, host.service, error
        self.initial = decision
        self.kind = ErrorKind(error.kind)
        self.similar: SimilarErrors | None = None
        self.offset = 0
        self.rows: list[PreviewRow] = []
        self.batch: int | None = None  # errors per batch; None: the service's own
        self.task: Task | None = None
        self.result: BulkResult | None = None
        self._preview_wanted = 0
        erp, crm = self.service.side_name(Side.ERP), self.service.side_name(Side.CRM)
        self.setWindowTitle(self.tr("Apply to Similar Errors"))
        self.setWindowIcon(icon("retry-all"))
        self.resize(860, 560)

        self.intro = QLabel(self.tr("Looking for the errors alike…"))
        self.intro.setWordWrap(True)

        self.choice_box = QGroupBox(self.tr("Decision"))
        self.choice_form = QFormLayout(self.choice_box)
        self.choosers: dict[str, QComboBox] = {}
        self.action_choice = QComboBox()
        self.action_choice.setAccessibleName(self.tr("Action for every error alike"))

        self.table = QTableWidget(0, 4)
        self.table.setAccessibleName(self.tr("Preview of what both apps will hold"))
        self.table.setHorizontalHeaderLabels(
            [
                self.tr("{side} record").format(side=erp),
                self.tr("{side} record").format(side=crm),
                self.tr("{side} will hold").format(side=erp),
                self.tr("{side} will hold").format(side=crm),
            ]
        )
        self.table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.table.setTabKeyNavigation(False)
        self.table.setWordWrap(False)
        self.table.verticalHeader().setVisible(False)
        header = self.table.horizontalHeader()
        header.setSectionResizeMode(QHeaderView.ResizeMode.ResizeToContents)
        header.setSectionResizeMode(COL_ERP_AFTER, QHeaderView.ResizeMode.Stretch)
        header.setSectionResizeMode(COL_CRM_AFTER, QHeaderView.ResizeMode.Stretch)

        self.previous = QPushButton(self.tr("&Previous"))
        self.next = QPushButton(self.tr("Ne&xt"))
        self.page_label = QLabel()
        self.previous.clicked.connect(lambda: self._page(-PAGE))
        self.next.clicked.connect(lambda: self._page(PAGE))
        paging = QHBoxLayout()
        paging.addWidget(self.page_label, 1)
        paging.addWidget(self.previous)
        paging.addWidget(self.next)

        self.comment = QLineEdit()
        self.comment.setAccessibleName(self.tr("Comment"))
        self.comment.setPlaceholderText(self.tr("Comment for the journal (optional)"))
        self.save_rule = QCheckBox(self.tr("&Save as rule, for the next jobs' conflicts:"))
        self.save_rule.setToolTip(
            self.tr(
                "Jobs then settle every conflict on exactly these fields by themselves, each "
                "field from its winner"
            )
        )
        self.rule_name = QLineEdit()
        self.rule_name.setAccessibleName(self.tr("Rule name"))
        self.rule_name.setPlaceholderText(self.tr("Rule name"))
        self.rule_name.setEnabled(False)
        self.save_rule.toggled.connect(self.rule_name.setEnabled)
        rule = QHBoxLayout()
        rule.addWidget(self.save_rule)
        rule.addWidget(self.rule_name, 1)
        self.rule_row = QWidget()
        self.rule_row.setLayout(rule)
        rule.setContentsMargins(0, 0, 0, 0)
        self.rule_row.setVisible(self.kind is ErrorKind.CHANGED_IN_BOTH)
        comment_label = QLabel(self.tr("&Comment:"))
        comment_label.setBuddy(self.comment)
        comment_row = QHBoxLayout()
        comment_row.addWidget(comment_label)
        comment_row.addWidget(self.comment, 1)

        self.progress = QProgressBar()
        self.progress.setVisible(False)
        self.status = QLabel()
        self.status.setObjectName("similarStatus")
        self.status.setAccessibleName(self.tr("What was done"))
        self.status.setWordWrap(True)
        self.status.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)

        self.buttons = QDialogButtonBox()
        self.apply_button = self.buttons.addButton(
            self.tr("&Apply to All"), QDialogButtonBox.ButtonRole.ApplyRole
        )
        self.apply_button.setAutoDefault(False)
        self.apply_button.setEnabled(False)
        self.apply_button.clicked.connect(self.apply)
        self.close_button = self.buttons.addButton(QDialogButtonBox.StandardButton.Cancel)
        self.close_button.clicked.connect(self.cancel_or_close)
        self.close_button.setDefault(True)

        layout = QVBoxLayout(self)
        layout.addWidget(self.intro)
        layout.addWidget(self.choice_box)
        layout.addWidget(self.table, 1)
        layout.addLayout(paging)
        layout.addLayout(comment_row)
        layout.addWidget(self.rule_row)
        layout.addWidget(self.progress)
        layout.addWidget(self.status)
        layout.addWidget(self.buttons)
        self._update_paging()
        self.load()

    # -- reading -------------------------------------------------------------------------

    def load(self) -> None:
        """Which errors are alike, read in the loader thread."""
        service, error_id = self.service, self.error.id
        self.host.runners.loader.submit(
            Task(
                lambda: service.similar_errors(error_id),
                self._loaded,
                self._read_failed,
                "similar errors",
            )
        )

    def _loaded(self, similar: SimilarErrors) -> None:
        self.similar = similar
        count = similar.count
        kind = kind_label(self.error.kind, self.service)
        if self.kind is ErrorKind.CHANGED_IN_BOTH:
            names = ", ".join(self._label(n) for n in similar.fields) or self.tr("the same fields")
            why = self.tr("changed in both apps on {fields}").format(fields=names)
        elif self.kind is ErrorKind.FAILED:
            why = self.tr("failed with a message of the same pattern")
        else:
            why = kind.lower()
        self.intro.setText(
            self.tr("%n open error(s) of mapping {mapping} are alike: {why}.", "", count).format(
                mapping=self.error.mapping, why=why
            )
        )
        self._build_choice()
        self._update_paging()
        self.refresh_preview()

    def _label(self, name: str) -> str:
        if name == WHOLE:
            return self.tr("Whole record")
        fields = {f.name: f for f in self.service.config.mapping(self.error.mapping).value_fields}
        return fields[name].label_on(Side.ERP) if name in fields else name

    def _build_choice(self) -> None:
        form, service = self.choice_form, self.service
        if self.kind is ErrorKind.CHANGED_IN_BOTH:
            names = self.similar.fields if self.similar else ()
            initial = self.initial.winners(list(names)) if self.initial else {}
            if not names:  # conflicting fields not known (an error from an older version)
                names = (WHOLE,)
                self.rule_row.setVisible(False)  # a rule needs its fields
                if self.initial is not None and self.initial.winner is not None:
                    initial = {WHOLE: self.initial.winner}
            for name in names:
                chooser = QComboBox()
                chooser.setAccessibleName(
                    self.tr("Version to use for {field}").format(field=self._label(name))
                )
                if name not in initial:
                    chooser.addItem(self.tr("Choose…"), None)
                for side in Side:
                    chooser.addItem(
                        self.tr("the {side} version").format(side=service.side_name(side)),
                        side.value,
                    )
                if name in initial:
                    chooser.setCurrentIndex(chooser.findData(initial[name].value))
                chooser.currentIndexChanged.connect(self.refresh_preview)
                self.choosers[name] = chooser
                form.addRow(self._label(name) + ":", chooser)
            note = QLabel(
                self.tr("A field changed in one app only keeps that change, as in Synchronize.")
            )
            note.setWordWrap(True)
            form.addRow(note)
            return
        if self.kind is ErrorKind.FAILED:
            self.action_choice.addItem(
                self.tr("Retry: include each record in the next synchronization"),
                Action.RETRY.value,
            )
        else:
            deleted = self.kind.deleted_side or Side.CRM
            self.action_choice.addItem(
                self.tr("Restore Records: recreate each in {app}").format(
                    app=service.side_name(deleted)
                ),
                Action.RESTORE.value,
            )
            self.action_choice.addItem(
                self.tr("Delete Records: delete each in {app} too").format(
                    app=service.side_name(deleted.other)
                ),
                Action.DELETE.value,
            )
            if self.initial is not None and self.initial.action is Action.DELETE:
                self.action_choice.setCurrentIndex(1)
        self.action_choice.currentIndexChanged.connect(self.refresh_preview)
        label = QLabel(self.tr("Ac&tion:"))
        label.setBuddy(self.action_choice)
        form.addRow(label, self.action_choice)

    def decision(self) -> Decision | None:
        """What the person chose; None while a field still needs a version."""
        if self.kind is ErrorKind.CHANGED_IN_BOTH:
            chosen = {n: c.currentData() for n, c in self.choosers.items()}
            if not chosen or any(v is None for v in chosen.values()):
                return None
            if WHOLE in chosen:
                return Decision(Action.SYNCHRONIZE, winner=Side(chosen[WHOLE]))
            return Decision(Action.SYNCHRONIZE, fields={n: Side(v) for n, v in chosen.items()})
        data = self.action_choice.currentData()
        return Decision(Action(data)) if data else None

    def missing(self) -> list[str]:
        return [self._label(n) for n, c in self.choosers.items() if c.currentData() is None]

    def refresh_preview(self, *_: Any) -> None:
        """Read the page of the preview for the decision as it stands (in the loader thread)."""
        decision = self.decision()
        running = self.task is not None
        self.apply_button.setEnabled(
            decision is not None and self.similar is not None and bool(self.similar.count)
            and not running and self.result is None
        )  # fmt: skip
        if decision is None:
            missing = ", ".join(self.missing())
            self.status.setText(
                self.tr("Choose a version for: {fields}").format(fields=missing) if missing else ""
            )
            self.table.setRowCount(0)
            return
        if self.result is None and not running:
            self.status.setText("")
        if self.similar is None or not self.similar.count:
            self.table.setRowCount(0)
            return
        service, error_id, offset = self.service, self.error.id, self.offset
        self._preview_wanted += 1
        wanted = self._preview_wanted

        def done(rows: list[PreviewRow]) -> None:
            if wanted == self._preview_wanted:
                self._show_rows(rows)

        self.host.runners.loader.submit(
            Task(
                lambda: service.preview_similar(error_id, decision, offset, PAGE),
                done,
                self._read_failed,
                "preview similar",
                key=("preview", id(self)),
            )
        )

    def _show_rows(self, rows: list[PreviewRow]) -> None:
        self.rows = rows
        self.table.setRowCount(len(rows))
        for r, row in enumerate(rows):
            cells = [
                row.erp_key or "—",
                row.crm_key or "—",
                self._after(row, Side.ERP),
                self._after(row, Side.CRM),
            ]
            for c, text in enumerate(cells):
                item = QTableWidgetItem(text)
                if c in (COL_ERP_AFTER, COL_CRM_AFTER):
                    item.setToolTip(self._now(row, Side.ERP if c == COL_ERP_AFTER else Side.CRM))
                self.table.setItem(r, c, item)
        self._update_paging()

    def _after(self, row: PreviewRow, side: Side) -> str:
        """What one app will hold for one record: the fields that change, in words."""
        now, after = ("erp", "erp_after") if side is Side.ERP else ("crm", "crm_after")
        gone = all(getattr(f, now) is None for f in row.fields)
        decision = self.decision()
        if decision is not None and decision.action is Action.DELETE:
            return self.tr("(deleted already)") if gone else self.tr("deleted")
        if decision is not None and decision.action is Action.RETRY:
            return self.tr("unchanged now; tried again at the next synchronization")
        parts = [
            f"{f.label}: {shown(getattr(f, after))}"
            for f in row.fields
            if not _same(getattr(f, now), getattr(f, after))
        ]
        if not parts:
            return self.tr("unchanged")
        text = "; ".join(parts)
        return self.tr("recreated: {values}").format(values=text) if gone else text

    def _now(self, row: PreviewRow, side: Side) -> str:
        attr = "erp" if side is Side.ERP else "crm"
        lines = [f"{f.label}: {shown(getattr(f, attr))}" for f in row.fields]
        return self.tr("Now:") + "\n" + "\n".join(lines)

    def _read_failed(self, message: str) -> None:
        self.status.setText(message)

    def _page(self, step: int) -> None:
        total = self.similar.count if self.similar else 0
        self.offset = max(0, min(self.offset + step, max(total - 1, 0) // PAGE * PAGE))
        self.refresh_preview()

    def _update_paging(self) -> None:
        total = self.similar.count if self.similar else 0
        first = self.offset + 1 if total else 0
        last = min(self.offset + PAGE, total)
        self.page_label.setText(
            self.tr("Records {first}–{last} of {total}").format(first=first, last=last, total=total)
        )
        self.previous.setEnabled(self.offset > 0)
        self.next.setEnabled(self.offset + PAGE < total)

    # -- applying ------------------------------------------------------------------------

    def apply(self) -> None:
        decision = self.decision()
        if decision is None or self.similar is None or self.task is not None:
            return
        save, name = self.save_rule.isChecked(), self.rule_name.text().strip()
        if save and not name:
            self.status.setText(self.tr("Give the rule a name, or leave Save as rule off."))
            self.rule_name.setFocus()
            return
        comment = self.comment.text().strip() or None
        service, error_id, batch = self.service, self.error.id, self.batch
        save = save and self.kind is ErrorKind.CHANGED_IN_BOTH

        def work(progress: Any, cancel: Any) -> tuple[str | None, BulkResult]:
            rule = service.save_rule_from(error_id, decision, name, comment) if save else None
            extra = {"batch": batch} if batch else {}
            result = service.apply_to_similar(
                error_id, decision, progress, cancel, comment, **extra
            )
            return (rule.name if rule else None), result

        total = self.similar.count
        self.progress.setRange(0, max(total, 1))
        self.progress.setValue(0)
        self.progress.setVisible(True)
        self.status.setText(self.tr("Applying to %n error(s)…", "", total))
        self.apply_button.setEnabled(False)
        self.close_button.setText(self.tr("Cancel"))
        for widget in (self.choice_box, self.comment, self.rule_row):
            widget.setEnabled(False)
        runner = self.host.runners.actions
        runner.progressed.connect(self._on_progress)
        self.task = Task(
            work,
            self._applied,
            self._apply_failed,
            self.tr("Applying to similar errors"),
            wants_progress=True,
        )
        runner.submit(self.task)

    def _on_progress(self, task: Task, progress: Progress) -> None:
        if task is self.task and progress.total:
            self.progress.setMaximum(progress.total)
            self.progress.setValue(progress.done)

    def _end(self) -> None:
        self.host.runners.actions.progressed.disconnect(self._on_progress)
        self.task = None
        self.close_button.setText(self.tr("Close"))
        self.host.notify_changed("errors")

    def _applied(self, answer: tuple[str | None, BulkResult]) -> None:
        rule, result = answer
        self.result = result
        self._end()
        self.progress.setMaximum(max(result.total, 1))
        self.progress.setValue(result.done)
        text = self.tr("{done} of {total} error(s) resolved.").format(
            done=result.done, total=result.total
        )
        if result.cancelled:
            text += " " + self.tr("Cancelled: what was done stays done, the rest are still open.")
        problems = result.refused + result.failed
        if problems:
            text += " " + self.tr("%n could not be resolved:", "", len(problems))
            text += "\n" + "\n".join(problems[:10])
        if rule:
            text += "\n" + self.tr("Saved as rule “{name}”.").format(name=rule)
        self.status.setText(text)

    def _apply_failed(self, message: str) -> None:
        self._end()
        self.status.setText(self.tr("Nothing more was applied: {message}").format(message=message))

    def cancel_or_close(self) -> None:
        """While applying: stop after the current batch. Otherwise: close."""
        if self.task is not None:
            self.task.cancel.cancel()
            self.status.setText(self.tr("Cancelling after the current batch…"))
            return
        self.done(QDialog.DialogCode.Accepted if self.result else QDialog.DialogCode.Rejected)

    def reject(self) -> None:  # Esc, the window's close button
        self.cancel_or_close()

    def closeEvent(self, event: Any) -> None:
        if self.task is not None:
            self.cancel_or_close()
            event.ignore()
            return
        super().closeEvent(event)


def _same(a: Any, b: Any) -> bool:
    return shown(a) == shown(b)
