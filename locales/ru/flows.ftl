# Status changes, problems, postponements, files — the conversations around a card.
no-access = Нет доступа: это мероприятие не из ваших.
task-gone = Этого мероприятия больше нет в дорожной карте. Откройте свежий список: /tasks.
status-changed = Статус «{ $title }»: { $status }.
status-unchanged = Статус уже «{ $status }» — ничего не изменилось.
status-stale = Статус только что изменил другой участник. Откройте карточку заново.
ask-problem-comment = Опишите проблему одним сообщением — координатор получит его сразу. /cancel — отменить.
ask-done-comment = Почему без документа? Напишите коротко (например, «сдан на бумаге») — это попадёт в историю. /cancel — отменить.
problem-sent = Проблема записана, координатор уведомлён.
ask-attach = Пришлите документ или фото (можно несколько или альбомом) для «{ $title }». /cancel — отменить.
ask-attach-then-done = Пришлите документ ({ $result }) — после этого отмечу «Выполнено». Можно альбомом. /cancel — отменить.
ask-postpone-date = На какую дату перенести срок (сейчас { $date })? Напишите дату, например { $example }. /cancel — отменить.
postpone-after-program-end = ⚠️ { $date } — позже окончания программы ({ $end }). Запросить перенос можно — решит координатор.
ask-postpone-reason = Почему нужен перенос на { $date }? Одно сообщение — его увидит координатор.
postpone-bad-date = Не понял дату «{ $text }». Напишите, например, { $example }.
postpone-date_in_past = Эта дата уже прошла. Выберите дату в будущем.
postpone-not_later = Новая дата должна быть позже текущего срока ({ $date }).
postpone-already_pending = Запрос на перенос этого срока уже ждёт решения координатора.
postpone-already_done = Мероприятие уже выполнено — переносить нечего.
postpone-no_due_date = У этого мероприятия нет даты — переносить нечего.
postpone-reason_required = Напишите причину переноса одним сообщением.
postpone-requested = Запрос отправлен: перенос на { $date }. Координатор ответит здесь.
postpone-no-coordinator = Запрос записан, но у программы пока нет координатора в боте — передайте его лично.
postpone-approved-note = Координатор одобрил перенос «{ $title }» на { $date }.
postpone-rejected-note = Координатор отклонил перенос «{ $title }» на { $date }. Срок прежний: { $old }.
postpone-decided = { $approved ->
    [yes] Перенос одобрен: новый срок { $date }.
   *[no] Перенос отклонён.
}
postpone-already-decided = По этому запросу уже принято решение.
postpone-request-note = <b>Запрос на перенос срока</b>
    { $who }: «{ $title }»{ $organization }
    Сейчас: { $old } → просит: { $date }
    Причина: { $reason }
button-approve = ✅ Одобрить
button-reject = ❌ Отклонить
problem-note = <b>Проблема</b> — { $who }
    «{ $title }»{ $organization }
    { $comment }
flow-cancelled = Действие отменено.
flow-nothing-to-cancel = Нечего отменять. Ваши мероприятия — /tasks.
flow-expect-text = Жду текст одним сообщением. /cancel — отменить.
evidence-attached = Принято для «{ $title }»: { $count ->
    [one] { $count } файл
    [few] { $count } файла
   *[many] { $count } файлов
}.
evidence-duplicate = Этот файл уже прикреплён к «{ $title }».
evidence-which-task = Получено: { $count ->
    [one] { $count } файл
    [few] { $count } файла
   *[many] { $count } файлов
}. К какому мероприятию это относится?
evidence-no-tasks = Файл получен, но у вас нет открытых мероприятий, к которым его можно прикрепить. Попросите координатора прислать вам ссылку-приглашение.
evidence-refused-stranger = Извините, файлы принимаю только от участников программы — этот файл я не сохранил. Если вы участник, попросите координатора прислать вам ссылку-приглашение и откройте её.
evidence-refused-empty = Файл «{ $name }» пустой. Проверьте его и пришлите снова.
evidence-refused-too_big = Файл «{ $name }» больше 20 МБ — Telegram не даёт ботам скачивать такие файлы. Сожмите его (например, сохраните в PDF) или разделите на части и пришлите снова.
evidence-refused-executable = Файл «{ $name }» похож на программу — такие файлы не принимаю. Пришлите документ (PDF, Word, Excel) или фото.
evidence-refused-quota-files = Вы прислали уже { $limit } { $limit ->
    [one] файл
    [few] файла
   *[many] файлов
} за час — подождите немного: новые файлы смогу принять примерно через { $minutes } мин. Файл «{ $name }» я не сохранил, пришлите его потом снова.
evidence-refused-quota-bytes = За час я принимаю от одного человека файлов не больше чем на { $limit }, и вы уже близко к этому — подождите немного: файл «{ $name }» смогу принять примерно через { $minutes } мин. Сейчас я его не сохранил, пришлите его потом снова.
evidence-refused-quota-single = Файл «{ $name }» больше { $limit } — столько я принимаю от одного человека за целый час. Сожмите его (например, сохраните в PDF) или разделите на части и пришлите снова.
evidence-then-done = Документ получен — отмечаю «Выполнено».
