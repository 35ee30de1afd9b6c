"""The content model: what a writer can put in `content/`, declared once.

The same declarations validate the YAML files (with file, line and key in
every message) and generate the JSON Schema that editors use to autocomplete.
The model does no I/O.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from datetime import date, timedelta
from typing import Annotated, Literal

from pydantic import AfterValidator, Field, ValidationInfo, field_validator, model_validator

from kbgen.content.fields import (
    PRIORITY_RANK,
    Email,
    HttpsUrl,
    IsoDate,
    IsoDateTime,
    Markdown,
    Owner,
    PositiveDays,
    Priority,
    Slug,
    Text,
)
from kbgen.records import Record
from kbgen.yamlfile import LineDict


class Category(Record):
    """A group of articles and FAQs, shown as a card on the home page."""

    id: Slug
    title: Text
    description: Text
    order: int = Field(0, strict=True)
    icon: str | None = Field(None, description="Material icon name, e.g. material/wallet-outline")
    review_interval_days: PositiveDays = Field(180, description="Default review interval of its articles and FAQs")
    owner: Owner | None = Field(None, description="Default owner of its articles and FAQs")
    faqs_last_reviewed: IsoDate | None = Field(None, description="Default review date of its FAQs")
    aliases: list[Slug] = Field([], description="Earlier ids (kbgen mv keeps them): their URLs redirect here")


class CategoriesFile(Record):
    categories: list[Category] = Field(min_length=1)
    popular: list[Slug] = Field(
        [],
        description="FAQ ids the home page lists as popular questions, in this order, until reader signals "
        "(kbgen signals import) say which questions readers open most",
    )


class Article(Record):
    """One help article: one task, answered in the first paragraph."""

    id: Slug = Field(description="Stable id; the article's URL slug. Must match the file name.")
    title: Text
    summary: Text
    category: Slug
    keywords: list[Text] = Field(
        [],
        description=(
            'What readers call this when they search ("forgot password", "seed phrase"): '
            "translated like the title, indexed with high weight, not shown"
        ),
    )
    owner: Owner | None = Field(None, description="Person or team who keeps it true (default: the category's owner)")
    last_reviewed: IsoDate
    review_interval_days: PositiveDays | None = Field(None, description="Overrides the category default")
    priority: Priority = "normal"
    expires: IsoDate | None = Field(None, description="After this date the article must be removed or renewed")
    related: list[Slug] = []
    aliases: list[Slug] = Field([], description="Earlier ids (kbgen mv keeps them): their URLs redirect here")
    machine_translation: Literal["policy", "never"] = Field(
        "policy", description="never: unreviewed machine translation of this article is never published"
    )
    body: Markdown


class Faq(Record):
    """One frequently asked question with a short answer."""

    id: Slug = Field(description="Stable id. Must match the file name.")
    question: Text
    answer: Markdown
    category: Slug
    keywords: list[Text] = Field(
        [], description="What readers call this when they search; translated, indexed, not shown"
    )
    owner: Owner | None = Field(None, description="Who keeps it true (default: the category's owner)")
    last_reviewed: IsoDate | None = Field(None, description="Default: the category's faqs_last_reviewed")
    review_interval_days: PositiveDays | None = Field(None, description="Overrides the category default")
    related: list[Slug] = []
    aliases: list[Slug] = Field([], description="Earlier ids (kbgen mv keeps them): their URLs redirect here")
    machine_translation: Literal["policy", "never"] = Field(
        "policy", description="never: unreviewed machine translation of this answer is never published"
    )


class GlossaryTerm(Record):
    id: Slug
    term: Text
    definition: Markdown
    translate: bool = Field(True, strict=True, description="false: the term stays as written in every language")
    translations: dict[str, Text] = Field({}, description="Required translation per language code")
    synonyms: list[Text] = Field(
        [],
        description='Other names readers search for ("seed phrase" for recovery phrase); pages mark them like the term',
    )
    not_in: list[Text] = Field(
        [],
        description="Longer phrases that contain the term but mean something else "
        '("email address" for "address"): never marked (translated in the catalogs)',
    )
    related: list[Slug] = []

    @field_validator("not_in")
    @classmethod
    def _contain_the_term(cls, value: list[str], info: ValidationInfo) -> list[str]:
        names = [n.casefold() for n in (info.data.get("term"), *info.data.get("synonyms", ())) if n]
        for phrase in value:
            if names and not any(name in phrase.casefold() for name in names):
                raise ValueError(f"'{phrase}' contains neither the term nor one of its synonyms")
        return value


class GlossaryFile(Record):
    terms: list[GlossaryTerm]


class ContentBlock(Record):
    """A statement written and translated once, included in articles and answers as `:block[id]`."""

    id: Slug
    kind: Literal["note", "info", "tip", "warning", "danger"] = Field("info", description="The box it is shown in")
    title: Text | None = Field(None, description="The box's title; without one the box has no title bar")
    text: Markdown


class BlocksFile(Record):
    blocks: list[ContentBlock]


class UiLabel(Record):
    """A button, menu or screen name as the app itself shows it, per language.

    Content names it as `:ui[id]`; every language's page shows the app's own
    word, so a reader finds the button the article talks about.
    """

    id: Slug
    text: dict[str, Text] = Field(description="The app's text per language code; the source language is required")
    key: str | None = Field(
        None, description="The app's string key, when it differs from the id (for `kbgen labels import`)"
    )


class UiLabelsFile(Record):
    labels: list[UiLabel] = []


NoticeKind = Literal["announcement", "maintenance", "incident"]
NoticeSeverity = Literal["info", "warning", "critical"]
# What a notice template's text may name: the notice's own times and its parameters.
TEMPLATE_FIELDS = ("start", "end")
TEMPLATE_PARAMS = ("asset", "network", "delay")
_DURATION = re.compile(r"^(?:(\d+)d)?(?:(\d+)h)?(?:(\d+)m)?$")


def parse_duration(value: str) -> timedelta:
    """A duration written as 90m, 2h, 1h30m or 1d: for a template's {delay}."""
    match = _DURATION.match(value.strip())
    if not value.strip() or match is None:
        raise ValueError(f"'{value}' is not a duration (write e.g. 30m, 2h, 1h30m or 1d)")
    days, hours, minutes = (int(part or 0) for part in match.groups())
    return timedelta(days=days, hours=hours, minutes=minutes)


def _duration(value: str) -> str:
    parse_duration(value)
    return value


class NoticeParams(Record):
    """Values a notice fills into its template; times come from the notice's start and end."""

    asset: Text | None = Field(None, description="e.g. ETH (written as is in every language)")
    network: Text | None = Field(None, description="e.g. Ethereum (written as is in every language)")
    delay: Annotated[str, AfterValidator(_duration)] | None = Field(
        None, description="Expected delay: 30m, 2h, 1h30m or 1d (written out per language)"
    )


class NoticeTemplate(Record):
    """A notice text translated once: {asset}, {network}, {start}, {end} and {delay} are filled per notice."""

    id: Slug
    kind: NoticeKind
    severity: NoticeSeverity = "info"
    text: Markdown
    link: Slug | None = Field(None, description="Article id with details")


class Notice(Record):
    """An announcement, maintenance window or incident shown as a banner.

    Either its own `text` (translated like any content), or a `template` with
    `params`: then it is shown in every language whose catalog translates the
    template, at once, with times and durations written per language.
    """

    id: Slug
    kind: NoticeKind | None = Field(None, description="Required with 'text'; a template gives its own")
    severity: NoticeSeverity | None = Field(None, description="Default: the template's, else info")
    text: Markdown | None = None
    template: Slug | None = Field(None, description="Id of a notice template (under 'templates')")
    params: NoticeParams = NoticeParams()
    start: IsoDateTime
    end: IsoDateTime
    languages: list[str] | None = Field(None, description="Show only in these languages (default: all)")
    link: Slug | None = Field(None, description="Article id with details")

    @model_validator(mode="after")
    def _ends_after_start(self) -> Notice:
        if self.end <= self.start:
            raise ValueError("'end' must be after 'start'")
        if (self.text is None) == (self.template is None):
            raise ValueError("a notice needs exactly one of 'text' or 'template'")
        if self.text is not None and self.kind is None:
            raise ValueError("a notice with its own 'text' needs a 'kind'")
        return self

    def with_template(self, template: NoticeTemplate) -> Notice:
        """The notice with what it leaves to its template filled in."""
        return self.model_copy(
            update={
                "kind": self.kind or template.kind,
                "severity": self.severity or template.severity,
                "link": self.link or template.link,
            }
        )


class NoticesFile(Record):
    notices: list[Notice] = []
    templates: list[NoticeTemplate] = Field([], description="Notice texts translated once, filled per notice")


WEEKDAYS = ("mon", "tue", "wed", "thu", "fri", "sat", "sun")
Weekday = Literal["mon", "tue", "wed", "thu", "fri", "sat", "sun"]
_TIME_OF_DAY = r"^([01][0-9]|2[0-3]):[0-5][0-9]$"


def _time_of_day(value: str) -> str:
    if not re.fullmatch(_TIME_OF_DAY, value):
        raise ValueError(f"expected a time of day like 09:00 (HH:MM, UTC), got {value!r}")
    return value


TimeOfDay = Annotated[
    str, AfterValidator(_time_of_day), Field(json_schema_extra={"pattern": _TIME_OF_DAY}, description="HH:MM, in UTC")
]


class Schedule(Record):
    """When a channel is staffed, in UTC; pages show it in the reader's time zone."""

    days: list[Weekday] = Field(min_length=1)
    opens: TimeOfDay
    closes: TimeOfDay

    @model_validator(mode="after")
    def _sorted(self) -> Schedule:
        if len(set(self.days)) != len(self.days):
            raise ValueError("'days' lists a day twice")
        if self.opens == self.closes:
            raise ValueError(
                "'opens' and 'closes' are the same time (a channel open around the clock says always_open)"
            )
        self.days.sort(key=WEEKDAYS.index)
        return self


class Channel(Record):
    id: Slug
    name: Text
    description: Text
    url: HttpsUrl | None = None
    email: Email | None = None
    hours: Text
    always_open: bool = Field(False, strict=True)
    schedule: Schedule | None = Field(None, description="Staffed hours in UTC, shown in the reader's time zone")
    response_time: Text | None = None

    @model_validator(mode="after")
    def _one_address(self) -> Channel:
        if (self.url is None) == (self.email is None):
            raise ValueError("a channel needs exactly one of 'url' or 'email'")
        if self.always_open and self.schedule is not None:
            raise ValueError("a channel open around the clock (always_open) has no schedule")
        return self


class EscalationStep(Record):
    title: Text
    text: Markdown


class Escalation(Record):
    intro: Text
    steps: list[EscalationStep] = Field(min_length=1)


class Contact(Record):
    intro: Text
    warning: Slug | None = Field(
        None, description="The reusable block (content/blocks.yaml) shown as a warning under the intro"
    )
    channels: list[Channel] = Field(min_length=1)
    escalation: Escalation


@dataclass
class Origin:
    """Where a record came from, so later checks can point at the line."""

    file: str
    data: LineDict  # the mapping the record was validated from


@dataclass
class Content:
    """Everything loaded from `content/`, keyed by id, in a stable order."""

    categories: dict[str, Category] = field(default_factory=dict)
    articles: dict[str, Article] = field(default_factory=dict)
    faqs: dict[str, Faq] = field(default_factory=dict)
    glossary: dict[str, GlossaryTerm] = field(default_factory=dict)
    notices: dict[str, Notice] = field(default_factory=dict)
    notice_templates: dict[str, NoticeTemplate] = field(default_factory=dict)
    contact: Contact | None = None
    ui_labels: dict[str, UiLabel] = field(default_factory=dict)
    blocks: dict[str, ContentBlock] = field(default_factory=dict)
    popular: list[str] = field(default_factory=list)  # FAQ ids, in the order categories.yaml lists them
    # Per language, how often readers opened each FAQ (imported reader signals); set by the pipeline.
    faq_opens: dict[str, dict[str, int]] = field(default_factory=dict)
    origins: dict[tuple[str, str], Origin] = field(default_factory=dict)
    # Ids of records that exist but failed validation: references to them are
    # not reported again, so one mistake gives one message.
    invalid: set[tuple[str, str]] = field(default_factory=set)

    def articles_in(self, category_id: str) -> list[Article]:
        """A category's articles, most important first, then by title."""
        found = [a for a in self.articles.values() if a.category == category_id]
        return sorted(found, key=lambda a: (PRIORITY_RANK[a.priority], a.title.casefold(), a.id))

    def faqs_in(self, category_id: str) -> list[Faq]:
        return sorted((f for f in self.faqs.values() if f.category == category_id), key=lambda f: f.id)

    def sorted_categories(self) -> list[Category]:
        return sorted(self.categories.values(), key=lambda c: (c.order, c.title.casefold()))

    def keep_terms(self) -> list[str]:
        """Glossary terms that stay as written in every language, longest first."""
        return sorted({t.term for t in self.glossary.values() if not t.translate}, key=len, reverse=True)

    def review_interval(self, record: Article | Faq) -> int:
        if record.review_interval_days is not None:
            return record.review_interval_days
        return self.categories[record.category].review_interval_days

    def owner(self, record: Article | Faq) -> str | None:
        """Who keeps an article or FAQ true: its own owner, else its category's."""
        return record.owner or self.categories[record.category].owner

    def last_reviewed(self, record: Article | Faq) -> date | None:
        """When an article or FAQ was last reviewed; a FAQ may take its category's date."""
        if record.last_reviewed is not None or isinstance(record, Article):
            return record.last_reviewed
        return self.categories[record.category].faqs_last_reviewed
