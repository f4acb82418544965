"""The candidate index: the few gazetteer names a misspelt mention may mean, found without scanning.

A deletion index (the SymSpell idea): every name of the fuzzy pool, and each form of it with one
letter deleted, is hashed and points to the name. The hash is a polynomial one over the letters,
mixed at the end (`text_hash`): a form's hash follows from the prefix sums of the name's, so the
forms of many names or mentions are hashed together in a few numpy passes (`forms_hashed`). A mention's own forms with up to two letters
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


_M64 = (1 << 64) - 1
#: the polynomial's base (odd: every power is invertible, none is 0) and the mixing constants
_BASE = 0x9E3779B97F4A7C15
_LENGTH = 0xD6E8FEB86659FD93
_MIX1, _MIX2 = 0xBF58476D1CE4E5B9, 0x94D049BB133111EB
_POWERS: list[int] = [1]


def _power(k: int) -> int:
    while len(_POWERS) <= k:
        _POWERS.append(_POWERS[-1] * _BASE & _M64)
    return _POWERS[k]


def _mix(h: int, length: int) -> int:
    """The 32-bit hash of a text from its polynomial sum and length (splitmix64's finish)."""
    z = (h + length * _LENGTH) & _M64
    z = ((z ^ (z >> 30)) * _MIX1) & _M64
    z = ((z ^ (z >> 27)) * _MIX2) & _M64
    return (z ^ (z >> 31)) >> 32


def text_hash(text: str) -> int:
    """The 32-bit hash of `text` that the index keeps (of a name or one of its forms)."""
    h = 0
    for ch in text:
        h = (h * _BASE + ord(ch)) & _M64
    return _mix(h, len(text))


def form_hashes(query: str, depth: int = 1) -> list[int]:
    """Hashes of `query`'s deletion forms (one letter deleted; with `depth` 2, two too) and of
    `query` itself, each `text_hash` of the form (a form may come twice). With P the prefix sums
    and D[k] = P[k] - P[k+1], deleting letter i leaves P[n] + D[i]·B^(n-1-i), and deleting i < j
    leaves P[n] + D[i]·B^(n-2-i) + D[j]·B^(n-1-j)."""
    n = len(query)
    prefix = [0]
    for ch in query:
        prefix.append((prefix[-1] * _BASE + ord(ch)) & _M64)
    whole = prefix[n]
    diff = [prefix[k] - prefix[k + 1] for k in range(n)]
    out = [_mix(whole, n)]
    out += [_mix((whole + diff[i] * _power(n - 1 - i)) & _M64, n - 1) for i in range(n)]
    if depth > 1:
        out += [_mix((whole + diff[i] * _power(n - 2 - i) + diff[j] * _power(n - 1 - j)) & _M64, n - 2)
                for j in range(n) for i in range(j)]
    return out


def forms_hashed(texts: list[str], depth: int = 1, deleted_from: int = 0) -> tuple[np.ndarray, np.ndarray]:
    """`form_hashes` of every text at once: (hashes as uint64, the number of the text each came
    from). Texts shorter than `deleted_from` letters give only their own hash."""
    if not texts:
        return np.zeros(0, dtype=np.uint64), np.zeros(0, dtype=np.int64)
    lengths = np.fromiter(map(len, texts), dtype=np.int64, count=len(texts))
    width = int(lengths.max())
    codes = np.zeros((len(texts), width + 1), dtype=np.uint64)
    flat = np.frombuffer("".join(texts).encode("utf-32-le"), dtype=np.uint32)
    rows = np.repeat(np.arange(len(texts)), lengths)
    cols = np.arange(flat.size) - np.repeat(np.cumsum(lengths) - lengths, lengths)
    codes[rows, cols] = flat
    base = np.uint64(_BASE)
    prefix = np.zeros((len(texts), width + 1), dtype=np.uint64)
    for k in range(width):
        prefix[:, k + 1] = prefix[:, k] * base + codes[:, k]
    whole = prefix[np.arange(len(texts)), lengths]
    diff = prefix[:, :-1] - prefix[:, 1:]
    powers = np.array([_power(k) for k in range(width + 1)], dtype=np.uint64)
    sums, sizes, owners = [whole], [lengths], [np.arange(len(texts))]
    deletes = lengths >= max(deleted_from, 1)
    q, i = np.nonzero((np.arange(width)[None, :] < lengths[:, None]) & deletes[:, None])
    n = lengths[q]
    sums.append(whole[q] + diff[q, i] * powers[n - 1 - i])
    sizes.append(n - 1)
    owners.append(q)
    if depth > 1 and width > 1:
        jj, ii = np.nonzero(np.tri(width, width, -1, dtype=bool))  # i < j
        q, pair = np.nonzero((jj[None, :] < lengths[:, None]) & deletes[:, None])
        i, j, n = ii[pair], jj[pair], lengths[q]
        sums.append(whole[q] + diff[q, i] * powers[n - 2 - i] + diff[q, j] * powers[n - 1 - j])
        sizes.append(n - 2)
        owners.append(q)
    return _mixed(np.concatenate(sums), np.concatenate(sizes)), np.concatenate(owners)


def _mixed(h: np.ndarray, length: np.ndarray) -> np.ndarray:
    """`_mix` of arrays (uint64 arithmetic wraps as `& _M64` does)."""
    z = h + length.astype(np.uint64) * np.uint64(_LENGTH)
    z = (z ^ (z >> np.uint64(30))) * np.uint64(_MIX1)
    z = (z ^ (z >> np.uint64(27))) * np.uint64(_MIX2)
    return (z ^ (z >> np.uint64(31))) >> np.uint64(32)


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
        if not pool:
            return cls()
        # each name's own hash and its one-letter deletions' (names of three letters or more),
        # one (hash, position) pair each: a form twice in a name ("aab": "ab" twice) counts once
        parts = []
        for start in range(0, len(pool), 1 << 15):
            h, owner = forms_hashed(pool[start:start + (1 << 15)], deleted_from=3)
            parts.append(np.unique((h << np.uint64(32)) | (owner + start).astype(np.uint64)))
        pairs = np.concatenate(parts)
        pairs.sort()
        hashes, positions = pairs >> np.uint64(32), (pairs & np.uint64(_LOW)).astype(np.int64)
        new = np.ones(hashes.size, dtype=bool)
        np.not_equal(hashes[1:], hashes[:-1], out=new[1:])
        first = np.flatnonzero(new)
        keys = hashes[first]
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
        wanted, owners = forms_hashed(queries, depth)
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
        found = np.flatnonzero(codes)
        owner, code = owners[found], codes[found]
        single = (code & np.uint64(_GROUP)) == 0
        # a group's positions, each with the query that found the group
        groups = (code[~single] ^ np.uint64(_GROUP)).astype(np.int64)
        first, sizes = self.group_starts[groups], self.group_starts[groups + 1] - self.group_starts[groups]
        at = np.repeat(first - np.cumsum(sizes) + sizes, sizes) + np.arange(int(sizes.sum()))
        pairs = np.concatenate([
            owner[single] * _SPAN + (code[single] - np.uint64(1)).astype(np.int64),
            np.repeat(owner[~single], sizes) * _SPAN + self.group_positions[at]])
        pairs = np.unique(pairs)  # sorted: by query, then position
        bounds = np.searchsorted(pairs, np.arange(len(queries) + 1, dtype=np.int64) * _SPAN).tolist()
        positions = (pairs % _SPAN).tolist()
        return [positions[bounds[n]:bounds[n + 1]] for n in range(len(queries))]


#: positions are below this; (query number * _SPAN + position) sorts by query, then position
_SPAN = 1 << 32


__all__ = ["TABLE_BITS", "CandidateIndex", "deletions", "form_hashes", "forms_hashed", "text_hash"]
