#!/usr/bin/env python3
"""The collect benchmark's peer: the same merge in DuckDB, and a check that both give one table.

Usage: duckdb_merge.py FIELD_DIR WIDE_CSV [ENKAT_CSV]
       duckdb_merge.py --compare WIDE_CSV ENKAT_CSV

Reads every *.jsonl under FIELD_DIR with DuckDB's JSON reader (lines that are not JSON, such as
a torn last line, are skipped), keeps one record per station and seq (copies merge once),
applies answers and clears in seq order (the last one per case and question counts; a clear
leaves nothing), keeps the cases whose last start, resume or end is an end with outcome
complete, pivots them into one row per case and a column per question, and writes that table to
WIDE_CSV with COPY. Prints the time of the merge and of the COPY (2 threads, as enkat has).

With ENKAT_CSV (`enkat export --format csv` of the same field), checks that every complete case
has the same value for every question in both: a code, don't know as 98 and refused as 99, a
multiple choice as its 0/1 option columns, off route and not asked as empty. Exits 1 on the
first difference.
"""
import csv
import json
import sys
import time

import duckdb


def merge(field, out):
    start = time.time()
    con = duckdb.connect()
    con.execute("SET threads TO 2")
    con.execute(f"""
        CREATE TABLE records AS SELECT * FROM read_json('{field}/**/*.jsonl', format='newline_delimited',
          ignore_errors=true, columns={{'seq': 'BIGINT', 'station': 'VARCHAR', 'case': 'VARCHAR', 'type': 'VARCHAR',
          'q': 'VARCHAR', 'value': 'JSON', 'missing': 'VARCHAR', 'outcome': 'VARCHAR'}})""")
    con.execute("""
        CREATE TABLE unique_records AS SELECT * FROM records
        QUALIFY row_number() OVER (PARTITION BY station, seq) = 1""")
    con.execute("""
        CREATE TABLE latest AS
        SELECT station, "case", q, CASE WHEN type = 'clear' THEN NULL ELSE coalesce(value::VARCHAR, missing) END AS v
        FROM unique_records WHERE type IN ('answer', 'clear')
        QUALIFY row_number() OVER (PARTITION BY station, "case", q ORDER BY seq DESC) = 1""")
    con.execute("""
        CREATE TABLE complete AS SELECT station, "case" FROM unique_records WHERE type IN ('start', 'resume', 'end')
        QUALIFY row_number() OVER (PARTITION BY station, "case" ORDER BY seq DESC) = 1
          AND type = 'end' AND outcome = 'complete'""")
    con.execute("""
        CREATE TABLE wide AS PIVOT (SELECT l.* FROM latest l JOIN complete c USING (station, "case"))
        ON q USING first(v) GROUP BY station, "case" """)
    merged = time.time() - start
    rows = con.execute("SELECT count(*) FROM wide").fetchone()[0]
    start = time.time()
    con.execute(f"COPY (SELECT * FROM wide ORDER BY station, \"case\") TO '{out}' (HEADER)")
    print("duckdb: merge %.2f s (%d complete cases), COPY to CSV %.2f s" % (merged, rows, time.time() - start))


def compare(duck_csv, enkat_csv):
    duck = {(r["station"], r["case"]): r for r in csv.DictReader(open(duck_csv, newline="", encoding="utf-8"))}
    checked = 0
    complete = 0
    for row in csv.DictReader(open(enkat_csv, newline="", encoding="utf-8")):
        if row["outcome"] != "complete":
            continue
        complete += 1
        other = duck.pop((row["station"], row["case"]), None)
        if other is None:
            sys.exit("case %s %s is complete in enkat's table only" % (row["station"], row["case"]))
        for q, v in other.items():
            if q in ("station", "case"):
                continue
            want = {"dontKnow": "98", "refused": "99"}.get(v, v or "")
            if want.startswith("["):
                chosen = json.loads(want)
                for name in row:
                    if name.startswith(q + "_"):
                        expected = "1" if int(name[len(q) + 1:]) in chosen else "0"
                        if row[name] != expected:
                            sys.exit("case %s %s, %s: enkat %r, duckdb %r" % (row["station"], row["case"], name, row[name], want))
                        checked += 1
                continue
            if row.get(q, "") != want:
                sys.exit("case %s %s, %s: enkat %r, duckdb %r" % (row["station"], row["case"], q, row.get(q), want))
            checked += 1
    if duck:
        sys.exit("%d complete cases in DuckDB's table only, e.g. %s" % (len(duck), next(iter(duck))))
    print("same table: %d complete cases, %d values compared" % (complete, checked))


if __name__ == "__main__":
    if sys.argv[1] == "--compare":  # a table written before, against enkat's CSV
        compare(sys.argv[2], sys.argv[3])
        sys.exit(0)
    merge(sys.argv[1], sys.argv[2])
    if len(sys.argv) > 3:
        compare(sys.argv[2], sys.argv[3])
