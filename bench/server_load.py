"""Load benchmark of the reference issuer: 200 simulated assessors syncing at once, per backend.

Not a test. It starts the real server (uvicorn, 127.0.0.1, ephemeral port) over SQLite and over a
throwaway PostgreSQL cluster, loads a generated program (one assessor account per simulated assessor,
``--per-assessor`` assignments each), and runs the assessors concurrently for ``--duration`` seconds.
Each assessor signs in (not timed), starts at a random moment of the ramp-up (``--ramp``, reported
apart from the measured phase), then loops with think time: pull the assignments feed from its
cursor, fetch a manifest, fetch the pinned credential version once, and push a valid score sheet
(events stamped through the domain into its device's hash chain and signed by its device key, registered
with the issuer at sign-in; Idempotency-Key); now and then it replays a push (as a retrying client would).
Loops are bounded by the deadline and ``--max-requests`` and stop by themselves.

Target: p99 < 250 ms and 0 errors on 2 cores. Usage:

    .venv/bin/python bench/server_load.py                       # both backends, 60 s each
    .venv/bin/python bench/server_load.py --backends sqlite --duration 20
"""

from __future__ import annotations

import argparse
import asyncio
import json
import multiprocessing
import os
import random
import statistics
import sys
import tempfile
import time
import uuid
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import httpx

from assessor_app.domain.wire import credential_from_achievement
from issuer_server.cli import main as cli_main
from issuer_server.devkit.pg_cluster import ThrowawayCluster
from issuer_server.devkit.sheets import SigningDevice, build_push
from issuer_server.devkit.tiny_program import PASSWORD, write_tiny_program
from issuer_server.launcher import running_server

API = "/api/v1"


@dataclass(frozen=True)
class Plan:
    base_url: str
    usernames: list[str]
    duration: float
    ramp: float
    think_min: float
    think_max: float
    replay_share: float
    max_requests: int
    seed: int


class Recorder:
    def __init__(self) -> None:
        self.samples: list[tuple[str, float, int, float]] = []  # (kind, seconds, status (0: no answer), start)
        self.failures: list[str] = []

    async def call(self, kind: str, coro: Any) -> httpx.Response | None:
        start = time.perf_counter()
        try:
            response = await coro
        except httpx.HTTPError as exc:
            self.samples.append((kind, time.perf_counter() - start, 0, time.time()))
            self.failures.append(f"{kind}: {type(exc).__name__}: {exc}")
            return None
        self.samples.append((kind, time.perf_counter() - start, response.status_code, time.time()))
        if response.status_code not in (200, 201):
            self.failures.append(f"{kind}: {response.status_code} {response.text[:300]}")
        return response


async def sign_in(client: httpx.AsyncClient, username: str, gate: asyncio.Semaphore) -> str:
    async with gate:  # argon2 is slow on purpose: sign in a few at a time, before the clock starts
        response = await client.post(f"{API}/auth/token", json={"grant_type": "password", "username": username,
                                                                 "password": PASSWORD}, timeout=300)
    response.raise_for_status()
    return str(response.json()["access_token"])


async def register(client: httpx.AsyncClient, token: str, device: SigningDevice) -> None:
    response = await client.post(f"{API}/devices", json=device.registration(),
                                 headers={"Authorization": f"Bearer {token}"}, timeout=300)
    response.raise_for_status()


async def assessor(client: httpx.AsyncClient, username: str, token: str, device: SigningDevice, plan: Plan,
                   start_at: float, rec: Recorder, rng: random.Random) -> None:
    headers = {"Authorization": f"Bearer {token}"}
    await asyncio.sleep(max(0.0, start_at - time.time()) + rng.uniform(0, plan.ramp))
    deadline = start_at + plan.ramp + plan.duration
    cursor: str | None = None
    todo: dict[str, dict[str, Any]] = {}
    done: list[str] = []
    credentials: dict[tuple[str, str], Any] = {}
    last_push: tuple[str, dict[str, Any], str] | None = None
    requests = 0
    while time.time() < deadline and requests < plan.max_requests:
        params = {"cursor": cursor} if cursor else {}
        response = await rec.call("feed", client.get(f"{API}/assignments", params=params, headers=headers))
        requests += 1
        if response is not None and response.status_code == 200:
            page = response.json()
            cursor = page["next_cursor"]
            for item in page["items"]:
                if item["status"] == "assigned" and item["id"] not in done:
                    todo[item["id"]] = item
        await asyncio.sleep(rng.uniform(plan.think_min, plan.think_max))
        if todo:
            item = todo.pop(next(iter(todo)))
        elif done:
            item = {"id": None, "submission_id": rng.choice(done)}
        else:
            continue
        await rec.call("manifest", client.get(f"{API}/submissions/{item['submission_id']}", headers=headers))
        requests += 1
        if item["id"] is None:
            await asyncio.sleep(rng.uniform(plan.think_min, plan.think_max))
            continue
        key = (item["credential_id"], item["credential_version"])
        if key not in credentials:
            response = await rec.call("credential", client.get(
                f"{API}/credentials/{key[0]}/versions/{key[1]}", headers=headers))
            requests += 1
            if response is None or response.status_code != 200:
                continue
            credentials[key] = credential_from_achievement(response.json())
        credential = credentials[key]
        await asyncio.sleep(rng.uniform(plan.think_min, plan.think_max))
        levels = {c.id: rng.choice(c.levels[1:]).id if rng.random() < 0.8 else c.levels[0].id
                  for c in credential.rubric.criteria}
        body = build_push(credential, item["id"], levels, actor=username, device=device)
        idem = str(uuid.uuid4())
        response = await rec.call("push", client.put(f"{API}/assignments/{item['id']}/score-sheet", json=body,
                                                     headers={**headers, "Idempotency-Key": idem}))
        requests += 1
        if response is not None and response.status_code == 201:
            device.acknowledge(body["events"])  # a failed push's positions travel as links with the next one
        done.append(item["submission_id"])
        last_push = (item["id"], body, idem)
        if last_push and rng.random() < plan.replay_share:
            assignment_id, body, idem = last_push
            await rec.call("push-replay", client.put(f"{API}/assignments/{assignment_id}/score-sheet", json=body,
                                                     headers={**headers, "Idempotency-Key": idem}))
            requests += 1
        await asyncio.sleep(rng.uniform(plan.think_min, plan.think_max))


async def run_share(plan: Plan, ready: Any) -> list[tuple[str, float, int, float]]:
    """Sign every assessor of this share in, wait for the other client processes, then run the clock."""
    rec = Recorder()
    limits = httpx.Limits(max_connections=len(plan.usernames), max_keepalive_connections=len(plan.usernames))
    async with httpx.AsyncClient(base_url=plan.base_url, limits=limits, timeout=30) as client:
        gate = asyncio.Semaphore(2)
        tokens = await asyncio.gather(*(sign_in(client, name, gate) for name in plan.usernames))
        devices = [SigningDevice() for _ in plan.usernames]
        await asyncio.gather(*(register(client, token, device) for token, device in zip(tokens, devices,
                                                                                        strict=True)))
        # Warm-up, untimed: one feed pull each, all at once, opens the HTTP and database connections.
        await asyncio.gather(*(client.get(f"{API}/assignments", params={"limit": 1},
                                          headers={"Authorization": f"Bearer {token}"}) for token in tokens))
        await asyncio.to_thread(ready.wait, 600)
        start_at = time.time() + 0.5
        rng = random.Random(plan.seed)
        await asyncio.gather(*(assessor(client, name, token, device, plan, start_at, rec, random.Random(rng.random()))
                               for name, token, device in zip(plan.usernames, tokens, devices, strict=True)))
    steady_from = start_at + plan.ramp  # requests started during the ramp-up are reported apart
    rec.samples = [(kind, seconds, status, float(end - seconds >= steady_from))
                   for kind, seconds, status, end in rec.samples]
    for failure in rec.failures[:10]:
        print(f"    error: {failure}", flush=True)
    return rec.samples


def client_process(plan: Plan, ready: Any, results: Any) -> None:
    results.put(asyncio.run(run_share(plan, ready)))


def percentile(values: list[float], q: float) -> float:
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, round(q * (len(ordered) - 1)))] if ordered else 0.0


def summarize(backend: str, every: list[tuple[str, float, int, float]], duration: float) -> dict[str, Any]:
    """Latency figures over the steady phase (after the ramp-up); errors over the whole run."""
    ok = {200, 201}
    samples = [s for s in every if s[3]]
    lat = [s[1] for s in samples]
    by_kind = {}
    for kind in sorted({s[0] for s in samples}):
        k = [s[1] for s in samples if s[0] == kind]
        by_kind[kind] = {"count": len(k), "p50_ms": round(percentile(k, 0.5) * 1000, 1),
                         "p99_ms": round(percentile(k, 0.99) * 1000, 1)}
    errors = [s for s in every if s[2] not in ok]
    slowest = [(s[0], round(s[1] * 1000)) for s in sorted(samples, key=lambda s: -s[1])[:8]]
    ramp = [s[1] for s in every if not s[3]]
    return {"backend": backend, "requests": len(samples), "requests_per_s": round(len(samples) / duration, 1),
            "p50_ms": round(percentile(lat, 0.5) * 1000, 1), "p99_ms": round(percentile(lat, 0.99) * 1000, 1),
            "max_ms": round(max(lat, default=0) * 1000, 1), "mean_ms": round(statistics.fmean(lat) * 1000, 1)
            if lat else 0.0, "errors": len(errors),
            "error_statuses": sorted({s[2] for s in errors}), "by_kind": by_kind,
            "slowest": slowest, "ramp_up": {"requests": len(ramp), "p99_ms": round(percentile(ramp, 0.99) * 1000, 1)}}


def prepare(db_url: str, root: Path, assessors: int, per_assessor: int) -> list[str]:
    names = [f"assessor{n:03d}" for n in range(assessors)]
    total = assessors * per_assessor
    assignments = [{"submission_id": f"sub-{n + 1:04d}", "assessor": names[n % assessors], "kind": "live",
                    "due_at": "2026-12-01T17:00:00.000Z"} for n in range(total)]
    program = write_tiny_program(root / "program", submissions=total, assessors=names, assignments=assignments,
                                 video_bytes=2048)
    started = time.perf_counter()
    code = cli_main(["--db", db_url, "--evidence-dir", str(root / "evidence"), "load-program", str(program.folder)])
    if code != 0:
        raise SystemExit(f"loading the program failed ({code})")
    print(f"  loaded {total} submissions, {assessors} assessors in {time.perf_counter() - started:.1f} s",
          flush=True)
    return names


def bench_backend(backend: str, db_url: str, root: Path, args: argparse.Namespace) -> dict[str, Any]:
    names = prepare(db_url, root, args.assessors, args.per_assessor)
    with running_server(db_url, root / "evidence", workers=args.workers) as base_url:
        print(f"  server {base_url} ({args.workers} workers); {args.assessors} assessors, {args.ramp:.0f} s ramp-up "
              f"then {args.duration:.0f} s measured",
              flush=True)
        shares = [names[i::args.client_processes] for i in range(args.client_processes)]
        plans = [Plan(base_url, share, args.duration, args.ramp, args.think_min, args.think_max, args.replay_share,
                      args.max_requests, args.seed + i) for i, share in enumerate(shares)]
        context = multiprocessing.get_context("spawn")
        ready, queue = context.Barrier(len(plans)), context.Queue()
        processes = [context.Process(target=client_process, args=(plan, ready, queue)) for plan in plans]
        for process in processes:
            process.start()
        results = [queue.get(timeout=args.ramp + args.duration + 900) for _ in processes]
        for process in processes:
            process.join(60)
    samples = [s for part in results for s in part]
    report = summarize(backend, samples, args.duration)
    report["load_average_after"] = [round(x, 2) for x in os.getloadavg()]
    return report


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--backends", default="sqlite,postgresql")
    parser.add_argument("--duration", type=float, default=60.0, help="measured seconds, after the ramp-up")
    parser.add_argument("--ramp", type=float, default=10.0, help="seconds over which the assessors start")
    parser.add_argument("--assessors", type=int, default=200)
    parser.add_argument("--per-assessor", type=int, default=10, help="assignments per assessor")
    parser.add_argument("--workers", type=int, default=2, help="uvicorn worker processes")
    parser.add_argument("--client-processes", type=int, default=2)
    parser.add_argument("--think-min", type=float, default=1.0, help="seconds between an assessor's actions")
    parser.add_argument("--think-max", type=float, default=3.0)
    parser.add_argument("--replay-share", type=float, default=0.1, help="share of pushes retried with the same key")
    parser.add_argument("--max-requests", type=int, default=2000, help="per assessor; the loop also stops at time")
    parser.add_argument("--seed", type=int, default=1)
    parser.add_argument("--json", type=Path, help="also write the results here")
    args = parser.parse_args(argv)
    reports = []
    for backend in [b.strip() for b in args.backends.split(",") if b.strip()]:
        print(f"[{backend}]", flush=True)
        with tempfile.TemporaryDirectory(prefix=f"issuer-bench-{backend}-") as tmp:
            root = Path(tmp)
            if backend == "sqlite":
                reports.append(bench_backend(backend, f"sqlite:///{root / 'issuer.sqlite3'}", root, args))
            elif backend == "postgresql":
                with ThrowawayCluster(durable=True) as cluster:
                    reports.append(bench_backend(backend, cluster.create_database("bench"), root, args))
            else:
                raise SystemExit(f"unknown backend {backend!r}")
        r = reports[-1]
        verdict = "OK" if r["p99_ms"] < 250 and r["errors"] == 0 else "MISSED TARGET"
        print(f"  {r['requests']} requests, {r['requests_per_s']} req/s, p50 {r['p50_ms']} ms, p99 {r['p99_ms']} ms, "
              f"max {r['max_ms']} ms, errors {r['errors']} {r['error_statuses']} -> {verdict}", flush=True)
        print(f"    machine load average after the run: {r['load_average_after']}", flush=True)
        print(f"    ramp-up (not in the figures above): {r['ramp_up']}; slowest steady: {r['slowest']}", flush=True)
        for kind, k in r["by_kind"].items():
            print(f"    {kind:12} {k['count']:6}  p50 {k['p50_ms']:7} ms  p99 {k['p99_ms']:7} ms", flush=True)
    if args.json:
        args.json.write_text(json.dumps(reports, indent=2), encoding="utf-8")
    return 0 if all(r["errors"] == 0 and r["p99_ms"] < 250 for r in reports) else 1


if __name__ == "__main__":
    sys.exit(main())
