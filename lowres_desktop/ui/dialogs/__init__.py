"""Dialogs of the main window, each composing a form compiled from `forms/`."""
