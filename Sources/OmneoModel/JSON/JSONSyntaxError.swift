// Why a text is not JSON, with where: "invalid JSON at line 1, column 6: expected ',' or ']'".
public struct JSONSyntaxError: Error, CustomStringConvertible, Sendable {
    public let line: Int
    public let column: Int
    public let reason: String

    public var description: String { "invalid JSON at line \(line), column \(column): \(reason)" }
}
