"""The record lists: the records of each side of a mapping with their coupling state, paged in
the app's own database."""
