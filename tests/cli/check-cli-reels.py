#!/usr/bin/env python3
# SPDX-License-Identifier: GPL-3.0-or-later
"""rushes-cli assemble and reel, end to end, on Sandbox clips rendered offline.

Three 4 s clips, 16:9, 9:16 and 1:1, put end to end into MP4 and WebM, handed
to editors as OpenTimelineIO and MLT (rendered by melt when it is installed),
and kept as reels the app shares. Prints TAP.
Usage: check-cli-reels.py RUSHES_CLI FAKE_PROVIDER FAKE_VIDEO
"""

import importlib.util
import json
import os
import shutil
import signal
import subprocess
import sys

_spec = importlib.util.spec_from_file_location("check_cli", os.path.join(os.path.dirname(__file__), "check-cli.py"))
cli = importlib.util.module_from_spec(_spec)
_spec.loader.exec_module(cli)
check, expect, discover, Home, Fake, scaled = cli.check, cli.expect, cli.discover, cli.Home, cli.Fake, cli.scaled

TOLERANCE = 0.3
ASPECTS = ("16:9", "9:16", "1:1")


class Library:
    """A Home with the three Sandbox clips, made once for every case."""

    def __init__(self, fake):
        self.home = Home(fake, keys=False)
        self.ids = []
        self.videos = []
        for aspect in ASPECTS:
            proc = self.home.run("generate", "--model", "sandbox/preview", "--prompt", f"Reel shot {aspect}",
                                 "--aspect-ratio", aspect, "--duration", "4", "--json")
            expect(proc, 0)
            record = json.loads(proc.stdout)
            self.ids.append(record["id"])
            self.videos.append(record["video"])

    def path(self, name):
        folder = os.path.join(self.home.dir, "out")
        os.makedirs(folder, exist_ok=True)
        return os.path.join(folder, name)

    def leftovers(self):
        """Files in the output folder that are not finished outputs: temporary renders."""
        folder = os.path.join(self.home.dir, "out")
        return [n for n in os.listdir(folder) if n.startswith(".")] if os.path.isdir(folder) else []

    def run(self, *args, **kwargs):
        return self.home.run(*args, timeout=scaled(300), **kwargs)


def assert_video(path, seconds, width=1280, height=720, sound=True):
    w, h, duration, audio = discover(path)
    check((w, h) == (width, height), f"{path}: {w}×{h}, expected {width}×{height}")
    check(abs(duration - seconds) <= TOLERANCE, f"{path}: {duration} s, expected {seconds} s")
    check(audio == sound, f"{path}: sound {audio}")


def test_assemble_mp4(lib):
    out = lib.path("reel.mp4")
    # Ids shortened to a unique start, as everywhere in rushes-cli
    short = [i[:-1] for i in lib.ids]
    proc = lib.run("assemble", *short, "-o", out)
    expect(proc, 0)
    check(proc.stdout.strip() == out, proc.stdout)
    check("x264enc" in proc.stderr or "openh264enc" in proc.stderr, f"no encoder named: {proc.stderr}")
    check("rendering" in proc.stderr, f"no progress: {proc.stderr}")
    # The first clip's 1280×720, the others boxed in it, one sound track
    assert_video(out, 12)
    check(not lib.leftovers(), lib.leftovers())


def test_assemble_crossfade(lib):
    out = lib.path("crossfade.mp4")
    proc = lib.run("assemble", *lib.ids, "-o", out, "--transition", "crossfade:0.5")
    expect(proc, 0)
    assert_video(out, 11)


def test_assemble_webm_size(lib):
    out = lib.path("small.webm")
    proc = lib.run("assemble", *lib.ids, "-o", out, "--size", "640x360")
    expect(proc, 0)
    check("vp9enc" in proc.stderr, proc.stderr)
    assert_video(out, 12, 640, 360)


def test_assemble_otio(lib):
    out = lib.path("reel.otio")
    expect(lib.run("assemble", *lib.ids, "-o", out), 0)
    with open(out, encoding="utf-8") as f:
        timeline = json.load(f)
    check(timeline["OTIO_SCHEMA"].startswith("Timeline."), timeline["OTIO_SCHEMA"])
    video = [t for t in timeline["tracks"]["children"] if t["kind"] == "Video"]
    check(len(video) == 1, "not one video track")
    clips = [c for c in video[0]["children"] if c["OTIO_SCHEMA"].startswith("Clip.")]
    check(len(clips) == 3, f"{len(clips)} clips")
    for clip, path in zip(clips, lib.videos):
        duration = clip["source_range"]["duration"]
        check(abs(duration["value"] / duration["rate"] - 4) <= 0.1, duration)
        reference = clip.get("media_reference") or clip["media_references"]["DEFAULT_MEDIA"]
        check(reference["target_url"] == "file://" + path, (reference["target_url"], path))


def test_assemble_mlt(lib):
    out = lib.path("reel.mlt")
    expect(lib.run("assemble", *lib.ids, "-o", out), 0)
    with open(out, encoding="utf-8") as f:
        xml = f.read()
    check(xml.lstrip().startswith("<?xml") and "<mlt" in xml, xml[:200])
    for path in lib.videos:
        check(path in xml, f"{path} is not in the project")
    if shutil.which("melt") is None:
        print("# melt is not installed: the MLT project is not rendered", flush=True)
        return
    rendered = lib.path("melt.mp4")
    proc = subprocess.run(["melt", out, "-consumer", "avformat:" + rendered], capture_output=True, text=True,
                          timeout=scaled(600), cwd=os.path.dirname(out))
    check(proc.returncode == 0, proc.stderr[-2000:])
    _, _, seconds, _ = discover(rendered)
    check(abs(seconds - 12) <= TOLERANCE, f"melt rendered {seconds} s")


def test_assemble_interrupted(lib):
    out = lib.path("interrupted.mp4")
    proc = subprocess.Popen([cli.CLI, "assemble", *lib.ids, "-o", out], env=lib.home.env,
                            stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)
    # Once rendering is under way
    cli.wait_until(lambda: any(n.startswith(".interrupted") for n in os.listdir(os.path.dirname(out))),
                   "the render has started", seconds=60)
    proc.send_signal(signal.SIGINT)
    _, err = proc.communicate(timeout=scaled(60))
    check(proc.returncode == 130, f"exit {proc.returncode}: {err}")
    check(not os.path.exists(out), "a half file was left")
    check(not lib.leftovers(), lib.leftovers())


def test_assemble_refusals(lib):
    out = lib.path("refused.mp4")
    cases = [
        (("assemble", *lib.ids), "-o"),                                        # no output
        (("assemble", "-o", out), "ids"),                                      # no clips
        (("assemble", "no-such-clip", "-o", out), "no-such-clip"),
        (("assemble", lib.ids[0][:9], "-o", out), "matches"),                  # ambiguous prefix
        (("assemble", *lib.ids, "-o", lib.path("reel.avi")), ".otio"),
        (("assemble", *lib.ids, "-o", out, "--transition", "wipe"), "crossfade:SECONDS"),
        (("assemble", *lib.ids, "-o", out, "--transition", "crossfade:-1"), "crossfade"),
        (("assemble", *lib.ids, "-o", out, "--transition", "crossfade:5"), "room"),
        (("assemble", *lib.ids, "-o", out, "--size", "wide"), "WIDTHxHEIGHT"),
    ]
    for args, said in cases:
        proc = lib.run(*args)
        expect(proc, 2)
        check(said in proc.stderr, f"{args}: {proc.stderr}")
    check(not os.path.exists(out), "a refused assemble wrote something")

    # An existing file is kept, unless --force
    existing = lib.path("existing.otio")
    with open(existing, "w") as f:
        f.write("mine")
    expect(lib.run("assemble", *lib.ids, "-o", existing), 2)
    with open(existing) as f:
        check(f.read() == "mine", "the existing file was overwritten")
    expect(lib.run("assemble", *lib.ids, "-o", existing, "--force"), 0)


def test_reels(lib):
    reels = os.path.join(lib.home.dir, "data", "rushes", "reels")
    proc = lib.run("reel", "create", "Trailer", *[i[:-1] for i in lib.ids], "--transition", "crossfade:0.5")
    expect(proc, 0)
    reel_id = proc.stdout.strip()
    check(os.path.isfile(os.path.join(reels, reel_id + ".json")), os.listdir(reels))
    expect(lib.run("reel", "create", "Trailer", lib.ids[0]), 2)

    proc = lib.run("reel", "list")
    expect(proc, 0)
    check(reel_id in proc.stdout and "Trailer" in proc.stdout and "3 clips" in proc.stdout, proc.stdout)
    listed = json.loads(lib.run("reel", "list", "--json").stdout)
    check([r["id"] for r in listed] == [reel_id], listed)

    proc = lib.run("reel", "show", "Trailer")
    expect(proc, 0)
    check("11." in proc.stdout and all(i in proc.stdout for i in lib.ids) and "crossfade" in proc.stdout, proc.stdout)
    expect(lib.run("reel", "show", reel_id[:-2]), 0)
    expect(lib.run("reel", "show", "Teaser"), 2)
    expect(lib.run("reel"), 2)
    expect(lib.run("reel", "play", "Trailer"), 2)

    out = lib.path("trailer.webm")
    proc = lib.run("reel", "render", "Trailer", "-o", out)
    expect(proc, 0)
    assert_video(out, 11)

    # A clip the reel uses leaves the library: a gap, shown, and nothing rendered over it
    shutil.rmtree(os.path.join(lib.home.library(), lib.ids[1]))
    proc = lib.run("reel", "show", "Trailer")
    expect(proc, 0)
    check("gap" in proc.stdout, proc.stdout)
    gap = lib.path("gap.mp4")
    proc = lib.run("reel", "render", "Trailer", "-o", gap)
    expect(proc, 2)
    check("Clip 2 is no longer in the library" in proc.stderr, proc.stderr)
    check(not os.path.exists(gap) and not lib.leftovers(), "a reel with a gap was rendered")

    expect(lib.run("reel", "delete", "Trailer"), 0)
    check(not os.listdir(reels), os.listdir(reels))


def main():
    fake = Fake("--step-ms", "20")
    lib = None
    try:
        lib = Library(fake)
        failed = cli.run_tap(cli.cases(globals()), lib)
    finally:
        if lib is not None:
            lib.home.close()
        fake.close()
    return 1 if failed else 0


if __name__ == "__main__":
    sys.exit(main())
