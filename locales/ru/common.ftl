# Common words and counters. Plural forms follow CLDR rules for Russian: one / few / many.
activities-count = { $count ->
    [one] { $count } мероприятие
    [few] { $count } мероприятия
   *[many] { $count } мероприятий
}
days-count = { $count ->
    [one] { $count } день
    [few] { $count } дня
   *[many] { $count } дней
}
page-of = стр. { $page } из { $pages }
free-text-pick-activity = Выберите мероприятие кнопкой в сообщении выше — к нему я прикреплю присланные файлы.
free-text-roadmap-decision = Нажмите «Загрузить» или «Отмена» под проверкой дорожной карты выше.
