"""Rows of the roadmap table → sections, activities and the Program, with warnings a
coordinator can act on («строка 238: сроки и ответственные переставлены местами»)."""

from __future__ import annotations

import re

from bot.domain.deadlines import parse_deadline
from bot.domain.models import (Activity, ImportResult, ImportWarning, NamedInText, Period, Program, ScheduleKind,
                               Section)
from bot.domain.parties import clean_abbreviations, find_abbreviations, parse_parties
from bot.domain.text_parties import find_text_parties
from bot.domain.zones import zone_label
from bot.importing.cell_kinds import Kind, kind_of
from bot.importing.line_cells import rebuild
from bot.importing.period import find_municipality, find_period, find_title
from bot.importing.period_guess import period_not_found
from bot.importing.regions import zone_from_text
from bot.importing.shifts import place_cells
from bot.importing.source import RoadmapImportError, SourceDocument
from bot.importing.tables import Column, RawRow, RawSection, RawTable, find_tables

DEFAULT_ZONE = "Europe/Moscow"
_DASHES = re.compile(r"^[-–—\s]*$")


def import_document(document: SourceDocument, *, period: Period | None = None,
                    timezone: str | None = None) -> ImportResult:
    if not document.lines:
        raise RoadmapImportError(f"В файле «{document.name}» нет текста. Пришлите дорожную карту с таблицей мероприятий.")
    tables = find_tables(document)
    if not tables and (rebuilt := rebuild(document)) is not None:  # a PDF table with one cell per line
        document, tables = rebuilt, find_tables(rebuilt)
    if not tables:
        raise RoadmapImportError(
            f"В файле «{document.name}» не нашлась таблица мероприятий. Нужна таблица с колонками "
            "«Мероприятие», «Сроки», «Ответственные» (и «Результат»). Скачайте шаблон: /template."
        )
    warnings: list[ImportWarning] = [ImportWarning(line=line, message=f"Строка {line}: {note}.")
                                     for line, note in document.notes]
    table = max(tables, key=lambda t: sum(isinstance(i, RawRow) for i in t.items))
    full_text = " ".join(line.text for line in document.lines)
    period = period or find_period(document)
    if period is None:
        raise period_not_found([i.cells.get(Column.DEADLINE, "") for i in table.items if isinstance(i, RawRow)],
                               " ".join(line.text for line in document.lines if not line.is_row))
    found_zone = timezone or zone_from_text(full_text)
    zone = found_zone or DEFAULT_ZONE
    if found_zone is None:
        warnings.append(ImportWarning(message=(f"Регион не распознан — часовой пояс {zone_label(DEFAULT_ZONE)}. "
                                               "Проверьте его.")))
    for other in tables:
        if other is not table:
            warnings.append(ImportWarning(line=other.header_line, message=(
                f"Ещё одна таблица (строка {other.header_line}) не загружена: взята самая полная таблица мероприятий.")))
    abbreviations: dict[str, str] = {}
    for line in document.lines:  # per cell: a definition never spans cells
        for cell in line.cells:
            if "далее" in cell:
                abbreviations.update(find_abbreviations(cell))
    abbreviations = clean_abbreviations(abbreviations)
    sections, activities = _activities(table, period, abbreviations, warnings)
    if not activities:
        raise RoadmapImportError("В таблице мероприятий нет ни одной строки с мероприятием. Проверьте файл.")
    text_parties = _named_only_in_text(document, table, activities)
    if text_parties:
        names = "; ".join(f"{named.party.name} — {named.reason}" for named in text_parties)
        warnings.append(ImportWarning(message=f"Добавлены для приглашения, хотя в таблице их нет (проверьте): {names}."))
    program = Program(
        title=find_title(document), municipality=find_municipality(document), period=period, timezone=zone,
        sections=sections, activities=activities, source=document.name, organizations=_schools(activities),
        text_parties=text_parties,
    )
    return ImportResult(program=program, warnings=warnings, timezone_found=found_zone is not None)


def _named_only_in_text(document: SourceDocument, table: RawTable, activities: list[Activity]) -> list[NamedInText]:
    """People the text names (who approves, who answers for the program) outside the table,
    that no row names: offered as parties so the coordinator can invite them."""
    last = max((a.source_lines[1] for a in activities if a.source_lines), default=table.header_line)
    outside = ["\t".join(line.cells) for line in document.lines
               if line.number < table.header_line or line.number > last]
    in_table = {(p.kind, p.normalized) for a in activities for p in a.responsible}
    return [NamedInText(party=party, reason=reason) for party, reason in find_text_parties(outside)
            if (party.kind, party.normalized) not in in_table]


_SCHOOL = re.compile(r"\b(СОШ|ООШ|НОШ|лицей|гимнази|ЦО|школа)\b", re.IGNORECASE)


def _schools(activities: list[Activity]) -> list[str]:
    """Schools the roadmap names as responsible: the program's participating organisations
    (the coordinator can add or remove schools later)."""
    seen: dict[str, str] = {}
    for activity in activities:
        for party in activity.responsible:
            if party.kind.value == "organization" and _SCHOOL.search(party.name):
                seen.setdefault(party.normalized, party.name)
    return list(seen.values())


def _rows_as_sections(items: list[RawRow | RawSection]) -> list[RawRow | RawSection]:
    """«1. | Организационные мероприятия | | |» followed by 1.1, 1.2…: a section, not an activity."""
    result: list[RawRow | RawSection] = []
    for index, item in enumerate(items):
        if (isinstance(item, RawRow) and item.number and item.cells.get(Column.TITLE)
                and not any(item.cells.get(c) for c in (Column.DEADLINE, Column.RESPONSIBLE, Column.RESULT))):
            following = next((i for i in items[index + 1 :] if isinstance(i, RawRow)), None)
            if following is not None and (following.number or "").startswith(item.number.rstrip(".") + "."):
                result.append(RawSection(number=item.number.rstrip("."), title=item.cells[Column.TITLE],
                                         line=item.first_line))
                continue
        result.append(item)
    return result


def _activities(table: RawTable, period: Period, abbreviations: dict[str, str],
                warnings: list[ImportWarning]) -> tuple[list[Section], list[Activity]]:
    for line, note in table.notes:
        warnings.append(ImportWarning(line=line, message=f"Строка {line}: {note}."))
    activities: list[Activity] = []
    seen: set[tuple[str | None, str]] = set()
    section_title: str | None = None
    # (section, activities before it): a heading after the last activity is a signature block, not a section
    recorded: list[tuple[Section, int]] = []
    items = _rows_as_sections(table.items)
    order = list(dict.fromkeys(table.columns[index] for index in sorted(table.columns)))
    for item in items:
        if isinstance(item, RawSection):
            if item.title != "__tasks__":
                section_title = item.title
                if all(s.title != item.title for s, _ in recorded):
                    recorded.append((Section(number=item.number, title=item.title), len(activities)))
            continue
        title = item.cells.get(Column.TITLE, "").strip()
        if not title or _DASHES.match(title):
            if item.number or any(not _DASHES.match(v) for v in item.cells.values()):
                warnings.append(ImportWarning(line=item.first_line, message=(
                    f"Строка {item.first_line}: мероприятие {item.number or ''} без названия пропущено.".replace("  ", " "))))
            continue
        key = (item.number, title)
        if key in seen:
            warnings.append(ImportWarning(line=item.first_line, message=(
                f"Строка {item.first_line}: повтор мероприятия {item.number or title[:40]} пропущен.")))
            continue
        seen.add(key)
        if item.merged_numbers:
            warnings.append(ImportWarning(line=item.first_line, message=(
                f"Строка {item.first_line}: номера «{item.number}» слиты в одну строку — загружено одно "
                "мероприятие; разделите его при необходимости.")))
        cells = item.cells
        deadline_text = cells.get(Column.DEADLINE, "")
        responsible_text = cells.get(Column.RESPONSIBLE, "")
        deadline = parse_deadline(deadline_text, period)
        if deadline.kind is ScheduleKind.UNSPECIFIED and responsible_text:
            swapped = parse_deadline(responsible_text, period)
            # «Аналитическая справка» in the deadline column is a result slid over, not a swapped party
            if (swapped.kind is not ScheduleKind.UNSPECIFIED and parse_parties(deadline_text, abbreviations)
                    and kind_of(deadline_text) is not Kind.RESULT):
                warnings.append(ImportWarning(line=item.first_line, message=(
                    f"Строка {item.first_line}: сроки и ответственные переставлены местами — прочитаны наоборот.")))
                deadline_text, responsible_text, deadline = responsible_text, deadline_text, swapped
        if deadline.kind is ScheduleKind.UNSPECIFIED or not responsible_text:
            cells, note = place_cells(cells, order)  # a missing cell slid the others along
            if note:
                warnings.append(ImportWarning(line=item.first_line, message=f"Строка {item.first_line}: {note}."))
                deadline_text, responsible_text = cells.get(Column.DEADLINE, ""), cells.get(Column.RESPONSIBLE, "")
                deadline = parse_deadline(deadline_text, period)
        activities.append(Activity(
            number=item.number, section=section_title, title=title, deadline=deadline,
            responsible=parse_parties(responsible_text, abbreviations),
            result=cells.get(Column.RESULT) or None, source_lines=(item.first_line, item.last_line),
        ))
    sections = [section for section, before in recorded if before < len(activities)]
    return sections, activities
