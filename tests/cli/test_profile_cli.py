"""`lowres profile list|show|export|import|use`: a region's rule carried between offices as a file.

The scenario of the issue: the region's profile imported and made current,
then `lowres flag` (no `--profile`), the order and `roadmap generate` all
use it and name it.
"""

from __future__ import annotations

import io
import json
from pathlib import Path

import pytest

from lowres_desktop.cli import main
from lowres_desktop.domain.profiles import default_profile

REGION = {
    "name": "Область, приказ № 77 от 01.09.2023",
    "order": "приказ № 77 от 01.09.2023",
    "thresholds": {"ВПР": 25, "ОГЭ": 30, "ЕГЭ": 30},
    "procedures": None,
    "min_low_latest": 2,
    "min_low_each_year": 1,
    "years_each": 2,
    "min_participants": 10,
}


def run(*args: str) -> tuple[int, str, str]:
    out, err = io.StringIO(), io.StringIO()
    code = main(list(args), out=out, err=err)
    return code, out.getvalue(), err.getvalue()


@pytest.fixture
def demo(tmp_path: Path) -> str:
    path = str(tmp_path / "demo.sqlite")
    assert run("--db", path, "demo")[0] == 0
    return path


def _flagged(db: str, *extra: str) -> dict[str, object]:
    code, out, err = run("--db", db, "flag", "--year", "2024", "--format", "json", *extra)
    assert code == 0, err
    return json.loads(out)


def test_a_region_s_file_made_current_decides_flag_the_order_and_roadmaps(demo: str, tmp_path: Path) -> None:
    before = _flagged(demo)
    assert before["profile"] == default_profile().name
    rule = tmp_path / "region.json"
    rule.write_text(json.dumps(REGION, ensure_ascii=False), encoding="utf-8")
    code, out, err = run("--db", demo, "profile", "import", str(rule), "--use")
    assert code == 0, err
    assert "загружен; теперь он текущий" in out

    code, out, _err = run("--db", demo, "profile", "list")
    current = [line for line in out.splitlines() if line.startswith("*")]
    assert len(current) == 1 and REGION["name"] in current[0]

    now = _flagged(demo)
    assert now["profile"] == REGION["name"] and now["order"] == REGION["order"]
    assert now["flagged"] != before["flagged"]
    assert _flagged(demo, "--profile", REGION["name"]) == now
    # --threshold overrides the current profile's thresholds, and says so in the profile's name.
    overridden = _flagged(demo, "--threshold", "40")
    assert overridden["profile"] == f"{REGION['name']}; порог 40 %"
    assert len(overridden["flagged"]) < len(now["flagged"])

    generated = run("--db", demo, "roadmap", "generate", "--year", "2024")
    assert generated[0] == 0, generated[2]
    assert f"Профиль «{REGION['name']}»" in generated[1]
    made = int(generated[1].split("Создано дорожных карт школ: ")[1].split(";")[0])
    already = int(generated[1].split("уже были у ")[1].split(" ")[0])
    assert made + already == len(now["flagged"])


def test_show_export_and_import_round_trip(demo: str, tmp_path: Path) -> None:
    code, shown, _err = run("--db", demo, "profile", "show")
    assert code == 0
    assert json.loads(shown)["name"] == default_profile().name
    out = tmp_path / "default.json"
    assert run("--db", demo, "profile", "export", default_profile().name, "--out", str(out))[0] == 0
    assert json.loads(out.read_text(encoding="utf-8")) == json.loads(shown)
    code, said, _err = run("--db", demo, "profile", "import", str(out))
    assert code == 0 and "уже есть с теми же параметрами" in said


def test_a_conflicting_import_needs_replace_and_a_bad_file_names_the_key(demo: str, tmp_path: Path) -> None:
    rule = tmp_path / "region.json"
    rule.write_text(json.dumps(REGION, ensure_ascii=False), encoding="utf-8")
    assert run("--db", demo, "profile", "import", str(rule))[0] == 0
    rule.write_text(json.dumps({**REGION, "min_participants": 0}, ensure_ascii=False), encoding="utf-8")
    code, _out, err = run("--db", demo, "profile", "import", str(rule))
    assert code == 1 and "уже есть с другими параметрами" in err and "--replace" in err
    assert run("--db", demo, "profile", "import", str(rule), "--replace")[0] == 0
    shown = json.loads(run("--db", demo, "profile", "show", REGION["name"])[1])
    assert shown["min_participants"] == 0
    rule.write_text(json.dumps({**REGION, "thresholds": {"ВПР": 101}}, ensure_ascii=False), encoding="utf-8")
    code, _out, err = run("--db", demo, "profile", "import", str(rule))
    assert code == 1 and "ключ «thresholds.ВПР»" in err


def test_use_names_an_existing_profile(demo: str) -> None:
    code, _out, err = run("--db", demo, "profile", "use", "Нет такого")
    assert code == 1 and "Профиля «Нет такого» нет" in err
    code, out, _err = run("--db", demo, "profile", "use", default_profile().name)
    assert code == 0 and "Текущий профиль" in out


def test_help_says_the_current_profile_is_the_default(capsys: pytest.CaptureFixture[str]) -> None:
    for command in (["flag"], ["categories"], ["dynamics"], ["report"], ["roadmap", "generate"]):
        with pytest.raises(SystemExit):
            main([*command, "--help"])
        text = " ".join(capsys.readouterr().out.split())
        assert "по умолчанию текущий профиль базы" in text, command
        assert "вместо порогов профиля" in text, command
