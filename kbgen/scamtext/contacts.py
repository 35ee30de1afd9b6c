"""Contact points in text (domains, e-mail addresses, handles, phone numbers) and look-alike domains.

A help center sends readers only to the channels it declares; anything
else in its text is where a scam would send them. Domains are found in
plain text as well as in links, in any script: a domain label may mix
Latin with Cyrillic or Greek letters (the classic look-alike), and a
punycode label (`xn--`) is decoded before it is compared.
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Iterable
from dataclasses import dataclass, field

from kbgen.scamtext.lexicon import COMMON

_MESSENGER = re.compile("|".join(COMMON["messenger"]), re.IGNORECASE)

# Top-level domains recognized in plain text. Links are checked whatever their
# TLD; plain text needs a list, or "file.name" and "e.g" would be domains.
# fmt: off
_TLDS = ["com", "net", "org", "info", "biz", "io", "co", "app", "dev", "xyz", "online", "site", "website", "top", "club", "shop", "store", "live", "pro", "tech", "cloud", "link", "click", "help", "support", "services", "finance", "financial", "money", "exchange", "trade", "trading", "wallet", "crypto", "bank", "cash", "capital", "market", "markets", "global", "world", "network", "digital", "one", "vip", "asia", "eu", "us", "uk", "de", "fr", "es", "it", "nl", "be", "ch", "at", "pl", "ru", "su", "ua", "by", "kz", "tr", "br", "mx", "ar", "cl", "pe", "in", "id", "vn", "th", "ph", "my", "sg", "hk", "tw", "cn", "jp", "kr", "au", "nz", "ca", "za", "ng", "ke", "ae", "sa", "qa", "eg", "ir", "pk", "bd", "lk", "cc", "tv", "ws", "me", "to", "gg", "im", "li", "lu", "pt", "gr", "ro", "cz", "sk", "hu", "se", "no", "dk", "fi", "ie", "is", "ee", "lv", "lt", "bg", "hr", "si", "rs", "ba", "mk", "al", "md", "ge", "am", "az", "uz", "kg", "tj", "ly", "ma", "tn", "dz", "gs", "la", "fm", "am", "cx", "ai", "gov", "edu", "mobi", "name", "icu", "vip", "buzz", "win", "bid", "loan", "work", "today", "email", "team", "zone", "center", "group", "company", "solutions", "systems", "page", "space", "fun", "ltd", "inc", "llc", "cc", "gl", "ly", "tk", "ml", "ga", "cf", "gq"]
# fmt: on
TLDS = frozenset(_TLDS)
# Country codes that are also file extensions: a domain in plain text only with a path or "www."
_FILE_LIKE = frozenset(
    {"py", "md", "sh", "pl", "rs", "ps", "so", "in", "it", "to", "me", "is", "at", "be", "no", "am", "us"}
)

_LETTER = r"[0-9a-z\u00c0-\u024f\u0370-\u03ff\u0400-\u04ff]"
_LABEL = rf"(?:xn--[0-9a-z-]+|{_LETTER}(?:[0-9a-z\u00c0-\u024f\u0370-\u03ff\u0400-\u04ff-]*{_LETTER})?)"
_NOT_HOST = r"[0-9a-z_\u00c0-\u024f\u0370-\u03ff\u0400-\u04ff@.-]"
DOMAIN = re.compile(
    rf"(?<!{_NOT_HOST})((?:https?://)?(?:www\.)?(?:{_LABEL}\.)+([a-z]{{2,24}}|xn--[0-9a-z-]+))(?![0-9a-z_\u00c0-\u024f\u0370-\u03ff\u0400-\u04ff-])(/[^\s)\]>\"'`，。、]*)?",
    re.IGNORECASE,
)
EMAIL = re.compile(
    r"(?<![A-Za-z0-9_.+-])[A-Za-z0-9_.+-]+@((?:[A-Za-z0-9-]+\.)+[a-z]{2,24})(?![A-Za-z0-9-])", re.IGNORECASE
)
HANDLE = re.compile(r"(?<![A-Za-z0-9_@./])@([A-Za-z][A-Za-z0-9_]{2,31})(?![A-Za-z0-9_@-]|\.[a-z])")
MESSENGER_LINK = re.compile(
    r"(?<![A-Za-z0-9_.-])(?:https?://)?(?:t\.me|telegram\.me|wa\.me|api\.whatsapp\.com|chat\.whatsapp\.com|"
    r"discord\.gg|line\.me|signal\.me)/[^\s)\]>\"'`]+",
    re.IGNORECASE,
)
# A phone number: international (+...), with an area code in parentheses, or a national number that starts
# with 0 in groups (0812-3456-7890); 8 to 15 digits.
PHONE = re.compile(
    r"(?<![A-Za-z0-9_+.,])(?:\+\d{1,3}[\s.-]?(?:\(\d{1,4}\)[\s.-]?)?\d[\d\s.-]{5,}\d|\(\d{2,4}\)\s?\d{3,5}[\s.-]\d{4}"
    r"|0\d{2,4}[\s-]\d{3,4}[\s-]\d{3,4})(?![A-Za-z0-9]|[.,]\d)"
)


@dataclass(frozen=True)
class Declared:
    """The contact points a project declares: its domains (with subdomains), e-mail addresses, handles and phones."""

    domains: tuple[str, ...] = ()
    emails: tuple[str, ...] = ()
    handles: tuple[str, ...] = ()
    phones: tuple[str, ...] = ()
    channels: tuple[str, ...] = ()  # messengers the contact page names (telegram, whatsapp)

    @classmethod
    def of(cls, domains: Iterable[str] = (), texts: Iterable[str] = ()) -> Declared:
        """Declared domains plus every contact point named in `texts` (a contact page's addresses and descriptions)."""
        texts = tuple(texts)
        found = [c for text in texts for c in contact_points(text)]
        urls = [c.value for c in found if c.kind in ("domain", "email")]
        return cls(
            domains=tuple(sorted({d.lower().strip(".") for d in domains} | {host_of(u) for u in urls if host_of(u)})),
            emails=tuple(sorted({c.value.lower() for c in found if c.kind == "email"})),
            handles=tuple(sorted({c.value.lower() for c in found if c.kind == "handle"})),
            phones=tuple(sorted({digits(c.value) for c in found if c.kind == "phone"})),
            channels=tuple(sorted({m.group(0).lower() for text in texts for m in _MESSENGER.finditer(text)})),
        )

    def allows(self, point: ContactPoint) -> bool:
        if point.kind == "handle":
            return point.value.lower() in self.handles
        if point.kind == "phone":
            return digits(point.value) in self.phones
        host = host_of(point.value)
        return any(host == d or host.endswith("." + d) for d in self.domains)


NOTHING_DECLARED = Declared()


@dataclass(frozen=True)
class ContactPoint:
    kind: str  # domain | email | handle | phone | messenger-link
    value: str  # as written
    start: int
    end: int = field(default=0, compare=False)

    @property
    def label(self) -> str:
        names = {
            "domain": "domain",
            "email": "e-mail address",
            "handle": "handle",
            "phone": "phone number",
            "messenger-link": "messenger link",
        }
        return names[self.kind]


def contact_points(text: str) -> list[ContactPoint]:
    """Every contact point in `text`, left to right, each once (an e-mail's domain is not repeated)."""
    found: list[ContactPoint] = []
    taken: list[tuple[int, int]] = []

    def add(kind: str, match: re.Match[str], value: str | None = None) -> None:
        span = match.span()
        if not any(a < span[1] and span[0] < b for a, b in taken):
            taken.append(span)
            found.append(ContactPoint(kind, value or match.group(0), span[0], span[1]))

    for match in MESSENGER_LINK.finditer(text):
        add("messenger-link", match)
    for match in EMAIL.finditer(text):
        add("email", match)
    for match in DOMAIN.finditer(text):
        if _is_domain(match):
            add("domain", match, match.group(1) + (match.group(3) or "").rstrip(".,;:!?"))
    for match in HANDLE.finditer(text):
        add("handle", match)
    for match in PHONE.finditer(text):
        if 8 <= len(digits(match.group(0))) <= 15 and not re.fullmatch(r"\d{4}-\d{2}-\d{2}", match.group(0).strip()):
            add("phone", match)
    return sorted(found, key=lambda c: c.start)


def _is_domain(match: re.Match[str]) -> bool:
    whole, tld, path = match.group(1), match.group(2).lower(), match.group(3)
    if tld.startswith("xn--") or whole.lower().startswith(("http://", "https://", "www.")):
        return True
    if tld not in TLDS:
        return False
    return tld not in _FILE_LIKE or bool(path)


def host_of(value: str) -> str:
    """The host of a URL, domain or e-mail address, lower-case, punycode decoded."""
    value = value.split("@")[-1]
    value = re.sub(r"^https?://", "", value, flags=re.IGNORECASE).split("/")[0].split(":")[0].strip(".").lower()
    return ".".join(_decode(label) for label in value.split("."))


def _decode(label: str) -> str:
    if label.startswith("xn--"):
        try:
            return label[4:].encode("ascii").decode("punycode")
        except UnicodeError:
            return label
    return label


def digits(value: str) -> str:
    return re.sub(r"\D", "", value)


# Letters that look alike, folded to one skeleton (after NFKD, which drops accents).
_CONFUSABLE = str.maketrans(
    {
        "0": "o",
        "1": "l",
        "i": "l",
        "|": "l",
        "3": "e",
        "5": "s",
        "@": "a",
        "$": "s",
        "а": "a",
        "е": "e",
        "о": "o",
        "р": "p",
        "с": "c",
        "у": "y",
        "х": "x",
        "і": "l",
        "ј": "j",
        "к": "k",
        "м": "m",
        "н": "h",
        "т": "t",
        "в": "b",
        "ѕ": "s",
        "ԁ": "d",
        "ԛ": "q",
        "ԝ": "w",
        "һ": "h",
        "ӏ": "l",
        "ɡ": "g",
        "α": "a",
        "β": "b",
        "ε": "e",
        "ι": "l",
        "κ": "k",
        "ν": "v",
        "ο": "o",
        "ρ": "p",
        "τ": "t",
        "υ": "u",
        "χ": "x",
        "ω": "w",
    }
)


def skeleton(host: str) -> str:
    """A host folded so that look-alikes meet: harb0r-example.com and hаrbor.example.com both give harborexample.com-ish keys."""
    text = unicodedata.normalize("NFKD", host.lower())
    text = "".join(ch for ch in text if not unicodedata.combining(ch)).translate(_CONFUSABLE)
    return text.replace("rn", "m").replace("vv", "w").replace("cl", "d").replace("-", "").replace(".", "")


def lookalike_of(host: str, declared: Declared) -> str | None:
    """The declared domain that `host` imitates, if any: same skeleton, a small edit, or its name inside another domain."""
    host = host_of(host)
    shape = skeleton(host)
    for domain in declared.domains:
        if host == domain or host.endswith("." + domain):
            return None
    for domain in declared.domains:
        target = skeleton(domain)
        core = skeleton(domain.rsplit(".", 1)[0])
        if shape == target or (len(target) >= 6 and _distance(shape, target) <= (1 if len(target) < 10 else 2)):
            return domain
        if len(core) >= 5 and core in shape:
            return domain
    return None


def _distance(a: str, b: str) -> int:
    """Damerau-Levenshtein (optimal string alignment) distance."""
    previous2: list[int] = []
    previous = list(range(len(b) + 1))
    for i, ca in enumerate(a, 1):
        current = [i]
        for j, cb in enumerate(b, 1):
            cost = min(previous[j] + 1, current[j - 1] + 1, previous[j - 1] + (ca != cb))
            if i > 1 and j > 1 and ca == b[j - 2] and a[i - 2] == cb:
                cost = min(cost, previous2[j - 2] + 1)
            current.append(cost)
        previous2, previous = previous, current
    return previous[-1]
