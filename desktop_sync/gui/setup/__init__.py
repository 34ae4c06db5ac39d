"""Before there is a configuration: the welcome screen (demo data, or Connect my apps) and the
form that checks the person's own apps before it saves (`connect_dialog`)."""
