"""The help center's own words that Material template overrides show.

They are marked with `N_()` so that Babel extracts them into the theme
catalog (see `kbgen.i18n.theme`), and reach the templates translated through
`extra.kbgen_ui` in each language's generated config.
"""

from __future__ import annotations

from gettext import NullTranslations


def N_(message: str) -> str:  # noqa: N802 - the gettext convention for "mark, translate later"
    return message


# Strings the Material overrides show; translated per language into extra.kbgen_ui.
THEME_STRINGS: dict[str, str] = {
    "feedback_question": N_("Was this page helpful?"),
    "feedback_yes": N_("Yes"),
    "feedback_no": N_("No"),
    "feedback_thanks": N_("Thank you for your feedback!"),
    "feedback_sorry": N_("Thank you. Tell us what was missing through the contact page."),
    "notice_announcement": N_("Announcement"),
    "notice_maintenance": N_("Maintenance"),
    "notice_incident": N_("Incident"),
    "details": N_("Details"),
    "search": N_("Search"),
    "search_label": N_("Search the help center"),
    "search_hint": N_("Describe your problem in your own words"),
    "search_no_results": N_("No articles match your search. These answer the most common questions:"),
    "search_corrected": N_("Showing results for:"),
    "search_popular": N_("Most read articles"),
    "search_contact": N_("Still stuck? Contact support"),
    "choose_language": N_("Choose your language"),
    "not_found_title": N_("Page not found"),
    "not_found_text": N_("The page you are looking for does not exist or has moved."),
    "back_home": N_("Back to the help center"),
}


def theme_strings(ui: NullTranslations) -> dict[str, str]:
    return {key: ui.gettext(text) for key, text in THEME_STRINGS.items()}
