// The per-identity and per-attribute endpoints of the vendor SDK (issue 19), each checking its scope first.
import OmneoModel
import Hummingbird
import Foundation

extension TenantRoutes {
    func registerIdentitiesAndAttributes(on api: RouterGroup<SandboxContext>) {
        api.get("v3/identities") { request, context in
            try context.require("read-profiles")
            let pairs = QueryString.pairs(request.uri.query)
            let page = try Page(Dictionary(pairs, uniquingKeysWith: { _, last in last }))
            let list = try await store.identityList(pairs, page: page)
            return SandboxResponse.json(page.envelope(total: list.total, slice: list.slice, path: Self.url(request)))
        }
        api.get("v3/profiles/{id}/identities/{handle}") { _, context in
            try context.require("read-profiles")
            return SandboxResponse.data(try await store.identity(
                profileID: context.parameters.require("id"), handle: Self.decoded(context.parameters.require("handle"))))
        }
        api.post("v3/profiles/{id}/identities") { request, context in
            try context.require("update-profiles")
            let body = try await SandboxResponse.body(of: request, context: context)
            return SandboxResponse.data(try await store.addIdentity(profileID: context.parameters.require("id"), body), status: .created)
        }
        api.put("v3/profiles/{id}/identities/{handle}") { request, context in
            try context.require("update-profiles")
            let body = try await SandboxResponse.body(of: request, context: context)
            return SandboxResponse.data(try await store.updateIdentity(
                profileID: context.parameters.require("id"), handle: Self.decoded(context.parameters.require("handle")), body))
        }
        api.delete("v3/profiles/{id}/identities/{handle}") { _, context in
            try context.require("update-profiles")
            try await store.deleteIdentity(profileID: context.parameters.require("id"), handle: Self.decoded(context.parameters.require("handle")))
            return Response(status: .noContent)
        }
        api.get("v3/profiles/{id}/attributes/custom/{key}") { _, context in
            try context.require("read-profiles")
            return SandboxResponse.data(try await store.attribute(profileID: context.parameters.require("id"), key: context.parameters.require("key")))
        }
        api.put("v3/profiles/{id}/attributes/custom/{key}") { request, context in
            try context.require("update-profiles")
            let body = try await SandboxResponse.body(of: request, context: context)
            return SandboxResponse.data(try await store.setAttribute(
                profileID: context.parameters.require("id"), key: context.parameters.require("key"), body))
        }
        api.delete("v3/profiles/{id}/attributes/custom/{key}") { _, context in
            try context.require("update-profiles")
            try await store.deleteAttribute(profileID: context.parameters.require("id"), key: context.parameters.require("key"))
            return Response(status: .noContent)
        }
    }

    static func decoded(_ segment: String) -> String {
        segment.removingPercentEncoding ?? segment
    }
}
