"""A real reference issuer with master scores, second reads and both demo assessors' pushed reads (made through the
real sync path once per session by ``demo.seed_for_lead``, then copied per test), and a signed-in demo lead."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest

from assessor_app.demo import DemoIssuer, demo_issuer, prepare_issuer, seed_for_lead
from assessor_app.store.paths import AppPaths
from assessor_app.store.settings import Settings
from assessor_app.sync.account import sign_in
from assessor_app.sync.client import IssuerClient
from assessor_app.sync.lead_client import LeadClient
from assessor_app.ui.pdf.mupdf_renderer import PageRenderer
from assessor_app.ui.tasks import TaskRunner
from issuer_server.demo_program import DEMO_LEAD
from tests.gui.audit.conftest import copy_database


@pytest.fixture(scope="session")
def lead_template(tmp_path_factory: pytest.TempPathFactory) -> Path:
    folder = tmp_path_factory.mktemp("lead-issuer")
    prepared = prepare_issuer(folder)
    with demo_issuer(folder, prepared=prepared) as running:
        seed_for_lead(running, folder)
    return folder


@pytest.fixture
def issuer(lead_template: Path, tmp_path: Path) -> Iterator[DemoIssuer]:
    target = tmp_path / "issuer" / "issuer.sqlite3"
    copy_database(lead_template / "issuer.sqlite3", target)
    evidence = lead_template / "issuer-evidence"  # shared: the issuer's log key lives beside it
    with demo_issuer(tmp_path, prepared=(f"sqlite:///{target}", evidence)) as running:
        yield running


def lead_client(url: str) -> IssuerClient:
    return sign_in(Settings(AppPaths.resolve().ensure().settings), url, *DEMO_LEAD)


@pytest.fixture
def lead(issuer: DemoIssuer) -> Iterator[LeadClient]:
    client = lead_client(issuer.url)
    yield LeadClient(client)
    client.close()


@pytest.fixture
def tasks() -> Iterator[TaskRunner]:
    runner = TaskRunner()
    yield runner
    runner.wait_idle()


@pytest.fixture
def renderer() -> Iterator[PageRenderer]:
    owner = PageRenderer()
    yield owner
    owner.shutdown()
