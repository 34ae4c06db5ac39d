"""The History tab: resolved errors with who resolved them, how and when."""
