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
        try await statuses.check(handles: handles, chunk: chunk)
        // A dry run plans from the whole resolution; a run whose first write waits for a question resolves
        // first too, so the question says how many profiles the write goes to.
        let asking = await session.asksBeforeWriting
        if session.dryRun || asking {
            let resolution = try await resolver.resolve(inputs, plan: plan)
            let job = try await statuses.write(resolution.ids.map { StatusAssignment(profileID: $0, statuses: handles) }, attach: attach, chunk: chunk)
            return (resolution, job)
        }
        let writer = statuses
        let id = await writer.open(attach: attach)
        let feed = ChunkFeed(chunk: chunk) { ids, index in
            try await writer.append(ids.map { StatusAssignment(profileID: $0, statuses: handles) }, index: index, to: id)
        }
        let resolution: EmailResolution
        do {
            resolution = try await resolver.resolve(inputs, plan: plan, feed: feed)
        } catch {
            // What is out is answered and journaled; nothing more is sent.
            try? await feed.finish(sendingRest: false)
            throw error
        }
        try await feed.finish(sendingRest: true)
        return (resolution, await writer.close(id))
    }
}
