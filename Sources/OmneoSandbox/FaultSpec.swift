// What fails on purpose, and how often: `--faults "429=5%,500=2%,reset=1%,lost=1%,timeout=0.5%,oversize=1%,item_fail=1%,ignore_filters"`.
import OmneoModel
public struct FaultSpec: Sendable, Equatable, CustomStringConvertible {
    /// Answer 429 Too Many Attempts (with Retry-After) although the limiter would have let the request through.
    public var tooManyRequests = 0.0
    /// Answer 500 with a Laravel-style body, before the request is processed.
    public var serverError = 0.0
    /// Close the connection without an answer, before the request is processed.
    public var reset = 0.0
    /// Hold the request without an answer, then close the connection (the client's timeout fires first).
    public var timeout = 0.0
    /// Process the request, then close the connection without the answer: the write applied, and the
    /// client cannot know it (a proxy timing out after the tenant did the work). The harsh kind of reset.
    public var lost = 0.0
    /// Process the request, then answer it with a body of `FaultSpec.oversizeBytes` (the answer padded with
    /// spaces), larger than a client reads: a proxy or a tenant bug that sends a whole export.
    public var oversize = 0.0
    /// A batch item fails while the batch is processed ("Internal error processing item.").
    public var itemFailure = 0.0
    /// A profile search is answered as if it had no filters (every profile), as a tenant that does not know a
    /// filter might: a client cannot prove a filter was applied (omneo-api.md, "Profiles"). Drawn per search.
    public var ignoreFilters = 0.0
    /// `drop_new_tags`: a PUT's tag the tenant does not know yet is dropped without a word (the vendor does
    /// not say whether a PUT creates tags; statuses it does not know are dropped so).
    public var dropNewTags = false
    /// `rival_tags=N`: another writer adds the tag `rival-K` to a profile right after its K-th read through
    /// `GET /v3/profiles/{id}`, for K up to N: a change landing between a client's read and its PUT.
    public var rivalTags = 0
    /// `put_omits_tags`: the answer to a PUT that carried `tags` leaves `tags` out (the vendor documents the
    /// answer as the profile, but not that every list is in it): a client must read back what was kept.
    public var putOmitsTags = false

    public static let none = FaultSpec()

    /// The size of an `oversize` answer: 80 MB.
    public static let oversizeBytes = 80 << 20

    public init() {}

    /// Parses `kind=P%` pairs separated by commas; P may also be a fraction (`500=0.02`). `ignore_filters`
    /// alone means every search.
    public init(parsing text: String) throws(SandboxConfigurationError) {
        for part in text.split(separator: ",").map({ $0.trimmingSpaces }) where !part.isEmpty {
            if part == "ignore_filters" {
                ignoreFilters = 1
                continue
            }
            if part == "put_omits_tags" {
                putOmitsTags = true
                continue
            }
            if part == "drop_new_tags" {
                dropNewTags = true
                continue
            }
            if part.hasPrefix("rival_tags=") {
                guard let count = Int(part.dropFirst("rival_tags=".count).trimmingSpaces), count >= 0 else {
                    throw SandboxConfigurationError("--faults: '\(part)' needs a number of reads (e.g. rival_tags=1)")
                }
                rivalTags = count
                continue
            }
            guard let equals = part.firstIndex(of: "=") else {
                throw SandboxConfigurationError("--faults: '\(part)' is not KIND=RATE (e.g. 429=5%)")
            }
            let kind = part[..<equals].trimmingSpaces
            let rate = try Self.rate(part[part.index(after: equals)...].trimmingSpaces, in: part)
            switch kind {
            case "429": tooManyRequests = rate
            case "500": serverError = rate
            case "reset": reset = rate
            case "timeout": timeout = rate
            case "lost": lost = rate
            case "oversize": oversize = rate
            case "item_fail": itemFailure = rate
            case "ignore_filters": ignoreFilters = rate
            default:
                throw SandboxConfigurationError("--faults: unknown fault '\(kind)' (known: 429, 500, reset, lost, timeout, oversize, item_fail, ignore_filters, drop_new_tags, rival_tags, put_omits_tags)")
            }
        }
        if tooManyRequests + serverError + reset + timeout + lost + oversize > 1 {
            throw SandboxConfigurationError("--faults: the request faults add up to more than 100%")
        }
    }

    private static func rate(_ text: String, in part: String) throws(SandboxConfigurationError) -> Double {
        let isPercent = text.hasSuffix("%")
        guard let number = Double(isPercent ? String(text.dropLast()) : text) else {
            throw SandboxConfigurationError("--faults: '\(part)' needs a rate like 5% or 0.05")
        }
        let rate = isPercent ? number / 100 : number
        guard (0...1).contains(rate) else {
            throw SandboxConfigurationError("--faults: '\(part)' is outside 0% to 100%")
        }
        return rate
    }

    public var description: String {
        let parts: [(String, Double)] = [
            ("429", tooManyRequests), ("500", serverError), ("reset", reset), ("lost", lost), ("timeout", timeout), ("oversize", oversize), ("item_fail", itemFailure),
            ("ignore_filters", ignoreFilters),
        ]
        let set = parts.filter { $0.1 > 0 }.map { "\($0.0)=\(Self.percent($0.1))" }
            + (dropNewTags ? ["drop_new_tags"] : []) + (putOmitsTags ? ["put_omits_tags"] : []) + (rivalTags > 0 ? ["rival_tags=\(rivalTags)"] : [])
        return set.isEmpty ? "none" : set.joined(separator: ",")
    }

    private static func percent(_ rate: Double) -> String {
        let value = rate * 100
        return value.rounded() == value ? "\(Int(value))%" : "\(value)%"
    }
}
