// How C loops that run no VM instruction (so no count hook fires in them) honour the interrupt.
#ifndef OMNEO_LOOP_POLL_H
#define OMNEO_LOOP_POLL_H

#include "CLuaShim.h"

enum { OMNEO_POLL_INTERVAL = 1024 };  // a power of two: steps between two looks at the flag

/// Raises the interrupt message (at the calling Lua line) once the watchdog has fired; looks at the
/// flag on every OMNEO_POLL_INTERVAL-th step of a loop.
static inline void omneo_loop_poll(lua_State *L, lua_Unsigned step) {
    if ((step & (OMNEO_POLL_INTERVAL - 1)) == 0 && omneo_interrupted(L))
        luaL_error(L, "%s", omneo_interrupt_message(L));
}

#endif
