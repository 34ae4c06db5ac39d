"""The synchronization engine: rules, batches, jobs. Headless; never imports Qt."""
