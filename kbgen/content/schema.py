"""JSON Schemas of the content files, generated from the model, for editors."""

from __future__ import annotations

import json
from pathlib import Path

from pydantic import BaseModel

from kbgen.content.model import (
    Article,
    BlocksFile,
    CategoriesFile,
    Contact,
    Faq,
    GlossaryFile,
    NoticesFile,
    UiLabelsFile,
)
from kbgen.fsutil import write_if_changed

SCHEMAS: dict[str, type[BaseModel]] = {
    "article": Article,
    "faq": Faq,
    "blocks": BlocksFile,
    "categories": CategoriesFile,
    "glossary": GlossaryFile,
    "notices": NoticesFile,
    "contact": Contact,
    "ui-labels": UiLabelsFile,
}


def schema_text(name: str) -> str:
    schema = {"$schema": "https://json-schema.org/draft/2020-12/schema", **SCHEMAS[name].model_json_schema()}
    return json.dumps(schema, indent=2, ensure_ascii=False, sort_keys=True) + "\n"


def write_schemas(folder: Path) -> list[Path]:
    """Write `<name>.schema.json` for every content file kind; return the files written."""
    written = []
    for name in SCHEMAS:
        path = folder / f"{name}.schema.json"
        if write_if_changed(path, schema_text(name)):
            written.append(path)
    return written
