import asyncio
import sqlite3
from datetime import UTC, date, datetime, timedelta, timezone

import aiosqlite
import pytest

from bot.domain.models import Activity, Party, PartyKind, Period, Program, Schedule, ScheduleKind, Section
from bot.storage import (
    ConversationState,
    Database,
    FsmStateRepository,
    MetaRepository,
    MigrationError,
    ProgramNotFound,
    ProgramRepository,
    SaveOutcome,
    TransactionError,
)
from bot.storage.migrate import Migration, apply_migrations, discover_migrations, split_statements
from bot.storage.program_writer import ProgramWriter
from bot.storage.timestamps import date_to_db, instant_from_db, instant_to_db

NOW = datetime(2024, 1, 5, 6, 0, tzinfo=UTC)
LATER = NOW + timedelta(days=3)

HEAD = Party(kind=PartyKind.ROLE, name="Руководитель ОО", normalized="руководитель оо")
COORDINATOR = Party(kind=PartyKind.ROLE, name="Муниципальный координатор", normalized="муниципальный координатор")
YAKSHINA = Party(kind=PartyKind.PERSON, name="Якшина А.И.", normalized="якшина а и")
SCHOOL_1 = Party(kind=PartyKind.ORGANIZATION, name="МОАУ СОШ № 1", normalized="моау сош № 1")


def d(text: str) -> date:
    return date.fromisoformat(text)


def make_program(**changes) -> Program:
    activities = [
        Activity(
            number="1.1", section="Организация работы", title="Совещание с руководителями школ",
            deadline=Schedule(kind=ScheduleKind.DATE, start=d("2023-09-30"), end=d("2023-09-30"),
                              due=(d("2023-09-30"),), source="до 30.09.2023"),
            responsible=[COORDINATOR, YAKSHINA], result="Протокол совещания", source_lines=(10, 11),
        ),
        Activity(
            number="1.2", section="Организация работы", title="Разработка программы развития школы",
            deadline=Schedule(kind=ScheduleKind.PERIOD, start=d("2023-10-01"), end=d("2023-11-30"),
                              due=(d("2023-11-30"),), source="октябрь – ноябрь 2023"),
            responsible=[HEAD], result="Программа развития", source_lines=(12, 12),
        ),
        Activity(
            number="2.1", section="Мониторинг", title="Ежемесячный мониторинг посещаемости",
            deadline=Schedule(kind=ScheduleKind.RECURRING, start=d("2023-09-01"), end=d("2023-12-31"),
                              due=(d("2023-09-29"), d("2023-10-31"), d("2023-11-30"), d("2023-12-29")),
                              source="ежемесячно, до последнего числа"),
            responsible=[HEAD, YAKSHINA],
        ),
        Activity(
            number="2.2", section="Мониторинг", title="Методическое сопровождение педагогов",
            deadline=Schedule(kind=ScheduleKind.CONTINUOUS, start=d("2023-09-01"), end=d("2024-08-31"),
                              source="в течение года"),
            responsible=[SCHOOL_1],
        ),
        Activity(
            number=None, section="Мониторинг", title="Участие в вебинарах АМИРО",
            deadline=Schedule(kind=ScheduleKind.UNSPECIFIED, source="по графику АМИРО", needs_review=True,
                              review_reason="Срок не понят"),
        ),
    ]
    fields = dict(
        title="Программа поддержки ШНОР на 2023–2024 годы",
        municipality="Город Якутск",
        period=Period(start=d("2023-09-01"), end=d("2024-08-31")),
        timezone="Asia/Yakutsk",
        sections=[Section(number="1", title="Организация работы"), Section(number="2", title="Мониторинг")],
        activities=activities,
        organizations=["МОАУ СОШ № 1", "МОАУ СОШ № 2", "МОАУ Лицей № 3"],
        source="Дорожная карта ШНОР.docx",
    )
    fields.update(changes)
    return Program(**fields)


@pytest.fixture
async def db(tmp_path):
    database = await Database.open(tmp_path / "bot.sqlite3")
    yield database
    await database.close()


async def rows(db: Database, sql: str, *params) -> list[tuple]:
    async with db.read() as conn:
        return [tuple(r) for r in await conn.execute_fetchall(sql, params)]


async def snapshot(db: Database) -> list[tuple]:
    """Every row of every table, to prove that nothing changed."""
    tables = [r[0] for r in await rows(db, "SELECT name FROM sqlite_master WHERE type = 'table' ORDER BY name")]
    return [(table, await rows(db, f"SELECT * FROM {table} ORDER BY rowid")) for table in tables]


# ─── schema and connection ──────────────────────────────────────────────────


async def test_migrations_apply_on_a_fresh_database_and_again_are_a_no_op(tmp_path):
    path = tmp_path / "fresh.sqlite3"
    async with await Database.open(path) as db:
        tables = {r[0] for r in await rows(db, "SELECT name FROM sqlite_master WHERE type = 'table'")}
        versions = await rows(db, "SELECT version, name FROM schema_migrations")
        schema_before = await rows(db, "SELECT type, name, sql FROM sqlite_master ORDER BY name")
    assert {
        "programs", "sections", "organizations", "activities", "parties", "activity_parties", "occurrences",
        "people", "party_bindings", "program_coordinators", "invites", "tasks", "status_history",
        "evidence_files", "postponements", "outbox", "fsm_state", "meta", "schema_migrations",
    } <= tables
    assert versions == [(m.version, m.name) for m in discover_migrations()]
    assert versions[0] == (1, "0001_initial.sql")

    async with await Database.open(path) as db:
        assert await rows(db, "SELECT version, name FROM schema_migrations") == versions
        assert await rows(db, "SELECT type, name, sql FROM sqlite_master ORDER BY name") == schema_before

    async with aiosqlite.connect(path, isolation_level=None) as raw:
        assert await apply_migrations(raw) == []


async def test_a_failing_migration_leaves_the_database_as_it_was(tmp_path):
    good = discover_migrations()
    broken = Migration(len(good) + 1, f"{len(good) + 1:04d}_broken.sql",
                       "CREATE TABLE half_done (id INTEGER);\nINSERT INTO no_such_table VALUES (1);")
    async with aiosqlite.connect(tmp_path / "m.sqlite3", isolation_level=None) as conn:
        with pytest.raises(MigrationError, match="broken"):
            await apply_migrations(conn, [*good, broken])
        async with conn.execute("SELECT count(*) FROM sqlite_master") as cursor:
            assert (await cursor.fetchone())[0] == 0
        assert await apply_migrations(conn, good) == [m.version for m in good]


async def test_a_database_from_a_newer_bot_is_refused(tmp_path):
    path = tmp_path / "newer.sqlite3"
    async with await Database.open(path) as db:
        async with db.transaction() as conn:
            await conn.execute("INSERT INTO schema_migrations (version, name) VALUES (999, '0999_future.sql')")
    with pytest.raises(MigrationError, match="более новой версией"):
        await Database.open(path)


def test_statements_split_around_triggers_comments_and_quotes():
    script = """
    -- a comment; with a semicolon
    CREATE TABLE a (x TEXT DEFAULT 'a;b');
    CREATE TRIGGER t BEFORE UPDATE ON a BEGIN SELECT RAISE(ABORT, 'no; never'); END;
    """
    statements = split_statements(script)
    assert len(statements) == 2
    assert statements[1].startswith("CREATE TRIGGER") and statements[1].endswith("END;")


async def test_wal_foreign_keys_and_busy_timeout_are_on(db):
    assert await rows(db, "PRAGMA journal_mode") == [("wal",)]
    assert await rows(db, "PRAGMA foreign_keys") == [(1,)]
    assert (await rows(db, "PRAGMA busy_timeout"))[0][0] >= 1000
    with pytest.raises(sqlite3.IntegrityError):
        async with db.transaction() as conn:
            await conn.execute("INSERT INTO sections (program_id, position, title) VALUES (42, 0, 'x')")


# ─── time helpers ───────────────────────────────────────────────────────────


def test_instants_are_stored_as_utc_text_and_naive_ones_are_refused():
    yakutsk = timezone(timedelta(hours=9))
    assert instant_to_db(datetime(2024, 1, 5, 15, 0, 0, 123456, tzinfo=yakutsk)) == "2024-01-05T06:00:00+00:00"
    assert instant_from_db("2024-01-05T06:00:00+00:00") == datetime(2024, 1, 5, 6, 0, tzinfo=UTC)
    with pytest.raises(ValueError, match="naive"):
        instant_to_db(datetime(2024, 1, 5, 6, 0))
    with pytest.raises(TypeError):
        date_to_db(datetime(2024, 1, 5, tzinfo=UTC))
    assert date_to_db(date(2024, 1, 5)) == "2024-01-05"


async def test_saving_refuses_a_naive_now(db):
    with pytest.raises(ValueError, match="naive"):
        await ProgramRepository(db).save_program(make_program(), now=datetime(2024, 1, 5))
    assert await rows(db, "SELECT count(*) FROM programs") == [(0,)]


# ─── programs: round trip, idempotency, updates ────────────────────────────


async def test_program_round_trip_with_every_schedule_kind(db):
    repo = ProgramRepository(db)
    program = make_program()
    assert {a.deadline.kind for a in program.activities} == set(ScheduleKind)

    report = await repo.save_program(program, now=NOW)

    assert report.outcome is SaveOutcome.CREATED
    assert (report.activities, report.due_dates) == (5, 6)
    assert await repo.load_program(report.program_id) == program
    record = await repo.get_program(report.program_id)
    assert record is not None
    assert (record.slug, record.timezone, record.activity_count) == ("дорожная-карта-шнор-docx", "Asia/Yakutsk", 5)
    assert record.created_at == NOW
    assert [r.id for r in await repo.list_programs()] == [report.program_id]
    assert await repo.get_program(999) is None
    with pytest.raises(ProgramNotFound):
        await repo.load_program(999)


async def test_instants_in_the_database_are_utc_text(db):
    await ProgramRepository(db).save_program(make_program(), now=datetime(2024, 1, 5, 15, 0, tzinfo=timezone(timedelta(hours=9))))
    assert await rows(db, "SELECT created_at, updated_at, period_start FROM programs") == [
        ("2024-01-05T06:00:00+00:00", "2024-01-05T06:00:00+00:00", "2023-09-01")
    ]


async def test_occurrences_and_per_school_tasks(db):
    report = await ProgramRepository(db).save_program(make_program(), now=NOW)
    by_activity = dict(await rows(db, """
        SELECT a.number || '', group_concat(o.kind || ':' || coalesce(o.planned_date, '-'), ' ')
        FROM activities a JOIN occurrences o ON o.activity_id = a.id GROUP BY a.id ORDER BY a.position"""))
    assert by_activity["1.1"] == "due:2023-09-30"
    assert by_activity["2.2"] == "ongoing:-"
    # «Руководитель ОО» applies in each of the 3 schools; Якшина's part is one shared task.
    assert await rows(db, """
        SELECT count(*), count(t.organization_id) FROM tasks t JOIN occurrences o ON o.id = t.occurrence_id
        JOIN activities a ON a.id = o.activity_id WHERE a.number = '2.1'""") == [(4 * 4, 4 * 3)]
    # An organization party that is a program school reports as that school only.
    assert await rows(db, """
        SELECT org.name FROM tasks t JOIN occurrences o ON o.id = t.occurrence_id
        JOIN activities a ON a.id = o.activity_id JOIN organizations org ON org.id = t.organization_id
        WHERE a.number = '2.2'""") == [("МОАУ СОШ № 1",)]
    assert await rows(db, "SELECT count(*) FROM live_tasks WHERE program_id = ?", report.program_id) == [(1 + 3 + 16 + 1 + 1,)]


async def test_how_many_schools_are_done_is_one_query(db):
    await ProgramRepository(db).save_program(make_program(), now=NOW)
    (occurrence_id,) = (await rows(db, """
        SELECT o.id FROM occurrences o JOIN activities a ON a.id = o.activity_id WHERE a.number = '1.2'"""))[0]
    tasks = [r[0] for r in await rows(db, "SELECT id FROM tasks WHERE occurrence_id = ? ORDER BY id", occurrence_id)]
    async with db.transaction() as conn:
        for task_id in tasks[:2]:
            await conn.execute(
                "INSERT INTO status_history (task_id, old_status, new_status, at) VALUES (?, 'not_started', 'done', ?)",
                (task_id, instant_to_db(NOW)),
            )
    assert await rows(db, """
        SELECT count(*) FILTER (WHERE status = 'done'), count(*) FROM tasks
        WHERE occurrence_id = ? AND organization_id IS NOT NULL AND removed_at IS NULL""", occurrence_id) == [(2, 3)]


async def test_saving_the_same_program_twice_changes_nothing(db):
    repo = ProgramRepository(db)
    first = await repo.save_program(make_program(), now=NOW)
    before = await snapshot(db)

    second = await repo.save_program(make_program(), now=LATER)

    assert second.outcome is SaveOutcome.UNCHANGED
    assert second.program_id == first.program_id
    assert await snapshot(db) == before
    assert len(await repo.list_programs()) == 1


async def add_person_with_history_and_evidence(db: Database, activity_number: str) -> dict[str, int]:
    """A person bound to «Руководитель ОО» of school 1, who marked the school's task done and attached a file."""
    async with db.transaction() as conn:
        (task_id, org_id, party_id) = (await conn.execute_fetchall("""
            SELECT t.id, t.organization_id, ap.party_id FROM tasks t
            JOIN occurrences o ON o.id = t.occurrence_id JOIN activities a ON a.id = o.activity_id
            JOIN activity_parties ap ON ap.activity_id = a.id
            JOIN organizations org ON org.id = t.organization_id
            WHERE a.number = ? AND org.name = 'МОАУ СОШ № 1' ORDER BY o.planned_date LIMIT 1""",
            (activity_number,)))[0]
        person_id = (await conn.execute(
            "INSERT INTO people (display_name, created_at) VALUES ('Петрова О.В.', ?)",
            (instant_to_db(NOW),))).lastrowid
        await conn.execute(
            "INSERT INTO party_bindings (person_id, party_id, organization_id, created_at) VALUES (?, ?, ?, ?)",
            (person_id, party_id, org_id, instant_to_db(NOW)))
        await conn.execute(
            """INSERT INTO status_history (task_id, person_id, old_status, new_status, comment, at)
               VALUES (?, ?, 'not_started', 'done', 'Готово', ?)""", (task_id, person_id, instant_to_db(NOW)))
        evidence_id = (await conn.execute(
            """INSERT INTO evidence_files (task_id, person_id, telegram_file_id, telegram_file_unique_id, file_name,
                   mime_type, size_bytes, sha256, local_path, received_at)
               VALUES (?, ?, 'AgAD-file', 'uniq-1', 'протокол.pdf', 'application/pdf', 2048, ?, 'data/e/1.pdf', ?)""",
            (task_id, person_id, "a" * 64, instant_to_db(NOW)))).lastrowid
    return {"task": task_id, "person": person_id, "evidence": evidence_id}


async def activity_ids(db: Database) -> dict[str, int]:
    return {title: id_ for id_, title in await rows(db, "SELECT id, title FROM activities")}


async def test_reloading_a_changed_program_keeps_ids_and_everything_attached(db):
    repo = ProgramRepository(db)
    first = await repo.save_program(make_program(), now=NOW)
    ids_before = await activity_ids(db)
    moved = await add_person_with_history_and_evidence(db, "1.2")  # its deadline will move
    dropped = await add_person_with_history_and_evidence(db, "2.1")  # its activity will leave the roadmap

    original = make_program()
    a11, a12, a21, a22, unnumbered = original.activities
    changed = make_program(
        activities=[
            Activity(number="1.1", section="Организация работы", title="Новое: установочный семинар",
                     deadline=Schedule(kind=ScheduleKind.DATE, due=(d("2023-09-15"),), source="до 15.09.2023")),
            a11.model_copy(update={"source_lines": (20, 21)}),  # same content, shifted in the document
            a12.model_copy(update={
                "number": "1.3",  # renumbered, and its deadline moved
                "deadline": a12.deadline.model_copy(update={"end": d("2023-12-15"), "due": (d("2023-12-15"),),
                                                            "source": "октябрь – 15 декабря 2023"}),
            }),
            a22.model_copy(update={"title": "Методическое сопровождение педагогов школы"}),  # typo-size edit
            unnumbered,
        ],
        organizations=["МОАУ СОШ № 1", "МОАУ СОШ № 2", "МОАУ Лицей № 3", "МОАУ Гимназия № 4"],
    )
    report = await repo.save_program(changed, now=LATER)

    assert report.outcome is SaveOutcome.UPDATED
    assert report.program_id == first.program_id
    assert (report.activities_added, report.activities_removed, report.activities_changed) == (1, 1, 2)
    assert (report.due_dates_added, report.due_dates_removed) == (2, 5)
    assert (report.organizations_added, report.organizations_removed) == (1, 0)
    assert report.changed_fields == ()

    ids_after = await activity_ids(db)
    for title in (a11.title, a12.title, unnumbered.title):
        assert ids_after[title] == ids_before[title]
    assert ids_after["Методическое сопровождение педагогов школы"] == ids_before[a22.title]
    assert ids_after[a21.title] == ids_before[a21.title]  # still there, only marked removed
    assert await rows(db, "SELECT removed_at FROM activities WHERE id = ?", ids_before[a21.title]) == [
        (instant_to_db(LATER),)
    ]

    # The moved deadline kept its task: status, history and evidence are where they were.
    assert await rows(db, """
        SELECT o.planned_date, t.status, t.removed_at FROM tasks t JOIN occurrences o ON o.id = t.occurrence_id
        WHERE t.id = ?""", moved["task"]) == [("2023-12-15", "done", None)]
    assert await rows(db, "SELECT count(*) FROM status_history WHERE task_id = ?", moved["task"]) == [(1,)]
    assert await rows(db, "SELECT task_id FROM evidence_files WHERE id = ?", moved["evidence"]) == [(moved["task"],)]
    # The dropped activity's task is retired, never deleted.
    assert await rows(db, "SELECT status, removed_at IS NOT NULL FROM tasks WHERE id = ?", dropped["task"]) == [("done", 1)]
    assert await rows(db, "SELECT count(*) FROM evidence_files") == [(2,)]
    assert await rows(db, "SELECT count(*) FROM people") == [(2,)]
    assert await rows(db, "SELECT count(*) FROM party_bindings") == [(2,)]
    # The new school got its tasks.
    assert await rows(db, """
        SELECT count(*) FROM live_tasks lt JOIN organizations o ON o.id = lt.organization_id
        WHERE o.name = 'МОАУ Гимназия № 4'""") == [(1,)]

    assert await repo.load_program(first.program_id) == changed

    # Bringing the dropped activity back revives it under its old id, with its statuses.
    restored = make_program(activities=[*changed.activities, a21])
    again = await repo.save_program(restored, now=LATER + timedelta(days=1))
    assert again.activities_added == 1
    assert (await activity_ids(db))[a21.title] == ids_before[a21.title]
    assert await rows(db, "SELECT status, removed_at FROM tasks WHERE id = ?", dropped["task"]) == [("done", None)]


async def test_a_school_leaving_the_program_keeps_its_rows(db):
    repo = ProgramRepository(db)
    await repo.save_program(make_program(), now=NOW)
    attached = await add_person_with_history_and_evidence(db, "1.2")
    report = await repo.save_program(make_program(organizations=["МОАУ СОШ № 2", "МОАУ Лицей № 3"]), now=LATER)
    assert report.organizations_removed == 1
    assert await rows(db, "SELECT participating FROM organizations WHERE name = 'МОАУ СОШ № 1'") == [(0,)]
    assert await rows(db, "SELECT removed_at IS NOT NULL, status FROM tasks WHERE id = ?", attached["task"]) == [(1, "done")]


async def test_program_fields_that_changed_are_reported(db):
    repo = ProgramRepository(db)
    await repo.save_program(make_program(), now=NOW)
    report = await repo.save_program(
        make_program(title="Новое название", period=Period(start=d("2023-09-01"), end=d("2024-12-31"))), now=LATER
    )
    assert report.changed_fields == ("title", "period")
    assert (report.activities_added, report.activities_removed, report.activities_changed) == (0, 0, 0)


async def test_a_failure_mid_save_leaves_the_database_exactly_as_it_was(db, monkeypatch):
    repo = ProgramRepository(db)
    await repo.save_program(make_program(), now=NOW)
    await add_person_with_history_and_evidence(db, "1.2")
    before = await snapshot(db)

    # An activity that violates a CHECK constraint (source lines backwards), placed after
    # valid ones: the program row, organizations and earlier activities are already written.
    good = make_program()
    broken = good.model_copy(update={
        "title": "Изменённое название",
        "activities": [*good.activities[:2], good.activities[2].model_copy(update={"source_lines": (30, 20)})],
    })
    with pytest.raises(sqlite3.IntegrityError):
        await repo.save_program(broken, now=LATER)
    assert await snapshot(db) == before

    # A failure after every row is written: the last step of the save raises.
    async def fail(self):
        raise RuntimeError("disk on fire")

    monkeypatch.setattr(ProgramWriter, "_sync_tasks", fail)
    with pytest.raises(RuntimeError, match="disk on fire"):
        await repo.save_program(make_program(title="Другое"), now=LATER)
    monkeypatch.undo()
    assert await snapshot(db) == before

    # An error raised by the caller after a successful save inside its transaction.
    with pytest.raises(RuntimeError, match="boom"):
        async with db.transaction():
            await repo.save_program(make_program(title="Другое"), now=LATER)
            raise RuntimeError("boom")
    assert await snapshot(db) == before


# ─── transactions ───────────────────────────────────────────────────────────


async def test_nested_transaction_is_a_savepoint(db):
    meta = MetaRepository(db)
    async with db.transaction():
        await meta.set("outer", "1", now=NOW)
        with pytest.raises(RuntimeError):
            async with db.transaction() as conn:
                await conn.execute("INSERT INTO meta (key, value, updated_at) VALUES ('inner', '2', ?)",
                                   (instant_to_db(NOW),))
                raise RuntimeError("inner fails")
    assert await meta.get("outer") == "1"
    assert await meta.get("inner") is None


async def test_writing_inside_read_is_refused(db):
    async with db.read():
        with pytest.raises(TransactionError):
            async with db.transaction():
                pass


async def test_concurrent_tasks_take_turns(db):
    meta = MetaRepository(db)
    order: list[str] = []

    async def writer(name: str) -> None:
        async with db.transaction() as conn:
            order.append(f"{name} begins")
            await asyncio.sleep(0.01)
            await conn.execute("INSERT INTO meta (key, value, updated_at) VALUES (?, ?, ?)",
                               (name, name, instant_to_db(NOW)))
            order.append(f"{name} ends")

    await asyncio.gather(writer("a"), writer("b"))
    assert order in (["a begins", "a ends", "b begins", "b ends"], ["b begins", "b ends", "a begins", "a ends"])
    assert await meta.get("a") == "a" and await meta.get("b") == "b"


async def test_a_task_spawned_inside_a_transaction_cannot_share_it(db):
    async with db.transaction():
        child = asyncio.create_task(MetaRepository(db).get("x"))
        with pytest.raises(TransactionError):
            await child


# ─── append-only history and other constraints ─────────────────────────────


async def test_status_history_is_append_only_and_moves_the_task(db):
    await ProgramRepository(db).save_program(make_program(), now=NOW)
    attached = await add_person_with_history_and_evidence(db, "1.2")
    assert await rows(db, "SELECT status, status_changed_at FROM tasks WHERE id = ?", attached["task"]) == [
        ("done", instant_to_db(NOW))
    ]
    with pytest.raises(sqlite3.IntegrityError, match="append-only"):
        async with db.transaction() as conn:
            await conn.execute("UPDATE status_history SET comment = 'подправим'")
    with pytest.raises(sqlite3.IntegrityError, match="append-only"):
        async with db.transaction() as conn:
            await conn.execute("DELETE FROM status_history")
    with pytest.raises(sqlite3.IntegrityError, match="old_status"):
        async with db.transaction() as conn:  # the task is already done: «not_started → …» is a lost update
            await conn.execute(
                "INSERT INTO status_history (task_id, old_status, new_status, at) VALUES (?, 'not_started', 'problem', ?)",
                (attached["task"], instant_to_db(LATER)))
    assert await rows(db, "SELECT count(*) FROM status_history") == [(1,)]


async def test_deleting_a_program_takes_its_history_with_it(db):
    report = await ProgramRepository(db).save_program(make_program(), now=NOW)
    await add_person_with_history_and_evidence(db, "1.2")
    async with db.transaction() as conn:
        await conn.execute("DELETE FROM programs WHERE id = ?", (report.program_id,))
    for table in ("activities", "occurrences", "tasks", "status_history", "evidence_files", "party_bindings"):
        assert await rows(db, f"SELECT count(*) FROM {table}") == [(0,)], table
    assert await rows(db, "SELECT count(*) FROM people") == [(1,)]


async def test_assignees_follow_bindings_and_schools(db):
    await ProgramRepository(db).save_program(make_program(), now=NOW)
    attached = await add_person_with_history_and_evidence(db, "1.2")
    assigned = await rows(db, """
        SELECT DISTINCT org.name FROM task_assignees ta JOIN tasks t ON t.id = ta.task_id
        JOIN organizations org ON org.id = t.organization_id WHERE ta.person_id = ?""", attached["person"])
    assert assigned == [("МОАУ СОШ № 1",)]
    # «Руководитель ОО» of school 1 answers for 1.2 and for 2.1 (4 months) in that school only.
    assert await rows(db, "SELECT count(*) FROM task_assignees WHERE person_id = ?", attached["person"]) == [(1 + 4,)]


async def test_enum_checks_reject_unknown_values(db):
    async with db.transaction() as conn:
        person = (await conn.execute(
            "INSERT INTO people (display_name, created_at) VALUES ('Иванов', ?)", (instant_to_db(NOW),))).lastrowid
    with pytest.raises(sqlite3.IntegrityError):
        async with db.transaction() as conn:
            await conn.execute(
                """INSERT INTO outbox (idempotency_key, person_id, kind, payload, status, next_attempt_at, created_at)
                   VALUES ('k', ?, 'due_today', '{}', 'lost', ?, ?)""", (person, instant_to_db(NOW), instant_to_db(NOW)))
    async with db.transaction() as conn:
        await conn.execute(
            """INSERT INTO outbox (idempotency_key, person_id, kind, payload, next_attempt_at, created_at)
               VALUES ('reminder:due_today:1:1', ?, 'due_today', '{}', ?, ?)""",
            (person, instant_to_db(NOW), instant_to_db(NOW)))
    with pytest.raises(sqlite3.IntegrityError):  # the same reminder planned twice
        async with db.transaction() as conn:
            await conn.execute(
                """INSERT INTO outbox (idempotency_key, person_id, kind, payload, next_attempt_at, created_at)
                   VALUES ('reminder:due_today:1:1', ?, 'due_today', '{}', ?, ?)""",
                (person, instant_to_db(NOW), instant_to_db(NOW)))


# ─── small repositories ─────────────────────────────────────────────────────


async def test_meta_keeps_the_planner_last_run(db):
    meta = MetaRepository(db)
    assert await meta.planner_last_run() is None
    await meta.set_planner_last_run(NOW, now=NOW)
    await meta.set_planner_last_run(LATER, now=LATER)
    assert await meta.planner_last_run() == LATER


async def test_conversation_state_survives_a_reopen(tmp_path):
    path = tmp_path / "fsm.sqlite3"
    async with await Database.open(path) as db:
        await FsmStateRepository(db).set("bot:1:1", ConversationState("Postpone:reason", {"task": 7, "дата": "2024-02-01"}), now=NOW)
    async with await Database.open(path) as db:
        fsm = FsmStateRepository(db)
        assert await fsm.get("bot:1:1") == ConversationState("Postpone:reason", {"task": 7, "дата": "2024-02-01"})
        await fsm.set("bot:1:1", ConversationState(), now=LATER)
        assert await fsm.get("bot:1:1") == ConversationState()
        assert await rows(db, "SELECT count(*) FROM fsm_state") == [(0,)]


async def test_a_task_cancelled_right_after_begin_leaves_no_open_transaction(tmp_path):
    db = await Database.open(tmp_path / "cancel.sqlite3")
    real_execute = db._conn.execute

    async def begin_then_stall(sql, *args, **kwargs):
        result = await real_execute(sql, *args, **kwargs)
        if sql.startswith("BEGIN"):
            await asyncio.sleep(10)  # the cancellation lands here: BEGIN has already run
        return result

    async def write():
        async with db.transaction() as conn:
            await conn.execute("SELECT 1")

    db._conn.execute = begin_then_stall
    try:
        task = asyncio.create_task(write())
        await asyncio.sleep(0.1)
        task.cancel()
        with pytest.raises(asyncio.CancelledError):
            await task
    finally:
        db._conn.execute = real_execute
    assert not db._conn.in_transaction
    async with db.transaction() as conn:  # the connection is usable again
        await conn.execute("SELECT 1")
    await db.close()
