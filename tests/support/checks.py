"""What the Python end-to-end tests share: checks that are collected as they
fail and reported together at the end, and a command run for its exit
status and output. Standard library only.

A test script finds this folder from its own place, so that it still runs by
hand from anywhere:

    sys.path.insert(0, str(pathlib.Path(__file__).resolve().parents[1] / "support"))
    from checks import Checks, run
"""
import subprocess
import sys


class Checks:
    """The failed checks of one script, in the order they failed."""

    def __init__(self):
        self.failures = []

    def expect(self, name, actual, expected):
        """A failure named `name` unless `actual` equals `expected`."""
        if actual != expected:
            self.fail(f"{name}:\n  expected {expected!r}\n  actual   {actual!r}")

    def fail(self, message):
        """A failure told in the script's own words."""
        self.failures.append(message)

    def finish(self, ok_message):
        """Prints every failure and their count and exits with status 1, or,
        with none, prints `ok_message` and exits with status 0."""
        if self.failures:
            for failure in self.failures:
                print("FAIL: " + failure)
            print(f"{len(self.failures)} failure(s)")
            sys.exit(1)
        print(ok_message)
        sys.exit(0)


def run(binary, *args, stdin=None, text=True, errors="strict", env=None, cwd=None, timeout=60):
    """(exit status, standard output, standard error) of `binary args...`.

    The arguments may be paths. `stdin` is text (sent as UTF-8) or bytes;
    None leaves standard input as the script's own. With text=True the
    output is decoded as UTF-8 (`errors` as for bytes.decode) exactly as it
    was written, carriage returns included; with text=False it is bytes.
    """
    if isinstance(stdin, str):
        stdin = stdin.encode("utf-8")
    done = subprocess.run([binary, *map(str, args)], input=stdin, capture_output=True, env=env, cwd=cwd,
                          timeout=timeout)
    if not text:
        return done.returncode, done.stdout, done.stderr
    return done.returncode, done.stdout.decode("utf-8", errors), done.stderr.decode("utf-8", errors)
