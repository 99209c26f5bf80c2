"""The tree's side of ``audit verify``: every stored Merkle node, every checkpoint's root and its place in the log
(a checkpoint ends exactly the entries appended with it), and checkpoint signatures.

Work is split at chunks of 2**16 leaves: each scanning process computes the perfect subtrees inside its chunks,
compares them with the stored nodes, and folds the low part of each checkpoint's root (the frontier nodes below
the chunk level); the main process finishes with the few nodes above the chunks.
"""

from __future__ import annotations

import hashlib
import itertools
from collections.abc import Callable, Sequence
from dataclasses import dataclass

from sqlalchemy import Connection, text

from assessor_app.domain.merkle import EMPTY_ROOT
from assessor_app.domain.signing import Verifier, b64url, checkpoint_message, unb64url
from issuer_server.audit.verify_streams import stream

CHUNK_LEVEL = 16
CHUNK = 1 << CHUNK_LEVEL
Find = Callable[[int, str], None]
Run = tuple[int, int, str]  # (first index, last index, appended_at)
Point = tuple[int, str, str, str, bytes | None]  # (tree size, root hash, timestamp, signature, low fold)


def levels_of(leaves: bytes, top: int | None = None) -> list[list[bytes]]:
    """Perfect subtrees by level over leaves that start at a multiple of ``2**top``: ``levels[0]`` the leaves,
    ``levels[k][i]`` the node over the ``i``-th run of ``2**k`` of them."""
    levels = [[leaves[i:i + 32] for i in range(0, len(leaves), 32)]]
    sha256 = hashlib.sha256
    while len(levels[-1]) > 1 and (top is None or len(levels) <= top):
        below = levels[-1]  # an unpaired last node belongs to no perfect subtree above it
        pairs = zip(below[0::2], below[1::2], strict=False)
        levels.append([sha256(b"\x01" + left + right).digest() for left, right in pairs])
    return levels


def _fold(nodes: Sequence[bytes]) -> bytes:
    value = nodes[-1]
    sha256 = hashlib.sha256
    for left in reversed(nodes[:-1]):
        value = sha256(b"\x01" + left + value).digest()
    return value


def _last_leaf(level: int, index: int) -> int:
    return ((index + 1) << level) - 1


def _stored_hex(conn: Connection, level: int, first: int, count: int) -> tuple[int, str]:
    aggregate = ("string_agg(hash, '' ORDER BY \"index\")" if conn.dialect.name == "postgresql"
                 else "group_concat(hash, '')")
    inner = ('SELECT hash, "index" FROM merkle_nodes WHERE level = :level AND "index" >= :first '
             'AND "index" < :end ORDER BY "index"')
    row = conn.execute(text(f"SELECT COUNT(*), {aggregate} FROM ({inner}) AS nodes"),
                       {"level": level, "first": first, "end": first + count}).one()
    return int(row[0]), row[1] or ""


def check_nodes(conn: Connection, levels: Sequence[Sequence[bytes]], lo: int, first_level: int,
                find: Find) -> int:
    """Stored nodes of ``levels[first_level:]`` (which start at leaf ``lo``) must be exactly the computed ones:
    one aggregate string per level, and row by row only where that differs."""
    checked = 0
    for level in range(max(first_level, 1), len(levels)):
        computed = levels[level]
        first = lo >> level
        count, stored = _stored_hex(conn, level, first, len(computed))
        checked += count
        if count == len(computed) and stored == b"".join(computed).hex():
            continue
        held = {index: value for index, value in conn.execute(text(
            'SELECT "index", hash FROM merkle_nodes WHERE level = :level AND "index" >= :f AND "index" < :e'),
            {"level": level, "f": first, "e": first + len(computed)})}
        for offset, value in enumerate(computed):
            index = first + offset
            where = (f"merkle_nodes: node (level {level}, index {index}) over entries {index << level} to "
                     f"{_last_leaf(level, index)}")
            if index not in held:
                find(_last_leaf(level, index), f"{where} is missing")
            elif held[index] != value.hex():
                find(_last_leaf(level, index), f"{where} does not match them")
    return checked


def check_node_counts(conn: Connection, size: int, find: Find) -> None:
    """No stored node outside the tree: per level exactly ``size >> level`` of them, at indexes 0 .. that - 1."""
    expected = {level: size >> level for level in range(1, max(size.bit_length(), 1)) if size >> level}
    held = {level: (count, low, high) for level, count, low, high in conn.execute(text(
        'SELECT level, COUNT(*), MIN("index"), MAX("index") FROM merkle_nodes GROUP BY level'))}
    for level, (count, low, high) in sorted(held.items(), key=lambda item: str(item[0])):
        want = expected.get(level, 0) if isinstance(level, int) else 0
        if count > want or (count and (low < 0 or high >= want)):
            extra = conn.execute(text('SELECT level, "index" FROM merkle_nodes WHERE level = :level AND ("index" < 0 '
                                      'OR "index" >= :want) LIMIT 1'), {"level": level, "want": want}).first()
            node = f"(level {extra[0]}, index {extra[1]})" if extra else f"at level {level}"
            find(size, f"merkle_nodes: node {node} does not belong to the tree of {size} entries")


def part_points(conn: Connection, levels: Sequence[Sequence[bytes]], lo: int, after: int, hi: int) -> list[Point]:
    """Checkpoints of tree size ``after + 1 .. hi`` with the fold of their frontier below the chunk level."""
    rows = stream(conn, 'SELECT tree_size, root_hash, "timestamp", signature FROM checkpoints WHERE tree_size > :a '
                        "AND tree_size <= :h ORDER BY tree_size", {"a": after, "h": hi})
    return [(size, root_hash, timestamp, signature, low_fold(size, levels, lo))
            for size, root_hash, timestamp, signature in rows]


@dataclass
class PartPoints:
    """What a scanning process found out about the checkpoints of its range (tree sizes ``lo + 1 .. hi``)."""

    roots: list[tuple[int, str, bytes | None]]  # (tree size, root hash, fold below the chunk level)
    first_run: Run | None
    last_run: Run | None
    ends_at_hi: bool  # a checkpoint ends this range's last run
    latest: Point | None
    count: int
    signatures_checked: int


def check_part_points(points: Sequence[Point], runs: Sequence[Run], verifier: Verifier | None,
                      every_signature: bool, find: Find) -> PartPoints:
    """Within one range: each append's entries (a run of one ``appended_at``) end at a checkpoint of that timestamp,
    runs come in time order, and (with ``every_signature``) each checkpoint is signed by the log key. The roots,
    which need the nodes above the chunks, and the range's edges are left to ``finish_checkpoints``."""
    ends = {last + 1: (first, at) for first, last, at in runs}
    for previous, run in itertools.pairwise(runs):
        if run[2] <= previous[2]:
            find(run[0], f"entries {run[0]} to {run[1]} were appended at {run[2]}, not after entry {previous[1]} "
                 f"({previous[2]})")
    covered: set[int] = set()
    roots, checked = [], 0
    for tree_size, root_hash, timestamp, signature, low in points:
        where = f"checkpoint of tree size {tree_size}"
        run = ends.get(tree_size)
        if run is None:
            find(tree_size - 1, f"{where}: does not end an append of the log (no entries were appended with it)")
            continue
        covered.add(tree_size)
        if timestamp != run[1]:
            find(run[0], f"{where}: its timestamp {timestamp} is not when entries {run[0]} to {tree_size - 1} "
                 f"were appended ({run[1]})")
        roots.append((tree_size, root_hash, low))
        if every_signature:
            checked += 1
            if not _signed(verifier, tree_size, root_hash, timestamp, signature):
                find(tree_size - 1, f"{where}: its signature is not valid for the issuer's log key")
    for (_, last, at), following in itertools.pairwise(runs):
        if last + 1 not in covered:  # the break shows between ``last`` and ``last + 1``
            find(last + 1, f"entries {last} and {last + 1} were appended apart ({at} and {following[2]}), but no "
                 f"checkpoint of tree size {last + 1} ends the first append")
    return PartPoints(roots, runs[0] if runs else None, runs[-1] if runs else None,
                      bool(runs) and runs[-1][1] + 1 in covered, points[-1] if points else None, len(points), checked)


def _signed(verifier: Verifier | None, size: int, root_hash: str, timestamp: str, signature: str) -> bool:
    return verifier is not None and canonical(signature) and verifier.verifies(
        checkpoint_message(size, root_hash, timestamp), signature)


@dataclass
class Checkpoints:
    count: int = 0
    latest_size: int = 0
    latest_root: str = ""
    signatures_checked: int = 0


def finish_checkpoints(parts: Sequence[PartPoints], upper: Sequence[Sequence[bytes]], size: int,
                       verifier: Verifier | None, every_signature: bool, find: Find) -> Checkpoints:
    """Across ranges: every root against the tree, the runs at the ranges' edges, and the latest checkpoint: it
    covers the whole log and is signed by the log key. ``upper``: the nodes from the chunk level up."""
    result = Checkpoints(count=sum(p.count for p in parts),
                         signatures_checked=sum(p.signatures_checked for p in parts))
    highs: dict[int, list[bytes]] = {}
    for part in parts:
        for tree_size, root_hash, low in part.roots:
            if root_from(tree_size, upper, low, highs).hex() != root_hash:
                find(tree_size - 1, f"checkpoint of tree size {tree_size}: its root hash is not the root of the log's "
                     f"first {tree_size} entries")
    edges = [p for p in parts if p.last_run is not None]
    for part, following in itertools.zip_longest(edges, edges[1:]):
        first, last, at = part.last_run  # type: ignore[misc]
        after = following.first_run if following is not None else None
        if after is not None and after[2] == at and after[0] == last + 1:
            continue  # one append split between two ranges: the next range checks where it ends
        if after is not None and after[2] <= at:
            find(after[0], f"entries {after[0]} to {after[1]} were appended at {after[2]}, not after entry {last} "
                 f"({at})")
        if part.ends_at_hi:
            continue
        if after is not None:
            find(last + 1, f"entries {last} and {last + 1} were appended apart ({at} and {after[2]}), but no "
                 f"checkpoint of tree size {last + 1} ends the first append")
        else:
            find(first, f"entries {first} to {last} (appended at {at}) are covered by no checkpoint (there is none "
                 f"of tree size {last + 1})")
    latest = next((p.latest for p in reversed(parts) if p.latest is not None), None)
    if latest is not None:
        tree_size, root_hash, timestamp, signature, _ = latest
        result.latest_size, result.latest_root = int(tree_size), root_hash
        if not every_signature:
            result.signatures_checked += 1
            if not _signed(verifier, tree_size, root_hash, timestamp, signature):
                find(min(tree_size - 1, size), f"checkpoint of tree size {tree_size}: its signature is not valid "
                     "for the issuer's log key")
    if size and result.latest_size != size:
        find(size, f"the latest checkpoint covers {result.latest_size} entries, but the log holds {size}")
    return result


def root_from(size: int, upper: Sequence[Sequence[bytes]], low: bytes | None,
              cache: dict[int, list[bytes]] | None = None) -> bytes:
    """The root of ``size`` leaves from the nodes above the chunk level and the fold of those below it; ``cache``
    keeps the nodes above per chunk (every size in a chunk shares them)."""
    if size == 0:
        return EMPTY_ROOT
    chunk = size >> CHUNK_LEVEL
    high = cache.get(chunk) if cache is not None else None
    if high is None:
        high = [upper[level - CHUNK_LEVEL][index] for level, index in _frontier_keys(size, CHUNK_LEVEL)]
        if cache is not None:
            cache[chunk] = high
    if low is None:
        return _fold(high)
    value, sha256 = low, hashlib.sha256
    for left in reversed(high):
        value = sha256(b"\x01" + left + value).digest()
    return value


def low_fold(size: int, levels: Sequence[Sequence[bytes]], lo: int) -> bytes | None:
    """The fold of the frontier nodes of ``size`` below the chunk level (``levels`` start at leaf ``lo``): the
    root of the leaves from the last chunk boundary up to ``size``, or None at a boundary."""
    rest = size & ((1 << CHUNK_LEVEL) - 1)
    if not rest:
        return None
    start, nodes = size - rest - lo, []
    while rest:
        level = rest.bit_length() - 1
        nodes.append(levels[level][start >> level])
        start += 1 << level
        rest -= 1 << level
    value = nodes[-1]
    sha256 = hashlib.sha256
    for left in reversed(nodes[:-1]):
        value = sha256(b"\x01" + left + value).digest()
    return value


def fold_text(frontier_hex: str) -> bytes:
    """The root a head row's frontier (hex, largest first) stands for."""
    try:
        nodes = [bytes.fromhex(frontier_hex[i:i + 64]) for i in range(0, len(frontier_hex), 64)]
    except ValueError:
        return b""
    return _fold(nodes) if nodes else EMPTY_ROOT


def canonical(signature: str | None) -> bool:
    """Base64url ignores the unused bits of its last character, so one signature has several spellings; the log
    stores the one spelling, and any other is a change."""
    try:
        return signature is not None and b64url(unb64url(signature)) == signature
    except ValueError:
        return False


def _frontier_keys(size: int, lowest: int) -> list[tuple[int, int]]:
    keys, start = [], 0
    for level in range(size.bit_length() - 1, -1, -1):
        if size & (1 << level):
            if level >= lowest:
                keys.append((level, start >> level))
            start += 1 << level
    return keys


def stray_points(conn: Connection, size: int, find: Find) -> None:
    """Checkpoints no scanning process saw: sizes outside 1 .. the log's size."""
    for (tree_size,) in conn.execute(text("SELECT tree_size FROM checkpoints WHERE tree_size < 1 OR tree_size > :n "
                                          "ORDER BY tree_size LIMIT 5"), {"n": size}):
        find(size, f"checkpoint of tree size {tree_size}: the log holds only {size} entries")
