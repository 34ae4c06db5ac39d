"""The Qt binding itself: a release that mishandles reference counts would crash the window
after hours of use, so it is caught here, in a child process, before it ships."""

from __future__ import annotations

import subprocess
import sys

PROBE = """
import sys
from PySide6.QtCore import QAbstractTableModel, QCoreApplication, QModelIndex, Qt

app = QCoreApplication([])


class Model(QAbstractTableModel):
    def rowCount(self, parent=QModelIndex()):
        return 1

    def columnCount(self, parent=QModelIndex()):
        return 1

    def data(self, index, role=Qt.ItemDataRole.DisplayRole):
        return None


model = Model()
index = model.index(0, 0)
before = sys.getrefcount(None)
for _ in range(20000):
    index.data()
print(sys.getrefcount(None) - before)
"""


def test_returning_none_from_a_model_keeps_none_alive() -> None:
    done = subprocess.run(
        [sys.executable, "-c", PROBE], capture_output=True, text=True, timeout=120
    )
    assert done.returncode == 0, f"the Qt binding crashed the interpreter: {done.stderr[-500:]}"
    assert abs(int(done.stdout.strip())) < 100, (
        "None's reference count drifts: the binding leaks or over-releases"
    )
