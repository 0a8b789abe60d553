#!/usr/bin/env python3
"""A stand-in for Adobe's aerender: prints the output format docs/render.md describes.

FAKE_AERENDER_MODE picks what it does: ``ok`` (the default) renders FAKE_AERENDER_FRAMES frames
(10) of the comp and exits 0; ``fail`` prints a few lines, an ``aerender ERROR`` line and exits
1; ``error0`` does the same but exits 0; ``slow`` renders 2000 frames, one every 0.05 s
(a test interrupts it). FAKE_AERENDER_PIDFILE, if set, gets its process id. Its arguments are
written, one a line, to FAKE_AERENDER_ARGSFILE if set.
"""

import os
import sys
import time


def flag(name: str, default: str) -> str:
    args = sys.argv[1:]
    return args[args.index(name) + 1] if name in args[:-1] else default


def say(line: str) -> None:
    print(line, flush=True)


def main() -> int:
    if pidfile := os.environ.get("FAKE_AERENDER_PIDFILE"):
        with open(pidfile, "w") as f:
            f.write(str(os.getpid()))
    if argsfile := os.environ.get("FAKE_AERENDER_ARGSFILE"):
        with open(argsfile, "w") as f:
            f.write("\n".join(sys.argv[1:]))
    mode = os.environ.get("FAKE_AERENDER_MODE", "ok")
    frames = 2000 if mode == "slow" else int(os.environ.get("FAKE_AERENDER_FRAMES", "10"))
    comp = flag("-comp", "Main")
    output = flag("-output", f"/renders/{comp}.mov")
    say("aerender version 25.0x49 (fake)")
    say(f'PROGRESS:  1/2/2026 10:00:00 AM: Starting composition "{comp}".')
    say("PROGRESS:  ")
    say("PROGRESS:  Render Settings: Best Settings")
    say("PROGRESS:      Quality: Best")
    say("PROGRESS:  Output Module: High Quality")
    say(f"PROGRESS:      Output To: {output}")
    if mode in ("fail", "error0"):
        say("aerender ERROR: No comp was found with the given name.")
        return 1 if mode == "fail" else 0
    seconds, rest = divmod(frames, 25)
    say("PROGRESS:  Start: 0:00:00:00")
    say(f"PROGRESS:  Duration: 0:00:{seconds:02d}:{rest:02d}")
    say("PROGRESS:  Frame Rate: 25.00 (comp)")
    for frame in range(frames):
        second, ff = divmod(frame, 25)
        say(f"PROGRESS:  0:00:{second:02d}:{ff:02d} ({frame + 1}): 0 Seconds")
        if mode == "slow":
            time.sleep(0.05)
    say("PROGRESS:  Total Time Elapsed: 1 Second")
    say(f'PROGRESS:  1/2/2026 10:00:01 AM: Finished composition "{comp}".')
    return 0


if __name__ == "__main__":
    sys.exit(main())
