"""The channel a person's messages go out on, the per-channel claims and the one-time links that
attach the other messenger (issue 14), below the end-to-end stories of test_e2e_max_delivery.py."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta

import pytest

from bot.services.channel_choice import Reach, choose, set_configured, set_preference
from bot.storage import Database
from bot.storage.channel_links import LinkOutcome, issue_link, redeem_link
from bot.storage.channels import ChannelRepository
from bot.storage.outbox import OutboxRepository
from bot.storage.people import PeopleRepository

NOW = datetime(2023, 9, 20, 1, 0, tzinfo=UTC)


def reach(**fields) -> Reach:
    base = dict(telegram=False, telegram_reaches=False, telegram_seen=None, max=False, max_reaches=False,
                max_seen=None, preferred=None)
    return Reach(**{**base, **fields})


def test_the_choice_follows_identities_preference_and_the_last_message():
    assert choose(reach(max=True, max_reaches=True)) == "max"  # only MAX: MAX
    assert choose(reach(telegram=True, telegram_reaches=True)) == "telegram"
    both = dict(telegram=True, telegram_reaches=True, max=True, max_reaches=True,
                telegram_seen="2023-09-20T01:00:00+00:00", max_seen="2023-09-20T01:10:00+00:00")
    assert choose(reach(**both)) == "max"  # where they last wrote
    assert choose(reach(**both, preferred="telegram")) == "telegram"
    assert choose(reach(**{**both, "max_reaches": False}, preferred="max")) == "telegram"  # blocked: the other
    assert choose(reach(**both), configured=("telegram",)) == "telegram"  # MAX not run here
    assert choose(reach(**{**both, "max_seen": both["telegram_seen"]})) == "telegram"  # a tie


@pytest.fixture
async def db(tmp_path):
    database = await Database.open(tmp_path / "bot.sqlite3")
    yield database
    await database.close()


async def test_each_channel_claims_and_releases_only_its_own_rows(db):
    people, outbox = PeopleRepository(db), OutboxRepository(db)
    on_telegram = await people.upsert_telegram(1, "Алла", None, now=NOW)
    on_max = await ChannelRepository(db).person_id_for("max", 77, display_name="Борис", username=None, chat_id=7077,
                                                       now=NOW)
    await outbox.enqueue("a", on_telegram.id, None, "unreachable", {}, not_before=NOW, now=NOW)
    await outbox.enqueue("b", on_max, None, "unreachable", {}, not_before=NOW, now=NOW)
    max_rows = await outbox.claim_due(NOW, channel="max")
    assert [r.key for r in max_rows] == ["b"] and max_rows[0].channel == "max"
    assert [r.key for r in await outbox.claim_due(NOW)] == ["a"]
    assert await outbox.release_stale(claimed_before=NOW + timedelta(minutes=2), channel="max") == 1
    assert [r.key for r in await outbox.claim_due(NOW, channel="max")] == ["b"]  # Telegram's claim untouched
    assert await outbox.reroute(max_rows[0].id, channel="telegram", error="403", now=NOW)
    assert not await outbox.reroute(max_rows[0].id, channel="max", error="403", now=NOW)  # once


async def test_a_preference_moves_the_rows_not_tried_yet(db):
    await set_configured(db, ("telegram", "max"), now=NOW)
    person = await PeopleRepository(db).upsert_telegram(1, "Алла", None, now=NOW)
    async with db.transaction() as conn:
        await conn.execute("""INSERT INTO person_channels (person_id, channel, external_user_id, chat_id, created_at,
                              last_seen_at) VALUES (?, 'max', '77', '7077', ?, ?)""",
                           (person.id, NOW.isoformat(), NOW.isoformat()))
    outbox = OutboxRepository(db)
    await outbox.enqueue("r", person.id, None, "unreachable", {}, not_before=NOW, now=NOW)
    await outbox.enqueue("s", person.id, None, "unreachable", {}, not_before=NOW, now=NOW)
    # MAX is where they last wrote (no Telegram message recorded yet)
    assert [r.key for r in await outbox.claim_due(NOW, 1, channel="max")] == ["r"]
    await set_preference(db, person.id, "telegram", now=NOW)
    assert [r.key for r in await outbox.claim_due(NOW, channel="telegram")] == ["s"]  # «r» was tried: stays


async def test_a_link_attaches_an_empty_account_once_and_expires(db):
    people, channels = PeopleRepository(db), ChannelRepository(db)
    alla = await people.upsert_telegram(1, "Алла", None, now=NOW)
    token = await issue_link(db, alla.id, "max", now=NOW)
    opener = await channels.person_id_for("max", 77, display_name="Алла", username=None, chat_id=7077, now=NOW)
    wrong = await redeem_link(db, token, channel="telegram", opener_person_id=opener, external_user_id=2, now=NOW)
    assert wrong.outcome is LinkOutcome.WRONG_CHANNEL
    linked = await redeem_link(db, token, channel="max", opener_person_id=opener, external_user_id=77, now=NOW)
    assert linked.outcome is LinkOutcome.LINKED and linked.person_id == alla.id
    assert [i.person_id for i in await channels.identities(alla.id)] == [alla.id]
    assert await people.get(opener) is None  # merged: one person, one row
    again = await redeem_link(db, token, channel="max", opener_person_id=alla.id, external_user_id=77, now=NOW)
    assert again.outcome is LinkOutcome.ALREADY
    other = await redeem_link(db, token, channel="max", opener_person_id=alla.id, external_user_id=78, now=NOW)
    assert other.outcome is LinkOutcome.USED
    late = await issue_link(db, alla.id, "max", now=NOW)
    expired = await redeem_link(db, late, channel="max", opener_person_id=alla.id, external_user_id=77,
                                now=NOW + timedelta(days=2))
    assert expired.outcome is LinkOutcome.EXPIRED
    assert (await redeem_link(db, "link_" + "x" * 32, channel="max", opener_person_id=alla.id,
                              external_user_id=77, now=NOW)).outcome is LinkOutcome.UNKNOWN


async def test_a_telegram_account_opened_on_a_max_first_person_is_merged(db):
    people, channels = PeopleRepository(db), ChannelRepository(db)
    boris = await channels.person_id_for("max", 77, display_name="Борис", username=None, chat_id=7077, now=NOW)
    token = await issue_link(db, boris, "telegram", now=NOW)
    opener = await people.upsert_telegram(5, "Борис", None, now=NOW)
    result = await redeem_link(db, token, channel="telegram", opener_person_id=opener.id, external_user_id=5, now=NOW)
    assert result.outcome is LinkOutcome.LINKED
    assert (await people.by_telegram(5)).id == boris  # type: ignore[union-attr]
