"""A contact channel's staffed hours: in UTC on the page, in the reader's time zone once kbgen.js runs.

The page carries the schedule as data (`data-kb-days`, `data-kb-opens`,
`data-kb-closes`, UTC) and as text in the page's language with `<time>`
elements, which is what readers without JavaScript see. kbgen.js rewrites
the text with `Intl.DateTimeFormat` in the reader's time zone, after the
pattern in `data-kb-local` (a UI string of the theme catalog).
"""

from __future__ import annotations

from html import escape

from babel.dates import get_day_names
from babel.lists import format_list

from kbgen.content.model import WEEKDAYS, Schedule
from kbgen.languages import Language
from kbgen.site.safety import plain_text_markdown


def day_names(days: list[int], names: list[str], lang: Language) -> str:
    """Monday-based day numbers as a range ("Mon–Fri") when three or more follow each other, else a list."""
    following = all((b - a) % 7 == 1 for a, b in zip(days, days[1:], strict=False))
    if len(days) >= 3 and following:
        return f"{names[days[0]]}–{names[days[-1]]}"
    return format_list([names[d] for d in days], locale=lang.babel)


def schedule_html(schedule: Schedule, lang: Language, utc_pattern: str, local_pattern: str) -> str:
    """The schedule as inline HTML for a Markdown page: UTC text with `<time>`s, and the data kbgen.js reads.

    Both patterns name `{days}`, `{opens}` and `{closes}`; `local_pattern` also
    `{zone}` (the reader's time zone, filled in by the browser).
    """
    names = get_day_names("abbreviated", locale=lang.babel)
    numbers = [WEEKDAYS.index(day) for day in schedule.days]
    parts = {
        "{days}": plain_text_markdown(day_names(numbers, [names[i] for i in range(7)], lang)),
        "{opens}": f'<time datetime="{schedule.opens}">{schedule.opens}</time>',
        "{closes}": f'<time datetime="{schedule.closes}">{schedule.closes}</time>',
    }
    text = plain_text_markdown(utc_pattern)
    for placeholder, value in parts.items():  # each once: a pattern is a UI string, QA keeps its placeholders
        text = text.replace(plain_text_markdown(placeholder), value, 1)
    data = {
        "days": ",".join(str(n + 1) for n in numbers),  # ISO weekdays: 1 is Monday
        "opens": schedule.opens,
        "closes": schedule.closes,
        "local": local_pattern,
    }
    attributes = " ".join(f'data-kb-{name}="{escape(value, quote=True)}"' for name, value in data.items())
    return f'<span class="kb-hours" {attributes}>{text}</span>'
