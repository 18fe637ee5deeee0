"""Numbered SQL migrations from `bot/storage/migrations/NNNN_name.sql`, applied in order.

The files are read through `importlib.resources`, so they work from a source tree, an
editable install and a wheel alike (the wheel needs them declared as package data).
All pending migrations run in one transaction together with their `schema_migrations`
rows: the schema is either brought fully up to date or left exactly as it was.
"""

from __future__ import annotations

import re
import sqlite3
from dataclasses import dataclass
from importlib import resources

import aiosqlite

from bot.storage.errors import MigrationError

MIGRATIONS_PACKAGE = "bot.storage.migrations"
_FILE_NAME = re.compile(r"^(\d{4})_([a-z0-9_]+)\.sql$")

_CREATE_BOOKKEEPING = """
CREATE TABLE IF NOT EXISTS schema_migrations (
    version     INTEGER PRIMARY KEY,
    name        TEXT NOT NULL,
    -- bookkeeping only, nothing reads it back: SQLite's clock is good enough here
    applied_at  TEXT NOT NULL DEFAULT (strftime('%Y-%m-%dT%H:%M:%S+00:00', 'now'))
)
"""


@dataclass(frozen=True, slots=True)
class Migration:
    version: int
    name: str
    sql: str


def discover_migrations(package: str = MIGRATIONS_PACKAGE) -> list[Migration]:
    found: list[Migration] = []
    for entry in resources.files(package).iterdir():
        match = _FILE_NAME.match(entry.name)
        if match:
            found.append(Migration(int(match.group(1)), entry.name, entry.read_text(encoding="utf-8")))
    found.sort(key=lambda m: m.version)
    versions = [m.version for m in found]
    if versions != list(range(1, len(found) + 1)):
        raise MigrationError(f"Миграции схемы пронумерованы с пропуском или повтором: {versions}.")
    return found


def split_statements(script: str) -> list[str]:
    """Split a script into statements; `sqlite3.complete_statement` knows about quotes,
    comments and the semicolons inside CREATE TRIGGER … BEGIN … END."""
    statements: list[str] = []
    buffer = ""
    for piece in script.split(";"):
        buffer += piece + ";"
        if sqlite3.complete_statement(buffer):
            if _strip_comments(buffer).strip(" \t\r\n;"):
                statements.append(buffer.strip())
            buffer = ""
    if _strip_comments(buffer).strip(" \t\r\n;"):
        raise MigrationError(f"Незавершённая SQL-команда в конце миграции: {buffer.strip()[:80]!r}.")
    return statements


def _strip_comments(sql: str) -> str:
    return "\n".join(line.split("--", 1)[0] for line in sql.splitlines())


async def applied_versions(conn: aiosqlite.Connection) -> list[int]:
    async with conn.execute(
        "SELECT name FROM sqlite_master WHERE type = 'table' AND name = 'schema_migrations'"
    ) as cursor:
        if await cursor.fetchone() is None:
            return []
    async with conn.execute("SELECT version FROM schema_migrations ORDER BY version") as cursor:
        return [row[0] for row in await cursor.fetchall()]


async def apply_migrations(conn: aiosqlite.Connection, migrations: list[Migration] | None = None) -> list[int]:
    """Apply what is missing; return the versions applied now (empty: already up to date).

    `conn` must be in autocommit mode (isolation_level=None) with no open transaction.
    """
    migrations = discover_migrations() if migrations is None else migrations
    # IMMEDIATE takes the write lock before reading the applied versions, so two
    # processes starting at once cannot both apply the same migration.
    await conn.execute("BEGIN IMMEDIATE")
    try:
        await conn.execute(_CREATE_BOOKKEEPING)
        done = set(await applied_versions(conn))
        known = {m.version for m in migrations}
        if done - known:
            raise MigrationError(
                f"База данных создана более новой версией бота (схема {max(done)}, "
                f"эта версия знает до {max(known, default=0)}). Обновите бота."
            )
        applied: list[int] = []
        for migration in migrations:
            if migration.version in done:
                continue
            for statement in split_statements(migration.sql):
                try:
                    await conn.execute(statement)
                except sqlite3.Error as exc:
                    raise MigrationError(
                        f"Миграция {migration.name} не применилась: {exc}. База данных не изменена."
                    ) from exc
            await conn.execute(
                "INSERT INTO schema_migrations (version, name) VALUES (?, ?)", (migration.version, migration.name)
            )
            applied.append(migration.version)
        async with conn.execute("PRAGMA foreign_key_check") as cursor:
            broken = await cursor.fetchall()
        if broken:
            raise MigrationError(f"После миграции нарушены внешние ключи: {[tuple(r) for r in broken[:5]]}.")
        await conn.execute("COMMIT")
        return applied
    except BaseException:
        await conn.execute("ROLLBACK")
        raise
