// A try that ended without an answer, sorted by what it means for a retry: was the request ever sent?
import AsyncHTTPClient
import NIOCore
import NIOPosix

#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

struct TransportFailure: Error, Sendable {
    enum Stage: Sendable {
        /// No connection was made: the tenant never saw the request, so even a write may be re-sent.
        case notSent
        /// Sent (or maybe sent) and no answer came: a read may be re-sent, a write is uncertain.
        case noAnswer
        /// Re-sending cannot help (bad URL, TLS refused).
        case fatal
        /// Answered, but the answer cannot be read (too large): a write was applied, a read would get the same.
        case unreadable
    }

    var stage: Stage
    /// Short and human: "connection refused", "connection reset", "timed out after 30 s".
    var reason: String

    init(_ stage: Stage, _ reason: String) {
        self.stage = stage
        self.reason = reason
    }

    /// An answer over `limit` bytes: how large, when the tenant said (Content-Length).
    static func tooLarge(declared: Int?, limit: Int) -> TransportFailure {
        let size = declared.map { "\(megabytes($0)) MB" } ?? "over \(megabytes(limit)) MB"
        return .init(.unreadable, "the answer was too large to read: \(size) (omneo-run reads answers of up to \(megabytes(limit)) MB)")
    }

    static func megabytes(_ bytes: Int) -> String {
        let value = Double(bytes) / 1_048_576
        return value == value.rounded() ? String(Int(value)) : String(format: "%.1f", value)
    }

    static func classify(_ error: any Error, timeout: Double) -> TransportFailure {
        if let error = error as? HTTPClientError { return classify(error, timeout: timeout) }
        if let error = error as? NIOConnectionError {
            if error.dnsAError != nil || error.dnsAAAAError != nil { return .init(.notSent, "cannot resolve \(error.host)") }
            return .init(.notSent, "connection refused by \(error.host):\(error.port)")
        }
        if let error = error as? IOError {
            switch error.errnoCode {
            case ECONNREFUSED: return .init(.notSent, "connection refused")
            case ENETUNREACH, EHOSTUNREACH: return .init(.notSent, "network unreachable")
            case ECONNRESET, EPIPE: return .init(.noAnswer, "connection reset")
            default: return .init(.noAnswer, "network error (\(String(cString: strerror(error.errnoCode))))")
            }
        }
        if let error = error as? ChannelError {
            switch error {
            case .connectTimeout: return .init(.notSent, "connect timed out")
            case .ioOnClosedChannel, .eof, .alreadyClosed, .inputClosed, .outputClosed: return .init(.noAnswer, "connection closed")
            default: return .init(.noAnswer, "network error")
            }
        }
        return .init(.noAnswer, "network error")
    }

    private static func classify(_ error: HTTPClientError, timeout: Double) -> TransportFailure {
        switch error {
        case .connectTimeout, .getConnectionFromPoolTimeout:
            return .init(.notSent, "connect timed out")
        case .remoteConnectionClosed:
            return .init(.noAnswer, "connection reset")
        case .readTimeout, .writeTimeout, .deadlineExceeded:
            return .init(.noAnswer, "timed out after \(OmneoClientError.seconds(timeout))")
        case .invalidURL, .emptyHost, .emptyScheme, .alreadyShutdown:
            return .init(.fatal, "\(error)")
        default:
            if error.shortDescription.lowercased().contains("unsupported scheme") { return .init(.fatal, "\(error)") }
            return .init(.noAnswer, "network error (\(error.shortDescription))")
        }
    }
}
