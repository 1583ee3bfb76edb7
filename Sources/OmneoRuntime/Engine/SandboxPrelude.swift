// The trusted Lua code that seals the sandbox (Lua/prelude.lua): per-chunk environments, safe globals, require.
//
// It runs once per state with the real globals, receives the host's Swift functions and the
// `omneo` module, and returns the loader every recipe and module goes through. After it runs,
// nothing a recipe can reach leads back to the real globals, files or processes.
enum SandboxPrelude {
    static let chunkName = "=[omneo]"

    package static let source = EmbeddedLua.prelude
}
