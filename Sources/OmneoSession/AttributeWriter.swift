// One custom attribute of one profile, set or removed through the per-attribute endpoint (never a
// profile PUT, which replaces the whole list). The attribute is read first (its own GET: it gives the
// `type` too, which a profile in the object shape does not): that read says what to send (nothing when
// it already is so) and is journaled as the value before, so `undo` puts back exactly that `{type,
// value}` (or deletes an attribute the run created). Every write goes through the WriteLedger; the
// answer is checked against what was asked.
import Foundation
package import OmneoClient
import OmneoJournal
package import OmneoModel

package struct AttributeWriter: Sendable {
    package typealias Outcome = FieldWriteOutcome

    /// A value as the tenant keeps it: its type (the SDK's CustomAttributeInput names) and the value.
    package struct Held: Sendable, Equatable {
        package var type: String
        package var value: JSONValue
        package init(type: String, value: JSONValue) {
            self.type = type
            self.value = value
        }

        init?(_ attribute: JSONValue?) {
            guard let attribute, let value = attribute["value"] else { return nil }
            self.init(type: attribute["type"]?.stringValue ?? Self.type(of: value), value: value)
        }

        var json: JSONValue { .object(["type": .string(type), "value": value]) }

        /// The type a value is sent with when the recipe names none.
        package static func type(of value: JSONValue) -> String {
            switch value {
            case .string: "string"
            case .integer: "integer"
            case .float: "float"
            case .bool: "boolean"
            case .array: "array"
            case .object, .null: "json"
            }
        }
    }

    package static let types = ["string", "integer", "float", "boolean", "json", "array"]

    let session: TenantSession

    package init(session: TenantSession) { self.session = session }

    /// The journal's fields of a set: `[namespace:handle, type, value as JSON]`; of a remove: `[namespace:handle]`.
    static func fields(_ key: String, _ wanted: Held?) -> [String] {
        guard let wanted else { return [key] }
        return [key, wanted.type, String(decoding: wanted.value.serialized(), as: UTF8.self)]
    }

    /// What a journaled write left: nil for a remove.
    static func after(_ write: WriteRecord) -> Held? {
        guard write.operation != .attributeRemove, let fields = write.handles.first, fields.count == 3,
              let value = JSONValue(json: Array(fields[2].utf8))
        else { return nil }
        return Held(type: fields[1], value: value)
    }

    /// The attribute as the tenant holds it now; `not_found` when the profile itself is gone.
    func read(_ id: String, _ namespace: String, _ handle: String) async throws -> Held? {
        if let attribute = try await session.call({ try await $0.attribute(profileID: id, namespace: namespace, handle: handle) }) {
            return Held(attribute)
        }
        // A 404 names no attribute, or no profile: the profile says which.
        guard try await session.call({ try await $0.profile(id: id) }) != nil else { throw ExpectedFailure("not_found") }
        return nil
    }

    /// The attribute `namespace:handle` becomes `wanted`; nil removes it.
    package func set(_ id: String, namespace: String, handle: String, to wanted: Held?) async throws -> Outcome {
        let key = "\(namespace):\(handle)"
        let fields = Self.fields(key, wanted)
        if !session.dryRun {
            for operation in wanted == nil ? [WriteOperation.attributeRemove] : [.attributeAdd, .attributeChange]
            where session.ledger.earlier(operation, ids: [id], handles: [fields]) != nil {
                return operation == .attributeAdd ? .added : operation == .attributeChange ? .updated : .removed
            }
        }
        let held = try await read(id, namespace, handle)
        if held == nil && wanted == nil { return .notPresent }
        if let held, let wanted, held == wanted { return .alreadyPresent }
        if session.dryRun { return wanted == nil ? .wouldRemove : held == nil ? .wouldAdd : .wouldUpdate }
        if let journal = session.journal {
            let before = BeforeField(profileID: id, kind: .attribute, key: key, value: held?.json)
            try journal.record { try $0.before(runID: journal.runID, field: before) }
        }
        let operation: WriteOperation = wanted == nil ? .attributeRemove : held == nil ? .attributeAdd : .attributeChange
        let (answer, _) = try await session.ledger.perform(
            operation, ids: [id], handles: [fields], answer: { (_: JSONValue?) in .applied(profileIDs: [id], status: wanted == nil ? 204 : 200) }
        ) {
            try await session.call { client -> JSONValue? in
                guard let wanted else {
                    try await client.deleteAttribute(profileID: id, namespace: namespace, handle: handle)
                    return nil
                }
                return try await client.setAttribute(profileID: id, namespace: namespace, handle: handle, type: wanted.type, value: wanted.value)
            }
        }
        if let answer, let wanted {
            let answered = Held(answer)
            guard answer["namespace"]?.stringValue == namespace, answer["handle"]?.stringValue == handle, answered?.value == wanted.value else {
                throw ExpectedFailure("tenant \(session.client.tenant.name) answered \(answer["namespace"]?.stringValue ?? "?"):\(answer["handle"]?.stringValue ?? "?") = \(answered.map { String(decoding: $0.value.serialized(), as: UTF8.self) } ?? "nothing") for \(key)")
            }
        }
        return wanted == nil ? .removed : held == nil ? .added : .updated
    }
}
