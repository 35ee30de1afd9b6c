"""Notices as the theme and the feeds show them, in one language.

A page carries every notice that has not ended when it is built; the
browser shows only those whose start has come and whose end has not, so a
page built yesterday shows tonight's maintenance notice on time (kbgen.js).

A notice from a template uses the template's translated text, with its
parameters filled in per language: times written with Babel for the
language (in UTC, as `<time>` elements the browser rewrites in the reader's
own time zone) and the expected delay written out ("2 Stunden").
"""

from __future__ import annotations

import hashlib
import html
import re
from datetime import UTC, datetime, timedelta
from functools import lru_cache

import nh3
from babel import Locale
from babel.dates import format_skeleton, format_timedelta
from markdown_it import MarkdownIt

from kbgen.content.model import Content, Notice, parse_duration
from kbgen.languages import Language
from kbgen.site.links import Linker

# Links in a notice are written relative to the language root; the theme
# prefixes this marker with the page's base URL, since the banner is on every page.
BASE_MARKER = "kbgen-base:"
SEVERITY_RANK = {"info": 1, "warning": 2, "critical": 3}
_PLACEHOLDER = re.compile(r"\{([A-Za-z_]\w*)\}")


@lru_cache(maxsize=1)
def _inline() -> MarkdownIt:
    return MarkdownIt("commonmark", {"html": False})


def utc_iso(moment: datetime) -> str:
    """2026-12-10T01:00:00Z: the form every browser's Date.parse reads."""
    return moment.astimezone(UTC).strftime("%Y-%m-%dT%H:%M:%SZ")


def format_time(moment: datetime, lang: Language) -> str:
    """A date and time in UTC as the language writes it: "10. Dez. 2026, 01:00 UTC"."""
    utc = moment.astimezone(UTC)
    locale = Locale.parse(lang.babel)
    date_text = format_skeleton("yMMMd", utc, tzinfo=UTC, locale=locale)
    time_text = format_skeleton("Hm", utc, tzinfo=UTC, locale=locale)
    return locale.datetime_formats["medium"].format(time_text, date_text) + " UTC"


def format_delay(delay: timedelta, lang: Language) -> str:
    """A duration in its largest whole unit, as the language writes it: 90 minutes, 2 Stunden, 1 日."""
    minutes = int(delay.total_seconds() // 60)
    value = minutes // 1440 if minutes % 1440 == 0 else minutes // 60 if minutes % 60 == 0 else minutes
    return format_timedelta(delay, threshold=max(value, 1), locale=lang.babel)


def _values(notice: Notice, lang: Language) -> dict[str, str]:
    """Each placeholder's HTML: parameters escaped, times as `<time>` the browser can localize."""
    values = {name: value for name, value in notice.params.model_dump().items() if value is not None}
    if notice.params.delay is not None:
        values["delay"] = format_delay(parse_duration(notice.params.delay), lang)
    values = {name: html.escape(value) for name, value in values.items()}
    for name in ("start", "end"):
        moment: datetime = getattr(notice, name)
        text = html.escape(format_time(moment, lang))
        values[name] = f'<time datetime="{utc_iso(moment)}" title="{text}">{text}</time>'
    return values


def notice_source(content: Content, notice: Notice) -> str:
    """The notice's Markdown in the content's language: its own text or its template's."""
    if notice.template is not None:
        return content.notice_templates[notice.template].text
    return notice.text or ""


def notice_html(content: Content, notice: Notice, lang: Language, base: str = BASE_MARKER) -> str:
    """The notice as inline HTML: Markdown rendered safely, then the template's values filled in.

    Values go in after rendering, escaped, so a parameter can never become markup.
    """
    linker = Linker(content)
    text = linker.rewrite("index.md", notice_source(content, notice), to_url=lambda ref: base + linker.url(ref))
    rendered = _inline().renderInline(text)
    if notice.template is None:
        return rendered
    values = _values(notice, lang)
    return _PLACEHOLDER.sub(lambda m: values.get(m.group(1), m.group(0)), rendered)


def notice_text(content: Content, notice: Notice, lang: Language) -> str:
    """The notice as plain text (for feed titles and apps): the HTML without its tags."""
    plain = html.unescape(nh3.clean(notice_html(content, notice, lang), tags=set()))
    return re.sub(r"\s+", " ", plain).strip()


def notice_version(notice: Notice) -> str:
    """Changes when the notice does, so an edited notice shows again after a reader dismissed it."""
    return hashlib.sha1(notice.model_dump_json().encode()).hexdigest()[:8]


def current_notices(content: Content, lang: Language, now: datetime) -> list[Notice]:
    """The notices `lang` shows that have not ended at `now`, most severe first, then newest."""
    found = [n for n in content.notices.values() if n.end > now and (not n.languages or lang.code in n.languages)]
    return sorted(found, key=lambda n: (-SEVERITY_RANK[n.severity or "info"], -n.start.timestamp(), n.id))


def notice_entries(content: Content, lang: Language, now: datetime, strings: dict[str, str]) -> list[dict]:
    """What the theme needs for each notice not yet ended (the browser decides which are current)."""
    entries = []
    for notice in current_notices(content, lang, now):
        body = notice_html(content, notice, lang)
        entry = {
            "id": notice.id,
            "version": notice_version(notice),
            "kind": notice.kind,
            "label": strings[f"notice_{notice.kind}"],
            "severity": notice.severity,
            "rank": SEVERITY_RANK[notice.severity or "info"],
            "html": body,
            "start": utc_iso(notice.start),
            "end": utc_iso(notice.end),
            "upcoming": notice.start > now,  # hidden until the browser sees its start has come
        }
        if notice.link and "<a " not in body:  # no second link when the text has one
            entry["link"] = BASE_MARKER + Linker(content).url(f"article:{notice.link}")
        entries.append(entry)
    return entries
