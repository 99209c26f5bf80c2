"""Pulling from the real issuer on loopback fills the cache with everything needed to score offline."""

import hashlib

from assessor_app.domain.assignment import AssignmentState
from assessor_app.store.catalog import Catalog
from assessor_app.store.evidence_files import EvidenceFiles
from assessor_app.sync.service import SyncReport
from tests.sync.fault_proxy import FaultProxy, FlipBit, Reset


def sha256(path) -> str:
    return hashlib.sha256(open(path, "rb").read()).hexdigest()


def all_evidence_verified(desk) -> list:
    files = EvidenceFiles(desk.db).for_submission
    rows = [f for r in Catalog(desk.db).queue() for f in files(r.submission_id)]
    assert rows, "no evidence in the cache"
    for f in rows:
        assert f.state == "ready", (f.id, f.state, f.error)
        assert sha256(f.local_path) == f.sha256
    return rows


def test_pull_fills_the_cache_for_offline_scoring(desk):
    progress = []
    report = desk.service(on_progress=progress.append).sync()
    queue = Catalog(desk.db).queue()
    assert report.new_assignments == len(queue) == 11
    assert all(r.state is AssignmentState.NEW and r.evidence_ready == r.evidence_total == 3 for r in queue)
    rows = all_evidence_verified(desk)
    assert report.downloaded_files == len(rows)
    assert report.downloaded_bytes == sum({f.sha256: f.size for f in rows}.values())
    assert {p.phase for p in progress} >= {"assignments", "content", "evidence", "done"}
    catalog = Catalog(desk.db)
    submission = catalog.submission(queue[0].submission_id)
    assert catalog.credential(submission.credential_id, submission.credential_version).rubric.criteria


def test_a_second_sync_fetches_nothing_new(desk):
    desk.service().sync()
    again = desk.service().sync()
    assert (again.new_assignments, again.downloaded_files, again.downloaded_bytes) == (0, 0, 0)


def test_evidence_arrives_complete_through_connection_resets(desk, issuer):
    port = int(issuer.url.rsplit(":", 1)[1])
    with FaultProxy(port) as proxy:
        for after in (3000, 20000, 70000, 150000, 5000, 90000):
            proxy.inject("GET /api/v1/evidence/", Reset(after))
        desk.client.close()
        from assessor_app.sync.client import IssuerClient

        desk.client = IssuerClient(proxy.url, issuer.username)
        desk.client.sign_in(issuer.password)
        report = desk.service().sync()
        assert proxy.faults_applied == 6
    assert report.problems == []
    all_evidence_verified(desk)


def test_a_flipped_bit_is_detected_and_the_file_fetched_again(desk, issuer):
    port = int(issuer.url.rsplit(":", 1)[1])
    with FaultProxy(port) as proxy:
        proxy.inject("GET /api/v1/evidence/", FlipBit(4000))
        from assessor_app.sync.client import IssuerClient

        desk.client = IssuerClient(proxy.url, issuer.username)
        desk.client.sign_in(issuer.password)
        report = desk.service().sync()
        assert proxy.faults_applied == 1
    assert report.problems == []
    rows = all_evidence_verified(desk)
    unique = {f.sha256: f.size for f in rows}  # identical files are fetched once
    assert report.downloaded_bytes > sum(unique.values())  # one file came twice


def test_sync_report_says_what_happened():
    report = SyncReport(new_assignments=2, downloaded_files=6, pushed=1, revoked=1)
    assert report.summary() == ("2 new assignment(s), 6 file(s) downloaded, 1 decision(s) sent, "
                                "1 withdrawn by the issuer (your work on them is kept).")


def test_evidence_progress_counts_each_file_as_it_is_ready(desk):
    seen = []
    report = desk.service(on_progress=seen.append).sync()
    counts = [p.items_done for p in seen if p.phase == "evidence"]
    total = next(p.items_total for p in seen if p.phase == "evidence")
    assert counts == sorted(counts) and counts[-1] == total == report.downloaded_files
    assert len(set(counts) - {0, total}) >= 2  # counted as they are ready (identical files together)
