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
files-count = { $count ->
    [one] { $count } файл
    [few] { $count } файла
   *[many] { $count } файлов
}
rows-count = { $count ->
    [one] { $count } строка
    [few] { $count } строки
   *[many] { $count } строк
}
