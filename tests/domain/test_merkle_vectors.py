"""The Merkle tree against the published RFC 6962 test vectors of Certificate Transparency / Trillian.

Source (Apache-2.0), as used by certificate-transparency-go and Trillian:
- transparency-dev/merkle ``testonly/constants.go`` (commit 582a6ad190b6848f1d26f8bf08ddef29955d9db1):
  ``LeafInputs``, ``NodeHashes`` (every perfect subtree by level and index) and ``RootHashes`` (sizes 0..8);
- transparency-dev/merkle ``proof/verify_test.go`` (commit 02194e9afb6c1d95b5381350007963aa70fff472):
  ``inclusionProofs`` (``{leaf, size, proof}``, ``leaf`` counted from 1) and ``consistencyProofs``.

The values are copied as published; the tests check that our proofs equal them, that they verify, and
that the same corruptions their tests apply are refused.
"""

from __future__ import annotations

import pytest

from assessor_app.domain.merkle import (
    EMPTY_ROOT,
    Frontier,
    consistency_proof,
    inclusion_proof,
    leaf_hash,
    root_from_leaves,
    subtree_root,
    verify_consistency,
    verify_inclusion,
)

LEAVES = [bytes.fromhex(h) for h in (
    "", "00", "10", "2021", "3031", "40414243", "5051525354555657", "606162636465666768696a6b6c6d6e6f")]

NODE_HASHES = [
    ["6e340b9cffb37a989ca544e6bb780a2c78901d3fb33738768511a30617afa01d",
     "96a296d224f285c67bee93c30f8a309157f0daa35dc5b87e410b78630a09cfc7",
     "0298d122906dcfc10892cb53a73992fc5b9f493ea4c9badb27b791b4127a7fe7",
     "07506a85fd9dd2f120eb694f86011e5bb4662e5c415a62917033d4a9624487e7",
     "bc1a0643b12e4d2d7c77918f44e0f4f79a838b6cf9ec5b5c283e1f4d88599e6b",
     "4271a26be0d8a84f0bd54c8c302e7cb3a3b5d1fa6780a40bcce2873477dab658",
     "b08693ec2e721597130641e8211e7eedccb4c26413963eee6c1e2ed16ffb1a5f",
     "46f6ffadd3d06a09ff3c5860d2755c8b9819db7df44251788c7d8e3180de8eb1"],
    ["fac54203e7cc696cf0dfcb42c92a1d9dbaf70ad9e621f4bd8d98662f00e3c125",
     "5f083f0a1a33ca076a95279832580db3e0ef4584bdff1f54c8a360f50de3031e",
     "0ebc5d3437fbe2db158b9f126a1d118e308181031d0a949f8dededebc558ef6a",
     "ca854ea128ed050b41b35ffc1b87b8eb2bde461e9e3b5596ece6b9d5975a0ae0"],
    ["d37ee418976dd95753c1c73862b9398fa2a2cf9b4ff0fdfe8b30cd95209614b7",
     "6b47aaf29ee3c2af9af889bc1fb9254dabd31177f16232dd6aab035ca39bf6e4"],
    ["5dc9da79a70659a9ad559cb701ded9a2ab9d823aad2f4960cfe370eff4604328"],
]

ROOTS = {
    0: "e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855",
    1: "6e340b9cffb37a989ca544e6bb780a2c78901d3fb33738768511a30617afa01d",
    2: "fac54203e7cc696cf0dfcb42c92a1d9dbaf70ad9e621f4bd8d98662f00e3c125",
    3: "aeb6bcfe274b70a14fb067a5e5578264db0fa9b51af5e0ba159158f329e06e77",
    4: "d37ee418976dd95753c1c73862b9398fa2a2cf9b4ff0fdfe8b30cd95209614b7",
    5: "4e3bbb1f7b478dcfe71fb631631519a3bca12c9aefca1612bfce4c13a86264d4",
    6: "76e67dadbcdf1e10e1b74ddc608abd2f98dfb16fbce75277b5232a127f2087ef",
    7: "ddb89be403809e325750d3d263cd78929c2942b7942a34b77e122c9594a74c8c",
    8: "5dc9da79a70659a9ad559cb701ded9a2ab9d823aad2f4960cfe370eff4604328",
}

# (leaf counted from 1, tree size, audit path) exactly as published.
INCLUSION = [
    (1, 1, []),
    (1, 8, ["96a296d224f285c67bee93c30f8a309157f0daa35dc5b87e410b78630a09cfc7",
            "5f083f0a1a33ca076a95279832580db3e0ef4584bdff1f54c8a360f50de3031e",
            "6b47aaf29ee3c2af9af889bc1fb9254dabd31177f16232dd6aab035ca39bf6e4"]),
    (6, 8, ["bc1a0643b12e4d2d7c77918f44e0f4f79a838b6cf9ec5b5c283e1f4d88599e6b",
            "ca854ea128ed050b41b35ffc1b87b8eb2bde461e9e3b5596ece6b9d5975a0ae0",
            "d37ee418976dd95753c1c73862b9398fa2a2cf9b4ff0fdfe8b30cd95209614b7"]),
    (3, 3, ["fac54203e7cc696cf0dfcb42c92a1d9dbaf70ad9e621f4bd8d98662f00e3c125"]),
    (2, 5, ["6e340b9cffb37a989ca544e6bb780a2c78901d3fb33738768511a30617afa01d",
            "5f083f0a1a33ca076a95279832580db3e0ef4584bdff1f54c8a360f50de3031e",
            "bc1a0643b12e4d2d7c77918f44e0f4f79a838b6cf9ec5b5c283e1f4d88599e6b"]),
]

CONSISTENCY = [
    (1, 1, []),
    (1, 8, ["96a296d224f285c67bee93c30f8a309157f0daa35dc5b87e410b78630a09cfc7",
            "5f083f0a1a33ca076a95279832580db3e0ef4584bdff1f54c8a360f50de3031e",
            "6b47aaf29ee3c2af9af889bc1fb9254dabd31177f16232dd6aab035ca39bf6e4"]),
    (6, 8, ["0ebc5d3437fbe2db158b9f126a1d118e308181031d0a949f8dededebc558ef6a",
            "ca854ea128ed050b41b35ffc1b87b8eb2bde461e9e3b5596ece6b9d5975a0ae0",
            "d37ee418976dd95753c1c73862b9398fa2a2cf9b4ff0fdfe8b30cd95209614b7"]),
    (2, 5, ["5f083f0a1a33ca076a95279832580db3e0ef4584bdff1f54c8a360f50de3031e",
            "bc1a0643b12e4d2d7c77918f44e0f4f79a838b6cf9ec5b5c283e1f4d88599e6b"]),
    (6, 7, ["0ebc5d3437fbe2db158b9f126a1d118e308181031d0a949f8dededebc558ef6a",
            "b08693ec2e721597130641e8211e7eedccb4c26413963eee6c1e2ed16ffb1a5f",
            "d37ee418976dd95753c1c73862b9398fa2a2cf9b4ff0fdfe8b30cd95209614b7"]),
]

SOME_HASH = bytes.fromhex("abacaba000000000000000000000000000000000000000000060061e00123456")


def stored_nodes() -> dict[tuple[int, int], bytes]:
    """Every perfect node the issuer would store after appending the eight leaves one by one."""
    frontier, nodes = Frontier(), {}
    for leaf in LEAVES:
        for level, index, value in frontier.append(leaf_hash(leaf)):
            nodes[(level, index)] = value
    return nodes


def lookup(level: int, index: int) -> bytes:
    return NODES[(level, index)]


NODES = stored_nodes()


def hexes(path: list[bytes]) -> list[str]:
    return [p.hex() for p in path]


def test_the_empty_tree_hashes_to_the_published_root() -> None:
    assert EMPTY_ROOT.hex() == ROOTS[0]
    assert root_from_leaves([]).hex() == ROOTS[0]


def test_every_perfect_node_the_frontier_creates_is_the_published_node_hash() -> None:
    published = {(level, index): value for level, row in enumerate(NODE_HASHES) for index, value in enumerate(row)}
    assert {k: v.hex() for k, v in NODES.items()} == published


@pytest.mark.parametrize("size", range(1, 9))
def test_the_root_of_every_size_is_the_published_root(size: int) -> None:
    hashes = [leaf_hash(leaf) for leaf in LEAVES[:size]]
    assert root_from_leaves(hashes).hex() == ROOTS[size]
    assert subtree_root(0, size, lookup).hex() == ROOTS[size]
    frontier = Frontier()
    for h in hashes:
        frontier.append(h)
    assert frontier.root().hex() == ROOTS[size]
    assert Frontier.restore(size, lookup).root().hex() == ROOTS[size]


@pytest.mark.parametrize(("leaf", "size", "path"), INCLUSION)
def test_inclusion_proofs_are_the_published_ones_and_verify(leaf: int, size: int, path: list[str]) -> None:
    index = leaf - 1
    assert hexes(inclusion_proof(index, size, lookup)) == path
    proof, root, hashed = [bytes.fromhex(p) for p in path], bytes.fromhex(ROOTS[size]), leaf_hash(LEAVES[index])
    assert verify_inclusion(index, size, hashed, proof, root)


@pytest.mark.parametrize(("leaf", "size", "path"), INCLUSION)
def test_corrupted_inclusion_proofs_are_refused(leaf: int, size: int, path: list[str]) -> None:
    """The corruptions ``corruptInclusionProof`` applies in the published tests."""
    index, root, hashed = leaf - 1, bytes.fromhex(ROOTS[size]), leaf_hash(LEAVES[leaf - 1])
    proof = [bytes.fromhex(p) for p in path]
    probes = [(index - 1, size, root, hashed, proof), (index + 1, size, root, hashed, proof),
              (index ^ 2, size, root, hashed, proof), (index, size * 2, root, hashed, proof),
              (index, size // 2, root, hashed, proof), (index, size, root, b"WrongLeaf", proof),
              (index, size, EMPTY_ROOT, hashed, proof), (index, size, SOME_HASH, hashed, proof),
              (index, size, root, hashed, [*proof, b""]), (index, size, root, hashed, [*proof, root]),
              (index, size, root, hashed, [b"", *proof]), (index, size, root, hashed, [root, *proof])]
    for i in range(len(proof)):
        flipped = list(proof)
        flipped[i] = bytes([flipped[i][0] ^ 8]) + flipped[i][1:]
        probes.append((index, size, root, hashed, flipped))
    if proof:
        probes.append((index, size, root, hashed, proof[:-1]))
    if len(proof) > 1:
        probes.append((index, size, root, hashed, [proof[0], SOME_HASH, *proof[1:]]))
    accepted = [k for k, (i, n, r, h, p) in enumerate(probes) if verify_inclusion(i, n, h, p, r)]
    assert accepted == []


@pytest.mark.parametrize(("first", "second", "path"), CONSISTENCY)
def test_consistency_proofs_are_the_published_ones_and_verify(first: int, second: int, path: list[str]) -> None:
    assert hexes(consistency_proof(first, second, lookup)) == path
    proof = [bytes.fromhex(p) for p in path]
    assert verify_consistency(first, second, bytes.fromhex(ROOTS[first]), bytes.fromhex(ROOTS[second]), proof)


@pytest.mark.parametrize(("first", "second", "path"), [c for c in CONSISTENCY if c[2]])
def test_corrupted_consistency_proofs_are_refused(first: int, second: int, path: list[str]) -> None:
    """The corruptions ``corruptConsistencyProof`` applies in the published tests."""
    r1, r2 = bytes.fromhex(ROOTS[first]), bytes.fromhex(ROOTS[second])
    proof = [bytes.fromhex(p) for p in path]
    probes = [(first - 1, second, r1, r2, proof), (first + 1, second, r1, r2, proof),
              (first ^ 2, second, r1, r2, proof), (first, second * 2, r1, r2, proof),
              (first, second // 2, r1, r2, proof), (first, second, b"WrongRoot", r2, proof),
              (first, second, r1, b"WrongRoot", proof), (first, second, r2, r1, proof),
              (first, second, r1, r2, []), (first, second, r1, r2, [*proof, b""]),
              (first, second, r1, r2, [*proof, r1]), (first, second, r1, r2, [*proof, r2]),
              (first, second, r1, r2, [b"", *proof]), (first, second, r1, r2, [r1, *proof]),
              (first, second, r1, r2, [r2, *proof]), (first, second, r1, r2, [proof[0], *proof]),
              (first, second, r1, r2, proof[:-1])]
    for i in range(len(proof)):
        flipped = list(proof)
        flipped[i] = bytes([flipped[i][0] ^ 16]) + flipped[i][1:]
        probes.append((first, second, r1, r2, flipped))
    accepted = [n for n, probe in enumerate(probes) if verify_consistency(*probe)]
    assert accepted == []
