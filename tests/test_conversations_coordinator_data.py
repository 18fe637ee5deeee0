"""The coordinator's reading and deciding buttons (bot/conversations/coordinator_data.py) are the
strings aiogram's CallbackData factories pack, both ways; forged data parse to None. Also: MAX's
30 rows hold a long list's page (bot/max/sending.fit_rows) and /people names messengers only
when someone uses MAX."""

from __future__ import annotations

import pytest

from bot.conversations import coordinator_data as cd
from bot.conversations.replies import Button
from bot.keyboards import callbacks as cb
from bot.max.sending import BUTTONS_PER_ROW, ROWS_LIMIT, fit_rows

PAIRS = [
    (cd.PeoplePage(1, 0), cb.PeoplePage(program_id=1, page=0)),
    (cd.InvitePage(1, 3), cb.InvitePage(program_id=1, page=3)),
    (cd.OverduePage(2, 100000), cb.OverduePage(program_id=2, page=100000)),
    (cd.ActivityPage(1, 7, 2), cb.ActivityPage(program_id=1, activity_id=7, page=2)),
    (cd.ActivityOpen(1, 7), cb.ActivityOpen(program_id=1, activity_id=7)),
    (cd.InviteAll(1), cb.InviteAll(program_id=1)),
    (cd.InviteAll(1, True), cb.InviteAll(program_id=1, joined_too=True)),
    *[(cd.OldProgramPick(3, p.value), cb.ProgramPick(program_id=3, purpose=p)) for p in cb.PickPurpose],
    (cd.SpravkaAsk(5), cb.SpravkaAsk(program_id=5)),
    *[(cd.SpravkaBuild(5, period), cb.SpravkaBuild(program_id=5, period=period)) for period in cd.PERIODS],
    (cd.ChartSend(5), cb.ChartSend(program_id=5)),
    (cd.PostponeDecision(9, True), cb.PostponeDecision(postponement_id=9, approve=True)),
    (cd.PostponeDecision(9, False), cb.PostponeDecision(postponement_id=9, approve=False)),
    *[(cd.JoinDecision(4, d.value), cb.JoinDecision(request_id=4, decision=d)) for d in cb.JoinDecisionKind],
]


@pytest.mark.parametrize(("value", "factory"), PAIRS, ids=lambda v: type(v).__name__)
def test_the_strings_are_the_callback_data_packs(value, factory) -> None:
    assert cd.pack(value) == factory.pack()
    assert cd.unpack(factory.pack()) == value


@pytest.mark.parametrize("data", ["pl:0:0", "pl:1:-1", "pl:1:100001", "ap:1:2", "ao:1:x", "ia:1:2", "pp:1:zzz",
                                  "dp:1:d", "dx:", "pd:1:yes", "jd:1:maybe", "gp:99999999999999999999", "zz:1",
                                  "pl:1:0:0", ""])
def test_forged_data_parse_to_nothing(data: str) -> None:
    assert cd.unpack(data) is None


def test_a_long_page_fits_maxs_rows_with_every_button() -> None:
    page = tuple((Button(f"школа {i}", f"tc:{i}"),) for i in range(1, 88))
    board = ((Button("Исправить срок", "ac:1:fix"), Button("Назначить", "ac:1:asg")), *page,
             (Button("◀", "ap:1:1:0"), Button("стр. 2 из 3", "ap:1:1:1"), Button("▶", "ap:1:1:2")))
    fitted = fit_rows(board)
    assert len(fitted) <= ROWS_LIMIT and all(len(row) <= BUTTONS_PER_ROW for row in fitted)
    assert [b for row in fitted for b in row] == [b for row in board for b in row]  # nothing lost, same order
    assert fitted[0] == board[0] and fitted[-1] == board[-1]  # fixed rows and navigation stay whole
    short = tuple((Button(str(i), str(i)),) for i in range(5))
    assert fit_rows(short) == short


class _Db:  # a database stand-in: the bots' names are kept per database object
    pass


def _turn(bot_token: str | None, max_token: str | None):  # type: ignore[no-untyped-def]
    from types import SimpleNamespace

    return SimpleNamespace(settings=SimpleNamespace(bot_token=bot_token, max_bot_token=max_token),
                           services=SimpleNamespace(db=_Db()))


def test_invite_links_name_each_configured_messenger() -> None:
    from bot.conversations import links
    from bot.i18n import texts

    telegram_only = _turn("t", None)
    links.remember(telegram_only.services.db, telegram="roadmap_bot")
    assert links.invite_link_text(texts(), telegram_only, "tok") == "https://t.me/roadmap_bot?start=tok"  # as before

    both = _turn("t", "m")
    links.remember(both.services.db, telegram="roadmap_bot", max="roadmap_max_bot")
    assert links.invite_link_text(texts(), both, "tok").splitlines() == [
        "Telegram: https://t.me/roadmap_bot?start=tok", "MAX: https://max.ru/roadmap_max_bot?start=tok"]

    max_only = _turn(None, "m")
    links.remember(max_only.services.db, max="roadmap_max_bot")
    assert links.invite_links(max_only, "tok") == [("MAX", "https://max.ru/roadmap_max_bot?start=tok")]

    unnamed = _turn("t", "m")  # GET /me failed at start: the Telegram link alone
    assert [name for name, _ in links.invite_links(unnamed, "tok")] == ["Telegram"]


async def test_messenger_labels_only_once_someone_uses_max(tmp_path) -> None:
    from datetime import UTC, datetime

    from bot.storage import Database
    from bot.storage.channels import ChannelRepository
    from bot.storage.people import PeopleRepository
    from bot.storage.person_messengers import messenger_labels

    now = datetime(2023, 9, 20, tzinfo=UTC)
    db = await Database.open(tmp_path / "bot.sqlite3")
    try:
        on_telegram = await PeopleRepository(db).upsert_telegram(501, "Алла", None, now=now)
        assert await messenger_labels(db, [on_telegram.id]) == {}  # Telegram alone: lists stay as they were
        on_max = await ChannelRepository(db).person_id_for("max", 9001, display_name="Ирина", username=None,
                                                           chat_id=9001, now=now)
        assert await messenger_labels(db, [on_telegram.id, on_max]) == {on_telegram.id: "Telegram", on_max: "MAX"}
    finally:
        await db.close()
