"""The frozen program's entry script: the same `main` as the `lowres-desktop` command."""

from __future__ import annotations

import sys

from lowres_desktop.app import main

if __name__ == "__main__":
    sys.exit(main())
