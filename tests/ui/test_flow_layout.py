"""FlowLayout: a row of controls that stays one line where it fits and wraps where it does not."""

from __future__ import annotations

from PySide6.QtWidgets import QComboBox, QPushButton, QSizePolicy, QVBoxLayout, QWidget

from lowres_desktop.ui.flow_layout import FlowLayout


def _row(qtbot) -> tuple[QWidget, list[QPushButton], QComboBox, QPushButton]:  # type: ignore[no-untyped-def]
    page = QWidget()
    qtbot.addWidget(page)
    buttons = [QPushButton(text) for text in ("Новый мониторинг…", "Изменить…", "Повторить мониторинг")]
    combo = QComboBox()
    combo.setSizePolicy(QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Fixed)
    last = QPushButton("Справочник исполнителей…")
    row = FlowLayout()
    row.addWidget(combo)
    for button in buttons:
        row.addWidget(button)
    row.align_rest_right()
    row.addWidget(last)
    layout = QVBoxLayout(page)
    layout.addLayout(row)
    layout.addStretch(1)
    return page, buttons, combo, last


def _laid_out(qtbot, page: QWidget, width: int) -> None:  # type: ignore[no-untyped-def]
    page.resize(width, 300)
    page.show()
    qtbot.waitExposed(page)
    page.layout().activate()


def test_one_line_where_it_fits_the_combo_taking_the_room_left(qtbot) -> None:  # type: ignore[no-untyped-def]
    page, buttons, combo, last = _row(qtbot)
    _laid_out(qtbot, page, 1400)
    assert {w.y() for w in [*buttons, last]} == {combo.y()}
    assert combo.width() > combo.sizeHint().width()
    assert last.geometry().right() == page.contentsRect().right() - page.layout().contentsMargins().right()


def test_narrower_the_row_wraps_and_the_page_asks_only_for_its_widest_control(qtbot) -> None:  # type: ignore[no-untyped-def]
    page, buttons, combo, last = _row(qtbot)
    widest = max(w.sizeHint().width() for w in [combo, *buttons, last])
    assert page.minimumSizeHint().width() < sum(w.sizeHint().width() for w in [combo, *buttons, last])
    assert page.minimumSizeHint().width() <= widest + 2 * page.layout().contentsMargins().left() + 2
    _laid_out(qtbot, page, widest + 40)
    lines = sorted({w.y() for w in [combo, *buttons, last]})
    assert len(lines) >= 3
    for widget in [combo, *buttons, last]:
        assert widget.geometry().right() < page.width()
    # The wrapped lines take their height: nothing overlaps the line below.
    assert page.layout().itemAt(0).geometry().height() >= len(lines) * last.sizeHint().height()
