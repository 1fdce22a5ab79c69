#!/usr/bin/env python3
"""Writes a realistic field of response files for the collect benchmark, in the real format.

Usage: generate_field.py questionnaire OUT.json
       generate_field.py field --questionnaire Q.json --digest sha256:HEX --cases N --stations S --out DIR

`questionnaire` writes the 60-question questionnaire the field answers (it passes `enkat check`):
q1…q60 in one section; every even question is asked only when the odd one before it is not 3;
every tenth is a multiple choice, every fifteenth a number, the rest single choices of 1–3 that
allow don't know and refused.

`field` writes N cases spread over S stations, one file per station (DIR/stationNNN/…jsonl), with
what fieldwork produces: option orders shown, answers with their time, don't know and refused,
revisions (a changed answer that takes a follow-up off the route is followed by its `clear`),
break-offs, cases suspended and resumed later in the same file, and, as damage, a torn last line
on the last station and a copy of the first station's file in DIR/backup/. About 65 records per
case. Each record carries its CRC-32, exactly as `enkat` writes it. Deterministic for a seed.
"""
import argparse
import json
import os
import random
import zlib
from multiprocessing import Pool

QUESTIONS = 60


def kind(i):
    if i % 10 == 0:
        return "multipleChoice"
    if i % 15 == 0:
        return "number"
    return "singleChoice"


def questionnaire():
    def t(sv, en):
        return {"sv": sv, "en": en}

    questions = []
    for i in range(1, QUESTIONS + 1):
        q = {"id": "q%d" % i, "text": t("Fråga %d?" % i, "Question %d?" % i), "type": kind(i)}
        if kind(i) == "number":
            q["range"] = {"min": 0, "max": 1000}
        else:
            q["options"] = [{"code": c, "label": t("Svar %d" % c, "Answer %d" % c)} for c in (1, 2, 3, 4)]
        if kind(i) != "singleChoice":
            q["allowMissing"] = []
        if i % 2 == 0 and kind(i - 1) == "singleChoice":
            q["askIf"] = "q%d != 3" % (i - 1)
        questions.append(q)
    return {
        "formatVersion": 1, "id": "benchmark-field", "version": "1", "title": t("Fältet", "The field"),
        "languages": ["sv", "en"],
        "missingCodes": [
            {"kind": "dontKnow", "code": 98, "label": t("Vet ej", "Don't know")},
            {"kind": "refused", "code": 99, "label": t("Vill inte svara", "Refused")}],
        "allowMissing": ["dontKnow", "refused"],
        "sections": [{"id": "s1", "title": t("Frågor", "Questions"), "questions": questions}],
    }


class StationWriter:
    def __init__(self, out, station, qid, digest):
        self.out, self.station, self.seq = out, station, 0
        self.qd = digest.split(":")[1][:16]
        self.qid, self.digest = qid, digest

    def write(self, at, case, rest):
        self.seq += 1
        body = ('{"v":1,"seq":%d,"at":"%s","station":"%s","case":"%s","qd":"%s",%s}' % (
            self.seq, at, self.station, case, self.qd, rest)).encode()
        self.out.write(body[:-1] + b',"crc32":"%08x"}\n' % zlib.crc32(body))


def answer_value(rng, i):
    k = kind(i)
    if k == "multipleChoice":
        return '"value":[%s]' % ",".join(str(c) for c in sorted(rng.sample((1, 2, 3, 4), rng.randint(1, 3))))
    if k == "number":
        return '"value":%d' % rng.randint(0, 1000)
    r = rng.random()
    if r < 0.03:
        return '"missing":"dontKnow"'
    if r < 0.045:
        return '"missing":"refused"'
    return '"value":%d' % rng.randint(1, 4)


def case_steps(rng):
    """The records of one case after its start, as (type, rest) pairs, plus its outcome."""
    steps, answers = [], {}
    stop = rng.randint(5, QUESTIONS) if rng.random() < 0.03 else None
    suspend_at = rng.randint(5, QUESTIONS - 5) if stop is None and rng.random() < 0.04 else None
    i = 1
    while i <= QUESTIONS:
        if stop is not None and i > stop:
            steps.append(("end", '"type":"end","outcome":"breakOff"'))
            return steps
        if i == suspend_at:
            steps.append(("suspend", '"type":"end","outcome":"suspended"'))
        # `q != 3` does not hold for 3, nor for don't know or refused (a missing value).
        if i % 2 == 0 and kind(i - 1) == "singleChoice" and answers.get(i - 1, "").startswith(('"value":3', '"missing"')):
            i += 1
            continue
        if kind(i) != "number" and i % 4 == 1:
            order = [1, 2, 3, 4]
            rng.shuffle(order)
            steps.append(("order", '"type":"order","q":"q%d","order":[%s]' % (i, ",".join(map(str, order)))))
        value = answer_value(rng, i)
        answers[i] = value
        steps.append(("answer", '"type":"answer","q":"q%d",%s,"ms":%d,"revision":false' % (i, value, rng.randint(800, 30000))))
        # A revision: back to the odd question, a new answer; a 3 takes the follow-up off the route.
        if i % 2 == 0 and kind(i - 1) == "singleChoice" and i - 1 in answers and rng.random() < 0.02:
            new = '"value":%d' % rng.choice((1, 2, 3))
            answers[i - 1] = new
            steps.append(("answer", '"type":"answer","q":"q%d",%s,"ms":%d,"revision":true' % (i - 1, new, rng.randint(800, 9000))))
            if new == '"value":3':
                steps.append(("clear", '"type":"clear","q":"q%d","reason":"offRoute"' % i))
                del answers[i]
        i += 1
    steps.append(("end", '"type":"end","outcome":"complete"'))
    return steps


def write_station(job):
    path, station, first_case, cases, qid, digest, seed = job
    rng = random.Random(seed)
    with open(path, "wb") as out:
        w = StationWriter(out, station, qid, digest)
        suspended = []  # (case id, remaining steps): resumed after the next case
        second = 0
        for n in range(first_case, first_case + cases):
            case = "%s-%06d" % (station, n)
            interviewer = "I%02d" % (int(station[1:]) % 40)
            day = 1 + (n - first_case) * 21 // max(cases, 1)
            second += rng.randint(300, 1200)
            at = "2019-10-%02dT%02d:%02d:%02d.000Z" % (day, 8 + (second // 3600) % 12, (second // 60) % 60, second % 60)
            w.write(at, case, '"type":"start","questionnaire":"%s","version":"1","digest":"%s","interviewer":"%s","language":"sv"' % (qid, digest, interviewer))
            steps = case_steps(rng)
            for k, (typ, rest) in enumerate(steps):
                if typ == "suspend":
                    w.write(at, case, rest)
                    suspended.append((case, steps[k + 1:], interviewer))
                    break
                w.write(at, case, rest)
            while len(suspended) > 0 and suspended[0][0] != case:
                sc, rest_steps, who = suspended.pop(0)
                w.write(at, sc, '"type":"resume","interviewer":"%s","language":"sv"' % who)
                for typ, rest in rest_steps:
                    w.write(at, sc, rest)
        for sc, rest_steps, who in suspended:
            w.write(at, sc, '"type":"resume","interviewer":"%s","language":"sv"' % who)
            for typ, rest in rest_steps:
                w.write(at, sc, rest)
    return path


def field(args):
    q = json.load(open(args.questionnaire))
    jobs, made = [], 0
    for s in range(args.stations):
        station = "S%03d" % (s + 1)
        cases = args.cases // args.stations + (1 if s < args.cases % args.stations else 0)
        folder = os.path.join(args.out, "station%03d" % (s + 1))
        os.makedirs(folder, exist_ok=True)
        jobs.append((os.path.join(folder, "%s.%s.jsonl" % (q["id"], station)), station, 1, cases, q["id"], args.digest,
                     args.seed * 100003 + s))
        made += cases
    with Pool(os.cpu_count()) as pool:
        paths = pool.map(write_station, jobs, chunksize=4)
    # Damage: a torn last line (a copy cut short) and a backup copy of one station's file.
    with open(paths[-1], "ab") as f:
        f.write(b'{"v":1,"seq":999999,"at":"2019-10-31T23:59:59.000Z","station":"S')
    os.makedirs(os.path.join(args.out, "backup"), exist_ok=True)
    with open(paths[0], "rb") as src, open(os.path.join(args.out, "backup", os.path.basename(paths[0])), "wb") as dst:
        dst.write(src.read())


def main():
    parser = argparse.ArgumentParser()
    sub = parser.add_subparsers(dest="command", required=True)
    qp = sub.add_parser("questionnaire")
    qp.add_argument("out")
    fp = sub.add_parser("field")
    fp.add_argument("--questionnaire", required=True)
    fp.add_argument("--digest", required=True)
    fp.add_argument("--cases", type=int, required=True)
    fp.add_argument("--stations", type=int, required=True)
    fp.add_argument("--out", required=True)
    fp.add_argument("--seed", type=int, default=1)
    args = parser.parse_args()
    if args.command == "questionnaire":
        with open(args.out, "w") as f:
            json.dump(questionnaire(), f, ensure_ascii=False, indent=1)
    else:
        field(args)


if __name__ == "__main__":
    main()
