// Tenant JSON as Lua values: null leaves a hole, whole numbers become integers.
import LuaHost
import OmneoClient

extension OmneoValue {
    var luaValue: LuaValue {
        switch self {
        case .null: .nil
        case .bool(let flag): .boolean(flag)
        case .number(let number):
            number.rounded() == number && abs(number) < 9.0e15 ? .integer(Int64(number)) : .number(number)
        case .string(let text): .string(text)
        case .array(let list): .array(list.map(\.luaValue))
        case .object(let fields): .object(fields.mapValues(\.luaValue))
        }
    }
}

extension OmneoProfile {
    /// The profile as the API sent it, with `id` and `statuses` always present.
    var luaValue: LuaValue {
        var fields = raw.mapValues(\.luaValue)
        fields["id"] = .string(id)
        fields["statuses"] = .array(statuses.map { .string($0) })
        return .object(fields)
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
