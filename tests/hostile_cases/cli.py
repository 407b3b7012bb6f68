"""Hostile inputs: cli (see tests/hostile.py for the helpers a snippet sees).

Each case runs the real ``budget-perf`` in a child process, so the exit status, standard error
and the process's own handling of pipes and signals are the ones a shell sees.
"""

from hostile import Case

#: A snippet's report: the bundled example written out as JSON (and the same text as bytes).
_SEED = """
import budget_perf as bp
seed = bp.to_json(bp.examples.load("yueyang-npc-2022"))
"""

#: Runs the command with standard output a pipe whose reading end is already closed.
_CLOSED_PIPE = """
import os
def closed_pipe(*args):
    read_end, write_end = os.pipe()
    os.close(read_end)  # the reader is gone before the first byte is written
    try:
        return subprocess.run(
            [sys.executable, "-m", "budget_perf.cli", *args],
            stdout=write_end, stderr=subprocess.PIPE, text=True, cwd=work, timeout=40,
        )
    finally:
        os.close(write_end)
"""

CASES: tuple[Case, ...] = (
    Case(
        id="cli-closed-pipe-check",
        what="check | head: the reader closes the pipe; status 141, nothing on stderr",
        code=_CLOSED_PIPE
        + """
done = closed_pipe("check", "example:yueyang-npc-2022")
assert done.returncode == 141, done
assert done.stderr == "", done.stderr
""",
    ),
    Case(
        id="cli-closed-pipe-summary-json",
        what="summary and check --json to a closed pipe: 141 and no traceback for either",
        code=_CLOSED_PIPE
        + """
for args in (["summary"], ["check", "example:yueyang-npc-2022", "--json"], ["catalogue"]):
    done = closed_pipe(*args)
    assert done.returncode == 141, (args, done)
    assert done.stderr == "", (args, done.stderr)
""",
    ),
    Case(
        id="cli-head-c1",
        what="check --json | head -c1: the reader takes one byte and leaves; 141, no traceback",
        code="""
import fcntl, os
read_end, write_end = os.pipe()
fcntl.fcntl(read_end, fcntl.F_SETPIPE_SZ, 4096)  # 44 kB of findings cannot all fit in it
child = subprocess.Popen(
    [sys.executable, "-m", "budget_perf.cli", "check", "example:yueyang-npc-2022", "--json"],
    stdout=write_end, stderr=subprocess.PIPE, text=True, cwd=work,
)
os.close(write_end)
assert os.read(read_end, 1) == b"{"
os.close(read_end)
err = child.communicate(timeout=40)[1]
assert child.returncode == 141, (child.returncode, err)
assert err == "", err
""",
    ),
    Case(
        id="cli-sigint-while-reading-stdin",
        what="Ctrl-C while check - waits on a pipe that never closes: 130, one line, no traceback",
        code="""
import fcntl, os, signal, struct, termios, time
read_end, write_end = os.pipe()
child = subprocess.Popen(
    [sys.executable, "-m", "budget_perf.cli", "check", "-", "--lang", "en"],
    stdin=read_end, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True, cwd=work,
)
os.close(read_end)
os.write(write_end, b'{"year": ')

def unread():
    return struct.unpack("i", fcntl.ioctl(write_end, termios.FIONREAD, b"    "))[0]

# once the child has taken the bytes it is inside main(), reading for more
while unread() and child.poll() is None:
    time.sleep(0.01)
child.send_signal(signal.SIGINT)
out, err = child.communicate(timeout=40)
os.close(write_end)
assert child.returncode == 130, (child.returncode, err)
assert err == "budget-perf: interrupted\\n", err
assert out == ""
""",
    ),
    Case(
        id="cli-internal-error-exits-3",
        what="a bug inside check is status 3 with one line on stderr, not 1 (errors found)",
        code="""
script = '''
import sys, budget_perf.cli, budget_perf._cli_check
def broken(*args, **kwargs):
    raise RuntimeError("a rule divided by zero")
budget_perf._cli_check.check = broken
sys.exit(budget_perf.cli.main(["check", "example:yueyang-npc-2022", "--lang", "en"]))
'''
done = subprocess.run([sys.executable, "-c", script], capture_output=True, text=True, timeout=40)
assert done.returncode == 3, done
assert done.stderr.count("\\n") == 1 and "Traceback" not in done.stderr, done.stderr
assert "internal error (a bug, please report it): RuntimeError" in done.stderr
assert done.stdout == ""
""",
    ),
    Case(
        id="cli-stdin-dash",
        what="check - reads the report's bytes from standard input",
        code=_SEED
        + """
done = cli("check", "-", "--lang", "en", stdin=seed.encode())
assert done.returncode == 1, done
assert done.stdout.decode().splitlines()[-1] == "52 findings: 5 errors, 36 warnings, 11 info"
""",
    ),
    Case(
        id="cli-bom-file",
        what="a report saved with a UTF-8 byte-order mark is read",
        code=_SEED
        + """
(work / "bom.json").write_bytes(b"\\xef\\xbb\\xbf" + seed.encode())
done = cli("check", "bom.json", "--lang", "en")
assert done.returncode == 1, done
assert done.stdout.splitlines()[-1] == "52 findings: 5 errors, 36 warnings, 11 info"
""",
    ),
    Case(
        id="cli-directory",
        what="an empty folder as the reports: 'no report found', status 2 (never a pass)",
        code="""
(work / "reports").mkdir()
done = cli("check", "reports", "--lang", "en")
assert done.returncode == 2, done
assert done.stderr == "budget-perf: no report found in the paths given\\n", done.stderr
""",
    ),
    Case(
        id="cli-file-shadows-example",
        what="a file named yueyang-npc-2022 holding another report is the one read",
        code=_SEED
        + """
(work / "yueyang-npc-2022").write_text(seed.replace("岳阳市人大常委会", "某某局"), "utf-8")
done = cli("summary", "yueyang-npc-2022")
assert done.returncode == 0, done
assert done.stdout.splitlines()[0] == "2022 某某局 — 预算绩效自评", done.stdout[:200]
assert done.stderr == ""
""",
    ),
    Case(
        id="cli-catalogue-output-missing-folder",
        what="catalogue --output into a folder that does not exist: status 2, a clear message",
        code="""
done = cli("catalogue", "--output", "/nonexistent/dir/x.md")
assert done.returncode == 2, done
assert done.stderr == "budget-perf: /nonexistent/dir/x.md：要写入的文件夹不存在\\n", done.stderr
""",
    ),
    Case(
        id="cli-stdin-binary-junk",
        what="random bytes on standard input: status 2 naming the problem, no traceback",
        code="""
import random
junk = bytes(random.Random(9).randrange(256) for _ in range(4096))
done = cli("check", "-", "--lang", "en", stdin=junk)
assert done.returncode == 2, done
assert done.stderr.decode().startswith("budget-perf: -: is not UTF-8 text"), done.stderr
""",
    ),
    Case(
        id="cli-usage-error",
        what="an unknown option and an unknown --fail-on: argparse's status 2",
        code="""
for args in (["check", "x.json", "--bogus"], ["check", "x.json", "--fail-on", "fatal"]):
    done = cli(*args)
    assert done.returncode == 2, (args, done)
    assert "usage: budget-perf" in done.stderr and "Traceback" not in done.stderr
""",
    ),
    Case(
        id="cli-huge-json-file",
        what="a report or profile file over the 64 MiB JSON limit: status 2 naming the limit",
        code="""
with open("huge.json", "wb") as handle:
    handle.write(b'{"department": ')
    handle.truncate(65 * 1024**2)
as_profile = ["check", "example:yueyang-npc-2022", "--profile", "huge.json"]
for args in (["check", "huge.json"], as_profile):
    done = cli(*args, "--lang", "en")
    assert done.returncode == 2, (args, done)
    limit = "huge.json: is larger than 67,108,864 bytes, the limit for a JSON document"
    assert limit in done.stderr, done.stderr
""",
    ),
    Case(
        id="batch-fifo-in-folder",
        what="a FIFO (and a link to one) named like a report in a folder: skipped, no hang",
        code=_SEED
        + """
import json, os
(work / "reports").mkdir()
(work / "reports" / "a.json").write_text(seed, "utf-8")
os.mkfifo(work / "fifo")  # nobody ever writes to it: opening it would block
os.symlink(work / "fifo", work / "reports" / "b.json")
os.mkfifo(work / "reports" / "c.json")
done = cli("check", "reports", "--format", "json", "--lang", "en")
assert done.returncode == 1, done
reports = json.loads(done.stdout)["reports"]
assert [(r["file"], r["status"]) for r in reports] == [
    ("reports/a.json", "checked"), ("reports/b.json", "skipped"), ("reports/c.json", "skipped")
], reports
assert reports[1]["problem"]["message_en"] == "not a regular file"
""",
    ),
    Case(
        id="batch-symlink-loop",
        what="a link back to the folder and a link to itself: the walk ends, the loop is failed",
        code=_SEED
        + """
import json, os
(work / "reports").mkdir()
(work / "reports" / "a.json").write_text(seed, "utf-8")
os.symlink("..", work / "reports" / "up")
os.symlink("self.json", work / "reports" / "self.json")
done = cli("check", "reports", "--format", "jsonl", "--lang", "en")
assert done.returncode == 2, done
lines = [json.loads(line) for line in done.stdout.splitlines()]
assert [(r["file"], r["status"]) for r in lines[:-1]] == [
    ("reports/a.json", "checked"), ("reports/self.json", "failed"), ("reports/up", "skipped")]
assert lines[1]["problem"]["message_en"].startswith("cannot be read: "), lines[1]
assert lines[-1]["failed"] == 1
""",
    ),
    Case(
        id="batch-unreadable-file",
        what="a report without read permission: failed with the reason, the others are checked",
        code=_SEED
        + """
import json, os
(work / "reports").mkdir()
for name in ("a.json", "b.json", "c.json"):
    (work / "reports" / name).write_text(seed, "utf-8")
os.chmod(work / "reports" / "b.json", 0)
os.chmod(work, 0o755)
os.chmod(work / "reports", 0o755)
for name in ("a.json", "c.json"):
    os.chmod(work / "reports" / name, 0o644)
as_user = {"user": 65534} if os.geteuid() == 0 else {}  # root reads anything: run as nobody
done = subprocess.run(
    [sys.executable, "-m", "budget_perf.cli", "check", "reports", "--format", "json"],
    capture_output=True, text=True, cwd=work, timeout=40, **as_user,
)
assert done.returncode == 2, done
reports = json.loads(done.stdout)["reports"]
assert [r["status"] for r in reports] == ["checked", "failed", "checked"], reports
assert reports[1]["problem"]["message_zh"] == "没有读取权限"
assert done.stderr.endswith("budget-perf: 有1个输入无法读取（见输出）\\n"), done.stderr
""",
    ),
    Case(
        id="batch-vanishing-file",
        what="a file listed in the folder and deleted before it is read: 'no such file', go on",
        code=_SEED
        + """
import budget_perf as bp
(work / "reports").mkdir()
for name in ("a.json", "b.json", "c.json"):
    (work / "reports" / name).write_text(seed, "utf-8")
envelopes = bp.check_many([work / "reports"])
assert next(envelopes).status == "checked"
(work / "reports" / "b.json").unlink()
rest = list(envelopes)
assert [e.status for e in rest] == ["failed", "checked"], rest
assert rest[0].problem.message("en") == "no such file"
""",
    ),
)
