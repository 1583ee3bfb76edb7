// What `omneo-run init` writes: an example recipe and its test (real Lua, in Lua/init/), their sample data,
// a .luarc.json that points lua-language-server at the bundled `omneo` definitions, and a README.
import Foundation

enum InitTemplate {
    /// Path in the folder -> contents, in the order they are listed to the user.
    static func files(stdlib: String?) -> [(path: String, text: String)] {
        [
            ("example.lua", EmbeddedLua.initExample),
            ("example_test.lua", EmbeddedLua.initExampleTest),
            ("data/example.csv", sampleData),
            (".luarc.json", luarc(stdlib: stdlib)),
            ("README.md", readme(stdlib: stdlib)),
        ]
    }

    /// Addresses of the demo tenant (so `--sandbox` finds them), which the test's own tenant holds too.
    static let sampleData = """
        email,spend
        william.thompson0@example.com,1200
        zoe.nguyen1@shopper.example.org,80
        lily.johnson10@example.com,5000
        nobody@example.com,900
        not-an-email,700
        archie.ryan2@inbox.example.com,n/a

        """

    /// `stdlib/_meta` holds the `omneo` module's definitions; the stdlib itself is where
    /// `require "omneo.assign"` is found.
    static func luarc(stdlib: String?) -> String {
        let library = stdlib.map { [$0 + "/_meta", $0] } ?? []
        let object: [String: Any] = ["runtime.version": "Lua 5.4", "workspace.library": library]
        let data = (try? JSONSerialization.data(withJSONObject: object, options: [.prettyPrinted, .sortedKeys, .withoutEscapingSlashes])) ?? Data("{}".utf8)
        return String(decoding: data, as: UTF8.self) + "\n"
    }

    static func readme(stdlib: String?) -> String {
        """
        # Omneo recipes

        Made by `omneo-run init`. A recipe is a small Lua file that says what to change on an Omneo
        tenant; omneo-run does the requests, pacing, retries and batching, and reports every row.

        | file | what it is |
        |---|---|
        | `example.lua` | adds a status to every customer of a CSV who spent at least `min_spend` |
        | `example_test.lua` | its tests, each on a simulated tenant of its own |
        | `data/example.csv` | the sample list it reads |
        | `.luarc.json` | tells lua-language-server (VS Code's "Lua" extension, Neovim, ...) where the `omneo` definitions are, so `omneo.*` calls are completed and checked as you type |

        ## Try it, without an account

        ```sh
        omneo-run example.lua --sandbox --dry-run   # a simulated tenant: look up for real, change nothing, print the plan
        omneo-run example.lua --sandbox             # the same, changing the simulated tenant
        omneo-run test .                            # run example_test.lua
        omneo-run check example.lua                 # find mistakes (unknown omneo.* names, typos) without running
        ```

        ## On your tenant

        ```sh
        omneo-run tenants                           # prints a tenants.toml to fill in when there is none
        omneo-run example.lua --tenant NAME --arg file=my-list.csv --arg status=vip --dry-run
        omneo-run example.lua --tenant NAME --arg file=my-list.csv --arg status=vip
        omneo-run runs                              # every run, newest first; `omneo-run undo RUN` takes one back
        ```

        Every `omneo.*` function, with an example and its errors, is in the authoring guide
        (docs/recipe-guide.md of omneo-run). \(stdlib.map { "The `omneo` definitions are in `\($0)/_meta`." } ?? "")

        """
    }
}
