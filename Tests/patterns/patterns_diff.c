// Differential tests of the shim's library replacements against liblua5.4's own: runs a script with
// the pattern matcher (Sources/CLuaShim/patterns.c) as global P, the table functions, string.rep and
// load (tables.c, table_sort.c, string_rep.c, load.c) as global LOOPS, and stands in for the host's
// interrupt flag.
//   usage: patterns_diff SCRIPT [bench]     (SCRIPT: patterns_diff.lua or loops_diff.lua)
#define _POSIX_C_SOURCE 200809L  // clock_gettime, nanosleep
#include "CLuaShim.h"

#include <pthread.h>
#include <stdatomic.h>
#include <stdio.h>
#include <string.h>
#include <time.h>

// ---------------------------------------------------------------------------
// Stand-ins for the host (Sources/CLuaShim/interrupt.c is not linked into this harness).

static atomic_int interrupted;
static const char interrupt_text[] = "recipe timed out (test interrupt)";

int omneo_interrupted(lua_State *L) {
    (void)L;
    return atomic_load(&interrupted);
}

const char *omneo_interrupt_message(lua_State *L) {
    (void)L;
    return interrupt_text;
}

// ---------------------------------------------------------------------------
// Test helpers exposed to the script.

static double now(void) {
    struct timespec ts;
    clock_gettime(CLOCK_MONOTONIC, &ts);
    return (double)ts.tv_sec + (double)ts.tv_nsec / 1e9;
}

static int l_now(lua_State *L) {
    lua_pushnumber(L, now());
    return 1;
}

/// set_interrupt(flag): sets or clears the flag at once.
static int l_set_interrupt(lua_State *L) {
    atomic_store(&interrupted, lua_toboolean(L, 1));
    return 0;
}

static pthread_t timer;
static int timer_running;
static double timer_delay;

static void *timer_main(void *arg) {
    (void)arg;
    struct timespec ts = {(time_t)timer_delay, (long)((timer_delay - (time_t)timer_delay) * 1e9)};
    nanosleep(&ts, NULL);
    atomic_store(&interrupted, 1);
    return NULL;
}

static void join_timer(void) {
    if (timer_running) pthread_join(timer, NULL);
    timer_running = 0;
}

/// interrupt_after(seconds): clears the flag and sets it from another thread after `seconds`,
/// the way the host's watchdog does.
static int l_interrupt_after(lua_State *L) {
    join_timer();
    atomic_store(&interrupted, 0);
    timer_delay = luaL_checknumber(L, 1);
    if (pthread_create(&timer, NULL, timer_main, NULL) != 0) return luaL_error(L, "pthread_create");
    timer_running = 1;
    return 0;
}

/// join_timer(): waits for the timer thread, so the next test starts from a known state.
static int l_join_timer(lua_State *L) {
    (void)L;
    join_timer();
    return 0;
}

static int message_handler(lua_State *L) {
    luaL_traceback(L, L, lua_tostring(L, 1), 1);
    return 1;
}

int main(int argc, char **argv) {
    if (argc < 2) {
        fprintf(stderr, "usage: %s SCRIPT [bench]\n", argv[0]);
        return 2;
    }
    lua_State *L = luaL_newstate();
    luaL_openlibs(L);
    omneo_open_patterns(L);
    lua_setglobal(L, "P");
    lua_newtable(L);
    omneo_open_table_shims(L);
    omneo_open_string_shims(L);
    omneo_open_load_shim(L);
    lua_setglobal(L, "LOOPS");
    lua_register(L, "now", l_now);
    lua_register(L, "set_interrupt", l_set_interrupt);
    lua_register(L, "interrupt_after", l_interrupt_after);
    lua_register(L, "join_timer", l_join_timer);
    lua_pushstring(L, interrupt_text);
    lua_setglobal(L, "INTERRUPT_MESSAGE");
    lua_pushboolean(L, argc > 2 && strcmp(argv[2], "bench") == 0);
    lua_setglobal(L, "BENCH");

    // The script returns (passed, failed).
    lua_pushcfunction(L, message_handler);
    long passed = 0, failed = 1;
    if (luaL_loadfile(L, argv[1]) != LUA_OK || lua_pcall(L, 0, 2, 1) != LUA_OK) {
        fprintf(stderr, "test script failed: %s\n", lua_tostring(L, -1));
    } else {
        passed = (long)lua_tointeger(L, -2);
        failed = (long)lua_tointeger(L, -1);
    }
    join_timer();
    lua_close(L);
    printf("%ld passed, %ld failed\n", passed, failed);
    return failed == 0 ? 0 : 1;
}
