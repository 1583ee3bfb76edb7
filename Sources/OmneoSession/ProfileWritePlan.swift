// A dry run's account of profile writes: how many would be created and updated, which deleted or purged.

/// What the run's profile writes would have done, counted for a dry run's plan.
struct ProfileWritePlan {
    var wouldCreate = 0
    var wouldUpdate = 0
    var wouldDelete: [String] = []
    var wouldPurge: [String] = []

    var lines: [String] {
        var lines: [String] = []
        if wouldCreate > 0 || wouldUpdate > 0 { lines.append("profiles: would create \(wouldCreate), update \(wouldUpdate)") }
        if !wouldDelete.isEmpty { lines.append("profiles: would delete \(wouldDelete.count): \(Self.listed(wouldDelete))") }
        if !wouldPurge.isEmpty { lines.append("profiles: would purge (erase) \(wouldPurge.count): \(Self.listed(wouldPurge))") }
        return lines
    }

    private static func listed(_ ids: [String]) -> String {
        ids.prefix(10).joined(separator: ", ") + (ids.count > 10 ? ", and \(ids.count - 10) more" : "")
    }
}
