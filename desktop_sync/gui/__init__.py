"""The Qt window, by what the user sees: one package per feature (errors, jobs, records, record,
queue, setup) and what they share (common). Everything here calls the service layer; nothing here
writes SQL or imports the apps, the store or the engine (tests/test_layers.py)."""
