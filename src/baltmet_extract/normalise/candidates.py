"""The candidate index: the few gazetteer names a misspelt mention may mean, found without scanning.

A deletion index (the SymSpell idea): every name of the fuzzy pool, and each form of it with one
letter deleted, is hashed and points to the name. A mention's own forms with up to two letters
deleted are hashed the same way; a name shares a form with the mention when one letter was
dropped, added, doubled, swapped or replaced (and, looked up with two letters deleted, in most
cases of two such errors). Only those
names are then compared letter by letter (rapidfuzz). The index is two sorted numpy arrays (hash,
pool position), built once with the gazetteer and pickled with it; a hash collision only adds a
name that the comparison then drops.
"""

from __future__ import annotations

import zlib
from dataclasses import dataclass, field

import numpy as np


def deletions(name: str) -> set[str]:
    """`name` with one letter deleted, each way."""
    return {name[:i] + name[i + 1:] for i in range(len(name))}


def _hashes(forms: set[str] | list[str]) -> np.ndarray:
    return np.fromiter((zlib.crc32(f.encode()) for f in forms), dtype=np.uint32, count=len(forms))


@dataclass
class CandidateIndex:
    """Hashes of the pool's names and their one-letter deletions, sorted, with the pool position
    of the name each came from."""

    keys: np.ndarray = field(default_factory=lambda: np.zeros(0, dtype=np.uint32))
    positions: np.ndarray = field(default_factory=lambda: np.zeros(0, dtype=np.int32))

    @classmethod
    def build(cls, pool: list[str]) -> CandidateIndex:
        forms: list[str] = []
        owners: list[int] = []
        for pos, name in enumerate(pool):
            own = deletions(name) if len(name) > 2 else set()
            own.add(name)
            forms.extend(own)
            owners.extend([pos] * len(own))
        keys = _hashes(forms)
        order = np.argsort(keys, kind="stable")
        return cls(keys=keys[order], positions=np.asarray(owners, dtype=np.int32)[order])

    def __len__(self) -> int:
        return int(self.keys.size)

    def near(self, query: str, depth: int = 1) -> list[int]:
        """Pool positions of the names that share a deletion form with `query` (compact folded),
        sorted. With `depth` 1 (the mention's one-letter deletions): every name within one edit of
        it and a few within two; with `depth` 2 (two-letter deletions too, several times slower):
        most names within two edits."""
        forms = deletions(query)
        if depth > 1:
            forms |= {d for once in forms for d in deletions(once)}
        forms.add(query)
        keys = self.keys
        if not keys.size:
            return []
        wanted = np.array([zlib.crc32(f.encode()) for f in forms], dtype=np.uint32)
        at = np.minimum(np.searchsorted(keys, wanted), keys.size - 1)
        found = at[keys[at] == wanted].tolist()
        if not found:
            return []
        out: set[int] = set()
        positions, size = self.positions, keys.size
        for i in found:
            # a hash shared by several names (several names with the same deletion) runs on
            end = i + 1
            while end < size and keys[end] == keys[i]:
                end += 1
            out.update(positions[i:end].tolist())
        return sorted(out)


__all__ = ["CandidateIndex", "deletions"]
