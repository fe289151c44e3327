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
WAVESPEED_KEY = "wsp_test_key_e41d07"
APIXO_KEY = "apx_test_key_5b9c3a"
# Sanitizer builds run several times slower: every time limit below is
# multiplied by RUSHES_TEST_TIMEOUT_SCALE (tests/meson.build sets it).
TIMEOUT_SCALE = float(os.environ.get("RUSHES_TEST_TIMEOUT_SCALE") or "1")


def scaled(seconds):
    return seconds * TIMEOUT_SCALE


TIMEOUT = scaled(60)


def wait_until(condition, what, seconds=20):
    """Polls condition() every 20 ms and returns its first true answer;
    fails naming what after a deadline the timeout scale stretches."""
    deadline = time.monotonic() + scaled(seconds)
    while True:
        answer = condition()
        if answer:
            return answer
        if time.monotonic() >= deadline:
            raise AssertionError(f"timed out after {scaled(seconds):g} s waiting until {what}")
        time.sleep(0.02)


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
        args = [FAKE, "--video", VIDEO, "--wiro-key", KEY, "--wiro-secret", SECRET,
                "--wavespeed-key", WAVESPEED_KEY, "--apixo-key", APIXO_KEY, *extra]
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
        urllib.request.urlopen(req, timeout=scaled(5)).read()

    def reset(self):
        req = urllib.request.Request(self.control + "/reset", data=b"", method="POST")
        urllib.request.urlopen(req, timeout=scaled(5)).read()

    def requests(self):
        with urllib.request.urlopen(self.control + "/requests", timeout=scaled(5)) as f:
            return json.load(f)

    def count(self, suffix):
        return sum(1 for r in self.requests() if r["path"].endswith(suffix))

    def last(self, suffix):
        matching = [r for r in self.requests() if r["path"].endswith(suffix)]
        return matching[-1] if matching else None

    def paths(self):
        return [r["path"] for r in self.requests()]

    def close(self):
        self.proc.terminate()
        try:
            self.proc.wait(timeout=scaled(5))
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
            "RUSHES_HTTP_TIMEOUT": f"{scaled(5):g}",
            "LANG": "C.UTF-8",
            # Settings (budgets) kept from one command to the next, in
            # this HOME: $XDG_CONFIG_HOME/glib-2.0/settings/keyfile.
            "GSETTINGS_BACKEND": "keyfile",
        })
        self.env.update(fake.env)
        if keys:
            self.env["RUSHES_WIRO_API_KEY"] = KEY
            self.env["RUSHES_WIRO_API_SECRET"] = SECRET
            self.env["RUSHES_WAVESPEED_API_KEY"] = WAVESPEED_KEY
            self.env["RUSHES_APIXO_API_KEY"] = APIXO_KEY
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
            for secret in (KEY, SECRET, WAVESPEED_KEY, APIXO_KEY):
                assert secret not in text, "a key was printed"
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
        # Without --model the default model is used, and checked the same way.
        expect(home.run("generate", "--prompt", "x", "--duration", "5"), 2)
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

        def following():
            if not os.path.isdir(home.library()):
                return None
            for name in os.listdir(home.library()):
                try:
                    data = home.task_json(name)
                except (OSError, ValueError):
                    continue
                if data.get("remote_id") and data.get("state") in ("queued", "running"):
                    return name
            return None

        task_id = wait_until(following, "the task is queued or running, its remote id saved")
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
        check(exported == os.path.join(out_dir, first_id + ".mp4"), exported)
        # The app's exporter writes it: the same streams, tagged with the
        # prompt and the model as the app's Export tags them.
        check(discover(exported)[:2] == (320, 180), discover(exported))
        check(abs(discover(exported)[2] - 2.2) < 0.3, discover(exported))
        tags = discover_tags(exported)
        check(tags.get("title") == "Lighthouse at dusk" and tags.get("comment") == "wiro/openai/sora-2", tags)
        target = os.path.join(home.dir, "clip.mp4")
        expect(home.run("export", second_id, target), 0)
        check(discover_tags(target).get("comment") == "wiro/openai/sora-2-pro", "export to a file name failed")
        proc = home.run("export", second_id, target)
        expect(proc, 2)
        check("exists already" in proc.stderr, proc.stderr)
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


# --- WaveSpeed, APIXO, Sandbox (issue 4) -------------------------------------------------

WS_SORA2 = "/wavespeed/api/v3/openai/sora-2"
WS_UPLOAD = "/wavespeed/api/v3/media/upload/binary"
WS_TICKET = "/wavespeed/api/v3/media/uploads"
APIXO_SORA2 = "/apixo/api/v1/generateTask/sora-2"


def read_video(record):
    check(record["video"] and os.path.exists(record["video"]), record)
    with open(record["video"], "rb") as f:
        return f.read()


def test_wavespeed_sora2(fake):
    home = Home(fake)
    try:
        fake.reset()
        proc = home.run("generate", "--model", "wavespeed/openai/sora-2", "--prompt", "A red kite over dunes",
                        "--aspect-ratio", "16:9", "--json")
        expect(proc, 0)
        record = json.loads(proc.stdout)
        check(record["state"] == "succeeded" and record["provider"] == "wavespeed", record)
        check(read_video(record) == video_bytes(), "the MP4 in the library is not outputs[0]")

        submit = fake.last(WS_SORA2)
        check(submit["content_type"] == "application/json", submit)
        check(submit["headers"].get("authorization") == "Bearer " + WAVESPEED_KEY, "no Bearer key")
        check(submit["fields"] == {"prompt": "A red kite over dunes", "aspect_ratio": "16:9"}, submit["fields"])
        check(fake.count(WS_SORA2) == 1, "more than one submit")
        check(fake.count(WS_UPLOAD) == 0 and fake.count(WS_TICKET) == 0, "uploaded without an image")
        check(fake.count("/result") >= 1, "the result was never read")

        # A local start image is uploaded first, in two steps (announced,
        # then PUT to the signed URL with no key); its URL travels as "image".
        fake.reset()
        image = os.path.join(home.dir, "start.png")
        png = make_png(image)
        proc = home.run("generate", "--model", "wavespeed/openai/sora-2", "--prompt", "She turns around",
                        "--image", image)
        expect(proc, 0)
        paths = fake.paths()
        puts = [p for p in paths if p.startswith("/storage/")]
        check(paths.index(WS_TICKET) < paths.index(puts[0]) < paths.index(WS_SORA2), paths)
        check(fake.count(WS_UPLOAD) == 0, paths)
        ticket = fake.last(WS_TICKET)["fields"]
        check(ticket.get("size") == str(len(png)) and ticket.get("content_type") == "image/png", ticket)
        put = fake.last(puts[0])
        check("authorization" not in put["headers"], put["headers"])
        sent = fake.last(WS_SORA2)["fields"]
        check(re.fullmatch(r"http://127\.0\.0\.1:\d+/files/ws-media-\S+\.png", sent.get("image", "")), sent)
        check(set(sent) == {"prompt", "image", "aspect_ratio"} and sent["aspect_ratio"] == "9:16", sent)

        # A server without the two-step route takes the file as multipart.
        fake.reset()
        fake.fault("two-step-upload-gone")
        proc = home.run("generate", "--model", "wavespeed/openai/sora-2", "--prompt", "She turns around",
                        "--image", image)
        expect(proc, 0)
        part = fake.last(WS_UPLOAD)["fields"].get("file")
        check(isinstance(part, dict) and part["size"] == len(png), part)
        check(part["sha256"] == hashlib.sha256(png).hexdigest(), part)
        sent = fake.last(WS_SORA2)["fields"]
        check(re.fullmatch(r"http://127\.0\.0\.1:\d+/files/ws-upload-[0-9a-f]+\.png", sent.get("image", "")), sent)
    finally:
        home.close()


def test_wavespeed_sora_sizes(fake):
    home = Home(fake)
    try:
        fake.reset()
        proc = home.run("generate", "--model", "wavespeed/openai/sora", "--prompt", "A paper boat",
                        "--aspect-ratio", "1:1", "--resolution", "720p", "--detach")
        expect(proc, 0)
        check(fake.last("/wavespeed/api/v3/openai/sora")["fields"] == {"prompt": "A paper boat", "size": "720*720"},
              fake.last("/wavespeed/api/v3/openai/sora"))
        # The later routes: one per mode, durations as integers.
        proc = home.run("generate", "--model", "wavespeed/openai/sora-2-split", "--prompt", "Waves",
                        "--aspect-ratio", "16:9", "--duration", "12", "--detach")
        expect(proc, 0)
        fields = fake.last("/openai/sora-2/text-to-video")["fields"]
        check(fields == {"prompt": "Waves", "size": "1280*720", "duration": "12"}, fields)
    finally:
        home.close()


def test_wavespeed_failures(fake):
    home = Home(fake)
    try:
        fake.fault("task-failed")
        proc = home.run("generate", "--model", "wavespeed/openai/sora-2", "--prompt", "Flag me", "--json")
        expect(proc, 1)
        record = json.loads(proc.stdout)
        check(record["state"] == "failed" and "content moderation" in record["error"]["message"], record)
        check("code 1200" in proc.stderr, proc.stderr)

        fake.fault("task-timeout")
        proc = home.run("generate", "--model", "wavespeed/openai/sora-2", "--prompt", "Too slow")
        expect(proc, 1)
        check("timed out" in proc.stderr, proc.stderr)

        fake.fault("submit-401")
        proc = home.run("generate", "--model", "wavespeed/openai/sora-2", "--prompt", "x")
        expect(proc, 3)
        check("Check the key" in proc.stderr, proc.stderr)

        proc = home.run("generate", "--model", "wavespeed/openai/sora-2", "--prompt", "x",
                        env={"RUSHES_WAVESPEED_API_KEY": ""})
        expect(proc, 3)
        check("keys set wavespeed" in proc.stderr, proc.stderr)

        # No cancel exists at WaveSpeed: say so, send nothing, keep the task.
        proc = home.run("generate", "--model", "wavespeed/openai/sora-2", "--prompt", "Keep going", "--detach")
        expect(proc, 0)
        task_id = proc.stdout.strip()
        before = len(fake.requests())
        proc = home.run("cancel", task_id)
        expect(proc, 2)
        check("WaveSpeed offers no way to cancel" in proc.stderr, proc.stderr)
        check(len(fake.requests()) == before, "cancel sent a request")
        expect(home.run("wait", task_id), 0)
    finally:
        home.close()


def test_apixo_sora2(fake):
    home = Home(fake)
    try:
        fake.reset()
        proc = home.run("generate", "--model", "apixo/sora-2", "--prompt", "A city at night",
                        "--aspect-ratio", "9:16", "--json")
        expect(proc, 0)
        record = json.loads(proc.stdout)
        check(record["state"] == "succeeded" and record["provider"] == "apixo", record)
        check(read_video(record) == video_bytes(), "the MP4 in the library is not the one in resultJson")
        submit = fake.last(APIXO_SORA2)
        check(submit["headers"].get("authorization") == "Bearer " + APIXO_KEY, "no Bearer key")
        fields = submit["fields"]
        check(fields["request_type"] == "async" and fields["provider"] == "auto", fields)
        body_input = json.loads(fields["input"])
        check(body_input["mode"] == "text-to-video" and body_input["aspect_ratio"] == "portrait", body_input)
        check(body_input["prompt"] == "A city at night" and "image_urls" not in body_input, body_input)
        check(fake.count("/statusTask/sora-2") >= 1, "the status was never read")

        proc = home.run("generate", "--model", "apixo/sora-2", "--prompt", "The lights come on",
                        "--image", "https://example.com/start.png")
        expect(proc, 0)
        body_input = json.loads(fake.last(APIXO_SORA2)["fields"]["input"])
        check(body_input["mode"] == "image-to-video", body_input)
        check(body_input["image_urls"] == ["https://example.com/start.png"], body_input)
    finally:
        home.close()


def test_apixo_refusals(fake):
    home = Home(fake)
    try:
        fake.reset()
        image = os.path.join(home.dir, "start.png")
        make_png(image)
        proc = home.run("generate", "--model", "apixo/sora-2", "--prompt", "x", "--image", image)
        expect(proc, 2)
        check("APIXO takes image URLs only" in proc.stderr, proc.stderr)
        check(fake.count("/generateTask/sora-2") == 0, "a local image was sent")
        check(not os.path.isdir(home.library()) or not os.listdir(home.library()), "a task was left behind")

        fake.fault("task-failed")
        proc = home.run("generate", "--model", "apixo/sora-2", "--prompt", "Not allowed", "--json")
        expect(proc, 1)
        check("Content violates usage policy" in proc.stderr and "CONTENT_VIOLATION" in proc.stderr, proc.stderr)
        record = json.loads(proc.stdout)
        check(record["state"] == "failed" and record["video"] is None, record)

        fake.fault("submit-402")
        proc = home.run("generate", "--model", "apixo/sora-2", "--prompt", "x")
        expect(proc, 3)
        check("balance" in proc.stderr, proc.stderr)

        fake.fault("submit-error-in-200")
        proc = home.run("generate", "--model", "apixo/sora-2", "--prompt", "x")
        expect(proc, 1)
        check("Missing required field" in proc.stderr, proc.stderr)
    finally:
        home.close()


PROVIDER_RUNS = [
    ("wiro", ["--model", "wiro/openai/sora-2"], "/Run/openai/sora-2"),
    ("wavespeed", ["--model", "wavespeed/openai/sora-2"], WS_SORA2),
    ("apixo", ["--model", "apixo/sora-2"], APIXO_SORA2),
]


def test_fault_tolerance_every_provider(fake):
    home = Home(fake)
    try:
        for provider, model, submit in PROVIDER_RUNS:
            # A 429 on the first status read: backed off, then finished.
            fake.reset()
            fake.fault("status-429")
            proc = home.run("generate", *model, "--prompt", "Patience")
            expect(proc, 0)
            check(fake.count(submit) == 1, f"{provider}: submit re-sent after a 429")

            # A download cut half way: resumed from where it stopped.
            fake.reset()
            fake.fault("download-drop")
            proc = home.run("generate", *model, "--prompt", "Half way", "--json")
            expect(proc, 0)
            check(read_video(json.loads(proc.stdout)) == video_bytes(), f"{provider}: resumed download differs")
            gets = [r for r in fake.requests() if "/files/" in r["path"] and r["method"] == "GET"]
            check(len(gets) == 2 and gets[1]["headers"].get("range", "").startswith("bytes="),
                  f"{provider}: not resumed with a Range: {gets}")

            # A submit that never answers: uncertain, and never sent again.
            fake.reset()
            fake.fault("submit-no-answer")
            proc = home.run("generate", *model, "--prompt", "Lost answer", "--json", env={"RUSHES_HTTP_TIMEOUT": "1"})
            expect(proc, 4)
            record = json.loads(proc.stdout)
            check(record["state"] == "uncertain", f"{provider}: {record}")
            check("not sent again" in proc.stderr, proc.stderr)
            expect(home.run("wait", record["id"]), 4)
            check(fake.count(submit) == 1, f"{provider}: an uncertain submit was re-sent")
    finally:
        home.close()


def test_new_generation_options(fake):
    home = Home(fake)
    try:
        fake.reset()
        proc = home.run("generate", "--model", "wavespeed/google/veo3.1-fast", "--prompt", "A lighthouse",
                        "--no-audio", "--negative-prompt", "blur", "--seed", "42", "--duration", "6", "--detach")
        expect(proc, 0)
        fields = fake.last("/google/veo3.1-fast/text-to-video")["fields"]
        check(fields.get("generate_audio") == "false" and fields.get("negative_prompt") == "blur", fields)
        check(fields.get("seed") == "42" and fields.get("duration") == "6", fields)

        start = os.path.join(home.dir, "start.png")
        end = os.path.join(home.dir, "end.png")
        make_png(start)
        make_png(end, width=32)
        proc = home.run("generate", "--model", "wavespeed/google/veo3.1-fast", "--prompt", "The door opens",
                        "--image", start, "--end-image", end, "--audio", "--detach")
        expect(proc, 0)
        check(fake.count(WS_TICKET) == 2, "start and end image were not both uploaded")
        fields = fake.last("/google/veo3.1-fast/image-to-video")["fields"]
        check(fields.get("image") != fields.get("last_image") and fields.get("generate_audio") == "true", fields)

        proc = home.run("generate", "--model", "apixo/veo-3-1", "--prompt", "A hummingbird",
                        "--set", "quality=fast", "--detach")
        expect(proc, 0)
        check(json.loads(fake.last("/generateTask/veo-3-1")["fields"]["input"])["mode"] == "fast", "quality not sent")

        # Only where a model has them.
        fake.reset()
        for extra, message in ((["--seed", "3"], "offers no seed setting"),
                               (["--end-image", end], "offers no end image setting"),
                               (["--negative-prompt", "x"], "offers no negative prompt setting"),
                               (["--audio"], "offers no audio setting"),
                               (["--set", "quality=fast"], "offers no “quality” setting")):
            proc = home.run("generate", "--model", "wiro/openai/sora-2", "--prompt", "x", *extra)
            expect(proc, 2)
            check(message in proc.stderr, proc.stderr)
        expect(home.run("generate", "--model", "wavespeed/google/veo3.1-fast", "--prompt", "x", "--audio",
                        "--no-audio"), 2)
        expect(home.run("generate", "--model", "wavespeed/google/veo3.1-fast", "--prompt", "x", "--seed", "many"), 2)
        expect(home.run("generate", "--model", "wavespeed/google/veo3.1-fast", "--prompt", "x", "--set", "quality"), 2)
        # Hailuo makes 10 s clips at 768p only.
        proc = home.run("generate", "--model", "apixo/hailuo-2-3", "--prompt", "x", "--duration", "10",
                        "--resolution", "1080p")
        expect(proc, 2)
        check("10 s clips at 768p" in proc.stderr, proc.stderr)
        check(len(fake.requests()) == 0, "a refused generation sent something")
    finally:
        home.close()


def test_estimate(fake):
    home = Home(fake)
    try:
        fake.reset()
        proc = home.run("generate", "--model", "wavespeed/google/veo3.1-fast", "--prompt", "x", "--no-audio",
                        "--estimate")
        expect(proc, 0)
        check("$0.80" in proc.stdout and "Nothing was sent" in proc.stderr, proc.stdout + proc.stderr)
        proc = home.run("generate", "--model", "apixo/sora-2", "--prompt", "x", "--duration", "15", "--estimate",
                        "--json")
        expect(proc, 0)
        estimate = json.loads(proc.stdout)
        check(abs(estimate["estimate_usd"] - 0.75) < 1e-9 and estimate["model"] == "apixo/sora-2", estimate)
        proc = home.run("generate", "--model", "wavespeed/kwaivgi/kling-v3.0-pro", "--prompt", "x", "--estimate")
        expect(proc, 0)
        check("No price is known" in proc.stdout, proc.stdout)
        # Invalid settings are still refused.
        expect(home.run("generate", "--model", "apixo/sora-2", "--prompt", "x", "--duration", "12", "--estimate"), 2)
        check(len(fake.requests()) == 0, "an estimate sent something")
        check(not os.path.isdir(home.library()) or not os.listdir(home.library()), "an estimate created a task")
    finally:
        home.close()


def discover(path):
    """Width, height, duration in seconds and whether there is audio, as gst-discoverer-1.0 reads them."""
    out = subprocess.run(["gst-discoverer-1.0", path], capture_output=True, text=True,
                         timeout=scaled(60)).stdout
    width = re.search(r"Width: (\d+)", out)
    height = re.search(r"Height: (\d+)", out)
    duration = re.search(r"Duration: (\d+):(\d+):([\d.]+)", out)
    check(width and height and duration, out)
    seconds = int(duration[1]) * 3600 + int(duration[2]) * 60 + float(duration[3])
    return int(width[1]), int(height[1]), seconds, "audio #" in out


def discover_tags(path):
    """The container's tags, as gst-discoverer-1.0 -v prints them."""
    out = subprocess.run(["gst-discoverer-1.0", "-v", path], capture_output=True, text=True,
                         timeout=scaled(60)).stdout
    tags = {}
    for line in out.splitlines():
        match = re.match(r"\s+(title|comment): (.*)$", line)
        if match:
            tags.setdefault(match[1], match[2])
    return tags


def test_sandbox_offline(fake):
    # No keys and no network: every endpoint is a closed port.
    home = Home(fake, keys=False)
    try:
        offline = {"RUSHES_WIRO_BASE_URL": "http://127.0.0.1:9/v1", "RUSHES_WIRO_SOCKET_URL": "ws://127.0.0.1:9/s",
                   "RUSHES_WAVESPEED_BASE_URL": "http://127.0.0.1:9/v3", "RUSHES_APIXO_BASE_URL": "http://127.0.0.1:9/v1"}
        fake.reset()
        proc = home.run("generate", "--model", "sandbox/preview", "--prompt", "A lighthouse at dusk",
                        "--aspect-ratio", "9:16", "--resolution", "720p", "--duration", "4", "--json", env=offline)
        expect(proc, 0)
        record = json.loads(proc.stdout)
        check(record["state"] == "succeeded" and record["cost_usd"] == 0, record)
        width, height, seconds, audio = discover(record["video"])
        check((width, height) == (720, 1280), (width, height))
        check(abs(seconds - 4) < 0.25, seconds)
        check(audio, "the preview has no audio track")
        # The render became the task's video; nothing else was left in its folder.
        left = [n for n in os.listdir(os.path.dirname(record["video"])) if n not in ("task.json", "video.mp4", ".lock", ".record-lock")]
        check(not left, left)
        check(len(fake.requests()) == 0, "the Sandbox talked to a provider")

        # With no key it is the default model, and plainly not AI.
        proc = home.run("generate", "--prompt", "x", "--estimate", env=offline)
        expect(proc, 0)
        check("Offline preview (not AI)" in proc.stderr + proc.stdout and "$0.00" in proc.stdout, proc.stdout)
        proc = home.run("models", env=offline)
        check("sandbox/preview" in proc.stdout and "not AI" in proc.stdout, proc.stdout)
        expect(home.run("keys", "set", "sandbox", stdin="x\n"), 2)
        proc = home.run("keys", "status")
        check("Sandbox" not in proc.stdout and "WaveSpeed" in proc.stdout and "APIXO" in proc.stdout, proc.stdout)
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
                   env=env, check=True, timeout=scaled(30))
    wait_until(secret_service_unlocked, "the keyring serves an unlocked default collection")


def gdbus_call(*args):
    proc = subprocess.run(["gdbus", "call", "--session", *args], capture_output=True, text=True,
                          timeout=scaled(10))
    return proc.stdout if proc.returncode == 0 else ""


def secret_service_unlocked():
    """The keyring owns the Secret Service name (asked without starting
    one), and its default collection is there and unlocked."""
    owned = gdbus_call("--dest", "org.freedesktop.DBus", "--object-path", "/org/freedesktop/DBus",
                       "--method", "org.freedesktop.DBus.NameHasOwner", "org.freedesktop.secrets")
    if "true" not in owned:
        return False
    alias = re.search(r"objectpath '([^']+)'",
                      gdbus_call("--dest", "org.freedesktop.secrets", "--object-path", "/org/freedesktop/secrets",
                                 "--method", "org.freedesktop.Secret.Service.ReadAlias", "default"))
    if not alias or alias[1] == "/":
        return False
    locked = gdbus_call("--dest", "org.freedesktop.secrets", "--object-path", alias[1],
                        "--method", "org.freedesktop.DBus.Properties.Get",
                        "org.freedesktop.Secret.Collection", "Locked")
    return "false" in locked


# --- money ---------------------------------------------------------------------------------

def test_balance(_fast_fake):
    fake = Fake("--wavespeed-balance", "42.50", "--apixo-balance", "74.87")
    home = Home(fake)
    try:
        proc = home.run("balance", "--json")
        expect(proc, 0)
        rows = {row["provider"]: row for row in json.loads(proc.stdout)}
        check(set(rows) == {"wiro", "wavespeed", "apixo"}, rows)
        check(rows["wavespeed"]["balance_usd"] == 42.5 and rows["wavespeed"]["note"] is None, rows)
        check(rows["apixo"]["balance_usd"] == 74.87 and rows["apixo"]["note"] is None, rows)
        check(rows["wiro"]["balance_usd"] is None and rows["wiro"]["note"] == "not reported by Wiro", rows)
        proc = home.run("balance")
        expect(proc, 0)
        check("$42.50" in proc.stdout and "$74.87" in proc.stdout and "not reported by Wiro" in proc.stdout,
              proc.stdout)

        # A refused key or garbage is a note in its row, never a failure.
        for faults in (("wavespeed-balance-401", "apixo-balance-garbage"),
                       ("wavespeed-balance-garbage", "apixo-balance-401")):
            for name in faults:
                fake.fault(name)
            proc = home.run("balance", "--json")
            expect(proc, 0)
            rows = {row["provider"]: row for row in json.loads(proc.stdout)}
            for provider in ("wavespeed", "apixo"):
                check(rows[provider]["balance_usd"] is None and rows[provider]["note"], rows)

        # Only providers with a key have a row.
        proc = home.run("balance", "--json", env={"RUSHES_WIRO_API_KEY": "", "RUSHES_APIXO_API_KEY": ""})
        expect(proc, 0)
        check([row["provider"] for row in json.loads(proc.stdout)] == ["wavespeed"], proc.stdout)
    finally:
        home.close()
        fake.close()


def test_spend(_fast_fake):
    fake = Fake("--wiro-cost", "0.00351", "--step-ms", "20")
    home = Home(fake)
    try:
        proc = home.run("spend", "--json")
        expect(proc, 0)
        check(json.loads(proc.stdout)["total_usd"] == 0, proc.stdout)
        for prompt in ("One", "Two"):
            expect(home.run("generate", "--model", "wiro/openai/sora-2", "--prompt", prompt), 0)
        expect(home.run("generate", "--model", "sandbox/preview", "--prompt", "Free", "--duration", "4"), 0)

        report = json.loads(home.run("spend", "--json").stdout)
        check(abs(report["total_usd"] - 0.00702) < 1e-9 and report["runs"] == 2, report)
        check(report["estimated"] is False, report)
        providers = {row["provider"]: row for row in report["by_provider"]}
        check(set(providers) == {"wiro"}, providers)
        check(abs(providers["wiro"]["total_usd"] - 0.00702) < 1e-9 and providers["wiro"]["runs"] == 2, providers)
        check([row["model"] for row in report["by_model"]] == ["wiro/openai/sora-2"], report)
        today = time.strftime("%Y-%m-%d")
        check([row["date"] for row in report["by_day"]] == [today], report)

        later = json.loads(home.run("spend", "--json", "--since", "2999-01-01").stdout)
        check(later["total_usd"] == 0 and later["runs"] == 0, later)
        expect(home.run("spend", "--since", "yesterday"), 2)
        proc = home.run("spend")
        expect(proc, 0)
        check("$0.01 spent on 2 runs" in proc.stdout and "Wiro" in proc.stdout, proc.stdout)
    finally:
        home.close()
        fake.close()


def test_budget(fake):
    home = Home(fake)
    try:
        proc = home.run("budget")
        expect(proc, 0)
        check("none" in proc.stdout, proc.stdout)
        expect(home.run("budget", "set", "--daily", "1"), 0)
        check("$1.00" in home.run("budget", "show").stdout, "the daily budget was not kept")
        expect(home.run("budget", "set", "--daily", "-3"), 2)

        # $1.20 against a daily budget of $1: refused, named, nothing sent.
        fake.reset()
        args = ("generate", "--model", "wavespeed/google/veo3.1-fast", "--prompt", "Over budget")
        proc = home.run(*args)
        expect(proc, 2)
        check("daily budget of $1.00" in proc.stderr and "$1.20" in proc.stderr, proc.stderr)
        check(fake.count("/google/veo3.1-fast/text-to-video") == 0, "a run over budget was sent")
        check(not os.path.isdir(home.library()) or not os.listdir(home.library()), "a task was created")

        # On purpose, it goes.
        proc = home.run(*args, "--allow-over-budget")
        expect(proc, 0)
        check(fake.count("/google/veo3.1-fast/text-to-video") == 1, "--allow-over-budget sent nothing")

        # The run counts: a small one now passes the day's budget too.
        proc = home.run("generate", "--model", "wavespeed/google/veo3.1-fast", "--prompt", "Small",
                        "--no-audio")
        expect(proc, 2)
        check("$1.20 spent today" in proc.stderr, proc.stderr)

        expect(home.run("budget", "set", "--daily", "0", "--per-run", "0.50"), 0)
        proc = home.run("generate", "--model", "wavespeed/google/veo3.1-fast", "--prompt", "Per run",
                        "--no-audio", "--estimate")
        expect(proc, 0)
        proc = home.run("generate", "--model", "wavespeed/google/veo3.1-fast", "--prompt", "Per run",
                        "--no-audio")
        expect(proc, 2)
        check("per-run maximum of $0.50" in proc.stderr, proc.stderr)

        expect(home.run("budget", "clear"), 0)
        check(home.run("budget").stdout.count("none") == 3, "budget clear left a limit")
        proc = home.run("generate", "--model", "wavespeed/google/veo3.1-fast", "--prompt", "Cleared",
                        "--no-audio")
        expect(proc, 0)
    finally:
        home.close()


# --- takes and shots ---------------------------------------------------------------------

VEO_FAST_T2V = "/google/veo3.1-fast/text-to-video"


def test_takes(fake):
    home = Home(fake)
    try:
        args = ("generate", "--model", "wavespeed/google/veo3.1-fast", "--prompt", "A dancer on a roof",
                "--variations", "3", "--no-audio")
        proc = home.run(*args, "--estimate")
        expect(proc, 0)
        check("About $2.40 for 3 takes in all." in proc.stdout, proc.stdout)
        estimate = json.loads(home.run(*args, "--estimate", "--json").stdout)
        check(abs(estimate["estimate_usd"] - 2.40) < 1e-9 and len(estimate["takes"]) == 3, estimate)

        # Three submits with three different whole-number seeds (the fake
        # checks the schema's integer type); three records, one shot.
        fake.reset()
        proc = home.run(*args, "--json")
        expect(proc, 0)
        records = json.loads(proc.stdout)
        check(isinstance(records, list) and len(records) == 3, records)
        check(all(r["state"] == "succeeded" for r in records), records)
        check(len({r["shot"] for r in records}) == 1, [r["shot"] for r in records])
        check(fake.count(VEO_FAST_T2V) == 3, fake.count(VEO_FAST_T2V))
        seeds = [r["fields"].get("seed") for r in fake.requests() if r["path"].endswith(VEO_FAST_T2V)]
        check(len(set(seeds)) == 3 and all(re.fullmatch(r"-?\d+", str(x)) for x in seeds), seeds)
        check(sorted(str(r["params"]["seed"]) for r in records) == sorted(str(x) for x in seeds),
              "the records do not hold the seeds sent")

        # Two models: one submit each, one shot.
        fake.reset()
        proc = home.run("generate", "--model", "wavespeed/google/veo3.1-fast", "--model", "wiro/openai/sora-2",
                        "--prompt", "Two takes", "--json")
        expect(proc, 0)
        records = json.loads(proc.stdout)
        check([r["model"] for r in records] == ["wavespeed/google/veo3.1-fast", "wiro/openai/sora-2"], records)
        check(len({r["shot"] for r in records}) == 1, records)
        check(fake.count(VEO_FAST_T2V) == 1 and fake.count("/Run/openai/sora-2") == 1, fake.paths())

        base = args[:-3]
        expect(home.run(*base, "--variations", "9"), 2)
        proc = home.run("generate", "--model", "wavespeed/google/veo3.1-fast", "--model", "wiro/openai/sora-2",
                        "--prompt", "x", "--variations", "5", "--estimate")
        expect(proc, 2)
        check("1 to 8 takes" in proc.stderr, proc.stderr)

        # A failed take stops no other; the exit code is the first failure's.
        fake.reset()
        fake.fault("task-failed")
        proc = home.run(*base, "--variations", "2", "--no-audio", "--json")
        check(proc.returncode == 1, proc.returncode)
        records = json.loads(proc.stdout)
        check(sorted(r["state"] for r in records) == ["failed", "succeeded"], records)
    finally:
        home.close()


def test_like(fake):
    home = Home(fake)
    try:
        first = json.loads(home.run("generate", "--model", "wavespeed/google/veo3.1-fast", "--prompt", "Original",
                                    "--aspect-ratio", "9:16", "--duration", "6", "--no-audio", "--seed", "77",
                                    "--json").stdout)
        check(first["state"] == "succeeded", first)

        # The same model and settings, a new prompt, a new seed.
        fake.reset()
        proc = home.run("generate", "--like", first["id"][:12], "--prompt", "New", "--json")
        expect(proc, 0)
        again = json.loads(proc.stdout)
        check(again["model"] == first["model"] and again["prompt"] == "New", again)
        for name in ("aspect_ratio", "duration", "audio"):
            check(str(again["params"][name]) == str(first["params"][name]), (name, again["params"], first["params"]))
        check(str(again["params"]["seed"]) != "77", again["params"])
        submit = fake.last(VEO_FAST_T2V)["fields"]
        check(submit["aspect_ratio"] == "9:16" and submit["duration"] == "6" and submit["prompt"] == "New", submit)

        proc = home.run("generate", "--like", first["id"], "--keep-seed", "--json")
        expect(proc, 0)
        check(str(json.loads(proc.stdout)["params"]["seed"]) == "77", proc.stdout)

        # Settings read back from an exported file's tags.
        out = os.path.join(home.dir, "out.mp4")
        expect(home.run("export", first["id"], out), 0)
        out_tags = subprocess.run(["gst-discoverer-1.0", "-v", out], capture_output=True, text=True,
                                  timeout=TIMEOUT).stdout
        check('"rushes-settings"' in out_tags and "Original" in out_tags, out_tags)
        fake.reset()
        proc = home.run("generate", "--like", out, "--json")
        expect(proc, 0)
        from_file = json.loads(proc.stdout)
        check(from_file["model"] == first["model"] and from_file["prompt"] == "Original", from_file)
        check(str(from_file["params"]["duration"]) == "6", from_file["params"])

        # A video without Rushes' tags says so.
        proc = home.run("generate", "--like", VIDEO)
        expect(proc, 2)
        check("no Rushes settings" in proc.stderr, proc.stderr)
        expect(home.run("generate", "--like", "no-such-task"), 2)
    finally:
        home.close()


# --- two processes on one library ---------------------------------------------------------

STATE_RANK = {"draft": 0, "submitting": 1, "uncertain": 2, "queued": 3, "running": 3, "downloading": 3,
              "succeeded": 4, "failed": 4, "cancelled": 4}


class RecordWatcher:
    """Reads one task.json as often as it can while processes race on it:
    a record must never go back, nor lose its remote id once it has one."""

    def __init__(self, path):
        import threading
        self.path = path
        self.problems = []
        self.seen = []
        self.stop = False
        self.thread = threading.Thread(target=self._watch, daemon=True)
        self.thread.start()

    def _watch(self):
        rank = -1
        remote_id = None
        while not self.stop:
            try:
                with open(self.path, encoding="utf-8") as f:
                    record = json.load(f)
            except (OSError, ValueError):
                time.sleep(0.001)
                continue
            state = record.get("state")
            if not self.seen or self.seen[-1] != state:
                self.seen.append(state)
            if STATE_RANK.get(state, -1) < rank:
                self.problems.append(f"went back to {state}: {self.seen}")
            rank = max(rank, STATE_RANK.get(state, -1))
            if remote_id and record.get("remote_id") != remote_id:
                self.problems.append(f"remote id {remote_id} became {record.get('remote_id')}")
            remote_id = remote_id or record.get("remote_id")
            time.sleep(0.001)

    def finish(self):
        self.stop = True
        self.thread.join()
        return self.problems


def make_draft(home, template_id, state="draft"):
    """A task left as a draft (a crash between creating it and sending it),
    written from a real record."""
    record = home.task_json(template_id)
    task_id = time.strftime("%Y%m%d-%H%M%S-", time.gmtime()) + "%04x" % (len(os.listdir(home.library())) % 0x10000)
    while os.path.exists(os.path.join(home.library(), task_id)):
        task_id = task_id[:-4] + "%04x" % ((int(task_id[-4:], 16) + 1) % 0x10000)
    record.update({"id": task_id, "state": state, "remote_id": None, "remote_token": None,
                   "finished_at": None, "progress": None, "cost_usd": None, "video": None,
                   "error": None, "revision": 0})
    folder = os.path.join(home.library(), task_id)
    os.mkdir(folder, 0o700)
    with open(os.path.join(folder, "task.json"), "w", encoding="utf-8") as f:
        json.dump(record, f)
    return task_id


def test_two_waits_race_on_one_draft(fake):
    # Two "wait ID" a moment apart on one draft, fifty times: one submit
    # each time, and no record ever goes back.
    home = Home(fake)
    try:
        template = home.run("generate", "--model", "wiro/openai/sora-2", "--prompt", "Template")
        expect(template, 0)
        template_id = template.stdout.strip()
        for round_number in range(50):
            fake.reset()
            task_id = make_draft(home, template_id)
            watcher = RecordWatcher(os.path.join(home.library(), task_id, "task.json"))
            procs = [subprocess.Popen([CLI, "wait", task_id], env=home.env, stdout=subprocess.PIPE,
                                      stderr=subprocess.PIPE, text=True) for _ in range(2)]
            results = [p.communicate(timeout=TIMEOUT) for p in procs]
            problems = watcher.finish()
            for p, (out, err) in zip(procs, results):
                check(p.returncode == 0, f"round {round_number}: exit {p.returncode}: {err}")
            check(fake.count("/Run/openai/sora-2") == 1,
                  f"round {round_number}: {fake.count('/Run/openai/sora-2')} submits")
            check(not problems, f"round {round_number}: {problems}")
            record = home.task_json(task_id)
            check(record["state"] == "succeeded" and record["remote_id"], record)
    finally:
        home.close()


def test_detach_and_wait_race(fake):
    # "generate --detach" and a "wait" for every unfinished task started a
    # moment later, over a library slow to load: one submit, and the
    # remote id is never lost.
    home = Home(fake)
    try:
        template = home.run("generate", "--model", "wiro/openai/sora-2", "--prompt", "Template")
        expect(template, 0)
        template_id = template.stdout.strip()
        for _ in range(1500):
            make_draft(home, template_id, state="failed")
        for round_number in range(10):
            fake.reset()
            before = set(os.listdir(home.library()))
            generate = subprocess.Popen([CLI, "generate", "--detach", "--model", "wiro/openai/sora-2",
                                         "--prompt", f"Round {round_number}"], env=home.env,
                                        stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)
            deadline = time.monotonic() + TIMEOUT
            new = set()
            while not new and time.monotonic() < deadline:
                new = set(os.listdir(home.library())) - before
            check(new, "generate made no task")
            task_id = new.pop()
            watcher = RecordWatcher(os.path.join(home.library(), task_id, "task.json"))
            wait = subprocess.Popen([CLI, "wait"], env=home.env, stdout=subprocess.PIPE,
                                    stderr=subprocess.PIPE, text=True)
            out, err = generate.communicate(timeout=TIMEOUT)
            check(generate.returncode == 0, f"round {round_number}: generate: {err}")
            wait_out, wait_err = wait.communicate(timeout=TIMEOUT)
            check(wait.returncode == 0, f"round {round_number}: wait exit {wait.returncode}: {wait_err}")
            final = home.run("wait", task_id)
            expect(final, 0)
            problems = watcher.finish()
            check(fake.count("/Run/openai/sora-2") == 1,
                  f"round {round_number}: {fake.count('/Run/openai/sora-2')} submits")
            check(not problems, f"round {round_number}: {problems}")
            record = home.task_json(task_id)
            check(record["state"] == "succeeded" and record["remote_id"], record)
    finally:
        home.close()


# --- Live model catalogs (issue 12) -------------------------------------------------------

TURBO = "wiro/klingai/kling-v2-5-turbo"
TURBO_RUN = "/Run/klingai/kling-v2-5-turbo"


def offline_env():
    """Every provider a closed port away."""
    return {"RUSHES_WIRO_BASE_URL": "http://127.0.0.1:9/v1", "RUSHES_WIRO_SOCKET_URL": "ws://127.0.0.1:9/s",
            "RUSHES_WAVESPEED_BASE_URL": "http://127.0.0.1:9/v3", "RUSHES_APIXO_BASE_URL": "http://127.0.0.1:9/v1"}


def test_live_models(fake):
    home = Home(fake)
    try:
        # Known only from Wiro's live listing: not there before a refresh.
        proc = home.run("models", "--json")
        expect(proc, 0)
        check(TURBO not in [m["id"] for m in json.loads(proc.stdout)], "a live model before any refresh")

        fake.reset()
        proc = home.run("models", "--refresh", "--json")
        expect(proc, 0)
        check("Wiro: 9 models listed" in proc.stderr and "WaveSpeed: 8 models listed" in proc.stderr, proc.stderr)
        check(os.path.exists(os.path.join(home.dir, "cache", "rushes", "models", "wiro.json")), "no cache")
        models = {m["id"]: m for m in json.loads(proc.stdout)}
        turbo = models[TURBO]
        check(turbo["live"] and turbo["available"] and turbo["fetched_at"], turbo)
        controls = turbo["controls"]
        check(controls["mode"]["kind"] == "choice" and controls["mode"]["generic"], controls["mode"])
        check(controls["mode"]["values"] == ["std", "pro"] and controls["mode"]["default"] == "pro", controls["mode"])
        check(controls["mode"]["value_labels"] == {"std": "Standard", "pro": "Professional"}, controls["mode"])
        check(controls["scale"]["kind"] == "number" and controls["scale"]["label"] == "CFG Scale", controls["scale"])
        check(controls["scale"]["min"] == 0 and controls["scale"]["max"] == 1, controls["scale"])
        check(abs(controls["scale"]["step"] - 0.05) < 1e-9, controls["scale"])
        check(controls["duration"]["values"] == [5, 10] and not controls["duration"]["generic"], controls["duration"])
        check(controls["end_image"]["description"] == "pro mode only.", controls["end_image"])
        check(abs(turbo["price_estimate_usd"] - 0.35) < 1e-9 and turbo["price_from_price_list"], turbo)
        # Built in and live, merged: the built-in name, the live settings.
        veo = models["wiro/google/veo3-1"]
        check(veo["name"] == "Veo 3.1" and veo["live"], veo)
        # A listed model without a schema: there, with the reason.
        fast = models["wavespeed/bytedance/seedance-v1.5-pro/image-to-video-fast"]
        check(not fast["available"] and "no request schema" in fast["unavailable_reason"], fast)
        proc = home.run("models")
        expect(proc, 0)
        check(TURBO + "\n    Kling V2.5 Turbo (Wiro, live)" in proc.stdout, proc.stdout)
        check("unavailable     WaveSpeed publishes no request schema for it" in proc.stdout, proc.stdout)

        # The schema's own wire names and types, checked by the fake
        # against the schema it serves.
        fake.reset()
        proc = home.run("generate", "--model", TURBO, "--prompt", "A fox in the snow", "--duration", "10",
                        "--aspect-ratio", "9:16", "--set", "mode=std", "--set", "scale=0.7", "--json")
        expect(proc, 0)
        record = json.loads(proc.stdout)
        check(record["state"] == "succeeded", record)
        fields = fake.last(TURBO_RUN)["fields"]
        check(fields == {"mode": "std", "prompt": "A fox in the snow", "duration": "10", "ratio": "9:16",
                         "scale": "0.7"}, fields)
        check(abs(record["cost_usd"] - 0.42) < 1e-9, record)

        # A local start image goes the way Wiro takes files: a file part.
        fake.reset()
        image = os.path.join(home.dir, "start.png")
        png = make_png(image)
        proc = home.run("generate", "--model", TURBO, "--prompt", "She turns", "--image", image, "--detach")
        expect(proc, 0)
        part = fake.last(TURBO_RUN)["fields"].get("inputImage")
        check(isinstance(part, dict) and part["sha256"] == hashlib.sha256(png).hexdigest(), part)

        # The estimate is Wiro's own price list, and says so; nothing is sent.
        fake.reset()
        proc = home.run("generate", "--model", TURBO, "--prompt", "x", "--set", "mode=std", "--duration", "10",
                        "--estimate")
        expect(proc, 0)
        check("$0.42" in proc.stdout and "live price list" in proc.stdout, proc.stdout)
        proc = home.run("generate", "--model", TURBO, "--prompt", "x", "--estimate", "--json")
        expect(proc, 0)
        estimate = json.loads(proc.stdout)
        check(estimate["live"] and estimate["source"] == "price-list" and abs(estimate["estimate_usd"] - 0.35) < 1e-9,
              estimate)
        # WaveSpeed prices a live model itself, for the body that would go.
        proc = home.run("generate", "--model", "wavespeed/google/veo3.1", "--prompt", "x", "--duration", "6",
                        "--no-audio", "--estimate")
        expect(proc, 0)
        check("$1.20" in proc.stdout and "live quote from WaveSpeed" in proc.stdout, proc.stdout)
        price = fake.last("/model/price")["fields"]
        check(price["model_id"] == "google/veo3.1/text-to-video", price)
        check(json.loads(price["inputs"])["duration"] == 6 and json.loads(price["inputs"])["generate_audio"] is False,
              price)
        check(fake.count("/Run/") == 0 and fake.count("/predictions") == 0, "an estimate sent a run")

        # A value the live schema does not offer: refused, named, nothing sent.
        fake.reset()
        proc = home.run("generate", "--model", TURBO, "--prompt", "x", "--duration", "7")
        expect(proc, 2)
        check("choose 5 or 10 s" in proc.stderr, proc.stderr)
        proc = home.run("generate", "--model", TURBO, "--prompt", "x", "--set", "mode=ultra")
        expect(proc, 2)
        check("choose std or pro" in proc.stderr, proc.stderr)
        proc = home.run("generate", "--model", "wavespeed/bytedance/seedance-v1.5-pro/image-to-video-fast",
                        "--prompt", "x", "--image", image)
        expect(proc, 2)
        check("cannot be used" in proc.stderr, proc.stderr)
        check(len(fake.requests()) == 0, "a refused generation sent something")

        # A budget counts a run at its live quote: $0.20 × 8 s with sound
        # is over a per-run maximum of $1.
        expect(home.run("budget", "set", "--per-run", "1"), 0)
        proc = home.run("generate", "--model", "wavespeed/google/veo3.1", "--prompt", "x")
        expect(proc, 2)
        check("per-run maximum of $1.00" in proc.stderr and "$3.20" in proc.stderr, proc.stderr)
        check(fake.count("/google/veo3.1/text-to-video") == 0, "a run over budget was sent")
        expect(home.run("budget", "clear"), 0)

        # The server gone: the cached live models are still there, and priced.
        proc = home.run("models", "--json", env=offline_env())
        expect(proc, 0)
        check(TURBO in [m["id"] for m in json.loads(proc.stdout)], "the cached live model is gone offline")
        proc = home.run("generate", "--model", TURBO, "--prompt", "x", "--estimate", env=offline_env())
        expect(proc, 0)
        check("$0.35" in proc.stdout, proc.stdout)
        proc = home.run("generate", "--model", "wavespeed/google/veo3.1", "--prompt", "x", "--estimate",
                        env=offline_env())
        expect(proc, 0)
        check("$0.80" in proc.stdout and "estimate" in proc.stdout, proc.stdout)
    finally:
        home.close()


def test_live_refresh_failures(fake):
    home = Home(fake)
    try:
        expect(home.run("models", "--refresh"), 0)
        cache = os.path.join(home.dir, "cache", "rushes", "models", "wiro.json")
        with open(cache, "rb") as f:
            kept = f.read()

        # Unreachable: exit 4, the old cache stays, and says why.
        proc = home.run("models", "--refresh", env=offline_env())
        expect(proc, 4)
        check("were not refreshed" in proc.stderr and TURBO in proc.stdout, proc.stdout + proc.stderr)
        # Refused keys: exit 3.
        proc = home.run("models", "--refresh", env={"RUSHES_WIRO_API_SECRET": "wrong",
                                                     "RUSHES_WAVESPEED_API_KEY": "wrong"})
        expect(proc, 3)
        # No key at all for a provider with a listing: exit 3, nothing asked.
        fake.reset()
        nokeys = Home(fake, keys=False)
        try:
            expect(nokeys.run("models", "--refresh"), 3)
            check(len(fake.requests()) == 0, fake.paths())
        finally:
            nokeys.close()
        with open(cache, "rb") as f:
            check(f.read() == kept, "a failed refresh changed the cache")

        # One provider read is enough.
        proc = home.run("models", "--refresh", env={"RUSHES_WAVESPEED_API_KEY": "wrong"})
        expect(proc, 0)
        check("WaveSpeed's models were not refreshed" in proc.stderr, proc.stderr)
    finally:
        home.close()


def test_live_two_step_upload(fake):
    # A server whose multipart upload is gone: the local start image goes
    # in two steps, the PUT without any key.
    home = Home(fake)
    try:
        expect(home.run("models", "--refresh"), 0)
        fake.reset()
        fake.fault("multipart-upload-gone*100")
        image = os.path.join(home.dir, "start.png")
        png = make_png(image)
        proc = home.run("generate", "--model", "wavespeed/google/veo3.1", "--prompt", "She turns around",
                        "--image", image, "--json")
        expect(proc, 0)
        check(json.loads(proc.stdout)["state"] == "succeeded", proc.stdout)
        check(fake.count(WS_UPLOAD) == 0 and fake.count(WS_TICKET) == 1, fake.paths())
        puts = [r for r in fake.requests() if r["path"].startswith("/storage/")]
        check(len(puts) == 1 and puts[0]["method"] == "PUT", puts)
        check("authorization" not in puts[0]["headers"] and "x-fake-upload-token" in puts[0]["headers"], puts[0])
        sent = fake.last("/google/veo3.1/image-to-video")["fields"]
        check("/files/ws-media-" in sent["image"], sent)
        with urllib.request.urlopen(sent["image"], timeout=5) as f:
            check(f.read() == png, "the uploaded bytes differ")
        fake.reset()
    finally:
        home.close()


def cases(namespace):
    """The test_ functions of a module, in order; CHECK_CLI_ONLY=name runs one."""
    only = os.environ.get("CHECK_CLI_ONLY")
    return [(name, func) for name, func in namespace.items()
            if name.startswith("test_") and (not only or name == only)]


def run_tap(tests, argument, after_each=None):
    """Runs each case with argument, printing TAP; returns how many failed."""
    print(f"1..{len(tests)}", flush=True)
    failed = 0
    for number, (name, func) in enumerate(tests, 1):
        try:
            func(argument)
            print(f"ok {number} {name}", flush=True)
        except Exception:
            failed += 1
            print(f"not ok {number} {name}", flush=True)
            for line in traceback.format_exc().splitlines():
                print(f"# {line}", flush=True)
        if after_each is not None:
            after_each()
    return failed


def main():
    keyring_home = tempfile.mkdtemp(prefix="rushes-keyring-")
    start_keyring(keyring_home)
    fake = Fake("--step-ms", "20")
    try:
        failed = run_tap(cases(globals()), fake, fake.reset)
    finally:
        fake.close()
        shutil.rmtree(keyring_home, ignore_errors=True)
    return 1 if failed else 0


if __name__ == "__main__":
    sys.exit(main())
