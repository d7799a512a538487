/// What `--format` chooses.
enum OutputFormat: String, CaseIterable, Hashable, Sendable {
  /// One compact JSON object per line (the default, for pipes and `jq`).
  case ndjson
  /// Each message pretty-printed with a 2-space indent, as `jq .` prints it.
  case json
  /// One RFC 7946 FeatureCollection, written as answers arrive.
  case geojson
  /// RFC 8142 GeoJSON text sequences: each Feature after an RS byte, on its own line.
  case geojsonseq

  static func parse(_ text: String) throws(OptionValueError) -> OutputFormat {
    guard let format = OutputFormat(rawValue: text) else {
      let names = allCases.map(\.rawValue).joined(separator: ", ")
      throw OptionValueError("unknown format (use one of: \(names))")
    }
    return format
  }
}

/// Where `--errors` puts a failed call's status.
enum ErrorOutput: String, CaseIterable, Hashable, Sendable {
  /// One `rg:` line on stderr (the default).
  case stderr
  /// One `{"error":{...}}` object in the output, in the failed call's place.
  case json

  static func parse(_ text: String) throws(OptionValueError) -> ErrorOutput {
    guard let value = ErrorOutput(rawValue: text) else {
      throw OptionValueError("unknown error output (use stderr or json)")
    }
    return value
  }
}
