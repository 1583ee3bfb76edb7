// The host side of a Lua state: counting allocator, the Swift trampoline, interruption and watchdog.
#include "host_private.h"

#include <pthread.h>
#include <stdatomic.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <errno.h>
#include <stdint.h>


static char host_yield_tag;

// Every thread's extra space holds the host pointer (lua_newthread copies it from the main thread).
// Threads the host drives as tasks carry it with the low bit set, which nothing in Lua can forge.
static const uintptr_t host_task_bit = 1;

omneo_host *omneo_host_of(lua_State *L) {
    return (omneo_host *)(*(uintptr_t *)lua_getextraspace(L) & ~host_task_bit);
}

lua_State *omneo_newtask(lua_State *L) {
    lua_State *task = lua_newthread(L);
    *(uintptr_t *)lua_getextraspace(task) |= host_task_bit;
    return task;
}

int omneo_is_host_task(lua_State *L) {
    return (*(uintptr_t *)lua_getextraspace(L) & host_task_bit) != 0;
}

void *omneo_host_yield_tag(void) { return &host_yield_tag; }

static void *counting_alloc(void *ud, void *ptr, size_t osize, size_t nsize) {
    omneo_host *h = ud;
    size_t old = ptr ? osize : 0;
    if (nsize == 0) {
        free(ptr);
        h->used -= old;
        return NULL;
    }
    if (h->limit && h->soft == 0 && nsize > old && h->used - old + nsize > h->limit) {
        h->limit_hit = 1;
        return NULL;
    }
    void *block = realloc(ptr, nsize);
    if (block == NULL) return NULL;
    h->used = h->used - old + nsize;
    if (h->used > h->peak) h->peak = h->used;
    return block;
}

lua_State *omneo_newstate(omneo_dispatch_fn dispatch, size_t memory_limit) {
    omneo_host *h = calloc(1, sizeof *h);
    if (h == NULL) return NULL;
    h->dispatch = dispatch;
    h->limit = memory_limit;
    h->soft = 1;  // the host itself never gets a limit error: only Lua code run by pcall/resume does
    atomic_init(&h->interrupted, 0);
    pthread_mutex_init(&h->lock, NULL);
    pthread_cond_init(&h->wake, NULL);
    lua_State *L = lua_newstate(counting_alloc, h);
    if (L == NULL) {
        free(h);
        return NULL;
    }
    *(omneo_host **)lua_getextraspace(L) = h;
    atomic_init(&h->current, L);
    return L;
}

void omneo_close(lua_State *L) {
    omneo_host *h = omneo_host_of(L);
    omneo_watchdog_stop(L);
    h->limit = 0;
    lua_close(L);
    pthread_mutex_destroy(&h->lock);
    pthread_cond_destroy(&h->wake);
    free(h->library_prefix);
    free(h);
}

void omneo_account_host_memory(lua_State *L, long long bytes) {
    omneo_host *h = omneo_host_of(L);
    if (bytes < 0 && (size_t)-bytes > h->used) bytes = -(long long)h->used;
    h->used += (size_t)bytes;
    if (h->used > h->peak) h->peak = h->used;
}

int omneo_charge(lua_State *L, size_t bytes) {
    omneo_host *h = omneo_host_of(L);
    if (atomic_load_explicit(&h->interrupted, memory_order_relaxed)) return OMNEO_CHARGE_INTERRUPTED;
    h->swift_bytes += bytes;
    if (h->limit && h->used + h->swift_bytes > h->limit) {
        h->swift_refused = 1;
        h->limit_hit = 1;
        return OMNEO_CHARGE_OVER_LIMIT;
    }
    return OMNEO_CHARGE_OK;
}

size_t omneo_memory_used(lua_State *L) { return omneo_host_of(L)->used; }
size_t omneo_memory_peak(lua_State *L) { return omneo_host_of(L)->peak; }
size_t omneo_memory_limit(lua_State *L) { return omneo_host_of(L)->limit; }
void omneo_set_memory_limit(lua_State *L, size_t limit) { omneo_host_of(L)->limit = limit; }
int omneo_memory_limit_hit(lua_State *L) { return omneo_host_of(L)->limit_hit; }
void omneo_reset_memory_limit_hit(lua_State *L) { omneo_host_of(L)->limit_hit = 0; }

// ---------------------------------------------------------------------------
// The trampoline: the only lua_CFunction behind every Swift function. Swift returns an action;
// lua_error and lua_yield (both longjmp) are called here, after Swift's frames are gone.

static void raise_if_over_limit(lua_State *L, omneo_host *h) {
    if (h->soft == 0 && h->limit && h->used > h->limit) {
        // A real allocation against the hard limit: after an emergency collection it either
        // fits (no error) or raises LUA_ERRMEM like any other allocation.
        lua_newuserdatauv(L, 1, 0);
        lua_pop(L, 1);
    }
}

/// Raises LUA_ERRMEM, as any allocation over the limit does (a recipe's pcall sees "not enough memory").
static int raise_memory_error(lua_State *L, omneo_host *h) {
    if (h->limit && h->soft == 0) lua_newuserdatauv(L, h->limit, 0);  // refused: it never returns
    lua_pushliteral(L, "not enough memory");
    return lua_error(L);
}

void omneo_set_library_prefix(lua_State *L, const char *prefix) {
    omneo_host *h = omneo_host_of(L);
    free(h->library_prefix);
    h->library_prefix = (prefix && *prefix) ? strdup(prefix) : NULL;
}

/// A frame of the host's glue or of a bundled stdlib module (not one of its test files).
static int is_host_frame(const omneo_host *h, const char *source) {
    if (strcmp(source, "=[omneo]") == 0) return 1;
    if (h->library_prefix == NULL || strncmp(source, h->library_prefix, strlen(h->library_prefix)) != 0) return 0;
    static const char test_suffix[] = "_test.lua";
    size_t length = strlen(source), suffix = sizeof test_suffix - 1;
    return !(length >= suffix && strcmp(source + length - suffix, test_suffix) == 0);
}

/// luaL_where for a Swift function's error: the caller's "file:line: ", passing over the host's glue and the
/// stdlib's modules, so misuse is shown at the recipe's line (never "[omneo]:3:"). A C caller has no line (as
/// luaL_where shows none); past host frames a C one (pcall) is passed over too, to the recipe that called it.
static void push_recipe_where(lua_State *L, const omneo_host *h) {
    lua_Debug ar;
    int passed_host = 0;
    for (int level = 1; lua_getstack(L, level, &ar); level++) {
        lua_getinfo(L, "Sl", &ar);
        if (ar.currentline > 0 && is_host_frame(h, ar.source)) {
            passed_host = 1;
            continue;
        }
        if (ar.currentline > 0) {
            lua_pushfstring(L, "%s:%d: ", ar.short_src, ar.currentline);
            return;
        }
        if (!passed_host) break;
    }
    lua_pushliteral(L, "");
}

static int trampoline(lua_State *L) {
    omneo_host *h = omneo_host_of(L);
    void *box = lua_touserdata(L, lua_upvalueindex(1));
    int soft = h->soft;
    h->soft = 1;
    omneo_reset_swift_bytes(h);
    int action = h->dispatch(L, box);
    h->soft = soft;
    // Whatever Swift made of it (a binding may turn errors into values), data that did not fit is
    // an out-of-memory error.
    if (h->swift_refused) {
        omneo_reset_swift_bytes(h);
        return raise_memory_error(L, h);
    }
    raise_if_over_limit(L, h);
    if (action >= 0) return action;
    if (action == OMNEO_CALL_ERROR) {
        if (lua_type(L, -1) == LUA_TSTRING) {
            push_recipe_where(L, h);
            lua_insert(L, -2);
            lua_concat(L, 2);
        }
        return lua_error(L);
    }
    if (action == OMNEO_CALL_ERROR_RAW) return lua_error(L);
    return lua_yield(L, OMNEO_CALL_YIELD_BASE - action);
}

void omneo_pushswiftfunction(lua_State *L, void *box) {
    lua_pushlightuserdata(L, box);
    lua_pushcclosure(L, trampoline, 1);
}

int omneo_pcall(lua_State *L, int nargs, int nresults, int msgh) {
    omneo_host *h = omneo_host_of(L);
    int soft = h->soft;
    h->soft = 0;
    int status = lua_pcall(L, nargs, nresults, msgh);
    h->soft = soft;
    omneo_reset_swift_bytes(h);  // Swift converts the results next
    return status;
}

void omneo_traceback(lua_State *L, lua_State *co, const char *msg, int level) {
    luaL_traceback(L, co, msg, level);
}

static const char traceback_key = 0;

/// Message handler for omneo_pcall: keeps the error object and records the traceback beside it.
int omneo_message_handler(lua_State *L) {
    luaL_traceback(L, L, NULL, 1);
    lua_rawsetp(L, LUA_REGISTRYINDEX, &traceback_key);
    return 1;
}

void omneo_push_last_traceback(lua_State *L) {
    lua_rawgetp(L, LUA_REGISTRYINDEX, &traceback_key);
    lua_pushnil(L);
    lua_rawsetp(L, LUA_REGISTRYINDEX, &traceback_key);
}

void omneo_install_sandbox_shims(lua_State *L) {
    lua_pushglobaltable(L);
    omneo_open_load_shim(L);
    lua_pop(L, 1);
    lua_getglobal(L, "coroutine");
    omneo_open_coroutine_shims(L);
    lua_pop(L, 1);
    lua_getglobal(L, "table");
    omneo_open_table_shims(L);
    lua_pop(L, 1);
    lua_getglobal(L, "string");
    omneo_open_string_shims(L);
    omneo_open_patterns(L);
    lua_pushnil(L);
    while (lua_next(L, -2) != 0) {
        lua_pushvalue(L, -2);
        lua_insert(L, -2);
        lua_rawset(L, -5);
    }
    lua_pop(L, 2);
}
