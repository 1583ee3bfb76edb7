// The Omneo API routes of omneo-api.md, each checking its scope first.
import OmneoModel
import Hummingbird

struct TenantRoutes {
    let store: TenantStore

    func register(on api: RouterGroup<SandboxContext>) {
        api.get("v3/auth/verify") { _, context in
            SandboxResponse.data(.object(["valid": true, "scopes": .array(context.scopes.sorted().map(JSONValue.string))]))
        }
        api.get("v3/statuses") { request, context in
            try context.require("read-statuses")
            let query = QueryString.parse(request.uri.query)
            let page = try Page(query)
            let list = await store.statusList(handle: query["filter[handle]"])
            return SandboxResponse.json(page.envelope(list, path: Self.url(request)))
        }
        api.get("v3/tags") { request, context in
            try context.require("read-profiles")
            let query = QueryString.parse(request.uri.query)
            let page = try Page(query)
            let list = await store.tagList(handle: query["filter[handle]"])
            return SandboxResponse.json(page.envelope(list, path: Self.url(request)))
        }
        registerProfiles(on: api)
        registerWrites(on: api)
        registerIdentitiesAndAttributes(on: api)
        api.get("v3/batches/{batch_id}") { request, context in
            try context.require("read-profiles")
            return SandboxResponse.data(try await store.batch(id: context.parameters.require("batch_id")))
        }
    }

    private func registerProfiles(on api: RouterGroup<SandboxContext>) {
        api.get("v3/profiles") { request, context in
            try context.require("read-profiles")
            let pairs = QueryString.pairs(request.uri.query)
            let page = try Page(Dictionary(pairs, uniquingKeysWith: { _, last in last }))
            let list = await store.profileList(try ProfileQuery(pairs, repeatedKeys: store.configuration.repeatedFilterKeys), page: page)
            return SandboxResponse.json(page.envelope(total: list.total, slice: list.slice, path: Self.url(request)))
        }
        api.get("v3/profiles/{id}") { request, context in
            try context.require("read-profiles")
            let query = QueryString.parse(request.uri.query)
            let id = try context.parameters.require("id")
            return SandboxResponse.data(try await store.profile(id: id, identityHandle: query["identity[handle]"]))
        }
        api.post("v3/profiles") { request, context in
            try context.require("create-profiles")
            let body = try await SandboxResponse.body(of: request, context: context)
            return SandboxResponse.data(try await store.createProfile(body), status: .created)
        }
        api.put("v3/profiles/{id}") { request, context in
            try context.require("update-profiles")
            let body = try await SandboxResponse.body(of: request, context: context)
            return SandboxResponse.data(try await store.updateProfile(id: context.parameters.require("id"), body))
        }
        api.delete("v3/profiles/{id}") { _, context in
            try context.require("delete-profiles")
            try await store.deleteProfile(id: context.parameters.require("id"))
            return Response(status: .noContent)
        }
        api.post("v3/profiles/{id}/purge") { _, context in
            try context.require("delete-profiles")
            try await store.purgeProfile(id: context.parameters.require("id"))
            return SandboxResponse.data(.object(["message": "Queued for purging."]), status: .accepted)
        }
    }

    private func registerWrites(on api: RouterGroup<SandboxContext>) {
        api.post("v3/profiles/batch") { request, context in
            try context.require("create-profiles")
            try context.require("update-profiles")
            let body = try await SandboxResponse.body(of: request, context: context)
            return SandboxResponse.queued(try await store.queueProfileBatch(body))
        }
        api.post("v3/profile/status/batch.json") { request, context in
            try context.require("update-profiles")
            let body = try await SandboxResponse.body(of: request, context: context)
            return SandboxResponse.queued(try await store.queueStatusBatch(body, attach: true))
        }
        api.delete("v3/profile/status/batch.json") { request, context in
            try context.require("update-profiles")
            let body = try await SandboxResponse.body(of: request, context: context)
            return SandboxResponse.queued(try await store.queueStatusBatch(body, attach: false))
        }
    }

    /// The endpoint's full URL without its query, for the pagination links.
    static func url(_ request: Request) -> String {
        "http://\(request.head.authority ?? "127.0.0.1")\(request.uri.path)"
    }
}
