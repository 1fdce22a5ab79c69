import EnkatExpressions
import EnkatLog
import EnkatModel

/// The searchable columns of a record; the whole line is kept beside them (`raw`).
struct RecordColumns {
  var question: String?
  /// An answer's value as JSON: `3`, `[1,2]`, `12.5`, `"text"`.
  var value: String?
  var missing: String?
  var outcome: String?
  var milliseconds: Int?

  init(_ payload: ResponseRecord.Payload) {
    switch payload {
    case .answer(let q, let response, let ms, _):
      question = q
      milliseconds = ms
      switch response {
      case .integer(let n): value = String(n)
      case .integers(let codes): value = "[" + codes.map(String.init).joined(separator: ",") + "]"
      case .number(let n): value = Value.format(n)
      case .text(let s):
        var bytes: [UInt8] = []
        CanonicalJSON.writeString(s, into: &bytes)
        value = String(decoding: bytes, as: UTF8.self)
      case .missing(let m): missing = m
      }
    case .order(let q, _), .confirm(let q, _), .clear(let q):
      question = q
    case .questionOrder(let block, _):
      question = block
    case .end(let o):
      outcome = o.rawValue
    case .start, .resume, .language, .tornTailSealed:
      break
    }
  }
}
