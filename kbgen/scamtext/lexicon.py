"""What scam requests and security warnings are made of, per language.

Each language lists regular-expression fragments (matched case-insensitively,
from the start of a word where the script has words) for:

- secrets, by kind: `phrase` (recovery/seed phrase, 12/24 words), `key`
  (private key), `password`, `code` (2FA, SMS, one-time codes, backup key);
- verbs: `disclose` (send, share, give, tell, reply with), `enter` (type,
  enter, import, connect, validate), `pay` (send, deposit, transfer, pay) and
  `contact` (write to, add, message), in the forms a request takes;
- `purpose`: what scams say the payment or the secret is for (verify the
  account, unlock or release funds, activate, sync or validate a wallet);
- `dest`: where a secret goes when it leaves the official app (below, this
  link, the chat, to us);
- `neg`: negations (never, do not, no one) that turn a request into a warning;
- `frame`: words that report or describe a scam instead of making one
  (scammers, if someone asks, be wary of, for example).

Why a lexicon and not a model: every finding must say what it matched, the
lint must run offline in CI in milliseconds, and a reviewer must be able to
see why a sentence passed.
"""

from __future__ import annotations

import re
from functools import cache

# Shared by every language: the Latin-script words many languages keep as is.
COMMON = {
    "phrase": [r"seed[- ]?(?:phrase|words?)", r"mnemonic", r"(?:12|24)[- ]?(?:words?|palavras|palabras|mots|parole|wörter|kelime|слов|từ|kata|단어|単語|个|個)",
               r"recovery[- ]phrase", r"passphrase", r"助记词", r"助記詞"],
    "key": [r"private[- ]?key", r"keystore"],
    "password": [r"password", r"passcode", r"\bPIN\b"],
    "code": [r"2FA[- ]?(?:code|kod|код|코드|コード|码|碼|验证码|驗證碼)", r"\bOTP\b", r"SMS[- ]?(?:code|kod|код|코드|コード)", r"google authenticator", r"\bTOTP\b"],
    "crypto": [r"(?-i:(?<![A-Za-z])(?:BTC|ETH|USDT|USDC|BNB|SOL|XRP|TRX|LTC|DOGE|ADA|DAI|TON|MATIC)(?![A-Za-z]))", r"bitcoin", r"ethereum", r"tether",
               r"crypto", r"(?-i:\b(?:funds|balance|coins?|tokens?|assets)\b)", r"kripto", r"крипт", r"криптовалют", r"cripto", r"krypto", r"暗号資産", r"仮想通貨", r"加密货币", r"加密貨幣",
               r"虚拟货币", r"암호화폐", r"코인", r"العملات? المشفرة", r"tiền (?:mã hóa|điện tử)"],
    # Investment scams promise a daily yield: "earn 30% every day", "20 % diario".
    "purpose": [(r"\d+(?:[.,]\d+)? ?% (?:(?:a|per|every) day|daily|diario|al día|por día|por dia|ao dia|täglich|pro tag|par jour|"
                 r"quotidien|al giorno|в день|каждый день|ежедневно|на день|щодня|щоденно|günlük|her gün|per hari|setiap hari|"
                 r"mỗi ngày|يوميا|يوميًا)"),
                r"(?:daily|täglich|diario|quotidien|ежедневно|щодня|günlük|mỗi ngày|每天|每日|毎日|매일) \d+(?:[.,]\d+)? ?%",
                r"guaranteed (?:returns?|profits?)", r"rendite garantiert", r"garantizad[oa]", r"garanti(?:e|s)", r"гарантирован",
                r"每天\d", r"每日\d", r"毎日\d", r"매일 ?\d"],
    "messenger": [r"telegram", r"whats ?app", r"\bsignal\b", r"discord", r"wechat", r"viber", r"skype", r"kakao ?talk",
                  r"(?-i:(?<![A-Za-z])LINE(?![A-Za-z]))", r"微信", r"電報", r"电报", r"텔레그램", r"카카오톡", r"왓츠앱", r"테레그램", r"телеграм", r"ватсап",
                  r"вотсап", r"вайбер", r"واتساب", r"تيليجرام", r"تلغرام", r"テレグラム", r"ワッツアップ", r"ライン", r"zalo", r"imessage", r"snapchat"],
}

LEXICON: dict[str, dict[str, list[str]]] = {
    "en": {
        "phrase": [r"recovery (?:words|phrase)", r"secret (?:recovery )?phrase", r"backup phrase", r"wallet phrase",
                   r"(?:twelve|twenty-four)[- ]word", r"seed"],
        "key": [r"secret key", r"wallet key"],
        "password": [r"login details", r"credentials", r"sign-in details"],
        "code": [r"verification code", r"authenticat\w* code", r"security code", r"one-time (?:pass)?code", r"\d-digit code",
                 r"code (?:from|in|on) (?:your |the )?(?:authenticator|phone|sms|text|email|app)", r"code (?:we|I) (?:just )?sent",
                 r"backup key", r"(?:2fa|two-factor) code", r"code (?:\w+ ){0,4}?(?:by|via|in an?) (?:sms|text|e-?mail)",
                 r"code you (?:just )?(?:got|received)", r"code (?:we|I) (?:just )?(?:texted|e-?mailed|messaged)", r"backup code",
                 r"(?:2fa|two-factor) \w+ code", r"(?:\d|four|six|eight)[- ]digits?\b",
                 r"digits (?:we|I) (?:just )?(?:sent|texted)"],
        "disclose": [r"share", r"send", r"give", r"provide", r"submit", r"(?:reply|respond) (?:to [\w ]+ )?with", r"tell",
                     r"disclose", r"forward", r"read (?:out|back|it|them|me)", r"text", r"dm", r"message", r"upload",
                     r"screenshot", r"hand over", r"show"],
        "enter": [r"enter", r"type", r"input", r"paste", r"fill in", r"import", r"connect", r"sync", r"synchroni[sz]e",
                  r"validate", r"verify", r"key in", r"restore", r"link", r"submit", r"log in"],
        "pay": [r"send", r"pay", r"deposit", r"transfer", r"invest", r"top up", r"make a (?:payment|deposit|transfer)", r"fund",
                r"move", r"wire", r"settle", r"approve", r"sign (?:the|this) (?:transaction|approval|contract)", r"add (?:another|more|funds|\d)", r"invest"],
        "contact": [r"contact", r"message", r"dm", r"write", r"text", r"reach", r"add", r"chat", r"join", r"talk",
                    r"speak", r"call", r"ping", r"follow", r"get in touch", r"find"],
        "purpose": [r"verif\w*\s+(?:\w+\s+){0,3}?(?:account|wallet|ownership|identity|kyc|yourself|funds|address ownership)",
                    r"verification (?:fee|deposit|payment|amount|transaction|address)", r"unlock", r"release",
                    r"activat", r"unfreez", r"reactivat", r"validat(?!or)", r"sync", r"whitelist", r"unblock", r"rectif",
                    r"claim", r"airdrop", r"reward", r"(?:get|receive) \S+ (?:\w+ )?back", r"double", r"suspen",
                    r"avoid (?:being )?(?:locked|closed|frozen|loss|losing)", r"restore access", r"upgrade", r"migrat",
                    r"security deposit", r"processing fee", r"clearance", r"\btax\b", r"fix", r"secure (?:your )?(?:wallet|account|funds)",
                    r"recover (?:your )?(?:lost |stolen )?(?:funds|assets|crypto|coins)", r"on hold", r"frozen", r"locked",
                    r"(?:complete|finish|pass) (?:the |your )?verification", r"for verification", r"withdraw (?:your )?(?:\w+ )?(?:profits?|earnings|winnings|funds|balance|money)",
                    r"profits?", r"winnings", r"\bkyc\b", r"(?:safe|secure|protected|temporary|holding|escrow|vault)\s+(?:\w+\s+)?(?:wallet|vault|account|address)",
                    r"until the investigation", r"avoid (?:prosecution|legal action|penalt\w*|arrest|a fine|fines|charges)",
                    r"(?:can't|cannot|unable to) withdraw", r"(?:to|into) my (?:wallet|account|address)", r"new (?:contract|blockchain|chain)", r"(?:lift|remove) (?:the |this |any )?(?:restriction|limit|block|hold|suspension|freeze)", r"to (?:receive|get|claim|collect) (?:it|them|your|the)\b", r"prize", r"bonus", r"payout", r"giveaway", r"(?:receive|get|claim|release) (?:your |the )?refund"],
        "dest": [r"below", r"here\b", r"this (?:link|form|site|page|website|bot|chat|address|number|email)",
                 r"following (?:link|form|site|page|address)", r"in(?:to)? (?:the|this|our) form", r"in (?:the|this|our) chat", r"to us\b", r"with us\b", r"us\b",
                 r"to me\b", r"with me\b", r"\bme\b", r"(?:to|with) (?:our|the|my) (?:agent|team|support|engineer|admin|manager|specialist|officer)",
                 r"via (?:dm|direct message)", r"our (?:portal|tool|site|website|form|service|bot|app)\b", r"so (?:that )?(?:I|we|our \w+) can", r"on (?:the|our|this) (?:site|website|page|portal|form)"],
        "neg": [r"never", r"not\b", r"n't\b", r"no\b", r"nobody", r"no one", r"none", r"nothing", r"neither", r"nor\b",
                r"without", r"avoid (?:sharing|sending|entering|giving|typing|paying|clicking|replying)", r"refuse", r"stop (?:replying|sending|paying|all contact|talking)", r"keep \w+ (?:secret|private|safe|offline)", r"only you",
                r"for you alone", r"beware"],
        "frame": [r"if (?:someone|anyone|somebody|a person|they|a caller|a message|an email|a site|a website|you're asked|you are asked|you get|you receive|you shared|you sent|you entered|you gave)",
                  r"scam", r"fraud", r"impostor", r"imposter", r"phish", r"fake", r"be wary",
                  r"watch out", r"be careful", r"suspicious", r"(?:they|he|she|someone|anyone) (?:may|might|will|could|often|usually|typically|can)\b",
                  r"pretend", r"pose as", r"posing as", r"claim(?:s|ing)? to", r"report\w*", r"red flag", r"warning sign",
                  r"for example", r"such as", r"e\.g\.", r"trick", r"asks? you (?:to|for)", r"asking (?:you )?(?:to|for)",
                  r"asked (?:you )?(?:to|for)", r"you(?:'re| are) told", r"someone asks", r"anyone who", r"people who", r"say(?:s)? (?:that )?you (?:must|need|have)",
                  r"if you already", r"(?:may|might|will|could|often|usually|typically) (?:say|tell you|claim|insist|write)", r"look-alike", r"lookalike", r"impersonat", r"steal"],
    },
}

# Request forms in English: where a verb is an instruction to the reader.
EN_LEAD = r"(?:(?:please|kindly|pls|just|simply|now|then|and|also|first|quickly|immediately|urgently|so|or|next|to continue|to proceed)\W+)*"
EN_REQUEST = [
    r"^" + EN_LEAD + r"(?:{verbs})\b",
    r"\b(?:please|kindly|pls)\W+(?:\w+\W+){{0,3}}?(?:{verbs})\b",
    r"\byou(?:'ll| will)?\s+(?:\w+\s+)?(?:must|need to|have to|should|are required to|are requested to|will need to)\s+(?:\w+\s+)?(?:{verbs})\b",
    r"\b(?:can|could|would|will) you(?: please| kindly)?\s+(?:{verbs})\b",
    r"\b(?:I|we)(?:'d| would)?\s+(?:need|want|require|like)\s+you\s+to\s+(?:{verbs})\b",
    r"\b(?:required|requested|necessary|mandatory|asked) to\s+(?:{verbs})\b",
    r"\b(?:every|each|all) (?:customers?|users?|clients?|account holders?|members?) (?:must|needs? to|have to|has to|(?:is|are) required to)\s+(?:\w+\s+)?(?:{verbs})\b",
    r"^" + EN_LEAD + r"\w+\b.*\bby\s+(?:{gerunds})\b",  # "confirm your identity by sending the code"
    r"\b(?:please|kindly)\b.*\bby\s+(?:{gerunds})\b",
]
# First-person demands for a secret ("we need your seed phrase", "your PIN is required").
EN_DEMAND = r"\b(?:(?:I|we|our(?: \w+){1,2})(?:'ll| will)?\s+(?:need|require)s?\b|(?:is|are) (?:required|needed)\b)"


@cache
def words(lang: str, kind: str) -> re.Pattern[str] | None:
    """One compiled alternation of a language's `kind` fragments (with the shared ones), or None."""
    fragments = LEXICON.get(lang, {}).get(kind, []) + COMMON.get(kind, [])
    if not fragments:
        return None
    start = "" if lang in UNSPACED else r"(?<![^\W\d_])"
    if lang == "ar":  # the article and one-letter clitics attach to the word: الجائزة, وأرسل, لتفعيل
        start += r"(?:[وفبلك]?(?:ال|لل)?)"
    return re.compile(start + "(?:" + "|".join(fragments) + ")", re.IGNORECASE)


@cache
def en_request(kind: str) -> re.Pattern[str]:
    verbs = "|".join(LEXICON["en"][kind])
    gerunds = "|".join(_gerund(verb) for verb in LEXICON["en"][kind] if re.fullmatch(r"[a-z]+", verb))
    return re.compile("|".join(form.format(verbs=verbs, gerunds=gerunds) for form in EN_REQUEST), re.IGNORECASE)


def _gerund(verb: str) -> str:
    """send -> sending, share -> sharing, transfer -> transferr?ing."""
    if verb.endswith("e") and not verb.endswith("ee"):
        return verb[:-1] + "ing"
    if re.search(r"[^aeiou][aeiou][bdgmnprt]$", verb):
        return verb + verb[-1] + "?ing"
    return verb + "ing"


UNSPACED = {"ja", "zh-Hans", "zh-Hant", "ko"}  # scripts where a fragment may start mid-"word"
