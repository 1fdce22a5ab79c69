#!/usr/bin/env python3
"""Writes a large, valid Enkät questionnaire for benchmarks: N questions in sections of 50.

Usage: generate_questionnaire.py N > large.json
       generate_questionnaire.py --roster M > roster.json   (a loop of 20 questions for up to M members)

Every question but the first of a section has a condition on an earlier question of its section
(about a third are skipped on a typical route); every tenth question's text fills in an earlier
answer; every section ends with a computed variable; scales, single choices and numbers alternate.
"""
import json
import sys


def t(sv, en):
    return {"sv": sv, "en": en}


def main(n):
    sections, made = [], 0
    for s in range((n + 49) // 50):
        questions, first = [], made
        for k in range(min(50, n - made)):
            i = made
            qid = "q%d" % i
            kind = i % 3
            q = {"id": qid, "text": t("Fråga %d?" % i, "Question %d?" % i)}
            if kind == 0:
                q.update(type="singleChoice", options=[{"code": c, "label": t("Svar %d" % c, "Answer %d" % c)} for c in (1, 2, 3)])
            elif kind == 1:
                q.update(type="scale", scale={"min": 1, "max": 5, "minLabel": t("Låg", "Low"), "maxLabel": t("Hög", "High")})
            else:
                q.update(type="number", range={"min": 0, "max": 100})
            if k > 0:
                ref = first + (i * 7) % k
                q["askIf"] = "q%d != 2 or not answered(q%d)" % (ref, ref) if ref % 3 != 2 else "q%d < 70" % ref
            if k > 0 and i % 10 == 0:
                q["text"] = t("Fråga %d, efter {q%d}?" % (i, first), "Question %d, after {q%d}?" % (i, first))
            questions.append(q)
            made += 1
        questions.append({"id": "c%d" % s, "type": "computed", "expression": "answered(q%d) and answered(q%d)" % (first, made - 1)})
        sections.append({"id": "s%d" % s, "title": t("Del %d" % s, "Part %d" % s), "questions": questions})
    q = {"formatVersion": 1, "id": "benchmark-%d" % n, "version": "1", "title": t("Stor", "Large"),
         "languages": ["sv", "en"],
         "missingCodes": [{"kind": "dontKnow", "code": 98, "label": t("Vet ej", "Don't know")}],
         "allowMissing": ["dontKnow"], "sections": sections}
    json.dump(q, sys.stdout, ensure_ascii=False, indent=1)


def roster(members):
    """A household roster: a count of members (1..members) and a loop of 20 questions per member."""
    body = [{"id": "name", "type": "text", "maxLength": 30, "text": t("Namn på person {person}?", "Name of person {person}?")},
            {"id": "age", "type": "number", "range": {"min": 0, "max": 110}, "text": t("Hur gammal är {name}?", "How old is {name}?")}]
    for k in range(18):
        q = {"id": "p%d" % k, "text": t("Fråga %d om {name}?" % k, "Question %d about {name}?" % k)}
        if k % 2:
            q.update(type="scale", scale={"min": 1, "max": 5, "minLabel": t("Låg", "Low"), "maxLabel": t("Hög", "High")})
        else:
            q.update(type="singleChoice", options=[{"code": c, "label": t("Svar %d" % c, "Answer %d" % c)} for c in (1, 2, 3)])
        if k % 3 == 1:
            q["askIf"] = "age >= 16" if k % 2 else "p%d != 3" % (k - 1)
        body.append(q)
    sections = [
        {"id": "start", "title": t("Hushållet", "Household"), "questions": [
            {"id": "size", "type": "number", "range": {"min": 1, "max": members},
             "text": t("Hur många bor i hushållet?", "How many live in the household?")}]},
        {"id": "person", "title": t("Person {person} av {size}", "Person {person} of {size}"),
         "repeat": {"times": "size"}, "questions": body},
        {"id": "end", "title": t("Slut", "End"), "questions": [
            {"id": "first", "type": "display", "text": t("Tack, {name[1]}.", "Thank you, {name[1]}.")}]}]
    q = {"formatVersion": 1, "id": "roster-%d" % members, "version": "1", "title": t("Hushåll", "Household"),
         "languages": ["sv", "en"],
         "missingCodes": [{"kind": "dontKnow", "code": 98, "label": t("Vet ej", "Don't know")}],
         "allowMissing": ["dontKnow"], "sections": sections}
    json.dump(q, sys.stdout, ensure_ascii=False, indent=1)


if __name__ == "__main__":
    if sys.argv[1] == "--roster":
        roster(int(sys.argv[2]))
    else:
        main(int(sys.argv[1]))
