"""The theme's static files, listed without walking the folders MkDocs never copies.

MkDocs copies a theme's static files (stylesheets, scripts, images) into
every site it builds. To find them it lists every file of the theme's
folders and drops the names it never copies, among them everything inside
a folder whose name starts with a dot. Material keeps its 14,000 icons in
`.icons` (read when a page asks for an icon, never copied), so each
language build listed and pattern-matched them all: about a third of a
small language's build. The loader here does not enter dot-folders, so the
list MkDocs filters holds the same copied files, found in a twentieth of
the time. MkDocs' theme-file listing is the only caller of `list_templates`
on the theme's environment; templates are loaded from those folders as before.

Of the files Material copies, kbgen's pages load only a few: search is
Pagefind's (kbgen.site.search), so Material's search worker and its lunr
language files (34 files) are never requested, and source maps are read
only by a browser's developer tools. `unused` drops them from each
language's files: 2.6 MB and 46 asset files of a language become 0.3 MB
and 7, in every language's build, staging copy and deployment.
"""

from __future__ import annotations

import os
from pathlib import Path

import jinja2


class ThemeLoader(jinja2.FileSystemLoader):
    """A file-system loader whose listing skips folders whose names start with a dot."""

    def list_templates(self) -> list[str]:
        found: set[str] = set()
        for searchpath in self.searchpath:
            for dirpath, dirnames, filenames in os.walk(searchpath, followlinks=self.followlinks):
                dirnames[:] = [name for name in dirnames if not name.startswith(".")]
                relative = os.path.relpath(dirpath, searchpath).replace(os.path.sep, "/")
                prefix = "" if relative == "." else relative + "/"
                found.update(prefix + filename for filename in filenames)
        return sorted(found)


def install(theme) -> None:
    """Make the environments of MkDocs' `theme` (config.theme) list their files with ThemeLoader."""
    make_env = type(theme).get_env

    def get_env() -> jinja2.Environment:
        env = make_env(theme)
        loader = env.loader
        if type(loader) is jinja2.FileSystemLoader:  # another kind (a plugin's) is left as it is
            env.loader = ThemeLoader(loader.searchpath, loader.encoding, loader.followlinks)
        return env

    theme.get_env = get_env


# Material's files a page without Material's search plugin never requests.
_SEARCH_ONLY = ("assets/javascripts/lunr/", "assets/javascripts/workers/")


def unused(files, config) -> list:
    """The files of Material itself (not of a project's overrides) that no kbgen page loads:
    the search plugin's scripts when that plugin is off, and source maps."""
    if "search" in config.plugins or "material/search" in config.plugins:
        return []
    overrides = config.theme.custom_dir
    return [
        file
        for file in files
        if (file.src_uri.startswith(_SEARCH_ONLY) or file.src_uri.endswith(".map"))
        and file.abs_src_path
        and not (overrides and Path(file.abs_src_path).is_relative_to(overrides))
    ]
