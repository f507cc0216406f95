"""The Sheetsafe benchmark: runs every measurement and writes the report.

Started by `scripts/bench` (which installs the tools, builds the release binary and makes a
venv with XlsxWriter); see that script for the options. Every figure is a wall time measured
here, in this run, next to the standard tools doing the same job on the same files.
"""

import argparse
import datetime
import hashlib
import json
import math
import multiprocessing
import os
import platform
import random
import re
import shlex
import shutil
import statistics
import subprocess
import sys
import time

import workbooks

HERE = os.path.dirname(os.path.abspath(__file__))


# ---------------------------------------------------------------------------------------------
# Small helpers


def log(message):
    print(f"[bench {time.strftime('%H:%M:%S')}] {message}", flush=True)


def sh(command, check=True, capture=False, env=None):
    """Runs a shell command (bash), optionally returning its standard output."""
    result = subprocess.run(["bash", "-c", command], check=check, env=env,
                            stdout=subprocess.PIPE if capture else subprocess.DEVNULL,
                            stderr=subprocess.PIPE if capture else None, text=True)
    return result.stdout if capture else None


def out(command):
    """Standard output of a command, stripped; empty when it fails."""
    try:
        return subprocess.run(["bash", "-c", command], check=True, capture_output=True,
                              text=True).stdout.strip()
    except subprocess.CalledProcessError:
        return ""


def load_average():
    with open("/proc/loadavg") as f:
        return float(f.read().split()[0])


def wait_for_quiet(limit, max_wait):
    """Waits (up to `max_wait` s) until the 1-minute load average is below `limit`."""
    deadline = time.monotonic() + max_wait
    load = load_average()
    if load < limit:
        return load
    log(f"load average {load:.2f} >= {limit}: waiting up to {max_wait:.0f} s for the machine to quieten")
    while time.monotonic() < deadline:
        time.sleep(5)
        load = load_average()
        if load < limit:
            log(f"load average now {load:.2f}")
            return load
    log(f"load average still {load:.2f}; measuring anyway (the report shows it)")
    return load


def sha256_of(path):
    digest = hashlib.sha256()
    with open(path, "rb") as f:
        while chunk := f.read(1 << 20):
            digest.update(chunk)
    return digest.hexdigest()


def du_bytes(path):
    total = 0
    for root, _dirs, files in os.walk(path):
        for name in files:
            total += os.lstat(os.path.join(root, name)).st_size
    return total


def summary(samples):
    """Median, min, max (and the samples) of a list of seconds."""
    ordered = sorted(samples)
    return {
        "median": statistics.median(ordered),
        "min": ordered[0],
        "max": ordered[-1],
        "n": len(ordered),
        "samples": ordered,
    }


def percentile(samples, p):
    """Nearest-rank percentile."""
    ordered = sorted(samples)
    return ordered[max(0, math.ceil(p / 100 * len(ordered)) - 1)]


def toml_str(path):
    return "'" + str(path) + "'"


# ---------------------------------------------------------------------------------------------
# Timing: interleaved rounds, so a disturbance hits every column alike


class Case:
    def __init__(self, key, command, prepare=None):
        self.key = key
        self.command = command
        self.prepare = prepare


def shell_overhead(rounds=30):
    """What starting `bash -c` costs, subtracted from every timing (as hyperfine does)."""
    times = []
    for _ in range(rounds):
        start = time.perf_counter()
        subprocess.run(["bash", "-c", "true"], check=True)
        times.append(time.perf_counter() - start)
    return statistics.median(times)


def measure(cases, runs, warmup, overhead, env=None):
    """Runs every case `warmup + runs` times, one of each per round, in rotating order."""
    samples = {case.key: [] for case in cases}
    for round_no in range(warmup + runs):
        shift = round_no % len(cases)
        for case in cases[shift:] + cases[:shift]:
            if case.prepare:
                sh(case.prepare, env=env)
            start = time.perf_counter()
            result = subprocess.run(["bash", "-c", case.command], env=env,
                                    stdout=subprocess.DEVNULL, stderr=subprocess.PIPE, text=True)
            elapsed = time.perf_counter() - start - overhead
            if result.returncode != 0:
                raise SystemExit(f"benchmark command failed ({result.returncode}): {case.command}\n{result.stderr}")
            if round_no >= warmup:
                samples[case.key].append(max(elapsed, 0.0))
    return {key: summary(values) for key, values in samples.items()}


# ---------------------------------------------------------------------------------------------
# The benchmark


class Bench:
    def __init__(self, args):
        self.args = args
        self.quick = args.quick
        self.bin = os.path.abspath(args.binary)
        self.work = os.path.abspath(args.work)
        self.cache = os.path.abspath(args.cache) if args.cache else None
        self.results = {"quick": self.quick, "sections": {}}
        self.env = dict(os.environ)
        self.env["SHEETSAFE_DATA_DIR"] = os.path.join(self.work, "appdata")
        self.env.pop("SHEETSAFE_LOG", None)
        self.overhead = 0.0
        os.makedirs(self.work, exist_ok=True)

    # -- plumbing ---------------------------------------------------------------------------

    def path(self, *parts):
        return os.path.join(self.work, *parts)

    def write_config(self, name, profiles):
        """Writes a configuration file; `profiles` is a list of (name, workbooks, folder, watch)."""
        lines = []
        for profile, books, folder, watch in profiles:
            lines += [
                "[[profile]]",
                f'name = "{profile}"',
                "workbooks = [" + ", ".join(toml_str(b) for b in books) + "]",
                f"backup_folder = {toml_str(folder)}",
                "[profile.keep]",
                "last = 0",
                "daily = 0",
                "weekly = 0",
                "monthly = 0",
            ]
            if watch:
                lines += ["[profile.watch]"] + [f"{k} = {v}" for k, v in watch.items()]
            lines.append("")
        config = self.path(f"{name}.toml")
        with open(config, "w") as f:
            f.write("\n".join(lines))
        return config

    def env_for(self, config):
        env = dict(self.env)
        env["SHEETSAFE_CONFIG"] = config
        return env

    def sheetsafe(self, config, *argv, check=True):
        return subprocess.run([self.bin, *argv], env=self.env_for(config), check=check,
                              stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)

    def section_start(self, name):
        load = wait_for_quiet(self.args.max_load, self.args.max_wait)
        log(f"== {name} (load {load:.2f})")
        return {"load_before": load, "started": time.monotonic()}

    def section_end(self, name, record, info):
        info["load_before"] = record["load_before"]
        info["load_after"] = load_average()
        info["seconds"] = time.monotonic() - record["started"]
        self.results["sections"][name] = info
        self.save()

    def save(self):
        with open(self.path("results.json"), "w") as f:
            json.dump(self.results, f, indent=1)

    # -- workbooks --------------------------------------------------------------------------

    def workbook(self, kind, megabytes, seed):
        """A generated workbook, taken from the cache when an identical one was made before."""
        name = f"{kind}-{megabytes:g}MB-seed{seed}.xlsx"
        target = self.path("workbooks", name)
        os.makedirs(os.path.dirname(target), exist_ok=True)
        if os.path.exists(target):
            return target
        cached = os.path.join(self.cache, name) if self.cache else None
        if cached and os.path.exists(cached):
            shutil.copyfile(cached, target)
            return target
        log(f"writing {name} with XlsxWriter")
        start = time.monotonic()
        getattr(workbooks, kind)(target, megabytes, seed)
        log(f"  {os.path.getsize(target) / 1e6:.1f} MB in {time.monotonic() - start:.1f} s")
        if cached:
            os.makedirs(self.cache, exist_ok=True)
            shutil.copyfile(target, cached)
        return target

    def resaved(self, base, tag, seeds):
        """`base` with the edits of `seeds` applied in turn, re-saved (cached like workbooks)."""
        key = hashlib.sha256((os.path.basename(base) + repr(seeds)).encode()).hexdigest()[:12]
        name = f"resave-{tag}-{key}.xlsx"
        target = self.path("workbooks", name)
        if os.path.exists(target):
            return target
        cached = os.path.join(self.cache, name) if self.cache else None
        if cached and os.path.exists(cached):
            shutil.copyfile(cached, target)
            return target
        workbooks.resave_many(base, target, seeds)
        if cached:
            shutil.copyfile(target, cached)
        return target

    # -- 1. backup of one workbook ----------------------------------------------------------

    def backup(self):
        record = self.section_start("backup")
        sizes = [(1, "realistic"), (20, "realistic"), (50 if self.quick else 200, "incompressible")]
        runs = 3 if self.quick else self.args.runs
        rows = []
        for megabytes, kind in sizes:
            source = self.workbook(kind, megabytes, seed=megabytes)
            folder = self.path("backup", "store")
            floor_dir = self.path("backup", "floor")
            os.makedirs(floor_dir, exist_ok=True)
            profile = f"Book{megabytes}MB"
            config = self.write_config(f"backup-{megabytes}", [(profile, [source], folder, None)])
            copy = os.path.join(floor_dir, os.path.basename(source))
            q = shlex.quote
            # Every case starts from an empty target with no dirty pages waiting to be written.
            clean_store = f"rm -rf {q(os.path.join(folder, profile))} && sync"
            clean_copy = f"rm -f {q(copy)} && sync"
            cases = [
                Case("sheetsafe", f"{q(self.bin)} backup {q(profile)} >/dev/null", clean_store),
                Case("floor", f"cp {q(source)} {q(copy)} && sha256sum {q(source)} {q(copy)} >/dev/null", clean_copy),
                Case("floor_sync",
                     f"cp {q(source)} {q(copy)} && sync {q(copy)} && sha256sum {q(source)} {q(copy)} >/dev/null",
                     clean_copy),
                Case("floor_openssl",
                     f"cp {q(source)} {q(copy)} && openssl dgst -sha256 {q(source)} {q(copy)} >/dev/null",
                     clean_copy),
            ]
            log(f"backup of {os.path.getsize(source) / 1e6:.1f} MB: {runs} rounds")
            timings = measure(cases, runs, warmup=1, overhead=self.overhead, env=self.env_for(config))
            # One more run for its peak memory, which the kernel reports per child process.
            sh(clean_store)
            child = subprocess.Popen([self.bin, "backup", profile], env=self.env_for(config),
                                     stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
            _, status, usage = os.wait4(child.pid, 0)
            child.returncode = os.waitstatus_to_exitcode(status)
            peak_kib = usage.ru_maxrss
            # The last run's version must really be there, intact.
            check = self.sheetsafe(config, "verify", "--full", profile, check=False)
            if check.returncode != 0:
                raise SystemExit(f"verify after the backup benchmark failed:\n{check.stdout}{check.stderr}")
            rows.append({
                "megabytes": os.path.getsize(source) / 1e6,
                "xml_megabytes": workbooks.xml_bytes(source) / 1e6,
                "kind": kind,
                "health": self.health_of(folder, profile),
                "peak_rss_kib": peak_kib,
                "timings": timings,
            })
            sh(f"rm -rf {q(folder)} {q(floor_dir)}")
        self.section_end("backup", record, {"runs": runs, "rows": rows})

    def health_of(self, folder, profile):
        try:
            with open(os.path.join(folder, profile, "catalog.toml")) as f:
                match = re.search(r'health = "([^"]+)"', f.read())
            return match.group(1) if match else "?"
        except OSError:
            return "?"

    # -- 2. full verify ---------------------------------------------------------------------

    def verify(self):
        record = self.section_start("verify")
        target = (0.5 if self.quick else 2.0) * 1e9
        big = self.workbook("incompressible", 50 if self.quick else 200, seed=50 if self.quick else 200)
        mid = self.workbook("realistic", 20, seed=20)
        variants = {
            big: self.resaved_media(big),
            mid: self.resaved(mid, "verify", [1001]),
        }
        folder = self.path("verify", "store")
        book = self.path("verify", "books", "Orders.xlsx")
        scans = self.path("verify", "books", "Receipts.xlsx")
        os.makedirs(os.path.dirname(book), exist_ok=True)
        config = self.write_config("verify", [("Verify", [book, scans], folder, None)])
        # Half the bytes in versions of the 20 MB order book, half in the large workbook, each
        # version alternating between two contents (a backup of unchanged content adds nothing).
        def alternating(base, count):
            return [variants[base] if k % 2 else base for k in range(max(1, count))]

        mids = alternating(mid, round(target / 2 / os.path.getsize(mid)))
        bigs = alternating(big, round(target / 2 / os.path.getsize(big)))
        total = sum(os.path.getsize(f) for f in mids + bigs)
        log(f"making {len(mids) + len(bigs)} versions ({total / 1e9:.2f} GB) with sheetsafe backup")
        shutil.copyfile(mids[0], book)
        shutil.copyfile(bigs[0], scans)
        for source, dest in [(None, None)] + [(m, book) for m in mids[1:]] + [(b, scans) for b in bigs[1:]]:
            if source:
                shutil.copyfile(source, dest)
            result = self.sheetsafe(config, "backup", "Verify")
            if "saved" not in result.stdout:
                raise SystemExit(f"backup for the verify benchmark did not save:\n{result.stdout}{result.stderr}")
        store = os.path.join(folder, "Verify")
        versions = sum(1 for n in os.listdir(store) if n.endswith(".xlsx"))
        stored = sum(os.path.getsize(os.path.join(store, n)) for n in os.listdir(store) if n.endswith(".xlsx"))
        q = shlex.quote
        runs = 3 if self.quick else max(3, self.args.runs // 2)
        cases = [
            Case("sheetsafe", f"{q(self.bin)} verify --full Verify >/dev/null"),
            Case("sha256sum", f"cd {q(store)} && sha256sum -c --quiet SHA256SUMS"),
        ]
        # Read everything once so both start from the page cache.
        sh(f"cat {q(store)}/*.xlsx >/dev/null")
        log(f"verify of {versions} versions, {stored / 1e9:.2f} GB: {runs} rounds")
        timings = measure(cases, runs, warmup=1, overhead=self.overhead, env=self.env_for(config))
        self.section_end("verify", record, {
            "versions": versions, "bytes": stored, "runs": runs, "timings": timings,
        })

    def resaved_media(self, base):
        """A second content of the large workbook: its pictures' pixels replaced."""
        name = os.path.basename(base).replace(".xlsx", "-b.xlsx")
        target = self.path("workbooks", name)
        if not os.path.exists(target):
            workbooks.new_pictures(base, target, seed=7)
        return target

    # -- 3. time to protected ---------------------------------------------------------------

    def protected(self):
        record = self.section_start("time-to-protected")
        closes = 10 if self.quick else self.args.closes
        settle = self.args.settle
        rows = []
        books = {}
        profiles = []
        for megabytes in (1, 20):
            base = self.workbook("realistic", megabytes, seed=megabytes)
            other = self.resaved(base, f"ttp{megabytes}", [2001])
            folder = self.path("protected", f"{megabytes}MB")
            os.makedirs(folder, exist_ok=True)
            book = os.path.join(folder, f"Orders{megabytes}.xlsx")
            shutil.copyfile(base, book)
            books[megabytes] = (book, [base, other])
            profiles.append((f"Close{megabytes}MB", [book], self.path("protected", "store"),
                             {"settle_seconds": settle}))
        config = self.write_config("protected", profiles)
        self.sheetsafe(config, "backup")
        env = self.env_for(config)
        agent = subprocess.Popen([self.bin, "agent"], env=env, stdout=subprocess.DEVNULL,
                                 stderr=subprocess.DEVNULL)
        try:
            time.sleep(3)  # start-up catch-up (everything unchanged) is not part of this
            for megabytes in (1, 20):
                book, contents = books[megabytes]
                catalog = self.path("protected", "store", f"Close{megabytes}MB", "catalog.toml")
                hashes = [sha256_of(c) for c in contents]
                samples = []
                failures = 0
                log(f"time-to-protected, {megabytes} MB: {closes} replayed Excel closes")
                for i in range(closes):
                    content = contents[(i + 1) % 2]
                    seconds = replay_excel_close(book, content, catalog, hashes[(i + 1) % 2], agent)
                    if seconds is None:
                        failures += 1
                    else:
                        samples.append(seconds)
                    time.sleep(0.5)
                rows.append({
                    "megabytes": os.path.getsize(contents[0]) / 1e6,
                    "closes": closes,
                    "failures": failures,
                    "timings": summary(samples) if samples else None,
                    "p95": percentile(samples, 95) if samples else None,
                })
        finally:
            agent.terminate()
            try:
                agent.wait(20)
            except subprocess.TimeoutExpired:
                agent.kill()
        self.section_end("time-to-protected", record, {"settle_seconds": settle, "rows": rows})

    # -- 4. idle cost -----------------------------------------------------------------------

    def idle(self):
        record = self.section_start("idle")
        count = 50
        seconds = 15 if self.quick else self.args.idle_seconds
        base = self.workbook("realistic", 1, seed=1)
        books = []
        for i in range(count):
            folder = self.path("idle", "books", f"folder{i % 5}")
            os.makedirs(folder, exist_ok=True)
            book = os.path.join(folder, f"Book{i + 1}.xlsx")
            shutil.copyfile(base, book)
            books.append(book)
        config = self.write_config("idle", [("Idle", books, self.path("idle", "store"), None)])
        self.sheetsafe(config, "backup")
        env = self.env_for(config)
        agent = subprocess.Popen([self.bin, "agent"], env=env, stdout=subprocess.DEVNULL,
                                 stderr=subprocess.DEVNULL)
        try:
            time.sleep(3)  # start-up catch-up is not idling
            before = proc_sample(agent.pid)
            log(f"idle: {count} workbooks watched for {seconds} s")
            time.sleep(seconds)
            after = proc_sample(agent.pid)
        finally:
            agent.terminate()
            try:
                agent.wait(20)
            except subprocess.TimeoutExpired:
                agent.kill()
        self.section_end("idle", record, {
            "workbooks": count,
            "watch_seconds": seconds,
            "cpu_seconds": after["cpu"] - before["cpu"],
            "wakeups": (after["voluntary"] + after["involuntary"]) - (before["voluntary"] + before["involuntary"]),
            "peak_rss_kib": after["hwm"],
            "rss_kib": after["rss"],
            "threads": after["threads"],
        })

    # -- 5. thirty days ---------------------------------------------------------------------

    def thirty_days(self):
        record = self.section_start("thirty-days")
        days = 10 if self.quick else 30
        base = self.workbook("realistic", 20, seed=20)
        log(f"re-saving the 20 MB workbook for {days} days of edits")
        day_files = self.day_files(base, days)
        folder = self.path("days", "store")
        book = self.path("days", "books", "Orders.xlsx")
        os.makedirs(os.path.dirname(book), exist_ok=True)
        config = self.write_config("days", [("Days", [book], folder, None)])
        repo = self.path("days", "restic-repo")
        restic_env = dict(self.env)
        restic_env.update({
            "RESTIC_REPOSITORY": repo,
            "RESTIC_PASSWORD": "sheetsafe-benchmark",
            "RESTIC_CACHE_DIR": self.path("days", "restic-cache"),
        })
        sh("restic init --quiet", env=restic_env)
        sheetsafe_times, restic_times = [], []
        for i, day in enumerate(day_files):
            shutil.copyfile(day, book)
            stamp = time.time() - (days - i) * 86400
            os.utime(book, (stamp, stamp))
            start = time.perf_counter()
            result = self.sheetsafe(config, "backup", "Days")
            sheetsafe_times.append(time.perf_counter() - start)
            if "saved" not in result.stdout:
                raise SystemExit(f"day {i + 1}: sheetsafe did not save:\n{result.stdout}{result.stderr}")
            start = time.perf_counter()
            subprocess.run(["restic", "backup", "--quiet", "--host", "bench", "--tag", f"day{i + 1}", book],
                           env=restic_env, check=True, cwd=os.path.dirname(book),
                           stdout=subprocess.DEVNULL)
            restic_times.append(time.perf_counter() - start)
        store = os.path.join(folder, "Days")
        runs = 3
        q = shlex.quote
        cases = [
            Case("sheetsafe", f"{q(self.bin)} verify --full Days >/dev/null"),
            Case("restic", "restic check --read-data --quiet >/dev/null"),
        ]
        env = self.env_for(config)
        env.update({k: v for k, v in restic_env.items() if k.startswith("RESTIC_")})
        log(f"sheetsafe verify --full against restic check --read-data: {runs} rounds")
        checks = measure(cases, runs, warmup=1, overhead=self.overhead, env=env)
        self.section_end("thirty-days", record, {
            "days": days,
            "workbook_bytes": os.path.getsize(base),
            "source_bytes": sum(os.path.getsize(d) for d in day_files),
            "sheetsafe_bytes": du_bytes(store),
            "restic_bytes": du_bytes(repo),
            "sheetsafe_backup": summary(sheetsafe_times) | {"total": sum(sheetsafe_times)},
            "restic_backup": summary(restic_times) | {"total": sum(restic_times)},
            "checks": checks,
            "restic_version": out("restic version"),
        })

    def day_files(self, base, days):
        """Day 1 is the workbook as written; day k carries the edits of days 2..k."""
        jobs = [(base, "day", list(range(2, k + 1))) for k in range(2, days + 1)]
        missing = []
        files = [base]
        for job in jobs:
            key = hashlib.sha256((os.path.basename(job[0]) + repr(job[2])).encode()).hexdigest()[:12]
            name = f"resave-{job[1]}-{key}.xlsx"
            target = self.path("workbooks", name)
            cached = os.path.join(self.cache, name) if self.cache else None
            files.append(target)
            if os.path.exists(target):
                continue
            if cached and os.path.exists(cached):
                shutil.copyfile(cached, target)
                continue
            missing.append((job[0], target, job[2], cached))
        if missing:
            with multiprocessing.Pool(os.cpu_count() or 1) as pool:
                pool.map(_resave_job, missing)
        return files

    # -- the machine ------------------------------------------------------------------------

    def machine(self):
        lscpu = out("lscpu")
        model = re.search(r"Model name:\s*(.+)", lscpu)
        flags = out("grep -m1 '^flags' /proc/cpuinfo")
        mount = out(f"findmnt -n -o SOURCE,FSTYPE,SIZE -T {shlex.quote(self.work)}").split()
        device = mount[0] if mount else "?"
        base_device = re.sub(r"^/dev/", "", device)
        base_device = re.sub(r"(p?\d+)$", "", base_device) if not os.path.exists(f"/sys/block/{base_device}") else base_device
        rotational = out(f"cat /sys/block/{base_device}/queue/rotational")
        hypervisor = re.search(r"Hypervisor vendor:\s*(.+)", lscpu)
        mem = out("awk '/MemTotal/ {print $2}' /proc/meminfo")
        os_name = out(". /etc/os-release && echo \"$PRETTY_NAME\"")
        # The disk's own speed, for context: 512 MB written and flushed, then read back uncached.
        probe = self.path("disk-probe")
        write = out(f"dd if=/dev/zero of={shlex.quote(probe)} bs=1M count=512 conv=fsync 2>&1 | tail -1")
        read = ""
        if os.access("/proc/sys/vm/drop_caches", os.W_OK):
            sh("sync; echo 1 > /proc/sys/vm/drop_caches", check=False)
            read = out(f"dd if={shlex.quote(probe)} of=/dev/null bs=1M 2>&1 | tail -1")
        os.remove(probe)
        speed = lambda line: (re.search(r",\s*([\d.]+ [kMG]B/s)", line) or [None, "?"])[1] if line else "?"
        self.results["machine"] = {
            "cpu": model.group(1).strip() if model else platform.processor(),
            "cores": os.cpu_count(),
            "sha_ni": " sha_ni" in flags,
            "hypervisor": hypervisor.group(1).strip() if hypervisor else None,
            "memory_gib": round(int(mem) / 1024 / 1024, 1) if mem else None,
            "disk": {
                "device": device,
                "fstype": mount[1] if len(mount) > 1 else "?",
                "size": mount[2] if len(mount) > 2 else "?",
                "rotational": rotational == "1",
                "write_fsync": speed(write),
                "read_uncached": speed(read),
            },
            "os": f"{os_name}, Linux {platform.release()}",
            "binary": self.args.binary_source,
            "tools": {
                "sheetsafe": out(f"git -C {shlex.quote(self.args.repo)} describe --always --dirty"),
                "rustc": out("rustc --version"),
                "coreutils": out("sha256sum --version | head -1"),
                "openssl": out("openssl version"),
                "restic": out("restic version"),
                "python": platform.python_version(),
                "xlsxwriter": workbooks.xlsxwriter.__version__,
            },
            "date": datetime.datetime.now().astimezone().isoformat(timespec="seconds"),
        }


def _resave_job(job):
    base, target, seeds, cached = job
    workbooks.resave_many(base, target, seeds)
    if cached:
        os.makedirs(os.path.dirname(cached), exist_ok=True)
        shutil.copyfile(target, cached)


def proc_sample(pid):
    """CPU seconds (user + system), context switches and memory of a process, from /proc."""
    with open(f"/proc/{pid}/stat") as f:
        fields = f.read().rsplit(")", 1)[1].split()
    ticks = os.sysconf("SC_CLK_TCK")

    def status_of(path):
        status = {}
        with open(path) as f:
            for line in f:
                key, _, value = line.partition(":")
                status[key] = value.strip()
        return status

    status = status_of(f"/proc/{pid}/status")
    # Context switches are counted per thread; the process's own line holds only its main thread.
    voluntary = involuntary = 0
    for task in os.listdir(f"/proc/{pid}/task"):
        try:
            task_status = status_of(f"/proc/{pid}/task/{task}/status")
        except OSError:
            continue
        voluntary += int(task_status["voluntary_ctxt_switches"])
        involuntary += int(task_status["nonvoluntary_ctxt_switches"])
    return {
        "cpu": (int(fields[11]) + int(fields[12])) / ticks,
        "voluntary": voluntary,
        "involuntary": involuntary,
        "hwm": int(status["VmHWM"].split()[0]),
        "rss": int(status["VmRSS"].split()[0]),
        "threads": int(status["Threads"]),
    }


def replay_excel_close(book, content, catalog, expected_sha, agent, timeout=60.0):
    """Replays what Excel does on the disk when a workbook is saved and closed, and returns the
    seconds from the deletion of the owner file to the new version being in the catalog.

    Excel: creates the 165-byte owner file `~$Name.xlsx` when it opens the workbook; on save it
    writes the new content to an 8-hex-character temporary file, deletes the original and
    renames the temporary file to the workbook's name; on close it deletes the owner file.
    """
    folder = os.path.dirname(book)
    name = os.path.basename(book)
    owner = os.path.join(folder, "~$" + name)
    with open(owner, "wb") as f:
        f.write(b"\x05bench" + b" " * 48 + b"\x05\x00b\x00e\x00n\x00c\x00h\x00" + b"\x00" * 98)
    time.sleep(0.3)  # the user edits
    temp = os.path.join(folder, f"{random.getrandbits(32):08X}")
    shutil.copyfile(content, temp)
    os.remove(book)
    os.rename(temp, book)
    time.sleep(0.1)  # Excel closes the window a moment after the save
    os.remove(owner)
    closed = time.perf_counter()
    deadline = closed + timeout
    seen = None
    while time.perf_counter() < deadline:
        if agent.poll() is not None:
            raise SystemExit("the agent stopped during the time-to-protected benchmark")
        try:
            st = os.stat(catalog)
            stamp = (st.st_ino, st.st_mtime_ns, st.st_size)
        except FileNotFoundError:
            stamp = None
        if stamp != seen:
            seen = stamp
            try:
                with open(catalog) as f:
                    text = f.read()
            except FileNotFoundError:
                text = ""
            # The newest entry is the last one; it is written only after the read-back.
            last = text.rsplit("[[version]]", 1)[-1]
            if f'sha256 = "{expected_sha}"' in last:
                return time.perf_counter() - closed
        time.sleep(0.005)
    return None


# ---------------------------------------------------------------------------------------------


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("--binary", required=True)
    parser.add_argument("--binary-source", default="")
    parser.add_argument("--repo", required=True)
    parser.add_argument("--work", required=True)
    parser.add_argument("--cache")
    parser.add_argument("--out", required=True)
    parser.add_argument("--quick", action="store_true")
    parser.add_argument("--runs", type=int, default=10)
    parser.add_argument("--closes", type=int, default=30)
    parser.add_argument("--settle", type=int, default=1)
    parser.add_argument("--idle-seconds", type=int, default=60)
    parser.add_argument("--max-load", type=float, default=0.5)
    parser.add_argument("--max-wait", type=float, default=300)
    parser.add_argument("--only", default="backup,verify,protected,idle,days")
    args = parser.parse_args()

    bench = Bench(args)
    bench.machine()
    bench.overhead = shell_overhead()
    bench.results["shell_overhead"] = bench.overhead
    started = time.monotonic()
    sections = {
        "backup": bench.backup,
        "verify": bench.verify,
        "protected": bench.protected,
        "idle": bench.idle,
        "days": bench.thirty_days,
    }
    for name in args.only.split(","):
        sections[name.strip()]()
    bench.results["total_seconds"] = time.monotonic() - started
    bench.save()
    import report

    report.write(bench.results, args.out)
    log(f"wrote {args.out} ({bench.results['total_seconds'] / 60:.1f} min)")


if __name__ == "__main__":
    main()
