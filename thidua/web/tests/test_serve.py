"""The production server command (config/serve.py) that deployments and benchmarks share."""

from __future__ import annotations

import importlib.util
import sys

from config.serve import command


def test_the_server_command_runs_granian_on_the_wsgi_application(monkeypatch):
    monkeypatch.setenv("THIDUA_THREADS", "3")
    args = command(bind="0.0.0.0:9000", workers=4)
    assert args[:3] == [sys.executable, "-m", "granian"]
    assert args[args.index("--interface") + 1] == "wsgi"
    assert args[args.index("--host") + 1] == "0.0.0.0"
    assert args[args.index("--port") + 1] == "9000"
    assert args[args.index("--workers") + 1] == "4"
    assert args[args.index("--blocking-threads") + 1] == "3"
    assert args[-1] == "config.wsgi:application"
    assert importlib.util.find_spec("granian") is not None  # installed from the lockfile


def test_defaults_bind_locally_with_one_process_per_core(monkeypatch):
    monkeypatch.delenv("THIDUA_BIND", raising=False)
    monkeypatch.delenv("THIDUA_WORKERS", raising=False)
    monkeypatch.setattr("os.cpu_count", lambda: 2)
    args = command()
    assert args[args.index("--host") + 1] == "127.0.0.1"
    assert args[args.index("--port") + 1] == "8000"
    assert args[args.index("--workers") + 1] == "2"
