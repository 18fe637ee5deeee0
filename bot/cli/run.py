"""`python -m bot run`: the bot against Telegram, or the offline sandbox without a token."""

from __future__ import annotations

import argparse
import asyncio
import logging
import sys

from bot.config import Settings

HELP = "запустить бота (без BOT_TOKEN — офлайн-песочница)"


def add_arguments(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("--sandbox", action="store_true", help="песочница даже при заданном BOT_TOKEN")


def run(args: argparse.Namespace) -> int:
    settings = Settings()
    logging.basicConfig(level=settings.log_level, format="%(asctime)s %(levelname)s %(name)s: %(message)s")
    # APScheduler logs every run of every job at INFO: the planner and sender run every few seconds.
    logging.getLogger("apscheduler").setLevel(max(logging.WARNING, logging.getLogger().level))
    logging.getLogger("aiohttp.access").setLevel(logging.WARNING)
    if args.sandbox or not settings.bot_token:
        try:
            from bot.sandbox.run import run_sandbox
        except ModuleNotFoundError:
            print("BOT_TOKEN не задан, а офлайн-песочница ещё не собрана. Укажите BOT_TOKEN в .env.", file=sys.stderr)
            return 2
        asyncio.run(run_sandbox(settings))
        return 0
    from bot.app import run_bot

    asyncio.run(run_bot(settings))
    return 0
