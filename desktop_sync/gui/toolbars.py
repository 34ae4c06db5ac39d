"""The main window's toolbars, every action visible at any width from 1024 pixels up.

Two toolbars: synchronizing and the actions on errors, then the looking-up ones (log, record,
Find Deleted, Refresh). Side by side with their words when there is room; else the looking-up
ones as icons (their names in the tooltips and the menus) on the same row; else on a row of their
own with their words; and all as icons only when even that is too narrow.
"""

from __future__ import annotations

from PySide6.QtCore import QObject, Qt
from PySide6.QtGui import QAction
from PySide6.QtWidgets import QMainWindow, QToolBar, QToolButton

from desktop_sync.gui.errors.actions import ErrorActions

SPARE = 24  # pixels kept free beside the toolbars (the handle, the window's frame)


class MainToolbars(QObject):
    """`main` (Synchronize Now, the error actions) and `tools` (the looking-up ones)."""

    def __init__(
        self,
        window: QMainWindow,
        sync_now: QAction,
        sync_menu: object,
        actions: ErrorActions,
    ) -> None:
        super().__init__(window)
        self.window = window
        self.main = QToolBar(window)
        self.main.setObjectName("mainToolbar")
        self.sync_button = QToolButton()
        self.sync_button.setDefaultAction(sync_now)
        self.sync_button.setMenu(sync_menu)  # type: ignore[arg-type]
        self.sync_button.setPopupMode(QToolButton.ToolButtonPopupMode.MenuButtonPopup)
        self.main.addWidget(self.sync_button)
        self.main.addSeparator()  # Cancel is in the status bar while a job runs, and in the menu
        a = actions
        for action in (
            a.synchronize,
            a.retry,
            a.retry_all,
            a.remove_coupling,
            a.restore,
            a.delete,
            a.set_up_coupling,
        ):
            self.main.addAction(action)
        self.tools = QToolBar(window)
        self.tools.setObjectName("toolsToolbar")
        for action in (a.sync_log, a.open_record, a.find_deleted, a.refresh):
            self.tools.addAction(action)
        window.addToolBar(self.main)
        window.addToolBar(self.tools)
        self.style = Qt.ToolButtonStyle.ToolButtonTextUnderIcon
        self.two_rows = False
        self._set_style(self.style)

    @property
    def bars(self) -> tuple[QToolBar, QToolBar]:
        return self.main, self.tools

    def actions(self) -> list[QAction]:
        return [a for bar in self.bars for a in bar.actions() if not a.isSeparator()]

    def _set_style(
        self, style: Qt.ToolButtonStyle, tools: Qt.ToolButtonStyle | None = None
    ) -> None:
        self.style = style
        self.main.setToolButtonStyle(style)
        self.sync_button.setToolButtonStyle(style)
        self.tools.setToolButtonStyle(tools or style)

    def _width(self, bar: QToolBar) -> int:
        bar.adjustSize()
        return bar.sizeHint().width()

    def adapt(self) -> None:
        """Lay the toolbars out for the window's width now (called on every resize)."""
        room = self.window.width() - SPARE
        words = Qt.ToolButtonStyle.ToolButtonTextUnderIcon
        icons = Qt.ToolButtonStyle.ToolButtonIconOnly
        self._set_style(words)
        main, tools = self._width(self.main), self._width(self.tools)
        two_rows = False
        if main + tools > room:
            self._set_style(words, icons)
            two_rows = main + self._width(self.tools) > room
            if two_rows:
                self._set_style(words)
        if max(main, tools) > room:
            self._set_style(icons)
            two_rows = self._width(self.main) + self._width(self.tools) > room
        if two_rows != self.two_rows:
            self.two_rows = two_rows
            if two_rows:
                self.window.insertToolBarBreak(self.tools)
            else:
                self.window.removeToolBarBreak(self.tools)
