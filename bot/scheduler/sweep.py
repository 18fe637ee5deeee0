"""The periodic sweep (issue 11): evidence files no database row points to, and roadmap
drafts nobody came back to.

Rules:

* a file under ``DATA_DIR/evidence`` is removed only when no ``evidence_files`` or
  ``submission_files`` row names it in ``local_path`` **and** it was last written more
  than `ORPHAN_MIN_AGE` ago — the bot writes a file first and its row a moment later, so
  a file being written or just written (and a ``*.part`` of `store_bytes` in progress) is
  never touched. The age is judged against the earlier of `now` and the real wall clock:
  file times are real time, and a clock moved forward (the sandbox's time travel) must not
  make a fresh file look old;
* only files are removed — never folders (a folder removed between `store_bytes`' mkdir
  and its write would fail that write), never anything outside ``DATA_DIR/evidence``,
  and symlinked folders are not followed;
* a file counts as referenced when a row's path names it, or only its name does (stored
  names are generated uuids): a data folder moved or mounted elsewhere keeps its files
  instead of losing all of them to the sweep;
* the referenced paths are read before the folder is listed, so a row added meanwhile
  can only belong to a fresh file, which the age rule keeps;
* a roadmap draft (`roadmap_drafts`) older than `DRAFT_LIFETIME` (a day) is deleted.

`sweep` is the whole pass and returns what it did; `Sweeper` runs it from the scheduler
(hourly and once at start-up) and logs it.
"""

from __future__ import annotations

import asyncio
import logging
import os
import time
from collections.abc import Iterable
from dataclasses import dataclass, field
from datetime import UTC, datetime, timedelta
from pathlib import Path

from bot.domain.clock import Clock
from bot.services.roadmaps import DRAFT_LIFETIME
from bot.storage.database import Database
from bot.storage.timestamps import instant_to_db

log = logging.getLogger(__name__)

ORPHAN_MIN_AGE = timedelta(hours=1)
EVIDENCE_FOLDER = "evidence"
_LOGGED_NAMES = 50  # a huge first sweep logs the first ones and a count, not ten thousand lines


@dataclass(slots=True)
class SweepReport:
    removed_files: list[Path] = field(default_factory=list)
    removed_bytes: int = 0
    kept_referenced: int = 0
    kept_fresh: int = 0  # orphans younger than ORPHAN_MIN_AGE: perhaps still being written
    removed_drafts: list[int] = field(default_factory=list)  # roadmap_drafts ids
    errors: list[str] = field(default_factory=list)  # files that could not be removed

    @property
    def removed_anything(self) -> bool:
        return bool(self.removed_files or self.removed_drafts)


def _key(path: str | Path) -> str:
    return os.path.normcase(os.path.realpath(path))


@dataclass(frozen=True, slots=True)
class _Referenced:
    paths: set[str]
    names: set[str]

    def __contains__(self, path: Path) -> bool:
        return path.name in self.names or _key(path) in self.paths


async def _referenced(db: Database) -> _Referenced:
    async with db.read() as conn:
        rows = await conn.execute_fetchall(
            """SELECT local_path FROM evidence_files WHERE local_path IS NOT NULL
               UNION SELECT local_path FROM submission_files WHERE local_path IS NOT NULL"""
        )
    return _Referenced(paths={_key(r[0]) for r in rows}, names={Path(r[0]).name for r in rows})


def _files_under(folder: Path) -> Iterable[Path]:
    """Every non-directory entry below `folder`; symlinked folders are not entered."""
    for root, dirs, files in os.walk(folder, followlinks=False):
        for name in files:
            yield Path(root) / name
        for name in dirs:
            if os.path.islink(os.path.join(root, name)):
                yield Path(root) / name  # the link itself, never what it points to


def _remove_orphans(folder: Path, referenced: _Referenced, cutoff: float, report: SweepReport) -> None:
    if not folder.is_dir():
        return
    for path in _files_under(folder):
        if path in referenced:
            report.kept_referenced += 1
            continue
        try:
            info = path.lstat()
        except FileNotFoundError:  # removed meanwhile (a refusal's discard_stored)
            continue
        if info.st_mtime > cutoff:
            report.kept_fresh += 1
            continue
        try:
            path.unlink()
        except FileNotFoundError:
            continue
        except OSError as error:
            report.errors.append(f"{path}: {error}")
            continue
        report.removed_files.append(path)
        report.removed_bytes += info.st_size


async def _remove_old_drafts(db: Database, now: datetime, report: SweepReport) -> None:
    cutoff = instant_to_db(now - DRAFT_LIFETIME)
    async with db.transaction() as conn:
        rows = await conn.execute_fetchall(
            "SELECT id, person_id, file_name, created_at FROM roadmap_drafts WHERE created_at < ? ORDER BY id",
            (cutoff,))
        if rows:
            await conn.execute("DELETE FROM roadmap_drafts WHERE created_at < ?", (cutoff,))
    for draft_id, person_id, file_name, created_at in rows:
        log.info("sweep: removed roadmap draft %s (%r of person %s, from %s)", draft_id, file_name, person_id,
                 created_at)
        report.removed_drafts.append(draft_id)


async def sweep(db: Database, data_dir: Path, now: datetime, *, wall_now: float | None = None) -> SweepReport:
    """One pass. `now` is the bot's clock (drafts are stamped with it); `wall_now` is the
    real time in seconds since the epoch (default: `time.time()`), for the files' age."""
    report = SweepReport()
    referenced = await _referenced(db)
    wall = time.time() if wall_now is None else wall_now
    cutoff = min(now.astimezone(UTC).timestamp(), wall) - ORPHAN_MIN_AGE.total_seconds()
    # file system work off the event loop: the bot keeps answering during a large sweep
    await asyncio.to_thread(_remove_orphans, Path(data_dir) / EVIDENCE_FOLDER, referenced, cutoff, report)
    for path in report.removed_files[:_LOGGED_NAMES]:
        log.info("sweep: removed orphaned evidence file %s", path)
    if len(report.removed_files) > _LOGGED_NAMES:
        log.info("sweep: … and %s more orphaned files", len(report.removed_files) - _LOGGED_NAMES)
    for problem in report.errors:
        log.warning("sweep: could not remove %s", problem)
    await _remove_old_drafts(db, now, report)
    return report


class Sweeper:
    """What the scheduler calls: a failed pass is logged and the next one tries again."""

    def __init__(self, db: Database, data_dir: Path, clock: Clock) -> None:
        self._db = db
        self._data_dir = data_dir
        self._clock = clock
        self._lock = asyncio.Lock()

    async def run_once(self) -> SweepReport | None:
        async with self._lock:
            try:
                report = await sweep(self._db, self._data_dir, self._clock.now())
            except Exception:
                log.exception("sweep failed; the next one retries")
                return None
        if report.removed_anything or report.errors:
            log.info("sweep: %s orphaned files (%s bytes) and %s roadmap drafts removed; %s files kept, "
                     "%s fresh orphans left for later", len(report.removed_files), report.removed_bytes,
                     len(report.removed_drafts), report.kept_referenced, report.kept_fresh)
        return report

    async def stop(self) -> None:
        """Wait for a pass in progress (before the database closes)."""
        async with self._lock:
            pass
