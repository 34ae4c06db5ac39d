"""File ▸ Export…: the errors grid as shown, the journal or the jobs to CSV or XLSX."""
