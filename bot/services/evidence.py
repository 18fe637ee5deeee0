"""Evidence: files people send, kept with their Telegram ids, checksum and a local copy.

Files that arrive together (an album shares a media_group_id; Telegram sends no "end of
album" marker) are gathered into one *submission*. A submission that already knows its
task (the person tapped «Прикрепить документ») attaches each file as it comes; one
without a task waits until the person picks the activity, then all its files go there.
"""

from __future__ import annotations

import contextlib
import os
from dataclasses import dataclass
from datetime import datetime
from pathlib import Path

from bot.domain.evidence_quota import QUOTA_WINDOW, Received
from bot.domain.file_names import safe_file_name, stored_name
from bot.services.access import Access
from bot.services.errors import AccessDenied, NotFound
from bot.storage.database import Database
from bot.storage.people import Person
from bot.storage.timestamps import instant_from_db, instant_to_db

__all__ = ["EvidenceService", "IncomingFile", "StagedSubmission", "discard_stored", "evidence_folder",
           "safe_file_name", "store_bytes"]


@dataclass(frozen=True, slots=True)
class IncomingFile:
    telegram_file_id: str
    telegram_file_unique_id: str
    file_name: str
    mime_type: str | None
    size_bytes: int
    sha256: str
    local_path: str | None


@dataclass(frozen=True, slots=True)
class StagedSubmission:
    id: int
    task_id: int | None
    file_count: int
    is_new: bool
    reply_message_id: int | None
    added: bool  # False: the same file was already in this submission / on this task
    kept: bool = True  # False: no row refers to this file's local copy (a duplicate); it may be removed


def store_bytes(folder: Path, name: str | None, content: bytes) -> Path:
    """Write `content` under `folder` as «<uuid>.<ext>»: the person's `name` only lends its
    extension (lower-case ASCII, or none); it is kept in the database, never on disk."""
    folder.mkdir(parents=True, exist_ok=True)
    while True:
        candidate = folder / stored_name(name)
        tmp = candidate.with_name(candidate.name + ".part")
        try:
            with open(tmp, "xb") as out:
                out.write(content)
        except FileExistsError:
            continue
        except BaseException:
            with contextlib.suppress(OSError):
                tmp.unlink()
            raise
        if candidate.exists():  # a uuid clash: practically never, but never overwrite
            tmp.unlink()
            continue
        os.replace(tmp, candidate)  # never a half-written file under the real name
        return candidate


def discard_stored(path: str | Path | None) -> None:
    """Remove a file `store_bytes` wrote and nothing will refer to (a refusal, an error)."""
    if path:
        with contextlib.suppress(FileNotFoundError):
            Path(path).unlink()


def evidence_folder(data_dir: Path, person_id: int) -> Path:
    return data_dir / "evidence" / f"person-{person_id}"


class EvidenceService:
    def __init__(self, db: Database, access: Access) -> None:
        self._db = db
        self._access = access

    async def may_send_files(self, person: Person) -> bool:
        """Does this person belong to any program: a coordinator (configured or of a
        program), a live party binding or a live direct assignment? Strangers' files are
        not taken in at all."""
        if self._access.is_configured_coordinator(person):
            return True
        async with self._db.read() as conn:
            rows = await conn.execute_fetchall(
                """SELECT 1 FROM program_coordinators WHERE person_id = ?
                   UNION ALL SELECT 1 FROM party_bindings WHERE person_id = ? AND revoked_at IS NULL
                   UNION ALL SELECT 1 FROM assignments WHERE person_id = ? AND revoked_at IS NULL
                   LIMIT 1""",
                (person.id, person.id, person.id),
            )
        return bool(rows)

    async def received_within_hour(self, person: Person, *, now: datetime) -> list[Received]:
        """The files this person sent in the last hour that the bot kept (a row in
        submission_files: every kept file gets one, attached or waiting for its activity).
        Counted from the database, so a restart does not hand out a fresh allowance."""
        async with self._db.read() as conn:
            rows = await conn.execute_fetchall(
                """SELECT f.received_at, f.size_bytes FROM submission_files f
                   JOIN submissions s ON s.id = f.submission_id
                   WHERE f.received_at > ? AND s.person_id = ?""",
                (instant_to_db(now - QUOTA_WINDOW), person.id),
            )
        return [Received(at=instant_from_db(r[0]), size=r[1]) for r in rows]

    async def stage(
        self, person: Person, file: IncomingFile, *, now: datetime, task_id: int | None = None,
        media_group_id: str | None = None,
    ) -> StagedSubmission:
        """Take in one file. With `task_id` (checked) it is attached at once; the files of
        one album share a submission, so the bot answers an album once."""
        if task_id is not None:
            await self._access.task_for(person, task_id)
        stamp = instant_to_db(now)
        async with self._db.transaction() as conn:
            rows = []
            if media_group_id is not None:
                rows = await conn.execute_fetchall(
                    "SELECT id, task_id, reply_message_id FROM submissions WHERE person_id = ? AND media_group_id = ?",
                    (person.id, media_group_id),
                )
            if rows:
                submission_id, sub_task, reply_id, is_new = rows[0][0], rows[0][1], rows[0][2], False
            else:
                cursor = await conn.execute(
                    "INSERT INTO submissions (person_id, media_group_id, task_id, created_at) VALUES (?, ?, ?, ?)",
                    (person.id, media_group_id, task_id, stamp),
                )
                submission_id, sub_task, reply_id, is_new = cursor.lastrowid, task_id, None, True
            cursor = await conn.execute(
                """INSERT OR IGNORE INTO submission_files (submission_id, telegram_file_id, telegram_file_unique_id,
                       file_name, mime_type, size_bytes, sha256, local_path, received_at)
                   VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)""",
                (submission_id, file.telegram_file_id, file.telegram_file_unique_id, file.file_name, file.mime_type,
                 file.size_bytes, file.sha256, file.local_path, stamp),
            )
            added = kept = cursor.rowcount > 0
            if sub_task is not None:
                attached = await self._attach_in(conn, sub_task, person.id, submission_id, file, stamp)
                added, kept = attached and added, attached or kept
            count_rows = await conn.execute_fetchall(
                "SELECT count(*) FROM submission_files WHERE submission_id = ?", (submission_id,)
            )
        assert submission_id is not None
        return StagedSubmission(id=submission_id, task_id=sub_task, file_count=count_rows[0][0], is_new=is_new,
                                reply_message_id=reply_id, added=added, kept=kept)

    async def set_reply_message(self, submission_id: int, message_id: int) -> None:
        async with self._db.transaction() as conn:
            await conn.execute("UPDATE submissions SET reply_message_id = ? WHERE id = ?", (message_id, submission_id))

    async def assign(self, person: Person, submission_id: int, task_id: int, *, now: datetime) -> int:
        """The person picked the activity for files sent without context. Returns how many
        files the task received."""
        await self._access.task_for(person, task_id)
        stamp = instant_to_db(now)
        async with self._db.transaction() as conn:
            rows = await conn.execute_fetchall(
                "SELECT person_id, task_id FROM submissions WHERE id = ?", (submission_id,)
            )
            if not rows:
                raise NotFound(f"submission {submission_id}")
            if rows[0][0] != person.id:
                raise AccessDenied(f"submission {submission_id} is not person {person.id}'s")
            await conn.execute(
                "UPDATE submissions SET task_id = ?, closed_at = ? WHERE id = ?", (task_id, stamp, submission_id)
            )
            files = await conn.execute_fetchall(
                """SELECT telegram_file_id, telegram_file_unique_id, file_name, mime_type, size_bytes, sha256,
                          local_path FROM submission_files WHERE submission_id = ? ORDER BY id""",
                (submission_id,),
            )
            added = 0
            for f in files:
                if await self._attach_in(conn, task_id, person.id, submission_id, IncomingFile(*f), stamp):
                    added += 1
        return added

    async def open_submission(self, person: Person, submission_id: int) -> tuple[int, int | None]:
        """(file count, task id) of one of the person's submissions."""
        async with self._db.read() as conn:
            rows = await conn.execute_fetchall(
                """SELECT s.person_id, s.task_id, (SELECT count(*) FROM submission_files f WHERE f.submission_id = s.id)
                   FROM submissions s WHERE s.id = ?""",
                (submission_id,),
            )
        if not rows:
            raise NotFound(f"submission {submission_id}")
        if rows[0][0] != person.id:
            raise AccessDenied(f"submission {submission_id}")
        return rows[0][2], rows[0][1]

    @staticmethod
    async def _attach_in(conn, task_id: int, person_id: int, submission_id: int, file: IncomingFile, stamp: str) -> bool:
        cursor = await conn.execute(
            """INSERT OR IGNORE INTO evidence_files (task_id, person_id, telegram_file_id, telegram_file_unique_id,
                   file_name, mime_type, size_bytes, sha256, local_path, received_at, submission_id)
               VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)""",
            (task_id, person_id, file.telegram_file_id, file.telegram_file_unique_id, file.file_name, file.mime_type,
             file.size_bytes, file.sha256, file.local_path, stamp, submission_id),
        )
        return cursor.rowcount > 0
