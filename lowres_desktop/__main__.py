"""`python -m lowres_desktop` starts the desktop application."""

from __future__ import annotations

from lowres_desktop.app import main

if __name__ == "__main__":
    raise SystemExit(main())
