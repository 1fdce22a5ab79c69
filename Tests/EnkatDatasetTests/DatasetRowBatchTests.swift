import Testing

@testable import EnkatDataset

@Suite("A batch of dataset rows held flat for the .sav writer")
struct DatasetRowBatchTests {
  @Test("cells appended one by one and by row read back as kinds, numbers and zero-ended texts in order")
  func cellsReadBack() {
    var batch = DatasetRowBatch(columns: 3)
    batch.append(text: "S01")
    batch.append(.missing(code: 98, kind: .dontKnow))
    batch.append(.empty)
    "a\u{0}b".utf8CString.withUnsafeBytes { bytes in
      batch.appendRow { cells, texts in
        // Column 1 is left as it is: empty. A text with a zero byte keeps its length.
        cells.set(text: UnsafeRawBufferPointer(rebasing: bytes.dropLast()), at: 0, texts: &texts)
        cells.set(number: 2.5, at: 2)
      }
    }
    #expect(batch.count == 2)
    #expect(batch.kinds == [.text, .number, .empty, .text, .empty, .number])
    #expect(batch.numbers == [3, 98, 0, 3, 0, 2.5])
    #expect(batch.texts == Array("S01".utf8) + [0, UInt8(ascii: "a"), 0, UInt8(ascii: "b"), 0])
  }

  @Test("a row being appended is not counted until it is whole")
  func partialRow() {
    var batch = DatasetRowBatch(columns: 2)
    batch.append(number: 1)
    #expect(batch.count == 0)
    batch.appendEmpty()
    #expect(batch.count == 1)
  }
}
