// Why a run ends from inside a tenant call or a journal step, whatever the recipe would do next.

/// Why a run ends from inside a host operation, whatever the recipe would do next.
package struct RunStop: Error, Sendable {
    package enum Reason: Sendable {
        /// The tenant refused the credentials or could not be reached (exit code 3).
        case refused
        /// The run went over --timeout while waiting for the tenant.
        case timeout
        /// The run journal could not record a step (disk full, damaged file): nothing more is sent.
        case journal
    }

    package let reason: Reason
    package let message: String

    package init(reason: Reason, message: String) {
        self.reason = reason
        self.message = message
    }
}
