"""Gunicorn settings of a deployment (and of the benchmarks, which use this same file).

Synchronous workers, two per core by default: the ballot endpoints are short database
transactions, and plain processes avoid the interpreter lock. Put nginx (or another proxy
that buffers slow clients) in front.
"""

import multiprocessing
import os

bind = os.environ.get("GUNICORN_BIND", "127.0.0.1:8000")
workers = int(os.environ.get("GUNICORN_WORKERS", multiprocessing.cpu_count() * 2))
worker_class = os.environ.get("GUNICORN_WORKER_CLASS", "sync")
threads = int(os.environ.get("GUNICORN_THREADS", "1"))
backlog = 2048
timeout = 30
graceful_timeout = 30
max_requests = 20000
max_requests_jitter = 2000
accesslog = os.environ.get("GUNICORN_ACCESS_LOG") or None
loglevel = os.environ.get("GUNICORN_LOG_LEVEL", "warning")
