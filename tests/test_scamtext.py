"""The scam-text detector, signal by signal and language by language (kbgen.scamtext)."""

from __future__ import annotations

import pytest

from kbgen.scamtext import Declared, added, scan

DECLARED = Declared.of(
    ["kestrelx.com"], ["Write to support@kestrelx.com or chat with us at https://help.kestrelx.com/chat"]
)


def kinds(text: str, lang: str = "en") -> list[str]:
    return [f.kind for f in scan(text, lang, DECLARED)]


# ------------------------------------------------------------------ requests for secrets


@pytest.mark.parametrize(
    "text",
    [
        "Please reply with your 12-word recovery phrase to keep your account open.",
        "Kindly share the 6-digit code we just sent you.",
        "We need your seed phrase to finish the security review.",
        "Could you send me your private key so I can move the funds?",
        "Enter your recovery phrase on the form below to validate your wallet.",
        "Type your password into this chat and our agent will check it.",
    ],
)
def test_requests_for_secrets_are_reported(text):
    assert kinds(text) == ["secret-request"]


def test_a_finding_says_what_it_matched():
    [finding] = scan("Hello from support. Please reply with your 12-word recovery phrase.", "en", DECLARED)
    assert (
        finding.message
        == 'asks the reader to share a recovery phrase: "Please reply with your 12-word recovery phrase."'
    )
    assert finding.line == 1


@pytest.mark.parametrize(
    "text",
    [
        "We will never ask for your recovery phrase.",
        "Never share your 2FA code, even with someone who says they work for us.",
        "Support will never ask you to send crypto to verify your account.",
        "No one from Kestrel will ask for your private key.",
        "Do not click links, share your recovery phrase or install apps that strangers send you.",
        "If someone asks for your seed phrase, it is a scam.",
        "Scammers may tell you to enter your password on a fake site.",
        "Enter the 6-digit code from your authenticator app to sign in.",
        "Write your recovery phrase on paper and store it offline.",
        "To restore your wallet, open the app and enter your recovery phrase.",
    ],
)
def test_warnings_and_ordinary_help_pass(text):
    assert kinds(text) == []


def test_a_list_under_a_negated_intro_reads_as_warnings():
    text = "## We will never ask you to\n\n- Share your recovery phrase.\n- Tell us your password.\n- Send crypto to a new address.\n"
    assert kinds(text) == []
    assert kinds(text.replace("will never ask", "ask")) == ["secret-request", "secret-request"]


def test_a_long_quotation_is_reported_speech():
    assert (
        kinds('A fake giveaway says "Send 0.1 BTC and get 0.2 BTC back to verify your wallet." You never get it back.')
        == []
    )


# ------------------------------------------------------------------ requests for crypto


@pytest.mark.parametrize(
    "text",
    [
        "Send 0.05 BTC to the address below to verify ownership of your wallet.",
        "Pay the 10% release fee to unlock your funds.",
        "To activate your account, deposit 0.2 ETH as a security deposit.",
        "You must pay a 2% tax before your funds can be released.",
    ],
)
def test_requests_for_crypto_with_a_purpose_are_reported(text):
    assert kinds(text) == ["payment-request"]


@pytest.mark.parametrize(
    "text",
    [
        "Send a small test amount first.",
        "Deposits need 2 confirmations before they are credited.",
        "We never charge a fee to unlock your account.",
        "See verify your identity and deposit and withdrawal limits.",
    ],
)
def test_ordinary_payment_help_passes(text):
    assert kinds(text) == []


# ------------------------------------------------------------------ contact points

DECLARE_DOMAIN = "(declare the domain in extra.kbgen.external_domains or content/contact.yaml)"


@pytest.mark.parametrize(
    "text, message",
    [
        (
            "Questions? @KestrelX_Helpdesk answers fast.",
            "undeclared handle '@KestrelX_Helpdesk' (declare it in content/contact.yaml)",
        ),
        (
            "Join t.me/kestrelx_support for help.",
            "undeclared messenger link 't.me/kestrelx_support' (declare it in content/contact.yaml)",
        ),
        (
            "Call +1 (415) 555-0192 now.",
            "undeclared phone number '+1 (415) 555-0192' (declare it in content/contact.yaml)",
        ),
        ("Write to help@kestrel-desk.io.", f"undeclared e-mail address 'help@kestrel-desk.io' {DECLARE_DOMAIN}"),
        ("Go to walletconnect-sync.io/start.", f"undeclared domain 'walletconnect-sync.io/start' {DECLARE_DOMAIN}"),
        (
            "Open [your dashboard](https://dash-portal.net/login).",
            f"undeclared domain 'https://dash-portal.net/login' {DECLARE_DOMAIN}",
        ),
    ],
)
def test_undeclared_contact_points_are_reported(text, message):
    assert [f.message for f in scan(text, "en", DECLARED)] == [message]


@pytest.mark.parametrize(
    "host",
    [
        "kestre1x.com",  # 1 for l
        "kestrelx-support.com",  # the brand inside another domain
        "kеstrelx.com",  # Cyrillic е
        "xn--kstrelx-3jf.com",  # punycode of a look-alike
        "kestrelx.co",  # one edit away
        "help.kestrelx.com.verify-login.io",  # the declared domain as a subdomain
    ],
)
def test_look_alike_domains_are_named(host):
    [finding] = scan(f"Sign in at {host}/login now.", "en", DECLARED)
    assert finding.kind == "lookalike"
    assert finding.message.startswith(f"look-alike domain '{host}/login' (resembles the declared ")


def test_rn_for_m_is_a_look_alike():
    declared = Declared.of(["harbormail.com"])
    assert [f.kind for f in scan("Log in at harborrnail.com today.", "en", declared)] == ["lookalike"]


@pytest.mark.parametrize(
    "text",
    [
        "Visit help.kestrelx.com or write to support@kestrelx.com.",
        "Check the status at https://status.kestrelx.com.",
        "For example `kestre1x.com` or `kestrelx-support.com` are look-alike addresses.",
        "Files such as report.pdf, app.py or README.md are not domains, e.g. this one.",
        "Deposits arrived on 2026-11-04 at 09:00 after 12 confirmations.",
    ],
)
def test_declared_contacts_and_ordinary_text_pass(text):
    assert kinds(text) == []


def test_a_look_alike_presented_as_official_is_reported_even_next_to_a_warning():
    assert kinds("Beware of fakes: our only official site is kestre1x.com.") == ["lookalike"]


def test_contact_page_channels_are_declared():
    declared = Declared.of([], ["Chat with us on Telegram at @KestrelX, or call +44 20 7946 0000."])
    assert scan("Message @KestrelX on Telegram or call +44 20 7946 0000.", "en", declared) == []


# ------------------------------------------------------------------ every language

SCAMS = {
    "ar": "يرجى إرسال عبارة الاسترداد الخاصة بك لتفعيل حسابك.",
    "de": "Bitte senden Sie uns Ihre Seed-Phrase, damit wir Ihr Konto freischalten können.",
    "es": "Envíanos tu frase de recuperación para desbloquear tu cuenta.",
    "fr": "Veuillez nous envoyer votre phrase de récupération pour débloquer votre compte.",
    "id": "Silakan kirimkan frasa pemulihan Anda untuk membuka blokir akun.",
    "it": "Inviaci la tua frase di recupero per sbloccare il conto.",
    "ja": "口座のロックを解除するため、シードフレーズを送ってください。",
    "ko": "계정 잠금 해제를 위해 복구 문구를 보내주세요.",
    "pt-BR": "Envie sua frase de recuperação para desbloquear sua conta.",
    "ru": "Отправьте нам сид-фразу, чтобы разблокировать аккаунт.",
    "tr": "Hesabınızın kilidini açmak için kurtarma ifadenizi bize gönderin.",
    "uk": "Надішліть нам сід-фразу, щоб розблокувати акаунт.",
    "vi": "Vui lòng gửi cụm từ khôi phục để mở khóa tài khoản.",
    "zh-Hans": "请发送您的助记词以解锁账户。",
    "zh-Hant": "請傳送您的助記詞以解鎖帳戶。",
}
WARNINGS = {
    "ar": "لن نطلب منك أبدًا إرسال عبارة الاسترداد.",
    "de": "Wir werden Sie niemals bitten, Ihre Seed-Phrase zu senden.",
    "es": "Nunca te pediremos que envíes tu frase de recuperación.",
    "fr": "Nous ne vous demanderons jamais d'envoyer votre phrase de récupération.",
    "id": "Kami tidak akan pernah meminta Anda mengirimkan frasa pemulihan.",
    "it": "Non ti chiederemo mai di inviare la tua frase di recupero.",
    "ja": "当社がシードフレーズの送信をお願いすることは絶対にありません。",
    "ko": "당사는 절대 복구 문구를 보내라고 요청하지 않습니다.",
    "pt-BR": "Nunca vamos pedir que você envie sua frase de recuperação.",
    "ru": "Мы никогда не попросим отправить сид-фразу.",
    "tr": "Kurtarma ifadenizi göndermenizi asla istemeyiz.",
    "uk": "Ми ніколи не попросимо надіслати сід-фразу.",
    "vi": "Chúng tôi không bao giờ yêu cầu bạn gửi cụm từ khôi phục.",
    "zh-Hans": "我们永远不会要求您发送助记词。",
    "zh-Hant": "我們決不會要求您傳送助記詞。",
}


@pytest.mark.parametrize("lang", sorted(SCAMS))
def test_each_language_catches_a_recovery_phrase_request(lang):
    assert kinds(SCAMS[lang], lang) == ["secret-request"]


@pytest.mark.parametrize("lang", sorted(WARNINGS))
def test_each_language_lets_the_warning_pass(lang):
    assert kinds(WARNINGS[lang], lang) == []


# ------------------------------------------------------------------ what a translation adds


def test_a_translation_may_keep_what_its_source_says():
    source = "For example `kestre1x.com` is a look-alike. We will never ask for your recovery phrase."
    translation = "Zum Beispiel ist `kestre1x.com` eine Fälschung. Wir fragen nie nach Ihrer Wiederherstellungsphrase."
    assert added(source, translation, "de", DECLARED) == []


@pytest.mark.parametrize(
    "translation, kind",
    [
        ("Schreiben Sie uns bei Telegram: @kestrel_hilfe", ["contact-directive", "contact"]),
        ("Senden Sie uns Ihre Wiederherstellungsphrase.", ["secret-request"]),
        ("Melden Sie sich auf kestre1x.com an.", ["lookalike"]),
    ],
)
def test_a_translation_may_not_add_scam_text(translation, kind):
    assert [f.kind for f in added("Contact support in live chat.", translation, "de", DECLARED)] == kind


def test_a_translation_that_drops_the_negation_is_reported():
    assert [
        f.kind
        for f in added("Never share your recovery phrase.", "Teilen Sie Ihre Wiederherstellungsphrase.", "de", DECLARED)
    ] == ["secret-request"]
