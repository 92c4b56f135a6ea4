"""The Starlette app: /graphql (a browser asking for the page is sent to the explorer's console),
/healthz, /readyz and the explorer.

``create_app(graph, settings)`` describes the app; ``serve(settings)`` runs it under uvicorn
(with uvloop and httptools where installed, and a read deadline: ``protocol``). The served
graph lives in ``app.state.holder``. GraphQL operations and pages run in the app's worker
threads (``offload``), so the event loop only moves bytes and answers ``/healthz`` at once.
"""

from __future__ import annotations

import asyncio
import contextlib
import dataclasses
import functools
import gc
import logging
import os
import shutil
import tempfile
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import orjson
from starlette.applications import Starlette
from starlette.middleware import Middleware
from starlette.middleware.cors import CORSMiddleware
from starlette.middleware.gzip import GZipMiddleware
from starlette.requests import Request
from starlette.responses import JSONResponse, RedirectResponse, Response
from starlette.routing import Route
from starlette.types import Receive, Scope, Send
from strawberry.exceptions import MissingQueryError
from strawberry.http import process_result
from strawberry.schema.exceptions import CannotGetOperationTypeError, InvalidOperationTypeError
from strawberry.types.graphql import OperationType

from .answers import ResponseCache
from .dates import readable_time
from .errors import one_line
from .explorer import routes as explorer_routes
from .graph.facade import ConceptGraph
from .headers import SecurityHeaders
from .offload import keep_loop_responsive, off_loop, worker_pool
from .protocol import uvicorn_options
from .reload import GraphHolder
from .schema import Context, build_schema
from .schema.limits import INTERNAL_ERROR
from .settings import Settings

log = logging.getLogger("contentgraph.server")

GET_OPERATIONS = frozenset({OperationType.QUERY})
POST_OPERATIONS = frozenset({OperationType.QUERY, OperationType.MUTATION})


def _refuse(status: int, message: str) -> JSONResponse:
    """A client error: answered with the message, logged in one line."""
    log.info("client error: %s %s", status, one_line(message))
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


@dataclass(frozen=True, slots=True)
class Operation:
    """One GraphQL operation of a request."""

    query: str
    variables: dict | None
    name: str | None

    @property
    def key(self) -> tuple:
        """Its key in the response cache."""
        variables = orjson.dumps(self.variables, option=orjson.OPT_SORT_KEYS).decode()
        return self.query, variables, self.name


def _operation(raw: dict) -> Operation | str:
    """The operation a request's JSON object asks for, or what is wrong with it."""
    query, variables, name = raw.get("query"), raw.get("variables"), raw.get("operationName")
    if not isinstance(query, str) or not query.strip():
        return "No GraphQL query found in the request: 'query' must be a non-empty string"
    if variables is not None and not isinstance(variables, dict):
        return "'variables' must be a JSON object or null"
    if name is not None and not isinstance(name, str):
        return "'operationName' must be a string or null"
    return Operation(query, variables, name)


def _parse_json(data: bytes | str, what: str) -> Any:
    """``data`` parsed by orjson, which refuses NaN, Infinity, lone surrogates and nesting
    deeper than 1024; raises ValueError naming ``what`` and the problem."""
    try:
        return orjson.loads(data)
    except orjson.JSONDecodeError as err:
        raise ValueError(f"{what} is not valid JSON: {err}") from None


class GraphQLEndpoint:
    """/graphql: checks the size, type and batch of a request, then answers each operation from
    the response cache or runs it in a worker thread and caches its answer; a browser asking for
    the page (a GET without a query) is sent to the console, ``/console``, which needs nothing
    from the internet."""

    def __init__(self, settings: Settings):
        self.settings = settings
        self.schema = build_schema(settings.limits())

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        request = Request(scope, receive)
        generation = scope["app"].state.holder.generation
        try:
            response = await self._respond(request, generation)
        except Exception:  # noqa: BLE001 - a bug: logged with its traceback, answered plainly
            log.exception("GraphQL request failed")
            response = JSONResponse({"errors": [{"message": INTERNAL_ERROR}]}, status_code=500)
        await response(scope, receive, send)

    async def _respond(self, request: Request, generation) -> Response:
        if request.method in ("GET", "HEAD"):
            params = request.query_params
            if params.get("query") is None and any(
                    kind in request.headers.get("accept", "") for kind in ("text/html", "*/*")):
                console = request.scope.get("root_path", "").rstrip("/") + "/console"
                return RedirectResponse(console, status_code=303)
            try:
                variables = params.get("variables")
                raw = {"query": params.get("query"), "operationName": params.get("operationName"),
                       "variables": _parse_json(variables, "'variables'") if variables else None}
            except ValueError as err:
                return _refuse(400, str(err))
            return await self._answer(request, generation, [raw], False, GET_OPERATIONS)
        payload = await self._post_payload(request)
        if isinstance(payload, Response):
            return payload
        if isinstance(payload, list):
            return await self._answer(request, generation, payload, True, POST_OPERATIONS)
        return await self._answer(request, generation, [payload], False, POST_OPERATIONS)

    async def _post_payload(self, request: Request) -> dict | list | Response:
        """The JSON object (or batch of them) a POST sends, or the response refusing it."""
        media_type = request.headers.get("content-type", "").split(";")[0].strip().lower()
        if media_type != "application/json":
            return _refuse(415, f"Content-Type must be application/json; got "
                                f"{media_type or 'none'!r}")
        limit = self.settings.max_body
        declared = request.headers.get("content-length", "")
        try:
            if declared.isdigit() and int(declared) > limit:
                raise _TooLarge
            body = await _read_body(request.receive, limit)
        except _TooLarge:
            return _refuse(413, f"Request body is larger than the limit of {limit} bytes "
                                "(setting max_body)")
        try:
            payload = _parse_json(body, "Request body")
        except ValueError as err:
            return _refuse(400, str(err))
        if isinstance(payload, list):
            if len(payload) > self.settings.max_batch:
                return _refuse(400, f"Batch of {len(payload)} operations exceeds the limit of "
                                    f"{self.settings.max_batch} (setting max_batch)")
            if not all(isinstance(operation, dict) for operation in payload):
                return _refuse(400, "Each operation of a batch must be a JSON object with a "
                                    "'query'")
        elif not isinstance(payload, dict):
            return _refuse(400, "Request body must be a JSON object with a 'query' "
                                "(or a list of them)")
        return payload

    async def _answer(self, request: Request, generation, raws: list[dict], batch: bool,
                      allowed: frozenset[OperationType]) -> Response:
        """Answer each operation from the cache or by running it (in one worker thread)."""
        operations = [_operation(raw) for raw in raws]
        answers: list[bytes | str | None] = [
            generation.cache.get(op.key) if isinstance(op, Operation) else op
            for op in operations]
        todo = [i for i, answer in enumerate(answers) if answer is None]
        if todo:
            ran = await off_loop(request, self._run, [operations[i] for i in todo],
                                 generation, request, allowed)
            for i, answer in zip(todo, ran):
                answers[i] = answer
        problems = [a for a in answers if isinstance(a, str)]
        if not batch:
            if problems:
                return _refuse(400, problems[0])
            return Response(answers[0], media_type="application/json")
        if problems:
            log.info("client error: 200 %s", one_line(" | ".join(problems)))
        parts = [orjson.dumps({"errors": [{"message": a}]}) if isinstance(a, str) else a
                 for a in answers]
        return Response(b"[" + b",".join(parts) + b"]", media_type="application/json")

    def _run(self, operations: list[Operation], generation, request: Request,
             allowed: frozenset[OperationType]) -> list[bytes | str]:
        """The JSON answer of each operation (cached when it has no errors), or what the client
        got wrong; blocking: runs in a worker thread."""
        out = []
        for op in operations:
            try:
                result = self.schema.execute_sync(
                    op.query, variable_values=op.variables, operation_name=op.name,
                    context_value=Context(graph=generation.graph, request=request),
                    allowed_operation_types=allowed)
            except CannotGetOperationTypeError as err:
                out.append(err.as_http_error_reason())
            except InvalidOperationTypeError as err:
                out.append(err.as_http_error_reason(request.method))
            except MissingQueryError:
                out.append("No GraphQL query found in the request")
            else:
                answer = orjson.dumps(process_result(result))
                if not result.errors:
                    generation.cache.put(op.key, answer)
                out.append(answer)
        return out


async def healthz(request: Request) -> JSONResponse:
    """The process is up."""
    return JSONResponse({"status": "ok"})


async def readyz(request: Request) -> JSONResponse:
    """A graph is loaded: when it was built, how big it is, and which process answers."""
    holder = request.app.state.holder
    generation = holder.generation
    stats = generation.graph.stats()
    return JSONResponse({
        "status": "ready", "builtAt": stats.built_at, "generation": generation.number,
        "process": os.getpid(),
        "counts": {"articles": stats.articles, "questions": stats.questions,
                   "answers": stats.answers, "concepts": stats.concepts,
                   "mentions": stats.mentions, "relations": stats.relations},
        "cache": {"answers": len(holder.cache), "bytes": holder.cache.bytes},
    })


def create_app(graph: ConceptGraph, settings: Settings | None = None,
               cache: ResponseCache | None = None) -> Starlette:
    """The app serving ``graph``; reloads it from ``settings.graph`` when that file changes.
    ``cache``: the response cache (shared by the processes of a server); none: a new one."""
    settings = settings or Settings()
    if cache is None:
        cache = ResponseCache(settings.cache_size, settings.cache_bytes)
    holder = GraphHolder(graph, cache, path=settings.graph,
                         loader=functools.partial(ConceptGraph.load,
                                                  cache_bytes=_graph_cache_bytes(settings)))

    @contextlib.asynccontextmanager
    async def lifespan(app: Starlette):
        tasks, remove_handler = [], None
        app.state.workers = worker_pool()
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
        app.state.workers.shutdown(wait=False, cancel_futures=True)

    graphql = GraphQLEndpoint(settings)
    app = Starlette(
        routes=[
            Route("/graphql", graphql, methods=["GET", "POST"], name="graphql"),
            Route("/healthz", healthz, name="healthz"),
            Route("/readyz", readyz, name="readyz"),
            *explorer_routes(),
        ],
        middleware=[
            Middleware(SecurityHeaders),
            Middleware(CORSMiddleware, allow_origins=list(settings.cors_origins),
                       allow_methods=["GET", "POST"], allow_headers=["content-type"]),
            Middleware(GZipMiddleware, minimum_size=1000, compresslevel=6),
        ],
        lifespan=lifespan,
    )
    app.state.holder = holder
    app.state.settings = settings
    return app


def _graph_cache_bytes(settings: Settings) -> int:
    """Each process's share of the graph cache (the setting bounds the whole server)."""
    return settings.graph_cache_bytes // settings.workers


def example_store(folder: Path, progress=None) -> Path:
    """Build the bundled example corpus into a graph store in ``folder``; returns its path.
    ``progress(stage, done, total)`` follows the build."""
    from .examples import corpus_path
    from .graph.build import build

    path = folder / "example.graph"
    build([corpus_path()], out=path, scheduler="synchronous", progress=progress)
    return path


def load_app(settings: Settings, cache: ResponseCache | None = None) -> Starlette:
    """The app serving the store ``settings.graph``. Its connections are closed again: each
    process (and thread) opens its own on first use, so worker processes can fork from this."""
    graph = ConceptGraph.load(settings.graph, _graph_cache_bytes(settings))
    app = create_app(graph, settings, cache)
    graph.close()
    return app


def announcement(settings: Settings, graph: ConceptGraph, example: bool) -> list[str]:
    """What ``serve`` tells the person who started it: the graph it serves and where to go."""
    stats = graph.stats()
    what = "the bundled example corpus" if example else str(settings.graph)
    host = settings.host
    if host in ("0.0.0.0", "::"):  # every address: this machine's own name for itself
        host = "127.0.0.1" if host == "0.0.0.0" else "::1"
    base = f"http://{f'[{host}]' if ':' in host else host}:{settings.port}"
    return [f"Serving {what}: {stats.articles:,} articles, {stats.questions:,} reader questions, "
            f"{stats.answers:,} answers, {stats.concepts:,} concepts; built "
            f"{readable_time(stats.built_at)}",
            f"  Explorer:       {base}/",
            f"  GraphQL API:    {base}/graphql",
            f"  Query console:  {base}/console"]


def serve(settings: Settings, say=None, progress_bar=None) -> None:
    """Run the app under uvicorn until interrupted (``settings.workers`` processes: gunicorn's
    pre-forking supervisor); no graph: the example corpus, built first (inside
    ``progress_bar()``, a context manager yielding a ``progress(stage, done, total)``
    callback). ``say(line)`` is told the graph served and the addresses of the explorer, the
    API and the console."""
    logging.basicConfig(level=logging.INFO, format="%(levelname)-9s %(name)s: %(message)s")
    keep_loop_responsive()
    scratch, owner = None, os.getpid()
    try:
        if settings.graph is None:
            if say:
                say("Building the bundled example corpus...")
            scratch = Path(tempfile.mkdtemp(prefix="contentgraph-"))
            with progress_bar() if progress_bar else contextlib.nullcontext() as progress:
                settings = dataclasses.replace(settings, graph=example_store(scratch, progress))
        if say:
            graph = ConceptGraph.load(settings.graph, 0)
            for line in announcement(settings, graph, example=scratch is not None):
                say(line)
            graph.close()
        # one response cache for the whole run: every worker, and those SIGHUP makes anew
        make_app = functools.partial(load_app, cache=ResponseCache(settings.cache_size,
                                                                   settings.cache_bytes))
        if settings.workers > 1:
            from .workers import serve_workers

            serve_workers(settings, make_app)
        else:
            import uvicorn

            uvicorn.run(make_app(settings), host=settings.host, port=settings.port,
                        access_log=False, log_level="info",
                        **uvicorn_options(settings.read_timeout))
    finally:
        if scratch is not None and os.getpid() == owner:  # not a worker leaving: the server
            shutil.rmtree(scratch, ignore_errors=True)
