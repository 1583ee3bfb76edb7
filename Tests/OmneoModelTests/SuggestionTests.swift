// "did you mean": a case-only difference always wins; otherwise the closest within a third of the word.
import OmneoModel
import Testing

@Suite struct SuggestionTests {
    @Test func aCaseOnlyDifferenceWinsHoweverLong() {
        #expect(Suggestion.closest(to: "VIP", among: ["vip", "vpi", "staff"]) == "vip")
        #expect(Suggestion.closest(to: "Ambassador", among: ["ambassador", "ambassadors"]) == "ambassador")
        #expect(Suggestion.closest(to: "vip", among: ["vip", "VIP"]) == "VIP", "the word itself is no suggestion")
    }

    @Test func otherwiseTheClosestNearEnough() {
        #expect(Suggestion.closest(to: "staf", among: ["staff", "vip"]) == "staff")
        #expect(Suggestion.closest(to: "xyz", among: ["staff", "vip"]) == nil)
    }
}
