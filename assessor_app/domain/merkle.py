"""An append-only Merkle tree hashed as in Certificate Transparency (RFC 6962 §2.1, RFC 9162 §2.1).

Leaves hash as ``SHA-256(0x00 || entry)`` and interior nodes as ``SHA-256(0x01 || left || right)``; the
tree over ``n`` leaves splits at the largest power of two below ``n``. The issuer stores the root of every
*perfect* subtree (``level``, ``index``: the subtree over leaves ``index * 2**level`` ..
``(index + 1) * 2**level - 1``), which is enough to answer any root, inclusion or consistency question in
O(log² n) lookups; :class:`Frontier` appends a leaf and names the perfect nodes it completes.
The verification functions follow RFC 9162 §2.1.3.2 and §2.1.4.2 step by step, so a client can check
the issuer's proofs with nothing but this module.
"""

from __future__ import annotations

import hashlib
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass, field

EMPTY_ROOT = hashlib.sha256(b"").digest()
NodeLookup = Callable[[int, int], bytes]  # (level, index) -> hash of that perfect subtree


def leaf_hash(entry: bytes) -> bytes:
    return hashlib.sha256(b"\x00" + entry).digest()


def node_hash(left: bytes, right: bytes) -> bytes:
    return hashlib.sha256(b"\x01" + left + right).digest()


def _split(n: int) -> int:
    """The largest power of two strictly below ``n`` (``n`` > 1)."""
    return 1 << ((n - 1).bit_length() - 1)


def root_from_leaves(leaf_hashes: Sequence[bytes]) -> bytes:
    """MTH over already-hashed leaves, bottom-up (equal to RFC 6962's recursive definition)."""
    if not leaf_hashes:
        return EMPTY_ROOT
    level = list(leaf_hashes)
    while len(level) > 1:
        paired = [node_hash(level[i], level[i + 1]) for i in range(0, len(level) - 1, 2)]
        if len(level) % 2:
            paired.append(level[-1])  # an unpaired right edge is promoted unchanged
        level = paired
    return level[0]


@dataclass
class Frontier:
    """The roots of the perfect subtrees covering the first ``size`` leaves, largest first.

    Appending is O(log n) and reports the perfect nodes it completed, so the caller can store them.
    """

    size: int = 0
    nodes: list[bytes] = field(default_factory=list)

    def append(self, leaf: bytes) -> list[tuple[int, int, bytes]]:
        """Add one leaf hash; returns every new perfect node as ``(level, index, hash)``, leaf included."""
        created = [(0, self.size, leaf)]
        self.nodes.append(leaf)
        index, level, value = self.size, 0, leaf
        while index & 1:
            left = self.nodes[-2]
            value = node_hash(left, value)
            del self.nodes[-2:]
            self.nodes.append(value)
            index >>= 1
            level += 1
            created.append((level, index, value))
        self.size += 1
        return created

    def root(self) -> bytes:
        if not self.nodes:
            return EMPTY_ROOT
        value = self.nodes[-1]
        for left in reversed(self.nodes[:-1]):
            value = node_hash(left, value)
        return value

    @classmethod
    def restore(cls, size: int, node: NodeLookup) -> Frontier:
        """Rebuild the frontier of a stored tree of ``size`` leaves from its perfect nodes."""
        nodes, start = [], 0
        for level in range(size.bit_length() - 1, -1, -1):
            if size & (1 << level):
                nodes.append(node(level, start >> level))
                start += 1 << level
        return cls(size, nodes)


def subtree_root(start: int, end: int, node: NodeLookup) -> bytes:
    """MTH(D[start:end]) for a range that RFC 6962's recursion produces (``start`` aligned to the split)."""
    size = end - start
    if size <= 0:
        return EMPTY_ROOT
    if size & (size - 1) == 0 and start % size == 0:
        return node(size.bit_length() - 1, start // size)
    k = _split(size)
    return node_hash(subtree_root(start, start + k, node), subtree_root(start + k, end, node))


def inclusion_proof(index: int, size: int, node: NodeLookup) -> list[bytes]:
    """RFC 6962 §2.1.1 PATH(index, D[0:size]), leaf to root order."""
    if not 0 <= index < size:
        raise ValueError(f"leaf {index} is not in a tree of {size} leaves")
    return _path(index, 0, size, node)


def _path(m: int, start: int, end: int, node: NodeLookup) -> list[bytes]:
    n = end - start
    if n == 1:
        return []
    k = _split(n)
    if m < k:
        return [*_path(m, start, start + k, node), subtree_root(start + k, end, node)]
    return [*_path(m - k, start + k, end, node), subtree_root(start, start + k, node)]


def consistency_proof(first: int, second: int, node: NodeLookup) -> list[bytes]:
    """RFC 6962 §2.1.2 PROOF(first, D[0:second])."""
    if not 0 < first <= second:
        raise ValueError(f"no consistency proof from size {first} to size {second}")
    if first == second:
        return []
    return _subproof(first, 0, second, True, node)


def _subproof(m: int, start: int, end: int, complete: bool, node: NodeLookup) -> list[bytes]:
    n = end - start
    if m == n:
        return [] if complete else [subtree_root(start, end, node)]
    k = _split(n)
    if m <= k:
        return [*_subproof(m, start, start + k, complete, node), subtree_root(start + k, end, node)]
    return [*_subproof(m - k, start + k, end, False, node), subtree_root(start, start + k, node)]


def root_from_inclusion(index: int, size: int, leaf: bytes, proof: Iterable[bytes]) -> bytes | None:
    """RFC 9162 §2.1.3.2: the root the proof implies for ``leaf`` at ``index``, or ``None`` if malformed."""
    if not 0 <= index < size:
        return None
    fn, sn, r = index, size - 1, leaf
    for p in proof:
        if sn == 0:
            return None
        if fn & 1 or fn == sn:
            r = node_hash(p, r)
            if not fn & 1:
                while fn and not fn & 1:
                    fn >>= 1
                    sn >>= 1
        else:
            r = node_hash(r, p)
        fn >>= 1
        sn >>= 1
    return r if sn == 0 else None


def verify_inclusion(index: int, size: int, leaf: bytes, proof: Sequence[bytes], root: bytes) -> bool:
    return root_from_inclusion(index, size, leaf, proof) == root


def verify_consistency(first: int, second: int, first_root: bytes, second_root: bytes,
                       proof: Sequence[bytes]) -> bool:
    """RFC 9162 §2.1.4.2: does the tree of ``second`` leaves extend the tree of ``first`` leaves?"""
    if first == second:
        return not proof and first_root == second_root
    if not 0 < first < second or not proof:
        return False
    path = list(proof)
    if first & (first - 1) == 0:  # a power of two: the first tree's root is itself on the path
        path.insert(0, first_root)
    fn, sn = first - 1, second - 1
    while fn & 1:
        fn >>= 1
        sn >>= 1
    fr = sr = path[0]
    for c in path[1:]:
        if sn == 0:
            return False
        if fn & 1 or fn == sn:
            fr = node_hash(c, fr)
            sr = node_hash(c, sr)
            while fn and not fn & 1:
                fn >>= 1
                sn >>= 1
        else:
            sr = node_hash(sr, c)
        fn >>= 1
        sn >>= 1
    return sn == 0 and fr == first_root and sr == second_root
