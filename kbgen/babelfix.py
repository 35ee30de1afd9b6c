"""Babel's locale data read without writing into the data that locales share.

Babel 2.18 remembers a resolved alias, and each nested mapping it wraps, by
writing it back into the locale's data; and a locale shares with its parent
every nested dict it does not override. So reading one locale changes what
the locales loaded after it read: once translation QA had read the month
names of zh_Latn (a variant Chinese dates are checked against), Arabic
notice dates came out as "10 M12 2026" (python-babel/babel#1234).

Babel 2.19 keeps that memo in each wrapper instead, and so does this, applied
when kbgen is imported. Drop it with the move to Babel 2.19 (which also wraps
PO lines differently, so the catalogs change with it).
"""

from __future__ import annotations

from typing import Any

from babel import localedata

_MISSING = object()


def _init(self: localedata.LocaleDataDict, data: Any, base: Any = None) -> None:
    self._data = data  # may be shared with other locales: never written here
    self.base = data if base is None else base
    vars(self)["_resolved"] = {}


def _resolved(self: localedata.LocaleDataDict) -> dict:
    return vars(self).setdefault("_resolved", {})  # wrappers made before the patch have none


def _getitem(self: localedata.LocaleDataDict, key: Any) -> Any:
    memo = _resolved(self)
    value = memo.get(key, _MISSING)
    if value is not _MISSING:
        return value
    original = value = self._data[key]
    if isinstance(value, localedata.Alias):
        value = value.resolve(self.base)
    if isinstance(value, tuple):  # a partial dict merged over an alias
        alias, others = value
        value = alias.resolve(self.base).copy()
        localedata.merge(value, others)
    if isinstance(value, dict):
        value = localedata.LocaleDataDict(value, base=self.base)
    if value is not original:
        memo[key] = value
    return value


def _setitem(self: localedata.LocaleDataDict, key: Any, value: Any) -> None:
    _resolved(self).pop(key, None)
    self._data[key] = value


def _delitem(self: localedata.LocaleDataDict, key: Any) -> None:
    _resolved(self).pop(key, None)
    del self._data[key]


localedata.LocaleDataDict.__init__ = _init  # type: ignore[method-assign]
localedata.LocaleDataDict.__getitem__ = _getitem  # type: ignore[method-assign]
localedata.LocaleDataDict.__setitem__ = _setitem  # type: ignore[method-assign]
localedata.LocaleDataDict.__delitem__ = _delitem  # type: ignore[method-assign]
