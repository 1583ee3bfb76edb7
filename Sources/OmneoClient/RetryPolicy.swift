// What to do after each try: succeed, fail with a clear error, or wait and try again. Reads and idempotent
// writes (the status batches) are retried on 429, 5xx and lost connections; other writes only when
// certainly not applied (a 429, or never sent): the caller reads back what a lost answer may have done.
struct RetryPolicy: Sendable {
    enum Decision {
        case succeed(APIResponse)
        case fail(OmneoClientError)
        /// Wait `delay` seconds; `rateLimited` for a 429, whose wait may pause the whole client.
        case retry(delay: Double, lastAnswer: String, rateLimited: Bool)
    }

    static let retriedStatuses: Set<Int> = [500, 502, 503, 504]

    let options: ClientOptions
    let tenant: String

    func decide(_ request: APIRequest, response: APIResponse, attempt: Int) -> Decision {
        let call = request.display
        switch response.status {
        case 200..<300:
            return .succeed(response)
        case 429:
            // Too Many Attempts means the tenant turned the request away unprocessed: safe even for writes.
            // Without Retry-After the backoff stands in for it: the pace still has to give way.
            return .retry(delay: response.retryAfter ?? backoff(attempt), lastAnswer: response.summary, rateLimited: true)
        case let status where Self.retriedStatuses.contains(status):
            guard request.resendable else { return .fail(.uncertain(call: call, answer: "answer \(response.summary), no batch_id")) }
            return .retry(delay: backoff(attempt), lastAnswer: response.summary, rateLimited: false)
        case 401:
            return .fail(.unauthenticated(tenant: tenant))
        case 403:
            return .fail(.forbidden(tenant: tenant, scope: request.scope, call: call))
        case 404:
            return .fail(.notFound(call: call, message: response.message))
        case 422:
            return .fail(.invalid(call: call, message: response.message, fields: response.fieldErrors))
        default:
            return .fail(.refused(call: call, status: response.status, message: response.message))
        }
    }

    func decide(_ request: APIRequest, failure: TransportFailure, attempt: Int) -> Decision {
        switch failure.stage {
        case .fatal:
            return .fail(.transport(call: request.display, reason: failure.reason))
        case .unreadable where request.isWrite:
            return .fail(.uncertain(call: request.display, answer: failure.reason))
        case .unreadable:
            return .fail(.unreadable(call: request.display, reason: failure.reason))
        case .noAnswer where !request.resendable:
            return .fail(.uncertain(call: request.display, answer: "\(failure.reason), no answer"))
        case .noAnswer, .notSent:
            return .retry(delay: backoff(attempt), lastAnswer: "none (\(failure.reason))", rateLimited: false)
        }
    }

    /// Exponential with "equal jitter": half the step for sure, the other half random, so callers
    /// that failed together do not come back together.
    func backoff(_ attempt: Int) -> Double {
        let step = min(options.backoffCap, options.backoffBase * Double(1 << min(max(attempt - 1, 0), 20)))
        return step / 2 + Double.random(in: 0...(step / 2))
    }
}
