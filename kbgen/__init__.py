"""kbgen: a multilingual knowledge-base static site generator."""

from kbgen import babelfix as _babelfix  # noqa: F401  (before any locale is read: see the module)

__version__ = "0.1.0"
