// What the sandbox's table functions share (tables.c, table_sort.c).
#ifndef OMNEO_TABLES_H
#define OMNEO_TABLES_H

#include "CLuaShim.h"

/// What argument 1 must allow when it is not a table but stands in for one through its metatable.
enum { NEEDS_READ = 1, NEEDS_WRITE = 2, NEEDS_LENGTH = 4 };

/// #t of argument 1 (through __len), after checking it is a table or can stand in for one.
lua_Integer omneo_table_length(lua_State *L, int needs);

int omneo_table_sort(lua_State *L);

#endif
