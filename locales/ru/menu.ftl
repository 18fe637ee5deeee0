menu-start = Начать работу
menu-tasks = Мои мероприятия
menu-summary = Сводка по программе
menu-programs = Программы
menu-people = Участники
menu-help = Справка
menu-cancel = Отменить действие
