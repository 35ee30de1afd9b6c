"""Publishing machine translation is a risk decision: by language, admonition, category, priority, article."""

from __future__ import annotations

from dataclasses import replace
from pathlib import Path

import pytest

from kbgen.checks.dashboard import render
from kbgen.checks.stale import stale_report
from kbgen.config import MachineTranslation, load_project
from kbgen.i18n.entries import Entry
from kbgen.i18n.segments import segment_content
from kbgen.languages import language
from kbgen.pipeline import valid_content
from kbgen.site.build import language_view, machine_published
from kbgen.site.localize import ENGLISH_START
from kbgen.site.machine import MachineGate
from kbgen.vocabulary import EntryStatus, PageStatus

TOP = "what-is-a-wallet"  # priority: top, with a warning admonition
PLAIN = "back-up-your-wallet"


def _project(root: Path, **policy):
    project = load_project(root)
    settings = project.settings.model_copy(update={"machine_translation": MachineTranslation(publish=["es"], **policy)})
    return replace(project, settings=settings)


def _drafts(content) -> dict[str, Entry]:
    """Every segment an unreviewed machine draft."""
    return {s.context: Entry(EntryStatus.MACHINE, s.source, f"ES: {s.source}") for s in segment_content(content)}


def _view(root: Path, **policy):
    project = _project(root, **policy)
    content, _ = valid_content(project)
    return language_view(project, content, language("es"), _drafts(content))


def test_machine_drafts_show_where_the_policy_allows(mini: Path):
    view = _view(mini)
    assert view.articles[PLAIN] == PageStatus.MACHINE
    assert view.content.articles[PLAIN].body.startswith("ES: Write down the 12 words")


def test_top_articles_never_show_machine_text_by_default(mini: Path):
    assert _view(mini).articles[TOP] == PageStatus.FALLBACK


def test_warnings_show_english_inside_a_machine_translated_article(mini: Path):
    view = _view(mini, top_articles=True)
    body = view.content.articles[TOP].body
    assert view.articles[TOP] == PageStatus.PARTIAL
    assert f'!!! warning "{ENGLISH_START}Keep your key safe' in body
    assert f"{ENGLISH_START}Never share it." in body
    assert "ES: Types of wallets" in body


def test_sensitive_categories_never_show_machine_text(mini: Path):
    view = _view(mini, sensitive_categories=["wallets"])
    assert view.articles[PLAIN] == PageStatus.FALLBACK
    assert view.faqs["can-support-restore-my-wallet"] == PageStatus.FALLBACK


def test_an_article_can_refuse_machine_translation(mini: Path):
    article = mini / f"content/articles/wallets/{PLAIN}.yaml"
    article.write_text(article.read_text().replace("related:", "machine_translation: never\nrelated:"))
    assert _view(mini).articles[PLAIN] == PageStatus.FALLBACK


def test_a_language_not_listed_never_shows_machine_text(mini: Path):
    project = _project(mini)
    content, _ = valid_content(project)
    assert language_view(project, content, language("de"), _drafts(content)).articles[PLAIN] == PageStatus.FALLBACK


def test_a_suggested_translation_is_never_published_whatever_the_policy(mini: Path):
    project = _project(mini, top_articles=True, never_in=[], sensitive_categories=[])
    content, _ = valid_content(project)
    entries = {c: Entry(EntryStatus.SUGGESTED, e.source, e.translation) for c, e in _drafts(content).items()}
    assert language_view(project, content, language("es"), entries).articles[PLAIN] == PageStatus.FALLBACK


def test_publish_machine_drafts_is_shorthand_for_publishing_where_safe(mini: Path):
    config = mini / "mkdocs.yml"
    config.write_text(
        config.read_text().replace("    external_domains:", "    publish_machine_drafts: [es]\n    external_domains:")
    )
    policy = load_project(mini).settings.machine_policy
    assert policy == MachineTranslation(publish=["es"])
    assert policy.never_in == ["warning", "danger"] and policy.top_articles is False
    assert policy.sensitive_categories == ["verification", "deposits-withdrawals"]


def test_a_mistyped_policy_key_is_an_error_naming_it(mini: Path, kbgen):
    config = mini / "mkdocs.yml"
    config.write_text(
        config.read_text().replace(
            "    external_domains:", "    machine_translation:\n      publsh: [es]\n    external_domains:"
        )
    )
    result = kbgen("-C", mini, "check")
    assert result.exit_code == 1
    assert "'extra.kbgen.machine_translation.publsh': unknown key (did you mean 'publish'?)" in result.output


def test_the_risk_rules_decide_per_block():
    gate = MachineGate(MachineTranslation(publish=["es"]), "es", content=None)
    text = 'Intro.\n\n!!! danger "Stop"\n    Do not send.\n\n!!! tip\n    Fine.\n\nEnd.'
    assert gate.risky_blocks(text) == {1, 2}


def test_risky_blocks_recalled_from_the_memo_are_not_parsed_again(tmp_path: Path, monkeypatch):
    from kbgen.memo import Memos
    from kbgen.site import machine

    policy = MachineTranslation(publish=["es"], never_in=["warning", "danger"])
    text = 'Intro.\n\n!!! warning "Check"\n    Send only USDT.\n\nEnd.'
    plain = "No admonition here."
    memos = Memos(tmp_path)
    machine.recall(memos, policy, [text, plain])
    memos.save()

    # The next run (a new process: nothing cached in it) takes the kept result and parses nothing.
    machine._risky_blocks.cache_clear()
    monkeypatch.setattr(machine, "_parsed", lambda *args: pytest.fail("parsed again"))
    machine.recall(Memos(tmp_path), policy, [text, plain])
    gate = MachineGate(policy, "es", content=None)
    assert gate.risky_blocks(text) == {1, 2}  # the admonition's line and its text
    assert gate.risky_blocks(plain) == frozenset()


def test_the_dashboard_lists_every_machine_published_page(mini: Path):
    project = _project(mini, top_articles=True)
    content, _ = valid_content(project)
    pages = machine_published(project, content, {"es": _drafts(content)})
    html = render(project, stale_report(project, content), pages)

    assert pages == [
        ("es", "Back up your wallet", "wallets/back-up-your-wallet/"),
        ("es", "Wallets (FAQ)", "wallets/faq/"),
        ("es", "What is a wallet?", "wallets/what-is-a-wallet/"),
    ]
    assert (
        '<tr class="machine" data-lang="es"><td>es</td><td><a href="../es/wallets/back-up-your-wallet/">Back up your wallet</a></td></tr>'
        in html
    )


def test_the_dashboard_takes_the_machine_published_pages_a_language_build_found(mini: Path, monkeypatch):
    from datetime import UTC, datetime

    from kbgen.site import build

    project = _project(mini, top_articles=True)
    content, _ = valid_content(project)
    spanish, now = language("es"), datetime.now(UTC)
    entries = {"es": _drafts(content)}
    common = build.sources(project, content, [project.source, spanish], now)
    theme = build.prepare_theme(project)
    job = build.BuildJob(project, content, [project.source, spanish], now, 0, common, theme, entries)
    build.build_language(job, spanish)
    localized = []
    real_localized = build._localized
    monkeypatch.setattr(build, "_localized", lambda *a: localized.append(a) or real_localized(*a))
    read: list[str] = []

    class Recording(dict):
        def __getitem__(self, code: str):
            read.append(code)
            return super().__getitem__(code)

    found = machine_published(project, content, Recording(entries), common)
    assert read == []  # the language's build said which records: its entries are not read
    assert found == machine_published(project, content, entries) and len(found) == 3
    assert len(localized) == 1  # only the call without this build's sources localized again
    other = build.sources(project, content, [project.source, spanish], now.replace(year=now.year + 1))
    assert machine_published(project, content, entries, other) == found and len(localized) == 2
