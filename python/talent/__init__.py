"""talent from Python: decide who qualifies for Hohhot's talent subsidies.

A thin layer over the library's C interface (talent/talent.h) through ctypes:
records go in as dicts (or JSON text), decisions come back as dicts shaped
exactly as docs/decision-contract.md describes them.

    import talent
    rules = talent.RuleSet.builtin()
    d = rules.decide({"id": "A-1", "degree": "doctorate", ...}, as_of="2025-06-30")
    d["programs"][0]["status"]            # "eligible"

    try:
        rules.decide({"id": "A-2", "degree": "masters"})
    except talent.RecordRejected as e:
        e.error                           # {"field": "degree", "code": "unknown_name", "message": ...}

    # a DataFrame's rows; "employment.status" columns become nested fields
    results = rules.decide_all(df.to_dict("records"), as_of="2025-06-30")

    # what would make each program not granted eligible, and when each
    # program's outcome changes over a range of days
    rules.decide(record, as_of="2025-06-30", what_if=True)["programs"][1]["what_if"]
    rules.timeline(record, "2020-01-01", "2030-12-31")["programs"][0]["segments"]

A RuleSet may be shared by threads: the library is thread-safe and ctypes
lets go of the GIL while it decides.
"""
import ctypes
import ctypes.util
import datetime
import decimal
import json
import os

__all__ = ["RuleSet", "Error", "RecordRejected", "UsageError", "RulesError", "version", "abi_version"]

_DECIDED, _REJECTED, _USAGE, _FAILED = 0, 1, 2, 3
_REASONS, _ENGLISH, _UNKNOWN_WARN, _UNKNOWN_IGNORE, _WHAT_IF = 1, 2, 4, 8, 16


def _library_path():
    path = os.environ.get("TALENT_LIBRARY")
    if path:
        return path
    from . import _library  # written by the build: where the library it built is
    path = _library.LIBRARY
    if not os.path.isabs(path):
        path = os.path.normpath(os.path.join(os.path.dirname(os.path.abspath(__file__)), path))
    if os.path.exists(path):
        return path
    return ctypes.util.find_library("talent") or path


def _load():
    lib = ctypes.CDLL(_library_path())
    out = ctypes.POINTER(ctypes.c_void_p)
    lib.talent_version.restype = ctypes.c_char_p
    lib.talent_version.argtypes = []
    lib.talent_abi_version.restype = ctypes.c_int
    lib.talent_abi_version.argtypes = []
    for name in ("talent_rules_builtin",):
        getattr(lib, name).restype = ctypes.c_void_p
        getattr(lib, name).argtypes = [out]
    lib.talent_rules_load.restype = ctypes.c_void_p
    lib.talent_rules_load.argtypes = [ctypes.c_char_p, out]
    lib.talent_rules_free.restype = None
    lib.talent_rules_free.argtypes = [ctypes.c_void_p]
    for name in ("talent_decide", "talent_decide_batch"):
        getattr(lib, name).restype = ctypes.c_int
        getattr(lib, name).argtypes = [ctypes.c_void_p, ctypes.c_char_p, ctypes.c_size_t, ctypes.c_char_p,
                                       ctypes.c_uint, out]
    lib.talent_timeline.restype = ctypes.c_int
    lib.talent_timeline.argtypes = [ctypes.c_void_p, ctypes.c_char_p, ctypes.c_size_t, ctypes.c_char_p,
                                    ctypes.c_char_p, ctypes.c_uint, out]
    lib.talent_rules_json.restype = ctypes.c_int
    lib.talent_rules_json.argtypes = [ctypes.c_void_p, ctypes.c_uint, out]
    lib.talent_free.restype = None
    lib.talent_free.argtypes = [ctypes.c_void_p]
    return lib


_lib = _load()


def version():
    """The version of the library loaded, "major.minor.patch"."""
    return _lib.talent_version().decode()


def abi_version():
    """The library's ABI version (the number in libtalent.so.N)."""
    return _lib.talent_abi_version()


class Error(Exception):
    """A problem talent reports. `error` is its error object
    {"field", "code", "message"}; `code` is one of the contract's error codes."""

    def __init__(self, error, result=None):
        self.error = error
        self.result = result if result is not None else {"error": error}
        field = error.get("field")
        super().__init__((f"{field}: " if field else "") + str(error.get("message", "")))

    @property
    def code(self):
        return self.error.get("code")

    @property
    def field(self):
        return self.error.get("field")


class RecordRejected(Error):
    """The record was rejected; `result` is {"id", "record", "error"}, as
    `talent batch` prints it."""


class UsageError(Error, ValueError):
    """The call was wrong: a bad as_of or language; nothing was decided."""


class RulesError(Error):
    """A rule pack did not load; `diagnostics` lists every problem with its
    file, line and column."""

    @property
    def diagnostics(self):
        return self.result.get("diagnostics", [])


def _take(pointer):
    """The library's string at `pointer` as text, freed."""
    if not pointer:
        return None
    try:
        return ctypes.string_at(pointer).decode("utf-8")
    finally:
        _lib.talent_free(pointer)


def _missing(value):
    """None, NaN and pandas' NA and NaT: a fact the record does not give."""
    if value is None or type(value).__name__ in ("NAType", "NaTType"):
        return True
    try:
        return bool(value != value)  # NaN
    except Exception:
        return False


def _plain(value):
    """A value as JSON can hold it, with no float in money's way: dates as
    YYYY-MM-DD, Decimal as its exact text, numpy scalars as Python ones, and a
    float with no fraction as the whole number it is (pandas turns a column
    of whole numbers with gaps into floats: 48 becomes 48.0)."""
    if isinstance(value, dict) or hasattr(value, "items"):
        return _nested(value)
    if isinstance(value, (list, tuple)):
        return [_plain(v) for v in value]
    if isinstance(value, datetime.datetime):
        return value.date().isoformat()
    if isinstance(value, datetime.date):
        return value.isoformat()
    if isinstance(value, decimal.Decimal):
        return str(value)
    if isinstance(value, float) and value.is_integer():
        return int(value)
    if isinstance(value, (str, bool, int, float)):
        return value
    if hasattr(value, "item"):  # numpy and pandas scalars
        return _plain(value.item())
    return value


def _nested(mapping):
    """A record from a mapping: a key "employment.status" becomes the field
    status of the section employment; None and NaN are left out (unknown)."""
    out = {}
    for key, value in mapping.items():
        if _missing(value):
            continue
        parts = str(key).split(".")
        target = out
        for part in parts[:-1]:
            target = target.setdefault(part, {})
            if not isinstance(target, dict):
                raise UsageError({"field": str(key), "code": "duplicate",
                                  "message": f"'{key}' is given both as a value and as a section"})
        target[parts[-1]] = _plain(value)
    return out


def _record_bytes(record):
    if isinstance(record, bytes):
        return record
    if isinstance(record, str):
        return record.encode("utf-8")
    return json.dumps(_nested(record), ensure_ascii=False, separators=(",", ":")).encode("utf-8")


def _date_bytes(as_of):
    if as_of is None:
        return None
    if isinstance(as_of, datetime.datetime):
        as_of = as_of.date()
    if isinstance(as_of, datetime.date):
        as_of = as_of.isoformat()
    return str(as_of).encode("utf-8")


def _flags(reasons, language, unknown_fields=None, what_if=False):
    if language not in ("zh", "en"):
        raise UsageError({"field": None, "code": "invalid_value",
                          "message": f"language must be 'zh' or 'en', not {language!r}"})
    unknown = {None: 0, "reject": 0, "warn": _UNKNOWN_WARN, "ignore": _UNKNOWN_IGNORE}
    if unknown_fields not in unknown:
        raise UsageError({"field": None, "code": "invalid_value",
                          "message": f"unknown_fields must be 'reject', 'warn' or 'ignore', not {unknown_fields!r}"})
    return ((_REASONS if reasons else 0) | (_ENGLISH if language == "en" else 0) | unknown[unknown_fields]
            | (_WHAT_IF if what_if else 0))


class RuleSet:
    """A loaded rule pack: immutable, shared by any number of threads."""

    def __init__(self, handle):
        self._handle = handle
        self._info = None

    @classmethod
    def builtin(cls):
        """The Hohhot pack built into the library."""
        return cls._made(_lib.talent_rules_builtin, ())

    @classmethod
    def load(cls, directory):
        """The pack in `directory` (its manifest is pack.yaml); raises
        RulesError naming every problem when it does not load."""
        return cls._made(_lib.talent_rules_load, (os.fsencode(directory),))

    @classmethod
    def _made(cls, function, args):
        error = ctypes.c_void_p()
        handle = function(*args, ctypes.byref(error))
        if not handle:
            text = _take(error.value)
            result = json.loads(text) if text else {"error": {"field": None, "code": "limit",
                                                              "message": "out of memory"}}
            raise RulesError(result["error"], result)
        return cls(handle)

    def close(self):
        """Frees the rule set now rather than when it is collected."""
        if self._handle:
            _lib.talent_rules_free(self._handle)
            self._handle = None

    def __enter__(self):
        return self

    def __exit__(self, *exc):
        self.close()

    def __del__(self):
        if _lib is not None and getattr(self, "_handle", None):
            _lib.talent_rules_free(self._handle)

    def _call(self, function, data, dates, flags):
        if not self._handle:
            raise UsageError({"field": None, "code": "missing", "message": "the rule set was closed"})
        out = ctypes.c_void_p()
        status = function(self._handle, data, len(data), *(_date_bytes(d) for d in dates), flags, ctypes.byref(out))
        text = _take(out.value)
        if status == _FAILED or text is None:
            raise MemoryError("talent could not finish (out of memory)")
        if status == _USAGE:
            raise UsageError(json.loads(text)["error"])
        return status, text

    def decide(self, record, as_of=None, reasons=True, language="zh", unknown_fields=None, what_if=False):
        """Decides one record (a dict, or JSON or YAML text) as of `as_of`
        ("YYYY-MM-DD" or a date; None for today) and returns the decision as
        a dict. Raises RecordRejected, carrying the error object, when the
        record is rejected. `unknown_fields`: "warn" decides a record with a
        field the schema does not declare without it (listed in "ignored"),
        "ignore" without a word; None leaves it to the pack (Hohhot: reject).
        Values written in other forms (2024年6月30日, 30万, 是) are listed in
        "normalized". With `what_if`, each program the record is not
        eligible for carries "what_if": the fewest changes of facts that
        would make it eligible, as `talent check --what-if` gives them
        (far slower than the decision alone)."""
        status, text = self._call(_lib.talent_decide, _record_bytes(record), (as_of,),
                                  _flags(reasons, language, unknown_fields, what_if))
        result = json.loads(text)
        if status == _REJECTED:
            raise RecordRejected(result["error"], result)
        return result

    def decide_all(self, records, as_of=None, reasons=True, language="zh", unknown_fields=None, what_if=False):
        """Decides many records and returns one dict per record, in order:
        a decision, or for a rejected record {"id", "record", "error"} (no
        exception). `records` is an iterable of dicts (or of JSON texts of one
        object each), or one text in any input form talent reads (JSON Lines,
        a JSON array, YAML documents). `what_if` as for decide()."""
        if isinstance(records, (str, bytes)):
            data = _record_bytes(records)
        else:
            lines = []
            for r in records:
                text = _record_bytes(r)
                lines.append(b" ".join(text.splitlines()) if isinstance(r, (str, bytes)) else text)
            data = b"".join(line + b"\n" for line in lines)
        _, text = self._call(_lib.talent_decide_batch, data, (as_of,),
                             _flags(reasons, language, unknown_fields, what_if))
        return [json.loads(line) for line in text.splitlines()]

    def timeline(self, record, start=None, end=None, unknown_fields=None):
        """When each program's outcome changes for one record as the as-of
        date moves from `start` to `end` (both days included; "YYYY-MM-DD"
        or a date; None: ten years before, or after, today), as a dict
        {"id", "from", "to", "ruleset", "programs": [{"program", "segments":
        [{"from", "to", "status", "amount", "version"}]}]}, as `talent
        timeline --format json` gives it. Raises RecordRejected as decide()
        does, and UsageError for a date that is not a real day or an `end`
        before `start`."""
        status, text = self._call(_lib.talent_timeline, _record_bytes(record), (start, end),
                                  _flags(False, "zh", unknown_fields))
        result = json.loads(text)
        if status == _REJECTED:
            raise RecordRejected(result["error"], result)
        return result

    def info(self, language="zh"):
        """The rule set as a dict: id, version, digest, its versions, the
        programs with their conditions and amounts, the parameters with their
        dated values, the definitions, the record's fields, the clauses."""
        if not self._handle:
            raise UsageError({"field": None, "code": "missing", "message": "the rule set was closed"})
        out = ctypes.c_void_p()
        status = _lib.talent_rules_json(self._handle, _flags(False, language), ctypes.byref(out))
        text = _take(out.value)
        if status != _DECIDED or text is None:
            raise MemoryError("talent could not finish (out of memory)")
        return json.loads(text)

    def _summary(self):
        if self._info is None:
            self._info = self.info()
        return self._info

    @property
    def id(self):
        return self._summary()["id"]

    @property
    def version(self):
        return self._summary()["version"]

    @property
    def digest(self):
        return self._summary()["digest"]

    def __repr__(self):
        return f"<talent.RuleSet {self.id} {self.version}>" if self._handle else "<talent.RuleSet closed>"
