"""Every window and dialog fits the screens offices have, at their Windows scaling; charts show whole.

Every page of the main window fits its width too: a page wider than the window's page
area scrolls sideways, and the clerk does not see the search box or the table's last column.

Each geometry runs `fit_probe.py` in its own process (QT_SCALE_FACTOR is read
when Qt starts), which opens the main window on each page and every dialog of
`surfaces.DIALOGS`, and saves a PNG of each for a person to look at.
"""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]
SCREENS = [(1366, 768, "1"), (1920, 1080, "1.5"), (1280, 1024, "1.25")]


@pytest.mark.parametrize(("width", "height", "scale"), SCREENS, ids=lambda v: str(v))
def test_every_window_fits_the_screen(demo_db, tmp_path, width: int, height: int, scale: str) -> None:  # type: ignore[no-untyped-def]
    environment = {**os.environ, "PYTHONPATH": str(ROOT)}
    environment.pop("QT_QPA_PLATFORM", None)
    shots = tmp_path / "shots"
    done = subprocess.run(
        [sys.executable, "-m", "tests.journeys.fit_probe", str(width), str(height), scale]
        + [demo_db.target, str(shots)],
        capture_output=True,
        text=True,
        cwd=ROOT,
        env=environment,
        timeout=600,
        check=False,
    )
    assert done.returncode == 0, done.stderr[-3000:]
    report = json.loads(done.stdout.strip().splitlines()[-1])
    area_w, area_h = report["available"]
    assert (area_w, area_h) == (round(width / float(scale)), round(height / float(scale))) or area_h < height
    too_big = {}
    for name, window in report["windows"].items():
        x, y, w, h = window["frame"]
        # One pixel of slack: 1024 / 1.25 is 819.2, and Qt rounds a maximised window up.
        if x < -1 or y < -1 or x + w > area_w + 1 or y + h > area_h + 1:
            too_big[name] = window
    assert not too_big, f"larger than the {area_w}×{area_h} available: {too_big}"
    sideways = {
        name: w["page_width"]
        for name, w in report["windows"].items()
        if "page_width" in w and w["page_width"][0] > w["page_width"][1]
    }
    assert not sideways, f"pages wider than their area, scrolling sideways ([asks for, shows]): {sideways}"
    clipped = {name: w["clipped_charts"] for name, w in report["windows"].items() if w["clipped_charts"]}
    assert not clipped, f"charts cut at the right (a title or legend wider than the chart): {clipped}"
    assert len(list(shots.glob("*.png"))) == len(report["windows"])
