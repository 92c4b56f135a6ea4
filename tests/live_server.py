"""``contentgraph serve`` in a subprocess on 127.0.0.1, for the end-to-end tests."""

from __future__ import annotations

import signal
import socket
import subprocess
import sys
import time
from pathlib import Path

import httpx


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


class Server:
    """``contentgraph serve`` in a subprocess, stopped on exit."""

    def __init__(self, graph: Path | None, *options: str, env: dict | None = None):
        """Serve ``graph`` (None: the bundled example corpus) with these options (and this
        environment; none: this process's)."""
        self.port = free_port()
        self.url = f"http://127.0.0.1:{self.port}"
        command = [sys.executable, "-c", "from contentgraph.cli import main; main()", "serve",
                   *(["--graph", str(graph)] if graph is not None else []),
                   "--port", str(self.port), *options]
        self.process = subprocess.Popen(command, stdout=subprocess.PIPE, env=env,
                                        stderr=subprocess.STDOUT, text=True)
        deadline = time.monotonic() + 60
        while time.monotonic() < deadline:
            if self.process.poll() is not None:
                raise RuntimeError("server exited:\n" + self.process.stdout.read())
            try:
                if httpx.get(self.url + "/healthz", timeout=1).status_code == 200:
                    return
            except httpx.TransportError:
                time.sleep(0.1)
        self.stop()
        raise RuntimeError("server did not start in 60 s")

    def generation(self) -> int:
        return httpx.get(self.url + "/readyz", timeout=5).json()["generation"]

    def wait_for_generation(self, number: int, timeout: float = 30) -> None:
        deadline = time.monotonic() + timeout
        while self.generation() < number:
            assert time.monotonic() < deadline, f"generation {number} never came"
            time.sleep(0.05)

    def stop(self) -> str:
        """Stop the server (SIGINT, then SIGKILL after 10 s); returns everything it logged."""
        if self.process.poll() is None:
            self.process.send_signal(signal.SIGINT)
            try:
                self.process.wait(timeout=10)
            except subprocess.TimeoutExpired:
                self.process.kill()
                self.process.wait()
        return self.process.stdout.read()
