from bot.reports.split import split_message


def test_short_text_is_one_message():
    assert split_message("привет") == ["привет"]


def test_long_text_splits_at_lines_and_keeps_tags_balanced():
    text = "<b>Заголовок</b>\n" + "\n".join(f"• строка {i} <i>курсив</i>" for i in range(600))
    parts = split_message(text)
    assert len(parts) > 1 and all(len(p) <= 4096 for p in parts)
    assert "".join(p.replace("\n", "") for p in parts).count("строка") == 600
    for part in parts:
        assert part.count("<i>") == part.count("</i>")


def test_an_enormous_line_and_an_open_tag_across_the_cut():
    text = "<b>" + "слово " * 2000 + "</b>"
    parts = split_message(text)
    assert all(len(p) <= 4096 for p in parts)
    assert all(p.count("<b>") == p.count("</b>") for p in parts)
