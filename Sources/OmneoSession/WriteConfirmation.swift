// The question before a run's first write to a live tenant (`add 'vip' to 1,203 profiles on acme (...)?`):
// asked once per run, however many tasks reach a write at once; a yes lets every later write go, anything
// else stops the run before that write.
import OmneoModel

public actor WriteConfirmation {
    /// Shows the question and returns the answer: true to go on.
    public typealias Ask = @Sendable (_ question: String) async -> Bool

    private let ask: Ask
    private var answer: Task<Bool, Never>?
    /// True once the question was answered yes: the rest of the run writes without asking.
    public private(set) var confirmed = false

    public init(ask: @escaping Ask) { self.ask = ask }

    /// The first caller asks; callers meanwhile wait for that answer; later callers get it at once.
    func confirm(_ question: String) async -> Bool {
        if let answer { return await answer.value }
        let ask = ask
        let task = Task { await ask(question) }
        answer = task
        let yes = await task.value
        confirmed = yes
        return yes
    }

    /// `add 'vip' to 1,203 profiles`: what a status write does, over its profiles.
    static func statuses(_ entries: some Collection<StatusAssignment>, attach: Bool) -> String {
        var handles: [String] = []
        for entry in entries { for handle in entry.statuses where !handles.contains(handle) { handles.append(handle) } }
        let named = handles.map { "'\($0)'" }
        let list = named.count <= 1 ? named.joined() : named.dropLast().joined(separator: ", ") + " and " + named.last!
        return (attach ? "add \(list) to " : "remove \(list) from ") + profiles(entries.count)
    }

    /// `1 profile`, `1,203 profiles`.
    static func profiles(_ count: Int) -> String {
        var digits = Array(String(count))
        var number = ""
        while digits.count > 3 {
            number = "," + String(digits.suffix(3)) + number
            digits.removeLast(3)
        }
        return String(digits) + number + " profile\(count == 1 ? "" : "s")"
    }
}
