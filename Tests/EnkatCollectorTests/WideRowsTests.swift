import EnkatDataset
import EnkatEngine
import EnkatLog
import EnkatModel
import EnkatTestSupport
import Testing

@testable import EnkatCollector

@Suite("A case's row of cells made from its history")
struct WideRowsTests {
  @Test(
    "cells read from where each answer in force is in the history equal those made from the responses",
    arguments: ["ssr-socialsekreterare-2019.json", "hushallsundersokning.json", "medborgarundersokning.json"])
  func answersReadInPlace(file: String) throws {
    let path = PackagePaths.root() + "/Questionnaires/" + file
    let questionnaire = try #require(QuestionnaireLoader.load(TestFiles.bytes(path), file: file).questionnaire)
    let rows = WideRows(questionnaire)
    let table = QuestionTable(questionnaire.instances.map(\.id))
    let ids = questionnaire.instances.map(\.id) + ["unknown"]
    var generator = SeededGenerator(seed: 5)
    // Values of every stored form, fitting their question's shape or not.
    let values: [RecordedResponse] = [
      .integer(1), .integer(2), .integer(-1), .integer(97), .integers([]), .integers([1]), .integers([2, 3, 1]),
      .number(12.5), .number(3), .text("x"), .text("2019-10-01"), .missing("dontKnow"), .missing("refused"),
      .missing("noAnswer"), .missing("other"),
    ]
    var compared = 0
    for _ in 0..<300 {
      var records: [StoredRecord] = []
      for seq in 1...Int.random(in: 1...80, using: &generator) {
        let q = ids.randomElement(using: &generator)!
        let payload: ResponseRecord.Payload =
          Int.random(in: 0..<8, using: &generator) == 0
          ? .clear(questionID: q)
          : .answer(
            questionID: q, response: values.randomElement(using: &generator)!, elapsedMilliseconds: seq,
            revision: false)
        records.append(
          StoredRecord(
            sequence: seq, time: "2019-10-01T08:00:00.000Z", questionnaireDigest: "d", payload: payload, fileID: 1,
            line: seq))
      }
      let history = CaseHistoryCodec.encode(records)
      var valueAt = [Int](repeating: -1, count: questionnaire.instances.count)
      #expect(CaseHistoryCodec.visitAnswers(history, questions: table) { valueAt[$0] = $1 })
      let fast = rows.cells(history, valueAt: valueAt)
      let slow = rows.cells(responses(history, questionnaire), firstAt: "2019-10-01T08:00:00.000Z")
      for (k, variable) in rows.codebook.variables.enumerated() {
        if case .computed = variable.content { continue }  // made from the responses only
        #expect(fast[k] == slow[k], "\(variable.name)")
        compared += 1
      }
    }
    #expect(compared > 300 * 10)
  }

  @Test("question ids are found by their bytes, each at its index, the first of a repeated id; others are not")
  func questionIds() {
    let ids = ["q1", "q10", "q1[2]", "", "å", "q1", "q2"] + (0..<200).map { "v\($0)" }
    let table = QuestionTable(ids)
    func index(_ id: String) -> Int? { Array(id.utf8).withUnsafeBufferPointer { table.index(of: $0) } }
    for (k, id) in ids.enumerated() { #expect(index(id) == ids.firstIndex(of: id), "\(k) \(id)") }
    #expect(index("q1") == 0)
    for absent in ["q", "q11", "q1[", "a", "v200", "V1", "q1 "] { #expect(index(absent) == nil, "\(absent)") }
  }

  /// The responses in force of a history, each as its question's shape reads it.
  private func responses(_ history: [UInt8], _ questionnaire: Questionnaire) -> [Response?] {
    var responses = [Response?](repeating: nil, count: questionnaire.instances.count)
    _ = CaseHistoryCodec.visitResponses(history, questions: QuestionTable(questionnaire.instances.map(\.id))) {
      k, recorded in
      responses[k] = recorded.flatMap { $0.response(for: questionnaire.instances[k]) }
    }
    return responses
  }
}
