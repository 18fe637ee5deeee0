# The coordinator's controls: programs, people, invites, an activity's card, overdue.
not-coordinator = Эта команда для координатора программы. Если вы координатор, попросите у администратора ссылку-приглашение координатора.
programs-empty = Программ пока нет. Пришлите файл дорожной карты (.xlsx, .docx или .txt) — я её прочитаю.
programs-header = <b>Ваши программы</b>
programs-line = • { $title } ({ $period }, { $timezone }): { $activities }
pick-program = Выберите программу:
people-header = <b>Участники: { $program }</b>
people-joined = ✅ { $name }{ $roles }
people-coordinator = 👤 { $name } — координатор
people-unreachable = ⛔ { $name }{ $roles } — бот заблокирован
people-not-joined = ⏳ { $label } — ещё не в боте
people-group-program = <b>Вся программа</b>
people-group-school = <b>{ $school }</b>
people-count = Подключились: { $joined } из { $total }
people-invite-hint = Ссылки-приглашения: /invite
invite-header = <b>Приглашения: { $program }</b>
    Выберите, кому выдать личную ссылку. Новая ссылка заменяет прежнюю неиспользованную.
invite-joined-ask = «{ $label }» уже в боте: { $holders }.
    Новая ссылка нужна, если человек сменил телефон или это место передают другому. Подключение по ней вы подтвердите отдельно: оставить обоих, заменить прежний аккаунт или отклонить.
invite-joined-issue = Выпустить новую ссылку
invite-all = Все ссылки одним файлом (.xlsx)
invite-link = Ссылка для «{ $label }» (действует до { $until }, одноразовая):
    { $link }
    Перешлите её этому человеку.
invite-file-connected = подключены
invite-file-connected-skipped = { $count ->
    [one] Для { $count } уже подключённой записи ссылка не выпускалась: новая заменила бы прежнюю.
   *[other] Для { $count } уже подключённых записей ссылки не выпускались: новые заменили бы прежние.
}
invite-file-connected-too = Выпустить ссылки и для подключённых
invite-file-caption = Личные ссылки-приглашения: { $count }. Каждая одноразовая, действует до { $until }.
invite-nothing = В программе нет ответственных, которых можно пригласить.
activity-usage = Напишите номер мероприятия: /activity 1.2
activity-not-found = Мероприятие «{ $number }» не найдено в ваших программах.
activity-header = <b>{ $number } { $title }</b>
    Программа: { $program }
    Срок: { $schedule }
    Ожидаемый результат: { $result }
activity-task-line = { $icon } { $organization }{ $due } — { $status }; файлов: { $files }; { $assignees }
activity-progress = Сдали: { $done } из { $total }
activity-nobody = никто не подключился
overdue-none = Просроченных мероприятий нет.
overdue-header = <b>Просрочено: { $activities }</b> ({ $deadlines }), сначала самое давнее:
overdue-program = Программа: { $program }
overdue-hint = Нажмите на мероприятие — покажу школы и даты.
overdue-more = … и ещё { $count }.
roadmap-review = <b>{ $title }</b>
    { $municipality }Период: { $period }, часовой пояс { $timezone }.
    Мероприятий: { $activities }; сроки поняты у { $understood }, проверить: { $review }.
    Организаций: { $organizations }.
roadmap-review-rows = Сроки проверить:
roadmap-review-row = • { $number } { $title } — «{ $deadline }»
roadmap-review-more = … и ещё { $count }.
roadmap-warnings = Замечания:
roadmap-warning = • { $text }
roadmap-load = ✅ Загрузить
roadmap-cancel = Отмена
roadmap-loaded = Программа «{ $title }» загружена: { $activities }. Пригласите участников: /invite.
roadmap-updated = Программа «{ $title }» обновлена; отметки и документы сохранены.
roadmap-cancelled = Загрузка отменена, ничего не сохранено.
roadmap-failed = Не получилось прочитать «{ $name }»: { $reason }
    Ничего не сохранено. Шаблон дорожной карты: /template.
roadmap-template-caption = Шаблон дорожной карты: заполните таблицу (номер, мероприятие, сроки, ответственные, результат) и пришлите файл мне.
activity-button-fix = ✏️ Исправить срок
activity-button-assign = 👤 Назначить ответственного
fix-ask = Срок сейчас: «{ $current }». Напишите срок так, как его надо понимать, например «До 15.10.2023», «Ежемесячно», «Март – май 2024». /cancel — отменить.
fix-done = Срок «{ $title }» теперь: { $understood }. Напоминания пересчитаются.
fix-unreadable = Срок «{ $text }» не удалось понять. Попробуйте иначе, например «До 15.10.2023». /cancel — отменить.
assign-pick = Кому поручить «{ $title }»?
assign-parties = Вернуть ответственных по дорожной карте
assign-none = В программе пока никто не подключился. Пригласите участников: /invite.
assign-done = «{ $title }» теперь поручено: { $name }.
assign-reset = «{ $title }»: ответственные снова по дорожной карте.
schools-header = <b>Школы программы «{ $program }»</b>
    Нажмите, чтобы включить или исключить школу. Добавить: /addschool Название.
schools-toggled = { $participating ->
    [yes] { $name } участвует.
   *[no] { $name } исключена (её отметки и файлы сохранены).
}
addschool-usage = Напишите название: /addschool МОАУ СОШ № 7
addschool-done = Школа «{ $name }» добавлена в программу «{ $program }».
policy-show = <b>Напоминания: { $program }</b> (№ { $id })
    • до срока: за { $before } дн. и { $on_due }
    • после срока: каждые { $every } раб. дня, не больше { $max } раз
    • координатору — через { $coordinator } раб. дня просрочки
    • постоянные мероприятия: { $checkin }; начало периода: { $start }
    • время отправки: { $time } по местному времени, только в рабочие дни
policy-on-due = в день срока
policy-no-on-due = без напоминания в день срока
policy-yes = да
policy-no = нет
policy-usage = Изменить: кнопками выше или текстом: /reminders за=7,1 повтор=3 максимум=5 координатору=3 время=09:00 опрос=да старт=да всрок=да напоминания=да (и программа=№, если у вас их несколько).
policy-bad = Не понял «{ $fragment }». { $usage }
policy-saved = Сохранено. Напоминания пересчитаются в ближайшие минуты.
policy-off = ⏸ Напоминания выключены: участники и координаторы программы их не получают (еженедельная сводка по-прежнему приходит).
policy-buttons = Кнопки: за сколько дней до срока напоминать (можно выбрать несколько), как часто повторять после срока (в рабочих днях), включить или выключить напоминания.
policy-button-lead = за { $days } { $days ->
    [one] день
    [few] дня
   *[many] дней
}
policy-button-repeat = ↻ { $every } раб. { $every ->
    [one] день
    [few] дня
   *[many] дней
}
policy-button-off = ⏸ Выключить напоминания
policy-button-on = ▶️ Включить напоминания
policy-keep-one-lead = Оставьте хотя бы одно напоминание до срока. Чтобы выключить напоминания совсем, нажмите «Выключить напоминания».
policy-saved-short = Сохранено
# Issue 12 «Many programs»: the coordinator's current program.
pick-program-remember = Какая программа? Я запомню выбор — следующие команды будут о ней. Сменить: /program.
pick-program-current = Сейчас выбрана программа: { $program }. Выберите программу:
program-all = 📚 Все программы
program-switch = 🔁 Сменить программу
program-picked = Программа: { $program }. Следующие команды — о ней; сменить: /program.
program-picked-short = Программа выбрана
program-all-picked = Все программы.
program-only = У вас одна программа: { $program }.
current-program-line = Программа: { $program } · сменить: /program
activity-not-found-in = Мероприятие «{ $number }» не найдено в программе «{ $program }».
