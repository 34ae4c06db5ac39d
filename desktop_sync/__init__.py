"""desktop-sync: keeps ERP and CRM records synchronized and shows every problem in one window."""

__version__ = "0.1.0"
