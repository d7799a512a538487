/// Finds the known word a mistyped one was most likely meant to be.
public enum Suggestion {
  /// The candidate closest to `word` by edit distance, or the only candidate `word` is a prefix
  /// of; nil when nothing is close enough to be a plausible typo.
  public static func nearest(to word: String, among candidates: [String]) -> String? {
    let target = Array(word)
    var best: (candidate: String, distance: Int)?
    for candidate in candidates {
      let distance = editDistance(target, Array(candidate))
      if distance < (best?.distance ?? Int.max) { best = (candidate, distance) }
    }
    if let best, best.distance <= max(2, target.count / 4) { return best.candidate }
    let extensions = candidates.filter { $0.hasPrefix(word) }
    if target.count >= 4, extensions.count == 1 { return extensions[0] }
    return nil
  }

  /// Levenshtein distance: insertions, deletions and substitutions each cost one.
  public static func editDistance(_ lhs: [Character], _ rhs: [Character]) -> Int {
    if lhs.isEmpty { return rhs.count }
    var previous = Array(0...rhs.count)
    var current = previous
    for (i, left) in lhs.enumerated() {
      current[0] = i + 1
      for (j, right) in rhs.enumerated() {
        let substitution = previous[j] + (left == right ? 0 : 1)
        current[j + 1] = min(substitution, previous[j + 1] + 1, current[j] + 1)
      }
      swap(&previous, &current)
    }
    return previous[rhs.count]
  }
}
