"""A batch's change records packed per school read back as the changes that were written."""

from __future__ import annotations

from lowres_desktop.storage.import_changes import Change, pack, unpack


def _unpacked(rows: list[Change]) -> list[Change]:
    return [change for row in rows for change in unpack(row)]


def test_results_of_one_school_share_a_row_and_read_back_with_their_old_values() -> None:
    written = [
        Change("school", 1, None, None, None, {"login": "sch1", "name": "СОШ № 1"}),
        Change("result", 1, 5, 2024, None, {"participants": 20, "pct_low": 12.5, "pct_high": None}),
        Change(
            "result",
            1,
            5,
            2023,
            {"participants": None, "pct_low": 30.0, "pct_high": 10.0, "batch": 3},
            {"participants": 18, "pct_low": 25.0, "pct_high": 11.0},
        ),
        Change("result", 2, 5, 2024, None, {"participants": None, "pct_low": 0.0, "pct_high": 100.0}),
        Change(
            "comparison",
            2,
            5,
            2024,
            None,
            {"participants": 40, "lowered_pct": 5.0, "confirmed_pct": 90.0, "raised_pct": 5.0},
        ),
    ]
    rows = pack(written)
    assert sorted((row.target, row.school_id) for row in rows) == [
        ("comparisons", 2),
        ("results", 1),
        ("results", 2),
        ("school", 1),
    ]
    assert sorted(_unpacked(rows), key=repr) == sorted(written, key=repr)


def test_rows_written_one_per_value_by_earlier_versions_still_read() -> None:
    legacy = Change("result", 7, 2, 2021, {"pct_low": 1.0}, {"pct_low": 2.0})
    assert list(unpack(legacy)) == [Change("result", 7, 2, 2021, {"pct_low": 1.0}, {"pct_low": 2.0})]
