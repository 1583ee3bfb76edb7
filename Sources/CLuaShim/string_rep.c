// string.rep for the sandbox, with Lua 5.4.4's semantics and messages. Lua's own copies nothing
// 2^62 times for `string.rep("", 2^62)` (an empty string and separator pass its size check), in C
// where no hook fires; this one returns at once when there is nothing to copy, and copies in
// doubling blocks (at most 31 of them), looking at the interrupt flag between two.
#include "CLuaShim.h"
#include "loop_poll.h"

#include <limits.h>
#include <string.h>

static int string_rep(lua_State *L) {
    size_t length, separator_length;
    const char *s = luaL_checklstring(L, 1, &length);
    lua_Integer n = luaL_checkinteger(L, 2);
    const char *separator = luaL_optlstring(L, 3, "", &separator_length);
    size_t unit = length + separator_length;
    if (n <= 0 || unit == 0) {
        lua_pushliteral(L, "");
        return 1;
    }
    // Lua's limit for a string it builds: the result must fit in an int.
    if (unit < length || unit > (size_t)INT_MAX / (lua_Unsigned)n)
        return luaL_error(L, "resulting string too large");
    // The result is (s separator) n - 1 times, then s: write one unit, then double what is written,
    // looking at the interrupt flag between copies.
    size_t units = (size_t)(n - 1) * unit, total = units + length;
    luaL_Buffer buffer;
    char *result = luaL_buffinitsize(L, &buffer, total);
    if (units > 0) {
        memcpy(result, s, length);
        memcpy(result + length, separator, separator_length);
        for (size_t filled = unit; filled < units;) {
            omneo_loop_poll(L, 0);
            size_t chunk = filled < units - filled ? filled : units - filled;
            memcpy(result + filled, result, chunk);
            filled += chunk;
        }
    }
    memcpy(result + units, s, length);
    luaL_pushresultsize(&buffer, total);
    return 1;
}

void omneo_open_string_shims(lua_State *L) {
    lua_pushcfunction(L, string_rep);
    lua_setfield(L, -2, "rep");
}
