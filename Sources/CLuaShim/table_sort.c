// table.sort for the sandbox: a quicksort that looks at the interrupt flag as it compares. Lua's
// own compares plain numbers and strings in C, where no hook fires, so sorting a table whose __len
// claims two billion elements (each read through a C __index) would outlive any timeout.
//
// The contract is Lua 5.4's: t[1..#t] sorted in place through t's metamethods, by `comp(a, b)` or
// `<`, not stable, "array too big" from INT_MAX elements on, errors in `comp` propagate. An order
// that is not a strict weak order leaves the elements in some order, never loses one and never
// scans past the range (Lua raises "invalid order function for sorting" in some of those cases).
#include "tables.h"
#include "loop_poll.h"

#include <limits.h>

typedef unsigned int Index;  // 1..INT_MAX - 1, so hi + 1 never overflows

// Stack slots: the table, `comp` or nil, then the pivot and the two elements a partition compares
// (no values stay on the stack across the recursion, so the slots are fixed).
enum { TABLE = 1, ORDER = 2, PIVOT = 3, LEFT = 4, RIGHT = 5 };

typedef struct {
    lua_State *L;
    int has_order;
    lua_Unsigned comparisons;  // for the interrupt poll
} Sorter;

/// The value in stack slot a sorts before the one in slot b.
static int before(Sorter *s, int a, int b) {
    lua_State *L = s->L;
    omneo_loop_poll(L, ++s->comparisons);
    if (!s->has_order) return lua_compare(L, a, b, LUA_OPLT);
    lua_pushvalue(L, ORDER);
    lua_pushvalue(L, a);
    lua_pushvalue(L, b);
    lua_call(L, 2, 1);
    int result = lua_toboolean(L, -1);
    lua_pop(L, 1);
    return result;
}

/// t[i] sorts before t[j] (read into the slots from PIVOT on: nothing else is on the stack then).
static int element_before(Sorter *s, Index i, Index j) {
    lua_geti(s->L, TABLE, i);
    lua_geti(s->L, TABLE, j);
    int result = before(s, PIVOT, LEFT);
    lua_pop(s->L, 2);
    return result;
}

static void swap(lua_State *L, Index i, Index j) {
    lua_geti(L, TABLE, i);
    lua_geti(L, TABLE, j);
    lua_seti(L, TABLE, i);
    lua_seti(L, TABLE, j);
}

/// Splits t[lo..hi] (at least 3 elements) around the median of its first, middle and last element;
/// returns where that pivot ends: everything before it sorts no later, everything after no earlier.
static Index partition(Sorter *s, Index lo, Index hi) {
    lua_State *L = s->L;
    Index mid = lo + (hi - lo) / 2;
    if (element_before(s, mid, lo)) swap(L, mid, lo);
    if (element_before(s, hi, lo)) swap(L, hi, lo);
    if (element_before(s, hi, mid)) swap(L, hi, mid);
    swap(L, lo, mid);  // the median leads; the largest of the three stops the first scan at hi
    lua_geti(L, TABLE, lo);  // the pivot stays below the scanned elements
    Index i = lo, j = hi + 1;
    for (;;) {
        // Each scan leaves the element it stopped at on the stack, ready to be swapped.
        for (lua_geti(L, TABLE, ++i); before(s, LEFT, PIVOT) && i < hi; lua_geti(L, TABLE, ++i)) lua_pop(L, 1);
        for (lua_geti(L, TABLE, --j); before(s, PIVOT, RIGHT) && j > lo; lua_geti(L, TABLE, --j)) lua_pop(L, 1);
        if (i >= j) {
            lua_pop(L, 2);
            break;
        }
        lua_seti(L, TABLE, i);
        lua_seti(L, TABLE, j);
    }
    lua_geti(L, TABLE, j);  // the pivot goes to j, what was there to the front
    lua_seti(L, TABLE, lo);
    lua_seti(L, TABLE, j);
    return j;
}

static void sort_range(Sorter *s, Index lo, Index hi) {
    while (lo < hi) {
        if (hi - lo == 1) {
            if (element_before(s, hi, lo)) swap(s->L, lo, hi);
            return;
        }
        Index p = partition(s, lo, hi);
        // Recurse into the smaller side, loop on the larger: the C stack stays O(log n) deep.
        if (p - lo < hi - p) {
            sort_range(s, lo, p - 1);
            lo = p + 1;
        } else {
            sort_range(s, p + 1, hi);
            hi = p - 1;
        }
    }
}

int omneo_table_sort(lua_State *L) {
    lua_Integer n = omneo_table_length(L, NEEDS_READ | NEEDS_WRITE);
    if (n > 1) {
        luaL_argcheck(L, n < INT_MAX, 1, "array too big");
        if (!lua_isnoneornil(L, ORDER)) luaL_checktype(L, ORDER, LUA_TFUNCTION);
        lua_settop(L, ORDER);  // a C function has LUA_MINSTACK slots: the sort needs 6
        Sorter sorter = {L, !lua_isnil(L, ORDER), 0};
        sort_range(&sorter, 1, (Index)n);
    }
    return 0;
}
