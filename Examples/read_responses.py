#!/usr/bin/env python3
"""Read Enkät response files with nothing but docs/response-log.md and the Python standard library.

Usage: read_responses.py FILE.jsonl [FILE.jsonl ...]

Prints one JSON object:
  cases      questionnaire id -> station -> case id -> outcome and the responses in force
             (after revisions and clears)
  problems   file -> the lines and runs of lines that are not records that count
  duplicates records read again from a later file (copies), counted per file
  conflicts  different records under one station and sequence number (set aside with their cases)

It is an example of a reader written from the format documentation alone, and the test suite runs
it against files the interviewer wrote, and against damaged files, to check that the documentation
is enough. It follows the documentation's rules and never stops at a bad line: a line whose
checksum matches but which is not a record of version 1 is "malformed".
"""
import json
import sys
import zlib

SUFFIX = b',"crc32":"'
HEX = set(b"0123456789abcdef")
MAX_SEQ = 2 ** 53
TYPES = {
    "start": {"questionnaire": str, "version": str, "digest": str, "interviewer": str, "language": str},
    "resume": {"interviewer": str, "language": str},
    "answer": {"q": str, "ms": int, "revision": bool},
    "order": {"q": str, "order": list},
    "questionOrder": {"block": str, "order": list},
    "confirm": {"q": str, "check": int},
    "clear": {"q": str, "reason": str},
    "language": {"language": str},
    "end": {"outcome": str},
    "tornTailSealed": {"offset": int},
}


def is_int(x):
    return isinstance(x, int) and not isinstance(x, bool)


def checked(record):
    """The reason `record` (parsed JSON) is not a version-1 record, or None."""
    if not isinstance(record, dict):
        return "not a JSON object"
    if not is_int(record.get("v")) or record["v"] != 1:
        return "format version %r; this reader reads version 1" % (record.get("v"),)
    if not is_int(record.get("seq")) or not 1 <= record["seq"] <= MAX_SEQ:
        return "no sequence number in 1..2^53"
    for key in ("at", "station", "case", "qd", "type"):
        if not isinstance(record.get(key), str):
            return "no string %r" % key
    members = TYPES.get(record["type"])
    if members is None:
        return "unknown record type %r" % record["type"]
    for key, kind in members.items():
        value = record.get(key)
        if not (is_int(value) if kind is int else isinstance(value, kind)):
            return "no %s %r" % (kind.__name__, key)
    kind = record["type"]
    if kind == "answer":
        if isinstance(record.get("missing"), str):
            return None
        value = record.get("value")
        if isinstance(value, list):
            return None if all(is_int(c) for c in value) else "bad code list"
        if isinstance(value, (int, float, str)) and not isinstance(value, bool):
            return None
        return "an answer without value or missing"
    if kind == "order" and not all(is_int(c) for c in record["order"]):
        return "bad order"
    if kind == "questionOrder" and not all(isinstance(c, str) for c in record["order"]):
        return "bad order"
    if kind == "end" and record["outcome"] not in ("complete", "suspended", "breakOff"):
        return "unknown outcome"
    return None


def reject(name):
    raise ValueError("%s is not JSON" % name)


def verified(line):
    """(record, None) for a good line (bytes without its line break), or (None, reason)."""
    if len(line) <= 20 or line[-20:-10] != SUFFIX or not line.endswith(b'"}') or not set(line[-10:-2]) <= HEX:
        return None, "no checksum"
    if "%08x" % zlib.crc32(line[:-20] + b"}") != line[-10:-2].decode("ascii"):
        return None, "checksum mismatch"
    try:
        record = json.loads(line.decode("utf-8"), parse_constant=reject)
    except (ValueError, RecursionError) as error:  # invalid UTF-8, not JSON, nested too deep
        return None, "malformed: %s" % type(error).__name__
    why = checked(record)
    return (None, "malformed: " + why) if why else (record, None)


def read_file(path):
    """The records that count in one file, and its problems, by the documented rules."""
    with open(path, "rb") as f:
        data = f.read()
    problems, entries = [], []  # entry: [kind, line, offset, record-or-reason, crc]
    if data.startswith(b"\xef\xbb\xbf"):
        problems.append({"line": 1, "problem": "byte-order mark"})
    offset, number, crlf = 0, 0, []
    case_questionnaire, current = {}, {}  # a record's sequence stream is (station, questionnaire)
    while offset < len(data):
        number += 1
        end = data.find(b"\n", offset)
        if end < 0:
            entries.append(["bad", number, offset, "torn", 0])
            break
        line = data[offset + (3 if offset == 0 and data.startswith(b"\xef\xbb\xbf") else 0):end]
        if line.endswith(b"\r"):
            line = line[:-1]
            crlf.append(number)
        if line:
            record, why = verified(line)
            if record is None:
                entries.append(["bad", number, offset, why, 0])
            else:
                key = (record["station"], record["case"])
                if record["type"] == "start":
                    case_questionnaire[key] = current[record["station"]] = record["questionnaire"]
                record["_questionnaire"] = case_questionnaire.get(key, current.get(record["station"], ""))
                entries.append(["record", number, offset, record, line[-10:-2]])
        offset = end + 1
    if crlf:
        problems.append({"line": crlf[0], "problem": "Windows line endings on %d lines" % len(crlf)})
    # A tornTailSealed record seals the lines from its offset up to it that do not verify; one
    # that reaches back over records that verify is reported, and they are read.
    for k, entry in enumerate(entries):
        if entry[0] == "record" and entry[3]["type"] == "tornTailSealed":
            j, claimed = k - 1, 0
            while j >= 0 and entries[j][2] >= entry[3]["offset"]:
                if entries[j][0] == "bad":
                    entries[j][0] = "sealed"
                elif entries[j][0] == "record":
                    claimed += 1
                j -= 1
            if claimed:
                problems.append({"line": entry[1], "problem": "seal covers %d records that verify" % claimed})
    records, expected, seen, damaged, run = [], {}, {}, 0, None
    for kind, number, offset, content, crc in entries:
        if kind == "sealed":
            continue
        if kind == "bad":
            run = flush(run, problems)
            problems.append({"line": number, "problem": content})
            damaged += 1
            continue
        station, seq = (content["station"], content["_questionnaire"]), content["seq"]
        unknown = (station[0], "")
        if station[1] and station not in expected and unknown in expected:
            expected[station] = expected.pop(unknown)  # records before the first start
        want = expected.get(station, 1)
        if seq < want:
            same = seen.get((station, seq)) == crc
            if run and run["station"] == station and run["identical"] == same and run["last"] + 1 == seq:
                run["last"], run["lastLine"] = seq, number
            else:
                run = flush(run, problems)
                run = {"station": station, "first": seq, "last": seq, "line": number, "lastLine": number,
                       "identical": same}
            continue
        run = flush(run, problems)
        if seq > want and seq - want > damaged:
            problems.append({"line": number, "problem": "records %d-%d missing" % (want, seq - 1)})
        damaged = 0
        expected[station] = seq + 1
        seen[(station, seq)] = crc
        records.append((content, crc, number))
    flush(run, problems)
    problems.sort(key=lambda p: p["line"])
    return records, problems


def flush(run, problems):
    if run:
        problems.append({"line": run["line"], "problem": "records %d-%d repeated (%s) to line %d" % (
            run["first"], run["last"], "the same" if run["identical"] else "different: set aside", run["lastLine"])})
    return None


def main(paths):
    result = {"cases": {}, "problems": {}, "duplicates": {}, "conflicts": []}
    owners, kept = {}, []  # (station, seq) -> (crc, path, line, case)
    for path in paths:
        try:
            records, problems = read_file(path)
        except OSError as error:
            result["problems"][path] = [{"line": 0, "problem": "cannot read: %s" % error.strerror}]
            continue
        result["problems"][path] = problems
        for record, crc, line in records:
            key = (record["_questionnaire"], record["station"], record["seq"])
            if key in owners:
                if owners[key][0] == crc:
                    result["duplicates"][path] = result["duplicates"].get(path, 0) + 1
                else:
                    result["conflicts"].append({"questionnaire": key[0], "station": key[1], "seq": key[2],
                                                "first": owners[key][1:], "second": [path, line, record["case"]]})
                continue
            owners[key] = (crc, path, line, record["case"])
            kept.append(record)
    conflicting = {(c["questionnaire"], c["station"], c["first"][2]) for c in result["conflicts"]}
    conflicting |= {(c["questionnaire"], c["station"], c["second"][2]) for c in result["conflicts"]}
    clashing = {(c["questionnaire"], c["station"], c["seq"]) for c in result["conflicts"]}
    kept.sort(key=lambda r: (r["_questionnaire"], r["station"], r["seq"]))
    for record in kept:
        kind, questionnaire, station = record["type"], record["_questionnaire"], record["station"]
        if kind == "tornTailSealed" or (questionnaire, station, record["case"]) in conflicting \
                or (questionnaire, station, record["seq"]) in clashing:
            continue
        case = result["cases"].setdefault(questionnaire, {}).setdefault(station, {}).setdefault(
            record["case"], {"outcome": None, "responses": {}})
        if kind == "start":
            case["outcome"] = None
        elif kind == "resume":
            case["outcome"] = None
        elif kind == "answer":
            case["responses"][record["q"]] = record["value"] if "value" in record else {"missing": record["missing"]}
        elif kind == "clear":
            case["responses"].pop(record["q"], None)
        elif kind == "end":
            case["outcome"] = record["outcome"]
    json.dump(result, sys.stdout, ensure_ascii=False, sort_keys=True, indent=2)
    print()


if __name__ == "__main__":
    main(sys.argv[1:])
