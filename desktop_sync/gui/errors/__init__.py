"""The Coupled Data Synchronization Errors grid: its model and view, the actions on the selected
errors, and the dialogs those actions open (Synchronize, Set Up Coupling, Show Details)."""
