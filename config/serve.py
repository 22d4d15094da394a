"""The production server: Granian (an HTTP server written in Rust) running the WSGI
application of config/wsgi.py, as a deployment and the benchmarks start it.

    DJANGO_SETTINGS_MODULE=config.settings.prod python -m config.serve

Why Granian: in a flag-ceremony week a whole city's students post their ballots within
minutes (bench/ballots.py). Its HTTP handling (parsing, keep-alive) runs in Rust outside the
interpreter, leaving the two cores to Django and PostgreSQL; a pure-Python server spent more
CPU on HTTP than Django spent on the ballot. Put nginx (or another buffering proxy) in front
for TLS and slow clients.

Settings (environment): THIDUA_BIND (127.0.0.1:8000), THIDUA_WORKERS (one process per core),
THIDUA_THREADS (2 request threads per process: one waits on PostgreSQL while the other runs),
THIDUA_BACKPRESSURE (64 requests in flight per process before new ones queue).
"""

from __future__ import annotations

import os
import sys


def command(*, bind: str | None = None, workers: int | None = None) -> list[str]:
    bind = bind or os.environ.get("THIDUA_BIND", "127.0.0.1:8000")
    host, _, port = bind.rpartition(":")
    workers = workers or int(os.environ.get("THIDUA_WORKERS", os.cpu_count() or 1))
    return [
        sys.executable,
        "-m",
        "granian",
        "--interface",
        "wsgi",
        "--host",
        host or "127.0.0.1",
        "--port",
        port,
        "--workers",
        str(workers),
        "--blocking-threads",
        os.environ.get("THIDUA_THREADS", "2"),
        "--backpressure",
        os.environ.get("THIDUA_BACKPRESSURE", "64"),
        "--respawn-failed-workers",
        "--no-ws",
        "--log-level",
        os.environ.get("THIDUA_SERVER_LOG_LEVEL", "warning"),
        "config.wsgi:application",
    ]


def main() -> None:
    args = command()
    os.execv(args[0], args)


if __name__ == "__main__":
    main()
