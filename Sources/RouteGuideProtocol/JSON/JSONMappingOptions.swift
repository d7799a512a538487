/// How proto3 JSON is read and written (DESIGN §4).
public struct JSONMappingOptions: Hashable, Sendable {
  /// Print scalar fields that hold their default value (0, ""); unset messages stay omitted.
  public var emitDefaults: Bool
  /// Print the proto field names (`point_count`) instead of lowerCamelCase (`pointCount`).
  public var protoNames: Bool
  /// Skip object members that name no field instead of rejecting them.
  public var allowUnknownFields: Bool

  public init(
    emitDefaults: Bool = false, protoNames: Bool = false, allowUnknownFields: Bool = false
  ) {
    self.emitDefaults = emitDefaults
    self.protoNames = protoNames
    self.allowUnknownFields = allowUnknownFields
  }
}
