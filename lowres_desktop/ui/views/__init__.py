"""One module per navigation page of the main window."""
