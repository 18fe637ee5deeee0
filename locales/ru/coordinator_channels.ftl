# Issue 14: the coordinator's features on several messengers.
# One line of «invite-link» per configured messenger: «Telegram: https://t.me/…», «MAX: https://max.ru/…».
invite-link-channel = { $channel }: { $link }
# /people when someone uses MAX: each joined person's messengers after their name.
people-channels = { $name } · { $channels }
# The invites workbook when MAX is configured: a column per messenger.
invite-file-column = Ссылка { $channel }
