"""The web app: server-rendered pages and a JSON API over the same database as the CLI."""

from __future__ import annotations

import logging
from importlib.resources import files

from fastapi import FastAPI, Request
from fastapi.exceptions import RequestValidationError
from fastapi.responses import JSONResponse, Response
from starlette.exceptions import HTTPException
from starlette.middleware.base import BaseHTTPMiddleware

from storyline.store import Store
from storyline.web import api, pages
from storyline.web.settings import WebSettings

log = logging.getLogger("storyline.web")


def create_app(store: Store, settings: WebSettings | None = None) -> FastAPI:
    app = FastAPI(title="storyline", version="1", description=(
        "Stories, articles, events, claims and places from the storyline database."))
    app.state.store = store
    app.state.settings = settings or WebSettings.from_env()
    app.add_middleware(BodySizeLimit)
    app.include_router(api.router)
    app.include_router(pages.router)
    app.add_exception_handler(HTTPException, http_error)
    app.add_exception_handler(RequestValidationError, validation_error)
    app.add_exception_handler(Exception, server_error)

    @app.get("/style.css", include_in_schema=False)
    def style() -> Response:
        css = files("storyline.outputs").joinpath("templates/style.css").read_text()
        return Response(css, media_type="text/css")

    return app


class BodySizeLimit(BaseHTTPMiddleware):
    """Refuse request bodies over the configured size before reading them."""

    async def dispatch(self, request: Request, call_next):
        limit = request.app.state.settings.max_body_bytes
        declared = request.headers.get("content-length")
        if declared and (not declared.isdigit() or int(declared) > limit):
            return JSONResponse({"error": f"request body over {limit} bytes"}, status_code=413)
        if request.method in ("POST", "PUT", "PATCH") and not declared:
            body = await request.body()
            if len(body) > limit:
                return JSONResponse({"error": f"request body over {limit} bytes"},
                                    status_code=413)
        return await call_next(request)


def _wants_html(request: Request) -> bool:
    return not request.url.path.startswith("/api") and "text/html" in request.headers.get(
        "accept", "")


async def http_error(request: Request, error: HTTPException) -> Response:
    if _wants_html(request):
        return pages.render("error.html", status=error.status_code, message=error.detail,
                            title="Not found" if error.status_code == 404 else "Error")
    headers = dict(error.headers or {})
    if error.status_code == 405:  # one path may be served by several routes: list them all
        headers["Allow"] = ", ".join(_methods_for(request))
    return JSONResponse({"error": error.detail}, status_code=error.status_code, headers=headers)


def _methods_for(request: Request) -> list[str]:
    path = request.url.path
    return sorted({method for route in request.app.routes
                   if getattr(route, "methods", None) and route.path_regex.match(path)
                   for method in route.methods})


async def validation_error(request: Request, error: RequestValidationError) -> Response:
    problems = [f"{'.'.join(str(p) for p in e['loc'])}: {e['msg']}" for e in error.errors()]
    return JSONResponse({"error": "invalid request", "details": problems}, status_code=422)


async def server_error(request: Request, error: Exception) -> Response:
    log.exception("error serving %s", request.url.path)  # the trace goes to the log only
    return JSONResponse({"error": "internal error; the server log has the details"},
                        status_code=500)
