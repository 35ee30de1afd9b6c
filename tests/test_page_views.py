"""What each page shows beyond its Markdown: the unit rules behind nav-aware dirty builds."""

from __future__ import annotations

import copy
from pathlib import Path

from kbgen.site.hooks import _without_blank_lines
from kbgen.site.page_views import page_views, per_page, popular_anywhere
from kbgen.site.pages import Page

PRUNED = ("navigation.indexes", "navigation.prune", "navigation.footer")
NAV = [
    {"Home": "index.md"},
    {
        "Wallets": [
            {"Wallets": "wallets/index.md"},
            {"Back up": "wallets/back-up.md"},
            {"Restore": "wallets/restore.md"},
        ]
    },
    {"Fees": [{"Fees": "fees/index.md"}, {"Network fees": "fees/network.md"}, {"Card fees": "fees/card.md"}]},
    {"Contact": "contact.md"},
]
SEARCH = Page("search.md", "Search", "---\ntemplate: kb-search.html\n---\n")
PAGES = [
    Page("index.md", "Home", "---\ntemplate: home.html\n---\n"),
    *(
        Page(path, title, f"# {title}\n")
        for entry in NAV[1:3]
        for section in entry.values()
        for item in section
        for title, path in item.items()
    ),
    Page("contact.md", "Contact", "---\ntemplate: kb-contact.html\n---\n"),
    SEARCH,
]


def _changed(before: dict[str, str], after: dict[str, str]) -> set[str]:
    return {page for page, view in after.items() if before.get(page) != view}


def _views(nav: list, popular: list | None = None, features=PRUNED) -> dict[str, str]:
    return page_views(nav, popular or [], PAGES, features)


def test_a_title_in_one_section_reaches_its_section_and_its_neighbours_only():
    nav = copy.deepcopy(NAV)
    nav[2]["Fees"][2] = {"Card and bank fees": "fees/card.md"}
    # The footer of the page before it and of the page after it names it.
    assert _changed(_views(NAV), _views(nav)) == {"fees/index.md", "fees/network.md", "fees/card.md", "contact.md"}


def test_a_new_page_reaches_its_section_its_neighbours_and_nothing_the_section_shows_as_one_link():
    nav = copy.deepcopy(NAV)
    nav[1]["Wallets"].insert(2, {"Move": "wallets/move.md"})
    assert _changed(_views(NAV), _views(nav)) == {"wallets/index.md", "wallets/back-up.md", "wallets/restore.md"}


def test_a_section_title_or_its_first_page_reaches_every_page():
    nav = copy.deepcopy(NAV)
    nav[2] = {"Costs": nav[2]["Fees"]}
    assert _changed(_views(NAV), _views(nav)) == {page.path for page in PAGES}


def test_without_pruning_every_page_shows_the_whole_navigation():
    nav = copy.deepcopy(NAV)
    nav[2]["Fees"][2] = {"Card and bank fees": "fees/card.md"}
    for features in ((), ("navigation.prune", "navigation.sections"), ("navigation.prune", "navigation.tabs")):
        assert _changed(_views(NAV, features=features), _views(nav, features=features)) == {p.path for p in PAGES}


def test_popular_articles_reach_the_pages_with_a_search_box_only():
    before = _views(NAV, [{"title": "Back up", "path": "wallets/back-up/"}])
    after = _views(NAV, [{"title": "Restore", "path": "wallets/restore/"}])
    assert _changed(before, after) == {"index.md", "contact.md", "search.md"}


def test_popular_articles_stay_with_the_whole_configuration_when_a_project_template_reads_them(tmp_path: Path):
    overrides = {"nav": NAV, "extra": {"kbgen_search": {"segment": False, "popular": [{"title": "A"}]}}}
    shared, nav, popular = per_page(overrides, popular_anywhere([]))
    assert nav == NAV and popular == [{"title": "A"}] and shared == {"extra": {"kbgen_search": {"segment": False}}}
    assert overrides["extra"]["kbgen_search"]["popular"] == [{"title": "A"}]  # the config written is whole
    (tmp_path / "partials").mkdir()
    (tmp_path / "partials" / "footer.html").write_text("{{ config.extra.kbgen_search.popular }}")
    shared, _, popular = per_page(overrides, popular_anywhere([tmp_path]))
    assert popular == [] and shared["extra"]["kbgen_search"]["popular"] == [{"title": "A"}]


def test_blank_lines_go_except_where_whitespace_is_shown_as_written():
    page = "<ul>\n  \n\n  <li>a</li>\n \n</ul>\n<pre><code>x = 1\n\n\ny = 2\n</code></pre>\n\n<textarea>a\n\nb</textarea>\n \n"
    assert _without_blank_lines(page) == (
        "<ul>\n  <li>a</li>\n</ul>\n<pre><code>x = 1\n\n\ny = 2\n</code></pre>\n<textarea>a\n\nb</textarea>\n"
    )
