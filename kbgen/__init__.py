"""kbgen: a multilingual knowledge-base static site generator."""

__version__ = "0.1.0"
