import Glibc

/// A fresh directory under /tmp, removed with everything in it when the value is released.
public final class TemporaryDirectory {
  public let path: String

  public init() {
    var template = Array("/tmp/enkat-test.XXXXXX".utf8CString)
    path = template.withUnsafeMutableBufferPointer { String(cString: mkdtemp($0.baseAddress!)!) }
  }

  deinit { Self.removeTree(path) }

  private static func removeTree(_ path: String) {
    if let dir = opendir(path) {
      while let entry = readdir(dir) {
        let name = withUnsafePointer(to: entry.pointee.d_name) {
          $0.withMemoryRebound(to: CChar.self, capacity: 256) { String(cString: $0) }
        }
        if name == "." || name == ".." { continue }
        let child = path + "/" + name
        var s = stat()
        if lstat(child, &s) == 0 && (s.st_mode & S_IFMT) == S_IFDIR { removeTree(child) } else { unlink(child) }
      }
      closedir(dir)
    }
    rmdir(path)
  }

  /// The path of `name` inside the directory.
  public func file(_ name: String) -> String { path + "/" + name }
}

/// File helpers for tests.
public enum TestFiles {
  /// The bytes of a file, or an empty array when it cannot be read.
  public static func bytes(_ path: String) -> [UInt8] {
    guard let f = fopen(path, "rb") else { return [] }
    defer { fclose(f) }
    var out: [UInt8] = []
    var c = fgetc(f)
    while c != EOF {
      out.append(UInt8(c))
      c = fgetc(f)
    }
    return out
  }

  public static func text(_ path: String) -> String { String(decoding: bytes(path), as: UTF8.self) }

  public static func write(_ text: String, to path: String) {
    let f = fopen(path, "wb")!
    fputs(text, f)
    fclose(f)
  }

  public static func append(_ bytes: [UInt8], to path: String) {
    let f = fopen(path, "ab")!
    _ = bytes.withUnsafeBytes { fwrite($0.baseAddress, 1, $0.count, f) }
    fclose(f)
  }

  /// The file's permission bits.
  public static func mode(_ path: String) -> UInt32 {
    var s = stat()
    stat(path, &s)
    return UInt32(s.st_mode) & 0o777
  }
}

/// Paths of the package being tested.
public enum PackagePaths {
  /// The built `enkat` binary, beside the test bundle in the build folder.
  public static var enkat: String { buildDirectory + "/enkat" }

  public static var buildDirectory: String {
    var buffer = [CChar](repeating: 0, count: 4096)
    let n = readlink("/proc/self/exe", &buffer, buffer.count - 1)
    let exe = String(decoding: buffer[0..<max(n, 0)].map { UInt8(bitPattern: $0) }, as: UTF8.self)
    return exe.split(separator: "/", omittingEmptySubsequences: false).dropLast().joined(separator: "/")
  }

  /// The package root: the folder that holds Package.swift, found from this source file.
  public static func root(file: String = #filePath) -> String {
    var parts = file.split(separator: "/", omittingEmptySubsequences: false)
    while !parts.isEmpty {
      parts.removeLast()
      let candidate = parts.joined(separator: "/")
      if access(candidate + "/Package.swift", F_OK) == 0 { return candidate }
    }
    return "."
  }

  /// The flagship questionnaire.
  public static var flagship: String { root() + "/Questionnaires/ssr-socialsekreterare-2019.json" }
}
