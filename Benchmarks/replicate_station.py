#!/usr/bin/env python3
"""Write a long station file by repeating the cases of a short one.

Usage: replicate_station.py TEMPLATE.jsonl CASES STATION > OUT.jsonl

Every case of TEMPLATE (a file `enkat simulate` wrote) is copied in turn until CASES cases are
written, each with a new case id (STATION-000001, ...), the station id given, and sequence
numbers counting on from 1, so the result is a valid response file of that many cases.
"""
import json
import sys
import zlib


def main(template, cases, station):
    records, by_case, order = [], {}, []
    for line in open(template, "rb"):
        record = json.loads(line)
        if record["type"] == "tornTailSealed":
            continue
        if record["case"] not in by_case:
            by_case[record["case"]] = []
            order.append(record["case"])
        by_case[record["case"]].append(record)
    out = sys.stdout.buffer
    seq = 0
    for n in range(1, cases + 1):
        case_id = "%s-%06d" % (station, n)
        for record in by_case[order[(n - 1) % len(order)]]:
            seq += 1
            record = dict(record, seq=seq, station=station, case=case_id)
            record.pop("crc32")
            body = json.dumps(record, ensure_ascii=False, separators=(",", ":")).encode()
            out.write(body[:-1] + b',"crc32":"%08x"}\n' % zlib.crc32(body))


if __name__ == "__main__":
    main(sys.argv[1], int(sys.argv[2]), sys.argv[3])
