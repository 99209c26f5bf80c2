"""An issuer database filled by a real server the way the audit log tests need it: signed pushes (one out of device
order, so it carries chain links), reviews (accepted, and a return with a second round) and a device registration."""

from __future__ import annotations

from pathlib import Path

from issuer_server.cli import main as cli_main
from issuer_server.db import Database
from issuer_server.devkit.sheets import SigningDevice
from issuer_server.devkit.tiny_program import write_tiny_program
from issuer_server.launcher import running_server
from tests.server.world import World


def populate(root: Path, db_url: str) -> Path:
    """Load a program, then drive a real server: pushes (one out of device order), reviews, a new device."""
    program = write_tiny_program(root / "program", submissions=12)
    evidence = root / "evidence"
    assert cli_main(["--db", db_url, "--evidence-dir", str(evidence), "load-program", str(program.folder)]) == 0
    with running_server(db_url, evidence) as base_url:
        world = World("tamper", db_url, evidence, base_url, program, Database(db_url, pool_size=1))
        try:
            first, second = world.assign(), world.assign()
            early, late = world.sheet(first), world.sheet(second)  # stamped in this order on alice's device
            assert world.push(second, late).status_code == 201, "the later sheet first: it carries links"
            assert world.push(first, early).status_code == 201
            pushed = [first, second]
            for user in ("alice", "bob", "alice", "bob"):
                assignment = world.assign(user)
                response = world.push(assignment, world.sheet(assignment, rank=0, actor=user), user=user)
                assert response.status_code == 201, response.text
                pushed.append(assignment)
            admin = world.client("admin")
            for assignment, decision in zip(pushed[:3], ("accept", "return", "accept"), strict=True):
                response = admin.post(f"/review/assignments/{assignment}", json={"decision": decision,
                                                                                 "note": f"{decision}ed"})
                assert response.status_code == 200, response.text
            assert world.push(pushed[1], world.sheet(pushed[1], rank=2)).status_code == 201  # round 1
            assert world.register(SigningDevice(), "bob").status_code == 201
        finally:
            world.close()
    return root / "issuer-log-key"
