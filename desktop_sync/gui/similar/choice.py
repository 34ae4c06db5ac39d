"""The decision of Apply to Similar Errors: per conflicting field the version both apps get (a
whole version when the conflicting fields are not known), Restore or Delete for one-sided
deletions, Retry for failures alike."""

from __future__ import annotations

from PySide6.QtCore import Signal
from PySide6.QtWidgets import QComboBox, QFormLayout, QGroupBox, QLabel, QWidget

from desktop_sync.domain import Action, ErrorKind, Side
from desktop_sync.services import Service
from desktop_sync.services.queries import ErrorRow
from desktop_sync.services.similar import Decision, SimilarErrors

WHOLE = ""  # the chooser of a whole version, when the conflicting fields are not known


class SimilarChoice(QGroupBox):
    """The choosers; `changed` when the person changes one, `decision()` what they add up to."""

    changed = Signal()

    def __init__(
        self,
        service: Service,
        error: ErrorRow,
        initial: Decision | None = None,
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(parent)
        self.setTitle(self.tr("Decision"))
        self.service, self.error, self.initial = service, error, initial
        self.kind = ErrorKind(error.kind)
        self.similar: SimilarErrors | None = None
        self.whole = False  # one version for the whole record
        self.form = QFormLayout(self)
        self.choosers: dict[str, QComboBox] = {}
        self.action_choice = QComboBox()
        self.action_choice.setAccessibleName(self.tr("Action for every error alike"))

    def label(self, name: str) -> str:
        if name == WHOLE:
            return self.tr("Whole record")
        fields = {f.name: f for f in self.service.config.mapping(self.error.mapping).value_fields}
        return fields[name].label_on(Side.ERP) if name in fields else name

    def build(self, similar: SimilarErrors) -> None:
        """The choosers for the errors alike `similar`."""
        self.similar = similar
        form, service = self.form, self.service
        if self.kind is ErrorKind.CHANGED_IN_BOTH:
            names = self.similar.fields if self.similar else ()
            initial = self.initial.winners(list(names)) if self.initial else {}
            if not names:  # conflicting fields not known (an error from an older version)
                names = (WHOLE,)
                self.whole = True
                if self.initial is not None and self.initial.winner is not None:
                    initial = {WHOLE: self.initial.winner}
            for name in names:
                chooser = QComboBox()
                chooser.setAccessibleName(
                    self.tr("Version to use for {field}").format(field=self.label(name))
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
                chooser.currentIndexChanged.connect(self.changed)
                self.choosers[name] = chooser
                form.addRow(self.label(name) + ":", chooser)
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
        self.action_choice.currentIndexChanged.connect(self.changed)
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
        return [self.label(n) for n, c in self.choosers.items() if c.currentData() is None]
