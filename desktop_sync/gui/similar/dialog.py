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
    QCheckBox,
    QDialog,
    QDialogButtonBox,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QProgressBar,
    QVBoxLayout,
    QWidget,
)

from desktop_sync.domain import Action, ErrorKind, Progress
from desktop_sync.gui.common.icons import icon
from desktop_sync.gui.common.tasks import Task
from desktop_sync.gui.common.words import kind_label
from desktop_sync.gui.operations import Host
from desktop_sync.gui.similar.choice import SimilarChoice
from desktop_sync.gui.similar.preview import (  # noqa: F401 - the columns, for the tests
    COL_CRM_AFTER,
    COL_ERP_AFTER,
    PAGE,
    SimilarPreview,
)
from desktop_sync.services.queries import ErrorRow
from desktop_sync.services.similar import BulkResult, Decision, PreviewRow, SimilarErrors


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
        self.batch: int | None = None  # errors per batch; None: the service's own
        self.task: Task | None = None
        self.result: BulkResult | None = None
        self._preview_wanted = 0
        self.setWindowTitle(self.tr("Apply to Similar Errors"))
        self.setWindowIcon(icon("retry-all"))
        self.resize(860, 560)

        self.intro = QLabel(self.tr("Looking for the errors alike…"))
        self.intro.setWordWrap(True)

        self.choice = SimilarChoice(self.service, error, decision)
        self.choice.changed.connect(self.refresh_preview)
        self.choosers, self.action_choice = self.choice.choosers, self.choice.action_choice

        self.preview = SimilarPreview(self.service)
        self.preview.paged.connect(self._page)
        self.table, self.page_label = self.preview.table, self.preview.page_label

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
        layout.addWidget(self.choice)
        layout.addWidget(self.preview, 1)
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
            names = ", ".join(self.choice.label(n) for n in similar.fields) or self.tr(
                "the same fields"
            )
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
        self.choice.build(similar)
        if self.choice.whole:
            self.rule_row.setVisible(False)  # a rule needs its fields
        self._update_paging()
        self.refresh_preview()

    def decision(self) -> Decision | None:
        """What the person chose; None while a field still needs a version."""
        return self.choice.decision()

    def missing(self) -> list[str]:
        return self.choice.missing()

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
            self.preview.clear()
            return
        if self.result is None and not running:
            self.status.setText("")
        if self.similar is None or not self.similar.count:
            self.preview.clear()
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

    def _read_failed(self, message: str) -> None:
        self.status.setText(message)

    def _page(self, step: int) -> None:
        total = self.similar.count if self.similar else 0
        self.offset = max(0, min(self.offset + step, max(total - 1, 0) // PAGE * PAGE))
        self.refresh_preview()

    def _show_rows(self, rows: list[PreviewRow]) -> None:
        decision = self.decision()
        self.preview.show_rows(rows, decision.action if decision else Action.SYNCHRONIZE)
        self._update_paging()

    def _update_paging(self) -> None:
        self.preview.set_paging(self.offset, self.similar.count if self.similar else 0)

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
        for widget in (self.choice, self.comment, self.rule_row):
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
