"""`python -m bot COMMAND`: one module per command under bot/cli/.

Each command module exposes `HELP: str`, `add_arguments(parser)` and `run(args) -> int`.
Modules are imported lazily so that `parse-deadline` does not pay for aiogram's import.
"""

from __future__ import annotations

import argparse
import importlib
import sys

# command name -> module under bot.cli
COMMANDS: dict[str, str] = {
    "run": "run",
    "import": "import_roadmap",
    "parse-deadline": "parse_deadline",
    "load": "load",
    "invite": "invite",
    "summary": "summary",
    "report": "report",
    "export-evidence": "export_evidence",
}


def _available() -> dict[str, object]:
    modules = {}
    for name, module in COMMANDS.items():
        try:
            modules[name] = importlib.import_module(f"bot.cli.{module}")
        except ModuleNotFoundError as exc:
            if exc.name != f"bot.cli.{module}":
                raise
    return modules


def build_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(prog="python -m bot", description="Roadmap reminder bot")
    sub = parser.add_subparsers(dest="command", required=True, metavar="COMMAND")
    for name, module in _available().items():
        cmd = sub.add_parser(name, help=module.HELP, description=module.HELP)  # type: ignore[attr-defined]
        module.add_arguments(cmd)  # type: ignore[attr-defined]
        cmd.set_defaults(_run=module.run)  # type: ignore[attr-defined]
    return parser


def main(argv: list[str] | None = None) -> int:
    # Russian text must print on any console, including a CI pipe with a C locale.
    for stream in (sys.stdout, sys.stderr):
        if hasattr(stream, "reconfigure"):
            stream.reconfigure(encoding="utf-8")
    args = build_parser().parse_args(argv)
    return int(args._run(args) or 0)
