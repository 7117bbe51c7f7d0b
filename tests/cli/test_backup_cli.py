"""`lowres backup list|now|restore ID`: only verified copies are listed, and a restore brings the rows back,
even for a database file that no longer opens."""

from __future__ import annotations

import re
import sqlite3
from contextlib import closing
from pathlib import Path

from tests.cli.test_cli import lowres


def _count(db: Path) -> int:
    with closing(sqlite3.connect(db)) as connection:
        return connection.execute("SELECT count(*) FROM results").fetchone()[0]


def _ids(listing: str) -> list[str]:
    return re.findall(r"^(\d{8}-\d{6}-\d{6})\s", listing, re.MULTILINE)


def test_now_list_and_restore_round_trip(tmp_path: Path, seed_xlsx: Path) -> None:
    db = tmp_path / "office.sqlite"
    assert lowres("--db", str(db), "import", str(seed_xlsx)).returncode == 0
    results = _count(db)
    made = lowres("--db", str(db), "backup", "now")
    assert made.returncode == 0, made.stderr
    listing = lowres("--db", str(db), "backup", "list")
    ids = _ids(listing.stdout)
    assert len(ids) >= 1 and ids[0] in made.stdout and "вручную" in listing.stdout
    with closing(sqlite3.connect(db)) as connection:
        connection.execute("DELETE FROM results")
        connection.commit()
    assert _count(db) == 0
    restored = lowres("--db", str(db), "backup", "restore", ids[0])
    assert restored.returncode == 0, restored.stderr
    assert "восстановлена" in restored.stdout and "lowres backup restore" in restored.stdout
    assert _count(db) == results


def test_incomplete_and_empty_copies_are_never_listed(tmp_path: Path, seed_xlsx: Path) -> None:
    db = tmp_path / "office.sqlite"
    lowres("--db", str(db), "import", str(seed_xlsx))
    lowres("--db", str(db), "backup", "now")
    folder = tmp_path / "office.backups"
    sound = _ids(lowres("--db", str(db), "backup", "list").stdout)
    assert sound
    good = next(folder.glob("*.sqlite"))
    (folder / "office-20250101-101010-000001-manual.sqlite").write_bytes(b"")
    half = good.read_bytes()[: good.stat().st_size // 2]
    (folder / "office-20250101-101010-000002-manual.sqlite").write_bytes(half)
    empty = folder / "office-20250101-101010-000003-manual.sqlite"
    sqlite3.connect(empty).close()
    other = folder / "office-20250101-101010-000004-manual.sqlite"
    with closing(sqlite3.connect(other)) as connection:
        connection.execute("CREATE TABLE t (x)")
    assert _ids(lowres("--db", str(db), "backup", "list").stdout) == sound
    refused = lowres("--db", str(db), "backup", "restore", "20250101-101010-000001")
    assert refused.returncode == 1 and "нет среди проверенных копий" in refused.stderr


def test_a_database_that_no_longer_opens_is_restored(tmp_path: Path, seed_xlsx: Path) -> None:
    db = tmp_path / "office.sqlite"
    lowres("--db", str(db), "import", str(seed_xlsx))
    results = _count(db)
    lowres("--db", str(db), "backup", "now")
    copy_id = _ids(lowres("--db", str(db), "backup", "list").stdout)[0]
    for suffix in ("-wal", "-shm"):
        Path(f"{db}{suffix}").unlink(missing_ok=True)
    db.write_bytes(b"\x00" * 4096 + b"garbage")
    assert lowres("--db", str(db), "flag", "--year", "2019").returncode == 1
    restored = lowres("--db", str(db), "backup", "restore", copy_id)
    assert restored.returncode == 0, restored.stderr
    assert _count(db) == results
    damaged = [p.name for p in tmp_path.iterdir() if ".damaged-" in p.name]
    assert len(damaged) == 1
