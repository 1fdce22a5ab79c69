import CReadStat
import EnkatDataset
import EnkatModel
import Glibc

/// Writes a dataset as an SPSS system file (.sav) through ReadStat, a row at a time: the
/// codebook's variables with their labels, value labels, formats and measures, and don't know /
/// refused declared as user-missing values; row-compressed, UTF-8. Empty cells are
/// system-missing (numbers) or empty (texts). A .sav file states its number of rows and its text
/// widths before the rows, so the caller gives both (a first pass over the data finds them).
public final class SavWriter {
  /// A leading column before the codebook's variables: a text of at most `width` bytes.
  public struct Lead: Sendable {
    public var name: String
    public var label: String
    public var width: Int

    public init(name: String, label: String, width: Int) {
      self.name = name
      self.label = label
      self.width = width
    }
  }

  private let path: String
  private let fd: Int32
  private let sink: Sink
  private let writer: UnsafeMutablePointer<readstat_writer_t>
  /// The file's variables (the leads, then the codebook's) and whether each holds texts.
  private var columns: [(variable: UnsafeMutablePointer<readstat_variable_t>?, isText: Bool)] = []

  /// Opens `path` for `rowCount` rows; `textWidths` gives, per codebook variable, the most UTF-8
  /// bytes of its text cells (ignored for numeric variables).
  public init(
    path: String, codebook: Codebook, leads: [Lead], textWidths: [Int], rowCount: Int, language: String
  ) throws(ExportError) {
    self.path = path
    fd = open(path, O_WRONLY | O_CREAT | O_TRUNC | O_CLOEXEC, 0o600)
    guard fd >= 0 else { throw .cannotWrite(path, String(cString: strerror(errno))) }
    sink = Sink(fd: fd)
    guard let writer = readstat_writer_init() else {
      close(fd)
      throw .failed(path, "ReadStat could not start")
    }
    self.writer = writer
    readstat_set_data_writer(writer, writeBytes)
    readstat_writer_set_compression(writer, READSTAT_COMPRESS_ROWS)
    readstat_writer_set_file_label(writer, Self.clipped(codebook.title.text(in: language), bytes: 64))
    for lead in leads {
      let v = readstat_add_variable(writer, lead.name, READSTAT_TYPE_STRING, max(1, lead.width))
      readstat_variable_set_label(v, lead.label)
      readstat_variable_set_measure(v, READSTAT_MEASURE_NOMINAL)
      columns.append((v, true))
    }
    for (k, variable) in codebook.variables.enumerated() {
      let text: Bool
      switch variable.type {
      case .text, .date: text = true
      case .numeric: text = false
      }
      let width = text ? max(1, k < textWidths.count ? textWidths[k] : 1) : 0
      let v = readstat_add_variable(writer, variable.name, text ? READSTAT_TYPE_STRING : READSTAT_TYPE_DOUBLE, width)
      readstat_variable_set_label(v, Self.clipped(variable.label.text(in: language), bytes: 255))
      switch variable.measure {
      case .nominal: readstat_variable_set_measure(v, READSTAT_MEASURE_NOMINAL)
      case .ordinal: readstat_variable_set_measure(v, READSTAT_MEASURE_ORDINAL)
      case .scale: readstat_variable_set_measure(v, READSTAT_MEASURE_SCALE)
      }
      if !text {
        if case .numeric(let decimals) = variable.type {
          readstat_variable_set_format(v, "F\(max(8, 3 + decimals)).\(min(decimals, 6))")
        }
        let labels =
          variable.valueLabels.map { (Double($0.code), $0.label.text(in: language)) }
          + variable.missingCodes.map { (Double($0.code), $0.label.text(in: language)) }
        if !labels.isEmpty {
          let set = readstat_add_label_set(writer, READSTAT_TYPE_DOUBLE, "labels\(k)")
          for (value, label) in labels { readstat_label_double_value(set, value, label) }
          readstat_variable_set_label_set(v, set)
        }
        for missing in variable.missingCodes.prefix(3) {
          readstat_variable_add_missing_double_value(v, Double(missing.code))
        }
      }
      columns.append((v, text))
    }
    let status = readstat_begin_writing_sav(writer, Unmanaged.passUnretained(sink).toOpaque(), rowCount)
    guard status == READSTAT_OK else {
      readstat_writer_free(writer)
      close(fd)
      throw .failed(path, Self.message(status))
    }
  }

  deinit {
    readstat_writer_free(writer)
    close(fd)
  }

  /// Writes the batch's rows: each the leads' texts, then a cell per codebook variable. A number
  /// in a text variable is written as its digits; a text in a numeric variable, and an empty
  /// number, is system-missing.
  public func add(_ batch: DatasetRowBatch) throws(ExportError) {
    guard batch.columns == columns.count else {
      // A data table changed by hand (a column added or dropped) no longer matches the codebook.
      throw .failed(path, "rows of \(batch.columns) cells for \(columns.count) columns")
    }
    var status = READSTAT_OK
    let columns = self.columns
    batch.kinds.withUnsafeBufferPointer { kinds in
      batch.numbers.withUnsafeBufferPointer { numbers in
        batch.texts.withUnsafeBufferPointer { texts in
          var text = 0
          var cell = 0
          for _ in 0..<batch.count {
            // The header is written at the first row: a metadata error shows here, and nothing
            // may be inserted after a failed begin_row.
            status = readstat_begin_row(writer)
            guard status == READSTAT_OK else { return }
            for (v, isText) in columns {
              let n = numbers[cell]
              switch (kinds[cell], isText) {
              case (.number, false): status = readstat_insert_double_value(writer, v, n)
              case (.empty, false), (.text, false): status = readstat_insert_missing_value(writer, v)
              case (.text, true):
                status = readstat_insert_string_value(writer, v, texts.baseAddress! + text)
              case (.empty, true): status = readstat_insert_string_value(writer, v, "")
              case (.number, true):
                let digits = n == n.rounded() && abs(n) < 1e15 ? String(Int64(n)) : String(n)
                status = readstat_insert_string_value(writer, v, digits)
              }
              if kinds[cell] == .text { text += Int(n) + 1 }
              cell += 1
              guard status == READSTAT_OK else { return }
            }
            status = readstat_end_row(writer)
            guard status == READSTAT_OK else { return }
          }
        }
      }
    }
    guard status == READSTAT_OK else { throw .failed(path, Self.message(status)) }
  }

  /// Ends the file (it fails when fewer or more rows were added than announced).
  public func finish() throws(ExportError) {
    let status = readstat_end_writing(writer)
    guard status == READSTAT_OK else { throw .failed(path, Self.message(status)) }
    guard sink.flush() else { throw .cannotWrite(path, String(cString: strerror(errno))) }
  }

  /// `text` cut to at most `bytes` UTF-8 bytes, at a character boundary.
  static func clipped(_ text: String, bytes: Int) -> String {
    var count = 0
    return String(
      text.prefix { c in
        count += c.utf8.count
        return count <= bytes
      })
  }

  static func message(_ status: readstat_error_t) -> String { String(cString: readstat_error_message(status)) }

  /// Buffers what ReadStat writes (it calls back about once per row) into large writes.
  final class Sink {
    let fd: Int32
    var buffer: [UInt8] = []
    var failed = false

    init(fd: Int32) {
      self.fd = fd
      buffer.reserveCapacity(1 << 20)
    }

    func append(_ bytes: UnsafeRawBufferPointer) {
      buffer.append(contentsOf: bytes)
      if buffer.count >= 1 << 20 { _ = flush() }
    }

    func flush() -> Bool {
      var offset = 0
      while offset < buffer.count && !failed {
        let n = buffer.withUnsafeBytes { Glibc.write(fd, $0.baseAddress! + offset, $0.count - offset) }
        if n < 0 {
          if errno == EINTR { continue }
          failed = true
        } else {
          offset += n
        }
      }
      buffer.removeAll(keepingCapacity: true)
      return !failed
    }
  }
}

/// ReadStat's data writer: hands the bytes to the `Sink` behind `context`.
private func writeBytes(_ bytes: UnsafeRawPointer?, _ count: Int, _ context: UnsafeMutableRawPointer?) -> Int {
  guard let bytes, let context else { return 0 }
  let sink = Unmanaged<SavWriter.Sink>.fromOpaque(context).takeUnretainedValue()
  sink.append(UnsafeRawBufferPointer(start: bytes, count: count))
  return sink.failed ? -1 : count
}

/// Why an export could not be written.
public enum ExportError: Error, Equatable, CustomStringConvertible {
  case cannotWrite(String, String)
  case failed(String, String)

  public var description: String {
    switch self {
    case .cannotWrite(let path, let why): return "cannot write \(path): \(why)"
    case .failed(let path, let why):
      return "the export to \(path) failed: \(why); the file is incomplete and was removed"
    }
  }
}
