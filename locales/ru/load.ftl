# python -m bot load: what happened to the database, for the coordinator's console.
due-dates-count = { $count ->
    [one] { $count } срок
    [few] { $count } срока
   *[many] { $count } сроков
}
load-created = Программа «{ $title }» загружена: { $activities }, { $due_dates }.
load-unchanged = Программа «{ $title }» уже загружена, изменений нет.
load-updated = Программа «{ $title }» обновлена: +{ $added }, −{ $removed }, изменено { $changed }.
load-updated-order-only = Программа «{ $title }» обновлена: изменились только служебные данные (порядок мероприятий, строки документа).
load-updated-due-dates = Сроки: +{ $added }, −{ $removed }.
load-updated-organizations = Организации: +{ $added }, −{ $removed }.
load-updated-fields = Изменены: { $fields }.
load-totals = Теперь в программе { $activities }, { $due_dates }.
load-organizations = Участвуют организации: { $count }.
load-needs-review = Сроки стоит проверить: { $activities } ({ $numbers }).
load-unnumbered = без номера
load-storage-failed = Не удалось сохранить программу в базу { $path }: { $error }. База данных не изменена.
load-field-title = название
load-field-municipality = муниципалитет
load-field-period = период
load-field-timezone = часовой пояс
load-field-source = источник
load-field-composed = способ составления
load-field-sections = разделы
load-identity = Номер программы: { $id }, идентификатор: { $slug }. Пример: python -m bot summary --program { $slug } --out сводка.xlsx
