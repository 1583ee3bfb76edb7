// The retry loop every call goes through: pace, send, read the answer, and retry only what is safe to.
import AsyncHTTPClient
import Foundation
import Logging
import NIOCore
import NIOHTTP1

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
        var attempt = 0
        let policy = RetryPolicy(options: options, tenant: tenant.name)
        while true {
            attempt += 1
            let waited = try await pacer.acquire()
            let sent = clock.now
            recorder.record { $0.requestsSent += 1; $0.secondsWaited += waited.seconds }
            let outcome = await exchange(request)
            pacer.finished()
            let took = clock.now - sent
            let decision: RetryPolicy.Decision
            switch outcome {
            case .success(let response):
                recorder.record { $0.answersByStatus[response.status, default: 0] += 1 }
                if response.status != 429 { pacer.observe(limit: response.rateLimit, remaining: response.rateLimitRemaining) }
                decision = policy.decide(request, response: response, attempt: attempt)
                logAnswer(request, "\(response.status)", took: took, attempt: attempt)
                if response.isSuccess { return response }
            case .failure(let failure):
                recorder.record { $0.transportFailures += 1 }
                try Task.checkCancellation()
                decision = policy.decide(request, failure: failure, attempt: attempt)
                logAnswer(request, failure.reason, took: took, attempt: attempt)
            }
            let elapsed = (clock.now - started).seconds
            switch decision {
            case .fail(let error):
                throw error
            case .retry(let delay, let lastAnswer, let honoursRetryAfter):
                guard attempt < options.maxAttempts, elapsed + delay <= options.retryBudget else {
                    throw OmneoClientError.exhausted(call: request.display, tries: attempt, seconds: elapsed, lastAnswer: lastAnswer)
                }
                recorder.record { $0.retries += 1 }
                try await wait(delay, retryAfter: honoursRetryAfter, request: request, lastAnswer: lastAnswer, attempt: attempt)
            }
        }
    }

    /// A 429's Retry-After pauses the whole client unless the tenant's counters show it was a lone hiccup.
    private func wait(_ delay: Double, retryAfter: Bool, request: APIRequest, lastAnswer: String, attempt: Int) async throws {
        if retryAfter, pacer.tooManyRequests(retryAfter: delay) {
            recorder.record { $0.pauses += 1 }
            logger.log(level: options.requestLogLevel, "\(lastAnswer) on \(request.display): all requests wait \(OmneoClientError.seconds(delay)) (Retry-After)")
            return
        }
        logger.log(level: options.requestLogLevel, "\(request.display): retrying in \(OmneoClientError.seconds(delay)) after \(lastAnswer) (try \(attempt + 1) of \(options.maxAttempts))")
        try await Task.sleep(for: .seconds(delay))
    }

    private func logAnswer(_ request: APIRequest, _ answer: String, took: Duration, attempt: Int) {
        let retry = attempt > 1 ? " (retry \(attempt - 1))" : ""
        logger.log(level: options.requestLogLevel, "\(request.display) \(answer) \(Int((took.seconds * 1000).rounded())) ms\(retry)")
    }

    /// One try over the wire. The Authorization header is built here and nowhere else; AsyncHTTPClient gets
    /// no logger, so it cannot log the header either.
    private func exchange(_ request: APIRequest) async -> Result<APIResponse, TransportFailure> {
        var http = HTTPClientRequest(url: tenant.baseURL + request.target)
        http.method = HTTPMethod(rawValue: request.method)
        http.headers.add(name: "Authorization", value: "Bearer \(tenant.token.reveal)")
        http.headers.add(name: "Accept", value: "application/json")
        http.headers.add(name: "User-Agent", value: "omneo-run")
        if let body = request.body {
            http.headers.add(name: "Content-Type", value: "application/json")
            http.body = .bytes(ByteBuffer(bytes: body.jsonData()))
        }
        do {
            let response = try await self.http.execute(http, timeout: .milliseconds(Int64(options.requestTimeout * 1000)))
            let body = try await response.body.collect(upTo: 64 << 20)
            return .success(APIResponse(
                status: Int(response.status.code),
                body: tenant.token.scrub(Data(body.readableBytesView)),
                retryAfter: APIResponse.retryAfter(response.headers.first(name: "Retry-After")),
                rateLimit: response.headers.first(name: "X-RateLimit-Limit").flatMap { Int($0) },
                rateLimitRemaining: response.headers.first(name: "X-RateLimit-Remaining").flatMap { Int($0) }
            ))
        } catch {
            return .failure(TransportFailure.classify(error, timeout: options.requestTimeout))
        }
    }
}

extension Duration {
    var seconds: Double {
        Double(components.seconds) + Double(components.attoseconds) * 1e-18
    }
}
