// table.move/insert/remove/concat/unpack for the sandbox, with Lua 5.4.4's semantics and messages.
// Lua's own run their loops in C over a range the recipe chooses, and an element access that finds
// nothing runs no VM instruction either, so the count hook never fires: `table.move({}, 1, 2^62, 2)`
// or an insert into a table whose __len says 2^62 ran forever. These look at the interrupt flag
// every POLL_INTERVAL elements and raise the interrupt message once it is set.
#include "tables.h"
#include "loop_poll.h"

#include <limits.h>

static int has_raw_field(lua_State *L, const char *name) {
    lua_pushstring(L, name);
    int found = lua_rawget(L, -2) != LUA_TNIL;
    lua_pop(L, 1);
    return found;
}

/// Raises Lua's "table expected" unless argument `arg` is a table, or has a metatable with the
/// metamethods `needs` asks for (so it can stand in for one).
static void check_table(lua_State *L, int arg, int needs) {
    if (lua_type(L, arg) == LUA_TTABLE) return;
    if (lua_getmetatable(L, arg)) {
        int stands_in = (!(needs & NEEDS_READ) || has_raw_field(L, "__index")) &&
                        (!(needs & NEEDS_WRITE) || has_raw_field(L, "__newindex")) &&
                        (!(needs & NEEDS_LENGTH) || has_raw_field(L, "__len"));
        lua_pop(L, 1);
        if (stands_in) return;
    }
    luaL_checktype(L, arg, LUA_TTABLE);
}

lua_Integer omneo_table_length(lua_State *L, int needs) {
    check_table(L, 1, needs | NEEDS_LENGTH);
    return luaL_len(L, 1);
}

static int table_insert(lua_State *L) {
    lua_Integer end = (lua_Integer)((lua_Unsigned)omneo_table_length(L, NEEDS_READ | NEEDS_WRITE) + 1u);
    lua_Integer pos = end;
    switch (lua_gettop(L)) {
    case 2:
        break;
    case 3:
        pos = luaL_checkinteger(L, 2);
        luaL_argcheck(L, (lua_Unsigned)pos - 1u < (lua_Unsigned)end, 2, "position out of bounds");
        for (lua_Integer i = end; i > pos; i--) {  // t[i] = t[i - 1], from the top down
            omneo_loop_poll(L, (lua_Unsigned)i);
            lua_geti(L, 1, i - 1);
            lua_seti(L, 1, i);
        }
        break;
    default:
        return luaL_error(L, "wrong number of arguments to 'insert'");
    }
    lua_seti(L, 1, pos);
    return 0;
}

static int table_remove(lua_State *L) {
    lua_Integer size = omneo_table_length(L, NEEDS_READ | NEEDS_WRITE);
    lua_Integer pos = luaL_optinteger(L, 2, size);
    if (pos != size)  // an explicit position: 1..size+1 (5.4.4 blames argument #1 for it)
        luaL_argcheck(L, (lua_Unsigned)pos - 1u <= (lua_Unsigned)size, 1, "position out of bounds");
    lua_geti(L, 1, pos);
    for (; pos < size; pos++) {  // t[pos] = t[pos + 1]
        omneo_loop_poll(L, (lua_Unsigned)pos);
        lua_geti(L, 1, pos + 1);
        lua_seti(L, 1, pos);
    }
    lua_pushnil(L);
    lua_seti(L, 1, pos);
    return 1;
}

static void move_one(lua_State *L, int into, lua_Integer from, lua_Integer to, lua_Unsigned step) {
    omneo_loop_poll(L, step);
    lua_geti(L, 1, from);
    lua_seti(L, into, to);
}

static int table_move(lua_State *L) {
    lua_Integer first = luaL_checkinteger(L, 2);
    lua_Integer last = luaL_checkinteger(L, 3);
    lua_Integer to = luaL_checkinteger(L, 4);
    int into = lua_isnoneornil(L, 5) ? 1 : 5;
    check_table(L, 1, NEEDS_READ);
    check_table(L, into, NEEDS_WRITE);
    if (last >= first) {
        luaL_argcheck(L, first > 0 || last < LUA_MAXINTEGER + first, 3, "too many elements to move");
        lua_Integer count = last - first + 1;
        luaL_argcheck(L, to <= LUA_MAXINTEGER - count + 1, 4, "destination wrap around");
        // Copy upwards unless the destination overlaps the source from above.
        if (to > last || to <= first || (into != 1 && !lua_compare(L, 1, into, LUA_OPEQ))) {
            for (lua_Integer i = 0; i < count; i++) move_one(L, into, first + i, to + i, (lua_Unsigned)i);
        } else {
            for (lua_Integer i = count - 1; i >= 0; i--) move_one(L, into, first + i, to + i, (lua_Unsigned)i);
        }
    }
    lua_pushvalue(L, into);
    return 1;
}

static void add_element(lua_State *L, luaL_Buffer *buffer, lua_Integer i) {
    lua_geti(L, 1, i);
    if (!lua_isstring(L, -1))
        luaL_error(L, "invalid value (%s) at index %I in table for 'concat'", luaL_typename(L, -1),
                   (LUAI_UACINT)i);
    luaL_addvalue(buffer);
}

static int table_concat(lua_State *L) {
    lua_Integer last = omneo_table_length(L, NEEDS_READ);
    size_t separator_length;
    const char *separator = luaL_optlstring(L, 2, "", &separator_length);
    lua_Integer i = luaL_optinteger(L, 3, 1);
    last = luaL_optinteger(L, 4, last);
    luaL_Buffer buffer;
    luaL_buffinit(L, &buffer);
    for (; i < last; i++) {
        omneo_loop_poll(L, (lua_Unsigned)i);
        add_element(L, &buffer, i);
        luaL_addlstring(&buffer, separator, separator_length);
    }
    if (i == last) add_element(L, &buffer, i);
    luaL_pushresult(&buffer);
    return 1;
}

static int table_unpack(lua_State *L) {
    lua_Integer i = luaL_optinteger(L, 2, 1);
    lua_Integer last = lua_isnoneornil(L, 3) ? luaL_len(L, 1) : luaL_checkinteger(L, 3);
    if (i > last) return 0;
    lua_Unsigned count = (lua_Unsigned)last - (lua_Unsigned)i + 1u;  // 0 when the range is all integers
    if (count == 0 || count >= (lua_Unsigned)INT_MAX || !lua_checkstack(L, (int)count))
        return luaL_error(L, "too many results to unpack");
    for (; i < last; i++) {
        omneo_loop_poll(L, (lua_Unsigned)i);
        lua_geti(L, 1, i);
    }
    lua_geti(L, 1, last);
    return (int)count;
}

void omneo_open_table_shims(lua_State *L) {
    static const luaL_Reg functions[] = {
        {"insert", table_insert}, {"remove", table_remove}, {"move", table_move},
        {"concat", table_concat}, {"unpack", table_unpack}, {"sort", omneo_table_sort},
        {NULL, NULL},
    };
    luaL_setfuncs(L, functions, 0);
}
