"""The words every report, check and page uses: statuses and severities.

One owner for each: the catalogs decide an entry's status, the localizer a
page's, the QA registry a check's severity, and everything that prints or
counts them (check, stale, the dashboard, the CLI) reads these enums.
They are `StrEnum`s, so they compare equal to their names and serialize as them.
"""

from __future__ import annotations

from enum import StrEnum


class EntryStatus(StrEnum):
    """A catalog entry in one language, from the most to the least trustworthy."""

    REVIEWED = "reviewed"
    MACHINE = "machine"  # an unreviewed machine draft
    OUTDATED = "outdated"  # a reviewed translation of an earlier source
    SUGGESTED = "suggested"  # reused from another context by translation memory: never published
    MISSING = "missing"  # no translation


ENTRY_STATUSES: tuple[EntryStatus, ...] = tuple(EntryStatus)
_ENTRY_RANK = {status: rank for rank, status in enumerate(EntryStatus)}


def worst_entry(statuses) -> EntryStatus:
    """The least trustworthy of `statuses` (reviewed when there are none)."""
    # A StrEnum member and its value are the same key: each status is ranked as it comes, and only
    # the worst is made a member (a dashboard ranks every entry of every language).
    return EntryStatus(max(statuses, key=_ENTRY_RANK.__getitem__, default=EntryStatus.REVIEWED))


class PageStatus(StrEnum):
    """A page in one language; when its parts differ, the page shows the least trustworthy."""

    SOURCE = "source"  # the source language itself
    REVIEWED = "reviewed"
    MACHINE = "machine"
    OUTDATED = "outdated"
    PARTIAL = "partial"  # translated, with some blocks shown in the source language
    FALLBACK = "fallback"  # shown in the source language


_PAGE_RANK = {status: rank for rank, status in enumerate(PageStatus)}


def worst(statuses) -> PageStatus:
    """The least trustworthy of `statuses` (reviewed when there are none)."""
    return max((PageStatus(s) for s in statuses), key=_PAGE_RANK.__getitem__, default=PageStatus.REVIEWED)


class QaSeverity(StrEnum):
    """How bad a failed QA check is (translate-toolkit's scale)."""

    CRITICAL = "critical"  # must not be published: changes what the reader does, or could run code
    FUNCTIONAL = "functional"  # reads wrong
    COSMETIC = "cosmetic"  # worth a look


class Level(StrEnum):
    """What a finding does to `kbgen check`."""

    ERROR = "error"  # exit 1
    WARNING = "warning"
