"""One table that names each language in every system kbgen talks to.

Babel (CLDR) supplies native names and text direction, so a language added
in configuration needs no hand-written entry; the table only records where
other systems spell a language differently.
"""

from __future__ import annotations

from dataclasses import dataclass
from functools import cache

from babel import Locale, UnknownLocaleError
from babel.core import get_global


@dataclass(frozen=True)
class Language:
    code: str  # kbgen's code: URL prefix, folder names, configuration
    babel: str  # Babel/CLDR locale and PO folder name
    material: str  # Material's theme.language
    html: str  # <html lang> and hreflang (BCP 47)
    argos: str  # Argos Translate package code
    direction: str  # "ltr" or "rtl"
    name: str  # native name, for the language switcher
    og_locale: str = ""  # Open Graph's og:locale: language_TERRITORY (CLDR's likely territory when none is given)


SOURCE_LANGUAGE = "en"
DEFAULT_TARGETS = (
    "ar",
    "de",
    "es",
    "fr",
    "id",
    "it",
    "ja",
    "ko",
    "pt-BR",
    "ru",
    "tr",
    "uk",
    "vi",
    "zh-Hans",
    "zh-Hant",
)

# Where a system spells a language differently from kbgen's code.
_OVERRIDES: dict[str, dict[str, str]] = {
    "pt-BR": {"material": "pt-BR", "argos": "pt"},
    "zh-Hans": {"material": "zh", "argos": "zh"},
    "zh-Hant": {"material": "zh-Hant", "argos": "zt"},
}


class UnknownLanguage(ValueError):
    """A language code that CLDR does not know."""


@cache
def language(code: str) -> Language:
    """The Language for a kbgen code such as `pt-BR`; raise UnknownLanguage if CLDR has no such locale."""
    babel_code = code.replace("-", "_")
    try:
        locale = Locale.parse(babel_code)
    except (UnknownLocaleError, ValueError):
        raise UnknownLanguage(
            f"unknown language '{code}' (expected a locale such as 'de', 'pt-BR' or 'zh-Hant')"
        ) from None
    overrides = _OVERRIDES.get(code, {})
    return Language(
        code=code,
        babel=str(locale),
        material=overrides.get("material", code),
        html=code,
        argos=overrides.get("argos", code.split("-")[0]),
        direction="rtl" if locale.character_order == "right-to-left" else "ltr",
        name=_title(locale.get_display_name(locale) or code),
        og_locale=_og_locale(locale),
    )


def _og_locale(locale: Locale) -> str:
    """`de` -> `de_DE`, `zh_Hans` -> `zh_CN`, `pt_BR` -> `pt_BR`: Open Graph names a language with a territory."""
    territory = locale.territory
    if not territory:
        likely = get_global("likely_subtags")
        for key in (f"{locale.language}_{locale.script}" if locale.script else "", locale.language):
            if key in likely:
                territory = Locale.parse(likely[key]).territory
                break
    return f"{locale.language}_{territory}" if territory else locale.language


def _title(name: str) -> str:
    # CLDR gives some native names in lower case ("español"); a switcher shows them capitalized.
    return name[:1].upper() + name[1:]
