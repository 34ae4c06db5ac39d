"""Tests of the window (pytest-qt). A package, so that `from tests.helpers import World` and the
imports between these modules work as they do in tests/."""
