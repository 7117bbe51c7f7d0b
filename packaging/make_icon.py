"""Render resources/icons/app.svg into packaging/app.ico (Windows icon with the usual sizes).

Run after changing the SVG: `python packaging/make_icon.py`. Qt draws the
SVG (the same renderer the program uses), Pillow writes the .ico.
"""

from __future__ import annotations

import io
import os
import sys
from pathlib import Path

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

from PIL import Image  # noqa: E402
from PySide6.QtCore import QBuffer, QByteArray, QIODevice  # noqa: E402
from PySide6.QtGui import QGuiApplication, QIcon  # noqa: E402

ROOT = Path(__file__).resolve().parent.parent
SIZES = (16, 24, 32, 48, 64, 128, 256)


def main() -> int:
    app = QGuiApplication.instance() or QGuiApplication(sys.argv[:1])
    icon = QIcon(str(ROOT / "resources" / "icons" / "app.svg"))
    data = QByteArray()
    buffer = QBuffer(data)
    buffer.open(QIODevice.OpenModeFlag.WriteOnly)
    icon.pixmap(256, 256).toImage().save(buffer, "PNG")
    buffer.close()
    image = Image.open(io.BytesIO(bytes(data))).convert("RGBA")
    target = ROOT / "packaging" / "app.ico"
    image.save(target, sizes=[(size, size) for size in SIZES])
    print(target)
    del app
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
