extension NoteMerge {
  /// One note changed on both sides, merged field by field; `ancestor` nil when there is none
  /// (then every field that differs counts as changed on both sides).
  ///
  /// A field changed on both sides takes the side with the newer `updated`; at equal times,
  /// the greater value (a rule that does not depend on which side is "ours", so both
  /// machines would pick the same). Tags with an ancestor: a three-way set merge
  /// (`mergeTags`). Provenance: ours, then their entries we lack. `created`: the earlier;
  /// `updated`: the later.
  static func mergeFields(ancestor: Note? = nil, ours: Note, theirs: Note) -> Note {
    let oursIsNewer: Bool? =
      ours.updated == theirs.updated ? nil : ours.updated > theirs.updated
    func pick<Value: Equatable>(
      _ field: (Note) -> Value, greater: (Value, Value) -> Bool
    ) -> Value {
      let ourValue = field(ours)
      let theirValue = field(theirs)
      if ourValue == theirValue { return ourValue }
      if let ancestor {
        let base = field(ancestor)
        if ourValue == base { return theirValue }
        if theirValue == base { return ourValue }
      }
      switch oursIsNewer {
      case true?: return ourValue
      case false?: return theirValue
      case nil: return greater(ourValue, theirValue) ? ourValue : theirValue
      }
    }
    var merged = ours
    merged.title = pick(\.title, greater: >)
    merged.url = pick(\.url) { ($0 ?? "") > ($1 ?? "") }
    merged.body = pick(\.body) { ($0 ?? "") > ($1 ?? "") }
    merged.summary = pick(\.summary) {
      summaryBytes($0).lexicographicallyPrecedes(summaryBytes($1)) == false
    }
    if let ancestor {
      merged.tags = mergeTags(ancestor: ancestor.tags, ours: ours.tags, theirs: theirs.tags)
    } else {
      merged.tags = pick(\.tags) { $0.lexicographicallyPrecedes($1) == false }
    }
    merged.published = pick(\.published) { ($0?.iso8601 ?? "") > ($1?.iso8601 ?? "") }
    merged.provenance = ours.provenance + theirs.provenance.filter { !ours.provenance.contains($0) }
    merged.created = min(ours.created, theirs.created)
    merged.updated = max(ours.updated, theirs.updated)
    return merged
  }

  /// Three-way set merge of tag lists: a tag stays if both sides kept it or one side added it
  /// (so both sides' additions and removals hold). Order: our tags as we have them, then the
  /// tags they added, as they have them. Spellings are compared exactly (a case-only rename is
  /// a removal and an addition); a tag added on both sides in two spellings is kept once, in
  /// the first spelling met.
  static func mergeTags(ancestor: [String], ours: [String], theirs: [String]) -> [String] {
    let base = Set(ancestor)
    let ourSet = Set(ours)
    let theirSet = Set(theirs)
    var result: [String] = []
    var keys = Set<TagKey>()
    for tag in ours where theirSet.contains(tag) || !base.contains(tag) {
      if keys.insert(TagKey(tag)).inserted { result.append(tag) }
    }
    for tag in theirs where !ourSet.contains(tag) && !base.contains(tag) {
      if keys.insert(TagKey(tag)).inserted { result.append(tag) }
    }
    return result
  }

  /// A summary tree as the store writes it, to order two trees deterministically.
  static func summaryBytes(_ nodes: [SummaryNode]) -> [UInt8] {
    var bytes: [UInt8] = []
    NoteCodec.append(nodes, to: &bytes)
    return bytes
  }
}
