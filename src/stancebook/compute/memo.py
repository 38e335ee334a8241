"""Values worked out once per Dataset: a chapter asks for the same events, index or turnover many times.

Each value is kept by (id of the Dataset, what, its arguments) and goes when its Dataset is garbage-collected. A
Dataset is never changed once loaded (its tables are only read), so a value computed from it stays right.
``remember`` fills the memo with values computed elsewhere (the build computes the shared facts once for every
chapter: ``stancebook.compute.facts``).
"""

from __future__ import annotations

import weakref
from collections.abc import Callable
from typing import TypeVar

from ..data import Dataset

T = TypeVar("T")

_MEMO: dict[tuple, object] = {}


def once(ds: Dataset, key: tuple, make: Callable[[], T]) -> T:
    """The value ``make()`` gives for ``key`` on this dataset, computed the first time only; a frame is handed out
    as a copy, so that no caller changes another's."""
    full = (id(ds), *key)
    if full not in _MEMO:
        remember(ds, key, make())
    value = _MEMO[full]
    return value.copy() if hasattr(value, "copy") else value  # type: ignore[return-value]


def remember(ds: Dataset, key: tuple, value: object) -> None:
    """Hold ``value`` as what ``key`` gives on this dataset."""
    full = (id(ds), *key)
    if full not in _MEMO:
        weakref.finalize(ds, _MEMO.pop, full, None)
    _MEMO[full] = value
