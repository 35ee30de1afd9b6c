"""Screenshots of a built help center for design review, written as PNG files.

Home, article, FAQ, contact, category and search pages in English, Arabic
(right to left) and Simplified Chinese, on a desktop and a phone, in the
light and the dark scheme, and the language chooser: 76 pictures in about
half a minute. The test suite keeps a handful (tests/test_browser.py); this
is the full set, for people to look at after a design change.

    make demo && python -m bench.screenshots --site site --output test-artifacts
"""

from __future__ import annotations

import argparse
from pathlib import Path

from bench import chromium, serving

PAGES = {
    "home": "",
    "article": "account-access/reset-password/",
    "faq": "security/faq/",
    "contact": "contact/",
    "category": "security/",
    "search": "search/?q=password",
}
LANGUAGES = ("en", "ar", "zh-Hans")
SCHEMES = ("light", "dark")
DEVICES = {"desktop": {"width": 1280, "height": 900}, "phone": {"width": 390, "height": 844}}


def take(site: Path, output: Path) -> list[Path]:
    """Every screenshot of the set, written under `output`; the files written."""
    from playwright.sync_api import sync_playwright

    output.mkdir(parents=True, exist_ok=True)
    written: list[Path] = []
    server = serving.start(site)
    base = serving.address(server)
    try:
        with sync_playwright() as playwright:
            browser = chromium.launch(playwright)
            for scheme in SCHEMES:
                for device, viewport in DEVICES.items():
                    context = browser.new_context(viewport=viewport, color_scheme=scheme)
                    page = context.new_page()
                    shots = [
                        (f"{lang}/{path}", f"design-{name}-{lang}-{device}-{scheme}.png")
                        for lang in LANGUAGES
                        for name, path in PAGES.items()
                    ]
                    shots.append(("?choose", f"design-languages-{device}-{scheme}.png"))
                    for path, name in shots:
                        page.goto(base + path)
                        page.evaluate("document.fonts.ready.then(() => true)")  # the fonts drawn, not a fixed wait
                        page.screenshot(path=str(output / name), full_page=device == "desktop" or "?" in path)
                        written.append(output / name)
                    context.close()
            browser.close()
    finally:
        serving.stop(server)
    return written


def main(argv: list[str] | None = None) -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument(
        "--site", type=Path, default=Path("site"), help="a built site (the folder holding en/, ar/ ...)"
    )
    parser.add_argument("--output", type=Path, default=Path("test-artifacts"))
    args = parser.parse_args(argv)
    written = take(args.site, args.output)
    print(f"{len(written)} screenshots in {args.output}/")


if __name__ == "__main__":
    main()
