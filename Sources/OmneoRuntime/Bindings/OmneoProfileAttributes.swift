// `omneo.profile_attributes.set(id, namespace, handle, value [, type])` / `.remove(id, namespace, handle)`:
// one custom attribute of one profile through the per-attribute endpoint (AttributeWriter), journaled with
// its value before.
import LuaHost
import OmneoModel
import OmneoSession

enum OmneoProfileAttributes: OmneoModule {
    static let names = ["omneo.profile_attributes", "omneo.profile_attributes.set", "omneo.profile_attributes.remove"]

    static func hostFunctions(_ context: RecipeContext) -> [String: LuaFunction] {
        [
            "omneo.profile_attributes.set": { call in
                context.misuseAsValue(call) {
                    let tenant = try context.requireTenant(call)
                    let (id, namespace, handle) = try Self.address(call)
                    guard !call.isNil(4) else { throw call.argumentError(4, "a value expected (omneo.profile_attributes.remove deletes one)") }
                    let value = try call.value(4).jsonValue(at: "value", charging: call.memoryCharge)
                    let type = try call.isNil(5) ? AttributeWriter.Held.type(of: value) : call.string(5)
                    guard AttributeWriter.types.contains(type) else {
                        throw call.argumentError(5, "type must be one of \(AttributeWriter.types.joined(separator: ", ")), got '\(type)'")
                    }
                    let writer = AttributeWriter(session: tenant.session)
                    let wanted = AttributeWriter.Held(type: type, value: value)
                    return context.parkAnswer(call) {
                        [.string(try await writer.set(id, namespace: namespace, handle: handle, to: wanted).rawValue)]
                    }
                }
            },
            "omneo.profile_attributes.remove": { call in
                context.misuseAsValue(call) {
                    let tenant = try context.requireTenant(call)
                    let (id, namespace, handle) = try Self.address(call)
                    let writer = AttributeWriter(session: tenant.session)
                    return context.parkAnswer(call) { [.string(try await writer.set(id, namespace: namespace, handle: handle, to: nil).rawValue)] }
                }
            },
        ]
    }

    /// The profile id, namespace and handle (arguments 1 to 3): non-empty strings, the namespace without a colon
    /// (the endpoint's path is `namespace:handle`).
    static func address(_ call: LuaCall) throws -> (String, String, String) {
        let id = try OmneoProfileWrites.id(call)
        var parts: [String] = []
        for (index, name) in [(2, "namespace"), (3, "handle")] {
            guard let text = try call.value(index).stringValue else {
                throw call.argumentError(index, "\(name) must be a string, got \(OmneoProfiles.shown(try call.value(index)))")
            }
            guard !text.trimmingSpaces.isEmpty, !text.contains("/") else { throw call.argumentError(index, "\(name) must be a non-empty name without slashes, got \"\(text)\"") }
            if index == 2, text.contains(":") { throw call.argumentError(index, "a namespace has no colon, got \"\(text)\"") }
            parts.append(text)
        }
        return (id, parts[0], parts[1])
    }

    static let glue = EmbeddedLua.omneoProfileAttributes
}
