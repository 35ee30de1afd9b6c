"""Precision and recall of the scam-text lint on its labelled sentences, overall and per language.

    python -m bench.scam_lint [--set tests/data/scam_sentences.yaml] [--verbose]

A scam sentence counts as caught when the lint reports anything; a
legitimate sentence with any finding is a false alarm.
"""

from __future__ import annotations

import argparse
from collections import defaultdict
from dataclasses import dataclass, field
from pathlib import Path

import yaml

from kbgen.scamtext import Declared, scan

DEFAULT_SET = Path(__file__).resolve().parent.parent / "tests" / "data" / "scam_sentences.yaml"


@dataclass
class Score:
    scams: int = 0
    caught: int = 0
    legit: int = 0
    false_alarms: int = 0
    missed: list[str] = field(default_factory=list)
    alarms: list[str] = field(default_factory=list)

    @property
    def recall(self) -> float:
        return self.caught / self.scams if self.scams else 1.0

    @property
    def precision(self) -> float:
        flagged = self.caught + self.false_alarms
        return self.caught / flagged if flagged else 1.0


def evaluate(path: Path = DEFAULT_SET) -> dict[str, Score]:
    """Scores per language, and under "all" for the whole set."""
    data = yaml.safe_load(path.read_text(encoding="utf-8"))
    declared = Declared.of(data["declared"]["domains"])
    scores: dict[str, Score] = defaultdict(Score)
    for item in data["sentences"]:
        findings = scan(item["text"], item["lang"], declared)
        for score in (scores[item["lang"]], scores["all"]):
            if item["label"] == "scam":
                score.scams += 1
                score.caught += bool(findings)
                if not findings:
                    score.missed.append(f"{item['lang']}: {item['text']}")
            else:
                score.legit += 1
                score.false_alarms += bool(findings)
                if findings:
                    score.alarms.append(f"{item['lang']}: {item['text']} -> {findings[0].message}")
    return dict(scores)


def table(scores: dict[str, Score]) -> str:
    lines = [
        "| language | scam | caught | recall | legit | false alarms | precision |",
        "|---|---|---|---|---|---|---|",
    ]
    for lang in sorted(scores, key=lambda code: (code == "all", code)):
        s = scores[lang]
        lines.append(
            f"| {lang} | {s.scams} | {s.caught} | {s.recall:.0%} | {s.legit} | {s.false_alarms} | {s.precision:.0%} |"
        )
    return "\n".join(lines)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--set", type=Path, default=DEFAULT_SET)
    parser.add_argument("--verbose", action="store_true", help="list missed scams and false alarms")
    args = parser.parse_args()
    scores = evaluate(args.set)
    print(table(scores))
    if args.verbose:
        for line in scores["all"].missed:
            print("missed:", line)
        for line in scores["all"].alarms:
            print("false alarm:", line)


if __name__ == "__main__":
    main()
