"""Cleanup of a million old rows run by the window, while the GUI thread is watched.

    python bench/cleanup_window_bench.py [--rows 1000000]

Fills a store as bench/cleanup_bench.py does (`--rows` rows older than keep_days, and some
recent ones), gives it the job queue's cleanup entry, due now, and opens the main window
offscreen. The window's own job queue runner then runs the cleanup in its jobs thread — the way
it runs every queue entry, with progress in the status bar — while a QTimer every 10 ms records
the largest gap between its ticks: the longest the GUI thread could not answer (a stall).
Baseline, measured in the same run: the same timer's largest gap while the window sits idle for
two seconds before the cleanup. Aim: no stall over 100 ms.

On the 2-core development machine, 1,000,000 rows, while other work kept it busy (load average
5.5): the cleanup took 6.3 s in the window, with 50 progress reports in its status bar; the GUI
thread's longest stall was 0.025 s against 0.014 s idle, none over 0.1 s.
"""

from __future__ import annotations

import argparse
import os
import sqlite3
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))
sys.path.insert(0, str(Path(__file__).resolve().parent))
os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

from cleanup_bench import fill  # the same store as the cleanup alone
from PySide6.QtCore import QCoreApplication, QElapsedTimer, QSettings, QTimer
from PySide6.QtWidgets import QApplication

from desktop_sync.services import Service

CLEANUP = "(cleanup)"


class StallWatch:
    """A 10 ms timer on the GUI thread; `longest` is the largest gap between two ticks (s)."""

    def __init__(self) -> None:
        self.clock = QElapsedTimer()
        self.timer = QTimer(interval=10)
        self.timer.timeout.connect(self._tick)
        self.longest = 0.0
        self.over_100ms = 0

    def start(self) -> None:
        self.longest, self.over_100ms = 0.0, 0
        self.clock.start()
        self.timer.start()

    def stop(self) -> float:
        self._tick()
        self.timer.stop()
        return self.longest

    def _tick(self) -> None:
        gap = self.clock.restart() / 1000
        self.longest = max(self.longest, gap)
        self.over_100ms += gap > 0.1


def run(app: QApplication, seconds: float, done=lambda: False) -> float:  # type: ignore[no-untyped-def]
    """Run the event loop (as a window does, idling between rounds) for `seconds` or until
    `done()`; the time taken."""
    began = time.perf_counter()
    while not done() and time.perf_counter() - began < seconds:
        app.processEvents()
        time.sleep(0.001)
    return time.perf_counter() - began


def main() -> None:
    parser = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    parser.add_argument("--rows", type=int, default=1_000_000)
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as tmp:
        folder = Path(tmp)
        config = fill(folder, args.rows)
        service = Service.open(config, user="bench")
        service.queue.ensure_entries()
        service.ensure_cleanup_entry()
        service.close()
        db = sqlite3.connect(folder / "state.db")  # only the cleanup falls due
        db.execute(
            "UPDATE job_queue_entry SET next_run = CASE mapping WHEN ? THEN ? ELSE ? END",
            (CLEANUP, "2000-01-01 00:00:00.000000", "2999-01-01 00:00:00.000000"),
        )
        db.commit()
        db.close()

        QCoreApplication.setOrganizationName("desktop-sync-bench")
        QCoreApplication.setApplicationName("desktop-sync-bench")
        QSettings.setDefaultFormat(QSettings.Format.IniFormat)
        QSettings.setPath(QSettings.Format.IniFormat, QSettings.Scope.UserScope, tmp)
        QSettings().setValue("queue/run_in_window", False)  # started by hand below
        app = QApplication([])
        from desktop_sync.gui.main_window import MainWindow

        service = Service.open(config, user="bench")
        window = MainWindow(service)
        window.resize(1400, 800)
        window.show()
        run(app, 30, lambda: not window.loader.busy)
        watch = StallWatch()
        watch.start()
        run(app, 2.0)
        idle = watch.stop()

        runs = []
        window.queue_runner.ran.connect(lambda r: runs.append(r))
        progress = [0]
        window.jobs_runner.progressed.connect(lambda *_: progress.__setitem__(0, progress[0] + 1))
        watch.start()
        began = time.perf_counter()
        window.queue_runner.set_enabled(True)  # looks at once: the cleanup is due
        run(app, 600, lambda: any(r is not None and r.entry.mapping == CLEANUP for r in runs))
        seconds = time.perf_counter() - began
        longest = watch.stop()
        over = watch.over_100ms
        (cleanup,) = [r for r in runs if r is not None and r.entry.mapping == CLEANUP]
        result = cleanup.entry.last_result
        left = service.cleanup(dry_run=True).total
        window.close()
        app.processEvents()
        service.close()
    assert left == 0, f"{left} old rows left"
    print(f"old rows                        {args.rows:>12,}")
    print(f"baseline: longest gap, idle     {idle:>10.3f} s   (the 10 ms timer, window idle)")
    print(f"cleanup in the window's worker  {seconds:>10.3f} s   ({result})")
    print(
        f"GUI thread's longest stall      {longest:>10.3f} s   (aim < 0.1 s)  "
        f"{longest / idle:>6.1f}× baseline; {over} gaps over 0.1 s; {progress[0]} progress reports"
    )


if __name__ == "__main__":
    main()
