"""One conversation, several messengers (DESIGN.md «Next: one conversation, several messengers»).

Channel adapters (bot/handlers + bot/telegram for Telegram, bot/max for MAX) turn updates into
neutral events (`events.py`), call a conversation function with a `Turn` (who, services, clock,
texts, the person's conversation state) and carry out the neutral replies it returns
(`replies.py`) with their platform's API and limits. Nothing here imports aiogram or maxapi.
"""
