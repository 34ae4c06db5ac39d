"""Selecting whole rows of a grid by number (to keep a selection across a reload)."""

from __future__ import annotations

from collections.abc import Sequence

from PySide6.QtCore import QItemSelection, QItemSelectionModel
from PySide6.QtWidgets import QTableView


def select_rows(table: QTableView, rows: Sequence[int], scroll: bool = False) -> None:
    """Select exactly `rows`, make the first the current one, and scroll to it when asked."""
    model, selection_model = table.model(), table.selectionModel()
    selection = QItemSelection()
    last = model.columnCount() - 1
    for row in rows:
        selection.select(model.index(row, 0), model.index(row, last))
    flags = (
        QItemSelectionModel.SelectionFlag.ClearAndSelect | QItemSelectionModel.SelectionFlag.Rows
    )
    selection_model.select(selection, flags)
    if rows:
        selection_model.setCurrentIndex(
            model.index(rows[0], 0), QItemSelectionModel.SelectionFlag.NoUpdate
        )
        if scroll:
            table.scrollTo(model.index(rows[0], 0))
