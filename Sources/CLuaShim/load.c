// load for the sandbox, with Lua 5.4.4's semantics and messages. Lua's own lexes and parses in C,
// where no hook fires, and a reader function that is a C function runs no instruction either:
// `load(os.time)` lexed an ever longer numeral for 6 s past `--timeout 1` (30 s with math.random),
// and a long string chunk parses for seconds. This one hands the parser at most PIECE bytes at a
// time, from the string or from what the reader returned, and looks at the interrupt flag between
// two pieces; load then returns nil and the interrupt message, and the recipe stops at its next
// instruction.
#include "CLuaShim.h"

enum {
    PIECE = 64 * 1024,  // bytes the parser gets between two looks at the flag
    READER = 1,         // stack slots of a load from a reader: the function,
    CURRENT = 5,        // and the piece it returned last, kept alive while the parser reads it
};

typedef struct {
    const char *next;  // what the parser has not read yet
    size_t left;
    int from_reader;   // refill from the reader function once `left` is 0
} Pieces;

static void poll(lua_State *L) {
    if (omneo_interrupted(L)) luaL_error(L, "%s", omneo_interrupt_message(L));
}

/// Asks the reader for its next piece, as Lua's load does; returns 0 at the end of the chunk.
static int refill(lua_State *L, Pieces *pieces) {
    luaL_checkstack(L, 2, "too many nested functions");
    lua_pushvalue(L, READER);
    lua_call(L, 0, 1);
    if (lua_isnil(L, -1)) {
        lua_pop(L, 1);
        return 0;
    }
    if (!lua_isstring(L, -1)) luaL_error(L, "reader function must return a string");
    lua_replace(L, CURRENT);
    pieces->next = lua_tolstring(L, CURRENT, &pieces->left);
    return 1;
}

static const char *next_piece(lua_State *L, void *data, size_t *size) {
    Pieces *pieces = data;
    poll(L);
    if (pieces->left == 0 && !(pieces->from_reader && refill(L, pieces))) {
        *size = 0;
        return NULL;
    }
    *size = pieces->left < PIECE ? pieces->left : PIECE;  // an empty piece ends the chunk, as in Lua
    const char *piece = pieces->next;
    pieces->next += *size;
    pieces->left -= *size;
    return piece;
}

static int sandbox_load(lua_State *L) {
    size_t length;
    const char *text = lua_tolstring(L, 1, &length);
    const char *mode = luaL_optstring(L, 3, "bt");
    int env = lua_isnone(L, 4) ? 0 : 4;
    Pieces pieces = {text, length, 0};
    int status;
    if (text != NULL) {
        status = lua_load(L, next_piece, &pieces, luaL_optstring(L, 2, text), mode);
    } else {
        const char *chunkname = luaL_optstring(L, 2, "=(load)");
        luaL_checktype(L, READER, LUA_TFUNCTION);
        lua_settop(L, CURRENT);
        pieces.from_reader = 1;
        status = lua_load(L, next_piece, &pieces, chunkname, mode);
    }
    if (status != LUA_OK) {
        luaL_pushfail(L);
        lua_insert(L, -2);
        return 2;
    }
    if (env) {
        lua_pushvalue(L, env);
        if (!lua_setupvalue(L, -2, 1)) lua_pop(L, 1);
    }
    return 1;
}

void omneo_open_load_shim(lua_State *L) {
    lua_pushcfunction(L, sandbox_load);
    lua_setfield(L, -2, "load");
}
