"""What is stale: reviews due, translations behind their source, notices past their end.

One report feeds every audience: `kbgen stale` (writers: a table, JSON,
GitHub annotations), `kbgen check` (CI: findings at the policy's severity)
and the localization dashboard in the built site. The report's JSON shape is
documented in docs/stale-report.md and docs/stale-report.schema.json.
"""

from __future__ import annotations

import difflib
from collections.abc import Mapping
from dataclasses import dataclass
from datetime import UTC, date, datetime, time, timedelta

from kbgen.checks.changes import Changes, record_spans
from kbgen.checks.report import STATUSES, ArticleState, Coverage, Finding, StaleReport
from kbgen.config import Policy, Project
from kbgen.content.fields import PRIORITY_RANK
from kbgen.content.model import Content
from kbgen.content.popular import popular_faqs
from kbgen.content.scamcheck import declared_contacts
from kbgen.i18n.catalogs import SourceUnit
from kbgen.i18n.entries import Entries, EntryStates, language_entries
from kbgen.i18n.segments import Segment, segment_content
from kbgen.i18n.theme import ui_statuses
from kbgen.languages import Language
from kbgen.memo import Memo, Memos
from kbgen.vocabulary import worst_entry
from kbgen.yamlfile import line_of

# Policy levels from the least to the most strict.
_STRICTNESS = ("ignore", "info", "warning", "changed", "error")


def word_diff(old: str, new: str) -> str:
    """What changed in a source, word by word: `[-removed-]{+added+}` (as `git diff --word-diff`)."""
    before, after = old.split(), new.split()
    pieces = []
    for op, a1, a2, b1, b2 in difflib.SequenceMatcher(None, before, after, autojunk=False).get_opcodes():
        if op == "equal":
            pieces.append(" ".join(before[a1:a2]))
            continue
        if a2 > a1:
            pieces.append("[-" + " ".join(before[a1:a2]) + "-]")
        if b2 > b1:
            pieces.append("{+" + " ".join(after[b1:b2]) + "+}")
    return " ".join(pieces)


def stale_report(
    project: Project,
    content: Content,
    today: date | None = None,
    languages: list[Language] | None = None,
    now: datetime | None = None,
    entries: Mapping[str, Entries | EntryStates] | None = None,
    changes: Changes | None = None,
    memos: Memos | None = None,
) -> StaleReport:
    """The report as of `today`. `entries` (by language code) are the catalog entries (or
    their states) a build has already worked out; the others are read here. `changes`: what the change
    under check touches (policy level `changed`). `memos`: a build's, which keep each language's
    UI string statuses by its theme catalog's text."""
    today = today or date.today()
    now = now or datetime.combine(today, time(0), tzinfo=UTC)
    policy = project.settings.policy
    languages = languages if languages is not None else project.targets
    segments = segment_content(content)
    builder = _Builder(project, content, policy, today, changes, (memos or Memos(None)).named("ui-statuses"))
    builder.reviews()
    builder.expiry(now)
    units = tuple(SourceUnit(s.context, s.source, s.file) for s in segments)
    for lang in languages:
        known = (entries or {}).get(lang.code)
        if known is None:
            contacts = declared_contacts(content, project.external_domains)
            known = language_entries(project, lang, units, content.keep_terms(), contacts)
        builder.translations(lang, segments, known if isinstance(known, EntryStates) else EntryStates.of(known))
    builder.findings.sort(key=_finding_order)
    return StaleReport(today.isoformat(), builder.findings, builder.articles_sorted(), builder.coverage)


def _finding_order(finding: Finding) -> tuple:
    severity = {"error": 0, "warning": 1, "info": 2}[finding.severity]
    priority = PRIORITY_RANK.get(finding.priority or "normal", 2)
    popular = (finding.popular is None, finding.popular or 0)  # popular questions first, in their order
    return (severity, priority, *popular, finding.article or "", finding.faq or "", finding.kind, finding.lang or "")


class _Builder:
    def __init__(
        self,
        project: Project,
        content: Content,
        policy: Policy,
        today: date,
        changes: Changes | None = None,
        ui_memo: Memo | None = None,
    ):
        self.project, self.content, self.policy, self.today = project, content, policy, today
        self.ui_memo = ui_memo
        self.changes = changes
        self.spans = record_spans(content) if changes is not None else {}
        self.findings: list[Finding] = []
        self.coverage: list[Coverage] = []
        self.states: dict[str, ArticleState] = {}
        for article in content.articles.values():
            due = article.last_reviewed + timedelta(days=content.review_interval(article))
            self.states[article.id] = ArticleState(
                article.id,
                article.title,
                article.category,
                article.priority,
                content.owner(article),
                article.last_reviewed.isoformat(),
                due.isoformat(),
                f"{article.category}/{article.id}/",
            )

    def add(self, level: str, record: tuple[str, str] | None = None, /, **fields) -> None:
        level = self.resolve(level, record)
        if level != "ignore":
            self.findings.append(Finding(severity=level, **fields))

    def resolve(self, level: str, record: tuple[str, str] | None) -> str:
        """`changed`: an error when the change under check touches the record, else a warning."""
        if level != "changed":
            return level
        if self.changes is None or record is None:
            return "warning"
        first, last = self.spans[record]
        return "error" if self.changes.touches(self.content.origins[record].file, first, last) else "warning"

    def where(self, kind: str, record_id: str, key: str) -> dict:
        origin = self.content.origins[(kind, record_id)]
        return {"file": origin.file, "line": line_of(origin.data, (key,))}

    def reviews(self) -> None:
        for article in self.content.articles.values():
            state = self.states[article.id]
            about = {
                "article": article.id,
                "owner": state.owner,
                "priority": article.priority,
                **self.where("article", article.id, "last_reviewed"),
            }
            self.review(("article", article.id), article.last_reviewed, date.fromisoformat(state.review_due), about)
        for faq in self.content.faqs.values():
            reviewed = self.content.last_reviewed(faq)
            if reviewed is None:  # content validation warns about it
                continue
            due = reviewed + timedelta(days=self.content.review_interval(faq))
            key = "last_reviewed" if faq.last_reviewed is not None else "id"
            about = {"faq": faq.id, "owner": self.content.owner(faq), **self.where("faq", faq.id, key)}
            self.review(("faq", faq.id), reviewed, due, about)

    def review(self, record: tuple[str, str], reviewed: date, due: date, about: dict) -> None:
        late_by = (self.today - due).days
        who = f" (owner: {about['owner']})" if about.get("owner") else ""
        if late_by > self.policy.review_grace_days:
            grace = (
                f", past the {self.policy.review_grace_days}-day grace period" if self.policy.review_grace_days else ""
            )
            self.add(
                self.policy.review_late,
                record,
                kind="review-late",
                message=f"review overdue by {late_by} days{grace}; last reviewed {reviewed}{who}",
                **about,
            )
        elif late_by > 0:
            self.add(
                self.policy.review_overdue,
                record,
                kind="review-overdue",
                message=f"review overdue by {late_by} days; last reviewed {reviewed}{who}",
                **about,
            )
        elif -late_by <= self.policy.review_due_within_days:
            self.add(
                "info", record, kind="review-due", message=f"review due on {due} (in {-late_by} days){who}", **about
            )

    def expiry(self, now: datetime) -> None:
        for article in self.content.articles.values():
            if article.expires and article.expires <= now.date():
                self.add(
                    self.policy.expired_articles,
                    ("article", article.id),
                    kind="article-expired",
                    article=article.id,
                    owner=self.states[article.id].owner,
                    priority=article.priority,
                    message=f"expired on {article.expires}: remove or renew the article",
                    **self.where("article", article.id, "expires"),
                )
        for notice in self.content.notices.values():
            if notice.end <= now:
                assert notice.kind is not None  # loading fills it in from the notice's template
                label = {"maintenance": "maintenance window", "incident": "incident notice"}.get(
                    notice.kind, notice.kind
                )
                self.add(
                    self.policy.expired_notices,
                    ("notice", notice.id),
                    kind="notice-expired",
                    message=f"{label} '{notice.id}' ended at {notice.end.isoformat()}: remove it from content",
                    **_notice_where(self.content, notice.id),
                )

    def translations(self, lang: Language, segments: list[Segment], states: EntryStates) -> None:
        statuses = {s.context: states.status[s.context] for s in segments}
        shown: dict[tuple[str, str], list[Segment]] = {}
        for segment in segments:
            # Search keywords are not shown: an article without them translated is still translated.
            if segment.record[0] in ("article", "faq") and segment.kind != "keyword":
                shown.setdefault((segment.record[0], segment.record[1]), []).append(segment)
        for article_id, state in self.states.items():
            parts = shown[("article", article_id)]
            status = worst_entry(statuses[s.context] for s in parts)
            state.languages[lang.code] = status
            about = {"article": state.id, "lang": lang.code, "owner": state.owner, "priority": state.priority}
            self.translation(
                lang, status, _Parts(parts, states, statuses), about, self.where("article", state.id, "title")
            )
        coverage = self.coverage_of(lang, statuses)
        coverage.popular = self.popular(lang, shown, states, statuses)
        self.coverage.append(coverage)

    def popular(self, lang: Language, shown: dict, states: EntryStates, statuses: dict) -> dict[str, int]:
        """The home page's popular questions in `lang` (its readers' order): each one not reviewed
        in full is a finding at the top priority, at least at the policy's `popular_questions` level."""
        counts = dict.fromkeys(STATUSES, 0)
        for rank, faq in enumerate(popular_faqs(self.content, lang.code), 1):
            parts = shown[("faq", faq.id)]
            status = worst_entry(statuses[s.context] for s in parts)
            counts[status] += 1
            about = {"faq": faq.id, "lang": lang.code, "owner": self.content.owner(faq), "priority": "top"}
            where = self.where("faq", faq.id, "question")
            self.translation(lang, status, _Parts(parts, states, statuses), about | {"popular": rank}, where)
        return counts

    def translation(self, lang: Language, status: str, parts: _Parts, about: dict, where: dict) -> None:
        """A finding when a text is not reviewed in `lang`: outdated, missing (or only suggested) or a machine draft."""
        rank = about.get("popular")
        what = f"popular question {rank} on the home page" if rank else ""
        record = ("faq", about["faq"]) if rank else None
        if status == "outdated":
            changed = parts.having("outdated")
            self.add(
                self.level(self.policy.outdated_translations, rank),
                record,
                kind="translation-outdated",
                file=changed[0].file,
                line=changed[0].line,
                message=f"{lang.code} translation{' of ' + what if what else ''} is outdated: "
                f"the English source changed in {len(changed)} place(s)",
                diff="\n".join(word_diff(parts.states.previous.get(s.context, ""), s.source) for s in changed),
                **about,
            )
        elif status in ("missing", "suggested"):  # a suggestion is not shown until someone reviews it
            missing = len(parts.having("missing", "suggested"))
            suggested = len(parts.having("suggested"))
            note = f" ({suggested} suggested by translation memory, waiting for review)" if suggested else ""
            shown = " (the home page shows it in English)" if rank else ""
            self.add(
                self.level(self.policy.missing_translations, rank),
                record,
                kind="translation-missing",
                message=f"{lang.code}: {what + ': ' if what else ''}{missing} of {len(parts.segments)} segments "
                f"not translated{note}{shown}",
                **where,
                **about,
            )
        elif status == "machine":
            self.add(
                self.level(self.policy.machine_drafts, rank),
                record,
                kind="translation-machine",
                message=f"{lang.code}: {what + ': ' if what else ''}machine draft waiting for review",
                **where,
                **about,
            )

    def level(self, level: str, popular: int | None) -> str:
        """A popular question's finding is at least at the policy's `popular_questions` level."""
        if popular is None:
            return level
        return max(level, self.policy.popular_questions, key=_STRICTNESS.index)

    def coverage_of(self, lang: Language, statuses: Mapping[str, str]) -> Coverage:
        segments = {status: 0 for status in STATUSES}
        for status in statuses.values():
            segments[status] += 1
        articles = {status: 0 for status in STATUSES}
        top = {status: 0 for status in STATUSES}
        for state in self.states.values():
            articles[state.languages[lang.code]] += 1
            if state.priority == "top":
                top[state.languages[lang.code]] += 1
        ui = {status: 0 for status in STATUSES}
        for status in ui_statuses(self.project.locales_dir, lang, self.project.site_name, self.ui_memo).values():
            ui[status] += 1
        return Coverage(lang.code, lang.name, segments, articles, top, ui)

    def articles_sorted(self) -> list[ArticleState]:
        return sorted(self.states.values(), key=lambda s: (PRIORITY_RANK[s.priority], s.review_due, s.id))


@dataclass(frozen=True)
class _Parts:
    """The shown segments of one article or question in one language, with their entries."""

    segments: list[Segment]
    states: EntryStates
    statuses: Mapping[str, str]

    def having(self, *statuses: str) -> list[Segment]:
        return [s for s in self.segments if self.statuses[s.context] in statuses]


def _notice_where(content: Content, notice_id: str) -> dict:
    origin = content.origins[("notice", notice_id)]
    return {"file": origin.file, "line": line_of(origin.data, ("end",))}
