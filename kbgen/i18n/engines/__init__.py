"""Machine-translation engines: a batch of English strings in, target-language strings out.

The caller masks protected spans (code, URLs, numbers) as placeholders such
as `[[C0]]` before an engine sees the text and checks them afterwards; an
engine only has to translate and try to keep those tokens intact.

Engines load lazily: importing this package pulls in neither Argos nor
CTranslate2, so commands that never translate stay fast.
"""

from __future__ import annotations

import re
from importlib import import_module
from typing import Any, Protocol

from kbgen.errors import KbgenError
from kbgen.languages import Language

# The caller's placeholder for a masked span; engines must pass it through unchanged.
PLACEHOLDER = re.compile(r"\[\[C\d+\]\]")


class EngineError(KbgenError):
    """An engine cannot run: the message says what to install or change."""


class Engine(Protocol):
    name: str

    def translate(self, texts: list[str], target: Language) -> list[str]:
        """One translation per text, in order."""
        ...


# name -> (module, class): imported only when that engine is asked for.
_ENGINES: dict[str, tuple[str, str]] = {
    "apertium": ("kbgen.i18n.engines.apertium", "ApertiumEngine"),
    "argos": ("kbgen.i18n.engines.argos", "ArgosEngine"),
    "pseudo": ("kbgen.i18n.engines.pseudo", "PseudoEngine"),
}


def engine_names() -> list[str]:
    return sorted(_ENGINES)


def get_engine(name: str, **options: Any) -> Engine:
    """The engine called `name`, configured with `options` (see each engine's constructor)."""
    if name not in _ENGINES:
        raise EngineError(f"unknown translation engine '{name}' (known engines: {', '.join(engine_names())})")
    module, cls = _ENGINES[name]
    return getattr(import_module(module), cls)(**options)
