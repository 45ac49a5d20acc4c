"""A small thread-safe LRU cache, bounded by entry count and by a total "weight"."""

from __future__ import annotations

import threading
from collections import OrderedDict


class LRUCache:
    """Maps keys to values; evicts least recently used entries beyond the bounds.

    `weigh(value)` gives an entry's weight (e.g. array length); the total weight stays
    under `max_weight`. Values heavier than the bound are returned but not kept.
    """

    def __init__(self, max_items: int = 256, max_weight: float = float("inf"), weigh=None):
        self.max_items = max_items
        self.max_weight = max_weight
        self._weigh = weigh or (lambda v: 1)
        self._data: OrderedDict = OrderedDict()
        self._weights: dict = {}
        self._total = 0.0
        self._lock = threading.Lock()

    def get(self, key, default=None):
        with self._lock:
            try:
                value = self._data[key]
            except KeyError:
                return default
            self._data.move_to_end(key)
            return value

    def put(self, key, value) -> None:
        w = self._weigh(value)
        with self._lock:
            if key in self._data:
                self._total -= self._weights.pop(key)
                del self._data[key]
            if w > self.max_weight:  # too heavy to keep (an entry re-put after growing goes)
                return
            self._data[key] = value
            self._weights[key] = w
            self._total += w
            while self._data and (len(self._data) > self.max_items or self._total > self.max_weight):
                old, _ = self._data.popitem(last=False)
                self._total -= self._weights.pop(old)

    def __len__(self) -> int:
        return len(self._data)

    def clear(self) -> None:
        with self._lock:
            self._data.clear()
            self._weights.clear()
            self._total = 0.0
