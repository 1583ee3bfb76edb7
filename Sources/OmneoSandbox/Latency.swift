// Added latency per answer: `--latency 50` or `--latency 50±10` (milliseconds, uniform jitter).
import OmneoModel
public struct Latency: Sendable, Equatable, CustomStringConvertible {
    public var milliseconds: Double
    public var jitter: Double

    public static let none = Latency(milliseconds: 0, jitter: 0)

    public init(milliseconds: Double, jitter: Double = 0) {
        self.milliseconds = milliseconds
        self.jitter = jitter
    }

    /// Accepts `MS`, `MS±JITTER`, `MS+-JITTER` and `MS~JITTER`.
    public init(parsing text: String) throws(SandboxConfigurationError) {
        var base = text.trimmingSpaces
        var spread = "0"
        for separator in ["±", "+-", "~"] {
            if let range = base.range(of: separator) {
                spread = String(base[range.upperBound...])
                base = String(base[..<range.lowerBound])
                break
            }
        }
        guard let milliseconds = Double(base.trimmingSpaces), let jitter = Double(spread.trimmingSpaces),
              milliseconds >= 0, milliseconds <= 600_000, jitter >= 0, jitter <= milliseconds
        else {
            throw SandboxConfigurationError("--latency: '\(text)' is not MS or MS±JITTER with 0 <= JITTER <= MS <= 600000 (e.g. 50±10)")
        }
        self.init(milliseconds: milliseconds, jitter: jitter)
    }

    public var description: String {
        jitter > 0 ? "\(milliseconds)±\(jitter) ms" : "\(milliseconds) ms"
    }
}
