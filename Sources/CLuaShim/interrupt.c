// Timeouts: a watchdog thread arms a count hook on the running coroutine, which then raises on
// every instruction. The hook stays off until then, so pure Lua code runs at full speed.
// "Running" means the thread Lua code runs on: the resumed coroutine, or the closed one while its
// __close handlers run (lua_resetthread runs them on it, not on the caller).
#include "host_private.h"

#include <errno.h>
#include <stdio.h>
#include <string.h>

static void interrupt_hook(lua_State *L, lua_Debug *ar) {
    (void)ar;
    omneo_host *h = omneo_host_of(L);
    if (!atomic_load(&h->interrupted)) return;
    // Every instruction from now on raises again, so a recipe's pcall cannot swallow the stop.
    lua_sethook(L, interrupt_hook, LUA_MASKCOUNT, 1);
    luaL_where(L, 0);
    lua_pushstring(L, h->message);
    lua_concat(L, 2);
    lua_error(L);
}

static void arm(lua_State *L) {
    lua_sethook(L, interrupt_hook, LUA_MASKCOUNT, 1);
}

void omneo_interrupt(lua_State *L, const char *message) {
    omneo_host *h = omneo_host_of(L);
    if (!atomic_load(&h->interrupted)) {
        snprintf(h->message, sizeof h->message, "%s", message);
        // Flag first, then read `current`: a concurrent thread switch stores `current` and then
        // reads the flag, so one of the two sides always arms the thread that runs next.
        atomic_store(&h->interrupted, 1);
    }
    arm(atomic_load(&h->current));
}

int omneo_interrupted(lua_State *L) { return atomic_load(&omneo_host_of(L)->interrupted); }

const char *omneo_interrupt_message(lua_State *L) { return omneo_host_of(L)->message; }

/// Marks `co` as the running thread; arms it when an interrupt is already pending.
static void switch_to(omneo_host *h, lua_State *co) {
    atomic_store(&h->current, co);
    if (atomic_load(&h->interrupted)) arm(co);
}

int omneo_resume(lua_State *co, lua_State *from, int nargs, int *nresults) {
    omneo_host *h = omneo_host_of(co);
    lua_State *previous = atomic_load(&h->current);
    int soft = h->soft;
    h->soft = 0;
    switch_to(h, co);
    int status = lua_resume(co, from, nargs, nresults);
    switch_to(h, previous);
    h->soft = soft;
    omneo_reset_swift_bytes(h);  // Swift converts the results next
    return status;
}

int omneo_resetthread(lua_State *co) {
    omneo_host *h = omneo_host_of(co);
    lua_State *previous = atomic_load(&h->current);
    int soft = h->soft;
    h->soft = 0;
    switch_to(h, co);
    int status = lua_resetthread(co);
    switch_to(h, previous);
    h->soft = soft;
    return status;
}

// ---------------------------------------------------------------------------
// The watchdog thread.

static void *watchdog_main(void *arg) {
    lua_State *L = arg;
    omneo_host *h = omneo_host_of(L);
    pthread_mutex_lock(&h->lock);
    int rc = 0;
    while (!h->watchdog_stop && rc != ETIMEDOUT)
        rc = pthread_cond_timedwait(&h->wake, &h->lock, &h->deadline);
    if (!h->watchdog_stop) omneo_interrupt(L, h->watchdog_message);
    pthread_mutex_unlock(&h->lock);
    return NULL;
}

int omneo_watchdog_start(lua_State *L, double seconds, const char *message) {
    omneo_host *h = omneo_host_of(L);
    omneo_watchdog_stop(L);
    if (seconds <= 0) return 0;
    pthread_condattr_t attr;
    pthread_condattr_init(&attr);
    pthread_condattr_setclock(&attr, CLOCK_MONOTONIC);
    pthread_cond_destroy(&h->wake);
    pthread_cond_init(&h->wake, &attr);
    pthread_condattr_destroy(&attr);
    clock_gettime(CLOCK_MONOTONIC, &h->deadline);
    long long ns = (long long)(seconds * 1e9) + h->deadline.tv_nsec;
    h->deadline.tv_sec += ns / 1000000000LL;
    h->deadline.tv_nsec = ns % 1000000000LL;
    snprintf(h->watchdog_message, sizeof h->watchdog_message, "%s", message);
    h->watchdog_stop = 0;
    if (pthread_create(&h->watchdog, NULL, watchdog_main, L) != 0) return -1;
    h->watchdog_running = 1;
    return 0;
}

void omneo_watchdog_stop(lua_State *L) {
    omneo_host *h = omneo_host_of(L);
    if (!h->watchdog_running) return;
    pthread_mutex_lock(&h->lock);
    h->watchdog_stop = 1;
    pthread_cond_signal(&h->wake);
    pthread_mutex_unlock(&h->lock);
    pthread_join(h->watchdog, NULL);
    h->watchdog_running = 0;
}
