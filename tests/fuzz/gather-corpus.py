#!/usr/bin/env python3
# SPDX-License-Identifier: GPL-3.0-or-later
"""Writes the seed corpora of the fuzz targets (tests/fuzz/corpus/<target>/).

    gather-corpus.py BUILD_DIR [--seeds DIR]

BUILD_DIR is a normal build (build-aux/dev test makes _build). From its
rushes-fake-provider, over loopback with curl: answers through every
state of a task and every fault the fake offers, and its live schemas
(Wiro's Tool/List and Tool/Detail, WaveSpeed's /models and prices); from
its WebSocket, the socket frames. From real runs of its rushes-cli (the
Sandbox and the fake, in isolated XDG folders): task records and the
live listings it caches; then the settings a video exported from each of
those tasks carries, and reels of their clips. The catalog files come
from data/models. --seeds DIR adds the JSON examples of the provider
documents the project started from (protocols.md's seeds/). Files are
named after what they are; a file whose contents are already in the
corpus is not written again. Run it by hand when a protocol or a format
changes, and commit what it adds.
"""

import base64
import glob
import hashlib
import json
import os
import re
import shutil
import socket
import struct
import subprocess
import sys
import tempfile
import time

HERE = os.path.dirname(os.path.abspath(__file__))
SOURCE = os.path.dirname(os.path.dirname(HERE))
CORPUS = os.path.join(HERE, "corpus")
# The seed's token: fuzz-wiro-socket reads frames as this task's.
SEED_TOKEN = "eDcCm5yyUfIvMFspTwww49OUfgXkQt"

written = {}


def save(target, name, data):
    if isinstance(data, str):
        data = data.encode("utf-8")
    if not data:
        return
    folder = os.path.join(CORPUS, target)
    os.makedirs(folder, exist_ok=True)
    digest = hashlib.sha1(data).hexdigest()
    known = written.setdefault(target, set())
    if not known:
        for path in glob.glob(os.path.join(folder, "*")):
            with open(path, "rb") as f:
                known.add(hashlib.sha1(f.read()).hexdigest())
    if digest in known:
        return
    known.add(digest)
    name = re.sub(r"[^A-Za-z0-9._-]+", "-", name).strip("-")
    path = os.path.join(folder, name)
    if os.path.exists(path):
        path += "-" + digest[:8]
    with open(path, "wb") as f:
        f.write(data)


class Fake:
    def __init__(self, build, *extra):
        exe = os.path.join(build, "tests", "fake-provider", "rushes-fake-provider")
        video = os.path.join(build, "tests", "fake-provider", "fake-video.mp4")
        self.proc = subprocess.Popen([exe, "--video", video, *extra], stdout=subprocess.PIPE, text=True)
        self.env = {}
        while "RUSHES_FAKE_CONTROL_URL" not in self.env:
            line = self.proc.stdout.readline()
            if not line:
                raise RuntimeError("the fake provider did not start")
            name, _, value = line.strip().partition("=")
            self.env[name] = value
        self.control = self.env.pop("RUSHES_FAKE_CONTROL_URL")

    def fault(self, name):
        curl("POST", self.control + "/fault", data=name)

    def stop(self):
        self.proc.terminate()
        self.proc.wait()


def curl(method, url, data=None, headers=(), form=None):
    """The body of the answer, whatever its status (curl, as a user would)."""
    args = ["curl", "-s", "-X", method, url, "--max-time", "10"]
    for header in headers:
        args += ["-H", header]
    if data is not None:
        args += ["--data-binary", data]
    if form is not None:
        args += ["-F", form]
    return subprocess.run(args, stdout=subprocess.PIPE, check=False).stdout


def gather_wiro(build):
    fake = Fake(build, "--step-ms", "150")
    base = fake.env["RUSHES_WIRO_BASE_URL"]
    key = ["x-api-key: k", "Content-Type: application/json"]
    run_body = json.dumps({"prompt": "A red fox", "seconds": "4", "resolution": "720p", "ratio": "16:9"})

    def run(name, body=run_body, headers=key):
        answer = curl("POST", base + "/Run/openai/sora-2", body, headers)
        save("wiro-answer", "run-" + name, answer)
        return json.loads(answer) if answer.startswith(b"{") else {}

    def detail(token):
        return curl("POST", base + "/Task/Detail", json.dumps({"tasktoken": token}), key)

    def follow(token, name):
        seen = set()
        for _ in range(200):
            answer = detail(token)
            status = json.loads(answer)["tasklist"][0]["status"]
            if status not in seen:
                seen.add(status)
                save("wiro-answer", "detail-%s-%s" % (name, status), answer)
            if status in ("task_postprocess_end", "task_cancel"):
                break
            time.sleep(0.05)

    task = run("ok")
    follow(task["socketaccesstoken"], "ok")
    frames(fake, task["socketaccesstoken"], "ok")

    fake.fault("pexit-1")
    task = run("pexit-1")
    follow(task["socketaccesstoken"], "pexit-1")
    frames(fake, task["socketaccesstoken"], "pexit-1")

    task = run("to-cancel")
    save("wiro-answer", "cancel", curl("POST", base + "/Task/Cancel", json.dumps({"taskid": task["taskid"]}), key))
    save("wiro-answer", "cancel-again", curl("POST", base + "/Task/Cancel", json.dumps({"taskid": task["taskid"]}), key))
    task = run("to-kill")
    time.sleep(1.2)
    save("wiro-answer", "kill", curl("POST", base + "/Task/Kill", json.dumps({"tasktoken": task["socketaccesstoken"]}), key))

    fake.fault("socket-frames-variants")
    task = run("variants")
    frames(fake, task["socketaccesstoken"], "variants")

    save("wiro-answer", "detail-unknown", detail("nosuchtoken"))
    run("no-prompt", json.dumps({"seconds": "4"}))
    run("bad-seconds", json.dumps({"prompt": "x", "seconds": "5"}))
    run("not-json", "{", key)
    for fault in ("submit-401", "submit-error-97", "submit-error-96"):
        fake.fault(fault)
        run(fault)
    for fault in ("status-429", "status-500", "status-malformed"):
        fake.fault(fault)
        save("wiro-answer", "detail-" + fault, detail(task["socketaccesstoken"]))
    fake.stop()


def frames(fake, token, name):
    """The task socket's frames for @token, with a minimal WebSocket client."""
    url = fake.env["RUSHES_WIRO_SOCKET_URL"]
    host, port, path = re.match(r"ws://([^:/]+):(\d+)(/.*)", url).groups()
    sock = socket.create_connection((host, int(port)), timeout=10)
    nonce = base64.b64encode(os.urandom(16)).decode()
    sock.sendall(("GET %s HTTP/1.1\r\nHost: %s:%s\r\nUpgrade: websocket\r\nConnection: Upgrade\r\n"
                  "Sec-WebSocket-Key: %s\r\nSec-WebSocket-Version: 13\r\n\r\n" % (path, host, port, nonce)).encode())
    reader = sock.makefile("rb")
    while reader.readline() not in (b"\r\n", b""):
        pass

    payload = json.dumps({"type": "task_info", "tasktoken": token}).encode()
    mask = os.urandom(4)
    sock.sendall(bytes([0x81, 0x80 | len(payload)]) + mask + bytes(b ^ mask[i % 4] for i, b in enumerate(payload)))

    count = 0
    while True:
        head = reader.read(2)
        if len(head) < 2:
            break
        opcode, length = head[0] & 0x0F, head[1] & 0x7F
        if length == 126:
            length = struct.unpack(">H", reader.read(2))[0]
        elif length == 127:
            length = struct.unpack(">Q", reader.read(8))[0]
        data = reader.read(length)
        if opcode == 0x8:
            break
        if opcode != 0x1:
            continue
        text = data.decode("utf-8").replace(token, SEED_TOKEN)
        frame = json.loads(text)
        count += 1
        save("wiro-socket", "%s-%02d-%s" % (name, count, frame.get("type")), text)
        if frame.get("type") in ("task_postprocess_end", "task_cancel"):
            break
    sock.close()


def gather_envelope(build, provider):
    """WaveSpeed and APIXO: submit, every state of the task, every fault."""
    fake = Fake(build, "--step-ms", "150")
    target = provider + "-answer"
    bearer = ["Authorization: Bearer k", "Content-Type: application/json"]
    if provider == "wavespeed":
        base = fake.env["RUSHES_WAVESPEED_BASE_URL"]
        submit_url = base + "/google/veo3.1-fast/text-to-video"
        body = json.dumps({"prompt": "A red fox", "duration": 8, "aspect_ratio": "16:9"})
    else:
        base = fake.env["RUSHES_APIXO_BASE_URL"]
        submit_url = base + "/generateTask/sora-2"
        body = json.dumps({"request_type": "async", "provider": "auto",
                           "input": {"prompt": "A red fox", "mode": "text-to-video",
                                     "aspect_ratio": "landscape", "n_frames": "10"}})

    def submit(name, data=body, headers=bearer):
        answer = curl("POST", submit_url, data, headers)
        save(target, "submit-" + name, answer)
        try:
            data = json.loads(answer)["data"]
            return data.get("id") or data.get("taskId")
        except (ValueError, KeyError, TypeError, AttributeError):
            return None

    def status(task_id):
        if provider == "wavespeed":
            return curl("GET", base + "/predictions/%s/result" % task_id, headers=bearer)
        return curl("GET", base + "/statusTask/sora-2?taskId=%s" % task_id, headers=bearer)

    def follow(task_id, name):
        seen = set()
        for _ in range(200):
            answer = status(task_id)
            data = json.loads(answer)["data"]
            state = data.get("status") or data.get("state")
            if state not in seen:
                seen.add(state)
                save(target, "status-%s-%s" % (name, state), answer)
            if state not in ("created", "processing", "pending"):
                break
            time.sleep(0.05)

    follow(submit("ok"), "ok")
    faults = ["task-failed", "response-variants"]
    if provider == "wavespeed":
        faults += ["task-cancelled", "task-timeout"]
    for fault in faults:
        fake.fault(fault)
        follow(submit(fault), fault)
    if provider == "apixo":
        fake.fault("response-variants")
        fake.fault("task-failed")
        follow(submit("variants-failed"), "variants-failed")

    for fault in ("submit-402", "submit-error-in-200"):
        fake.fault(fault)
        submit(fault)
    submit("no-prompt", json.dumps({"input": {}} if provider == "apixo" else {}))
    submit("no-key", body, ["Content-Type: application/json"])
    task_id = submit("for-faults")
    for fault in ("status-429", "status-500", "status-malformed"):
        fake.fault(fault)
        save(target, "status-" + fault, status(task_id))
    save(target, "status-unknown", status("nosuchtask"))

    if provider == "wavespeed":
        with tempfile.NamedTemporaryFile(suffix=".png") as image:
            image.write(b"\x89PNG\r\n\x1a\n" + b"\0" * 64)
            image.flush()
            save(target, "upload", curl("POST", base + "/media/upload/binary", headers=["Authorization: Bearer k"],
                                        form="file=@" + image.name))
    fake.stop()


def gather_live(build):
    """Live schemas from the fake: Wiro's Tool/List pages and each tool's
    Tool/Detail, WaveSpeed's /models (whole, and each model alone) and its
    price quotes."""
    fake = Fake(build)
    wiro = fake.env["RUSHES_WIRO_BASE_URL"]
    wavespeed = fake.env["RUSHES_WAVESPEED_BASE_URL"]
    key = ["x-api-key: k", "Content-Type: application/json"]
    bearer = ["Authorization: Bearer k", "Content-Type: application/json"]

    listing = curl("POST", wiro + "/Tool/List", json.dumps({"start": 0, "limit": 20}), key)
    save("live-wiro", "tool-list", listing)
    save("live-wiro", "tool-list-page-2", curl("POST", wiro + "/Tool/List", json.dumps({"start": 3, "limit": 3}), key))
    for tool in json.loads(listing)["tool"]:
        detail = curl("POST", wiro + "/Tool/Detail",
                      json.dumps({"slugowner": tool["slugowner"], "slugproject": tool["slugproject"]}), key)
        save("live-wiro", "tool-detail-%s-%s" % (tool["slugowner"], tool["slugproject"]), detail)
    save("live-wiro", "tool-detail-unknown",
         curl("POST", wiro + "/Tool/Detail", json.dumps({"slugowner": "no", "slugproject": "such"}), key))

    models = curl("GET", wavespeed + "/models", headers=bearer)
    save("live-wavespeed", "models", models)
    for model in json.loads(models)["data"]:
        save("live-wavespeed", "model-" + model["model_id"],
             json.dumps({"code": 200, "message": "success", "data": [model]}, ensure_ascii=False))
        save("live-wavespeed", "price-" + model["model_id"],
             curl("POST", wavespeed + "/model/price", json.dumps({"model_id": model["model_id"], "inputs": {}}), bearer))
    fake.stop()


def gather_records(build):
    """task.json from real runs of rushes-cli: the Sandbox, and the fake."""
    cli = os.path.join(build, "src", "cli", "rushes-cli")
    home = tempfile.mkdtemp(prefix="rushes-corpus-")
    try:
        env = dict(os.environ)
        for name in ("XDG_DATA_HOME", "XDG_CONFIG_HOME", "XDG_CACHE_HOME", "XDG_STATE_HOME"):
            env[name] = os.path.join(home, name.lower())
        env["HOME"] = home
        env["GSETTINGS_BACKEND"] = "memory"
        env["GSETTINGS_SCHEMA_DIR"] = os.path.join(build, "data")
        image = os.path.join(home, "start.png")
        subprocess.run(["gst-launch-1.0", "-q", "videotestsrc", "num-buffers=1", "!",
                        "video/x-raw,width=64,height=36", "!", "pngenc", "!", "filesink", "location=" + image],
                       check=True)

        def generate(*args, extra_env=None):
            subprocess.run([cli, "generate", *args], env=dict(env, **(extra_env or {})),
                           stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL, timeout=120, check=False)

        generate("--model", "sandbox/preview", "--prompt", "x")
        generate("--model", "sandbox/preview", "--prompt", "A lighthouse at dusk", "--image", image,
                 "--aspect-ratio", "9:16")
        generate("--model", "sandbox/preview", "--prompt", "Waves", "--detach")

        fake = Fake(build, "--step-ms", "20")
        keys = dict(fake.env, RUSHES_WAVESPEED_API_KEY="k", RUSHES_APIXO_API_KEY="k",
                    RUSHES_WIRO_API_KEY="k", RUSHES_WIRO_API_SECRET="s", RUSHES_POLL_INTERVAL="0.1")
        # The live listings, refreshed and cached as a user's are.
        subprocess.run([cli, "models", "--refresh"], env=dict(env, **keys), stdout=subprocess.DEVNULL,
                       stderr=subprocess.DEVNULL, timeout=300, check=False)
        for cache in glob.glob(os.path.join(env["XDG_CACHE_HOME"], "rushes", "**", "*.json"), recursive=True):
            with open(cache, "rb") as f:
                save("live-cache", os.path.basename(cache), f.read())
        generate("--model", "wavespeed/google/veo3.1-fast", "--prompt", "A red fox", extra_env=keys)
        fake.fault("task-failed")
        generate("--model", "apixo/sora-2", "--prompt", "A red fox", extra_env=keys)
        generate("--model", "wiro/openai/sora-2", "--prompt", "A red fox", "--image", image, extra_env=keys)
        fake.fault("submit-drop")
        generate("--model", "wavespeed/google/veo3.1-fast", "--prompt", "Uncertain", extra_env=keys)
        fake.stop()

        for record in glob.glob(os.path.join(env["XDG_DATA_HOME"], "rushes", "library", "*", "task.json")):
            with open(record, "rb") as f:
                data = f.read()
            state = json.loads(data).get("state")
            model = json.loads(data).get("model", "").replace("/", "-")
            save("task-record", "%s-%s.json" % (model, state), data)
    finally:
        shutil.rmtree(home, ignore_errors=True)


def gather_settings():
    """The settings an exported video carries in its tags, as
    rushes_settings_to_string() writes them, for each task record."""
    for path in sorted(glob.glob(os.path.join(CORPUS, "task-record", "*"))):
        with open(path, "rb") as f:
            record = json.loads(f.read())
        settings = {"format": "rushes-settings", "version": 1, "model": record["model"],
                    "prompt": record.get("prompt") or "", "params": record["params"]}
        save("settings", os.path.basename(path),
             json.dumps(settings, separators=(",", ":"), ensure_ascii=False))


def gather_reels():
    """Reel files as rushes_reel_save() writes them (only the app makes
    reels), over the clips of the task records: one clip, cuts, crossfades,
    trims, a name in several scripts, an offset date."""
    ids = []
    for path in sorted(glob.glob(os.path.join(CORPUS, "task-record", "*"))):
        with open(path, "rb") as f:
            ids.append(json.loads(f.read())["id"])
    reels = {
        "one-clip": [{"task": ids[0], "transition": "cut"}],
        "cuts": [{"task": i, "transition": "cut"} for i in ids[:3]],
        "crossfades": [{"task": ids[0], "in_us": 500000, "out_us": 3500000, "transition": "crossfade",
                        "transition_us": 500000},
                       {"task": ids[1], "transition": "crossfade", "transition_us": 1000000},
                       {"task": ids[2], "out_us": 2000000, "transition": "cut"}],
        "same-clip-twice": [{"task": ids[0], "in_us": 0, "out_us": 1000000, "transition": "cut"},
                            {"task": ids[0], "in_us": 2000000, "transition": "cut"}],
        "empty": [],
    }
    for n, (name, entries) in enumerate(sorted(reels.items())):
        reel = {"format": "rushes-reel", "version": 1, "id": "20261206-1400%02d-%s" % (n, name),
                "name": "Première bobine — 最初のリール" if name == "crossfades" else name.replace("-", " ").title(),
                "created": "2026-12-06T14:00:00.123456Z",
                "modified": "2026-12-06T15:30:00+01:00" if name == "cuts" else "2026-12-06T14:05:00Z",
                "entries": entries}
        save("reel", name + ".json", json.dumps(reel, indent=2, separators=(",", " : "), ensure_ascii=False))


def gather_catalog():
    for path in sorted(glob.glob(os.path.join(SOURCE, "data", "models", "*.json"))):
        with open(path, "rb") as f:
            data = f.read()
        save("catalog", os.path.basename(path), data)
        # One file per model too: small inputs mutate faster.
        for model in json.loads(data)["models"]:
            save("catalog", "model-" + model["id"] + ".json",
                 json.dumps({"format": 1, "models": [model]}, indent=2, ensure_ascii=False))


def gather_seeds(folder):
    """The JSON blocks of the provider documents, as printed (the Wiro page's
    categories string is not valid JSON: Rushes mends it)."""
    for path in sorted(glob.glob(os.path.join(folder, "*.txt"))):
        with open(path, encoding="utf-8") as f:
            lines = f.read().splitlines()
        text = "\n".join(lines)
        number = os.path.basename(path).split("_")[0]
        blocks = []
        i = 0
        while i < len(lines):
            if lines[i].strip() in ("{", "["):
                depth, block = 0, []
                for line in lines[i:]:
                    block.append(line)
                    depth += line.count("{") + line.count("[") - line.count("}") - line.count("]")
                    if depth <= 0:
                        break
                blocks.append("\n".join(block))
                i += len(block)
            else:
                i += 1
        for n, block in enumerate(blocks):
            if "taskid" in block or "tasklist" in block or '"errors"' in block:
                save("wiro-answer", "seed-%s-%d" % (number, n), block)
            elif "taskId" in block or "resultJson" in block:
                save("apixo-answer", "seed-%s-%d" % (number, n), block)
            elif '"code"' in block or '"outputs"' in block:
                save("wavespeed-answer", "seed-%s-%d" % (number, n), block)
        # The socket frames the Wiro pages describe.
        if number == "000":
            for frame in re.findall(r'\{"type":\s*"task_[a-z_]+".*?\}(?=\s*$)', text, re.MULTILINE):
                save("wiro-socket", "seed-%s" % hashlib.sha1(frame.encode()).hexdigest()[:8], frame)


def main():
    args = sys.argv[1:]
    if not args or args[0].startswith("-"):
        print(__doc__, file=sys.stderr)
        return 2
    build = os.path.abspath(args[0])
    seeds = args[args.index("--seeds") + 1] if "--seeds" in args else None

    gather_catalog()
    gather_wiro(build)
    gather_live(build)
    gather_envelope(build, "wavespeed")
    gather_envelope(build, "apixo")
    gather_records(build)
    gather_settings()
    gather_reels()
    if seeds:
        gather_seeds(seeds)
    for target in sorted(written):
        print("%s: %d files" % (target, len(glob.glob(os.path.join(CORPUS, target, "*")))))
    return 0


if __name__ == "__main__":
    sys.exit(main())
