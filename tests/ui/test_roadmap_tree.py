"""Where a dragged node of the roadmap tree lands (the move itself is the editor's, tested by journeys)."""

from __future__ import annotations

from lowres_desktop.ui.views.roadmap_tree import _drop_target


def test_a_section_dropped_below_a_later_one_lands_after_it() -> None:
    assert _drop_target((0,), (2,), below=True) == (2,)
    assert _drop_target((3,), (1,), below=False) == (1,)


def test_an_item_dropped_on_a_section_goes_to_its_end() -> None:
    assert _drop_target((0, 1), (2,), below=False) == (2, 10**6)


def test_an_item_moved_down_within_its_section_counts_itself_out() -> None:
    assert _drop_target((1, 0), (1, 3), below=True) == (1, 3)
    assert _drop_target((1, 4), (1, 2), below=False) == (1, 2)
    assert _drop_target((0, 4), (1, 2), below=True) == (1, 3)
