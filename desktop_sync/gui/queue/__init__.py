"""The Job Queue: its entries (`model`, `view`), the commands on them (`actions`, the interval
dialog), and the window running due entries itself (`runner`)."""
