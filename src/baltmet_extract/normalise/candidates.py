"""The candidate index: the few gazetteer names a misspelt mention may mean, found without scanning.

A deletion index (the SymSpell idea): every name of the fuzzy pool, and each form of it with one
letter deleted, is hashed and points to the name. A mention's own forms with up to two letters
deleted are hashed the same way; a name shares a form with the mention when one letter was
dropped, added, doubled, swapped or replaced (and, looked up with two letters deleted, in most
cases of two such errors). Only those
names are then compared letter by letter (rapidfuzz). A hash collision only adds a name that the
comparison then drops.

The index is a hash table in one numpy array, built once with the gazetteer and pickled with it.
Each distinct hash has a slot (hash in the high 32 bits; in the low ones the pool position plus
one, or, with the top bit set, the number of a group of positions when several names share the
form). A hash's slot is at or after the slot its top `TABLE_BITS` bits name, and the slots are in
the order of the hashes, so a look-up reads a slot or two, mostly in one cache line, and stops at
an empty slot or a greater hash. A dozen forms cost less that way, in plain Python over a
memoryview, than numpy's per-call overhead and a binary search's cache misses.
"""

from __future__ import annotations

import zlib
from dataclasses import dataclass, field
from typing import Any

import numpy as np

#: the bits of a hash that name its first possible slot (2 M slots for ~1.7 M distinct hashes)
TABLE_BITS = 21
_GROUP = 0x80000000
_LOW = 0xFFFFFFFF


def deletions(name: str) -> set[str]:
    """`name` with one letter deleted, each way."""
    return {name[:i] + name[i + 1:] for i in range(len(name))}


def _hashes(forms: set[str] | list[str]) -> np.ndarray:
    return np.fromiter((zlib.crc32(f.encode()) for f in forms), dtype=np.uint32, count=len(forms))


@dataclass
class CandidateIndex:
    """Hashes of the pool's names and their one-letter deletions, each with the pool positions of
    the names it came from."""

    #: the slots (see the module's text); 0 is an empty slot
    table: np.ndarray = field(default_factory=lambda: np.zeros(0, dtype=np.uint64))
    #: groups of positions: where group g's positions start in `group_positions` (one more at the end)
    group_starts: np.ndarray = field(default_factory=lambda: np.zeros(1, dtype=np.int32))
    group_positions: np.ndarray = field(default_factory=lambda: np.zeros(0, dtype=np.int32))
    #: forms hashed (names and their deletions)
    forms: int = 0

    @classmethod
    def build(cls, pool: list[str]) -> CandidateIndex:
        forms: list[str] = []
        owners: list[int] = []
        for pos, name in enumerate(pool):
            own = deletions(name) if len(name) > 2 else set()
            own.add(name)
            forms.extend(own)
            owners.extend([pos] * len(own))
        if not forms:
            return cls()
        hashes = _hashes(forms)
        order = np.argsort(hashes, kind="stable")
        hashes, positions = hashes[order], np.asarray(owners, dtype=np.int64)[order]
        new = np.ones(hashes.size, dtype=bool)
        np.not_equal(hashes[1:], hashes[:-1], out=new[1:])
        first = np.flatnonzero(new)
        keys = hashes[first].astype(np.uint64)
        sizes = np.diff(np.append(first, hashes.size))
        # one name: its position + 1; several: a group of their positions
        shared = sizes > 1
        codes = positions[first] + 1
        codes[shared] = _GROUP | np.arange(int(shared.sum()), dtype=np.int64)
        grouped = np.repeat(shared, sizes)
        group_starts = np.zeros(int(shared.sum()) + 1, dtype=np.int32)
        np.cumsum(sizes[shared], out=group_starts[1:])
        # each hash at its first possible slot or just after the hash before it
        home = (keys >> np.uint64(32 - TABLE_BITS)).astype(np.int64)
        rank = np.arange(keys.size, dtype=np.int64)
        slot = np.maximum.accumulate(home - rank) + rank
        table = np.zeros(max(int(slot[-1]) + 2, (1 << TABLE_BITS) + 1), dtype=np.uint64)
        table[slot] = (keys << np.uint64(32)) | codes.astype(np.uint64)
        return cls(table=table, group_starts=group_starts,
                   group_positions=positions[grouped].astype(np.int32), forms=int(hashes.size))

    def __len__(self) -> int:
        """The forms hashed (names and their deletions)."""
        return self.forms

    def __getstate__(self) -> dict[str, Any]:
        state = dict(self.__dict__)
        state.pop("_views", None)  # memoryviews are made again after loading
        return state

    def near(self, query: str, depth: int = 1) -> list[int]:
        """Pool positions of the names that share a deletion form with `query` (compact folded),
        sorted. With `depth` 1 (the mention's one-letter deletions): every name within one edit of
        it and a few within two; with `depth` 2 (two-letter deletions too, several times slower):
        most names within two edits."""
        if not self.forms:
            return []
        views = self.__dict__.get("_views")
        if views is None:
            views = self.__dict__["_views"] = tuple(memoryview(np.ascontiguousarray(a).data) for a in (
                self.table, self.group_starts, self.group_positions))
        table, group_starts, group_positions = views
        shift = 32 - TABLE_BITS
        out: set[int] = set()
        for h in form_hashes(query, depth):
            i = h >> shift
            s = table[i]
            while s:
                held = s >> 32
                if held == h:
                    code = s & _LOW
                    if code & _GROUP:
                        g = code ^ _GROUP
                        out.update(group_positions[group_starts[g]:group_starts[g + 1]])
                    else:
                        out.add(code - 1)
                    break
                if held > h:
                    break
                i += 1
                s = table[i]
        return sorted(out)

    def near_many(self, queries: list[str], depth: int = 1) -> list[list[int]]:
        """`near` of each query, all looked up at once (numpy gathers the slots of every form of
        every query in a few passes: many mentions cost less together than one by one)."""
        if not self.forms or not queries:
            return [[] for _ in queries]
        hashes: list[int] = []
        owners: list[int] = []
        for n, query in enumerate(queries):
            own = form_hashes(query, depth)
            hashes.extend(own)
            owners.extend([n] * len(own))
        wanted = np.array(hashes, dtype=np.uint64)
        slot = (wanted >> np.uint64(32 - TABLE_BITS)).astype(np.int64)
        codes = np.zeros(wanted.size, dtype=np.uint64)
        active = np.arange(wanted.size)
        while active.size:
            s = self.table[slot[active]]
            held = s >> np.uint64(32)
            want = wanted[active]
            hit = held == want
            codes[active[hit]] = s[hit] & np.uint64(_LOW)
            active = active[(s != 0) & (held < want)]
            slot[active] += 1
        out: list[set[int]] = [set() for _ in queries]
        found = np.flatnonzero(codes)
        owner = np.asarray(owners, dtype=np.int64)[found]
        code = codes[found]
        single = (code & np.uint64(_GROUP)) == 0
        for n, pos in zip(owner[single].tolist(), (code[single] - np.uint64(1)).tolist(), strict=True):
            out[n].add(pos)
        starts, positions = self.group_starts, self.group_positions
        for n, g in zip(owner[~single].tolist(), (code[~single] ^ np.uint64(_GROUP)).tolist(), strict=True):
            out[n].update(positions[starts[g]:starts[g + 1]].tolist())
        return [sorted(found_here) for found_here in out]


def form_hashes(query: str, depth: int = 1) -> list[int]:
    """Hashes of `query`'s deletion forms (one letter deleted; with `depth` 2, two too) and of
    `query` itself; a form may come twice."""
    crc32 = zlib.crc32
    if query.isascii():
        b = query.encode()
        if depth > 1:
            once = {b[:i] + b[i + 1:] for i in range(len(b))}
            forms = once | {d[:j] + d[j + 1:] for d in once for j in range(len(d))}
            forms.add(b)
            return [crc32(f) for f in forms]
        hashes = [crc32(b[:i] + b[i + 1:]) for i in range(len(b))]
        hashes.append(crc32(b))
        return hashes
    texts = deletions(query)
    if depth > 1:
        texts |= {d for once in texts for d in deletions(once)}
    texts.add(query)
    return [crc32(f.encode()) for f in texts]


__all__ = ["TABLE_BITS", "CandidateIndex", "deletions", "form_hashes"]
