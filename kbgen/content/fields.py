"""The value types of the content model: slugs, plain text, Markdown, owners, dates, URLs.

Each is a pydantic annotated type whose validator says, in the writer's
terms, what is wrong; `kbgen.content.model` builds every record from them.
"""

from __future__ import annotations

import re
from datetime import date, datetime
from typing import Annotated, Literal

from pydantic import AfterValidator, BeforeValidator, Field

from kbgen.plaintext import find_markup

SLUG_PATTERN = r"^[a-z0-9]+(?:-[a-z0-9]+)*$"
_SLUG = re.compile(SLUG_PATTERN)
_EMAIL = re.compile(r"^[^@\s]+@[^@\s]+\.[^@\s]+$")


def _slug(value: str) -> str:
    if not _SLUG.match(value):
        raise ValueError(f"'{value}' is not a safe URL slug (use lowercase letters, digits and single hyphens)")
    return value


def _nonempty(value: str) -> str:
    if not value.strip():
        raise ValueError("must not be empty")
    return value


def _plain(value: str) -> str:
    """Plain text is shown as text everywhere; markup in it is refused, not rendered."""
    _nonempty(value)
    found = find_markup(value)
    if found:
        raise ValueError(f"plain text must not contain markup: {found[0]}")
    return value


def _iso_date(value: object) -> object:
    if isinstance(value, date):
        return value
    if not isinstance(value, str):
        raise ValueError(f"expected a date like 2026-01-31, got {value!r}")
    try:
        return date.fromisoformat(value.strip())
    except ValueError:
        raise ValueError(f"'{value}' is not a valid date (expected YYYY-MM-DD)") from None


def _iso_datetime(value: object) -> object:
    if isinstance(value, datetime):
        return value
    if not isinstance(value, str):
        raise ValueError(f"expected a time like 2026-12-06T01:00:00Z, got {value!r}")
    try:
        parsed = datetime.fromisoformat(value.strip())
    except ValueError:
        raise ValueError(f"'{value}' is not a valid time (expected e.g. 2026-12-06T01:00:00Z)") from None
    if parsed.tzinfo is None:
        raise ValueError(f"'{value}' has no time zone (add Z for UTC, e.g. 2026-12-06T01:00:00Z)")
    return parsed


def _https_url(value: str) -> str:
    if not re.match(r"^https://[^\s/]+\.[^\s]+$", value):
        raise ValueError(f"'{value}' is not an https:// URL")
    return value


def _email(value: str) -> str:
    if not _EMAIL.match(value):
        raise ValueError(f"'{value}' is not an e-mail address")
    return value


# A GitHub user (@dana) or team (@org/team): CODEOWNERS and review requests can reach them.
GITHUB_OWNER_PATTERN = r"^@[A-Za-z0-9](?:[A-Za-z0-9-]{0,38})(?:/[A-Za-z0-9._-]+)?$"
_GITHUB_OWNER = re.compile(GITHUB_OWNER_PATTERN)


def _owner(value: str) -> str:
    if value.startswith("@") and not _GITHUB_OWNER.match(value):
        raise ValueError(f"'{value}' is not a GitHub handle (@user) or team (@org/team)")
    return value


def is_github_owner(owner: str | None) -> bool:
    return bool(owner and _GITHUB_OWNER.match(owner))


Slug = Annotated[str, AfterValidator(_slug), Field(pattern=SLUG_PATTERN)]
Owner = Annotated[
    str,
    AfterValidator(_plain),
    AfterValidator(_owner),
    Field(
        min_length=1, description="Plain text: who keeps it true, a GitHub handle (@user), a team (@org/team) or a name"
    ),
]
Text = Annotated[str, AfterValidator(_plain), Field(min_length=1, description="Plain text (no markup)")]
Markdown = Annotated[str, AfterValidator(_nonempty), Field(min_length=1, description="Markdown text")]
IsoDate = Annotated[date, BeforeValidator(_iso_date)]
IsoDateTime = Annotated[datetime, BeforeValidator(_iso_datetime)]
HttpsUrl = Annotated[str, AfterValidator(_https_url), Field(pattern=r"^https://")]
Email = Annotated[str, AfterValidator(_email)]
PositiveDays = Annotated[int, Field(strict=True, gt=0, le=3650)]
Priority = Literal["top", "high", "normal", "low"]
PRIORITY_RANK: dict[str, int] = {"top": 0, "high": 1, "normal": 2, "low": 3}
