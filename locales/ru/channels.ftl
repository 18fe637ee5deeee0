# /channels: where reminders go (issue 14), and linking the other messenger.
channels-title = <b>Куда присылать напоминания</b>
channels-now = Сейчас: { $where }.
channels-where-telegram = в Telegram
channels-where-max = в MAX
channels-where-last = туда, где вы писали последним ({ $where })
channels-accounts = Подключено: { $list }.
channels-account-telegram = Telegram
channels-account-max = MAX
channels-none = пока ни одного мессенджера
channels-only-one = Чтобы получать напоминания в другом мессенджере, подключите его кнопкой ниже: откройте ссылку там, и это будет тот же ваш профиль.
channels-button-telegram = Telegram
channels-button-max = MAX
channels-button-last = Где я писал последним
channels-button-link-max = Подключить MAX
channels-button-link-telegram = Подключить Telegram
channels-chosen = ✓ { $label }
channels-saved = Сохранено.
channels-not-linked = Сначала подключите { $name }: кнопка «Подключить { $name }».
channels-link = Откройте эту ссылку в { $name } — она одноразовая и действует сутки:
    { $url }
channels-link-manual = Откройте бота в { $name } и отправьте ему команду:
    <code>/start { $token }</code>
    Команда одноразовая и действует сутки.
channels-linked = Готово: { $name } подключён к вашему профилю. Напоминания приходят { $where }; изменить — /channels.
channels-link-already = Этот аккаунт уже подключён к вашему профилю. Куда приходят напоминания — /channels.
channels-link-unknown = Ссылка для подключения не найдена. Получите новую командой /channels.
channels-link-used = Эта ссылка уже использована. Получите новую командой /channels.
channels-link-expired = Срок действия ссылки истёк. Получите новую командой /channels.
channels-link-wrong-channel = Эту ссылку нужно открыть в другом мессенджере. Получите новую командой /channels.
channels-link-bound = Не могу объединить: за этим аккаунтом уже закреплены мероприятия или программы. Один человек — один профиль: попросите координатора отключить этот аккаунт, и откройте ссылку снова.
channels-link-taken = К вашему профилю уже подключён другой аккаунт этого мессенджера. Если он больше не ваш, напишите координатору.
