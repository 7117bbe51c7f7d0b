"""Use cases, one function per user action; the CLI and the UI call these and nothing below."""
