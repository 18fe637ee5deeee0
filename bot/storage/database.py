"""The SQLite database: one aiosqlite connection, the schema, and the one place where
transactions begin and commit.

    db = await Database.open(path)           # connects, sets pragmas, applies migrations
    async with db.transaction() as conn:     # BEGIN IMMEDIATE … COMMIT (ROLLBACK on error)
        ...
    async with db.read() as conn:            # a consistent read-only snapshot
        ...
    await db.close()

Nesting: `transaction()` inside a transaction of the same task is a SAVEPOINT, so a
repository method can open its own transaction and still be part of a caller's larger
one; an error inside the inner block rolls back only that block (and propagates).
`read()` inside a transaction simply reuses it; `transaction()` inside `read()` is
refused. The connection is shared, so concurrent tasks queue on a lock for the
outermost block; a task started inside a transaction must not use the database until
the transaction ends (it would wait for its parent, which is refused loudly instead).
"""

from __future__ import annotations

import asyncio
import itertools
from collections.abc import AsyncIterator
from contextlib import asynccontextmanager
from contextvars import ContextVar
from dataclasses import dataclass, field
from pathlib import Path

import aiosqlite

from bot.storage.errors import TransactionError
from bot.storage.migrate import apply_migrations

DEFAULT_BUSY_TIMEOUT_MS = 5000
_ids = itertools.count(1)


@dataclass(slots=True)
class _Scope:
    task: asyncio.Task[object] | None
    read_only: bool
    savepoints: itertools.count = field(default_factory=lambda: itertools.count(1))


class Database:
    def __init__(self, conn: aiosqlite.Connection, path: str) -> None:
        self._conn = conn
        self.path = path
        self._lock = asyncio.Lock()
        self._scope: ContextVar[_Scope | None] = ContextVar(f"db_scope_{next(_ids)}", default=None)

    @classmethod
    async def open(
        cls, path: str | Path, *, migrate: bool = True, busy_timeout_ms: int = DEFAULT_BUSY_TIMEOUT_MS
    ) -> Database:
        """Connect to `path` (":memory:" works too). The parent folder must exist."""
        # isolation_level=None: no implicit BEGINs; transaction() is the only place that starts one.
        conn = await aiosqlite.connect(str(path), isolation_level=None)
        try:
            conn.row_factory = aiosqlite.Row
            await conn.execute(f"PRAGMA busy_timeout = {int(busy_timeout_ms)}")
            await conn.execute("PRAGMA foreign_keys = ON")
            # WAL: the bot keeps reading while `python -m bot load` writes.
            await conn.execute("PRAGMA journal_mode = WAL")
            await conn.execute("PRAGMA synchronous = NORMAL")  # durable enough with WAL, much faster
            if migrate:
                await apply_migrations(conn)
        except BaseException:
            await conn.close()
            raise
        return cls(conn, str(path))

    async def close(self) -> None:
        await self._conn.close()

    async def __aenter__(self) -> Database:
        return self

    async def __aexit__(self, *exc: object) -> None:
        await self.close()

    @property
    def in_transaction(self) -> bool:
        return self._scope.get() is not None

    @asynccontextmanager
    async def transaction(self) -> AsyncIterator[aiosqlite.Connection]:
        scope = self._current_scope()
        if scope is not None:
            if scope.read_only:
                raise TransactionError("cannot write inside db.read(); open db.transaction() instead")
            async with self._savepoint(scope):
                yield self._conn
            return
        async with self._lock:
            await self._begin("BEGIN IMMEDIATE")
            token = self._scope.set(_Scope(asyncio.current_task(), read_only=False))
            try:
                yield self._conn
            except BaseException:
                await self._conn.execute("ROLLBACK")
                raise
            else:
                try:
                    await self._conn.execute("COMMIT")
                except BaseException:
                    if self._conn.in_transaction:
                        await self._conn.execute("ROLLBACK")
                    raise
            finally:
                self._scope.reset(token)

    @asynccontextmanager
    async def read(self) -> AsyncIterator[aiosqlite.Connection]:
        if self._current_scope() is not None:
            yield self._conn  # inside a transaction: see its own writes
            return
        async with self._lock:
            await self._conn.execute("PRAGMA query_only = ON")
            try:
                await self._begin("BEGIN")
            except BaseException:
                await self._conn.execute("PRAGMA query_only = OFF")
                raise
            token = self._scope.set(_Scope(asyncio.current_task(), read_only=True))
            try:
                yield self._conn
            finally:
                self._scope.reset(token)
                await self._conn.execute("ROLLBACK")
                await self._conn.execute("PRAGMA query_only = OFF")

    async def _begin(self, statement: str) -> None:
        # A task cancelled while BEGIN runs in aiosqlite's thread must not leave the shared
        # connection inside a transaction that nobody will ever end.
        try:
            await self._conn.execute(statement)
        except BaseException:
            if self._conn.in_transaction:
                await self._conn.execute("ROLLBACK")
            raise

    def _current_scope(self) -> _Scope | None:
        scope = self._scope.get()
        if scope is not None and scope.task is not asyncio.current_task():
            # A task spawned inside a transaction inherits its context: sharing the
            # open transaction from another task would interleave statements.
            raise TransactionError("the database is inside another task's transaction")
        return scope

    @asynccontextmanager
    async def _savepoint(self, scope: _Scope) -> AsyncIterator[None]:
        name = f"sp_{next(scope.savepoints)}"
        await self._conn.execute(f"SAVEPOINT {name}")
        try:
            yield
        except BaseException:
            await self._conn.execute(f"ROLLBACK TO {name}")
            await self._conn.execute(f"RELEASE {name}")
            raise
        else:
            await self._conn.execute(f"RELEASE {name}")
