"""Shared fixtures: the demo program is generated once per session and read by many tests."""

from __future__ import annotations

import json
import os
import shutil
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest

from assessor_app.domain.rubric import Credential
from assessor_app.domain.wire import credential_from_achievement
from issuer_server.demo_program import generate_program


@pytest.fixture(scope="session")
def demo_folder(tmp_path_factory: pytest.TempPathFactory) -> Path:
    folder = tmp_path_factory.mktemp("demo-program")
    generate_program(folder)
    return folder


@pytest.fixture(scope="session")
def program(demo_folder: Path) -> dict[str, Any]:
    return json.loads((demo_folder / "program.json").read_text(encoding="utf-8"))


@pytest.fixture(scope="session")
def credential(program: dict[str, Any]) -> Credential:
    return credential_from_achievement(program["credentials"][0])


def _require_tool(name: str) -> str:
    path = shutil.which(name)
    if path is None:
        if os.environ.get("CI", "").lower() == "true":
            pytest.fail(f"{name} is required on CI but is not installed (apt-get install ffmpeg).")
        pytest.skip(f"{name} is not installed")
    return path


@pytest.fixture
def require_tool() -> Callable[[str], str]:
    """Path of an external tool; skips without it locally, but FAILS under CI=true (never a silent skip)."""
    return _require_tool
