// One try over the wire with AsyncHTTPClient: the only place the Authorization header exists.
import AsyncHTTPClient
import Foundation
import NIOCore
import NIOHTTP1
import OmneoModel

extension OmneoClient {
    /// The largest answer read into memory (a page of 100 whole profiles is well under 1 MB).
    static let largestAnswer = 64 << 20

    /// The Authorization header is built here and nowhere else; AsyncHTTPClient gets
    /// no logger, so it cannot log the header either.
    func exchange(_ request: APIRequest) async -> Result<APIResponse, TransportFailure> {
        var http = HTTPClientRequest(url: tenant.baseURL + request.target)
        http.method = HTTPMethod(rawValue: request.method)
        http.headers.add(name: "Authorization", value: "Bearer \(tenant.token.reveal)")
        http.headers.add(name: "Accept", value: "application/json")
        http.headers.add(name: "User-Agent", value: "omneo-run/\(OmneoVersion.current)")
        if let body = request.body {
            http.headers.add(name: "Content-Type", value: "application/json")
            http.body = .bytes(ByteBuffer(bytes: body.serialized()))
        }
        do {
            let response = try await self.http.execute(http, timeout: .milliseconds(Int64(options.requestTimeout * 1000)))
            let body: ByteBuffer
            do {
                body = try await response.body.collect(upTo: Self.largestAnswer)
            } catch is NIOTooManyBytesError {
                let declared = response.headers.first(name: "Content-Length").flatMap { Int($0) }
                return .failure(.tooLarge(declared: declared, limit: Self.largestAnswer))
            }
            return .success(APIResponse(
                status: Int(response.status.code),
                body: Data(body.readableBytesView),
                retryAfter: APIResponse.retryAfter(response.headers.first(name: "Retry-After")),
                rateLimit: response.headers.first(name: "X-RateLimit-Limit").flatMap { Int($0) },
                rateLimitRemaining: response.headers.first(name: "X-RateLimit-Remaining").flatMap { Int($0) },
                token: tenant.token
            ))
        } catch {
            return .failure(TransportFailure.classify(error, timeout: options.requestTimeout))
        }
    }
}
