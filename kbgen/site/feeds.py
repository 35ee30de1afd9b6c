"""Per-language notice feeds, for status pages, apps and bots: `<lang>/notices.xml` and `<lang>/notices.json`.

An Atom feed (RFC 4287) and a JSON Feed (1.1) with every notice that has
not ended when the site is built, in the language's own words (templates
filled in as on the pages). Each item carries its start and end, so a reader
can tell a current notice from an upcoming one. The output depends only on
the content and catalogs: a rebuild writes the same bytes.
"""

from __future__ import annotations

import json
import xml.etree.ElementTree as ET
from dataclasses import dataclass
from datetime import datetime
from pathlib import Path

from kbgen.config import Project
from kbgen.content.model import Content, Notice
from kbgen.fsutil import write_if_changed
from kbgen.i18n import theme
from kbgen.languages import Language
from kbgen.site import ui
from kbgen.site.links import Linker
from kbgen.site.notices import current_notices, notice_html, notice_text, notice_version, utc_iso

ATOM_NS = "http://www.w3.org/2005/Atom"
ATOM_FILE = "notices.xml"
JSON_FILE = "notices.json"
JSON_FEED_VERSION = "https://jsonfeed.org/version/1.1"
_EMPTY_FEED_UPDATED = "1970-01-01T00:00:00Z"


@dataclass(frozen=True)
class FeedItem:
    id: str
    url: str
    title: str
    html: str
    text: str
    notice: Notice
    label: str


def feed_items(project: Project, view: Content, lang: Language, now: datetime) -> list[FeedItem]:
    """The current and upcoming notices of `view` (the content as `lang` shows it)."""
    root = _language_root(project, lang)
    strings = ui.theme_strings(theme.translations(project.locales_dir, lang))
    linker = Linker(view)
    items = []
    for notice in current_notices(view, lang, now):
        label = strings[f"notice_{notice.kind}"]
        url = root + linker.url(f"article:{notice.link}") if notice.link else root
        items.append(
            FeedItem(
                f"{root}#notice-{notice.id}",
                url,
                f"{label}: {notice_text(view, notice, lang)}",
                notice_html(view, notice, lang, base=root),
                notice_text(view, notice, lang),
                notice,
                label,
            )
        )
    return items


def _language_root(project: Project, lang: Language) -> str:
    return (project.site_url or "/") + f"{lang.code}/"


def atom_feed(project: Project, lang: Language, items: list[FeedItem], title: str) -> str:
    """The Atom document; ElementTree escapes every text and attribute."""
    ET.register_namespace("", ATOM_NS)
    root_url = _language_root(project, lang)
    site_name = project.site_name
    feed = ET.Element(_atom("feed"), {"{http://www.w3.org/XML/1998/namespace}lang": lang.html})
    _text(feed, "id", root_url + ATOM_FILE)
    _text(feed, "title", f"{site_name}: {title}")
    _text(feed, "updated", max((utc_iso(i.notice.start) for i in items), default=_EMPTY_FEED_UPDATED))
    ET.SubElement(feed, _atom("link"), {"rel": "self", "type": "application/atom+xml", "href": root_url + ATOM_FILE})
    ET.SubElement(feed, _atom("link"), {"rel": "alternate", "type": "text/html", "href": root_url})
    _text(ET.SubElement(feed, _atom("author")), "name", site_name)
    for item in items:
        kind, severity = item.notice.kind, item.notice.severity
        assert kind is not None and severity is not None  # loading fills them in from the notice's template
        entry = ET.SubElement(feed, _atom("entry"))
        _text(entry, "id", item.id)
        _text(entry, "title", item.title)
        _text(entry, "published", utc_iso(item.notice.start))
        _text(entry, "updated", utc_iso(item.notice.start))
        ET.SubElement(entry, _atom("link"), {"rel": "alternate", "type": "text/html", "href": item.url})
        ET.SubElement(entry, _atom("category"), {"term": kind, "label": item.label})
        ET.SubElement(entry, _atom("category"), {"term": severity, "scheme": root_url + "notices#severity"})
        _text(entry, "summary", f"{utc_iso(item.notice.start)} / {utc_iso(item.notice.end)}")
        _text(entry, "content", item.html, type="html")
    ET.indent(feed)
    return '<?xml version="1.0" encoding="utf-8"?>\n' + ET.tostring(feed, encoding="unicode") + "\n"


def _atom(name: str) -> str:
    return f"{{{ATOM_NS}}}{name}"


def _text(parent: ET.Element, name: str, text: str, **attributes: str) -> ET.Element:
    element = ET.SubElement(parent, _atom(name), attributes)
    element.text = text
    return element


def json_feed(project: Project, lang: Language, items: list[FeedItem], title: str) -> str:
    """The JSON Feed 1.1 document; `_kbgen` holds what a status page needs (window, severity)."""
    root_url = _language_root(project, lang)
    site_name = project.site_name
    feed = {
        "version": JSON_FEED_VERSION,
        "title": f"{site_name}: {title}",
        "home_page_url": root_url,
        "feed_url": root_url + JSON_FILE,
        "language": lang.html,
        "authors": [{"name": site_name}],
        "items": [
            {
                "id": item.id,
                "url": item.url,
                "title": item.title,
                "content_html": item.html,
                "content_text": item.text,
                "date_published": utc_iso(item.notice.start),
                "tags": [item.notice.kind, item.notice.severity],
                "_kbgen": {
                    "kind": item.notice.kind,
                    "severity": item.notice.severity,
                    "start": utc_iso(item.notice.start),
                    "end": utc_iso(item.notice.end),
                    "version": notice_version(item.notice),
                },
            }
            for item in items
        ],
    }
    return json.dumps(feed, ensure_ascii=False, indent=2) + "\n"


def write_feeds(project: Project, view: Content, lang: Language, now: datetime, folder: Path) -> bool:
    """Both feeds of a language into its built site `folder`; return whether a file changed."""
    title = ui.theme_strings(theme.translations(project.locales_dir, lang))["notices_feed"]
    items = feed_items(project, view, lang, now)
    changed = write_if_changed(folder / ATOM_FILE, atom_feed(project, lang, items, title), durable=False)
    return write_if_changed(folder / JSON_FILE, json_feed(project, lang, items, title), durable=False) or changed
