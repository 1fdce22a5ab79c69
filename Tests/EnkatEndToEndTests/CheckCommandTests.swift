import EnkatTestSupport
import Foundation
import Testing

@Suite("enkat check and the command line")
struct CheckCommandTests {
  let enkat = PackagePaths.enkat

  @Test("the flagship passes the check")
  func flagshipPasses() throws {
    let out = try Shell.run("\(enkat) check \(Shell.quote(PackagePaths.flagship))")
    #expect(out.status == 0, "\(out.text)")
    #expect(out.text.contains("ok: ssr-socialsekreterare-2019 version 1.0.0"))
  }

  @Test("a planted JSON syntax error is reported with file, line and column, and fails the check")
  func syntaxError() throws {
    let dir = TemporaryDirectory()
    var text = TestFiles.text(PackagePaths.flagship)
    text = text.replacingOccurrences(of: "\"version\": \"1.0.0\",", with: "\"version\": \"1.0.0\"")
    let file = dir.file("broken.json")
    TestFiles.write(text, to: file)
    let out = try Shell.run("\(enkat) check \(file)")
    #expect(out.status == 1)
    #expect(
      out.text.contains("\(file):6:3: error[E001]: invalid JSON: expected ',' or '}' after the value of \"version\""),
      "\(out.text)")
  }

  @Test("an unknown question in a routing expression names file, line, column, question and a fix")
  func unknownQuestion() throws {
    let dir = TemporaryDirectory()
    let text = TestFiles.text(PackagePaths.flagship).replacingOccurrences(
      of: "\"askIf\": \"area = 5\"", with: "\"askIf\": \"arae = 5\"")
    let file = dir.file("typo.json")
    TestFiles.write(text, to: file)
    let lines = text.split(separator: "\n", omittingEmptySubsequences: false)
    let line = lines.firstIndex { $0.contains("arae") }! + 1
    let column =
      lines[line - 1].distance(
        from: lines[line - 1].startIndex, to: lines[line - 1].range(of: "arae")!.lowerBound) + 1
    let out = try Shell.run("NO_COLOR=1 \(enkat) check \(file)")
    #expect(out.status == 1)
    #expect(
      out.text.contains(
        "\(file):\(line):\(column): error[E110]: unknown question 'arae' in the condition of 'areaOther'"
      ), "\(out.text)")
    #expect(out.text.contains("^^^^ did you mean 'area'?"))
  }

  @Test("--format json gives one parseable object per diagnostic, with its position")
  func jsonFormat() throws {
    let dir = TemporaryDirectory()
    let file = dir.file("typo.json")
    TestFiles.write(
      TestFiles.text(PackagePaths.flagship).replacingOccurrences(
        of: "\"askIf\": \"area = 1\"", with: "\"askIf\": \"arae = 1\""
      )
      .replacingOccurrences(of: "\"maxLength\": 200", with: "\"maxLenght\": 200"), to: file)
    let out = try Shell.run("\(enkat) check --format json \(file)")
    #expect(out.status == 1)
    let lines = out.text.split(separator: "\n").map(String.init)
    #expect(lines.count == 2, "\(out.text)")
    let objects = try lines.map { try #require(JSONSerialization.jsonObject(with: Data($0.utf8)) as? [String: Any]) }
    #expect(objects.map { $0["code"] as? String } == ["E004", "E110"])
    #expect(objects[1]["question"] as? String == "automation", "a section condition belongs to its section")
    #expect(objects[1]["hint"] as? String == "did you mean 'area'?")
    #expect((objects[1]["line"] as? Int ?? 0) > (objects[0]["line"] as? Int ?? 0))
    #expect(objects.allSatisfy { $0["file"] as? String == file && $0["column"] is Int })
  }

  @Test("--graph dot draws with Graphviz, and --graph mermaid gives a flowchart")
  func graph() throws {
    let dir = TemporaryDirectory()
    let out = try Shell.run("\(enkat) check --graph dot \(PackagePaths.flagship) | dot -Tsvg -o \(dir.file("r.svg"))")
    #expect(out.status == 0, "\(out.text)")
    #expect(TestFiles.text(dir.file("r.svg")).contains("automationAttitude"))
    let mermaid = try Shell.run("\(enkat) check --graph mermaid --lang en \(PackagePaths.flagship)")
    #expect(mermaid.status == 0)
    #expect(mermaid.text.hasPrefix("flowchart TD\n"))
    #expect(mermaid.text.contains("q_area[\"area: In which area do you mainly work?\"]"))
  }

  @Test("a missing file is a clear error")
  func missingFile() throws {
    let out = try Shell.run("\(enkat) check /nonexistent/q.json")
    #expect(out.status == 1)
    #expect(out.text.contains("/nonexistent/q.json: error: cannot read the file: No such file or directory"))
  }

  @Test("every subcommand has help, and the tool has a version")
  func helpAndVersion() throws {
    for args in ["--help", "check --help", "interview --help", "--version"] {
      let out = try Shell.run("\(enkat) \(args)")
      #expect(out.status == 0, "\(args): \(out.text)")
    }
    #expect(try Shell.run("\(enkat) --version").text.contains("0.1.0"))
    #expect(try Shell.run("\(enkat) interview --help").text.contains("--resume"))
  }

  @Test("interviewing with a questionnaire that has errors is refused, with the diagnostics")
  func interviewRefusesBrokenQuestionnaire() throws {
    let dir = TemporaryDirectory()
    let file = dir.file("typo.json")
    TestFiles.write(
      TestFiles.text(PackagePaths.flagship).replacingOccurrences(of: "\"area = 1\"", with: "\"arae = 1\""), to: file)
    let out = try Shell.run("\(enkat) interview \(file) --data \(dir.path) --station S1 < /dev/null")
    #expect(out.status == 1)
    #expect(out.text.contains("error[E110]: unknown question 'arae'"))
    #expect(TestDirectory.list(dir.path) == ["typo.json"], "no response file is created")
  }
}

@Suite("enkat check --against an earlier version")
struct CheckAgainstTests {
  let enkat = PackagePaths.enkat

  /// The flagship with `edits` applied, written to a temporary file.
  func edited(_ edits: [(String, String)], in dir: TemporaryDirectory) -> String {
    var text = TestFiles.text(PackagePaths.flagship)
    for (old, new) in edits {
      #expect(text.contains(old), "\(old)")
      text = text.replacingOccurrences(of: old, with: new)
    }
    let file = dir.file("v2.json")
    TestFiles.write(text, to: file)
    return file
  }

  @Test("edits that keep old response files from merging are errors at their line and column, in either file")
  func breakingEdits() throws {
    let dir = TemporaryDirectory()
    let file = edited(
      [
        (#""id": "prevention""#, #""id": "preventive""#),
        (#""code": 98,"#, #""code": 8,"#),
        (#""max": 50"#, #""max": 40"#),
        ("Hur många år har du arbetat som socialsekreterare?", "Hur länge har du arbetat som socialsekreterare?"),
      ], in: dir)
    let out = try Shell.run("\(enkat) check \(file) --against \(Shell.quote(PackagePaths.flagship))")
    #expect(out.status == 1, "\(out.text)")
    let old = PackagePaths.flagship
    #expect(out.text.contains("\(old):295:17: error[E201]: 'prevention' is not in the new version"), "\(out.text)")
    #expect(out.text.contains("\(file):14:19: error[E205]: the dontKnow code changed from 98 to 8"))
    #expect(out.text.contains("\(file):692:17: warning[W203]: the range of 'years' is narrower than before"))
    #expect(out.text.contains("\(file):692:17: warning[W204]: the text of 'years' changed"))
    #expect(out.text.contains("2 edits keep response files of \(old) (version 1.0.0) from merging with this version"))
    let json = try Shell.run("\(enkat) check \(file) --against \(Shell.quote(old)) --format json")
    #expect(json.text.split(separator: "\n").count { $0.contains("\"code\":\"E20") } == 2, "\(json.text)")
  }

  @Test("adding questions and options and widening a range keep the files mergeable")
  func compatibleEdits() throws {
    let dir = TemporaryDirectory()
    let file = edited(
      [
        (#""max": 50"#, #""max": 55"#),
        (
          #""id": "comment","#,
          #""id": "extra", "type": "text", "required": false, "text": {"sv": "Mer?", "en": "More?"}}, {"id": "comment","#
        ),
      ], in: dir)
    let out = try Shell.run("\(enkat) check \(file) --against \(Shell.quote(PackagePaths.flagship))")
    #expect(out.status == 0, "\(out.text)")
    #expect(out.text.contains("response files of \(PackagePaths.flagship) (version 1.0.0) merge with this version"))
    #expect(!out.text.contains("warning"))
  }
}
