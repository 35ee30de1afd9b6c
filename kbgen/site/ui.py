"""The help center's own words that Material template overrides show.

They are marked with `N_()` so that Babel extracts them into the theme
catalog (see `kbgen.i18n.theme`), and reach the templates translated through
`extra.kbgen_ui` in each language's generated config.
"""

from __future__ import annotations

from gettext import NullTranslations


def N_(message: str) -> str:
    return message


# Strings the Material overrides show; translated per language into extra.kbgen_ui.
THEME_STRINGS: dict[str, str] = {
    # L10N: Question above the Yes and No buttons at the end of every page
    "feedback_question": N_("Was this page helpful?"),
    # L10N: Button label: the page was helpful (at most 12 characters)
    "feedback_yes": N_("Yes"),
    # L10N: Button label: the page was not helpful (at most 12 characters)
    "feedback_no": N_("No"),
    # L10N: Shown after a reader pressed Yes
    "feedback_thanks": N_("Thank you for your feedback!"),
    # L10N: Shown after a reader pressed No
    "feedback_sorry": N_("Thank you. Tell us what was missing through the contact page."),
    # L10N: Label of an announcement banner, before its text (at most 20 characters)
    "notice_announcement": N_("Announcement"),
    # L10N: Label of a maintenance banner, before its text (at most 20 characters)
    "notice_maintenance": N_("Maintenance"),
    # L10N: Label of an incident banner, before its text (at most 20 characters)
    "notice_incident": N_("Incident"),
    # L10N: Link at the end of a notice banner, followed by an arrow (at most 20 characters)
    "details": N_("Details"),
    # L10N: Button that hides a notice banner for good (at most 16 characters)
    "dismiss": N_("Dismiss"),
    # L10N: Button that shows the other current notices; {count} is filled in by the browser
    "more_notices": N_("+{count} more"),
    # L10N: Button that folds the other notices away again
    "fewer_notices": N_("Show less"),
    # L10N: Button that shows the whole of a long notice (cut to three lines on a phone)
    "whole_notice": N_("Show more"),
    # L10N: Title of the language's notice feeds (Atom and JSON Feed) for status pages and apps
    "notices_feed": N_("Notices"),
    # L10N: Text of a redirect page left at an article's old address, before the link to the new one
    "page_moved": N_("This page has moved:"),
    # L10N: Placeholder of the search box and title of the search page (at most 24 characters)
    "search": N_("Search"),
    # L10N: Label of the search box, read by screen readers and shown above it on the search page
    "search_label": N_("Search the help center"),
    # L10N: Hint under the search box: readers may type a whole question
    "search_hint": N_("Describe your problem in your own words"),
    # L10N: Shown when a search finds nothing, above a list of the most read articles
    "search_no_results": N_("No articles match your search. These answer the most common questions:"),
    # L10N: Shown before a corrected query when the reader's words had a typo ("Showing results for: password")
    "search_corrected": N_("Showing results for:"),
    # L10N: Heading of a list of the most read articles (search without results, contact page)
    "search_popular": N_("Most read articles"),
    # L10N: Link to the contact page under search results
    "search_contact": N_("Still stuck? Contact support"),
    # L10N: Tooltip of the language menu in the header
    "choose_language": N_("Choose your language"),
    # L10N: Tooltip and screen-reader label of the header button that turns on the dark colour scheme
    "palette_dark": N_("Switch to dark mode"),
    # L10N: Tooltip and screen-reader label of the header button that turns on the light colour scheme
    "palette_light": N_("Switch to light mode"),
    # L10N: Heading of the page shown for an address that does not exist
    "not_found_title": N_("Page not found"),
    # L10N: Text of the page shown for an address that does not exist
    "not_found_text": N_("The page you are looking for does not exist or has moved."),
    # L10N: Button label on the page shown for an address that does not exist (at most 32 characters)
    "back_home": N_("Back to the help center"),
}


def theme_strings(ui: NullTranslations) -> dict[str, str]:
    return {key: ui.gettext(text) for key, text in THEME_STRINGS.items()}
