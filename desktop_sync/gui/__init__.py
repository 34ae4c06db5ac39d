"""The Qt window. Everything here calls the service layer; nothing here writes SQL."""
