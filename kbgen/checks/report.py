"""The stale report as data: findings, article states, coverage; its JSON, annotations and problems.

`kbgen.checks.stale` works the report out; this module is what every
audience reads: the JSON shape (docs/stale-report.md,
docs/stale-report.schema.json), GitHub annotations and `kbgen check`'s
problems. The dashboard and the terminal table read the same objects.
"""

from __future__ import annotations

from dataclasses import asdict, dataclass, field

from kbgen.errors import Problem
from kbgen.vocabulary import ENTRY_STATUSES

SCHEMA_VERSION = 1
STATUSES = tuple(str(status) for status in ENTRY_STATUSES)


@dataclass(frozen=True)
class Finding:
    kind: str  # review-late | review-overdue | review-due | translation-outdated | translation-missing
    #            | translation-machine | notice-expired | article-expired
    severity: str  # error | warning | info
    message: str
    file: str | None = None
    line: int | None = None
    article: str | None = None
    faq: str | None = None
    lang: str | None = None
    owner: str | None = None
    priority: str | None = None
    diff: str | None = None
    popular: int | None = None  # a popular question's place in its language's home page list (1: first)


@dataclass
class ArticleState:
    id: str
    title: str
    category: str
    priority: str
    owner: str | None
    last_reviewed: str
    review_due: str
    url: str  # relative to a language root, e.g. "wallets/what-is-a-wallet/"
    languages: dict[str, str] = field(default_factory=dict)  # lang -> reviewed | machine | outdated | missing


@dataclass
class Coverage:
    lang: str
    name: str
    segments: dict[str, int]
    articles: dict[str, int]
    top_articles: dict[str, int]
    ui: dict[str, int] = field(default_factory=dict)  # the interface strings (theme.po) by status
    popular: dict[str, int] = field(default_factory=dict)  # the home page's popular questions by status


@dataclass
class StaleReport:
    today: str
    findings: list[Finding]
    articles: list[ArticleState]
    coverage: list[Coverage]

    def to_json(self) -> dict:
        return {
            "schema_version": SCHEMA_VERSION,
            "today": self.today,
            "summary": {
                severity: sum(f.severity == severity for f in self.findings)
                for severity in ("error", "warning", "info")
            },
            "findings": [{k: v for k, v in asdict(f).items() if v is not None} for f in self.findings],
            "articles": [asdict(a) for a in self.articles],
            "coverage": [asdict(c) for c in self.coverage],
        }


def github_annotations(report: StaleReport) -> list[str]:
    """GitHub Actions workflow commands: `::error file=F,line=L,title=T::message`."""
    return [
        annotation(
            finding.severity,
            finding.message + (f"\n{finding.diff}" if finding.diff else ""),
            finding.file,
            finding.line,
            f"kbgen {finding.kind}",
        )
        for finding in report.findings
    ]


def annotation(severity: str, message: str, file: str | None, line: int | None, title: str) -> str:
    level = {"error": "error", "warning": "warning", "info": "notice"}[severity]
    props = [f"file={_escape_property(file)}"] if file else []
    props += [f"line={line}"] if line else []
    props.append(f"title={_escape_property(title)}")
    return f"::{level} {','.join(props)}::{_escape_data(message)}"


def as_problems(report: StaleReport) -> list:
    """The errors and warnings of a report, as `kbgen check` lists them."""
    return [
        Problem(
            f.file or "",
            f.line,
            f.message + (f" [{f.lang}]" if f.lang and f.lang not in f.message else ""),
            key=f.kind,
            severity="error" if f.severity == "error" else "warning",
        )
        for f in report.findings
        if f.severity in ("error", "warning")
    ]


def _escape_data(text: str) -> str:
    return text.replace("%", "%25").replace("\r", "%0D").replace("\n", "%0A")


def _escape_property(text: str) -> str:
    return _escape_data(text).replace(":", "%3A").replace(",", "%2C")
