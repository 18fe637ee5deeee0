"""python -m bot import FILE [--json] [--period …] [--timezone …] [--out programs/x.yaml]

Without options: a review report a coordinator reads (program, period, sections, every
activity with its deadline as understood, rows to check with their source lines).
`--json`: the same as one JSON object for other tools. `--out`: the program file (YAML)."""

from __future__ import annotations

import argparse
import json
import sys
from pathlib import Path

from bot.domain.models import ImportResult, Period
from bot.domain.program_file import dump_program
from bot.domain.zones import zone_label
from bot.i18n import texts
from bot.importing import RoadmapImportError, import_file
from bot.importing.review import review

REVIEW_TEXTS = texts(html=False)

HELP = "прочитать дорожную карту (.docx, .xlsx, .txt) и показать или сохранить её как файл программы (YAML)"


def add_arguments(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("file", type=Path, help="файл дорожной карты")
    parser.add_argument("--period", help="период программы ГГГГ-ММ-ДД:ГГГГ-ММ-ДД, если в названии его нет")
    parser.add_argument("--timezone", help="часовой пояс IANA, например Asia/Yakutsk")
    parser.add_argument("--json", action="store_true", help="вывести результат одним JSON-объектом")
    parser.add_argument("--out", type=Path, help="записать файл программы (YAML) для проверки и python -m bot load")


def run(args: argparse.Namespace) -> int:
    try:
        period = Period.parse(args.period) if args.period else None
    except ValueError:
        print(f"Период «{args.period}» не понят. Пример: --period 2023-09-01:2024-08-31.", file=sys.stderr)
        return 2
    try:
        result = import_file(args.file, period=period, timezone=args.timezone)
    except RoadmapImportError as error:
        print(error.message, file=sys.stderr)
        return 1
    except ValueError as error:  # e.g. an unknown timezone
        print(f"Не удалось загрузить: {error}", file=sys.stderr)
        return 2
    for warning in result.warnings:
        print(f"Замечание: {warning.message}", file=sys.stderr)
    if args.out:
        args.out.parent.mkdir(parents=True, exist_ok=True)
        args.out.write_text(dump_program(result.program), encoding="utf-8")
        print(f"Записано: {args.out}", file=sys.stderr)
    if args.json:
        print(json.dumps(as_json(result), ensure_ascii=False, indent=2))
    elif not args.out:
        print(review_report(result))
    return 0


def as_json(result: ImportResult) -> dict[str, object]:
    program = result.program
    return {
        "program": {
            "title": program.title, "municipality": program.municipality, "timezone": program.timezone,
            "period": {"start": program.period.start.isoformat(), "end": program.period.end.isoformat()},
            "sections": [{"number": s.number, "title": s.title} for s in program.sections],
        },
        "activities": [
            {
                "number": a.number, "section": a.section, "title": a.title, "deadline": a.deadline.to_json_dict(),
                "responsible": [{"kind": p.kind.value, "name": p.name} for p in a.responsible],
                "result": a.result, "source_lines": list(a.source_lines) if a.source_lines else None,
            }
            for a in program.activities
        ],
        "warnings": [{"line": w.line, "message": w.message} for w in result.warnings],
        **({"text_parties": [{"kind": n.party.kind.value, "name": n.party.name, "reason": n.reason}
                             for n in program.text_parties]} if program.text_parties else {}),
        **({} if result.timezone_found else {"timezone_found": False}),
    }


def _deadline(d) -> str:  # type: ignore[no-untyped-def]
    due = ", ".join(x.strftime("%d.%m.%Y") for x in d.due[:6]) + (" …" if len(d.due) > 6 else "")
    span = f" [{d.start:%d.%m.%Y}–{d.end:%d.%m.%Y}]" if d.start and d.end and not due else ""
    return f"«{d.source}» → {d.kind.value}" + (f"; даты: {due}" if due else "") + span


def review_report(result: ImportResult) -> str:
    """What to check first (guessed deadlines, no responsible, odd parties, parties named only
    in the text), then every activity with its deadline as understood."""
    program = result.program
    report = review(result)
    zone = zone_label(program.timezone) + ("" if result.timezone_found else " — регион не распознан, укажите --timezone")
    lines = [
        f"Программа: {program.title}",
        f"Муниципалитет: {program.municipality or '—'}; часовой пояс: {zone} ({program.timezone})",
        f"Период: {program.period.start:%d.%m.%Y} – {program.period.end:%d.%m.%Y}",
        f"Разделов: {len(program.sections)}; мероприятий: {report.total}; сроки: понято {report.understood} "
        f"из {report.total}",
    ]
    where = lambda a: f"строки {a.source_lines[0]}–{a.source_lines[1]}" if a.source_lines else "строка ?"  # noqa: E731
    if report.to_check:
        lines += ["", f"Проверить сроки ({len(report.to_check)}):"]
        lines += [f"  • {a.number or '•'} ({where(a)}): {_deadline(a.deadline)} — {a.deadline.review_reason}"
                  for a in report.to_check]
    if report.without_parties:
        lines += ["", f"Без ответственных ({len(report.without_parties)}):"]
        lines += [f"  • {a.number or '•'} ({where(a)}) {a.title[:80]}" for a in report.without_parties]
    if report.odd_parties:
        lines += ["", f"Ответственные под вопросом ({len(report.odd_parties)}):"]
        lines += [f"  • {o.activity.number or '•'}: «{o.party.name}» — {REVIEW_TEXTS(o.reason)}" for o in report.odd_parties]
    if program.text_parties:
        lines += ["", "Названы только в тексте программы (будут предложены для приглашения):"]
        lines += [f"  • {named.party.name} ({named.party.kind.value}) — {named.reason}" for named in program.text_parties]
    lines.append("")
    section = object()
    for a in program.activities:
        if a.section != section:
            section = a.section
            lines.append(f"== {a.section or 'Без раздела'}")
        lines.append(f"{a.number or '•'} {a.title}")
        lines.append(f"    срок: {_deadline(a.deadline)}")
        if a.responsible:
            lines.append("    ответственные: " + "; ".join(f"{p.name} ({p.kind.value})" for p in a.responsible))
    return "\n".join(lines)
