# The coordinator's summary (/summary and every Monday).
summary-title = <b>Сводка: { $program }</b>
summary-period = Период программы: { $start } – { $end }. Данные на { $today }.
summary-empty = В программе пока нет мероприятий с отчётностью.
summary-all-done = Все мероприятия выполнены — { $done }. Отличная работа!
# Each task is counted once (выполнено › просрочено › проблема › в работе › не начато): the five add up to the total.
summary-progress = <b>Ход работы</b> (всего { $total }):
    ✅ выполнено: { $done } из { $total } ({ $percent } %)
    ⏰ просрочено: { $overdue } из { $total }
    🔴 проблема: { $problem } из { $total }
    🟡 в работе: { $in_progress } из { $total }
    ⚪ не начато: { $not_started } из { $total }
summary-soon = 📅 Из невыполненных срок в ближайшие 14 дней: { $count }.
summary-organizations = <b>По организациям</b> (сдано / всего, просрочено):
summary-organization-line = • { $name }: { $done } / { $total }{ $overdue }
summary-organization-overdue = , просрочено { $count }
summary-organizations-more = … и ещё { $count ->
    [one] { $count } организация
    [few] { $count } организации
   *[many] { $count } организаций
} — в файле Excel.
summary-overdue = <b>Просрочено</b> (сначала самое давнее):
summary-overdue-more = … ещё { $count ->
    [one] { $count } мероприятие
    [few] { $count } мероприятия
   *[many] { $count } мероприятий
} — /overdue
overdue-group-line = • { $number } { $title } — { $deadlines }{ $schools }, с { $since }
overdue-group-deadlines = { $count ->
    [one] { $count } срок
    [few] { $count } срока
   *[many] { $count } сроков
}
overdue-group-schools = , { $count ->
    [one] { $count } школа
    [few] { $count } школы
   *[many] { $count } школ
}
summary-more = … и ещё { $count } (полный список — в файле Excel).
summary-nobody = никто не назначен
summary-list-more = … и ещё { $count } (полный список — в файле Excel).
summary-silent = <b>Молчат после напоминаний</b>:
summary-silent-line = • { $name }{ $organization } — { $count ->
    [one] { $count } напоминание
    [few] { $count } напоминания
   *[many] { $count } напоминаний
} без ответа
summary-evidence = <b>Документы за неделю</b>: { $count ->
    [0] не поступали
    [one] { $count } файл
    [few] { $count } файла
   *[many] { $count } файлов
}
summary-evidence-line = • { $name } — { $number } { $title }{ $organization }
summary-postponements = <b>Ждут решения о переносе</b>:
summary-postponement-line = • { $number } { $title }{ $organization }: { $person } просит { $date } вместо { $old }
summary-health-planner-never = ⚠️ Напоминания ещё ни разу не отправлялись — проверьте, работает ли бот.
summary-health-planner-hours = ⚠️ Напоминания не отправлялись { $count ->
    [one] { $count } час
    [few] { $count } часа
   *[many] { $count } часов
} — проверьте, работает ли бот.
summary-health-planner-days = ⚠️ Напоминания не отправлялись { $count ->
    [one] { $count } день
    [few] { $count } дня
   *[many] { $count } дней
} — проверьте, работает ли бот.
summary-health-outbox = ⚠️ { $count ->
    [one] { $count } сообщение ждёт
    [few] { $count } сообщения ждут
   *[many] { $count } сообщений ждут
} отправки дольше часа.
summary-health-unreachable = ⚠️ Сообщения не доходят (бот заблокирован): { $names }.
summary-health-unreachable-more = { " " }и ещё { $count }
summary-report-caption = Отчёт по программе «{ $program }» на { $today }.
reminder-header = <b>Напоминание</b>
reminder-line-start = ▶️ { $number } { $title }{ $organization } — начинается сегодня, срок { $date }
reminder-line-before_7 = 📅 { $number } { $title }{ $organization } — { $ahead } срок ({ $date })
reminder-line-before_1 = ⚠️ { $number } { $title }{ $organization } — { $ahead } срок ({ $date })
reminder-ahead = { $count ->
    [1] завтра
    [7] через неделю
    [one] через { $count } день
    [few] через { $count } дня
   *[many] через { $count } дней
}
reminder-line-due_today = ⏰ { $number } { $title }{ $organization } — сегодня срок ({ $date })
reminder-line-overdue = 🔴 { $number } { $title }{ $organization } — срок прошёл { $date }, просрочено на { $days }
reminder-line-check_in = 💬 Как продвигается «{ $number } { $title }»{ $organization }? Отметьте статус.
reminder-footer = Отметьте статус кнопками или пришлите документ.
reminder-open = Открыть { $number }
coordinator-overdue-header = <b>Просрочено на 3 рабочих дня и больше</b>:
coordinator-overdue-line = • { $number } { $title }{ $organization } (срок { $date }) — { $who }
unreachable-note = Не могу доставить сообщения участнику { $name }: он заблокировал бота или удалил аккаунт. Свяжитесь с ним напрямую.
export-empty = В программе «{ $program }» пока нет документов.
export-caption = Архив документов «{ $program }»: { $count ->
    [one] { $count } файл
    [few] { $count } файла
   *[many] { $count } файлов
}{ $missing }.
export-missing = , не найдено на диске: { $count }
reminder-line-due_ahead = ⏰ { $number } { $title }{ $organization } — срок { $date } приходится на выходной: сдайте сегодня
# «Все программы» in /summary: a short block per program, one message and one file.
summary-all-title = <b>Сводка по всем программам</b> ({ $count })
summary-all-block = <b>{ $program }</b>
    ✅ выполнено { $done } из { $total } ({ $percent } %) · ⏰ просрочено { $overdue } · 🔴 проблема { $problem } · 🟡 в работе { $in_progress } · 📎 документов за неделю: { $evidence }
summary-all-empty = <b>{ $program }</b>
    Мероприятий с отчётностью пока нет.
summary-all-more = … и ещё { $count ->
    [one] { $count } программа
    [few] { $count } программы
   *[many] { $count } программ
} — в файле Excel.
summary-all-hint = Подробная сводка по одной программе: /program — выбрать программу, затем /summary.
summary-all-caption = Отчёт по всем программам ({ $count }) на { $today }.
export-all-caption = Архив документов всех программ ({ $programs }): { $count ->
    [one] { $count } файл
    [few] { $count } файла
   *[many] { $count } файлов
}{ $missing }.
export-all-empty = В ваших программах пока нет документов.
