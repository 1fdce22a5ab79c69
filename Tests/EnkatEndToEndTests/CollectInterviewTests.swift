import EnkatLog
import EnkatTestSupport
import Foundation
import Testing

/// Field data from the real interviewer in a pseudo-terminal — a revision that takes an answer off
/// the route, don't know, a case killed half way — collected with damage, and held to the
/// independent reader.
@Suite("enkat collect of interviews typed at a terminal")
struct CollectInterviewTests {
  let flagship = PackagePaths.flagship
  let id = "ssr-socialsekreterare-2019"

  /// The rest of a flagship interview; the automation questions are asked in economic aid only.
  private func finish(_ i: Interviewer, economicAid: Bool) throws {
    let automation = [("automationAttitude", "1"), ("automationAdvantages", "2"), ("automationDrawbacks", "1")]
    let answers =
      [
        ("satisfaction", "4"), ("legalCertainty", "1"), ("politicians", "Avskaffas"), ("prevention", "2"),
        ("threatened", "2"),
      ] + (economicAid ? automation : [])
      + [
        ("leaveIntention", "3"), ("ageGroup", "3"), ("years", "10"), ("gender", "1"), ("municipality", "1"),
        ("comment", ""), ("thanks", ""), ("slut", ""),
      ]
    for (question, keys) in answers {
      try i.answer(question, keys)
    }
    try i.see("avslutad (complete)")
  }

  @Test("a revision's off-route answer, don't know and a killed case arrive once each, damage quarantined")
  func interviews() throws {
    let dir = TemporaryDirectory()
    // Case 1: area 5 with its follow-up, then back to area 1: areaOther is taken off the route.
    let first = try Interviewer(flagship, data: dir.path)
    try first.answer("intro", "")
    try first.answer("area", "5")
    try first.answer("areaOther", "Socialjour")
    try first.answer("satisfaction", "/back")
    try first.answer("areaOther", "/back")
    try first.answer("area", "1")
    try finish(first, economicAid: true)
    #expect(try first.session.waitExit() == 0)
    // Case 2: don't know where it is allowed; case 3 killed after two answers.
    let second = try Interviewer(flagship, data: dir.path)
    try second.answer("intro", "")
    try second.answer("area", "/ref")
    try finish(second, economicAid: false)
    #expect(try second.session.waitExit() == 0)
    let third = try Interviewer(flagship, data: dir.path)
    try third.answer("intro", "")
    try third.answer("area", "2")
    try third.see("satisfaction> ")
    #expect(try third.session.kill(signal: SIGKILL) == 137)

    let file = ResponseLogWriter.path(directory: dir.path, questionnaireID: id, station: "S01")
    // The field's damage: a copy with a flipped byte and a torn last line, beside the original.
    var damaged = TestFiles.bytes(file)
    damaged[200] ^= 0x20  // in the first case's start record
    damaged += Array(#"{"v":1,"seq":99,"at":"2026"#.utf8)
    mkdir(dir.file("mail"), 0o700)
    TestFiles.append(damaged, to: dir.file("mail/S01.jsonl"))
    let store = dir.file("store.sqlite")
    let out = try Shell.run(
      "\(PackagePaths.enkat) collect \(dir.path) --into \(store) --questionnaire \(flagship) 2>&1")
    #expect(out.status == 0, "\(out.text)")
    #expect(out.text.contains("cases: 3 new"), "\(out.text)")
    #expect(out.text.contains("1 checksumMismatch") && out.text.contains("1 torn"), "\(out.text)")
    let listing = try Shell.run("\(PackagePaths.enkat) collect --quarantine --into \(store)")
    #expect(listing.text.contains("mail/S01.jsonl:"), "\(listing.text)")
    #expect(try StoreContents.matchesIndependentReader(store, files: [file, dir.file("mail/S01.jsonl")]) > 20)
    // The damaged copy's first case lost its start: its records wait for the station's
    // questionnaire, so the original first and the copy after give the same store.
    let reverse = dir.file("reverse.sqlite")
    for input in [file, dir.file("mail/S01.jsonl")] {
      #expect(
        try Shell.run("\(PackagePaths.enkat) collect \(input) --into \(reverse) --questionnaire \(flagship)").status
          == 0)
    }
    #expect(try StoreContents.dump(reverse) == StoreContents.dump(store))
    // The CSV from the data table (texts, a computed variable, option columns) equals the CSV
    // built from the histories of a store without the definition.
    let plain = dir.file("plain.sqlite")
    #expect(try Shell.run("\(PackagePaths.enkat) collect \(file) \(dir.file("mail")) --into \(plain)").status == 0)
    let exports = try [store, plain].map { source in
      try Shell.run("\(PackagePaths.enkat) export \(source) --questionnaire \(flagship) --out -").text
    }
    #expect(exports[0] == exports[1] && exports[0].contains("Socialjour") == false, "\(exports[0])")
    for (source, sav) in [(store, "table.sav"), (plain, "histories.sav")] {
      let out = try Shell.run(
        "\(PackagePaths.enkat) export \(source) --questionnaire \(flagship) --format sav --out \(dir.file(sav))")
      #expect(out.status == 0, "\(out.text)")
    }
    let same = """
      import sys, pyreadstat
      a, ma = pyreadstat.read_sav(sys.argv[1], user_missing=True, output_format="dict")
      b, mb = pyreadstat.read_sav(sys.argv[2], user_missing=True, output_format="dict")
      same = lambda x, y: x == y or (x != x and y != y)  # NaN is system-missing in both
      assert a.keys() == b.keys() and all(
          len(a[k]) == len(b[k]) and all(same(x, y) for x, y in zip(a[k], b[k])) for k in a), (a, b)
      assert ma.column_names == mb.column_names and ma.variable_value_labels == mb.variable_value_labels
      assert ma.missing_ranges == mb.missing_ranges and ma.readstat_variable_types == mb.readstat_variable_types
      print(len(a["case"]))
      """
    let compared = try Shell.run(
      "python3 -c \(Shell.quote(same)) \(dir.file("table.sav")) \(dir.file("histories.sav"))")
    #expect(compared.text.trimmingCharacters(in: .whitespacesAndNewlines) == "3", "\(compared.text)")
    let jsonl = try Shell.run(
      "\(PackagePaths.enkat) export \(store) --questionnaire \(flagship) --format jsonl --out -")
    let lines = jsonl.text.split(separator: "\n")
    #expect(lines.count == 3)
    #expect(lines[0].contains(#""area":1"#) && lines[0].contains(#""areaOther":{"status":"offRoute"}"#), "\(lines[0])")
    #expect(lines[1].contains(#""area":{"status":"refused"}"#), "\(lines[1])")
    #expect(lines[2].contains(#""outcome":"open""#) && lines[2].contains(#""area":2"#), "\(lines[2])")
  }
}
