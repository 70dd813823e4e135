"""Test helpers shared by the exporters' command-line tests (tests/trees/exporter_test.py,
tests/gru/exporter_cli_test.py): the tool run as a command or through its main(), and the checks
every exporter must pass in the same way as ctml-import.
"""
import contextlib
import io
import os
import subprocess
import sys


def command_runners(tool_path, main):
    """(run, run_main): the tool as a new Python process, and the same command line through its
    main() in this process (faster; for refusals)."""
    def run(args):
        p = subprocess.run([sys.executable, tool_path] + args, capture_output=True, text=True)
        return p.returncode, p.stdout, p.stderr

    def run_main(args):
        out, err = io.StringIO(), io.StringIO()
        with contextlib.redirect_stdout(out), contextlib.redirect_stderr(err):
            rc = main(args)
        return rc, out.getvalue(), err.getvalue()

    return run, run_main


def check_unwritable_output(tool, runners, args, folder, expect):
    """An -o that cannot be written (missing folder, a directory, a path under a file): one line on
    stderr naming the path and why, exit 2, nothing printed, nothing left in `folder`."""
    run, run_main = runners
    plain = os.path.join(folder, "plain.txt")
    with open(plain, "w") as fh:
        fh.write("x")
    a_dir = os.path.join(folder, "a_dir")  # the temporary file would go beside it, in folder
    os.mkdir(a_dir)
    for path, why in [(os.path.join(folder, "no_such_dir", "m.hpp"), "No such file or directory"),
                      (a_dir, "Is a directory"), (os.path.join(plain, "m.hpp"), "Not a directory")]:
        before = sorted(os.listdir(folder))
        rc, out, err = (run if why == "Is a directory" else run_main)(args + ["-o", path])
        expect(rc == 2 and err == f"{tool}: error: cannot write '{path}': {why}\n" and out == ""
               and sorted(os.listdir(folder)) == before,
               f"refuses an unwritable -o ({why}): one line, exit 2, nothing left (got {rc}: {err.strip()})")
