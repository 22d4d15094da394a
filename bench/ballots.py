#!/usr/bin/env python
"""Benchmark: a city's classes vote by code in the same flag-ceremony week.

Self-contained: it prepares a PostgreSQL database (DATABASE_URL, default the local server),
starts the production server (config/serve.py: Granian, config.settings.prod, DEBUG off), creates class
elections with their voter rolls and one-time codes, has every voter cast a ballot by code
over HTTP — through the same page a student's QR code opens — with many concurrent
connections (a few voters press the button twice), then closes and tallies every election and
checks the tally against the accepted casts.

Last line:  ballots_per_s=N p50_ms=N p99_ms=N lost=N double=N

    python bench/ballots.py [--elections 500] [--voters 40] [--concurrency 64] [--workers 2]
"""

from __future__ import annotations

import argparse
import asyncio
import multiprocessing
import os
import random
import re
import signal
import socket
import subprocess
import sys
import time
from pathlib import Path
from urllib.parse import urlparse

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
DEFAULT_DB = "postgres://postgres@127.0.0.1:5432/thidua_bench"
RECEIPT = re.compile(rb'id="receipt-code">([A-Z0-9-]+)<')


def prepare_database(url: str) -> None:
    import psycopg

    parsed = urlparse(url)
    name = parsed.path.lstrip("/")
    admin = parsed._replace(path="/postgres").geturl()
    with psycopg.connect(admin, autocommit=True) as conn:
        exists = conn.execute("SELECT 1 FROM pg_database WHERE datname = %s", [name]).fetchone()
        if not exists:
            conn.execute(f'CREATE DATABASE "{name}"')


def django_setup(env: dict[str, str]) -> None:
    os.environ.update(env)
    import django

    django.setup()


def build_elections(n_elections: int, n_voters: int) -> list[tuple[int, list[str], list[int]]]:
    """(election id, codes, candidate ids) for each class election, opened and ready."""
    from django.core.management import call_command

    call_command("migrate", verbosity=0, interactive=False)
    from thidua.ballots.services import (
        CandidateSpec,
        VoterSpec,
        codes_issue,
        election_create,
        election_open,
    )
    from thidua.org.models import SchoolLevel, Unit, UnitType
    from thidua.org.services import unit_create

    school = Unit.objects.filter(code="BENCH-TRUONG").first() or unit_create(
        actor=None,
        type=UnitType.SCHOOL,
        code="BENCH-TRUONG",
        name="Trường THCS Thử Tải",
        school_level=SchoolLevel.LOWER_SECONDARY,
    )
    plans = []
    for index in range(n_elections):
        election = election_create(
            actor=None,
            unit=school,
            title=f"Bầu học sinh tiêu biểu – lớp {index + 1}",
            candidates=[CandidateSpec(f"Ứng viên {c + 1} lớp {index + 1}") for c in range(3)],
            voters=[VoterSpec(f"Học sinh {v + 1}") for v in range(n_voters)],
        )
        codes = [code for _voter, code in codes_issue(actor=None, election=election)]
        election_open(actor=None, election=election)
        plans.append((election.pk, codes, list(election.candidates.values_list("pk", flat=True))))
    return plans


def tally_all(election_ids: list[int]) -> dict[int, int]:
    from thidua.ballots.models import Election
    from thidua.ballots.selectors import tally
    from thidua.ballots.services import election_close

    counted = {}
    for election in Election.objects.filter(pk__in=election_ids):
        election_close(actor=None, election=election)
        result = tally(Election.objects.get(pk=election.pk))
        assert result.participants == sum(r.votes for r in result.results) + result.blank
        counted[election.pk] = result.participants
    return counted


def cpu_ticks() -> dict[int, tuple[str, int]]:
    """utime+stime of every process, to show where the CPU went during the load."""
    ticks = {}
    for entry in Path("/proc").iterdir():
        if not entry.name.isdigit():
            continue
        try:
            stat = (entry / "stat").read_text()
            cmdline = (entry / "cmdline").read_bytes().replace(b"\0", b" ").decode(errors="replace")
        except OSError:
            continue
        fields = stat[stat.rfind(")") + 2 :].split()
        ticks[int(entry.name)] = (cmdline, int(fields[11]) + int(fields[12]))
    return ticks


def cpu_breakdown(before: dict, after: dict, client_s: float, seconds: float) -> str:
    """Cores used by the server, PostgreSQL, the load generator (its finished processes, from
    os.times) and everything else."""
    hz = os.sysconf("SC_CLK_TCK")
    groups = {"server": 0, "postgres": 0, "client": round(client_s * hz), "other": 0}
    for pid, (cmd, ticks) in after.items():
        used = ticks - before.get(pid, (cmd, 0))[1]
        if used <= 0:
            continue
        if "granian" in cmd:
            groups["server"] += used
        elif cmd.startswith("postgres"):
            groups["postgres"] += used
        elif "bench/ballots.py" in cmd:
            groups["client"] += used
        else:
            groups["other"] += used
    return " ".join(f"cpu_{k}={v / hz / seconds:.2f}" for k, v in groups.items())


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def start_server(env: dict[str, str], port: int, workers: int | None) -> subprocess.Popen:
    """The deployment's own server command (config/serve.py: Granian, WSGI)."""
    from config.serve import command

    process = subprocess.Popen(
        command(bind=f"127.0.0.1:{port}", workers=workers or None),
        cwd=ROOT,
        env={**os.environ, **env},
        start_new_session=True,
    )
    deadline = time.time() + 30
    while time.time() < deadline:
        try:
            with socket.create_connection(("127.0.0.1", port), timeout=0.5):
                return process
        except OSError:
            time.sleep(0.2)
    process.kill()
    raise SystemExit("the server did not start")


async def _client(
    port: int,
    jobs: list[tuple[int, str, int]],
    concurrency: int,
    results: list[tuple[int, str, int, float, bytes]],
) -> None:
    queue: asyncio.Queue = asyncio.Queue()
    for job in jobs:
        queue.put_nowait(job)

    async def worker() -> None:
        reader = writer = None
        while True:
            try:
                election, code, choice = queue.get_nowait()
            except asyncio.QueueEmpty:
                break
            body = f"choice={choice}".encode()
            request = (
                f"POST /ballots/v/{code}/ HTTP/1.1\r\nHost: 127.0.0.1\r\n"
                "Content-Type: application/x-www-form-urlencoded\r\n"
                f"Content-Length: {len(body)}\r\nConnection: keep-alive\r\n\r\n"
            ).encode() + body
            for _attempt in range(3):
                try:
                    if writer is None:
                        reader, writer = await asyncio.open_connection("127.0.0.1", port)
                    started = time.perf_counter()
                    writer.write(request)
                    status_line = await reader.readline()
                    headers = {}
                    while True:
                        line = await reader.readline()
                        if line in (b"\r\n", b""):
                            break
                        key, _, value = line.decode("latin-1").partition(":")
                        headers[key.strip().lower()] = value.strip()
                    length = int(headers.get("content-length", "0"))
                    payload = await reader.readexactly(length)
                    elapsed = time.perf_counter() - started
                    status = int(status_line.split()[1])
                    match = RECEIPT.search(payload)
                    results.append(
                        (election, code, status, elapsed, match.group(1) if match else b"")
                    )
                    if headers.get("connection", "").lower() == "close":
                        writer.close()
                        reader = writer = None
                    break
                except (ConnectionError, asyncio.IncompleteReadError, IndexError):
                    if writer is not None:
                        writer.close()
                    reader = writer = None
        if writer is not None:
            writer.close()

    await asyncio.gather(*(worker() for _ in range(concurrency)))


def client_process(
    port: int, jobs: list[tuple[int, str, int]], concurrency: int, out: multiprocessing.Queue
) -> None:
    results: list[tuple[int, str, int, float, bytes]] = []
    asyncio.run(_client(port, jobs, concurrency, results))
    out.put(results)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--elections", type=int, default=500)
    parser.add_argument("--voters", type=int, default=40)
    parser.add_argument("--concurrency", type=int, default=64)
    parser.add_argument("--clients", type=int, default=1, help="client processes")
    parser.add_argument(
        "--workers",
        type=int,
        default=0,
        help="server processes (default: the deployment's, one per core)",
    )
    parser.add_argument(
        "--double-share",
        type=float,
        default=0.05,
        help="share of voters who press the button twice",
    )
    args = parser.parse_args()

    database_url = os.environ.get("DATABASE_URL", DEFAULT_DB)
    env = {
        "DATABASE_URL": database_url,
        "DJANGO_SETTINGS_MODULE": "config.settings.prod",
        "SECRET_KEY": os.environ.get("SECRET_KEY", "bench-secret-key-not-for-production"),
        "ALLOWED_HOSTS": "127.0.0.1,localhost",
        "DEBUG": "0",
        "SECURE_SSL_REDIRECT": "0",
        "SECURE_COOKIES": "0",
        "DB_CONN_MAX_AGE": "600",
        "LOG_LEVEL": "ERROR",
    }
    prepare_database(database_url)
    django_setup(env)
    print(
        f"# preparing {args.elections} elections × {args.voters} voters on "
        f"{urlparse(database_url).path.lstrip('/')}",
        flush=True,
    )
    plans = build_elections(args.elections, args.voters)
    rng = random.Random(7)
    jobs = [(eid, code, rng.choice(cands)) for eid, codes, cands in plans for code in codes]
    doubles = rng.sample(jobs, int(len(jobs) * args.double_share))
    jobs += doubles
    rng.shuffle(jobs)

    port = free_port()
    server = start_server(env, port, args.workers)
    try:
        out: multiprocessing.Queue = multiprocessing.Queue()
        shards = [jobs[i :: args.clients] for i in range(args.clients)]
        ticks_before = cpu_ticks()
        children_before = os.times()
        started = time.perf_counter()
        procs = [
            multiprocessing.Process(
                target=client_process, args=(port, shard, args.concurrency // args.clients, out)
            )
            for shard in shards
        ]
        for p in procs:
            p.start()
        results = [r for _ in procs for r in out.get()]
        for p in procs:
            p.join()
        duration = time.perf_counter() - started
        children_after = os.times()
        client_s = (children_after.children_user - children_before.children_user) + (
            children_after.children_system - children_before.children_system
        )
        cpu = cpu_breakdown(ticks_before, cpu_ticks(), client_s, duration)
    finally:
        os.killpg(server.pid, signal.SIGTERM)
        server.wait(timeout=30)

    accepted = [r for r in results if r[2] == 200 and r[4]]
    refused = [r for r in results if r[2] == 409]
    other = [r for r in results if r not in accepted and r not in refused]
    accepted_by_election: dict[int, int] = {}
    codes_accepted: dict[str, int] = {}
    for election, code, _status, _elapsed, _receipt in accepted:
        accepted_by_election[election] = accepted_by_election.get(election, 0) + 1
        codes_accepted[code] = codes_accepted.get(code, 0) + 1
    counted = tally_all([eid for eid, _c, _k in plans])
    lost = sum(max(0, accepted_by_election.get(e, 0) - counted.get(e, 0)) for e, _c, _k in plans)
    double = sum(n - 1 for n in codes_accepted.values() if n > 1) + sum(
        max(0, counted.get(e, 0) - accepted_by_election.get(e, 0)) for e, _c, _k in plans
    )
    latencies = sorted(r[3] for r in results)

    def pct(q: float) -> float:
        return latencies[min(len(latencies) - 1, int(q * len(latencies)))] * 1000

    print(
        f"# requests={len(results)} accepted={len(accepted)} refused_second_press={len(refused)}"
        f" other={len(other)} duration_s={duration:.2f} workers={args.workers or 'deployment'}"
        f" concurrency={args.concurrency} cpus={os.cpu_count()}"
    )
    print(f"# cores used during the load: {cpu}")
    print(
        f"ballots_per_s={len(accepted) / duration:.0f} p50_ms={pct(0.50):.1f} "
        f"p99_ms={pct(0.99):.1f} lost={lost} double={double}"
    )


if __name__ == "__main__":
    main()
