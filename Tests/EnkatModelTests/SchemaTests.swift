import EnkatTestSupport
import Foundation
import Testing

@Suite("JSON Schema")
struct SchemaTests {
  /// Validates with Python's jsonschema (an independent implementation of JSON Schema 2020-12).
  private func validate(_ files: [String]) throws -> Shell.Output {
    let dir = TemporaryDirectory()
    let script = """
      import json, sys, jsonschema
      schema = json.load(open(sys.argv[1]))
      jsonschema.Draft202012Validator.check_schema(schema)
      validator = jsonschema.Draft202012Validator(schema)
      bad = 0
      for path in sys.argv[2:]:
          for error in validator.iter_errors(json.load(open(path))):
              print(path, list(error.absolute_path), error.message)
              bad += 1
      sys.exit(1 if bad else 0)
      """
    TestFiles.write(script, to: dir.file("validate.py"))
    let schema = PackagePaths.root() + "/Questionnaires/schema/questionnaire.schema.json"
    return try Shell.run(
      "python3 \(dir.file("validate.py")) \(schema) " + files.map(Shell.quote).joined(separator: " "))
  }

  @Test("the schema validates every shipped questionnaire")
  func shipped() throws {
    let root = PackagePaths.root() + "/Questionnaires/"
    let files = TestDirectory.list(root).filter { $0.hasSuffix(".json") }.map { root + $0 }
    #expect(!files.isEmpty)
    let out = try validate(files)
    #expect(out.status == 0, "\(out.text)")
  }

  @Test("the schema rejects a misspelt key and a missing translation's wrong type")
  func rejects() throws {
    let dir = TemporaryDirectory()
    let text = TestFiles.text(PackagePaths.flagship)
      .replacingOccurrences(of: "\"askIf\": \"area = 5\"", with: "\"askif\": \"area = 5\"")
      .replacingOccurrences(of: "\"formatVersion\": 1", with: "\"formatVersion\": 2")
    TestFiles.write(text, to: dir.file("bad.json"))
    let out = try validate([dir.file("bad.json")])
    #expect(out.status == 1)
    #expect(out.text.contains("'askif' was unexpected"))
    #expect(out.text.contains("['formatVersion']"))
  }
}
