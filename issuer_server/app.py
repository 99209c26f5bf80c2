"""The ASGI application: routes under ``/api/v1``, problem documents, body limit, OpenAPI 3.1."""

from __future__ import annotations

from collections.abc import AsyncIterator
from contextlib import asynccontextmanager
from typing import Any

import anyio.to_thread
from fastapi import FastAPI
from fastapi.openapi.utils import get_openapi
from sqlalchemy import text

from issuer_server import API_PREFIX, problems
from issuer_server.body_limit import BodyLimit
from issuer_server.config import Settings
from issuer_server.db import Database
from issuer_server.evidence_store import EvidenceStore
from issuer_server.routes import assignments, audit, auth, calibration, content, devices, evidence, lead, review
from issuer_server.schemas import Health, ProblemDoc

TITLE = "Assessor's desk reference issuer API"
VERSION = "1.0.0"
_PROBLEM_DESCRIPTIONS = {
    "400": "Malformed request (problem document).", "401": "Not signed in (problem document).",
    "403": "Missing role (problem document).", "404": "Not found or not yours (problem document).",
    "409": "Conflicts with the current state (problem document).", "413": "Body too large (problem document).",
    "416": "Range not satisfiable (problem document).", "422": "Invalid content (problem document).",
}


def create_app(settings: Settings) -> FastAPI:
    @asynccontextmanager
    async def lifespan(app: FastAPI) -> AsyncIterator[None]:
        # The work is CPU-bound Python: a few threads contend less for the GIL (and for SQLite's write
        # lock) than anyio's default 40, which shortens tail latency under load.
        anyio.to_thread.current_default_thread_limiter().total_tokens = settings.threads
        yield
        app.state.db.dispose()

    app = FastAPI(title=TITLE, version=VERSION, lifespan=lifespan, openapi_url=f"{API_PREFIX}/openapi.json",
                  docs_url=f"{API_PREFIX}/docs", redoc_url=None,
                  description="Sync API between the assessor's desk and an issuing organization. "
                              "Errors are RFC 9457 problem documents (application/problem+json).")
    app.state.settings = settings
    app.state.db = Database(settings.db_url, log_key_path=settings.log_key)
    app.state.evidence = EvidenceStore(settings.evidence_dir)
    problems.install(app)
    for module in (auth, assignments, content, evidence, review, devices, audit, calibration, lead):
        app.include_router(module.router, prefix=API_PREFIX)

    @app.get(f"{API_PREFIX}/health", response_model=Health, tags=["health"])
    def health() -> dict[str, str]:
        """Answers once the server can reach its database (used by launchers and monitors)."""
        with app.state.db.read() as session:
            session.execute(text("SELECT 1"))
        return {"status": "ok"}

    app.openapi = lambda: openapi_document(app)  # type: ignore[method-assign]
    app.add_middleware(BodyLimit, max_bytes=settings.max_body_bytes)
    return app


def openapi_document(app: FastAPI) -> dict[str, Any]:
    """FastAPI's document, with every error response described as an RFC 9457 problem document."""
    if app.openapi_schema:
        return app.openapi_schema
    doc = get_openapi(title=app.title, version=app.version, description=app.description, routes=app.routes)
    schemas = doc.setdefault("components", {}).setdefault("schemas", {})
    schemas["ProblemDoc"] = ProblemDoc.model_json_schema()
    for name in ("HTTPValidationError", "ValidationError"):
        schemas.pop(name, None)
    problem_content = {"application/problem+json": {"schema": {"$ref": "#/components/schemas/ProblemDoc"}}}
    for path_item in doc.get("paths", {}).values():
        for operation in path_item.values():
            responses = operation.setdefault("responses", {})
            has_input = bool(operation.get("parameters") or operation.get("requestBody"))
            if has_input:
                responses.setdefault("422", {})
            if operation.get("security"):
                responses.setdefault("401", {})
            responses.setdefault("400", {}) if operation.get("requestBody") else None
            for parameter in operation.get("parameters", []):
                if parameter.get("in") == "header" and parameter.get("name") == "Idempotency-Key":
                    # Declared optional in code so a missing key gets our 400 problem, not a 422.
                    parameter["required"] = True
                    parameter["schema"] = {"type": "string", "minLength": 1, "maxLength": 255}
            for status, response in responses.items():
                if status.isdigit() and int(status) >= 400:
                    response["description"] = _PROBLEM_DESCRIPTIONS.get(status, "Problem document.")
                    response["content"] = problem_content
    app.openapi_schema = doc
    return doc


def app_from_env() -> FastAPI:
    """Factory for uvicorn workers: settings come from the environment (see ``config.Settings.to_env``)."""
    return create_app(Settings.from_env())
