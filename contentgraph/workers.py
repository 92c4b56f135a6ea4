"""``serve --workers N``: N server processes over one graph store, supervised by gunicorn.

The app (imports, schema, the store's small tables) is made once in the supervising process
and the workers are forked from it, so they share those pages; each opens its own connections
to the store, whose pages the operating system caches once for all. Every worker reloads the
store when its file changes; SIGHUP to the supervisor also replaces the workers with new ones
made from the store as it is then. Unix only (``fork``).
"""

from __future__ import annotations

import gc
import os
import signal
from collections.abc import Callable

import uvicorn
from gunicorn.app.base import BaseApplication
from uvicorn_worker import UvicornWorker

from .protocol import uvicorn_options
from .settings import Settings


class Worker(UvicornWorker):
    """uvicorn's gunicorn worker, which also stops at once on the quick shutdown (SIGQUIT) that
    Ctrl-C on the supervisor sends, instead of waiting to be killed."""

    def handle_exit(self, sig, frame) -> None:
        super().handle_exit(sig, frame)
        os.kill(os.getpid(), signal.SIGTERM)  # uvicorn's own handler: finish and exit


class _Supervisor(BaseApplication):
    def __init__(self, settings: Settings, load_app: Callable):
        self.settings = settings
        self.load_app = load_app
        super().__init__()

    def load_config(self) -> None:
        host = f"[{self.settings.host}]" if ":" in self.settings.host else self.settings.host
        # uvicorn in each worker, as in a single-process server
        self.uvicorn_options = uvicorn_options(self.settings.read_timeout)
        worker = type("Worker", (Worker,), {"CONFIG_KWARGS": self.uvicorn_options})
        for name, value in {"bind": f"{host}:{self.settings.port}",
                            "workers": self.settings.workers, "worker_class": worker,
                            "preload_app": True, "graceful_timeout": 30,
                            "control_socket_disable": True, "proc_name": "contentgraph"}.items():
            self.cfg.set(name, value)

    def load(self):
        app = self.load_app(self.settings)
        # import here what each worker's uvicorn would import after the fork (its protocol,
        # lifespan and event loop modules), so that the workers share those pages too
        config = uvicorn.Config(app, **self.uvicorn_options)
        config.load()
        config.get_loop_factory()
        gc.collect()
        gc.freeze()  # forked workers then share these pages instead of copying them
        return app

    def reload(self) -> None:
        """SIGHUP: the next workers are forked from an app made anew."""
        self.callable = None
        super().reload()


def serve_workers(settings: Settings, load_app: Callable[[Settings], object]) -> None:
    """Serve ``load_app(settings)`` in ``settings.workers`` processes until interrupted."""
    _Supervisor(settings, load_app).run()
