"""RFC 9457 problem documents for every error, including FastAPI's own 404/405/422, and a catch-all.

Each detail says what is wrong and what to do. Nothing internal (tracebacks, SQL) ever reaches a client.
"""

from __future__ import annotations

import logging
from typing import Any

from fastapi import FastAPI, Request
from fastapi.exceptions import RequestValidationError
from fastapi.responses import JSONResponse
from starlette.exceptions import HTTPException as StarletteHTTPException

PROBLEM_JSON = "application/problem+json"
TYPE_PREFIX = "urn:assessors-desk:problem:"
log = logging.getLogger("issuer_server")

_TITLES = {
    400: "Bad request", 401: "Not signed in", 403: "Forbidden", 404: "Not found", 405: "Method not allowed",
    406: "Not acceptable", 409: "Conflict", 413: "Request body too large", 415: "Unsupported media type",
    416: "Range not satisfiable", 422: "Unprocessable content", 500: "Internal server error",
}


class Problem(Exception):
    """Raise anywhere in a request to answer with a problem document."""

    def __init__(self, status: int, slug: str, detail: str, *, title: str | None = None,
                 headers: dict[str, str] | None = None, **extra: Any) -> None:
        super().__init__(detail)
        self.status = status
        self.slug = slug
        self.detail = detail
        self.title = title or _TITLES.get(status, "Error")
        self.headers = headers or {}
        self.extra = extra


def problem_body(status: int, slug: str, detail: str, title: str | None = None, **extra: Any) -> dict[str, Any]:
    return {"type": TYPE_PREFIX + slug, "title": title or _TITLES.get(status, "Error"), "status": status,
            "detail": detail, **extra}


def problem_response(status: int, slug: str, detail: str, *, title: str | None = None,
                     headers: dict[str, str] | None = None, **extra: Any) -> JSONResponse:
    return JSONResponse(problem_body(status, slug, detail, title, **extra), status_code=status,
                        media_type=PROBLEM_JSON, headers=headers)


def not_found(what: str) -> Problem:
    """The one answer for "does not exist" and "not yours", so existence never leaks."""
    return Problem(404, "not-found", f"No {what} with that id is available to you; sync again to refresh your list.")


def unauthorized(detail: str) -> Problem:
    return Problem(401, "unauthorized", detail, headers={"WWW-Authenticate": 'Bearer realm="issuer"'})


def _describe(error: dict[str, Any]) -> str:
    where = ".".join(str(p) for p in error.get("loc", ()) if p != "body") or "body"
    return f"{where}: {error.get('msg', 'invalid')}"


def install(app: FastAPI) -> None:
    @app.exception_handler(Problem)
    async def _problem(_request: Request, exc: Problem) -> JSONResponse:
        return problem_response(exc.status, exc.slug, exc.detail, title=exc.title, headers=exc.headers, **exc.extra)

    @app.exception_handler(RequestValidationError)
    async def _validation(_request: Request, exc: RequestValidationError) -> JSONResponse:
        errors = list(exc.errors())
        if any(e.get("type") == "json_invalid" for e in errors):
            return problem_response(400, "malformed-json",
                                    "The request body is not valid JSON; send a JSON object.")
        details = [_describe(e) for e in errors[:10]]
        return problem_response(422, "invalid-request", "The request does not match the API: " + "; ".join(details),
                                errors=[{"location": [str(p) for p in e.get("loc", ())], "message": str(e.get("msg"))}
                                        for e in errors[:50]])

    @app.exception_handler(StarletteHTTPException)
    async def _http(_request: Request, exc: StarletteHTTPException) -> JSONResponse:
        status = exc.status_code
        if status == 404:
            detail = "There is no such resource; check the address against the API document."
        elif status == 405:
            detail = "This method is not allowed here; see the Allow header."
        else:
            detail = str(exc.detail) if exc.detail else _TITLES.get(status, "Error")
        return problem_response(status, "http-" + str(status), detail, headers=dict(exc.headers or {}))

    @app.exception_handler(Exception)
    async def _unexpected(request: Request, exc: Exception) -> JSONResponse:
        log.exception("unexpected error on %s %s", request.method, request.url.path)
        return problem_response(500, "internal-error",
                                "The server hit an unexpected error; your request was not applied. "
                                "Retry later; if it persists, tell the issuer's administrator.")
