# The coordinator adds a person or a role the roadmap's import missed (/addperson, «➕» under /invite).
add-party-button = ➕ Добавить человека или роль
add-party-ask = Как зовут человека или как называется роль?
    Например: «Петрова Анна Сергеевна» или «Заместитель директора по УВР». Отменить — /cancel.
add-party-too-long = Слишком длинно: не больше { $max } символов. Напишите имя или название роли короче.
add-party-not-a-name = Не удалось понять, кого добавить. Напишите имя человека («Петрова Анна Сергеевна») или название роли («Заместитель директора по УВР»).
add-party-organization = «{ $name }» похоже на название организации. Школу добавляет команда /addschool, а здесь — человек или роль.
add-party-several = Здесь несколько имён: { $names }. Добавьте их по одному.
add-party-understood = Понято так: { $name } — { $kind ->
        [person] человек
       *[role] роль
    }.
add-party-button-ok = Верно
add-party-button-role = Это роль
add-party-button-person = Это человек
add-party-scope-ask = Роль «{ $name }» есть в каждой школе или она одна на всю программу?
add-party-button-every-school = В каждой школе
add-party-button-one = Одна на программу
add-party-activities-ask = За какие мероприятия отвечает «{ $name }»? Напишите номера через запятую, например 2.1, 3.4, или «все» — или нажмите «Пока ни за какие».
add-party-button-no-activities = Пока ни за какие
add-party-unknown-numbers = Таких мероприятий в программе нет: { $numbers }.
add-party-no-numbers = Номера мероприятий не найдены. Напишите, например, 2.1, 3.4 — или нажмите «Пока ни за какие».
add-party-who-person = { $name } — человек
add-party-who-role-each = { $name } — роль в каждой школе
add-party-who-role-one = { $name } — роль, одна на программу
add-party-activities-none = пока ни за какие
add-party-confirm = Добавить в программу «{ $program }»?
    { $who }
    Мероприятия: { $activities }
add-party-button-save = ✅ Добавить
add-party-button-cancel = Отмена
add-party-cancelled = Ничего не добавлено.
add-party-saved = Добавлено: { $who }. Мероприятия: { $activities }.
add-party-shared-note = У мероприятий { $numbers } одна общая задача на программу, задач по школам нет: роль в каждой школе отвечает за эту общую задачу.
add-party-schools-note = У мероприятий { $numbers } только задачи по школам: «{ $name }» отвечает за задачи всех школ.
add-party-links-caption = Ссылки-приглашения для «{ $name }» по школам: { $count }. Каждая одноразовая, действует до { $until }. Кнопка каждой школы есть и в /invite.
add-party-no-schools = В программе нет участвующих школ, поэтому ссылок по школам пока нет: /schools, /addschool.
add-party-exists = «{ $name }» уже есть в программе, второй раз добавлять не нужно.
add-party-exists-link = Выдать ссылку-приглашение
add-party-exists-each = Это роль в каждой школе: ссылки по школам — в /invite.
add-party-exists-unlinked = «{ $name }» уже есть в программе, но пока ни за какое мероприятие не отвечает и пригласить по ней нельзя. Укажите мероприятия — и появится приглашение.
