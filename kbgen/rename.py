"""`kbgen mv`: rename an article, FAQ or category everywhere, keeping its URLs and translations.

Content (the file, its id, every reference and link), every catalog
(contexts and link targets, so translations stay reviewed) and the record's
aliases (its old URLs redirect in every language). Everything is read and
planned before anything is written.
"""

from __future__ import annotations

from dataclasses import dataclass

from kbgen.config import Project
from kbgen.content.rename import apply_plan, plan_rename
from kbgen.i18n import catalogs
from kbgen.i18n.rename import rename_in_catalog
from kbgen.i18n.workflow import load_catalog, po_path, update_catalogs
from kbgen.pipeline import valid_content as load_valid_content


@dataclass(frozen=True)
class RenameResult:
    files: int  # content files written
    references: int  # references and links rewritten in content
    entries: int  # catalog entries renamed, over every language


def rename(project: Project, kind: str, old: str, new: str) -> RenameResult:
    content, _ = load_valid_content(project)
    plan = plan_rename(project.content_dir, content, kind, old, new)
    renamed = {}
    entries = 0
    for lang in project.targets:
        catalog = load_catalog(project, lang)
        if catalog is not None:
            renamed[lang.code], count = rename_in_catalog(catalog, kind, old, new)
            entries += count
    apply_plan(plan)
    for lang in project.targets:
        if lang.code in renamed:
            catalogs.write(po_path(project, lang), renamed[lang.code])
    content, _ = load_valid_content(project)
    if project.locales_dir.is_dir():
        update_catalogs(project, content)
    return RenameResult(len(plan.texts), plan.references, entries)
