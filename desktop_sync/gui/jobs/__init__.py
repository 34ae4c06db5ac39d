"""Synchronization Jobs: recent jobs with their counters, and the errors of the selected one."""
