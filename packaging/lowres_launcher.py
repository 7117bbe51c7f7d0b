"""The frozen `lowres` console program's entry script: the same `run` as the `lowres` command."""

from __future__ import annotations

from lowres_desktop.cli import run

if __name__ == "__main__":
    run()
