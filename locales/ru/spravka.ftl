# The справка (.docx, bot/reports/spravka.py), the progress charts (bot/reports/charts.py)
# and their buttons in /summary.

## The document
spravka-department = Муниципальный орган управления образованием
spravka-title = СПРАВКА
spravka-subtitle = о ходе реализации дорожной карты
spravka-program = «{ $program }»
spravka-municipality = ({ $municipality })
spravka-period-quarter = за { $quarter } квартал { $year } года
spravka-period-half = за { $half } полугодие { $year } года
spravka-period-year = за { $year } год
spravka-period-dates = за период с { $start } по { $end }
spravka-as-of = по состоянию на { $date } г.
spravka-letter = № ____________ от «___» ______________ 20___ г.
spravka-summary-heading = 1. Общие сведения
# «Из 40 мероприятий …, запланированных на отчётный период, выполнено 31 (78 %), выполняется 5, не выполнено 4»
spravka-summary = Из { $total } { $total ->
    [one] мероприятия дорожной карты, запланированного
   *[other] мероприятий дорожной карты, запланированных
} на отчётный период, выполнено { $done } ({ $percent } %), выполняется { $in_progress }, не выполнено { $not_done }{ $postponed }.
spravka-summary-postponed = ; по { $count } { $count ->
    [one] мероприятию срок перенесён
   *[other] мероприятиям сроки перенесены
} с согласия координатора
spravka-summary-empty = На отчётный период мероприятий дорожной карты не запланировано.
# The same five counts as the summary (/summary) and the «Сводка» sheet of the Excel report.
spravka-units = Единиц отчётности (мероприятие в одной образовательной организации к одному сроку) — { $total }: выполнено { $done }, просрочено { $overdue }, с проблемой { $problem }, в работе { $in_progress }, не начато { $not_started }.
spravka-charts-heading = 2. Ход выполнения в диаграммах
spravka-chart-schools = Рисунок 1. Выполнение по образовательным организациям
spravka-chart-months = Рисунок 2. Запланировано и выполнено нарастающим итогом по месяцам
spravka-sections-heading = 3. Выполнение мероприятий дорожной карты
spravka-section = Раздел { $number }. { $title }
spravka-section-unnumbered = { $title }
spravka-section-none = Мероприятия вне разделов
spravka-col-number = № п/п
spravka-col-activity = Мероприятие
spravka-col-due = Срок
spravka-col-responsible = Ответственные
spravka-col-result = Результат
spravka-col-files = Подтверждающие документы
spravka-col-note = Примечание
spravka-result-schools = выполнено в { $done } из { $total } ОО
spravka-result-occurrences = (сроков выполнено { $done } из { $total })
spravka-result-overdue-schools = ; просрочено в { $count } ОО
spravka-result-done = выполнено
spravka-result-in-progress = выполняется
spravka-result-not-done = не выполнено
spravka-file = { $name } ({ $date })
spravka-files-more = и ещё { $count ->
    [one] { $count } файл
    [few] { $count } файла
   *[many] { $count } файлов
}
spravka-note-postponed = срок перенесён на { $new } (было { $old }){ $where }: { $reason }
spravka-note-problem = проблема{ $where }: { $comment }
spravka-note-more = и ещё { $count }
spravka-where = { " " }— { $organization }
spravka-lists-heading = 4. Сведения для органа управления образованием
spravka-overdue-heading = 4.1. Мероприятия, не выполненные в срок, и причины
spravka-overdue-line = { $number } { $title } — срок { $due }{ $schools }; причина: { $reason }
spravka-overdue-schools = , не выполнено в { $count } ОО
spravka-reason-none = не указана
spravka-overdue-none = Мероприятий, не выполненных в срок, нет.
spravka-behind-heading = 4.2. Образовательные организации, отстающие от графика
spravka-behind-line = { $name } — просрочено { $overdue } из { $total }, выполнено { $done }
spravka-behind-none = Отстающих образовательных организаций нет.
spravka-evidence-heading = 4.3. Поступившие подтверждающие документы
spravka-evidence-line = { $date } — { $name } ({ $number } { $title }{ $organization })
spravka-evidence-none = За отчётный период документы не поступали.
spravka-list-more = … и ещё { $count } (полный список — в отчёте Excel и архиве документов /export).
spravka-signature = Координатор программы ______________ / { $name } /
spravka-signature-blank = ____________________
spravka-date = { $date } г.

## Charts (labels on the pictures)
chart-done = выполнено
chart-in-progress = в работе
chart-problem = проблема
chart-overdue = просрочено
chart-not-started = не начато
chart-others = остальные ({ $count } ОО)
chart-shared = общие мероприятия
chart-schools-title = Выполнение по ОО на { $today }
chart-schools-axis = доля единиц отчётности, %
chart-months-title = Запланировано и выполнено нарастающим итогом
chart-planned = запланировано
chart-actual = выполнено
chart-due-month = срок в месяце
chart-months-axis = единиц отчётности

## The chat
spravka-button = 📄 Справка (.docx)
chart-button = 📊 График
spravka-choose-period = Справка о ходе реализации «{ $program }»: за какой период?
spravka-period-q = Текущий квартал
spravka-period-lq = Прошлый квартал
spravka-period-h = Полугодие
spravka-period-y = Год
spravka-period-all = Вся программа
spravka-building = Готовлю справку…
spravka-caption = Справка о ходе реализации «{ $program }» { $period }, по состоянию на { $today }.
chart-caption = Выполнение по образовательным организациям: «{ $program }», на { $today }.
chart-empty = В программе «{ $program }» пока нет мероприятий — графику не из чего строиться.
