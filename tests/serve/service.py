"""Starting `talent serve` on a free loopback port and talking to it, for
the tests of this folder. Standard library only."""
import http.client
import json
import random
import re
import signal
import subprocess
import threading
import time


class Service:
    """`talent serve --port 0 ARGS...`, its standard error kept line by line."""

    def __init__(self, talent, *args):
        self.proc = subprocess.Popen([talent, "serve", "--port", "0", *args], stdin=subprocess.DEVNULL,
                                     stdout=subprocess.DEVNULL, stderr=subprocess.PIPE)
        self.lines = []
        self.stopping = False
        self._reader = threading.Thread(target=self._read, daemon=True)
        self._reader.start()
        self.port = None
        deadline = time.monotonic() + 20
        while self.port is None and time.monotonic() < deadline:
            for line in list(self.lines):
                m = re.search(r"listening on http://127\.0\.0\.1:(\d+)", line)
                if m:
                    self.port = int(m.group(1))
            if self.proc.poll() is not None:
                break
            time.sleep(0.02)
        if self.port is None:
            self.proc.kill()
            raise RuntimeError("talent serve did not start:\n" + "".join(self.lines))
        self.conn = self.connect()

    def _read(self):
        for raw in self.proc.stderr:
            self.lines.append(raw.decode("utf-8", "replace"))

    def connect(self):
        return http.client.HTTPConnection("127.0.0.1", self.port, timeout=30)

    def request(self, method, path, body=None, headers=None, conn=None):
        """(status, headers as a dict with lower-case names, body as bytes)."""
        conn = conn or self.conn
        if isinstance(body, str):
            body = body.encode("utf-8")
        conn.request(method, path, body=body, headers=headers or {})
        r = conn.getresponse()
        data = r.read()
        if r.getheader("Connection", "").lower() == "close":
            conn.close()
        return r.status, {k.lower(): v for k, v in r.getheaders()}, data

    def json(self, method, path, body=None, headers=None):
        status, _, data = self.request(method, path, body, headers)
        return status, json.loads(data)

    def wait_for(self, what, predicate, timeout=15):
        deadline = time.monotonic() + timeout
        while time.monotonic() < deadline:
            value = predicate()
            if value:
                return value
            time.sleep(0.05)
        raise AssertionError(f"timed out waiting for {what}; the service said:\n" + "".join(self.lines[-20:]))

    def signal(self, sig):
        if sig in (signal.SIGTERM, signal.SIGINT):
            self.stopping = True
        self.proc.send_signal(sig)

    def stop(self):
        """SIGTERM (unless one was sent already), then the exit status."""
        self.conn.close()
        if self.proc.poll() is None and not self.stopping:
            self.proc.send_signal(signal.SIGTERM)
        try:
            code = self.proc.wait(timeout=20)
        except subprocess.TimeoutExpired:
            self.proc.kill()
            code = self.proc.wait()
        self._reader.join(timeout=5)
        return code


def generated_records(count, seed):
    """JSON texts of varied records, about one in twenty rejected."""
    rng = random.Random(seed)
    degrees = ["doctorate", "master", "bachelor", "associate", "博士", "大专"]
    dates = ["2023-06-30", "2023-07-01", "2020-06-30", "2024-02-29", "2025-06-30", "2019-02-28"]
    out = []
    for i in range(1, count + 1):
        r = {"id": f"G-{i}"}
        if rng.random() < 0.9:
            r["degree"] = rng.choice(degrees)
        r["study_mode"] = rng.choice(["full_time", "part_time", "全日制"])
        r["institution"] = rng.choice(["regular_university", "vocational_college", "other"])
        if rng.random() < 0.9:
            r["graduation_date"] = rng.choice(dates)
        r["employment"] = {"status": rng.choice(["enterprise", "self_employed", "unemployed"]),
                           "in_city": rng.random() < 0.9}
        if rng.random() < 0.5:
            r["home_purchase"] = {"first_in_city": rng.random() < 0.8, "date": rng.choice(dates)}
        if rng.random() < 0.5:
            r["startup_loan"] = {"kind": "personal_guarantee", "principal": rng.choice(["400000.00", "12345.67", 250000]),
                                 "annual_rate": rng.choice(["0.0385", "3.85%", 0.0425]), "term_months": rng.choice([12, 36, 48])}
        text = json.dumps(r, ensure_ascii=False)
        if rng.random() < 0.05:
            text = text.replace('"study_mode"', '"study_mod"')  # rejected: an unknown field
        out.append(text)
    return out
