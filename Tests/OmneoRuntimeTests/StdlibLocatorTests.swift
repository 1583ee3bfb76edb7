// The bundled stdlib is found both in the source tree (swift run) and beside an installed binary.
import Foundation
import Testing
@testable import OmneoRuntime

@Suite struct StdlibLocatorTests {
    @Test func installedLayoutIsPreferred() throws {
        let prefix = FileManager.default.temporaryDirectory.appendingPathComponent("omneo-prefix-\(UUID().uuidString)")
        let stdlib = prefix.appendingPathComponent("share/omneo-run/stdlib")
        try FileManager.default.createDirectory(at: stdlib, withIntermediateDirectories: true)
        #expect(StdlibLocator.find(executablePath: prefix.path + "/bin/omneo-run") == stdlib.path)
    }

    @Test func sourceTreeIsTheFallback() {
        #expect(StdlibLocator.find(executablePath: "/nonexistent/bin/omneo-run") == StdlibLocator.sourceTree + "/stdlib")
        #expect(FileManager.default.fileExists(atPath: StdlibLocator.sourceTree + "/stdlib/omneo/emails.lua"))
    }
}
