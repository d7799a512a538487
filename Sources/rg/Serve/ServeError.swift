/// Why `rg serve` could not start: printed as one `rg: ...` line, exit 1.
struct ServeError: Error, CustomStringConvertible {
  var description: String

  init(_ description: String) {
    self.description = description
  }
}
