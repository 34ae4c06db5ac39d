"""The questions before an action on errors, naming what it acts on ("Delete customer C10810
“Bygg AS” in Business Central?") and saying what stays true afterwards — which record stays in
which app, which was deleted already.

`ask_about` first reads the records' names in the loader thread (the apps may be slow), then asks;
when the apps cannot be read the question names the keys alone.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence

from PySide6.QtCore import QObject

from desktop_sync.domain import ErrorKind, Side
from desktop_sync.gui.common.tasks import Task
from desktop_sync.gui.errors.held import held_by
from desktop_sync.gui.operations import Host
from desktop_sync.services.naming import ErrorNames, RecordName
from desktop_sync.services.queries import ErrorRow

LISTED = 5  # records a question about many lists by name

Names = dict[int, ErrorNames]


def ask_about(
    host: Host,
    errors: Sequence[ErrorRow],
    ask: Callable[[Names], None],
    label: str,
    held: Callable[[list[ErrorRow]], None] | None = None,
) -> None:
    """Read the names of `errors`' records off the GUI thread, then call `ask` with them. With
    `held`, the errors are read again first: when another person holds any, `held` gets those
    rows instead and nothing is asked."""
    service, chosen = host.service, list(errors)

    def work() -> tuple[Names, list[ErrorRow]]:
        fresh = service.errors_by_ids([e.id for e in chosen]) if held is not None else {}
        others = [r for r in fresh.values() if held_by(r, service.user)]
        if others:
            return {}, others
        try:
            return service.error_names(chosen), []
        except Exception:  # noqa: BLE001 - the question names the keys alone
            return {}, []

    def done(answer: tuple[Names, list[ErrorRow]]) -> None:
        names, others = answer
        if others and held is not None:
            held(others)
        else:
            ask(names)

    host.runners.loader.submit(Task(work, done, lambda _message: ask({}), label))


class Questions(QObject):
    """The texts of the questions; `names` as `Service.error_names` gives them."""

    def __init__(self, host: Host, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self.host = host

    # -- naming --------------------------------------------------------------------------

    def record(self, error: ErrorRow, side: Side, names: Names) -> str:
        """ "Business Central customer C10810 “Bygg AS”" (or the key alone, unread)."""
        found = names.get(error.id)
        name = found.on(side) if found else None
        if name is None:
            return self.tr("{app} record {key}").format(
                app=self.host.service.side_name(side), key=error.key(side) or "—"
            )
        return self.tr("{app} {record}").format(app=name.app, record=str(name))

    def shown_side(self, error: ErrorRow) -> Side:
        """The side a list names an error by: the one whose record still exists."""
        return Side.ERP if error.erp_key and error.erp_exists else Side.CRM

    def listing(self, errors: Sequence[ErrorRow], names: Names) -> str:
        lines = [f"• {self.record(e, self.shown_side(e), names)}" for e in errors[:LISTED]]
        if len(errors) > LISTED:
            lines.append(self.tr("…and %n more", "", len(errors) - LISTED))
        return "\n".join(lines)

    # -- the questions -------------------------------------------------------------------

    def remove_coupling(self, errors: Sequence[ErrorRow], names: Names) -> str:
        if len(errors) == 1:
            e = errors[0]
            question = self.tr("Remove the coupling of {erp} and {crm}?").format(
                erp=self.record(e, Side.ERP, names), crm=self.record(e, Side.CRM, names)
            )
            return f"{question}\n\n{self._what_stays(e)}"
        question = self.tr("Remove the coupling of %n record(s)?", "", len(errors))
        truth = (
            self.tr(
                "Each record that still exists stays in its app, but they are no longer "
                "synchronized. To synchronize them again you must couple them again."
            )
            if any(not (e.erp_exists and e.crm_exists) for e in errors)
            else self.tr(
                "The records stay in both apps but are no longer synchronized. To synchronize "
                "them again you must couple them again."
            )
        )
        return f"{question}\n{self.listing(errors, names)}\n\n{truth}"

    def _what_stays(self, e: ErrorRow) -> str:
        side_name = self.host.service.side_name
        if e.erp_exists and e.crm_exists:
            return self.tr(
                "Both records stay, but they are no longer synchronized. To synchronize them "
                "again you must couple them again."
            )
        if e.erp_exists or e.crm_exists:
            kept = Side.ERP if e.erp_exists else Side.CRM
            return self.tr(
                "The {kept} record stays; the {gone} record was deleted already. It is no longer "
                "synchronized: nothing will recreate or delete it."
            ).format(kept=side_name(kept), gone=side_name(kept.other))
        return self.tr("Both records were deleted already: only the coupling and the error go.")

    def delete(self, errors: Sequence[ErrorRow], names: Names) -> str:
        if len(errors) == 1:
            e = errors[0]
            deleted = ErrorKind(e.kind).deleted_side or Side.CRM
            remaining = deleted.other
            return self.tr(
                "Delete {record} in {app}?\n\nIt was deleted in {other} already; the coupling is "
                "removed too. This cannot be undone."
            ).format(
                record=self._bare(e, remaining, names),
                app=self.host.service.side_name(remaining),
                other=self.host.service.side_name(deleted),
            )
        question = self.tr(
            "Delete %n record(s) in the app where each still exists, and remove the couplings?",
            "",
            len(errors),
        )
        return f"{question}\n{self.listing(errors, names)}\n\n" + self.tr("This cannot be undone.")

    def restore(self, errors: Sequence[ErrorRow], names: Names) -> str:
        if len(errors) == 1:
            e = errors[0]
            deleted = ErrorKind(e.kind).deleted_side or Side.CRM
            return self.tr("Recreate {record} in {app}, from its values in {other}?").format(
                record=self._bare(e, deleted.other, names),
                app=self.host.service.side_name(deleted),
                other=self.host.service.side_name(deleted.other),
            )
        question = self.tr(
            "Recreate %n record(s) in the app each was deleted from, from the other app's values?",
            "",
            len(errors),
        )
        return f"{question}\n{self.listing(errors, names)}"

    def _bare(self, error: ErrorRow, side: Side, names: Names) -> str:
        """ "customer C10810 “Bygg AS”": the record without its app's name."""
        found = names.get(error.id)
        name: RecordName | None = found.on(side) if found else None
        return str(name) if name else (error.key(side) or "—")
