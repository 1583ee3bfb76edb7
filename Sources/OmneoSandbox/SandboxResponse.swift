// JSON answers and request bodies, shaped the way a Laravel tenant sends and reads them.
import OmneoModel
import Foundation
import Hummingbird

enum SandboxResponse {
    static func json(_ value: JSONValue, status: HTTPResponse.Status = .ok, headers: HTTPFields = [:]) -> Response {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.withoutEscapingSlashes]
        let data = (try? encoder.encode(value)) ?? Data("{}".utf8)
        var headers = headers
        headers[.contentType] = "application/json"
        return Response(status: status, headers: headers, body: .init(byteBuffer: ByteBuffer(bytes: data)))
    }

    static func error(_ error: SandboxAPIError, headers: HTTPFields = [:]) -> Response {
        json(error.body, status: .init(code: error.status), headers: headers)
    }

    /// `{"data": value}`, the single-object envelope.
    static func data(_ value: JSONValue, status: HTTPResponse.Status = .ok) -> Response {
        json(.object(["data": value]), status: status)
    }

    static func queued(_ batchID: String) -> Response {
        data(.object(["message": "Queued for processing.", "batch_id": .string(batchID)]), status: .accepted)
    }

    /// The body as JSON, or nil when it is empty or malformed (Laravel then validates an empty input).
    static func body(of request: Request, context: SandboxContext) async throws -> JSONValue? {
        let buffer = try await request.body.collect(upTo: context.maxUploadSize)
        guard buffer.readableBytes > 0 else { return nil }
        return JSONValue(json: buffer.readableBytesView)
    }
}
