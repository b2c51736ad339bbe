#!/usr/bin/env python3
"""decide.py: decides applicant records with a running `talent serve` and
prints one line of JSON per record, exactly as `talent batch` does.

    talent serve --port 8080 &
    TALENT_URL=http://127.0.0.1:8080 python3 decide.py [--as-of YYYY-MM-DD] [--lang en] [--no-reasons] [--what-if] FILE...

Each FILE holds JSON: one record, JSON Lines, or a JSON array of records.
They are sent as {"records": [...]}, up to 1000 a request (the service's
limit; 100 with --what-if). Python's standard library only. Exit status as talent batch's: 0
every record decided, 1 a record rejected, 2 a usage error or a request the
service refused (the reason on standard error).
"""
import argparse
import json
import os
import sys
import urllib.error
import urllib.parse
import urllib.request

MAX_RECORDS = 1000  # a request's limit (docs/limits.md)
MAX_WHAT_IF_RECORDS = 100  # the same with what_if=true


def post(url, body):
    """(status, the answer as a dict) of POST url with a JSON body."""
    request = urllib.request.Request(url, data=body.encode("utf-8"), method="POST",
                                     headers={"Content-Type": "application/json"})
    try:
        with urllib.request.urlopen(request, timeout=60) as answer:
            return answer.status, json.loads(answer.read())
    except urllib.error.HTTPError as refused:
        return refused.code, json.loads(refused.read())


def bodies(text, most):
    """The request bodies for a file's records, at most `most` a request,
    each record's text unchanged (but the records of a JSON array of more
    than `most`, written anew), and
    the line of the file each record starts on, where it is known (JSON Lines
    and a file of one record): a request has no lines of a file of its own."""
    stripped = text.strip()
    starts = []
    if stripped.startswith("["):
        records = json.loads(stripped)
        if len(records) <= most:
            return [('{"records": ' + stripped + "}", [])]
        texts = [json.dumps(r, ensure_ascii=False) for r in records]
    else:
        try:
            json.loads(stripped)
            texts = [stripped]  # one record, on one line or many
            starts = [len(text[:len(text) - len(text.lstrip())].splitlines()) + 1]
        except ValueError:
            lines = text.splitlines()
            starts = [n for n, line in enumerate(lines, 1) if line.strip()]
            texts = [lines[n - 1] for n in starts]  # JSON Lines
    return [('{"records": [' + ",".join(texts[i:i + most]) + "]}", starts[i:i + most])
            for i in range(0, len(texts), most)]


def main():
    parser = argparse.ArgumentParser(description="decide applicant records with talent serve")
    parser.add_argument("--as-of", help="YYYY-MM-DD (default: the service's today)")
    parser.add_argument("--lang", default="zh", choices=["zh", "en"])
    parser.add_argument("--no-reasons", action="store_true")
    parser.add_argument("--what-if", action="store_true", help="what would make each program not granted eligible")
    parser.add_argument("files", nargs="+", metavar="FILE")
    args = parser.parse_args()

    query = {"lang": args.lang, "reasons": "none" if args.no_reasons else "full"}
    if args.as_of:
        query["as_of"] = args.as_of
    if args.what_if:
        query["what_if"] = "true"
    url = os.environ.get("TALENT_URL", "http://127.0.0.1:8080") + "/v1/decisions?" + urllib.parse.urlencode(query)
    rejected = False
    for path in args.files:
        with open(path, encoding="utf-8") as f:
            text = f.read()
        numbered = 0  # records of this file answered so far
        for body, starts in bodies(text, MAX_WHAT_IF_RECORDS if args.what_if else MAX_RECORDS):
            status, answer = post(url, body)
            if status not in (200, 422):  # 422: decided, with at least one record rejected
                print(f"decide.py: {path}: the service answered {status}: {answer['error']['message']}", file=sys.stderr)
                return 2
            for i, result in enumerate(answer["results"]):
                if "error" in result:
                    rejected = True
                    number = result["record"] + numbered  # numbered within each request; from 1 in the file here
                    where = {"record": number, "line": starts[i]} if i < len(starts) else {"record": number}
                    result = {k: v for k, v in result.items() if k in ("id",)} | where | \
                             {k: v for k, v in result.items() if k not in ("id", "record", "line")}
                print(json.dumps(result, ensure_ascii=False, separators=(",", ":")))
            numbered += answer["records"]
    return 1 if rejected else 0


if __name__ == "__main__":
    sys.exit(main())
