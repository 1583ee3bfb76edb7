// The sandbox's coroutine.resume, wrap and close: like Lua's, but a host yield (a Swift call
// waiting on I/O) inside a recipe's own coroutine passes through to the host's scheduler instead
// of surfacing in the recipe, the watchdog always knows which thread runs (also while a closed
// coroutine's __close handlers run), the host's own tasks are out of reach, and closes nested in
// __close handlers are bounded.
#include "host_private.h"

enum {
    // Debian's 5.4.4 lua_resetthread does not carry the caller's count of nested C calls over to
    // the closed thread, so every close nested in a __close handler starts Lua's limit of 200
    // afresh: 30,000 of them overflowed the C stack. 16 keep even 16 x 200 C levels (~1 KB each)
    // well inside a thread's 8 MB; real code nests a close or two.
    MAX_NESTED_CLOSES = 16,
};

static int raise_too_deep(lua_State *L) {
    return luaL_error(L, "too many nested coroutine.close calls (more than %d, each from a __close handler)",
                      MAX_NESTED_CLOSES);
}

/// Closes `co`'s pending to-be-closed variables like lua_resetthread, leaving its error (if any) on
/// L. Returns -1, closing nothing, when closes are already nested too deep.
static int close_thread(lua_State *L, lua_State *co) {
    omneo_host *h = omneo_host_of(L);
    if (h->nested_closes >= MAX_NESTED_CLOSES) return -1;
    h->nested_closes++;
    int status = omneo_resetthread(co);  // protected: it always returns
    h->nested_closes--;
    if (status != LUA_OK) lua_xmove(co, L, 1);
    return status;
}

static int step(lua_State *L, lua_State *co, int narg, int wrap);

static int continue_after_host_yield(lua_State *L, int status, lua_KContext wrap) {
    (void)status;
    int base = wrap ? 0 : 1;
    lua_State *co = wrap ? lua_tothread(L, lua_upvalueindex(1)) : lua_tothread(L, 1);
    int narg = lua_gettop(L) - base;
    lua_xmove(L, co, narg);
    return step(L, co, narg, (int)wrap);
}

static int failure(lua_State *L, int wrap, int status) {
    if (!wrap) {
        lua_pushboolean(L, 0);
        lua_insert(L, -2);
        return 2;
    }
    if (status != LUA_ERRMEM && lua_type(L, -1) == LUA_TSTRING) {
        luaL_where(L, 1);
        lua_insert(L, -2);
        lua_concat(L, 2);
    }
    return lua_error(L);
}

static int step(lua_State *L, lua_State *co, int narg, int wrap) {
    int nres = 0;
    int status = omneo_resume(co, L, narg, &nres);
    if (status == LUA_YIELD && nres > 0 && lua_touserdata(co, -nres) == omneo_host_yield_tag()) {
        if (!lua_checkstack(L, nres)) return luaL_error(L, "too many results to resume");
        lua_xmove(co, L, nres);
        return lua_yieldk(L, nres, (lua_KContext)wrap, continue_after_host_yield);
    }
    if (status == LUA_OK || status == LUA_YIELD) {
        if (!lua_checkstack(L, nres + 1)) {
            lua_pop(co, nres);
            lua_pushliteral(L, "too many results to resume");
            return failure(L, wrap, LUA_ERRRUN);
        }
        lua_xmove(co, L, nres);
        if (wrap) return nres;
        lua_pushboolean(L, 1);
        lua_insert(L, -(nres + 1));
        return nres + 1;
    }
    if (!wrap) {
        lua_xmove(co, L, 1);
        return failure(L, wrap, status);
    }
    // Like Lua's wrap, close its to-be-closed variables: they see the error on co's top, and the
    // error left after them (theirs, if one raised) is what the caller gets.
    status = close_thread(L, co);
    if (status < 0) return raise_too_deep(L);
    return failure(L, wrap, status);
}

/// Pushes the reason `co` cannot be resumed from `L`, or returns 0 when it can.
static int refuse_resume(lua_State *L, lua_State *co) {
    lua_Debug ar;
    if (co == L || (lua_status(co) == LUA_OK && lua_getstack(co, 0, &ar))) {
        lua_pushliteral(L, "cannot resume non-suspended coroutine");
        return 1;
    }
    if (omneo_is_host_task(co)) {
        lua_pushliteral(L, "cannot resume a task the host runs (wait for it with omneo.wait)");
        return 1;
    }
    if (lua_status(co) == LUA_OK && lua_gettop(co) == 0) {
        lua_pushliteral(L, "cannot resume dead coroutine");
        return 1;
    }
    if (lua_status(co) != LUA_OK && lua_status(co) != LUA_YIELD) {
        lua_pushliteral(L, "cannot resume dead coroutine");
        return 1;
    }
    return 0;
}

static int start(lua_State *L, lua_State *co, int base, int wrap) {
    if (refuse_resume(L, co)) return failure(L, wrap, LUA_ERRRUN);
    int narg = lua_gettop(L) - base;
    if (!lua_checkstack(co, narg)) {
        lua_pushliteral(L, "too many arguments to resume");
        return failure(L, wrap, LUA_ERRRUN);
    }
    lua_xmove(L, co, narg);
    return step(L, co, narg, wrap);
}

static int sandbox_resume(lua_State *L) {
    lua_State *co = lua_tothread(L, 1);
    luaL_argexpected(L, co, 1, "coroutine");
    return start(L, co, 1, 0);
}

static int wrapped_call(lua_State *L) {
    return start(L, lua_tothread(L, lua_upvalueindex(1)), 0, 1);
}

static int sandbox_wrap(lua_State *L) {
    luaL_checktype(L, 1, LUA_TFUNCTION);
    lua_State *co = lua_newthread(L);
    lua_pushvalue(L, 1);
    lua_xmove(L, co, 1);
    lua_pushcclosure(L, wrapped_call, 1);
    return 1;
}

/// Why `co` cannot be closed from `L` (Lua's words), or NULL when it can: suspended or dead.
static const char *close_refusal(lua_State *L, lua_State *co) {
    lua_Debug ar;
    if (co == L) return "cannot close a running coroutine";
    if (lua_status(co) == LUA_OK && lua_getstack(co, 0, &ar)) return "cannot close a normal coroutine";
    if (omneo_is_host_task(co)) return "cannot close a task the host runs (the recipe itself or an omneo.spawn task)";
    return NULL;
}

static int sandbox_close(lua_State *L) {
    lua_State *co = lua_tothread(L, 1);
    luaL_argexpected(L, co, 1, "coroutine");
    const char *refusal = close_refusal(L, co);
    if (refusal) return luaL_error(L, "%s", refusal);
    int status = close_thread(L, co);
    if (status < 0) return raise_too_deep(L);
    if (status == LUA_OK) {
        lua_pushboolean(L, 1);
        return 1;
    }
    lua_pushboolean(L, 0);
    lua_insert(L, -2);
    return 2;
}

void omneo_open_coroutine_shims(lua_State *L) {
    lua_pushcfunction(L, sandbox_resume);
    lua_setfield(L, -2, "resume");
    lua_pushcfunction(L, sandbox_wrap);
    lua_setfield(L, -2, "wrap");
    lua_pushcfunction(L, sandbox_close);
    lua_setfield(L, -2, "close");
}
