"""The main window's menu bar (File, Synchronization, Errors, Job Queue, Help) and the errors
grid's context menu: where every action of the window can be found by name, with its shortcut.
"""

from __future__ import annotations

from typing import Protocol

from PySide6.QtCore import QObject, QPoint, Qt
from PySide6.QtGui import QAction
from PySide6.QtWidgets import QMenu, QMenuBar, QWidget

from desktop_sync.gui.errors.actions import ErrorActions
from desktop_sync.gui.errors.view import ErrorsView
from desktop_sync.gui.export.command import ExportCommand
from desktop_sync.gui.queue.actions import QueueActions


class MenuHost(Protocol):
    """What the menus are made of: the main window's own actions and its features' actions."""

    quit: QAction
    sync_now: QAction
    sync_menu: QMenu
    cancel: QAction
    focus_search: QAction
    about: QAction
    export: ExportCommand
    error_actions: ErrorActions
    queue_actions: QueueActions
    errors: ErrorsView

    def menuBar(self) -> QMenuBar: ...


class MainMenus(QObject):
    """The menus of `window`, built once its actions exist."""

    def __init__(self, window: MenuHost, parent: QWidget) -> None:
        super().__init__(parent)
        self.window = window
        bar = window.menuBar()
        self.file_menu = bar.addMenu("")
        self.file_menu.addAction(window.export.action)
        self.file_menu.addSeparator()
        self.file_menu.addAction(window.quit)
        self.sync_menu_bar = bar.addMenu("")
        self.sync_menu_bar.addAction(window.sync_now)
        self.sync_menu_bar.addMenu(window.sync_menu)
        a = window.error_actions
        self.sync_menu_bar.addAction(a.find_deleted)
        self.sync_menu_bar.addAction(a.compare_all)
        self.sync_menu_bar.addAction(window.cancel)
        self.errors_menu = bar.addMenu("")
        for action in a.on_selection[:5]:
            self.errors_menu.addAction(action)
        self.errors_menu.addAction(a.retry_all)
        self.errors_menu.addSeparator()
        for action in a.on_selection[5:]:
            self.errors_menu.addAction(action)
        self.errors_menu.addSeparator()
        self.errors_menu.addAction(window.focus_search)
        self.errors_menu.addAction(a.refresh)
        self.errors_menu.addAction(a.rules)
        bar.addMenu(window.queue_actions.menu)
        self.help_menu = bar.addMenu("")
        self.help_menu.addAction(window.about)
        table = window.errors.table
        table.setContextMenuPolicy(Qt.ContextMenuPolicy.CustomContextMenu)
        table.customContextMenuRequested.connect(self._context_menu)

    @property
    def own(self) -> tuple[QMenu, ...]:
        """The menus made here (the Job Queue menu is the queue's)."""
        return (self.file_menu, self.sync_menu_bar, self.errors_menu, self.help_menu)

    def _context_menu(self, position: QPoint) -> None:
        table = self.window.errors.table
        menu = QMenu(table)
        a = self.window.error_actions
        for action in a.on_selection:
            menu.addAction(action)
        menu.addSeparator()
        menu.addAction(a.retry_all)
        menu.addAction(a.refresh)
        menu.exec(table.viewport().mapToGlobal(position))

    def retranslate(self) -> None:
        self.file_menu.setTitle(self.tr("&File"))
        self.sync_menu_bar.setTitle(self.tr("&Synchronization"))
        self.window.sync_menu.setTitle(self.tr("Synchronize Mapping"))
        self.errors_menu.setTitle(self.tr("&Errors"))
        self.help_menu.setTitle(self.tr("&Help"))
