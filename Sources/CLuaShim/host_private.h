// The host record behind every state; private to the shim's C files.
#ifndef OMNEO_HOST_PRIVATE_H
#define OMNEO_HOST_PRIVATE_H

#include "CLuaShim.h"
#include <pthread.h>
#include <stdatomic.h>
#include <time.h>

struct omneo_host {
    omneo_dispatch_fn dispatch;
    // Memory accounting. `soft` is 1 while Swift is on the stack: an allocation there must not
    // fail (Lua would longjmp through Swift frames), so the limit is enforced after Swift returns.
    size_t used, peak, limit;
    int soft;
    int limit_hit;
    // What Swift builds from Lua values during one Swift call (omneo_charge): it counts against the
    // limit too, and once it does not fit, the trampoline raises LUA_ERRMEM after Swift returns.
    size_t swift_bytes;
    int swift_refused;
    // coroutine.close calls in progress, one inside another's __close handler (see coroutine.c).
    int nested_closes;
    // Interruption, written by the watchdog thread.
    atomic_int interrupted;
    _Atomic(lua_State *) current;
    char message[256];
    // Watchdog thread.
    pthread_t watchdog;
    pthread_mutex_t lock;
    pthread_cond_t wake;
    int watchdog_running;
    int watchdog_stop;
    struct timespec deadline;
    char watchdog_message[256];
    // Chunk names starting with this (the bundled stdlib's modules) are not where a recipe's mistake is
    // shown (see omneo_set_library_prefix); NULL for none.
    char *library_prefix;
};

/// Swift starts building from Lua values afresh: a call from Lua, or the results of a resume or pcall.
static inline void omneo_reset_swift_bytes(omneo_host *h) {
    h->swift_bytes = 0;
    h->swift_refused = 0;
}

#endif
