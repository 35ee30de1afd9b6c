"""`kbgen serve`: a live preview of one language for writers.

The preview builds into its own folders (never `site/`), for the address it
is served at, and rebuilds when content, catalogs, the theme or mkdocs.yml
change; MkDocs' live-reload server then reloads the open pages.
"""

from __future__ import annotations

import contextlib
import logging
from dataclasses import replace

from kbgen.config import Project
from kbgen.errors import ContentError, KbgenError
from kbgen.languages import Language
from kbgen.pipeline import build, content_memos, valid_content

log = logging.getLogger("kbgen.preview")


def preview_project(project: Project, host: str, port: int) -> Project:
    """The project as the preview builds it: its own output folders and address."""
    preview_dir = f"{project.settings.build_dir}/preview"
    settings = project.settings.model_copy(update={"build_dir": f"{preview_dir}/build"})
    mkdocs = {**project.mkdocs, "site_dir": f"{preview_dir}/site"}
    return replace(project, settings=settings, mkdocs=mkdocs).with_site_url(f"http://{host}:{port}/")


def serve(project: Project, lang: Language, host: str = "127.0.0.1", port: int = 8000) -> None:
    """Build `lang` and serve it until interrupted, rebuilding on every change."""
    from mkdocs.livereload import LiveReloadServer

    preview = preview_project(project, host, port)
    languages = [lang] if lang.code == project.source.code else [project.source, lang]

    def rebuild() -> None:
        try:
            memos = content_memos(preview)
            content, warnings = valid_content(preview, memos=memos)
            for problem in warnings:
                log.warning("%s", problem)
            build(preview, content, languages, jobs=1, memos=memos)
        except ContentError as exc:
            for problem in exc.problems:
                log.error("%s", problem)
        except KbgenError as exc:
            log.error("%s", exc)

    rebuild()
    server = LiveReloadServer(builder=rebuild, host=host, port=port, root=str(preview.site_dir))
    watched = [project.content_dir, project.locales_dir, project.config_path, *project.theme_dirs]
    for path in watched:
        if path.exists():
            server.watch(str(path))
    log.warning("Preview of %s: http://%s:%d/%s/ (Ctrl-C to stop)", lang.code, host, port, lang.code)
    try:
        with contextlib.suppress(KeyboardInterrupt):  # Ctrl-C is how a writer stops the preview
            server.serve()
    finally:
        server.shutdown()
