#!/usr/bin/env python3
# SPDX-License-Identifier: GPL-3.0-or-later
"""rushes-cli end to end against the fake provider on loopback.

Every command and every exit code, the way a user drives it from a shell.
Prints TAP. Usage: check-cli.py RUSHES_CLI FAKE_PROVIDER FAKE_VIDEO
"""

import hashlib
import json
import os
import re
import shutil
import signal
import struct
import subprocess
import sys
import tempfile
import time
import traceback
import urllib.request
import zlib

CLI, FAKE, VIDEO = sys.argv[1:4]
KEY = "wk_test_key_4f9a1c"
SECRET = "ws_test_secret_77b2e0"
TIMEOUT = 60


def make_png(path, width=64, height=36):
    """A small real PNG, so the image checks see a true PNG signature."""
    rows = []
    for y in range(height):
        row = bytearray(b"\x00")
        for x in range(width):
            row += bytes((x * 4 % 256, y * 7 % 256, 160))
        rows.append(bytes(row))
    raw = b"".join(rows)

    def chunk(kind, data):
        return (struct.pack(">I", len(data)) + kind + data
                + struct.pack(">I", zlib.crc32(kind + data) & 0xFFFFFFFF))

    png = b"\x89PNG\r\n\x1a\n"
    png += chunk(b"IHDR", struct.pack(">IIBBBBB", width, height, 8, 2, 0, 0, 0))
    png += chunk(b"IDAT", zlib.compress(raw))
    png += chunk(b"IEND", b"")
    with open(path, "wb") as f:
        f.write(png)
    return png


class Fake:
    """rushes-fake-provider as a separate process, as a real server is."""

    def __init__(self, *extra):
        args = [FAKE, "--video", VIDEO, "--wiro-key", KEY, "--wiro-secret", SECRET, *extra]
        self.proc = subprocess.Popen(args, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)
        self.env = {}
        # One NAME=VALUE line per endpoint; the control URL comes last.
        while "RUSHES_FAKE_CONTROL_URL" not in self.env:
            line = self.proc.stdout.readline()
            if not line:
                raise RuntimeError("fake provider did not start: " + self.proc.stderr.read())
            name, _, value = line.strip().partition("=")
            self.env[name] = value
        self.control = self.env.pop("RUSHES_FAKE_CONTROL_URL")

    def fault(self, name):
        req = urllib.request.Request(self.control + "/fault", data=name.encode(), method="POST",
                                     headers={"Content-Type": "text/plain"})
        urllib.request.urlopen(req, timeout=5).read()

    def reset(self):
        req = urllib.request.Request(self.control + "/reset", data=b"", method="POST")
        urllib.request.urlopen(req, timeout=5).read()

    def requests(self):
        with urllib.request.urlopen(self.control + "/requests", timeout=5) as f:
            return json.load(f)

    def count(self, suffix):
        return sum(1 for r in self.requests() if r["path"].endswith(suffix))

    def last(self, suffix):
        matching = [r for r in self.requests() if r["path"].endswith(suffix)]
        return matching[-1] if matching else None

    def close(self):
        self.proc.terminate()
        try:
            self.proc.wait(timeout=5)
        except subprocess.TimeoutExpired:
            self.proc.kill()


class Home:
    """A user's private HOME and XDG folders, with the fake as the endpoint."""

    def __init__(self, fake, keys=True):
        self.dir = tempfile.mkdtemp(prefix="rushes-cli-test-")
        self.env = {k: v for k, v in os.environ.items() if not k.startswith("RUSHES_")}
        self.env.update({
            "HOME": self.dir,
            "XDG_DATA_HOME": os.path.join(self.dir, "data"),
            "XDG_CONFIG_HOME": os.path.join(self.dir, "config"),
            "XDG_CACHE_HOME": os.path.join(self.dir, "cache"),
            "RUSHES_POLL_INTERVAL": "0.05",
            "RUSHES_HTTP_TIMEOUT": "5",
            "LANG": "C.UTF-8",
        })
        self.env.update(fake.env)
        if keys:
            self.env["RUSHES_WIRO_API_KEY"] = KEY
            self.env["RUSHES_WIRO_API_SECRET"] = SECRET
        self.outputs = []

    def run(self, *args, stdin=None, env=None, timeout=TIMEOUT):
        full_env = dict(self.env)
        full_env.update(env or {})
        proc = subprocess.run([CLI, *args], input=stdin, capture_output=True, text=True,
                              env=full_env, timeout=timeout)
        self.outputs.append(proc.stdout + proc.stderr)
        return proc

    def library(self):
        return os.path.join(self.dir, "data", "rushes", "library")

    def task_json(self, task_id):
        with open(os.path.join(self.library(), task_id, "task.json"), encoding="utf-8") as f:
            return json.load(f)

    def close(self):
        for text in self.outputs:
            assert KEY not in text and SECRET not in text, "a key was printed"
        shutil.rmtree(self.dir, ignore_errors=True)


def video_bytes():
    with open(VIDEO, "rb") as f:
        return f.read()


def check(condition, message):
    if not condition:
        raise AssertionError(message)


def expect(proc, code):
    check(proc.returncode == code,
          f"exit {proc.returncode}, expected {code}\nstdout: {proc.stdout}\nstderr: {proc.stderr}")


# --- cases --------------------------------------------------------------------------------

def test_models(fake):
    home = Home(fake)
    try:
        proc = home.run("models")
        expect(proc, 0)
        check("wiro/openai/sora-2\n" in proc.stdout, proc.stdout)
        check("wiro/openai/sora-2-pro\n" in proc.stdout, proc.stdout)
        proc = home.run("models", "--json")
        expect(proc, 0)
        ids = [m["id"] for m in json.loads(proc.stdout)]
        check("wiro/openai/sora-2" in ids and "wiro/openai/sora-2-pro" in ids, ids)
        expect(home.run("models", "extra"), 2)
    finally:
        home.close()


def test_generate_success(fake):
    home = Home(fake)
    try:
        fake.reset()
        proc = home.run("generate", "--model", "wiro/openai/sora-2", "--prompt", "A red kite over dunes",
                        "--duration", "8", "--aspect-ratio", "9:16", "--resolution", "720p")
        expect(proc, 0)
        task_id = proc.stdout.strip()
        check(re.fullmatch(r"\S+", task_id), f"stdout is not one task id: {proc.stdout!r}")

        run = fake.last("/Run/openai/sora-2")
        check(run is not None, "no Run request")
        fields = run["fields"]
        check(fields.get("seconds") == "8", fields)
        check(fields.get("ratio") == "9:16", fields)
        check(fields.get("resolution") == "720p", fields)
        check(fields.get("prompt") == "A red kite over dunes", fields)
        check(fake.count("/Run/openai/sora-2") == 1, "more than one submit")

        record = json.loads(home.run("show", task_id, "--json").stdout)
        check(record["state"] == "succeeded", record)
        check(record["remote_id"], record)
        # The fake bills totalcost "0.140000000000", a string, as Wiro does.
        check(isinstance(record["cost_usd"], (int, float)) and abs(record["cost_usd"] - 0.14) < 1e-9, record)
        check(record["params"]["duration"] in (8, "8"), record["params"])
        with open(record["video"], "rb") as f:
            check(f.read() == video_bytes(), "the MP4 in the library differs from the one served")
        check(not os.path.exists(record["video"] + ".part"), "a .part file was left behind")
    finally:
        home.close()


def test_generate_json_record(fake):
    home = Home(fake)
    try:
        proc = home.run("generate", "--model", "wiro/openai/sora-2", "--prompt", "Waves", "--json")
        expect(proc, 0)
        record = json.loads(proc.stdout)
        for field in ("id", "model", "provider", "state", "prompt", "params", "remote_id", "created_at",
                      "finished_at", "progress", "cost_usd", "video", "error"):
            check(field in record, f"record lacks {field}: {record}")
        for field in ("aspect_ratio", "duration", "resolution", "image"):
            check(field in record["params"], f"params lack {field}: {record['params']}")
        check(record["model"] == "wiro/openai/sora-2" and record["provider"] == "wiro", record)
        check(record["error"] is None and record["state"] == "succeeded", record)
    finally:
        home.close()


def test_local_image_file_part(fake):
    home = Home(fake)
    try:
        fake.reset()
        image = os.path.join(home.dir, "start.png")
        png = make_png(image)
        proc = home.run("generate", "--model", "wiro/openai/sora-2-pro", "--prompt", "She turns around",
                        "--image", image, "--resolution", "1080p")
        expect(proc, 0)
        part = fake.last("/Run/openai/sora-2-pro")["fields"].get("inputImage")
        check(isinstance(part, dict), f"inputImage is not a file part: {part!r}")
        check(part["size"] == len(png), part)
        check(part.get("sha256") in (None, hashlib.sha256(png).hexdigest()), part)
    finally:
        home.close()


def test_image_url(fake):
    home = Home(fake)
    try:
        fake.reset()
        proc = home.run("generate", "--model", "wiro/openai/sora-2", "--prompt", "Zoom out",
                        "--image", "https://example.com/start.jpg", "--detach")
        expect(proc, 0)
        fields = fake.last("/Run/openai/sora-2")["fields"]
        check(fields.get("inputImage") == "https://example.com/start.jpg", fields)
    finally:
        home.close()


def test_invalid_input_sends_nothing(fake):
    home = Home(fake)
    try:
        fake.reset()
        proc = home.run("generate", "--model", "wiro/openai/sora-2", "--prompt", "x", "--duration", "5")
        expect(proc, 2)
        check(all(v in proc.stderr for v in ("4", "8", "12")), proc.stderr)
        expect(home.run("generate", "--model", "wiro/nope", "--prompt", "x"), 2)
        expect(home.run("generate", "--prompt", "x"), 2)
        expect(home.run("generate", "--model", "wiro/openai/sora-2", "--prompt", ""), 2)
        expect(home.run("generate", "--model", "wiro/openai/sora-2", "--prompt", "x",
                        "--resolution", "1080p"), 2)
        text = os.path.join(home.dir, "notes.png")
        with open(text, "w") as f:
            f.write("not an image")
        proc = home.run("generate", "--model", "wiro/openai/sora-2", "--prompt", "x", "--image", text)
        expect(proc, 2)
        expect(home.run("generate", "--model", "wiro/openai/sora-2", "--prompt", "x",
                        "--image", os.path.join(home.dir, "missing.png")), 2)
        expect(home.run("frobnicate"), 2)
        check(fake.count("/Run/openai/sora-2") == 0, "a request was sent for invalid input")
        check(not os.path.isdir(home.library()) or not os.listdir(home.library()),
              "invalid input left a task behind")
    finally:
        home.close()


def test_generation_failed(fake):
    home = Home(fake)
    try:
        fake.fault("pexit-1")
        proc = home.run("generate", "--model", "wiro/openai/sora-2", "--prompt", "Fail please", "--json")
        expect(proc, 1)
        record = json.loads(proc.stdout)
        check(record["state"] == "failed", record)
        check(record["error"] and record["error"]["message"], record)
        check(record["error"]["message"] in proc.stderr, proc.stderr)
        check(record["video"] is None, record)
    finally:
        home.close()


def test_detach_then_cancel(_fast_fake):
    # Slow task states, so the task is still going when we act on it.
    fake = Fake("--step-ms", "400")
    home = Home(fake)
    try:
        proc = home.run("generate", "--model", "wiro/openai/sora-2", "--prompt", "Slow one", "--detach")
        expect(proc, 0)
        task_id = proc.stdout.strip()
        check(home.task_json(task_id).get("remote_id") or "remote_id" in json.dumps(home.task_json(task_id)),
              "remote id not stored at detach")
        proc = home.run("cancel", task_id)
        expect(proc, 0)
        check(fake.count("/Task/Cancel") + fake.count("/Task/Kill") == 1, "no Cancel or Kill sent")
        record = json.loads(home.run("show", task_id, "--json").stdout)
        check(record["state"] == "cancelled", record)
        expect(home.run("cancel", task_id), 2)
        expect(home.run("wait", task_id), 1)
    finally:
        home.close()
        fake.close()


def test_kill_then_wait_resumes(_fast_fake):
    # Slow task states, so the task is still going when we act on it.
    fake = Fake("--step-ms", "400")
    home = Home(fake)
    try:
        proc = subprocess.Popen([CLI, "generate", "--model", "wiro/openai/sora-2", "--prompt", "Resume me"],
                                env=home.env, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)
        deadline = time.monotonic() + 20
        task_id = None
        while time.monotonic() < deadline and task_id is None:
            if os.path.isdir(home.library()):
                for name in os.listdir(home.library()):
                    try:
                        data = home.task_json(name)
                    except (OSError, ValueError):
                        continue
                    if data.get("remote_id") and data.get("state") in ("queued", "running"):
                        task_id = name
            time.sleep(0.02)
        check(task_id is not None, "the task never reached queued/running")
        proc.send_signal(signal.SIGKILL)
        proc.communicate()

        proc = home.run("wait")
        expect(proc, 0)
        check(task_id in proc.stdout, proc.stdout)
        check(fake.count("/Run/openai/sora-2") == 1, "the task was submitted twice")
        record = json.loads(home.run("show", task_id, "--json").stdout)
        check(record["state"] == "succeeded" and os.path.exists(record["video"]), record)
        proc = home.run("wait")
        expect(proc, 0)
    finally:
        home.close()
        fake.close()


def test_auth_problems(fake):
    home = Home(fake)
    try:
        fake.fault("submit-401")
        proc = home.run("generate", "--model", "wiro/openai/sora-2", "--prompt", "x")
        expect(proc, 3)
        fake.fault("submit-error-97")
        proc = home.run("generate", "--model", "wiro/openai/sora-2", "--prompt", "x")
        expect(proc, 3)
        check("balance" in proc.stderr.lower(), proc.stderr)
        fake.reset()
        proc = home.run("generate", "--model", "wiro/openai/sora-2", "--prompt", "x",
                        env={"RUSHES_WIRO_API_KEY": "", "RUSHES_WIRO_API_SECRET": ""})
        expect(proc, 3)
        check("keys set wiro" in proc.stderr, proc.stderr)
        check(fake.count("/Run/openai/sora-2") == 0, "sent without a key")
    finally:
        home.close()


def test_unreachable_and_uncertain(fake):
    home = Home(fake)
    try:
        proc = home.run("generate", "--model", "wiro/openai/sora-2", "--prompt", "x",
                        env={"RUSHES_WIRO_BASE_URL": "http://127.0.0.1:9/v1",
                             "RUSHES_WIRO_SOCKET_URL": "ws://127.0.0.1:9/socket"})
        expect(proc, 4)

        fake.reset()
        fake.fault("submit-no-answer")
        proc = home.run("generate", "--model", "wiro/openai/sora-2", "--prompt", "Lost answer", "--json",
                        env={"RUSHES_HTTP_TIMEOUT": "1"})
        expect(proc, 4)
        record = json.loads(proc.stdout)
        check(record["state"] == "uncertain", record)
        check(fake.count("/Run/openai/sora-2") == 1, "the submit was re-sent")
        expect(home.run("wait", record["id"]), 4)
        check(fake.count("/Run/openai/sora-2") == 1, "wait re-sent an uncertain submit")
    finally:
        home.close()


def test_list_show_export(fake):
    home = Home(fake)
    try:
        proc = home.run("list")
        expect(proc, 0)
        first = home.run("generate", "--model", "wiro/openai/sora-2", "--prompt", "Lighthouse at dusk")
        second = home.run("generate", "--model", "wiro/openai/sora-2-pro", "--prompt", "Fox in snow")
        expect(first, 0)
        expect(second, 0)
        first_id, second_id = first.stdout.strip(), second.stdout.strip()

        proc = home.run("list")
        expect(proc, 0)
        lines = proc.stdout.strip().splitlines()
        check(len(lines) == 2 and lines[0].startswith(second_id) and lines[1].startswith(first_id),
              "list is not newest first:\n" + proc.stdout)
        records = json.loads(home.run("list", "--json").stdout)
        check([r["id"] for r in records] == [second_id, first_id], records)
        found = json.loads(home.run("list", "--json", "--search", "lighthouse").stdout)
        check([r["id"] for r in found] == [first_id], found)

        proc = home.run("show", first_id)
        expect(proc, 0)
        check("Lighthouse at dusk" in proc.stdout and "succeeded" in proc.stdout, proc.stdout)
        expect(home.run("show", "no-such-task"), 2)
        expect(home.run("show"), 2)

        out_dir = os.path.join(home.dir, "exports")
        os.mkdir(out_dir)
        proc = home.run("export", first_id, out_dir)
        expect(proc, 0)
        exported = proc.stdout.strip()
        with open(exported, "rb") as f:
            check(f.read() == video_bytes(), "exported file differs")
        target = os.path.join(home.dir, "clip.mp4")
        expect(home.run("export", second_id, target), 0)
        check(os.path.getsize(target) == len(video_bytes()), "export to a file name failed")
        expect(home.run("export", second_id, target), 2)
    finally:
        home.close()


def test_keys_status_never_prints_keys(fake):
    home = Home(fake)
    try:
        proc = home.run("keys", "status", "wiro")
        expect(proc, 0)
        check("RUSHES_WIRO_API_KEY" in proc.stdout, proc.stdout)
        expect(home.run("keys", "status", "nosuch"), 2)
        expect(home.run("keys", "bogus", "wiro"), 2)
        expect(home.run("keys", "set", "wiro", stdin=""), 2)
    finally:
        home.close()


def test_keys_in_keyring(fake):
    """keys set/status/clear against the real gnome-keyring started by main()."""
    home = Home(fake, keys=False)
    try:
        proc = home.run("keys", "set", "wiro", stdin=f"{KEY}\n{SECRET}\n")
        expect(proc, 0)
        proc = home.run("keys", "status", "wiro")
        expect(proc, 0)
        check("stored in the keyring" in proc.stdout, proc.stdout)
        proc = home.run("generate", "--model", "wiro/openai/sora-2", "--prompt", "From the keyring")
        expect(proc, 0)
        expect(home.run("keys", "clear", "wiro"), 0)
        proc = home.run("keys", "status", "wiro")
        check("not set" in proc.stdout, proc.stdout)
        expect(home.run("generate", "--model", "wiro/openai/sora-2", "--prompt", "x"), 3)
    finally:
        home.close()


def start_keyring(folder):
    """An unlocked gnome-keyring on this test's private D-Bus session.

    Started before any test, so that no lookup makes D-Bus autostart a
    locked one (which would wait for a password prompt, and print to our
    stdout). It ends with the session.
    """
    env = {k: v for k, v in os.environ.items()
           if k not in ("G_DEBUG", "GSETTINGS_BACKEND", "DISPLAY", "WAYLAND_DISPLAY")}
    env.update(HOME=folder, XDG_DATA_HOME=os.path.join(folder, "data"),
               XDG_RUNTIME_DIR=os.path.join(folder, "runtime"))
    os.makedirs(env["XDG_RUNTIME_DIR"], mode=0o700)
    subprocess.run(["gnome-keyring-daemon", "--replace", "--unlock", "--components=secrets"],
                   input=b"test-password", stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL,
                   env=env, check=True, timeout=30)
    time.sleep(0.5)


def main():
    keyring_home = tempfile.mkdtemp(prefix="rushes-keyring-")
    start_keyring(keyring_home)
    fake = Fake("--step-ms", "20")
    only = os.environ.get("CHECK_CLI_ONLY")
    tests = [(name, func) for name, func in globals().items()
             if name.startswith("test_") and (not only or name == only)]
    print(f"1..{len(tests)}", flush=True)
    failed = 0
    try:
        for number, (name, func) in enumerate(tests, 1):
            try:
                func(fake)
                print(f"ok {number} {name}", flush=True)
            except Exception:
                failed += 1
                print(f"not ok {number} {name}", flush=True)
                for line in traceback.format_exc().splitlines():
                    print(f"# {line}", flush=True)
            fake.reset()
    finally:
        fake.close()
        shutil.rmtree(keyring_home, ignore_errors=True)
    return 1 if failed else 0


if __name__ == "__main__":
    sys.exit(main())
