// swift-tools-version:6.0
// omneo-run: a Swift host that runs sandboxed Lua recipes against Omneo tenants.
import PackageDescription

let swiftSettings: [SwiftSetting] = [
    .enableUpcomingFeature("ExistentialAny"),
    .enableUpcomingFeature("InternalImportsByDefault"),
]

let package = Package(
    name: "omneo-run",
    platforms: [.macOS(.v14)],
    products: [
        .executable(name: "omneo-run", targets: ["omneo-run"]),
    ],
    dependencies: [
        .package(url: "https://github.com/apple/swift-argument-parser", from: "1.8.2"),
        .package(url: "https://github.com/apple/swift-log", from: "1.16.2"),
        .package(url: "https://github.com/swift-server/async-http-client", from: "1.37.0"),
        .package(url: "https://github.com/hummingbird-project/hummingbird", from: "2.28.1"),
        .package(url: "https://github.com/LebJe/TOMLKit", from: "0.6.0"),
        .package(url: "https://github.com/apple/swift-nio", from: "2.101.2"),
        .package(url: "https://github.com/apple/swift-http-types", from: "1.8.0"),
        .package(url: "https://github.com/swift-server/swift-service-lifecycle", from: "2.13.0"),
        .package(url: "https://github.com/groue/GRDB.swift", from: "7.10.0"),
        // SHA-256 for the token fingerprint of a tenant's identity (already built for async-http-client's TLS).
        .package(url: "https://github.com/apple/swift-crypto", from: "4.5.2"),
    ],
    targets: [
        // Debian's liblua5.4 through pkg-config `lua5.4` (the C build: it longjmps, never throws).
        .systemLibrary(
            name: "CLua",
            pkgConfig: "lua5.4",
            providers: [.apt(["liblua5.4-dev", "pkgconf"])]
        ),
        // The only C code: macro wrappers, the trampoline, allocator, hook and an interruptible matcher.
        .target(name: "CLuaShim", dependencies: ["CLua"]),
        .target(name: "LuaHost", dependencies: ["CLua", "CLuaShim"], swiftSettings: swiftSettings),
        // The vendor's data model, written once: JSON, wire shapes, field rules, emails, write operations.
        // No Lua, no HTTP: the client, the sandbox, the session and the runtime all stand on it.
        .target(name: "OmneoModel", swiftSettings: swiftSettings),
        // The simulated tenant: a real HTTP server speaking omneo-api.md. Knows nothing of Lua.
        .target(
            name: "OmneoSandbox",
            dependencies: [
                "OmneoModel",
                .product(name: "Hummingbird", package: "hummingbird"),
                .product(name: "Logging", package: "swift-log"),
                .product(name: "NIOCore", package: "swift-nio"),
                .product(name: "NIOConcurrencyHelpers", package: "swift-nio"),
                .product(name: "HTTPTypes", package: "swift-http-types"),
                .product(name: "ServiceLifecycle", package: "swift-service-lifecycle"),
            ],
            exclude: ["Fixtures"],
            swiftSettings: swiftSettings
        ),
        // The HTTP client of a tenant: config, auth, pacing, retries. Knows nothing of Lua.
        .target(
            name: "OmneoClient",
            dependencies: [
                "OmneoModel",
                .product(name: "AsyncHTTPClient", package: "async-http-client"),
                .product(name: "Logging", package: "swift-log"),
                .product(name: "TOMLKit", package: "TOMLKit"),
                .product(name: "Crypto", package: "swift-crypto"),
                .product(name: "NIOCore", package: "swift-nio"),
                .product(name: "NIOPosix", package: "swift-nio"),
                .product(name: "NIOHTTP1", package: "swift-nio"),
                .product(name: "NIOConcurrencyHelpers", package: "swift-nio"),
            ],
            swiftSettings: swiftSettings
        ),
        // The run journal: one SQLite database per machine (GRDB). Knows nothing of Lua or HTTP.
        .target(name: "OmneoJournal", dependencies: ["OmneoModel", .product(name: "GRDB", package: "GRDB.swift")], swiftSettings: swiftSettings),
        // One run's conversation with its tenant, Lua-free: reads, email resolution, status and profile
        // writes, each through the write ledger (the journal handshake); undo.
        .target(name: "OmneoSession", dependencies: ["OmneoModel", "OmneoClient", "OmneoJournal"], swiftSettings: swiftSettings),
        // The run report as one HTML page (`--html`), from the journal alone: Lua-free and client-free.
        .target(name: "OmneoReportPage", dependencies: ["OmneoModel", "OmneoJournal"], swiftSettings: swiftSettings),
        // `omneo-run check`'s bytecode linter: needs only the Lua host.
        .target(name: "OmneoLint", dependencies: ["LuaHost", "OmneoModel"], swiftSettings: swiftSettings),
        // The recipe engine (sandbox, scheduler, runner), the omneo.* bindings, codecs and the report.
        .target(
            name: "OmneoRuntime",
            dependencies: ["LuaHost", "OmneoModel", "OmneoClient", "OmneoJournal", "OmneoSession", "OmneoLint", .product(name: "Logging", package: "swift-log")],
            // Lua/ (the omneo glue, the sandbox prelude) is not compiled but embedded by EmbedLua: no resource files to install.
            exclude: ["Lua"],
            swiftSettings: swiftSettings,
            plugins: ["EmbedLua"]
        ),
        // `omneo-run test`: the omneo.test harness, on the runtime and the sandbox. Production runs never need it.
        .target(
            name: "OmneoTesting",
            dependencies: ["LuaHost", "OmneoModel", "OmneoClient", "OmneoSession", "OmneoRuntime", "OmneoSandbox"],
            exclude: ["Lua"],
            swiftSettings: swiftSettings,
            plugins: ["EmbedLua"]
        ),
        // A target's Lua/**/*.lua as Swift string constants; the tool has no dependencies, so it builds first and fast.
        .executableTarget(name: "embed-lua", swiftSettings: swiftSettings),
        .plugin(name: "EmbedLua", capability: .buildTool(), dependencies: ["embed-lua"]),
        .executableTarget(
            name: "omneo-run",
            dependencies: [
                "OmneoModel",
                "OmneoRuntime",
                "OmneoSession",
                "OmneoTesting",
                "OmneoClient",
                "OmneoSandbox",
                "OmneoJournal",
                "OmneoReportPage",
                .product(name: "ArgumentParser", package: "swift-argument-parser"),
                .product(name: "Logging", package: "swift-log"),
            ],
            // Lua/init/: the recipe and test `omneo-run init` writes, embedded by EmbedLua.
            exclude: ["Lua"],
            swiftSettings: swiftSettings,
            plugins: ["EmbedLua"]
        ),
        // bench/: figures for the README, never timed unit tests.
        .executableTarget(name: "omneo-bench-calls", dependencies: ["LuaHost"], path: "bench/LuaCallBench"),
        .executableTarget(name: "omneo-bench-strings", dependencies: ["LuaHost", "OmneoRuntime"], path: "bench/StringMethodBench"),
        .executableTarget(
            name: "omneo-bench-sandbox",
            dependencies: [.product(name: "AsyncHTTPClient", package: "async-http-client"), .product(name: "NIOCore", package: "swift-nio")],
            path: "bench/SandboxSoak"
        ),
        .testTarget(name: "LuaHostTests", dependencies: ["LuaHost"], swiftSettings: swiftSettings),
        .testTarget(name: "OmneoModelTests", dependencies: ["OmneoModel", "OmneoSandbox"], swiftSettings: swiftSettings),
        .testTarget(
            name: "OmneoSessionTests",
            dependencies: ["OmneoSession", "OmneoModel", "OmneoClient", "OmneoJournal", "OmneoSandbox"],
            swiftSettings: swiftSettings
        ),
        .testTarget(name: "OmneoLintTests", dependencies: ["OmneoLint", "OmneoRuntime", "LuaHost"], swiftSettings: swiftSettings),
        .testTarget(name: "OmneoJournalTests", dependencies: ["OmneoJournal", "OmneoModel", .product(name: "GRDB", package: "GRDB.swift")], swiftSettings: swiftSettings),
        .testTarget(
            name: "OmneoSandboxTests",
            dependencies: [
                "OmneoSandbox", "OmneoModel",
                .product(name: "AsyncHTTPClient", package: "async-http-client"),
                .product(name: "NIOCore", package: "swift-nio"),
                .product(name: "NIOHTTP1", package: "swift-nio"),
            ],
            swiftSettings: swiftSettings
        ),
        .testTarget(
            name: "OmneoClientTests",
            dependencies: [
                "OmneoClient", "OmneoSandbox", "OmneoModel", "omneo-run",
                .product(name: "Logging", package: "swift-log"),
                .product(name: "NIOConcurrencyHelpers", package: "swift-nio"),
            ],
            swiftSettings: swiftSettings
        ),
        .testTarget(name: "OmneoRuntimeTests", dependencies: ["OmneoRuntime", "OmneoTesting", "OmneoSession", "OmneoModel", "OmneoClient", "OmneoSandbox", "OmneoJournal", .product(name: "Logging", package: "swift-log")], swiftSettings: swiftSettings),
        .testTarget(name: "OmneoRunTests", dependencies: ["omneo-run"], swiftSettings: swiftSettings),
        .testTarget(name: "OmneoReportPageTests", dependencies: ["OmneoReportPage", "OmneoJournal", "OmneoModel"], swiftSettings: swiftSettings),
    ]
)
