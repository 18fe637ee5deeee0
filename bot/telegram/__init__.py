"""aiogram plumbing that is not a feature: FSM storage, middlewares, callback data."""
