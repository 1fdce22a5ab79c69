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
