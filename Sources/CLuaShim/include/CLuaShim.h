// The C side of the Lua host: what Swift cannot import (macros, longjmp) lives here and only here.
#ifndef OMNEO_CLUASHIM_H
#define OMNEO_CLUASHIM_H

#if __has_include(<lua.h>)
#include <lua.h>
#include <lauxlib.h>
#include <lualib.h>
#else
#include <lua5.4/lua.h>
#include <lua5.4/lauxlib.h>
#include <lua5.4/lualib.h>
#endif
#include <stddef.h>

// ---------------------------------------------------------------------------
// Macros Swift cannot import, as functions.
static inline int omneo_registryindex(void) { return LUA_REGISTRYINDEX; }
static inline int omneo_upvalueindex(int i) { return lua_upvalueindex(i); }
static inline void omneo_pop(lua_State *L, int n) { lua_pop(L, n); }
static inline void omneo_newtable(lua_State *L) { lua_newtable(L); }
static inline int omneo_gc(lua_State *L, int what, int arg) { return lua_gc(L, what, arg); }
static inline void omneo_pushglobaltable(lua_State *L) { lua_pushglobaltable(L); }
static inline void omneo_pushcfunction(lua_State *L, lua_CFunction f) { lua_pushcfunction(L, f); }
static inline void omneo_requiref(lua_State *L, const char *name, lua_CFunction open) {
    luaL_requiref(L, name, open, 1);
    lua_pop(L, 1);
}

// ---------------------------------------------------------------------------
// The host: one per main lua_State, reachable from every coroutine through the extra space.
typedef struct omneo_host omneo_host;

/// The one Swift entry point. Returns >= 0 results, or one of the OMNEO_CALL_* actions below.
typedef int (*omneo_dispatch_fn)(lua_State *L, void *function_box);

#define OMNEO_CALL_ERROR        (-1)   // error value on top; string messages get "file:line: " prefixed
#define OMNEO_CALL_ERROR_RAW    (-2)   // error value on top, raised as is
#define OMNEO_CALL_YIELD_BASE   (-16)  // yield n values: return OMNEO_CALL_YIELD_BASE - n

/// A new state with the counting allocator and the host attached (NULL when out of memory).
lua_State *omneo_newstate(omneo_dispatch_fn dispatch, size_t memory_limit);
void omneo_close(lua_State *L);
omneo_host *omneo_host_of(lua_State *L);

/// Pushes a Lua function that calls dispatch(L, box) through the trampoline.
void omneo_pushswiftfunction(lua_State *L, void *box);

// Memory accounting (bytes). A limit of 0 means unlimited.
size_t omneo_memory_used(lua_State *L);
size_t omneo_memory_peak(lua_State *L);
size_t omneo_memory_limit(lua_State *L);
void omneo_set_memory_limit(lua_State *L, size_t limit);
/// True when an allocation was refused because of the limit since the last reset.
int omneo_memory_limit_hit(lua_State *L);
void omneo_reset_memory_limit_hit(lua_State *L);
/// Counts memory the host keeps on the recipe's behalf (task records) as used (negative: given back).
/// Never refused here: the limit then stops the next allocation Lua makes.
void omneo_account_host_memory(lua_State *L, long long bytes);

#define OMNEO_CHARGE_OK           0
#define OMNEO_CHARGE_OVER_LIMIT   1  // stop building; the trampoline raises LUA_ERRMEM when Swift returns
#define OMNEO_CHARGE_INTERRUPTED  2  // the watchdog fired; the recipe stops at its next instruction
/// Counts `bytes` that Swift is building from Lua values (a conversion) against the memory limit, and
/// says whether to go on. The count starts afresh with every Swift call and after every resume/pcall.
int omneo_charge(lua_State *L, size_t bytes);

/// Errors a Swift function raises are placed at the first calling frame outside the host's own Lua (the
/// "=[omneo]" glue) and outside modules whose chunk name starts with `prefix` (the bundled stdlib, e.g.
/// "@/usr/share/omneo-run/stdlib/omneo/"; its `*_test.lua` files are recipes). NULL or "" for no prefix.
void omneo_set_library_prefix(lua_State *L, const char *prefix);

// Interruption (timeouts). Safe to call from another thread.
/// Asks the running Lua code to stop with `message` as soon as it executes an instruction.
void omneo_interrupt(lua_State *L, const char *message);
/// Nonzero once omneo_interrupt was called; long-running C code polls this.
int omneo_interrupted(lua_State *L);
const char *omneo_interrupt_message(lua_State *L);
/// Starts a watchdog thread that calls omneo_interrupt after `seconds`; 0 disables.
int omneo_watchdog_start(lua_State *L, double seconds, const char *message);
void omneo_watchdog_stop(lua_State *L);

// Coroutines.
/// The light userdata that tags a host yield (first yielded value), so recipe coroutines pass it on.
void *omneo_host_yield_tag(void);
/// A new thread (pushed, like lua_newthread) marked as a task the host drives: recipe code can
/// neither resume nor close it.
lua_State *omneo_newtask(lua_State *L);
int omneo_is_host_task(lua_State *L);
/// lua_resume that keeps track of the running thread for the watchdog.
int omneo_resume(lua_State *co, lua_State *from, int nargs, int *nresults);
/// lua_resetthread with the watchdog watching `co`, the thread its __close handlers run on.
int omneo_resetthread(lua_State *co);
/// Opens the sandbox's coroutine.resume / wrap / close replacements into the table on top.
void omneo_open_coroutine_shims(lua_State *L);

/// Opens table.move/insert/remove/concat/unpack/sort replacements into the table on top: Lua's
/// own run their loops in C, where no hook fires, over ranges a recipe chooses (`table.move({}, 1,
/// 2^62, 2)`); these poll the interrupt flag.
void omneo_open_table_shims(lua_State *L);
/// Opens a string.rep that polls the interrupt flag into the table on top (`("").rep("", 2^62)`
/// copies nothing 2^62 times).
void omneo_open_string_shims(lua_State *L);

/// Opens a load that hands the parser its chunk in pieces and polls the interrupt flag between two
/// into the table on top (Lua's parses in C: `load(os.time)` lexed forever).
void omneo_open_load_shim(lua_State *L);

/// Replaces load, coroutine.resume/wrap/close, string.find/match/gmatch/gsub/rep and table.move/
/// insert/remove/concat/unpack/sort in the state's own libraries.
void omneo_install_sandbox_shims(lua_State *L);

/// lua_pcall for Swift callers: restores the hard memory limit while Lua runs inside.
int omneo_pcall(lua_State *L, int nargs, int nresults, int msgh);

/// A message handler for omneo_pcall that records a traceback; fetch it with omneo_push_last_traceback.
int omneo_message_handler(lua_State *L);
void omneo_push_last_traceback(lua_State *L);

/// Pushes a traceback of `co` with `msg` (string or NULL) onto L.
void omneo_traceback(lua_State *L, lua_State *co, const char *msg, int level);

// Interruptible pattern matching (string.find/match/gmatch/gsub with Lua 5.4 semantics).
/// Pushes a table { find=, match=, gmatch=, gsub= } whose functions poll omneo_interrupted.
void omneo_open_patterns(lua_State *L);

#endif
