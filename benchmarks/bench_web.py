"""Benchmark ``forcegen serve`` on loopback.

    .venv/bin/python benchmarks/bench_web.py [--requests 4000] [--clients 20] [--runs 5]

Starts ``forcegen serve`` (one uvicorn process) on a fresh SQLite ledger seeded with
paris-2025, makes an analyst and an API token, then:

1. overview JSON (``GET /api/v1/overview``): ``--clients`` concurrent clients (asyncio,
   keep-alive connections) send ``--requests`` requests in all; latency p50/p95 and
   throughput. Targets: p95 <= 50 ms and >= 200 requests/s with 20 clients.
2. what-if recompute (``POST /api/v1/what-if``, one pledge changed, the plan recomputed on
   a scratch copy): median of ``--runs``. Target <= 1 s.
3. what-if on a condition (the plan and the risk of the scratch copy), the same target.
4. the engines (risk at the default 100,000 draws, sourcing, a proposal): the first request
   and the cached ones.

The clients run on the same 2 shared cores as the server, so the figures are a floor.
"""

from __future__ import annotations

import argparse
import asyncio
import os
import socket
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

import httpx

BIN = Path(sys.executable).parent
TARGET_P95_MS = 50.0
TARGET_RPS = 200.0
TARGET_WHAT_IF_S = 1.0


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        port: int = s.getsockname()[1]
        return port


def forcegen(*args: str, env: dict[str, str]) -> str:
    out = subprocess.run([str(BIN / "forcegen"), *args], capture_output=True, text=True,
                         env=env, check=True)
    return out.stdout.strip()


async def overview_load(port: int, token: str, total: int, clients: int) -> tuple[
        list[float], float]:
    """``clients`` keep-alive connections speaking plain HTTP/1.1 (a lean client, so that
    the load generator takes as little of the shared CPU as it can)."""
    latencies: list[float] = []
    remaining = total
    request = (f"GET /api/v1/overview HTTP/1.1\r\nHost: 127.0.0.1:{port}\r\n"
               f"Authorization: Bearer {token}\r\n\r\n").encode()

    async def client() -> None:
        nonlocal remaining
        reader, writer = await asyncio.open_connection("127.0.0.1", port)
        try:
            while remaining > 0:
                remaining -= 1
                start = time.perf_counter()
                writer.write(request)
                head = await reader.readuntil(b"\r\n\r\n")
                assert head.startswith(b"HTTP/1.1 200"), head[:100]
                length = next(int(line.split(b":")[1]) for line in head.split(b"\r\n")
                              if line.lower().startswith(b"content-length:"))
                await reader.readexactly(length)
                latencies.append(time.perf_counter() - start)
        finally:
            writer.close()

    start = time.perf_counter()
    await asyncio.gather(*(client() for _ in range(clients)))
    return latencies, time.perf_counter() - start


def engines(c: httpx.Client, runs: int) -> None:
    """3. A what-if on a condition (plan and risk of the scratch copy, 20,000 draws),
    median of ``runs`` (target <= 1 s as for any what-if); 4. the engines' documents: the
    first request computes them, the next ones come from the cache (no target)."""
    times = []
    for i in range(runs):
        body = {"conditions": [{"kind": "us_backstop", "met": i % 2 == 0}]}
        start = time.perf_counter()
        r = c.post("/api/v1/what-if", json=body)
        times.append(time.perf_counter() - start)
        assert r.status_code == 200, r.text
    median = statistics.median(times)
    print(f"what-if on a condition (plan and risk, 20,000 draws), median of {runs}: "
          f"{median * 1000:.0f} ms (target <= {TARGET_WHAT_IF_S:.0f} s, ratio "
          f"{median / TARGET_WHAT_IF_S:.3f})")
    for path in ("/api/v1/risk", "/api/v1/source", "/api/v1/source?mode=capacity",
                 "/api/v1/proposals/FRA"):
        start = time.perf_counter()
        assert c.get(path).status_code == 200
        cold = time.perf_counter() - start
        cached = []
        for _ in range(20):
            start = time.perf_counter()
            c.get(path)
            cached.append(time.perf_counter() - start)
        print(f"GET {path}: first {cold * 1000:.0f} ms, then cached median "
              f"{statistics.median(cached) * 1000:.1f} ms")


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--requests", type=int, default=4000)
    parser.add_argument("--clients", type=int, default=20)
    parser.add_argument("--runs", type=int, default=5)
    args = parser.parse_args()
    folder = Path(tempfile.mkdtemp(prefix="forcegen-bench-web-"))
    db = f"sqlite:///{folder / 'ledger.sqlite'}"
    env = {**os.environ, "FORCEGEN_DB_URL": db}
    forcegen("ledger", "init", env=env)
    forcegen("users", "add", "bench", "--role", "analyst", "--password", "bench password",
             env=env)
    token = forcegen("users", "token", "bench", env=env)
    port = free_port()
    base = f"http://127.0.0.1:{port}"
    server = subprocess.Popen([str(BIN / "forcegen"), "serve", "--port", str(port)], env=env,
                              stdout=subprocess.DEVNULL, stderr=subprocess.PIPE)
    try:
        for _ in range(300):
            try:
                if httpx.get(f"{base}/api/v1/openapi.json", timeout=1).status_code == 200:
                    break
            except httpx.TransportError:
                time.sleep(0.1)
        else:
            raise SystemExit("the server did not start")
        headers = {"Authorization": f"Bearer {token}"}
        httpx.get(f"{base}/api/v1/overview", headers=headers)  # warm the cache
        asyncio.run(overview_load(port, token, 200, args.clients))  # warm up
        latencies, elapsed = asyncio.run(
            overview_load(port, token, args.requests, args.clients))
        ms = sorted(x * 1000 for x in latencies)
        p50, p95 = ms[len(ms) // 2], ms[int(len(ms) * 0.95)]
        rps = len(ms) / elapsed
        print(f"overview JSON, {args.clients} clients, {len(ms)} requests: p50 {p50:.1f} ms, "
              f"p95 {p95:.1f} ms (target <= {TARGET_P95_MS:.0f}, ratio "
              f"{p95 / TARGET_P95_MS:.2f}); {rps:.0f} requests/s (target >= "
              f"{TARGET_RPS:.0f}, ratio {rps / TARGET_RPS:.2f})")
        times = []
        with httpx.Client(base_url=base, headers=headers, timeout=60) as c:
            for i in range(args.runs):
                body = {"changes": [{"nation": "GBR", "modality": "committed",
                                     "troops_min": 1000 + i, "troops_max": 1000 + i}]}
                start = time.perf_counter()
                r = c.post("/api/v1/what-if", json=body)
                times.append(time.perf_counter() - start)
                assert r.status_code == 200, r.text
        median = statistics.median(times)
        print(f"what-if recompute (paris-2025), median of {args.runs}: {median * 1000:.0f} ms, "
              f"min {min(times) * 1000:.0f} ms (target <= {TARGET_WHAT_IF_S:.0f} s, ratio "
              f"{median / TARGET_WHAT_IF_S:.3f})")
        with httpx.Client(base_url=base, headers=headers, timeout=60) as c:
            engines(c, args.runs)
    finally:
        server.terminate()
        server.wait(timeout=10)


if __name__ == "__main__":
    main()
