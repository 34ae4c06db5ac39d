"""Apply to Similar Errors: one decision for many errors alike, with a preview and progress."""
