# The review a coordinator sees before loading a roadmap (chat), issue 10.
review-header = <b>{ $title }</b>
    { $municipality }Период: { $period }. Часовой пояс: { $zone }{ $zone_note }.
    Мероприятий: { $activities }; сроки: понято { $understood } из { $activities }.
    Организаций: { $organizations }.
review-zone-unknown = {" "}— регион не распознан, выберите пояс кнопкой ниже
review-check-header = <b>Проверьте сроки</b> ({ $count }):
review-check-row = • { $number } { $title } — «{ $source }» → { $understood }{ $reason }
review-no-parties-header = <b>Без ответственных</b> ({ $count }):
review-no-parties-row = • { $number } { $title }
review-odd-header = <b>Ответственные под вопросом</b> ({ $count }):
review-odd-row = • { $number } «{ $name }» — { $reason }
review-text-parties-header = <b>Названы только в тексте программы</b> (будут в /invite):
review-text-party-row = • { $name } — { $reason }
review-warnings-header = <b>Замечания</b>:
review-warning-row = • { $text }
review-more = … и ещё { $count }.
review-all-header = <b>Все мероприятия</b> (стр. { $page } из { $pages }):
review-section = <i>{ $title }</i>
review-activity-row = { $number } { $title } — { $understood }{ $parties }
review-deadline-date = { $date }
review-deadline-period = { $start } – { $end }
review-deadline-recurring = { $count ->
    [one] { $count } срок
    [few] { $count } срока
   *[many] { $count } сроков
}: { $dates }
review-deadline-continuous = постоянно, { $start } – { $end }
review-deadline-unspecified = не понят
review-odd-long = слишком длинно для имени или должности
review-odd-digits = похоже на число или класс, а не на ответственного
review-odd-no-initials = фамилия без инициалов
review-button-all = 📋 Все мероприятия
review-button-summary = ↩️ К проверке
review-button-prev = ◀️
review-button-next = ▶️
review-zone-choose = Часовой пояс программы:
review-zone-set = Часовой пояс: { $zone }.
roadmap-period-question = В «{ $name }» не указан период программы — от него зависят все сроки. Выберите период:
roadmap-period-school-year = { $first }/{ $second } учебный год
roadmap-period-year = { $year } год
roadmap-period-range = { $start } – { $end }
roadmap-period-expired = Этот выбор устарел: пришлите файл ещё раз.
