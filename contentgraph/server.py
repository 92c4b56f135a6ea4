"""The Starlette app: /graphql (GraphiQL in a browser), /healthz, /readyz and the explorer.

``create_app(graph, settings)`` describes the app; ``serve(settings)`` runs it under uvicorn
(with uvloop and httptools where installed). The served graph lives in ``app.state.holder``.
"""

from __future__ import annotations

import asyncio
import contextlib
import dataclasses
import functools
import gc
import json
import logging
import os
import shutil
import tempfile
from pathlib import Path

import orjson
from starlette.applications import Starlette
from starlette.middleware import Middleware
from starlette.middleware.cors import CORSMiddleware
from starlette.middleware.gzip import GZipMiddleware
from starlette.requests import Request
from starlette.responses import JSONResponse
from starlette.routing import Route
from starlette.types import Message, Receive, Scope, Send
from strawberry.asgi import GraphQL
from strawberry.exceptions import MissingQueryError
from strawberry.http import process_result
from strawberry.schema.exceptions import CannotGetOperationTypeError, InvalidOperationTypeError

from .explorer import routes as explorer_routes
from .graph.facade import ConceptGraph
from .reload import GraphHolder
from .schema import Context, build_schema
from .settings import Settings

log = logging.getLogger("contentgraph.server")

GENERATION = "contentgraph.generation"  # scope key: the generation a request started with
MB = 1024 * 1024


class _StrawberryApp(GraphQL):
    """Strawberry's ASGI view whose context is the graph the request started with."""

    async def get_context(self, request, response) -> Context:
        return Context(graph=request.scope[GENERATION].graph, request=request)


def _error(status: int, message: str) -> JSONResponse:
    return JSONResponse({"errors": [{"message": message}]}, status_code=status)


class _TooLarge(Exception):
    pass


async def _read_body(receive: Receive, limit: int) -> bytes:
    """The request body, raising _TooLarge once it passes ``limit`` bytes."""
    chunks, size = [], 0
    while True:
        message = await receive()
        if message["type"] == "http.disconnect":
            break
        chunk = message.get("body", b"")
        size += len(chunk)
        if size > limit:
            raise _TooLarge
        chunks.append(chunk)
        if not message.get("more_body", False):
            break
    return b"".join(chunks)


class GraphQLEndpoint:
    """/graphql: checks size, type and batch of a request, answers from the response cache, or
    runs the operation (one POSTed operation directly on the schema; GET, batches and GraphiQL
    through strawberry's ASGI view) and caches the answer."""

    def __init__(self, settings: Settings):
        self.settings = settings
        self.view = _StrawberryApp(build_schema(settings.limits()), graphql_ide="graphiql",
                                   allow_queries_via_get=True)

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        generation = scope["app"].state.holder.generation
        scope[GENERATION] = generation
        request = Request(scope, receive)
        key, body, payload = None, None, None
        if request.method == "POST":
            response, body, payload = await self._check_post(request, receive)
            if response is not None:
                await response(scope, receive, send)
                return
            if isinstance(payload, dict):
                key = (payload.get("query"), json.dumps(payload.get("variables"), sort_keys=True),
                       payload.get("operationName"))
        elif request.method == "GET" and "text/html" not in request.headers.get("accept", ""):
            params = request.query_params
            key = (params.get("query"), params.get("variables"), params.get("operationName"))
        cached = generation.cache.get(key) if key is not None else None
        if cached is not None:
            await _send_cached(send, cached)
            return
        if isinstance(payload, dict):
            await self._execute(payload, key, generation, request, send)
        else:
            await self._run(scope, receive, send, body, key, generation)

    async def _execute(self, payload: dict, key, generation, request: Request,
                       send: Send) -> None:
        """Run one POSTed operation straight on the schema (strawberry's view would parse the
        body again) and cache the answer."""
        query, variables = payload.get("query"), payload.get("variables")
        operation = payload.get("operationName")
        problem = None
        if not isinstance(query, str) or not query.strip():
            problem = "No GraphQL query found in the request: 'query' must be a non-empty string"
        elif variables is not None and not isinstance(variables, dict):
            problem = "'variables' must be a JSON object or null"
        elif operation is not None and not isinstance(operation, str):
            problem = "'operationName' must be a string or null"
        else:
            try:
                result = await self.view.schema.execute(
                    query, variable_values=variables, operation_name=operation,
                    context_value=Context(graph=generation.graph, request=request))
            except CannotGetOperationTypeError as err:
                problem = err.as_http_error_reason()
            except (InvalidOperationTypeError, MissingQueryError) as err:
                problem = f"The operation cannot run: {type(err).__name__}"
        if problem is not None:
            await _error(400, problem)(request.scope, request.receive, send)
            return
        body = orjson.dumps(process_result(result))
        generation.cache.put(key, body)
        await _send_cached(send, body)

    async def _check_post(self, request: Request, receive: Receive):
        """(error response or None, body, parsed JSON payload) of a POST."""
        media_type = request.headers.get("content-type", "").split(";")[0].strip().lower()
        if media_type != "application/json":
            return _error(415, f"Content-Type must be application/json; got "
                               f"{media_type or 'none'!r}"), None, None
        limit = self.settings.max_body
        declared = request.headers.get("content-length", "")
        try:
            if declared.isdigit() and int(declared) > limit:
                raise _TooLarge
            body = await _read_body(receive, limit)
        except _TooLarge:
            return _error(413, f"Request body is larger than the limit of {limit} bytes "
                               "(setting max_body)"), None, None
        try:
            payload = json.loads(body)
        except ValueError as err:
            return _error(400, f"Request body is not valid JSON: {err}"), None, None
        if isinstance(payload, list):
            if len(payload) > self.settings.max_batch:
                return _error(400, f"Batch of {len(payload)} operations exceeds the limit of "
                                   f"{self.settings.max_batch} (setting max_batch)"), None, None
            if not all(isinstance(operation, dict) for operation in payload):
                return _error(400, "Each operation of a batch must be a JSON object with a "
                                   "'query'"), None, None
            return None, body, None
        if not isinstance(payload, dict):
            return _error(400, "Request body must be a JSON object with a 'query' "
                               "(or a list of them)"), None, None
        return None, body, payload

    async def _run(self, scope, receive, send, body, key, generation) -> None:
        if body is not None:
            replayed = False

            async def receive_body() -> Message:
                nonlocal replayed
                if replayed:
                    return await receive()
                replayed = True
                return {"type": "http.request", "body": body, "more_body": False}
        else:
            receive_body = receive
        start: Message = {}
        chunks: list[bytes] = []

        async def capture(message: Message) -> None:
            nonlocal start
            if message["type"] == "http.response.start":
                start = message
            elif message["type"] == "http.response.body":
                chunks.append(message.get("body", b""))
            await send(message)

        await self.view(scope, receive_body, capture)
        headers = dict(start.get("headers", []))
        if (key is not None and start.get("status") == 200
                and headers.get(b"content-type", b"").startswith(b"application/json")):
            generation.cache.put(key, b"".join(chunks))


async def _send_cached(send: Send, body: bytes) -> None:
    await send({"type": "http.response.start", "status": 200,
                "headers": [(b"content-type", b"application/json"),
                            (b"content-length", str(len(body)).encode())]})
    await send({"type": "http.response.body", "body": body})


async def healthz(request: Request) -> JSONResponse:
    """The process is up."""
    return JSONResponse({"status": "ok"})


async def readyz(request: Request) -> JSONResponse:
    """A graph is loaded: when it was built, how big it is, and which process answers."""
    generation = request.app.state.holder.generation
    stats = generation.graph.stats()
    return JSONResponse({
        "status": "ready", "builtAt": stats.built_at, "generation": generation.number,
        "process": os.getpid(),
        "counts": {"articles": stats.articles, "questions": stats.questions,
                   "answers": stats.answers, "concepts": stats.concepts,
                   "mentions": stats.mentions, "relations": stats.relations},
    })


def create_app(graph: ConceptGraph, settings: Settings | None = None) -> Starlette:
    """The app serving ``graph``; reloads it from ``settings.graph`` when that file changes."""
    settings = settings or Settings()
    holder = GraphHolder(graph, path=settings.graph, cache_size=settings.cache_size,
                         loader=functools.partial(ConceptGraph.load,
                                                  cache_bytes=_cache_bytes(settings)))

    @contextlib.asynccontextmanager
    async def lifespan(app: Starlette):
        tasks, remove_handler = [], None
        gc.freeze()  # the schema and the app are built: keep the collector off them too
        if settings.reload and holder.path is not None:
            tasks.append(asyncio.create_task(holder.watch(settings.reload_interval)))
            try:
                remove_handler = holder.handle_sighup(asyncio.get_running_loop())
            except (RuntimeError, ValueError, NotImplementedError):
                log.info("SIGHUP reload unavailable here (not the main thread)")
        yield
        for task in tasks:
            task.cancel()
        if remove_handler is not None:
            remove_handler()

    graphql = GraphQLEndpoint(settings)
    app = Starlette(
        routes=[
            Route("/graphql", graphql, methods=["GET", "POST"], name="graphql"),
            Route("/healthz", healthz, name="healthz"),
            Route("/readyz", readyz, name="readyz"),
            *explorer_routes(),
        ],
        middleware=[
            Middleware(CORSMiddleware, allow_origins=list(settings.cors_origins),
                       allow_methods=["GET", "POST"], allow_headers=["content-type"]),
            Middleware(GZipMiddleware, minimum_size=1000, compresslevel=6),
        ],
        lifespan=lifespan,
    )
    app.state.holder = holder
    app.state.settings = settings
    return app


def _cache_bytes(settings: Settings) -> int:
    """Each process's share of the graph cache (the setting bounds the whole server)."""
    return settings.graph_cache_mb * MB // settings.workers


def example_store(folder: Path) -> Path:
    """Build the bundled example corpus into a graph store in ``folder``; returns its path."""
    from .examples import corpus_path
    from .graph.build import build

    path = folder / "example.graph"
    build([corpus_path()], out=path, scheduler="synchronous")
    return path


def load_app(settings: Settings) -> Starlette:
    """The app serving the store ``settings.graph``. Its connections are closed again: each
    process (and thread) opens its own on first use, so worker processes can fork from this."""
    graph = ConceptGraph.load(settings.graph, _cache_bytes(settings))
    app = create_app(graph, settings)
    graph.close()
    return app


def serve(settings: Settings) -> None:
    """Run the app under uvicorn until interrupted (``settings.workers`` processes: gunicorn's
    pre-forking supervisor); no graph: the example corpus."""
    logging.basicConfig(level=logging.INFO, format="%(levelname)-9s %(name)s: %(message)s")
    scratch = None
    try:
        if settings.graph is None:
            scratch = Path(tempfile.mkdtemp(prefix="contentgraph-"))
            settings = dataclasses.replace(settings, graph=example_store(scratch))
        if settings.workers > 1:
            from .workers import serve_workers

            serve_workers(settings, load_app)
        else:
            import uvicorn

            uvicorn.run(load_app(settings), host=settings.host, port=settings.port, loop="auto",
                        http="auto", access_log=False, log_level="info")
    finally:
        if scratch is not None:
            shutil.rmtree(scratch, ignore_errors=True)
