#!/usr/bin/env python3
# SPDX-License-Identifier: GPL-3.0-or-later
"""meson test --benchmark idle: what Rushes costs while nothing happens.

In one run, on the test display, one after the other:
  (a) gtk4-demo-application, the yardstick of an idle GTK app;
  (b) Rushes with a library of 1,000 clips and nothing running;
  (c) the same with 20 more tasks waiting upstream, kept queued by the
      fake provider and followed again at start (live channel and polls).
Each is left to settle after its window shows, then measured over a
window of WINDOW seconds: its processor time as a share of one core
(utime + stime from /proc), the wakeups of its main loop (voluntary
context switches of its main thread) and, for (c), the status reads the
fake answered.
Targets: (b) <= 0.5 %, (c) <= 1 % of a core.

Prints TAP. Usage: bench-idle.py RUSHES FAKE_PROVIDER
"""

import datetime
import json
import os
import shutil
import signal
import struct
import subprocess
import sys
import tempfile
import time
import urllib.request
import zlib

RUSHES, FAKE = sys.argv[1:3]
DEMO = shutil.which("gtk4-demo-application")
N_CLIPS = 1000
N_WAITING = 20
SCALE = float(os.environ.get("RUSHES_TEST_TIMEOUT_SCALE") or "1")
SETTLE = 8.0 * SCALE     # after the window shows: library, posters, first answers
WINDOW = 20.0            # the measure itself
TICKS = os.sysconf("SC_CLK_TCK")
KEY = "bench-key"


def make_png(path, width=480, height=270):
    """A plain poster frame, as the thumbnailer would have left it."""
    row = b"\x00" + bytes((51, 102, 179)) * width
    raw = zlib.compress(row * height)

    def chunk(kind, data):
        return (struct.pack(">I", len(data)) + kind + data
                + struct.pack(">I", zlib.crc32(kind + data) & 0xffffffff))

    with open(path, "wb") as f:
        f.write(b"\x89PNG\r\n\x1a\n"
                + chunk(b"IHDR", struct.pack(">IIBBBBB", width, height, 8, 2, 0, 0, 0))
                + chunk(b"IDAT", raw) + chunk(b"IEND", b""))


def write_library(home):
    """1,000 finished clips with posters, as in bench-gallery."""
    library = os.path.join(home, "data", "rushes", "library")
    os.makedirs(library)
    poster = os.path.join(home, "poster.png")
    video = os.path.join(home, "clip.mp4")
    make_png(poster)
    open(video, "wb").close()
    base = datetime.datetime(2026, 1, 1)
    for i in range(N_CLIPS):
        created = base + datetime.timedelta(seconds=37 * i)
        task_id = created.strftime("%Y%m%d-%H%M%S") + "-%04x" % i
        iso = created.strftime("%Y-%m-%dT%H:%M:%S.000Z")
        folder = os.path.join(library, task_id)
        os.mkdir(folder)
        with open(os.path.join(folder, "task.json"), "w") as f:
            json.dump({"version": 1, "id": task_id, "model": "wiro/openai/sora-2", "provider": "wiro",
                       "state": "succeeded",
                       "prompt": f"Clip number {i}: a slow pan over a harbour at dawn",
                       "params": {"aspect_ratio": "16:9", "duration": 8, "resolution": "720p", "image": None},
                       "remote_id": str(i), "created_at": iso, "finished_at": iso, "progress": 1.0,
                       "cost_usd": 0.4, "video": "video.mp4", "error": None}, f)
        os.link(poster, os.path.join(folder, "thumbnail.png"))
        os.link(video, os.path.join(folder, "video.mp4"))
    return library


def write_waiting(library, wiro_base):
    """Tasks the provider accepted before this start and still has queued."""
    now = datetime.datetime.now(datetime.timezone.utc)
    body = json.dumps({"prompt": "A lighthouse", "seconds": "8", "resolution": "720p",
                       "ratio": "16:9"}).encode()
    for i in range(N_WAITING):
        request = urllib.request.Request(wiro_base + "/Run/openai/sora-2", data=body, method="POST",
                                         headers={"x-api-key": KEY, "Content-Type": "application/json"})
        with urllib.request.urlopen(request, timeout=10 * SCALE) as answer:
            run = json.load(answer)
        created = now - datetime.timedelta(minutes=i + 1)
        task_id = created.strftime("%Y%m%d-%H%M%S") + "-w%03x" % i
        folder = os.path.join(library, task_id)
        os.mkdir(folder)
        with open(os.path.join(folder, "task.json"), "w") as f:
            json.dump({"version": 1, "id": task_id, "model": "wiro/openai/sora-2", "provider": "wiro",
                       "state": "queued", "prompt": f"Waiting task {i}: a lighthouse in a storm",
                       "params": {"aspect_ratio": "16:9", "duration": 8, "resolution": "720p", "image": None},
                       "remote_id": run["taskid"], "remote_token": run["socketaccesstoken"],
                       "created_at": created.strftime("%Y-%m-%dT%H:%M:%S.000Z"), "finished_at": None,
                       "video": None, "error": None}, f)


def cpu_ticks(pid):
    with open(f"/proc/{pid}/stat") as f:
        fields = f.read().rsplit(")", 1)[1].split()
    return int(fields[11]) + int(fields[12])   # utime, stime


def wakeups(pid):
    """Times the main thread went to sleep and was woken: its main loop's
    wakeups. (Worker threads come and go, their counts with them.)"""
    with open(f"/proc/{pid}/status") as f:
        for line in f:
            if line.startswith("voluntary_ctxt_switches:"):
                return int(line.split()[1])
    return 0


def wait_for_window(proc, name):
    deadline = time.monotonic() + 30 * SCALE
    while time.monotonic() < deadline:
        if proc.poll() is not None:
            raise RuntimeError(f"{name} exited ({proc.returncode}) before showing a window")
        found = subprocess.run(["xdotool", "search", "--onlyvisible", "--pid", str(proc.pid)],
                               capture_output=True, text=True).stdout.split()
        if found:
            return found[0]
        time.sleep(0.1)
    raise RuntimeError(f"{name} showed no window within {30 * SCALE:.0f} s")


def fake_reads(control):
    with urllib.request.urlopen(control + "/requests", timeout=10 * SCALE) as answer:
        return sum(1 for r in json.load(answer) if r["path"].endswith("/Task/Detail"))


def measure(name, argv, env, control=None):
    """Start, settle, measure, stop. Returns (share of a core in %, wakeups/s, reads)."""
    proc = subprocess.Popen(argv, env=env, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE, text=True)
    try:
        started = time.monotonic()
        wait_for_window(proc, name)
        shown = time.monotonic() - started
        time.sleep(SETTLE)
        ticks, woken = cpu_ticks(proc.pid), wakeups(proc.pid)
        reads = fake_reads(control) if control else 0
        begin = time.monotonic()
        time.sleep(WINDOW)
        ticks, woken = cpu_ticks(proc.pid) - ticks, wakeups(proc.pid) - woken
        reads = fake_reads(control) - reads if control else None
        elapsed = time.monotonic() - begin
    finally:
        proc.send_signal(signal.SIGTERM)
        try:
            proc.communicate(timeout=15 * SCALE)
        except subprocess.TimeoutExpired:
            proc.kill()
            proc.communicate()
    share = 100.0 * ticks / TICKS / elapsed
    print(f"# {name}: window after {shown:.1f} s; over {elapsed:.0f} s: {share:.2f} % of a core, "
          f"{woken / elapsed:.1f} wakeups/s" + (f", {reads} status reads" if reads is not None else ""),
          flush=True)
    return share, woken / elapsed, reads


def main():
    print("1..1", flush=True)
    with tempfile.TemporaryDirectory(prefix="rushes-bench-idle.") as home:
        env = dict(os.environ)
        env.update(HOME=home, XDG_DATA_HOME=os.path.join(home, "data"),
                   XDG_CONFIG_HOME=os.path.join(home, "config"),
                   XDG_CACHE_HOME=os.path.join(home, "cache"),
                   XDG_STATE_HOME=os.path.join(home, "state"),
                   GST_REGISTRY=os.path.join(home, "cache", "gstreamer-registry.bin"))
        library = write_library(home)
        os.sync()

        # (a) the yardstick
        if DEMO is not None:
            demo = measure("gtk4-demo-application", [DEMO], env)
        else:
            print("# gtk4-demo-application is not installed (Debian: gtk-4-examples)", flush=True)
            demo = None

        # (b) Rushes, nothing running
        idle = measure(f"Rushes, {N_CLIPS} clips, nothing running", [RUSHES], env)

        # (c) Rushes, tasks waiting upstream: the fake moves a task one step
        # an hour, so they stay queued for the whole run.
        fake = subprocess.Popen([FAKE, "--step-ms", str(3600 * 1000)], stdout=subprocess.PIPE, text=True)
        try:
            endpoints = {}
            while "RUSHES_FAKE_CONTROL_URL" not in endpoints:
                line = fake.stdout.readline()
                if not line:
                    raise RuntimeError("the fake provider did not start")
                name, _, value = line.strip().partition("=")
                endpoints[name] = value
            control = endpoints.pop("RUSHES_FAKE_CONTROL_URL")
            write_waiting(library, endpoints["RUSHES_WIRO_BASE_URL"])
            waiting_env = dict(env, RUSHES_WIRO_API_KEY=KEY, **endpoints)
            waiting = measure(f"Rushes, {N_CLIPS} clips and {N_WAITING} tasks waiting upstream",
                              [RUSHES], waiting_env, control)
        finally:
            fake.terminate()
            fake.wait()

    print("#", flush=True)
    print(f"# {'over %.0f s, after %.0f s to settle' % (WINDOW, SETTLE):<44} {'CPU':>8} {'wakeups/s':>10}  target",
          flush=True)
    if demo is not None:
        print(f"# {'gtk4-demo-application':<44} {demo[0]:7.2f}% {demo[1]:10.1f}", flush=True)
    print(f"# {'Rushes, %d clips, nothing running' % N_CLIPS:<44} {idle[0]:7.2f}% {idle[1]:10.1f}  "
          f"<= 0.5 %: {'met' if idle[0] <= 0.5 else 'MISSED'}", flush=True)
    print(f"# {'Rushes, + %d tasks waiting upstream' % N_WAITING:<44} {waiting[0]:7.2f}% {waiting[1]:10.1f}  "
          f"<= 1 %: {'met' if waiting[0] <= 1.0 else 'MISSED'}", flush=True)
    print(f"# targets: idle {'met' if idle[0] <= 0.5 else 'MISSED'}, "
          f"waiting {'met' if waiting[0] <= 1.0 else 'MISSED'}", flush=True)
    print("ok 1 /rushes/bench/idle", flush=True)
    return 0


if __name__ == "__main__":
    try:
        sys.exit(main())
    except Exception as error:   # a benchmark that cannot run says why
        print(f"not ok 1 /rushes/bench/idle # {error}", flush=True)
        sys.exit(1)
