from datetime import time

import pytest

from bot.domain.reminders import ReminderPolicy
from bot.services.errors import InvalidInput
from bot.services.policy import parse_changes


def test_changes_are_read_in_russian():
    policy, program = parse_changes("за=7,3,1 повтор=2 максимум=4 время=10:30 опрос=нет программа=3", ReminderPolicy())
    assert policy.before_days == (7, 3, 1) and policy.overdue_every_working_days == 2 and policy.overdue_max == 4
    assert policy.send_at == time(10, 30) and not policy.continuous_check_in and program == 3


@pytest.mark.parametrize("text", ["за=0", "время=23:00", "повтор=много", "опрос=может", "цвет=синий", ""])
def test_bad_changes_are_refused(text):
    with pytest.raises(InvalidInput):
        parse_changes(text, ReminderPolicy())
