"""Use cases the conversations call: each checks rights against the database, writes in
one transaction and returns a typed result the handler renders. No aiogram here."""
