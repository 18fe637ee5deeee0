"""Issue 11: the periodic sweep removes evidence files no row points to (once they are over
an hour old) and roadmap drafts older than a day — and nothing else."""

from __future__ import annotations

import asyncio
import os
import time
from datetime import UTC, datetime, timedelta

import pytest

from bot.scheduler.sweep import sweep
from bot.services.evidence import evidence_folder, store_bytes
from bot.storage import Database, ProgramRepository
from bot.storage.timestamps import instant_to_db
from story_program import story_program

SHA = "0" * 64


def age(path, hours: float) -> None:
    """Pretend `path` was last written `hours` ago (real time, as the file system keeps it)."""
    moment = time.time() - hours * 3600
    os.utime(path, (moment, moment))


@pytest.fixture
async def db(tmp_path):
    database = await Database.open(tmp_path / "bot.sqlite3")
    await ProgramRepository(database).save_program(story_program(), now=datetime.now(UTC))
    yield database
    await database.close()


async def a_person(db: Database) -> int:
    async with db.transaction() as conn:
        cursor = await conn.execute(
            "INSERT INTO people (telegram_user_id, display_name, created_at) VALUES (?, ?, ?)",
            (555, "Алла", instant_to_db(datetime.now(UTC))))
    return cursor.lastrowid


async def attach(db: Database, person_id: int, path, *, waiting: bool = False) -> None:
    """A row that names `path`: a file attached to a task, or one waiting for its activity."""
    stamp = instant_to_db(datetime.now(UTC))
    async with db.transaction() as conn:
        cursor = await conn.execute("INSERT INTO submissions (person_id, created_at) VALUES (?, ?)",
                                    (person_id, stamp))
        submission_id = cursor.lastrowid
        await conn.execute(
            """INSERT INTO submission_files (submission_id, telegram_file_id, telegram_file_unique_id, file_name,
                   size_bytes, sha256, local_path, received_at) VALUES (?, ?, ?, 'отчёт.pdf', 1, ?, ?, ?)""",
            (submission_id, f"id-{path.name}", f"u-{path.name}", SHA, str(path), stamp))
        if not waiting:
            (task_id,), = await conn.execute_fetchall("SELECT id FROM tasks ORDER BY id LIMIT 1")
            await conn.execute(
                """INSERT INTO evidence_files (task_id, person_id, telegram_file_id, telegram_file_unique_id,
                       file_name, size_bytes, sha256, local_path, received_at, submission_id)
                   VALUES (?, ?, ?, ?, 'отчёт.pdf', 1, ?, ?, ?, ?)""",
                (task_id, person_id, f"id-{path.name}", f"u-{path.name}", SHA, str(path), stamp, submission_id))


async def a_draft(db: Database, person_id: int, created: datetime) -> int:
    async with db.transaction() as conn:
        cursor = await conn.execute(
            """INSERT INTO roadmap_drafts (person_id, file_name, content, options_json, created_at)
               VALUES (?, 'карта.xlsx', x'00', '[]', ?)""", (person_id, instant_to_db(created)))
    return cursor.lastrowid


async def drafts(db: Database) -> list[int]:
    async with db.read() as conn:
        return [r[0] for r in await conn.execute_fetchall("SELECT id FROM roadmap_drafts ORDER BY id")]


async def test_orphans_go_referenced_and_fresh_files_stay_old_drafts_go(db, tmp_path):
    data_dir = tmp_path / "data"
    person = await a_person(db)
    folder = evidence_folder(data_dir, person)
    attached = store_bytes(folder, "отчёт.pdf", b"%PDF attached")
    waiting = store_bytes(folder, "фото.jpg", b"\xff\xd8 waiting")
    orphan = store_bytes(folder, "отчёт.pdf", b"%PDF orphan")
    fresh_orphan = store_bytes(folder, "новый.pdf", b"%PDF being written right now")
    broken_write = folder / "0123456789abcdef0123456789abcdef.pdf.part"
    broken_write.write_bytes(b"%PDF half")
    outside = data_dir / "notes.txt"  # not under DATA_DIR/evidence: never touched
    outside.write_bytes(b"keep")
    await attach(db, person, attached)
    await attach(db, person, waiting, waiting=True)
    for path in (attached, waiting, orphan, broken_write, outside):
        age(path, 2)
    now = datetime.now(UTC)
    old_draft = await a_draft(db, person, now - timedelta(hours=25))
    new_draft = await a_draft(db, person, now - timedelta(hours=23))

    report = await sweep(db, data_dir, now)

    assert sorted(report.removed_files) == sorted([orphan, broken_write])
    assert not orphan.exists() and not broken_write.exists()
    assert attached.read_bytes() == b"%PDF attached" and waiting.exists()
    assert fresh_orphan.exists() and outside.exists()
    assert report.kept_referenced == 2 and report.kept_fresh == 1
    assert report.removed_bytes == len(b"%PDF orphan") + len(b"%PDF half")
    assert report.removed_drafts == [old_draft] and await drafts(db) == [new_draft]
    assert folder.is_dir()  # folders stay: store_bytes may be about to write into one

    again = await sweep(db, data_dir, now)  # nothing left to do
    assert not again.removed_anything and again.kept_referenced == 2


async def test_a_clock_moved_forward_does_not_make_a_fresh_file_old(db, tmp_path):
    data_dir = tmp_path / "data"
    person = await a_person(db)
    fresh = store_bytes(evidence_folder(data_dir, person), "x.pdf", b"%PDF")
    report = await sweep(db, data_dir, datetime.now(UTC) + timedelta(days=10))  # the sandbox's time travel
    assert fresh.exists() and report.removed_files == [] and report.kept_fresh == 1


async def test_a_moved_data_folder_keeps_its_files(db, tmp_path):
    """Rows written with another path to the same generated name (DATA_DIR relative then,
    absolute now; a folder moved to a new disk) still protect the file."""
    data_dir = tmp_path / "data"
    person = await a_person(db)
    kept = store_bytes(evidence_folder(data_dir, person), "отчёт.pdf", b"%PDF")
    await attach(db, person, tmp_path / "old-disk" / "evidence" / f"person-{person}" / kept.name)
    age(kept, 5)
    report = await sweep(db, data_dir, datetime.now(UTC))
    assert kept.exists() and report.removed_files == []


async def test_no_evidence_folder_yet_is_fine(db, tmp_path):
    report = await sweep(db, tmp_path / "nothing-here", datetime.now(UTC))
    assert not report.removed_anything and report.errors == []


# ─── wired into the bot: once at start-up ───────────────────────────────────


async def test_the_bot_sweeps_at_start_up(tmp_path, emulator, bot_settings, clock, caplog):
    from bot.app import run_bot
    from bot.config import Settings

    data_dir = bot_settings["data_dir"]
    orphan = store_bytes(evidence_folder(data_dir, 1), "забытый.pdf", b"%PDF forgotten")
    moment = (clock.now() - timedelta(days=3)).timestamp()  # old by the bot's clock and by the real one
    os.utime(orphan, (moment, moment))
    stop = asyncio.Event()
    caplog.set_level("INFO", logger="bot.scheduler.sweep")
    running = asyncio.create_task(run_bot(Settings(_env_file=None, **bot_settings), stop=stop, clock=clock))
    try:
        for _ in range(100):
            if not orphan.exists() or running.done():
                break
            await asyncio.sleep(0.05)
        assert not running.done()
        assert not orphan.exists()
    finally:
        stop.set()
        await asyncio.wait_for(running, 10)
    assert any("removed orphaned evidence file" in r.getMessage() and orphan.name in r.getMessage()
               for r in caplog.records)
