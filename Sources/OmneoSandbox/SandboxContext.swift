// The per-request context: the channel (so a `reset` fault can drop the connection) and the caller's scopes.
import Hummingbird
import NIOCore

struct SandboxContext: RequestContext {
    var coreContext: CoreRequestContextStorage
    let channel: any Channel
    var scopes: Set<String> = []

    init(source: ApplicationRequestContextSource) {
        coreContext = .init(source: source)
        channel = source.channel
    }

    /// 500 profiles with every documented field fit well within this.
    var maxUploadSize: Int { 16 << 20 }

    func require(_ scope: String) throws(SandboxAPIError) {
        guard scopes.contains(scope) else { throw .invalidScope }
    }
}
