"""Attacker payloads, as they are written in the wild, and where kbgen's inputs can carry them.

Each payload says which markup kbgen's plain-text check names first
(`refused_as`), or None when it is legitimate text (a quote, an apostrophe)
that must simply be printed safely wherever it lands. Every payload that
could run reports through `alert`, `console.log` or a request to
/kbxss-beacon, which the browser test watches.
"""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True)
class Payload:
    name: str
    text: str
    refused_as: str | None  # the first markup find_markup names, or None: allowed as text


PAYLOADS: tuple[Payload, ...] = (
    Payload("script-tag", "<script>alert(1)</script>", "an HTML tag '<script>'"),
    Payload("img-onerror", "<img src=x onerror=alert(2)>", "an HTML tag '<img src=x onerror=alert(2)>'"),
    Payload("svg-onload", "<svg/onload=console.log('kbxss')>", "an HTML tag \"<svg/onload=console.log('kbxss')>\""),
    Payload("beacon-image", '<img src="/kbxss-beacon">', "an HTML tag '<img src=\"/kbxss-beacon\">'"),
    Payload("attribute-breakout", '" onmouseover="alert(3)" x="', None),
    Payload("single-quote-breakout", "' onfocus='alert(4)' autofocus x='", None),
    Payload("tag-breakout", '"><img src=x onerror=alert(5)>', "an HTML tag '<img src=x onerror=alert(5)>'"),
    Payload("javascript-url", "javascript:alert(6)", "a script URL 'javascript:'"),
    Payload("markdown-js-link", "[Verify](javascript:alert(7))", "a Markdown link '[Verify]('"),
    Payload(
        "data-url", "[Open](data:text/html;base64,PHNjcmlwdD5hbGVydCg4KTwvc2NyaXB0Pg==)", "a Markdown link '[Open]('"
    ),
    Payload("vbscript-url", "vbscript:msgbox(9)", "a script URL 'vbscript:'"),
    Payload("entity-encoded-tag", "&lt;img src=x onerror=alert(10)&gt;", "an HTML character reference '&lt;'"),
    Payload("numeric-entity-url", "&#106;avascript:alert(11)", "an HTML character reference '&#106;'"),
    Payload(
        "title-breakout", "&lt;/title&gt;&lt;script&gt;alert(12)&lt;/script&gt;", "an HTML character reference '&lt;'"
    ),
    Payload("script-context-breakout", "</script><script>alert(13)</script>", "an HTML tag '</script>'"),
    Payload("attr-list", 'Safe {: onclick="alert(14)" }', "a Markdown attribute list '{:'"),
    Payload("attr-list-class", "Safe { .md-button onmouseover=alert(15) }", "a Markdown attribute list '{ .md-button'"),
    Payload("line-separator", "Line\u2028separator\u2029</script>", "an HTML tag '</script>'"),
)

# Plain-text fields of the small project, where the check must refuse markup:
# (file, the YAML line to put the payload on, the key kbgen names). The
# files are written by `plain_text_project` in test_plain_text.py.
ALLOWED = tuple(p for p in PAYLOADS if p.refused_as is None)
REFUSED = tuple(p for p in PAYLOADS if p.refused_as is not None)
