// The wire shapes as Lua sees them: a profile always has `id`, `statuses` and `custom_attributes` in one
// shape, a batch its counts as numbers.
package import LuaHost
package import OmneoModel

extension OmneoProfile {
    var luaValue: LuaValue { Self.luaValue(fields) }

    /// Profile fields as Lua gets them: `custom_attributes` is always the table keyed by namespace then
    /// handle (`p.custom_attributes.loyalty.lifetime_spend`), whichever of its two shapes the tenant sent.
    // Keyed, not the array: the vendor SDK's live test reads it keyed, and an author can index it directly.
    package static func luaValue(_ fields: [String: JSONValue]) -> LuaValue {
        var fields = fields
        fields["custom_attributes"] = CustomAttributes(fields["custom_attributes"]).byNamespace
        return JSONValue.object(fields).luaValue
    }
}

extension OmneoStatus {
    var luaValue: LuaValue {
        var fields = raw.mapValues(\.luaValue)
        fields["handle"] = .string(handle)
        fields["name"] = .string(name)
        return .object(fields)
    }
}

extension BatchProgress {
    /// The batch with its counts as numbers, whatever the tenant sent.
    var luaValue: LuaValue {
        .object([
            "id": .string(id),
            "entity_type": entityType.map { .string($0) } ?? .nil,
            "status": .string(status),
            "total_count": totalCount.map { .integer(Int64($0)) } ?? .nil,
            "processed_count": .integer(Int64(processedCount)),
            "success_count": .integer(Int64(successCount)),
            "failed_count": .integer(Int64(failedCount)),
            "done": .boolean(isDone),
            "items": .array(items.map { item in
                .object([
                    "id": item.id.map { .string($0) } ?? .nil,
                    "entity_id": item.entityID.map { .string($0) } ?? .nil,
                    "status": item.status.map { .string($0) } ?? .nil,
                    "error": item.error.map { .string($0) } ?? .nil,
                ])
            }),
        ])
    }
}
