// What a dry run's status writes would have changed, per handle: `influencer: would add to 92 profiles
// (12 already have it)`.
struct StatusPlan: Sendable {
    var wouldAdd: [String: Int] = [:]
    var alreadyPresent: [String: Int] = [:]
    var wouldRemove: [String: Int] = [:]
    var notPresent: [String: Int] = [:]

    mutating func count(_ handles: [String], attach: Bool, changing: Bool) {
        for handle in handles {
            switch (attach, changing) {
            case (true, true): wouldAdd[handle, default: 0] += 1
            case (true, false): alreadyPresent[handle, default: 0] += 1
            case (false, true): wouldRemove[handle, default: 0] += 1
            case (false, false): notPresent[handle, default: 0] += 1
            }
        }
    }

    /// One line per handle.
    var lines: [String] {
        let handles = Set(wouldAdd.keys).union(alreadyPresent.keys).union(wouldRemove.keys).union(notPresent.keys).sorted()
        return handles.map { handle in
            var parts: [String] = []
            if let count = wouldAdd[handle] ?? (alreadyPresent[handle] != nil ? 0 : nil) {
                parts.append("would add to \(count) profile\(count == 1 ? "" : "s") (\(alreadyPresent[handle, default: 0]) already have it)")
            }
            if let count = wouldRemove[handle] ?? (notPresent[handle] != nil ? 0 : nil) {
                parts.append("would remove from \(count) profile\(count == 1 ? "" : "s") (\(notPresent[handle, default: 0]) do not have it)")
            }
            return "\(handle): " + parts.joined(separator: "; ")
        }
    }
}
