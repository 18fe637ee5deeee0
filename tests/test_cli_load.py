import os
import sqlite3
import subprocess
import sys
from pathlib import Path

PROGRAM = """\
source: roadmap.docx
title: Программа поддержки ШНОР
municipality: Город Якутск
timezone: Asia/Yakutsk
period: {start: 2023-09-01, end: 2024-08-31}
organizations: [МОАУ СОШ № 1, МОАУ СОШ № 2]
sections:
  - {number: '1', title: Организация работы}
activities:
  - number: '1.1'
    section: Организация работы
    title: Совещание с руководителями школ
    deadline: {text: до 30.09.2023, kind: date, due: [2023-09-30]}
    responsible: [{kind: role, name: Руководитель ОО}]
  - number: '1.2'
    section: Организация работы
    title: Мониторинг посещаемости
    deadline: {text: ежеквартально, kind: recurring, due: [2023-12-29, 2024-03-29]}
    responsible: [{kind: person, name: Якшина А.И.}]
"""

EXTRA_ACTIVITY = """\
  - number: '1.3'
    section: Организация работы
    title: Итоговый отчёт
    deadline: {text: до 31.05.2024, kind: date, due: [2024-05-31]}
"""


def load(cwd: Path, *args: str, env: dict[str, str] | None = None) -> subprocess.CompletedProcess[str]:
    environment = {k: v for k, v in os.environ.items() if k not in {"DATABASE_PATH", "BOT_TOKEN"}}
    environment.update(env or {})
    return subprocess.run(
        [sys.executable, "-m", "bot", "load", *args],
        cwd=cwd, env=environment, capture_output=True, text=True, encoding="utf-8", timeout=60,
    )


def table_counts(db: Path) -> dict[str, int]:
    with sqlite3.connect(db) as conn:
        tables = ("programs", "activities", "occurrences", "tasks", "organizations", "parties")
        return {t: conn.execute(f"SELECT count(*) FROM {t}").fetchone()[0] for t in tables}


def dump(db: Path) -> list[str]:
    with sqlite3.connect(db) as conn:
        return list(conn.iterdump())


def test_load_twice_then_update_then_a_broken_file(tmp_path):
    (tmp_path / "programs").mkdir()
    program = tmp_path / "programs" / "shnor.yaml"
    program.write_text(PROGRAM, encoding="utf-8")
    db = tmp_path / "data" / "bot.sqlite3"

    first = load(tmp_path, "programs/shnor.yaml", "--db", "data/bot.sqlite3")
    assert first.returncode == 0, first.stderr
    assert "Программа «Программа поддержки ШНОР» загружена: 2 мероприятия, 3 срока." in first.stdout
    assert table_counts(db) == {
        "programs": 1, "activities": 2, "occurrences": 3, "tasks": 2 + 2, "organizations": 2, "parties": 2,
    }
    with sqlite3.connect(db) as conn:
        assert conn.execute("SELECT title, timezone, period_start FROM programs").fetchall() == [
            ("Программа поддержки ШНОР", "Asia/Yakutsk", "2023-09-01")
        ]
        assert conn.execute("SELECT max(version) FROM schema_migrations").fetchone()[0] >= 1

    second = load(tmp_path, "programs/shnor.yaml", "--db", "data/bot.sqlite3")
    assert second.returncode == 0, second.stderr
    assert "уже загружена, изменений нет" in second.stdout
    assert table_counts(db)["activities"] == 2 and table_counts(db)["programs"] == 1

    program.write_text(PROGRAM + EXTRA_ACTIVITY, encoding="utf-8")
    third = load(tmp_path, "programs/shnor.yaml", "--db", "data/bot.sqlite3")
    assert third.returncode == 0, third.stderr
    assert "Программа «Программа поддержки ШНОР» обновлена: +1, −0, изменено 0." in third.stdout
    assert "Теперь в программе 3 мероприятия, 4 срока." in third.stdout
    assert table_counts(db)["activities"] == 3

    before = dump(db)
    broken = tmp_path / "programs" / "broken.yaml"
    broken.write_text(PROGRAM.replace("kind: date, due: [2023-09-30]", "kind: when, due: [2023-09-30]"), encoding="utf-8")
    failed = load(tmp_path, "programs/broken.yaml", "--db", "data/bot.sqlite3")
    assert failed.returncode == 1
    assert failed.stdout == ""
    assert "Файл programs/broken.yaml не загружен" in failed.stderr
    assert "мероприятие 1.1" in failed.stderr and "deadline.kind" in failed.stderr
    assert dump(db) == before


def test_default_database_path_comes_from_settings_and_its_folder_is_created(tmp_path):
    (tmp_path / "p.yaml").write_text(PROGRAM, encoding="utf-8")
    result = load(tmp_path, "p.yaml", env={"DATABASE_PATH": "state/nested/bot.sqlite3"})
    assert result.returncode == 0, result.stderr
    assert table_counts(tmp_path / "state" / "nested" / "bot.sqlite3")["programs"] == 1


def test_a_broken_or_missing_file_does_not_create_a_database(tmp_path):
    (tmp_path / "bad.yaml").write_text("title: Программа\nperiod: [\n", encoding="utf-8")
    result = load(tmp_path, "bad.yaml", "--db", "db/bot.sqlite3")
    assert result.returncode == 1
    assert "ошибка разметки YAML" in result.stderr
    missing = load(tmp_path, "nope.yaml", "--db", "db/bot.sqlite3")
    assert missing.returncode == 1 and "файл не найден" in missing.stderr
    assert not (tmp_path / "db").exists()


def test_report_wording_and_russian_plurals():
    from datetime import date

    from bot.cli.load import describe
    from bot.domain.models import Period, Program
    from bot.storage import ProgramId, SaveOutcome, SaveReport

    program = Program(title="Программа", period=Period(start=date(2023, 9, 1), end=date(2024, 8, 31)))

    def report(**fields):
        return SaveReport(program_id=ProgramId(1), slug="p", **fields)

    assert describe(program, report(outcome=SaveOutcome.CREATED, activities=21, due_dates=22)) == (
        "Программа «Программа» загружена: 21 мероприятие, 22 срока."
    )
    assert describe(program, report(outcome=SaveOutcome.CREATED, activities=11, due_dates=45)) == (
        "Программа «Программа» загружена: 11 мероприятий, 45 сроков."
    )
    assert "только служебные данные" in describe(program, report(outcome=SaveOutcome.UPDATED, activities=1, due_dates=1))
    updated = describe(program, report(outcome=SaveOutcome.UPDATED, activities=40, due_dates=46, activities_added=2,
                                       activities_removed=1, activities_changed=3, changed_fields=("period",)))
    assert updated.splitlines() == [
        "Программа «Программа» обновлена: +2, −1, изменено 3.",
        "Изменены: период.",
        "Теперь в программе 40 мероприятий, 46 сроков.",
    ]
