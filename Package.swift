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
        .target(
            name: "OmneoRuntime",
            dependencies: ["LuaHost", .product(name: "Logging", package: "swift-log")],
            swiftSettings: swiftSettings
        ),
        .executableTarget(
            name: "omneo-run",
            dependencies: [
                "OmneoRuntime",
                .product(name: "ArgumentParser", package: "swift-argument-parser"),
                .product(name: "Logging", package: "swift-log"),
            ],
            swiftSettings: swiftSettings
        ),
        // bench/: figures for the README, never timed unit tests.
        .executableTarget(name: "omneo-bench-calls", dependencies: ["LuaHost"], path: "bench/LuaCallBench"),
        .testTarget(name: "LuaHostTests", dependencies: ["LuaHost"], swiftSettings: swiftSettings),
        .testTarget(name: "OmneoRuntimeTests", dependencies: ["OmneoRuntime"], swiftSettings: swiftSettings),
        .testTarget(name: "OmneoRunTests", dependencies: ["omneo-run"], swiftSettings: swiftSettings),
    ]
)
