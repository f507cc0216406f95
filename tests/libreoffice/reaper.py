#!/usr/bin/python3
"""Start a program the way a desktop session does, and reap it and its orphans the way the
desktop's init does: this process becomes a child subreaper (Linux prctl), starts COMMAND in a
process group of its own, prints that group's id, and collects every process that ends below
it until none is left. Killing the group (a crash) therefore leaves no zombie behind, as on a
real desktop.

Usage: reaper.py COMMAND [ARG...]
"""
import ctypes
import os
import sys

PR_SET_CHILD_SUBREAPER = 36


def main():
    libc = ctypes.CDLL(None, use_errno=True)
    if libc.prctl(PR_SET_CHILD_SUBREAPER, 1, 0, 0, 0) != 0:
        raise SystemExit(f"prctl failed: {os.strerror(ctypes.get_errno())}")
    pid = os.fork()
    if pid == 0:
        os.setpgid(0, 0)
        os.execvp(sys.argv[1], sys.argv[1:])
    try:
        os.setpgid(pid, pid)  # also done by the child; whichever runs first wins
    except OSError:
        pass
    print(pid, flush=True)
    while True:
        try:
            os.wait()
        except ChildProcessError:
            return
        except InterruptedError:
            continue


if __name__ == "__main__":
    main()
