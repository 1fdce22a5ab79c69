#!/usr/bin/env python3
"""Read Enkät response files with nothing but docs/response-log.md and the Python standard library.

Usage: read_responses.py FILE.jsonl [FILE.jsonl ...]

Prints one JSON object: for every case, its questionnaire, outcome and responses in force (after
revisions and clears), and for every file the lines that are not valid records. It is an example of
a reader written from the format documentation alone, and the test suite runs it against files the
interviewer wrote to check that the documentation is enough.
"""
import json
import sys
import zlib

SUFFIX = b',"crc32":"'


def verified(line):
    """The record on `line` (bytes without the newline), or None with the reason."""
    if len(line) <= 20 or line[-20:-10] != SUFFIX or not line.endswith(b'"}'):
        return None, "no checksum"
    if "%08x" % zlib.crc32(line[:-20] + b"}") != line[-10:-2].decode("ascii", "replace"):
        return None, "checksum mismatch"
    return json.loads(line), None


def read(path):
    cases, problems, expected = {}, [], 1
    with open(path, "rb") as f:
        data = f.read()
    lines = data.split(b"\n")
    for number, line in enumerate(lines, 1):
        last = number == len(lines)
        if last and line == b"":
            break
        if last:
            problems.append({"line": number, "problem": "torn"})
            break
        if not line:
            continue
        record, why = verified(line)
        if record is None:
            problems.append({"line": number, "problem": why})
            continue
        if record["seq"] != expected:
            problems.append({"line": number, "problem": "sequence %d, expected %d" % (record["seq"], expected)})
        expected = max(expected, record["seq"] + 1)
        kind = record["type"]
        if kind == "tornTailSealed":
            continue
        case = cases.setdefault(record["case"], {"questionnaire": None, "outcome": None, "responses": {}})
        if kind == "start":
            case["questionnaire"] = record["questionnaire"]
            case["outcome"] = None
        elif kind == "resume":
            case["outcome"] = None
        elif kind == "answer":
            case["responses"][record["q"]] = record["value"] if "value" in record else {"missing": record["missing"]}
        elif kind == "clear":
            case["responses"].pop(record["q"], None)
        elif kind == "end":
            case["outcome"] = record["outcome"]
    return cases, problems


def main(paths):
    result = {"cases": {}, "problems": {}}
    for path in paths:
        cases, problems = read(path)
        result["cases"].update(cases)
        result["problems"][path] = problems
    json.dump(result, sys.stdout, ensure_ascii=False, sort_keys=True, indent=2)
    print()


if __name__ == "__main__":
    main(sys.argv[1:])
