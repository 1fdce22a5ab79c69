import EnkatLog
import EnkatTestSupport
import Foundation
import Glibc
import Testing

/// Two (then three) CATI interviewers in pseudo-terminals over one sample, with the clock set per
/// process: they never get the same case; a complete fills its stratum's quota and the stratum
/// stops; a SIGKILLed interviewer's case comes back; an appointment is offered first when due;
/// every attempt is in the call files, and `enkat status` and `enkat rates` count them.
@Suite("CATI fieldwork")
struct CatiTests {
  let enkat = PackagePaths.enkat

  /// `enkat cati` in a pseudo-terminal, in UTC, the clock set to `now` when given.
  func cati(
    _ questionnaire: String, sample: String, data: String, station: String, interviewer: String,
    extra: [String] = [], now: String? = nil
  ) throws -> PTYSession {
    try PTYSession(
      enkat,
      ["cati", questionnaire, "--sample", sample, "--data", data, "--station", station, "--interviewer", interviewer]
        + extra,
      environment: PTYSession.defaultEnvironment + ["TZ=UTC"] + (now.map { ["ENKAT_NOW=\($0)"] } ?? []))
  }

  /// One interviewer of the team day: the fruit questionnaire, its sample and quotas.
  func caller(_ dir: TemporaryDirectory, station: String, interviewer: String, now: String) throws -> PTYSession {
    try cati(
      dir.file("frukt.json"), sample: dir.file("sample.sqlite"), data: dir.file("data"), station: station,
      interviewer: interviewer, extra: ["--quotas", dir.file("quotas.json")], now: now)
  }

  @Test("claims, quotas, a killed interviewer's case, a due appointment, and the files and status that count them")
  func teamDay() throws {
    let dir = TemporaryDirectory()
    TestFiles.write(fruitQuestionnaire, to: dir.file("frukt.json"))
    TestFiles.write(
      "id,namn,telefon,omrade\nM1,Anna,070-1,1\nM2,Bo,070-2,2\nM3,Cia,070-3,1\nM4,Dan,070-4,2\nM5,Eva,070-5,1\nM6,Finn,070-6,2\n",
      to: dir.file("register.csv"))
    TestFiles.write(
      #"{"by": "omrade", "targets": [{"omrade": 1, "target": 1}, {"omrade": 2, "target": 5}]}"#,
      to: dir.file("quotas.json"))
    let imported = try Shell.run(
      "\(enkat) sample import \(dir.file("register.csv")) --into \(dir.file("sample.sqlite")) --id id --contact namn,telefon --strata omrade"
    )
    #expect(imported.status == 0, "\(imported.text)")

    let a = try caller(dir, station: "SA", interviewer: "ia", now: "2026-12-01 10:00")
    try a.expect("Fall M1 (ny)")
    try a.expect("telefon: 070-1")
    try a.expect("> ")
    let b = try caller(dir, station: "SB", interviewer: "ib", now: "2026-12-01 10:00")
    try b.expect("Fall M2 (ny)", timeout: 20)
    try b.expect("> ")
    a.send("1\r")
    try a.expect("Sparat: fall M1, inget svar.")
    try a.expect("Fall M3 (ny)")
    try a.expect("> ")
    b.send("4\r")
    try b.expect("När ska vi ringa?")
    try b.expect("> ")
    b.send("10:30\r")
    try b.expect("Sparat: fall M2, bokad tid. → 2026-12-01 10:30")
    try b.expect("Fall M4 (ny)")
    try b.expect("> ")
    // A interviews M3 (the sample's id is the case id) and completes it: omrade 1 is full.
    a.send("i\r")
    try a.expect("frukt> ")
    a.send("1\r")
    try a.expect("nojd> ")
    a.send("3\r")
    try a.expect("kommentar> ")
    a.send("\r")
    try a.expect("slut> ")
    a.send("\r")
    try a.expect("Sparat: fall M3, fullständig intervju.")
    // M1 waits for its retry, M2 for its appointment, M4 is B's, M5 is in the full stratum.
    try a.expect("Fall M6 (ny)")
    try a.expect("> ")
    _ = try b.kill(signal: SIGKILL)
    a.send("2\r")
    try a.expect("Sparat: fall M6, upptaget.")
    try a.expect("Fall M4 (ny)", timeout: 20)  // B's claim died with B
    try a.expect("> ")
    a.send("q\r")
    try a.expect("Slut för i dag: 3 samtal.")
    #expect(try a.waitExit() == 0)

    let c = try caller(dir, station: "SC", interviewer: "ic", now: "2026-12-01 10:31")
    try c.expect("Fall M2 (bokad tid 2026-12-01 10:30)")
    try c.expect("2026-12-01 10:00  ib  bokad tid → 2026-12-01 10:30")
    try c.expect("> ")
    c.send("5\r")
    try c.expect("Sparat: fall M2, vägrar.")
    try c.expect("Fall M4 (ny)")
    try c.expect("> ")
    c.send("q\r")
    #expect(try c.waitExit() == 0)

    // Every attempt is in the stations' call files, each line whole and with its checksum.
    let check = """
      import json, sys, zlib
      for path in sys.argv[1:]:
          for line in open(path, "rb"):
              line = line.rstrip(b"\\n")
              assert line[-20:-10] == b',"crc32":"', line
              assert "%08x" % zlib.crc32(line[:-20] + b"}") == line[-10:-2].decode(), line
              r = json.loads(line)
              print(r["station"], r["case"], r["interviewer"], r["outcome"], r["aapor"], r["appointment"])
      """
    TestFiles.write(check, to: dir.file("calls.py"))
    let files = ["SA", "SB", "SC"].map { dir.file("data/frukt.\($0).calls.jsonl") }
    let calls = try Shell.run("python3 \(dir.file("calls.py")) \(files.joined(separator: " "))")
    #expect(
      calls.text.split(separator: "\n").map(String.init) == [
        "SA M1 ia noAnswer 3.13 None", "SA M3 ia complete 1.1 None", "SA M6 ia busy 3.12 None",
        "SB M2 ib appointment 2.21 2026-12-01T10:30:00Z", "SC M2 ic refusal 2.11 None",
      ], "\(calls.text)")

    let status = try Shell.run(
      "TZ=UTC ENKAT_NOW='2026-12-01 10:31' \(enkat) status --sample \(dir.file("sample.sqlite")) --quotas \(dir.file("quotas.json")) --format json"
    )
    #expect(status.status == 0, "\(status.text)")
    let json = try JSONSerialization.jsonObject(with: Data(status.text.utf8)) as? [String: Any] ?? [:]
    #expect(json["calls"] as? Int == 5)
    #expect(json["dispositions"] as? [String: Int] == ["I": 1, "R": 1, "UH": 2, "notCalled": 2])
    let interviewers = (json["byInterviewer"] as? [[String: Any]] ?? []).map {
      ($0["key"] as? String ?? "", $0["calls"] as? Int ?? 0)
    }
    #expect(interviewers.map(\.0) == ["ia", "ib", "ic"] && interviewers.map(\.1) == [3, 1, 1])
    let strata = json["byStratum"] as? [[String: Any]] ?? []
    #expect(strata.first?["completes"] as? Int == 1 && strata.first?["target"] as? Int == 1)
    let rates = try Shell.run("\(enkat) rates --sample \(dir.file("sample.sqlite")) --format json --lang en")
    #expect(rates.status == 0 && rates.text.contains("\"RR1: response rate\""), "\(rates.text)")

    // The interview is an ordinary response file, case M3 of station SA.
    let records = try ResponseLogWriter.read(
      path: ResponseLogWriter.path(directory: dir.file("data"), questionnaireID: "frukt", station: "SA"))
    #expect(Set(records.records.map(\.record.caseID)) == ["M3"])
    #expect(summary(records).last == "end complete")
  }

  @Test("a case reached from two machines' copies of a sample is kept twice and named by enkat status")
  func caseOnTwoStations() throws {
    let dir = TemporaryDirectory()
    TestFiles.write(fruitQuestionnaire, to: dir.file("frukt.json"))
    TestFiles.write("id,telefon\nM1,070-1\n", to: dir.file("register.csv"))
    for (sample, station) in [("one.sqlite", "SA"), ("two.sqlite", "SB")] {
      #expect(
        try Shell.run("\(enkat) sample import \(dir.file("register.csv")) --into \(dir.file(sample)) --id id").status
          == 0)
      let session = try cati(
        dir.file("frukt.json"), sample: dir.file(sample), data: dir.file("data"), station: station,
        interviewer: station.lowercased())
      try session.expect("Fall M1 (ny)")
      try session.expect("> ")
      session.send("i\r")
      for prompt in ["frukt> ", "nojd> ", "kommentar> ", "slut> "] {
        try session.expect(prompt)
        session.send((prompt == "frukt> " ? "2" : prompt == "nojd> " ? "4" : "") + "\r")
      }
      try session.expect("Sparat: fall M1, fullständig intervju.")
      try session.expect("> ")
      session.send("q\r")
      #expect(try session.waitExit() == 0)
    }
    let store = dir.file("store.sqlite")
    let collected = try Shell.run(
      "\(enkat) collect \(dir.file("data")) --into \(store) --questionnaire \(dir.file("frukt.json"))")
    #expect(collected.status == 0 && collected.text.contains("2 new"), "\(collected.text)")
    let status = try Shell.run("\(enkat) status \(store)")
    #expect(
      status.text.contains("warning: case M1 was interviewed on several stations: SA (complete), SB (complete)"),
      "\(status.text)")
  }

  /// A questionnaire that greets the respondent by the sample's name and asks one region more.
  static let preloading = """
    {
      "formatVersion": 1, "id": "halsning", "version": "1", "title": {"sv": "H", "en": "H"}, "languages": ["sv", "en"],
      "preload": [{"id": "namn", "type": "text"}, {"id": "region", "type": "number"}],
      "sections": [{"id": "s", "title": {"sv": "S", "en": "S"}, "questions": [
        {"id": "hej", "type": "singleChoice", "text": {"sv": "Hej {namn}! Stämmer det?", "en": "Hello {namn}! Right?"},
         "options": [{"code": 1, "label": {"sv": "Ja", "en": "Yes"}}, {"code": 2, "label": {"sv": "Nej", "en": "No"}}]},
        {"id": "norr", "type": "text", "askIf": "region = 3", "text": {"sv": "Om norr?", "en": "About the north?"}}
      ]}]
    }
    """

  @Test(
    "preload variables: enkat check holds them to the sample's columns and values; the interview fills and routes by them"
  )
  func preloads() throws {
    let dir = TemporaryDirectory()
    TestFiles.write(Self.preloading, to: dir.file("q.json"))
    func sample(_ name: String, _ csv: String) throws -> String {
      TestFiles.write(csv, to: dir.file(name + ".csv"))
      let out = try Shell.run(
        "\(enkat) sample import \(dir.file(name + ".csv")) --into \(dir.file(name + ".sqlite")) --id id --contact namn,telefon"
      )
      #expect(out.status == 0, "\(out.text)")
      return dir.file(name + ".sqlite")
    }
    let bad = try sample("bad", "id,namn,telefon,region\nM1,Anna,070-1,3\nM2,Bo,070-2,north\n")
    let checked = try Shell.run("\(enkat) check \(dir.file("q.json")) --sample \(bad)")
    #expect(checked.status == 1, "\(checked.text)")
    #expect(
      checked.text.contains(
        "error[E171]: respondent M2 (line 3 of the imported file): 'north' in 'region' is not a number"),
      "\(checked.text)")
    let noColumn = try sample("nocolumn", "id,namn,telefon\nM1,Anna,070-1\n")
    let missing = try Shell.run("\(enkat) check \(dir.file("q.json")) --sample \(noColumn)")
    #expect(
      missing.status == 1 && missing.text.contains("error[E170]: the sample has no column 'region'"), "\(missing.text)")
    let good = try sample("good", "id,namn,telefon,region\nM1,Anna,070-1,3\n")
    #expect(try Shell.run("\(enkat) check \(dir.file("q.json")) --sample \(good)").status == 0)

    let session = try cati(dir.file("q.json"), sample: good, data: dir.file("data"), station: "SA", interviewer: "ia")
    try session.expect("Fall M1 (ny)")
    try session.expect("> ")
    session.send("i\r")
    try session.expect("Hej Anna! Stämmer det?")
    try session.expect("hej> ")
    session.send("1\r")
    try session.expect("norr> ")  // region 3
    session.send("kallt\r")
    try session.expect("slut> ")
    session.send("\r")
    try session.expect("Sparat: fall M1, fullständig intervju.")
    try session.expect("> ")
    session.send("q\r")
    #expect(try session.waitExit() == 0)
    // The name stays in the sample: the response file holds the answers alone.
    let file = String(decoding: TestFiles.bytes(dir.file("data/halsning.SA.jsonl")), as: UTF8.self)
    #expect(file.contains("kallt") && !file.contains("Anna") && !file.contains("070-1"))
  }

  @Test("an interview whose screening answer puts it in a full stratum ends politely as over quota")
  func screenedOutOverQuota() throws {
    let dir = TemporaryDirectory()
    TestFiles.write(fruitQuestionnaire, to: dir.file("frukt.json"))
    TestFiles.write("id,telefon,omrade\nM1,070-1,2\n", to: dir.file("register.csv"))
    // The register says omrade 2 (open); the screening question frukt says which it really is.
    TestFiles.write(
      #"{"by": "omrade", "screening": {"omrade": "frukt"}, "targets": [{"omrade": 1, "target": 0}, {"omrade": 2, "target": 5}]}"#,
      to: dir.file("quotas.json"))
    #expect(
      try Shell.run(
        "\(enkat) sample import \(dir.file("register.csv")) --into \(dir.file("s.sqlite")) --id id --strata omrade"
      ).status == 0)
    let session = try cati(
      dir.file("frukt.json"), sample: dir.file("s.sqlite"), data: dir.file("data"), station: "SA", interviewer: "ia",
      extra: ["--quotas", dir.file("quotas.json")])
    try session.expect("Fall M1 (ny)")
    try session.expect("> ")
    session.send("i\r")
    try session.expect("frukt> ")
    session.send("1\r")  // omrade 1, whose target of 0 is reached
    try session.expect("Tack så mycket! Vi har redan tillräckligt många svar från din grupp")
    try session.expect("Sparat: fall M1, kvoten full.")
    try session.expect("> ")
    session.send("q\r")
    #expect(try session.waitExit() == 0)
    let records = try ResponseLogWriter.read(
      path: ResponseLogWriter.path(directory: dir.file("data"), questionnaireID: "frukt", station: "SA"))
    #expect(summary(records) == ["start", "frukt=1", "end breakOff"])
    let calls = String(decoding: TestFiles.bytes(dir.file("data/frukt.SA.calls.jsonl")), as: UTF8.self)
    #expect(calls.contains(#""outcome":"overQuota","aapor":"4.80""#), "\(calls)")
    TestFiles.write(#"{"by": "omrade", "screening": {"omrade": "fruit"}, "targets": []}"#, to: dir.file("wrong.json"))
    let wrong = try Shell.run(
      "\(enkat) cati \(dir.file("frukt.json")) --sample \(dir.file("s.sqlite")) --data \(dir.file("data")) --station SB --quotas \(dir.file("wrong.json")) < /dev/null"
    )
    #expect(wrong.status == 65 && wrong.text.contains("which is no question of"), "\(wrong.text)")
  }

  @Test(
    "four interviewers racing over 200 cases: every case is called exactly once, by one of them, and they share the work"
  )
  func racingInterviewers() throws {
    let dir = TemporaryDirectory()
    TestFiles.write(fruitQuestionnaire, to: dir.file("frukt.json"))
    TestFiles.write(
      "id,telefon\n" + (1...200).map { "R\($0),070-\($0)" }.joined(separator: "\n") + "\n", to: dir.file("register.csv")
    )
    #expect(
      try Shell.run("\(enkat) sample import \(dir.file("register.csv")) --into \(dir.file("s.sqlite")) --id id").status
        == 0)
    // Each records "no answer" for every case it is offered (a retry waits two hours on a stopped clock).
    TestFiles.write(String(repeating: "1\n", count: 120), to: dir.file("keys"))
    let callers = try (1...4).map { n in
      let process = Process()
      process.executableURL = URL(fileURLWithPath: enkat)
      process.arguments = [
        "cati", dir.file("frukt.json"), "--sample", dir.file("s.sqlite"), "--data", dir.file("data"), "--station",
        "R\(n)",
        "--interviewer", "i\(n)",
      ]
      process.environment = ["ENKAT_NOW": "2026-12-01 10:00", "PATH": "/usr/bin:/bin", "LANG": "C.UTF-8"]
      process.standardInput = try FileHandle(forReadingFrom: URL(fileURLWithPath: dir.file("keys")))
      process.standardOutput = FileHandle(forWritingAtPath: "/dev/null")
      FileManager.default.createFile(atPath: dir.file("err\(n)"), contents: nil)
      process.standardError = FileHandle(forWritingAtPath: dir.file("err\(n)"))
      try process.run()
      return process
    }
    for (n, process) in callers.enumerated() {
      process.waitUntilExit()
      let errors = String(decoding: TestFiles.bytes(dir.file("err\(n + 1)")), as: UTF8.self)
      #expect(process.terminationStatus == 0, "interviewer \(n + 1): \(errors)")
    }
    let perCase = try Shell.run(
      "python3 -c \"import sqlite3,sys; c=sqlite3.connect(sys.argv[1]); print(c.execute('select count(*), count(distinct case_id), count(distinct interviewer) > 1 from calls').fetchone())\" \(dir.file("s.sqlite"))"
    )
    #expect(perCase.text.trimmingCharacters(in: .whitespacesAndNewlines) == "(200, 200, 1)", "\(perCase.text)")
    let lines = try (1...4).map { n in
      String(decoding: TestFiles.bytes(dir.file("data/frukt.R\(n).calls.jsonl")), as: UTF8.self).split(separator: "\n")
        .count
    }
    #expect(lines.reduce(0, +) == 200, "every attempt in a call file: \(lines)")
  }

  @Test("a missing sample, a file that is no sample, a bad quota file and a station in use are refused clearly")
  func refusals() throws {
    let dir = TemporaryDirectory()
    TestFiles.write(fruitQuestionnaire, to: dir.file("frukt.json"))
    let q = dir.file("frukt.json")
    let missing = try Shell.run(
      "\(enkat) cati \(q) --sample \(dir.file("none.sqlite")) --data \(dir.file("data")) < /dev/null")
    #expect(missing.status == 66 && missing.text.contains("there is no sample at"), "\(missing.text)")
    TestFiles.write("not a database at all", to: dir.file("junk.sqlite"))
    let junk = try Shell.run(
      "\(enkat) cati \(q) --sample \(dir.file("junk.sqlite")) --data \(dir.file("data")) < /dev/null")
    #expect(junk.status == 66 && junk.text.contains("cannot be read as a sample"), "\(junk.text)")
    TestFiles.write("id,omrade\nM1,1\n", to: dir.file("r.csv"))
    let sample = dir.file("s.sqlite")
    #expect(
      try Shell.run("\(enkat) sample import \(dir.file("r.csv")) --into \(sample) --id id --strata omrade").status == 0)
    TestFiles.write("{\n  \"by\": \"region\",\n  \"targets\": []\n}", to: dir.file("quotas.json"))
    let quotas = try Shell.run(
      "\(enkat) cati \(q) --sample \(sample) --data \(dir.file("data")) --quotas \(dir.file("quotas.json")) < /dev/null"
    )
    #expect(
      quotas.status == 65
        && quotas.text.contains("quotas.json:2:9: error: 'region' is not a stratum column of the sample"),
      "\(quotas.text)")
    let first = try cati(q, sample: sample, data: dir.file("data"), station: "S1", interviewer: "ia")
    try first.expect("Fall M1 (ny)")
    let second = try Shell.run(
      "\(enkat) cati \(q) --sample \(sample) --data \(dir.file("data")) --station S1 --interviewer ib < /dev/null")
    #expect(second.status == 74 && second.text.contains("S1"), "\(second.text)")
    try first.expect("> ")
    first.send("q\r")
    #expect(try first.waitExit() == 0)
  }
}
