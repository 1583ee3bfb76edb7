// `omneo-run RECIPE.lua --help`: the parameters a recipe declares, learnt by running it, without a tenant, as far
// as its omneo.params call (recipes call it first), which stops it there.
extension RecipeRunner {
    /// Why the probe stopped the recipe (never shown: the declarations are the answer).
    static let probeStop = "omneo.params: parameters read for --help; the recipe goes no further"

    /// What the recipe declares (in name order); nil when it ran to its end without calling omneo.params; or
    /// how it ended before reaching it (a syntax error, a tenant call first: no tenant is given).
    public static func parameters(_ options: RecipeOptions) -> Result<[RecipeParameter]?, RecipeFailure> {
        var options = options
        options.parameterProbe = true
        options.client = nil
        options.journal = nil
        options.reportPath = nil
        options.arguments = []
        options.log = { _, _ in }
        options.timeout = min(options.timeout ?? 10, 10)
        let prepared: Prepared
        switch prepare(options) {
        case .success(let value): prepared = value
        case .failure(let failure): return .failure(RecipeFailure(outcome: failure.outcome))
        }
        defer { prepared.finish() }
        let outcome = classify(resume(prepared.thread, []), prepared)
        if let declared = prepared.context.declaredParameters { return .success(declared.map(\.listed)) }
        return outcome == .finished ? .success(nil) : .failure(RecipeFailure(outcome: outcome))
    }

    /// How a probe ended without the parameters.
    public struct RecipeFailure: Error, Sendable {
        public let outcome: RecipeOutcome
    }
}
