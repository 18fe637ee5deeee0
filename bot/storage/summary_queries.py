"""Reading a program's state into the report snapshot (bot.reports.model)."""

from __future__ import annotations

from collections import defaultdict
from datetime import datetime, timedelta
from zoneinfo import ZoneInfo

from bot.reports.model import EvidenceRow, PostponementRow, ProgramSnapshot, SilentPerson, TaskRow
from bot.storage.database import Database
from bot.domain.reminders import PERSON_REMINDER_KINDS
from bot.storage.meta import MetaRepository
from bot.storage.outbox import OutboxRepository
from bot.storage.person_messengers import messenger_labels
from bot.storage.programs import ProgramRepository
from bot.storage.report_extras import read_report_extras
from bot.services.channel_choice import MAX_REACHES, TELEGRAM_REACHES  # «no channel reaches them»
from bot.storage.sql import person_label
from bot.storage.timestamps import date_from_db, instant_from_db, instant_to_db

REMINDER_KINDS = tuple(sorted(PERSON_REMINDER_KINDS))
SILENT_AFTER = 2
OUTBOX_STALE_AFTER = timedelta(hours=1)  # a message due this long ago and still unsent: something is wrong


async def program_snapshot(db: Database, program_id: int, *, now: datetime) -> ProgramSnapshot:
    record = await ProgramRepository(db).get_program(program_id)
    if record is None:
        raise LookupError(program_id)
    zone = ZoneInfo(record.timezone)
    today = now.astimezone(zone).date()
    week_start = today - timedelta(days=today.weekday())
    async with db.read() as conn:
        task_rows = await conn.execute_fetchall(
            """SELECT lt.task_id, a.section, a.number, a.title, org.name, lt.due_date, a.schedule_kind,
                      a.schedule_text, lt.status, lt.status_changed_at, a.position,
                      (SELECT h.comment FROM status_history h WHERE h.task_id = lt.task_id AND h.comment IS NOT NULL
                       ORDER BY h.at DESC, h.id DESC LIMIT 1), a.id
               FROM live_tasks lt JOIN activities a ON a.id = lt.activity_id
               LEFT JOIN organizations org ON org.id = lt.organization_id
               WHERE lt.program_id = ? ORDER BY a.position, lt.due_date, org.position""",
            (program_id,),
        )
        assignees: dict[int, list[str]] = defaultdict(list)
        for task_id, name in await conn.execute_fetchall(
            f"""SELECT DISTINCT ea.task_id, {person_label("pe.id", "lt.program_id")} AS name FROM effective_assignees ea
               JOIN people pe ON pe.id = ea.person_id JOIN live_tasks lt ON lt.task_id = ea.task_id
               WHERE lt.program_id = ? ORDER BY name""",
            (program_id,),
        ):
            assignees[task_id].append(name)
        files: dict[int, list[str]] = defaultdict(list)
        evidence: list[EvidenceRow] = []
        for r in await conn.execute_fetchall(
            f"""SELECT e.task_id, e.file_name, a.number, a.title, org.name,
                      CASE WHEN pe.id IS NOT NULL THEN {person_label("pe.id", "lt.program_id")} END, e.received_at,
                      e.size_bytes, e.sha256, e.local_path
               FROM evidence_files e JOIN live_tasks lt ON lt.task_id = e.task_id
               JOIN activities a ON a.id = lt.activity_id LEFT JOIN organizations org ON org.id = lt.organization_id
               LEFT JOIN people pe ON pe.id = e.person_id
               WHERE lt.program_id = ? ORDER BY e.received_at, e.id""",
            (program_id,),
        ):
            files[r[0]].append(r[1])
            evidence.append(EvidenceRow(file_name=r[1], activity_number=r[2], activity_title=r[3], organization=r[4],
                                        person=r[5], received_at=instant_from_db(r[6]), size=r[7], sha256=r[8],
                                        local_path=r[9], task_id=r[0]))
        reminders: dict[int, int] = dict(await conn.execute_fetchall(
            f"""SELECT o.task_id, count(*) FROM outbox o JOIN live_tasks lt ON lt.task_id = o.task_id
                WHERE lt.program_id = ? AND o.status = 'sent' AND o.kind IN ({",".join("?" * len(REMINDER_KINDS))})
                GROUP BY o.task_id""",
            (program_id, *REMINDER_KINDS),
        ))
        silent_rows = await conn.execute_fetchall(
            f"""SELECT {person_label("pe.id", "lt.program_id")} AS name, min(org.name), count(*), max(o.sent_at),
                       pe.id
                FROM outbox o JOIN people pe ON pe.id = o.person_id JOIN live_tasks lt ON lt.task_id = o.task_id
                LEFT JOIN organizations org ON org.id = lt.organization_id
                WHERE lt.program_id = ? AND o.status = 'sent' AND lt.status != 'done'
                  AND o.kind IN ({",".join("?" * len(REMINDER_KINDS))})
                  AND NOT EXISTS (SELECT 1 FROM status_history h WHERE h.task_id = o.task_id
                                  AND h.person_id = o.person_id AND h.at >= o.sent_at)
                  AND NOT EXISTS (SELECT 1 FROM evidence_files e WHERE e.task_id = o.task_id
                                  AND e.person_id = o.person_id AND e.received_at >= o.sent_at)
                GROUP BY pe.id HAVING count(*) >= ? ORDER BY count(*) DESC, name""",
            (program_id, *REMINDER_KINDS, SILENT_AFTER),
        )
        postponements = await conn.execute_fetchall(
            f"""SELECT a.number, a.title, org.name,
                      CASE WHEN pe.id IS NOT NULL THEN {person_label("pe.id", "lt.program_id")} END,
                      lt.due_date, po.requested_date, po.reason,
                      po.requested_at, lt.task_id
               FROM postponements po JOIN live_tasks lt ON lt.task_id = po.task_id
               JOIN activities a ON a.id = lt.activity_id LEFT JOIN organizations org ON org.id = lt.organization_id
               LEFT JOIN people pe ON pe.id = po.requested_by
               WHERE lt.program_id = ? AND po.status = 'pending' ORDER BY po.requested_at""",
            (program_id,),
        )
        unreachable = [r[0] for r in await conn.execute_fetchall(
            f"""SELECT DISTINCT {person_label("pe.id", "lt.program_id")} AS name FROM people pe
               JOIN effective_assignees ea ON ea.person_id = pe.id JOIN live_tasks lt ON lt.task_id = ea.task_id
               WHERE lt.program_id = ? AND NOT ({TELEGRAM_REACHES.format(alias="pe")}
                                             OR {MAX_REACHES.format(person="pe.id")})
               ORDER BY name""",
            (program_id,),
        )]
        extras = await read_report_extras(conn, program_id)
        stale = (await conn.execute_fetchall(
            "SELECT count(*) FROM outbox WHERE status IN ('pending', 'sending') AND next_attempt_at <= ?",
            (instant_to_db(now - OUTBOX_STALE_AFTER),),
        ))[0][0]
    tasks = [
        TaskRow(task_id=r[0], section=r[1], number=r[2], title=r[3], organization=r[4],
                due=date_from_db(r[5]) if r[5] else None, schedule_kind=r[6], deadline_text=r[7], status=r[8],
                last_update=instant_from_db(r[9]) if r[9] else None, last_comment=r[11],
                assignees=tuple(assignees.get(r[0], ())), files=tuple(files.get(r[0], ())),
                reminders_sent=reminders.get(r[0], 0), activity_id=r[12])
        for r in task_rows
    ]
    # whom to chase, and where: «… · MAX» once someone uses a messenger besides Telegram (issue 14)
    where = await messenger_labels(db, [s[4] for s in silent_rows]) if silent_rows else {}
    silent_rows = [(f"{s[0]} · {where[s[4]]}" if s[4] in where else s[0], *s[1:]) for s in silent_rows]
    return ProgramSnapshot(
        program_id=program_id, title=record.title, municipality=record.municipality, timezone=record.timezone,
        period_start=record.period.start, period_end=record.period.end, today=today, generated_at=now,
        week_start=week_start, week_end=week_start + timedelta(days=6), tasks=tasks, evidence=evidence,
        postponements=[PostponementRow(activity_number=p[0], activity_title=p[1], organization=p[2], person=p[3],
                                       old_date=date_from_db(p[4]) if p[4] else None,
                                       requested_date=date_from_db(p[5]), reason=p[6],
                                       requested_at=instant_from_db(p[7]), task_id=p[8]) for p in postponements],
        silent=[SilentPerson(name=s[0], organization=s[1], reminders=s[2],
                             last_reminder_at=instant_from_db(s[3]) if s[3] else None) for s in silent_rows],
        planner_last_run=await MetaRepository(db).planner_last_run(), outbox_backlog=await OutboxRepository(db).backlog(now),
        outbox_stale=stale, unreachable=unreachable,
        approved_postponements=extras.approved_postponements, coordinators=extras.coordinators,
        responsible=extras.responsible, sections=extras.sections,
    )
