// The retry loop every call goes through: pace, send, read the answer, and retry only what is safe to.
import Foundation
import Logging

extension OmneoClient {
    /// The answer of a 2xx, or the error the call ends with.
    func send(_ request: APIRequest) async throws -> APIResponse {
        recorder.record { $0.calls += 1 }
        do {
            let response = try await attempts(request)
            recorder.record { $0.callsSucceeded += 1 }
            return response
        } catch {
            recorder.record { $0.callsFailed += 1 }
            throw error
        }
    }

    private func attempts(_ request: APIRequest) async throws -> APIResponse {
        let clock = ContinuousClock()
        let started = clock.now
        let policy = RetryPolicy(options: options, tenant: tenant.name)
        var attempt = 0
        while true {
            attempt += 1
            let decision = try await tryOnce(request, attempt: attempt, policy: policy)
            let elapsed = (clock.now - started).seconds
            switch decision {
            case .succeed(let response):
                return response
            case .fail(let error):
                throw error
            case .retry(let delay, let lastAnswer, let rateLimited):
                guard attempt < options.maxAttempts, elapsed + delay <= options.retryBudget else {
                    throw OmneoClientError.exhausted(call: request.display, tries: attempt, seconds: elapsed, lastAnswer: lastAnswer)
                }
                recorder.record { $0.retries += 1 }
                try await wait(delay, rateLimited: rateLimited, request: request, lastAnswer: lastAnswer, attempt: attempt)
            }
        }
    }

    /// One paced try, and what to do next. Once the stop switch is thrown, no try leaves (its pace wait ends).
    private func tryOnce(_ request: APIRequest, attempt: Int, policy: RetryPolicy) async throws -> RetryPolicy.Decision {
        let stop = stopSwitch
        let waited = try await pacer.acquire { try await stop.sleep(until: $0, call: request.display) }
        do {
            try stop.check(request.display)
        } catch {
            pacer.finished()
            throw error
        }
        let sent = ContinuousClock.now
        recorder.record { $0.requestsSent += 1; $0.secondsWaited += waited.seconds }
        requestTimeline.sent(retry: attempt > 1)
        let outcome = await exchange(request)
        pacer.finished()
        let took = ContinuousClock.now - sent
        switch outcome {
        case .success(let response):
            recorder.record { $0.answersByStatus[response.status, default: 0] += 1 }
            if response.status == 429 { requestTimeline.throttled() }
            flowMeter.answered(seconds: took.seconds, status: response.status)
            if response.status != 429 { pacer.observe(limit: response.rateLimit, remaining: response.rateLimitRemaining) }
            logAnswer(request, "\(response.status)", took: took, attempt: attempt)
            return policy.decide(request, response: response, attempt: attempt)
        case .failure(let failure):
            recorder.record { $0.transportFailures += 1 }
            flowMeter.lost()
            try Task.checkCancellation()
            logAnswer(request, failure.reason, took: took, attempt: attempt)
            return policy.decide(request, failure: failure, attempt: attempt)
        }
    }

    /// A 429's Retry-After pauses the whole client unless the tenant's counters show it was a lone hiccup.
    private func wait(_ delay: Double, rateLimited: Bool, request: APIRequest, lastAnswer: String, attempt: Int) async throws {
        if rateLimited, pacer.tooManyRequests(retryAfter: delay) {
            recorder.record { $0.pauses += 1 }
            let now = Date().timeIntervalSince1970
            requestTimeline.waited(.pause, from: now, to: now + delay)
            // A long pause is worth a line even without -v: the run would look stuck otherwise.
            let level = delay >= 5 ? max(options.requestLogLevel, .notice) : options.requestLogLevel
            logger.log(level: level, "\(lastAnswer) on \(request.display): all requests wait \(OmneoClientError.seconds(delay)) (Retry-After)")
            return
        }
        logger.log(level: options.requestLogLevel, "\(request.display): retrying in \(OmneoClientError.seconds(delay)) after \(lastAnswer) (try \(attempt + 1) of \(options.maxAttempts))")
        try await stopSwitch.sleep(until: .now + .seconds(delay), call: request.display)
    }

    private func logAnswer(_ request: APIRequest, _ answer: String, took: Duration, attempt: Int) {
        let retry = attempt > 1 ? " (retry \(attempt - 1))" : ""
        logger.log(level: options.requestLogLevel, "\(request.display) \(answer) \(Int((took.seconds * 1000).rounded())) ms\(retry)")
    }
}

extension Duration {
    var seconds: Double {
        Double(components.seconds) + Double(components.attoseconds) * 1e-18
    }
}
