# Task lists and cards: what a responsible person sees on the phone.
status-not_started = Не начато
status-in_progress = В работе
status-done = Выполнено
status-problem = Проблема
status-icon-not_started = ⚪
status-icon-in_progress = 🟡
status-icon-done = ✅
status-icon-problem = 🔴
status-icon-overdue = 🟥
deadline-due-date = до { $date }
deadline-recurring = { $schedule }; срок этого отчёта — { $date }
deadline-continuous = постоянно ({ $schedule })
deadline-continuous-until = постоянно ({ $schedule }), до { $date }
deadline-continuous-plain = постоянно, до { $date }
deadline-continuous-bare = постоянно
deadline-unspecified = срок не определён: «{ $schedule }»
deadline-no-text = срок не указан
deadline-postponed = перенесён с { $date }
relative-today = сегодня
relative-tomorrow = завтра
relative-in-days = через { $count ->
    [one] { $count } день
    [few] { $count } дня
   *[many] { $count } дней
}
relative-overdue = просрочено на { $count ->
    [one] { $count } день
    [few] { $count } дня
   *[many] { $count } дней
}
tasks-empty = У вас нет открытых мероприятий. Если это ошибка, попросите координатора прислать вам личную ссылку-приглашение.
tasks-header = Ваши мероприятия: { $count ->
    [one] { $count } открытое
    [few] { $count } открытых
   *[many] { $count } открытых
}. Страница { $page } из { $pages }.
tasks-line = { $icon } { $number } { $title } — { $deadline }
tasks-line-organization = { $icon } { $number } { $title } — { $deadline } · { $organization }
tasks-prev = ◀ Назад
tasks-next = Дальше ▶
card-title = <b>{ $number } { $title }</b>
card-program = Программа: { $program }
card-organization = Организация: { $organization }
card-deadline = Срок: { $deadline }
card-result = Ожидаемый результат: { $result }
card-status = Статус: { $icon } { $status }
card-files = Документы: { $count ->
    [0] нет
    [one] { $count } файл
    [few] { $count } файла
   *[many] { $count } файлов
}
card-progress = Сдали: { $done } из { $total } ОО
card-pending-postponement = Запрошен перенос на { $date } — ждёт решения координатора.
card-needs-document = Чтобы отметить «Выполнено», пришлите документ ({ $result }) или выберите «Без документа».
card-assignees = Ответственные: { $names }
card-no-assignees = Ответственные: никто ещё не подключился
button-done = ✅ Выполнено
button-in-progress = 🟡 В работе
button-problem = 🔴 Проблема
button-attach = 📎 Прикрепить документ
button-postpone = 📅 Перенести срок
button-done-without-document = Без документа
button-history = История
button-files = Файлы
button-back-to-list = ◀ К списку
history-empty = Статус ещё не менялся.
history-line = { $at }: { $who } — { $old } → { $new }{ $comment }
history-header = <b>История: { $number } { $title }</b>
files-empty = К этому мероприятию ещё не прикреплено файлов.
files-caption = { $name } — { $who }
files-caption-anonymous = { $name }
reopen-ask = «{ $title }» уже выполнено, файлов: { $files }. Вернуть в работу?
reopen-yes = ↩️ Вернуть в работу
reopen-no = Оставить выполненным
reopen-kept = Оставлено: выполнено.
reopen-confirm-below = Уже выполнено — подтвердите ниже.
