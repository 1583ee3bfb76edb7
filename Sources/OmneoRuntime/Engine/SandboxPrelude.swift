// The trusted Lua code that seals the sandbox (Lua/prelude.lua): per-chunk environments, safe globals, require.
//
// It runs once per state with the real globals, receives the host's Swift functions, the `omneo`
// module and the read-only views (Lua/readonly.lua), and returns the loader every recipe and module
// goes through. After it runs, nothing a recipe can reach leads back to the real globals, files or
// processes, and nothing one chunk can change is seen by another.
enum SandboxPrelude {
    static let chunkName = "=[omneo]"

    package static let source = EmbeddedLua.prelude

    /// Lua/readonly.lua: the read-only views through which chunks share the omneo API, modules and string methods.
    static let readonlyViews = EmbeddedLua.readonly
}
