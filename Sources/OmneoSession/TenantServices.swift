// A run's tenant with the workers beside it, made together so they share one session: what the runtime
// (and its bindings) hold for a run against a tenant.
package struct TenantServices: Sendable {
    package let session: TenantSession
    package let reader: ProfileReader
    package let resolver: EmailResolver
    package let statuses: StatusWriter
    package let profiles: ProfileWriter

    package init(session: TenantSession) {
        self.session = session
        reader = ProfileReader(session: session)
        resolver = EmailResolver(session: session)
        statuses = StatusWriter(session: session)
        profiles = ProfileWriter(session: session, statuses: statuses, resolver: resolver)
    }

    /// A dry run's plan: one line per status handle, then the profile writes, then where the email
    /// answers came from.
    package func planLines() async -> [String] {
        await statuses.planLines + profiles.planLines + resolver.sourceLines
    }
}
