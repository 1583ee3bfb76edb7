// A run's tenant with the workers beside it, made together so they share one session: what the runtime
// (and its bindings) hold for a run against a tenant.
package import OmneoModel

package struct TenantServices: Sendable {
    package let session: TenantSession
    package let reader: ProfileReader
    package let resolver: EmailResolver
    package let statuses: StatusWriter
    package let profiles: ProfileWriter
    package let tags: TagWriter

    package init(session: TenantSession) {
        self.session = session
        reader = ProfileReader(session: session)
        resolver = EmailResolver(session: session)
        statuses = StatusWriter(session: session)
        profiles = ProfileWriter(session: session, statuses: statuses, resolver: resolver)
        tags = TagWriter(session: session)
    }

    /// A dry run's plan: one line per status handle, then the profile writes, then where the email
    /// answers came from.
    package func planLines() async -> [String] {
        await statuses.planLines + profiles.planLines + tags.planLines + resolver.sourceLines
    }
}

extension TenantServices {
    /// `omneo.assign`'s core: resolves the emails and writes `handles` to every profile found, each chunk
    /// sent as soon as it is full while the lookups go on (a dry run resolves first, then plans, as
    /// before). Returns the resolution and the job; its batches are in chunk order.
    package func writeByEmail(
        _ inputs: [String], handles: [String], attach: Bool, chunk: Int, plan: ResolvePlan?
    ) async throws -> (resolution: EmailResolution, job: StatusJob) {
        // A dry run plans from the whole resolution; a run whose first write waits for a question resolves
        // first too, so the question says how many profiles the write goes to. Both check the handles
        // before any read.
        let asking = await session.asksBeforeWriting
        if session.dryRun || asking {
            try await statuses.check(handles: handles, chunk: chunk)
            let resolution = try await resolver.resolve(inputs, plan: plan)
            let job = try await statuses.write(resolution.ids.map { StatusAssignment(profileID: $0, statuses: handles) }, attach: attach, chunk: chunk)
            return (resolution, job)
        }
        // Pipelined, the handles are checked alongside the first reads (the status list and the resolver's
        // first page go out together: one round trip, not two) and before any write: an unknown handle
        // stops the resolve and no chunk is sent.
        try StatusWriter.check(chunk: chunk)
        let session = session
        let handleCheck = Task { try await session.checkHandles(handles) }
        let writer = statuses
        let id = await writer.open(attach: attach)
        let feed = ChunkFeed(chunk: chunk) { ids, index in
            try await handleCheck.value
            try await writer.append(ids.map { StatusAssignment(profileID: $0, statuses: handles) }, index: index, to: id)
        }
        let resolution: EmailResolution
        do {
            resolution = try await Self.resolving(while: handleCheck) { try await resolver.resolve(inputs, plan: plan, feed: feed) }
        } catch {
            // What is out is answered and journaled; nothing more is sent.
            try? await feed.finish(sendingRest: false)
            throw error
        }
        try await feed.finish(sendingRest: true)
        return (resolution, await writer.close(id))
    }

    /// `resolve`, given up as soon as `check` fails (its error is the one thrown); returns once both ended.
    private static func resolving(
        while check: Task<Void, any Error>, _ resolve: @escaping @Sendable () async throws -> EmailResolution
    ) async throws -> EmailResolution {
        try await withThrowingTaskGroup(of: EmailResolution?.self) { group in
            group.addTask { try await check.value; return nil }
            group.addTask { try await resolve() }
            var resolution: EmailResolution?
            for try await answer in group where answer != nil { resolution = answer }
            return resolution!
        }
    }
}
