"""Signing in to apps reached through their web APIs: the device code dialog and the main
window's banner that offers it."""
