// The command line as ArgumentParser gets it: a negative number after a long option is that option's value.
enum CommandLineArguments {
    /// ArgumentParser reads `--rate -5` as `--rate` without a value followed by an unknown option `-5`, and
    /// says "Missing value". A word that starts with `-` and a digit (or `-.`) is never one of omneo-run's
    /// options, so it is joined to the long option before it (`--rate=-5`) and meets that option's own check:
    /// `--rate must be a positive number ... (got -5)`. Nothing after `--` is touched.
    static func normalised(_ arguments: [String]) -> [String] {
        var result: [String] = []
        var index = arguments.startIndex
        while index < arguments.endIndex {
            let word = arguments[index]
            if word == "--" {
                result += arguments[index...]
                break
            }
            let next = arguments.index(after: index)
            if word.hasPrefix("--"), word.count > 2, !word.contains("="), next < arguments.endIndex, looksNegative(arguments[next]) {
                result.append(word + "=" + arguments[next])
                index = arguments.index(after: next)
                continue
            }
            result.append(word)
            index = next
        }
        return result
    }

    static func looksNegative(_ word: String) -> Bool {
        let characters = Array(word.prefix(2))
        return characters.count == 2 && characters[0] == "-" && (characters[1].isASCII && characters[1].isNumber || characters[1] == ".")
    }

    /// A number as the user would have typed it: `-5`, not `-5.0`.
    static func shown(_ value: Double) -> String {
        value.isFinite && value == value.rounded() && abs(value) < 1e15 ? String(Int64(value)) : "\(value)"
    }
}
