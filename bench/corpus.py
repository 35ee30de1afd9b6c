"""A synthetic help center: N articles in 8 categories, catalogs for every language.

    python -m bench.corpus DEST [--articles 200] [--mix 0.5,0.2,0.1,0.2]

Bodies have what real articles have (headings, numbered steps, tables,
links to other articles, admonitions, inline code, URLs). Catalogs are made
with kbgen's own update, then filled at the chosen mix of reviewed / machine
/ outdated / missing, with text in each language's script (Latin, Cyrillic,
Arabic, CJK, Hangul) that keeps every protected span, so QA passes and the
translations publish.
"""

from __future__ import annotations

import argparse
import random
import re
import shutil
from pathlib import Path

import yaml

REPO = Path(__file__).resolve().parent.parent
CATEGORIES = ["wallets", "keys", "deposits", "withdrawals", "access", "security", "fees", "disputes"]
_TOPICS = [
    "password",
    "deposit",
    "withdrawal",
    "network fee",
    "recovery phrase",
    "authenticator",
    "wallet",
    "address",
    "memo tag",
    "limit",
    "verification",
    "complaint",
    "transaction",
    "confirmation",
]
_VERBS = ["check", "open", "confirm", "copy", "select", "review", "update", "send", "wait for", "contact"]
_WORDS = {
    "latin": [
        "karta",
        "lumo",
        "fenu",
        "dastri",
        "velo",
        "morin",
        "tesa",
        "pakul",
        "nori",
        "sevda",
        "kalim",
        "trun",
        "beso",
        "ladri",
        "vomo",
        "quen",
    ],
    "cyrillic": [
        "кошелёк",
        "перевод",
        "адрес",
        "пароль",
        "сеть",
        "комиссия",
        "счёт",
        "лимит",
        "проверка",
        "запрос",
        "ответ",
        "ключ",
    ],
    "arabic": ["محفظة", "تحويل", "عنوان", "كلمة", "شبكة", "رسوم", "حساب", "حد", "تحقق", "طلب", "رد", "مفتاح"],
    "ja": [
        "ウォレット",
        "送金",
        "アドレス",
        "パスワード",
        "手数料",
        "口座",
        "上限",
        "確認",
        "申請",
        "回答",
        "秘密鍵",
        "入金",
    ],
    "ko": ["지갑", "송금", "주소", "비밀번호", "수수료", "계정", "한도", "확인", "요청", "답변", "개인키", "입금"],
    "zh": ["钱包", "转账", "地址", "密码", "网络", "手续费", "账户", "限额", "验证", "请求", "回复", "私钥"],
}
_SCRIPT = {"ru": "cyrillic", "uk": "cyrillic", "ar": "arabic", "ja": "ja", "ko": "ko", "zh-Hans": "zh", "zh-Hant": "zh"}


_SECRETS = {"password", "recovery phrase"}


def _step(verb: str, topic: str) -> str:
    """One step's action; secrets are never sent anywhere (the scam-text lint would rightly refuse it)."""
    if verb == "send" and topic in _SECRETS:
        verb = "review"
    return f"{verb.capitalize()} the {topic}"


def _body(rng: random.Random, article_id: str, others: list[str]) -> str:
    topic = rng.choice(_TOPICS)
    link = rng.choice(others)
    steps = "\n".join(
        f"{n}. {_step(rng.choice(_VERBS), rng.choice(_TOPICS))} in `Settings`, "
        f"then see [the {rng.choice(_TOPICS)} guide](article:{rng.choice(others)})."
        for n in range(1, 6)
    )
    rows = "\n".join(
        f"| {rng.choice(_TOPICS).capitalize()} | {rng.randint(1, 30)} | {rng.randint(1, 99)}.{rng.randint(0, 9)}% |"
        for _ in range(4)
    )
    return f"""Your {topic} request for {article_id.replace("-", " ")} usually completes within {rng.randint(2, 60)} minutes.

## Before you start

Make sure your {rng.choice(_TOPICS)} is up to date. Read [how this works](article:{link}) first.

!!! warning "Check before you send"
    A confirmed transaction cannot be reversed. Send a test of `0.001 BTC` first.

## Steps

{steps}

## Limits and times

| Item | Days | Fee |
| --- | --- | --- |
{rows}

## Details

Most requests finish quickly. During network congestion it can take longer; see https://status.harbor.example.com for updates.

Support will never ask for your recovery phrase, private key, password or 2FA code.
"""


def write_content(root: Path, articles: int, seed: int) -> None:
    rng = random.Random(seed)
    content = root / "content"
    shutil.rmtree(content, ignore_errors=True)
    (content / "articles").mkdir(parents=True)
    categories = [
        {
            "id": c,
            "title": c.capitalize(),
            "description": f"Help with {c}.",
            "order": i,
            "review_interval_days": 3650,
            "owner": f"{c.capitalize()} team",
        }
        for i, c in enumerate(CATEGORIES)
    ]
    _dump(content / "categories.yaml", {"categories": categories})
    ids = [
        f"{rng.choice(_VERBS).replace(' ', '-')}-{rng.choice(_TOPICS).replace(' ', '-')}-{n}" for n in range(articles)
    ]
    for n, article_id in enumerate(ids):
        category = CATEGORIES[n % len(CATEGORIES)]
        record = {
            "id": article_id,
            "title": f"How to {article_id.rsplit('-', 1)[0].replace('-', ' ')} ({n})",
            "summary": f"What to do about {rng.choice(_TOPICS)} {n}, step by step.",
            "category": category,
            "last_reviewed": "2026-11-01",
            "priority": "top" if n % 25 == 0 else "normal",
            "related": rng.sample([i for i in ids if i != article_id], 2),
            "body": _body(rng, article_id, [i for i in ids if i != article_id]),
        }
        folder = content / "articles" / category
        folder.mkdir(exist_ok=True)
        _dump(folder / f"{article_id}.yaml", record)
    shutil.copy2(REPO / "content" / "contact.yaml", content / "contact.yaml")
    # The block the contact page's warning names, as in the demo (whose text links demo articles).
    block = {"id": "never-ask", "kind": "danger", "title": "Support will never ask for your secrets"}
    block["text"] = (
        "Support will never ask for your password, 2FA code or recovery phrase. Anyone who asks is a scammer."
    )
    _dump(content / "blocks.yaml", {"blocks": [block]})


def _dump(path: Path, data: dict) -> None:
    path.write_text(yaml.safe_dump(data, allow_unicode=True, sort_keys=False, width=1000), encoding="utf-8")


def fake_translation(rng: random.Random, lang: str, source: str) -> str:
    """Text in the language's script that keeps every protected span of `source`."""
    from kbgen.i18n.protect import mask, unmask

    masked, spans = mask(source)
    words = _WORDS[_SCRIPT.get(lang, "latin")]
    pieces = re.split(r"(\[\[C\d+\]\])", masked)  # placeholders stay; words between them are replaced
    replaced = [
        piece if piece.startswith("[[C") else re.sub(r"[^\W\d_]+", lambda _m: rng.choice(words), piece)
        for piece in pieces
    ]
    return unmask("".join(replaced), spans)


def write_catalogs(root: Path, mix: tuple[float, float, float, float], seed: int) -> None:
    from kbgen.config import load_project
    from kbgen.i18n import catalogs
    from kbgen.i18n.workflow import load_catalog, po_path, update_catalogs
    from kbgen.pipeline import valid_content

    project = load_project(root)
    content, _ = valid_content(project)
    update_catalogs(project, content)
    for lang in project.targets:
        rng = random.Random(f"{seed}:{lang.code}")
        catalog = load_catalog(project, lang)
        for message in catalog:
            if not message.id:
                continue
            draw, cut = rng.random(), 0.0
            status = "missing"
            # The shares after the third (missing) are what the draw leaves: not zipped.
            for name, share in zip(("reviewed", "machine", "outdated"), mix, strict=False):
                cut += share
                if draw < cut:
                    status = name
                    break
            if status == "missing":
                continue
            message.string = fake_translation(rng, lang.code, message.id)
            if status == "machine":
                message.flags.add("fuzzy")
                message.user_comments = [f"{catalogs.MACHINE_COMMENT} (bench)"]
            elif status == "outdated":
                message.flags.add("fuzzy")
                message.previous_id = [message.id + " (earlier wording)"]
        catalogs.write(po_path(project, lang), catalog)


def generate(
    root: Path, articles: int = 200, mix=(0.5, 0.2, 0.1, 0.2), seed: int = 7, languages: list[str] | None = None
) -> Path:
    root.mkdir(parents=True, exist_ok=True)
    text = (REPO / "mkdocs.yml").read_text()
    text = text.replace("      publish: [es]", "      publish: [es, de, ja, ar]")
    if languages is not None:
        text = re.sub(r"    languages: \[.*\]", f"    languages: [{', '.join(languages)}]", text)
    (root / "mkdocs.yml").write_text(text)
    write_content(root, articles, seed)
    write_catalogs(root, mix, seed)
    return root


def main() -> None:
    parser = argparse.ArgumentParser(description="Generate a synthetic help center.")
    parser.add_argument("dest", type=Path)
    parser.add_argument("--articles", type=int, default=200)
    parser.add_argument("--mix", default="0.5,0.2,0.1,0.2", help="reviewed,machine,outdated,missing shares")
    args = parser.parse_args()
    mix = tuple(float(x) for x in args.mix.split(","))
    generate(args.dest, args.articles, mix[:3])
    print(f"{args.articles} articles in {args.dest}")


if __name__ == "__main__":
    main()
