"""The Rules dialog: the rules that settle conflicts by themselves, switched on or off."""
