"""The MAX adapter: a maxapi Dispatcher whose handlers turn MAX updates into bot/conversations
events and carry out the neutral replies with MAX's API and limits (sending.py)."""
