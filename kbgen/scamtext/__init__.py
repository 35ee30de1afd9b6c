"""The scam-text safety lint: requests for secrets or crypto, and undeclared contact points.

A help center page that says "reply with your 12-word recovery phrase",
"send 0.1 BTC to verify your account" or "write to @support_desk on
Telegram" costs readers their money, whoever wrote it (a hostile
contributor, a compromised translator account). Legitimate security advice
talks about the same things ("we will never ask for your recovery
phrase"), so the lint looks at each sentence the way a reader does:

- a *request*: a verb that asks the reader to disclose, enter or pay
  (an imperative in English; the verb in the other languages), in the same
  clause as what it asks for (a recovery phrase, a private key, a password
  or a 2FA code; crypto with a purpose such as "to verify" or "to unlock");
- not a *warning*: no negation in the clause ("never", "nie", "jamais",
  "никогда", "絶対に…ない") and no reporting frame in the sentence
  ("scammers", "if someone asks", "for example"); a list under a heading or
  an intro such as "We will never ask you to:" inherits the intro's negation;
- every contact point (domain, e-mail address, handle, phone number,
  messenger link, in plain text or in a link) must be declared; a domain that
  folds to a declared one (0/o, 1/l, rn/m, Cyrillic and Greek look-alikes,
  punycode) or is a small edit away is reported as a look-alike.

Each finding names what it matched, so a writer sees why. Only the standard
library is used: content validation and translation QA both call this.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import lru_cache

from kbgen.scamtext import lexicon
from kbgen.scamtext.contacts import NOTHING_DECLARED, ContactPoint, Declared, contact_points, host_of, lookalike_of
from kbgen.scamtext.lexicon_intl import FORMS, INTL, MARKERS
from kbgen.scamtext.text import Sentence, sentences

lexicon.LEXICON.update(INTL)

__all__ = ["MARKER", "NOTHING_DECLARED", "Declared", "Finding", "added", "scan"]

# `# kbgen: allow scam-text <reason>` (YAML comment) or `[//]: # (kbgen: allow scam-text <reason>)` (Markdown).
MARKER = re.compile(r"kbgen:\s*allow\s+scam-text\b[ \t]*([^)\n]*)")

_SECRET_NAMES = {
    "phrase": "a recovery phrase",
    "key": "a private key",
    "password": "a password",
    "code": "a 2FA or one-time code",
}
_FEE = re.compile(
    r"\d+(?:[.,]\d+)?\s*(?:%|(?-i:[A-Z]{3,5})(?![A-Za-z]))|[$€£¥]\s?\d|\d\s?[$€£¥]|\bfee|\bcharge|\btax\b|frais|caution|tarifa|"
    r"comisi|taxa|gebühr|kaution|commission|комисси|плат|комісі|ücret|biaya|phí|رسوم|手数料|수수료|手续费|手續費|"
    r"保证金|保證金|費用|费用|\bamount\b|gastos|cargos|taxe|impuesto|imposto|tassa|steuer|налог|податок|vergi|pajak|thuế|ضريبة|税金|세금|税款|稅金",
    re.IGNORECASE,
)
_FEE_DEMAND = re.compile(
    r"\b(?:fee|payment|deposit|tax|charge)\b.{0,60}?\b(?:(?:is|are) (?:required|needed|due|mandatory)|"
    r"(?:must|has to|have to|needs? to|should) be (?:paid|sent|deposited|transferred|settled))\b|"
    r"\b(?:required|mandatory) (?:fee|payment|deposit)",
    re.IGNORECASE,
)
# Frames in which a contact point is shown as an example of what not to trust.
_EXAMPLE = re.compile(
    r"for example|such as|e\.g\.|look-?alike|fake|phishing|spoof|impostor|imitation|counterfeit|scam", re.IGNORECASE
)
_ENDORSE = re.compile(
    r"\b(?:official|our|real|genuine|legitimate|only|visit|go to|contact|write|call|message|open|click|"
    r"log ?in|sign ?in|use|at|via|on)\b",
    re.IGNORECASE,
)
_SOV = {"ja", "ko", "tr", "zh-Hans", "zh-Hant"}  # verb-final: the noun may sit in the clause before the verb


@dataclass(frozen=True)
class Finding:
    """One reason to think a sentence is a scam, with what it matched."""

    kind: str  # secret-request | payment-request | contact-directive | lookalike | contact
    subject: str  # what is asked for or where the reader is sent: "phrase", "crypto", "telegram", a host, a handle
    message: str
    line: int  # 1-based line in the scanned text

    @property
    def key(self) -> tuple[str, str]:
        """What a translation may carry over from its source without being blamed for it."""
        return (self.kind, self.subject)


def scan(text: str, lang: str = "en", declared: Declared = NOTHING_DECLARED) -> list[Finding]:
    """Every finding in a Markdown or plain text, in order."""
    lang = lang if lang in lexicon.LEXICON else lang.split("-")[0] if lang.split("-")[0] in lexicon.LEXICON else "en"
    findings: list[Finding] = []
    for sentence in sentences(text, lang):
        findings += _requests(sentence, lang, declared)
        findings += _contacts(sentence, lang, declared)
    return findings


def added(source: str, translation: str, lang: str, declared: Declared = NOTHING_DECLARED) -> list[Finding]:
    """What a translation says that its source does not: its findings whose kind and subject the source lacks.

    A translation of a warning that quotes a look-alike domain keeps the
    domain; a translation that turns "never share your recovery phrase"
    into "share your recovery phrase", or adds a handle, is reported.
    """
    known = _source_keys(source, declared)
    return [f for f in scan(translation, lang, declared) if f.key not in known]


@lru_cache(maxsize=4096)
def _source_keys(source: str, declared: Declared) -> frozenset[tuple[str, str]]:
    """What the English source already says (cached: each source is checked against every language)."""
    known = {f.key for f in scan(source, "en", declared)}
    known |= {
        ("contact", host_of(c.value) if c.kind in ("domain", "email") else c.value.lower())
        for c in contact_points(source)
    }
    known |= {("lookalike", k[1]) for k in known if k[0] == "contact"}
    return frozenset(known)


def _requests(sentence: Sentence, lang: str, declared: Declared) -> list[Finding]:
    text = sentence.masked
    if sentence.inherited or _has(lang, "frame", text):
        return []
    findings = []
    undeclared = any(not declared.allows(c) for c in sentence.contacts)
    purpose = _has(lang, "purpose", text)
    destination = _has(lang, "dest", text) or undeclared
    carried = False
    for clause in sentence.clauses:
        if _has(lang, "neg", clause) or (carried and _leads_with_verb(lang, clause)):
            # "Never click links, share your phrase or send crypto": the negation governs the list.
            carried = carried or _governs(lang, clause)
            continue
        scope = text if lang in _SOV else clause
        secrets = [kind for kind in _SECRET_NAMES if _has(lang, kind, scope)]
        secret = next((k for k in secrets if k in ("phrase", "key")), secrets[0] if secrets else None)
        if secret and (
            _asks(lang, "disclose", clause, text)
            or (lang == "en" and re.search(lexicon.EN_DEMAND, clause, re.IGNORECASE))
        ):
            findings.append(
                _finding(
                    "secret-request", secret, f"asks the reader to share {_SECRET_NAMES[secret]}", clause, sentence
                )
            )
        elif (
            secret and _asks(lang, "enter", clause, text) and (destination or (purpose and secret in ("phrase", "key")))
        ):
            findings.append(
                _finding(
                    "secret-request",
                    secret,
                    f"asks the reader to enter {_SECRET_NAMES[secret]} outside the official app",
                    clause,
                    sentence,
                )
            )
        elif (
            (_asks(lang, "pay", clause, text) or (lang == "en" and _FEE_DEMAND.search(clause)))
            and purpose
            and (_has(lang, "crypto", text) or _FEE.search(text))
        ):
            findings.append(
                _finding(
                    "payment-request",
                    "crypto",
                    "asks the reader to send crypto or pay a fee to verify, unlock or release funds",
                    clause,
                    sentence,
                )
            )
        elif _asks(lang, "contact", clause, text) and (channel := _undeclared_messenger(lang, text, declared)):
            findings.append(
                _finding(
                    "contact-directive",
                    channel.lower(),
                    f"sends the reader to {channel}, which is not a declared channel",
                    clause,
                    sentence,
                )
            )
    return findings[:1] if findings else []


def _contacts(sentence: Sentence, lang: str, declared: Declared) -> list[Finding]:
    example = _EXAMPLE.search(sentence.plain) and not _ENDORSE.search(_EXAMPLE.sub("", sentence.plain))
    findings = []
    for point in sentence.contacts:
        if declared.allows(point) or (example and point.kind in ("domain", "email")):
            continue
        findings.append(_contact_finding(point, declared, sentence.line_of(point.start)))
    return findings


def _contact_finding(point: ContactPoint, declared: Declared, line: int) -> Finding:
    if point.kind in ("domain", "email"):
        host = host_of(point.value)
        imitated = lookalike_of(host, declared)
        if imitated:
            return Finding(
                "lookalike", host, f"look-alike domain '{point.value}' (resembles the declared '{imitated}')", line
            )
        return Finding(
            "contact",
            host,
            f"undeclared {point.label} '{point.value}' (declare the domain in "
            "extra.kbgen.external_domains or content/contact.yaml)",
            line,
        )
    return Finding(
        "contact",
        point.value.lower(),
        f"undeclared {point.label} '{point.value}' (declare it in content/contact.yaml)",
        line,
    )


def _finding(kind: str, subject: str, what: str, clause: str, sentence: Sentence) -> Finding:
    excerpt = " ".join(clause.split())
    excerpt = excerpt if len(excerpt) <= 80 else excerpt[:79] + "…"
    return Finding(kind, subject, f'{what}: "{excerpt}"', sentence.line)


def _has(lang: str, kind: str, text: str) -> bool:
    pattern = lexicon.words(lang, kind)
    return bool(pattern and pattern.search(text))


def _asks(lang: str, kind: str, clause: str, sentence: str = "") -> bool:
    """A request in the clause: an English imperative or modal request, or the verb in other languages."""
    if lang == "en":
        return any(lexicon.en_request(kind).search(part.strip()) for part in re.split(r"\b(?:and|then|or)\b", clause))
    pattern = lexicon.words(lang, kind)
    if pattern is None:
        return False
    if lang in MARKERS:
        marker, verb_first = MARKERS[lang]
        if re.search(marker, clause, re.IGNORECASE):
            # "我们通过邮件发送的验证码": a verb before 的 describes a noun ("the code we sent"), it asks nothing.
            return any(not clause[m.end() :].startswith("的") for m in pattern.finditer(clause))
        lead = re.match(r"\W*(?:您|你|先|立即|马上|馬上|ngay|segera)?\s*", clause)
        assert lead is not None  # the pattern matches the empty string
        return verb_first and bool(pattern.match(clause, lead.end()))
    if lang not in FORMS:
        return bool(pattern.search(clause))
    request, infinitive, modal = FORMS[lang]
    for match in pattern.finditer(clause):
        if _PASSIVE.search(clause[: match.start()]):
            continue  # "se paga a los mineros", "é paga": said of a fee, not asked of the reader
        if " " in match.group(0).strip():  # "faça um depósito": the request form is the first word's
            word = match.group(0).split()[0]
        else:
            rest = re.match(r"[\w'-]*", clause[match.end() :])
            assert rest is not None  # the pattern matches the empty string
            word = match.group(0) + rest.group(0)
        word = word.lower().split("-")[0] if lang != "pt-BR" else word.lower()
        if re.search(infinitive, word) and re.search(modal, sentence or clause, re.IGNORECASE):
            return True
        if lang == "de" and re.match(r"[\w-]*\s+sie\b", clause[match.end() :], re.IGNORECASE):
            return True  # "schreiben Sie", "senden Sie": the polite imperative
        if (lang in ("tr", "de") and word == match.group(0).lower()) or (
            re.search(request, word) and not re.search(infinitive, word)
        ):
            return True
    return False


_PASSIVE = re.compile(r"(?:^|\s)(?:se|é|são|foi|si|wird|werden)\s+$", re.IGNORECASE)


def _undeclared_messenger(lang: str, text: str, declared: Declared) -> str | None:
    messengers = lexicon.words(lang, "messenger")
    assert messengers is not None  # the messenger names are shared by every language (lexicon.COMMON)
    match = messengers.search(text)
    if match is None or match.group(0).lower() in declared.channels:
        return None
    return match.group(0)


_ACTIONS = re.compile(
    r"\b(?:click|open|install|download|trust|follow|reply|respond|tap|accept|approve|sign|scan|visit|see|store|keep|save|hold|"
    r"ask|need|request|collect|access|call|e-?mail|know|have|use|contact)\b",
    re.IGNORECASE,
)


# "We will never ask you, ...": a negated request to the reader governs the clauses that say what.
_ASK = re.compile(
    r"\b(?:ask|request|bitt|aufforder|verlang|frag|demand|pid|ped|chied|прос|попрос|требо|isteme|iste|meminta|"
    r"yêu cầu)|طلب|求め|요청|요구|要求|索要|索取",
    re.IGNORECASE,
)


def _governs(lang: str, clause: str) -> bool:
    """A negated clause that names an action: its negation carries to the actions listed after it."""
    return (
        any(_has(lang, kind, clause) for kind in ("disclose", "enter", "pay", "contact", *_SECRET_NAMES))
        or bool(_ASK.search(clause))
        or (lang == "en" and bool(_ACTIONS.search(clause)))
    )


def _leads_with_verb(lang: str, clause: str) -> bool:
    if lang != "en":
        return True
    return bool(re.match(r"\s*(?:or|and|nor)?\s*\w+", clause)) and not re.match(
        r"\s*(?:(?:or|and|but)\s+)?(?:please|kindly|now|instead|rather)\b", clause, re.IGNORECASE
    )
