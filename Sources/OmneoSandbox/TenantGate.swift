// What stands in front of every API route, in a real tenant's order: latency, injected faults,
// the bearer token, the per-token rate limit; and the request log around all of it.
import Foundation
import HTTPTypes
import Hummingbird
import NIOCore

#if canImport(Glibc)
import Glibc
#endif

struct TenantGate: RouterMiddleware {
    typealias Context = SandboxContext

    let tokens: [String: SandboxToken]
    let limiter: RateLimiter
    let faults: FaultInjector
    let log: RequestLog
    let clock: SandboxClock
    let hangDuration: Duration

    func handle(_ request: Request, context: Context, next: (Request, Context) async throws -> Response) async throws -> Response {
        let method = request.method.rawValue
        let endpoint = "\(method) \((context.endpointPath ?? request.uri.path).replacingOccurrences(of: "/api/v3/", with: "/v3/"))"
        let target = String(request.uri.description.drop(while: { $0 != "/" }))
        var fault: FaultInjector.Fault?
        var status = 0
        let arrival = clock.now
        defer { log.record(arrival: arrival, time: clock.now, method: method, endpoint: endpoint, target: target, status: status, fault: fault?.rawValue) }

        if let delay = faults.delay() { try await Task.sleep(for: delay) }
        fault = faults.draw()
        switch fault {
        case .reset:
            try await drop(context.channel)
            throw CancellationError()
        case .timeout:
            try? await Task.sleep(for: hangDuration)
            try await drop(context.channel)
            throw CancellationError()
        default:
            break
        }
        let response = try await answer(request, context: context, fault: fault, next: next)
        status = Int(response.status.code)
        if fault == .lost {
            // Done, and the answer never arrives.
            try await drop(context.channel)
            throw CancellationError()
        }
        if fault == .oversize { return Self.oversized(response) }
        return response
    }

    /// The same status and headers, and a body of `FaultSpec.oversizeBytes` spaces, written a megabyte at a time.
    static func oversized(_ response: Response) -> Response {
        let total = FaultSpec.oversizeBytes
        let body = ResponseBody(contentLength: total) { writer in
            let chunk = ByteBuffer(repeating: UInt8(ascii: " "), count: 1 << 20)
            for _ in 0..<(total >> 20) { try await writer.write(chunk) }
            try await writer.finish(nil)
        }
        var headers = response.headers
        headers[.contentLength] = String(total)
        return Response(status: response.status, headers: headers, body: body)
    }

    private func answer(
        _ request: Request, context: Context, fault: FaultInjector.Fault?, next: (Request, Context) async throws -> Response
    ) async throws -> Response {
        if fault == .serverError { return SandboxResponse.error(.serverError) }
        guard let authorization = request.headers[.authorization], authorization.hasPrefix("Bearer "),
              let token = tokens[String(authorization.dropFirst("Bearer ".count))]
        else {
            return SandboxResponse.error(.unauthenticated)
        }
        let decision = limiter.check(token: token.token, now: clock.now)
        var headers: HTTPFields = [:]
        if limiter.isEnabled {
            headers[.rateLimitLimit] = String(decision.limit)
            headers[.rateLimitRemaining] = String(decision.remaining)
        }
        if fault == .tooManyRequests || !decision.allowed {
            let wait = max(1, Int(decision.retryAfter.rounded(.up)))
            headers[.retryAfter] = String(wait)
            headers[.rateLimitRemaining] = "0"
            headers[.rateLimitReset] = String(Int(Date().timeIntervalSince1970) + wait)
            return SandboxResponse.error(.tooManyAttempts, headers: headers)
        }
        var context = context
        context.scopes = token.scopes
        var response: Response
        do {
            response = try await next(request, context)
        } catch let error as SandboxAPIError {
            response = SandboxResponse.error(error)
        }
        for field in headers { response.headers[field.name] = field.value }
        return response
    }

    /// Closes the connection with no answer; SO_LINGER 0 makes the client see a reset, not a clean close.
    private func drop(_ channel: any Channel) async throws {
        if let socket = channel as? any SocketOptionProvider {
            try? await socket.setSoLinger(linger(l_onoff: 1, l_linger: 0)).get()
        }
        try? await channel.close()
    }
}

extension HTTPField.Name {
    static let rateLimitLimit = Self("X-RateLimit-Limit")!
    static let rateLimitRemaining = Self("X-RateLimit-Remaining")!
    static let rateLimitReset = Self("X-RateLimit-Reset")!
}

/// Seconds since the sandbox started, on a monotonic clock: what the request log and limiter measure.
struct SandboxClock: Sendable {
    let start = ContinuousClock.now

    var now: Double {
        let elapsed = ContinuousClock.now - start
        return Double(elapsed.components.seconds) + Double(elapsed.components.attoseconds) * 1e-18
    }
}
