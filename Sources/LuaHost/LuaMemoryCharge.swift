// What Swift builds out of Lua values counts against the state's memory limit and stops at the deadline.
internal import CLuaShim

/// Counts the Swift memory a conversion from Lua data builds against the state's limit, and stops the
/// conversion once the watchdog has fired. A table of shared sub-tables is tiny in Lua and can be
/// millions of values once copied: without this it was copied outside --max-memory, for seconds
/// past --timeout. When the data no longer fits, the Swift call's return raises Lua's own
/// out-of-memory error (the trampoline sees to it), whatever the Swift code made of the thrown one.
public struct LuaMemoryCharge {
    let L: OpaquePointer

    /// What conversions count for what they build: rough sizes of Swift's dictionaries, arrays and enums.
    public static let table = 128
    public static let entry = 64
    public static let string = 32

    /// Counts `bytes` more; throws a memory error when they no longer fit, an interruption once the
    /// watchdog fired.
    public func callAsFunction(_ bytes: Int) throws(LuaError) {
        switch omneo_charge(L, bytes) {
        case OMNEO_CHARGE_OK: return
        case OMNEO_CHARGE_OVER_LIMIT: throw LuaError.memory("not enough memory")
        default: throw LuaError.interrupted(String(cString: omneo_interrupt_message(L)))
        }
    }
}
