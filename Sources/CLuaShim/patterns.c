// Interruptible pattern matching for the sandbox: string.find/match/gmatch/gsub with Lua 5.4.4's
// semantics, written here because the built-in matcher runs entirely in C where the count hook
// never fires, so a backtracking pattern could outlive any timeout. This one polls the host's
// interrupt flag every POLL_INTERVAL steps and raises the interrupt message when it is set.
//
// The matcher is the classic recursive backtracking algorithm of Lua patterns (reference manual
// §6.4.1). Results, recursion limits and error messages follow the built-in functions so that a
// recipe cannot tell the difference (Tests/patterns checks this against liblua5.4).
#define _GNU_SOURCE  // memmem in glibc's <string.h>
#include "CLuaShim.h"

#include <ctype.h>
#include <string.h>

enum {
    MAX_CAPTURES = 32,     // LUA_MAXCAPTURES
    MAX_DEPTH = 200,       // MAXCCALLS of lstrlib.c: nesting beyond it is "pattern too complex"
    POLL_INTERVAL = 1000,  // match steps between two looks at the interrupt flag
};

// Capture lengths that are not lengths.
#define CAP_OPEN (-1)      // '(' seen, ')' not yet
#define CAP_POSITION (-2)  // '()': captures the position, not a substring

#define ESC '%'
#define SPECIALS "^$*+?.([%-"

typedef struct {
    lua_State *L;          // the running thread: errors and captures go there
    const char *src;       // subject
    const char *src_end;
    const char *pat_end;   // the pattern is not NUL-terminated as far as we are concerned
    int depth_left;        // recursion budget of the current attempt
    int budget;            // steps until the next poll of the interrupt flag
    int ncap;
    struct {
        const char *start;
        ptrdiff_t len;     // or CAP_OPEN / CAP_POSITION
    } cap[MAX_CAPTURES];
} Matcher;

static inline int uc(char c) { return (unsigned char)c; }

static void matcher_init(Matcher *m, lua_State *L, const char *s, size_t ls, const char *p,
                         size_t lp) {
    m->L = L;
    m->src = s;
    m->src_end = s + ls;
    m->pat_end = p + lp;
    m->budget = POLL_INTERVAL;
}

/// Called before every match attempt at a new subject position.
static void matcher_reset(Matcher *m) {
    m->ncap = 0;
    m->depth_left = MAX_DEPTH;
}

// ---------------------------------------------------------------------------
// Interruption

static void poll_interrupt(Matcher *m) {
    m->budget = POLL_INTERVAL;
    if (omneo_interrupted(m->L)) luaL_error(m->L, "%s", omneo_interrupt_message(m->L));
}

/// One unit of work; cheap enough for the innermost loops.
static inline void tick(Matcher *m) {
    if (--m->budget <= 0) poll_interrupt(m);
}

// ---------------------------------------------------------------------------
// Single-character classes: 'x', '.', '%a', '[set]'

/// Returns the end of the class that starts at p (p < pat_end), raising on malformed ones.
static const char *class_end(Matcher *m, const char *p) {
    char c = *p++;
    if (c == ESC) {
        if (p == m->pat_end) luaL_error(m->L, "malformed pattern (ends with '%%')");
        return p + 1;
    }
    if (c != '[') return p;
    if (p < m->pat_end && *p == '^') p++;
    // The first character of a set never closes it, so "[]]" and "[^]]" contain ']'.
    do {
        if (p == m->pat_end) luaL_error(m->L, "malformed pattern (missing ']')");
        c = *p++;
        if (c == ESC && p < m->pat_end) p++;  // "%]" does not close the set either
    } while (p == m->pat_end || *p != ']');
    return p + 1;
}

/// Does character c belong to class %cl? Upper-case letters complement the class.
/// The letters are folded as ASCII rather than with tolower(): faster in this innermost call, and
/// the same as Lua's unless a locale folds ASCII letters unusually (Turkish 'I').
static int class_matches(int c, int cl) {
    int upper = (cl >= 'A' && cl <= 'Z');
    int hit;
    switch (upper ? cl + ('a' - 'A') : cl) {
    case 'a': hit = isalpha(c); break;
    case 'c': hit = iscntrl(c); break;
    case 'd': hit = isdigit(c); break;
    case 'g': hit = isgraph(c); break;
    case 'l': hit = islower(c); break;
    case 'p': hit = ispunct(c); break;
    case 's': hit = isspace(c); break;
    case 'u': hit = isupper(c); break;
    case 'w': hit = isalnum(c); break;
    case 'x': hit = isxdigit(c); break;
    case 'z': hit = (c == 0); break;  // deprecated since 5.2, still honoured by 5.4
    default: return cl == c;          // escaped punctuation or other letter: itself
    }
    return upper ? !hit : hit;
}

/// Does c belong to the set [..] that starts at p and whose closing ']' is at last?
static int set_matches(int c, const char *p, const char *last) {
    int found = 1;  // what a hit returns; '^' turns it around
    p++;
    if (*p == '^') {
        found = 0;
        p++;
    }
    for (; p < last; p++) {
        if (*p == ESC) {
            p++;
            if (class_matches(c, uc(*p))) return found;
        } else if (p[1] == '-' && p + 2 < last) {  // a '-' next to ']' is a literal
            if (uc(p[0]) <= c && c <= uc(p[2])) return found;
            p += 2;
        } else if (uc(*p) == c) {
            return found;
        }
    }
    return !found;
}

/// Does the subject character at s match the class [p, ep)?
static int single_matches(const Matcher *m, const char *s, const char *p, const char *ep) {
    if (s >= m->src_end) return 0;
    int c = uc(*s);
    switch (*p) {
    case '.': return 1;
    case ESC: return class_matches(c, uc(p[1]));
    case '[': return set_matches(c, p, ep - 1);
    default: return uc(*p) == c;
    }
}

// ---------------------------------------------------------------------------
// The backtracking matcher. do_match returns the end of the match of pattern p at s, or NULL.

static const char *do_match(Matcher *m, const char *s, const char *p);

/// Greedy '*' (and '+' after its first character): longest run first, then shorter ones.
static const char *match_greedy(Matcher *m, const char *s, const char *p, const char *ep) {
    ptrdiff_t n = 0;
    while (single_matches(m, s + n, p, ep)) {
        n++;
        tick(m);
    }
    for (; n >= 0; n--) {
        const char *end = do_match(m, s + n, ep + 1);
        if (end != NULL) return end;
    }
    return NULL;
}

/// Lazy '-': the rest of the pattern first, one more repetition only when that fails.
static const char *match_lazy(Matcher *m, const char *s, const char *p, const char *ep) {
    for (;;) {
        const char *end = do_match(m, s, ep + 1);
        if (end != NULL) return end;
        if (!single_matches(m, s, p, ep)) return NULL;
        s++;
    }
}

static const char *open_capture(Matcher *m, const char *s, const char *p, ptrdiff_t kind) {
    if (m->ncap >= MAX_CAPTURES) luaL_error(m->L, "too many captures");
    m->cap[m->ncap].start = s;
    m->cap[m->ncap].len = kind;
    m->ncap++;
    const char *end = do_match(m, s, p);
    if (end == NULL) m->ncap--;  // undo: the caller backtracks past the '('
    return end;
}

static const char *close_capture(Matcher *m, const char *s, const char *p) {
    int i = m->ncap - 1;
    while (i >= 0 && m->cap[i].len != CAP_OPEN) i--;
    if (i < 0) luaL_error(m->L, "invalid pattern capture");
    m->cap[i].len = s - m->cap[i].start;
    const char *end = do_match(m, s, p);
    if (end == NULL) m->cap[i].len = CAP_OPEN;
    return end;
}

/// %bxy at s, with p pointing at x.
static const char *match_balance(Matcher *m, const char *s, const char *p) {
    if (p + 1 >= m->pat_end) luaL_error(m->L, "malformed pattern (missing arguments to '%%b')");
    if (s >= m->src_end || *s != p[0]) return NULL;
    char open = p[0], close = p[1];
    int depth = 1;
    for (const char *t = s + 1; t < m->src_end; t++) {
        tick(m);
        if (*t == close) {  // checked first, so %bxx works with equal delimiters
            if (--depth == 0) return t + 1;
        } else if (*t == open) {
            depth++;
        }
    }
    return NULL;
}

/// %f[set] at s, with p pointing at '['; returns the pattern after the set, or NULL.
static const char *match_frontier(Matcher *m, const char *s, const char *p) {
    if (p >= m->pat_end || *p != '[') luaL_error(m->L, "missing '[' after '%%f' in pattern");
    const char *ep = class_end(m, p);
    // The subject is framed by '\0' on both sides.
    int before = (s == m->src) ? 0 : uc(s[-1]);
    int here = (s < m->src_end) ? uc(*s) : 0;
    if (!set_matches(before, p, ep - 1) && set_matches(here, p, ep - 1)) return ep;
    return NULL;
}

/// %1..%9 at s: the same text as the capture again.
static const char *match_backref(Matcher *m, const char *s, int digit) {
    int i = digit - '1';
    if (i < 0 || i >= m->ncap || m->cap[i].len == CAP_OPEN)
        luaL_error(m->L, "invalid capture index %%%d", i + 1);
    if (m->cap[i].len == CAP_POSITION) return NULL;  // a position is not text: never matches
    size_t len = (size_t)m->cap[i].len;
    m->budget -= (int)(len >> 10);  // long comparisons count as work too
    if ((size_t)(m->src_end - s) >= len && memcmp(m->cap[i].start, s, len) == 0) return s + len;
    return NULL;
}

static inline const char *leave(Matcher *m, const char *result) {
    m->depth_left++;
    return result;
}

static const char *do_match(Matcher *m, const char *s, const char *p) {
    if (m->depth_left-- == 0) luaL_error(m->L, "pattern too complex");
    tick(m);
    // Simple steps loop here; anything that may backtrack recurses and ends this frame.
    while (s != NULL && p != m->pat_end) {
        switch (*p) {
        case '(':
            if (p + 1 < m->pat_end && p[1] == ')')
                return leave(m, open_capture(m, s, p + 2, CAP_POSITION));
            return leave(m, open_capture(m, s, p + 1, CAP_OPEN));
        case ')':
            return leave(m, close_capture(m, s, p + 1));
        case '$':
            if (p + 1 == m->pat_end) return leave(m, s == m->src_end ? s : NULL);
            break;  // elsewhere '$' is an ordinary character
        case ESC:
            if (p + 1 == m->pat_end) break;  // class_end reports the dangling '%'
            if (p[1] == 'b') {
                s = match_balance(m, s, p + 2);
                p += 4;
                continue;
            }
            if (p[1] == 'f') {
                p = match_frontier(m, s, p + 2);
                if (p == NULL) s = NULL;
                continue;
            }
            if (isdigit(uc(p[1]))) {
                s = match_backref(m, s, uc(p[1]));
                p += 2;
                continue;
            }
            break;
        }
        // A single-character class, maybe followed by a quantifier.
        const char *ep = class_end(m, p);
        char quantifier = (ep < m->pat_end) ? *ep : '\0';
        if (!single_matches(m, s, p, ep)) {
            if (quantifier == '*' || quantifier == '?' || quantifier == '-') {
                p = ep + 1;  // zero repetitions will do
                continue;
            }
            s = NULL;
            break;
        }
        switch (quantifier) {
        case '?': {
            const char *end = do_match(m, s + 1, ep + 1);
            if (end != NULL) return leave(m, end);
            p = ep + 1;  // try without the optional character
            continue;
        }
        case '+': return leave(m, match_greedy(m, s + 1, p, ep));
        case '*': return leave(m, match_greedy(m, s, p, ep));
        case '-': return leave(m, match_lazy(m, s, p, ep));
        default:
            s++;
            p = ep;
            continue;
        }
    }
    return leave(m, s);
}

// ---------------------------------------------------------------------------
// Captures as Lua values

/// Capture i of the match [s, e): sets *start and returns its length, or pushes the position of
/// a position capture and returns CAP_POSITION. Without captures, "capture 1" is the whole match.
static ptrdiff_t get_capture(Matcher *m, int i, const char *s, const char *e, const char **start) {
    if (i >= m->ncap) {
        if (i != 0) luaL_error(m->L, "invalid capture index %%%d", i + 1);
        *start = s;
        return e - s;
    }
    ptrdiff_t len = m->cap[i].len;
    *start = m->cap[i].start;
    if (len == CAP_OPEN) luaL_error(m->L, "unfinished capture");
    if (len == CAP_POSITION) lua_pushinteger(m->L, (m->cap[i].start - m->src) + 1);
    return len;
}

static void push_capture(Matcher *m, int i, const char *s, const char *e) {
    const char *start;
    ptrdiff_t len = get_capture(m, i, s, e, &start);
    if (len != CAP_POSITION) lua_pushlstring(m->L, start, (size_t)len);
}

/// Pushes all captures (or the whole match when there are none and s is given).
static int push_captures(Matcher *m, const char *s, const char *e) {
    int n = (m->ncap == 0 && s != NULL) ? 1 : m->ncap;
    luaL_checkstack(m->L, n, "too many captures");
    for (int i = 0; i < n; i++) push_capture(m, i, s, e);
    return n;
}

// ---------------------------------------------------------------------------
// string.find and string.match

/// A 1-based, possibly negative start position as a 1-based position that is at least 1.
static size_t start_position(lua_Integer pos, size_t len) {
    if (pos > 0) return (size_t)pos;
    if (pos == 0 || pos < -(lua_Integer)len) return 1;
    return len + (size_t)pos + 1;
}

static int has_specials(const char *p, size_t lp) {
    for (size_t i = 0; i < lp; i++)
        if (p[i] != '\0' && strchr(SPECIALS, p[i]) != NULL) return 1;
    return 0;
}

/// Plain substring search. Short needles: memchr and compare, like Lua (at most SHORT_NEEDLE
/// bytes compared per subject byte, so still linear). Long ones: memmem, which is linear too where
/// a naive scan is quadratic; either way no polling is needed.
static const char *find_plain(const char *s, size_t ls, const char *p, size_t lp) {
    enum { SHORT_NEEDLE = 16 };
    if (lp == 0) return s;
    if (lp > ls) return NULL;
    if (lp > SHORT_NEEDLE) return memmem(s, ls, p, lp);
    const char *last = s + (ls - lp);  // last possible start
    while (s <= last) {
        const char *hit = memchr(s, p[0], (size_t)(last - s) + 1);
        if (hit == NULL) return NULL;
        if (memcmp(hit + 1, p + 1, lp - 1) == 0) return hit;
        s = hit + 1;
    }
    return NULL;
}

static int find_or_match(lua_State *L, int find) {
    size_t ls, lp;
    const char *s = luaL_checklstring(L, 1, &ls);
    const char *p = luaL_checklstring(L, 2, &lp);
    size_t init = start_position(luaL_optinteger(L, 3, 1), ls) - 1;
    if (init > ls) {  // starts after the end: nothing can match, not even ''
        luaL_pushfail(L);
        return 1;
    }
    if (find && (lua_toboolean(L, 4) || !has_specials(p, lp))) {
        const char *hit = find_plain(s + init, ls - init, p, lp);
        if (hit != NULL) {
            lua_pushinteger(L, (hit - s) + 1);
            lua_pushinteger(L, (lua_Integer)((hit - s) + lp));
            return 2;
        }
        luaL_pushfail(L);
        return 1;
    }
    int anchored = (lp > 0 && *p == '^');
    if (anchored) p++, lp--;
    Matcher m;
    matcher_init(&m, L, s, ls, p, lp);
    const char *start = s + init;
    do {
        matcher_reset(&m);
        const char *end = do_match(&m, start, p);
        if (end != NULL) {
            if (!find) return push_captures(&m, start, end);
            lua_pushinteger(L, (start - s) + 1);
            lua_pushinteger(L, end - s);
            return push_captures(&m, NULL, NULL) + 2;
        }
    } while (start++ < m.src_end && !anchored);
    luaL_pushfail(L);
    return 1;
}

static int p_find(lua_State *L) { return find_or_match(L, 1); }
static int p_match(lua_State *L) { return find_or_match(L, 0); }

// ---------------------------------------------------------------------------
// string.gmatch

typedef struct {
    Matcher m;
    const char *pattern;
    const char *next;        // where the next search starts
    const char *last_end;    // end of the previous match: an empty match there is skipped
} Gmatch;

static int gmatch_step(lua_State *L) {
    Gmatch *g = (Gmatch *)lua_touserdata(L, lua_upvalueindex(3));
    g->m.L = L;  // the iterator may run in another coroutine than the one that made it
    for (const char *start = g->next; start <= g->m.src_end; start++) {
        matcher_reset(&g->m);
        const char *end = do_match(&g->m, start, g->pattern);
        if (end != NULL && end != g->last_end) {
            g->next = g->last_end = end;
            return push_captures(&g->m, start, end);
        }
    }
    return 0;
}

static int p_gmatch(lua_State *L) {
    size_t ls, lp;
    const char *s = luaL_checklstring(L, 1, &ls);
    const char *p = luaL_checklstring(L, 2, &lp);
    size_t init = start_position(luaL_optinteger(L, 3, 1), ls) - 1;
    lua_settop(L, 2);  // the closure keeps subject and pattern alive as upvalues 1 and 2
    Gmatch *g = (Gmatch *)lua_newuserdatauv(L, sizeof *g, 0);
    if (init > ls) init = ls + 1;  // past the end: no match at all, without overflowing s + init
    // As in Lua 5.4, '^' is not an anchor here: it is matched as an ordinary character.
    matcher_init(&g->m, L, s, ls, p, lp);
    g->pattern = p;
    g->next = s + init;
    g->last_end = NULL;
    lua_pushcclosure(L, gmatch_step, 3);
    return 1;
}

// ---------------------------------------------------------------------------
// string.gsub

/// Appends the replacement string (argument 3) for the match [s, e), expanding %0..%9 and %%.
static void add_expanded(Matcher *m, luaL_Buffer *b, const char *s, const char *e) {
    lua_State *L = m->L;
    size_t l;
    const char *r = lua_tolstring(L, 3, &l);
    const char *r_end = r + l;
    const char *esc;
    while ((esc = memchr(r, ESC, (size_t)(r_end - r))) != NULL) {
        luaL_addlstring(b, r, (size_t)(esc - r));
        char d = (esc + 1 < r_end) ? esc[1] : '\0';
        if (d == ESC) {
            luaL_addchar(b, ESC);
        } else if (d == '0') {
            luaL_addlstring(b, s, (size_t)(e - s));
        } else if (isdigit(uc(d))) {
            const char *cap;
            ptrdiff_t len = get_capture(m, d - '1', s, e, &cap);
            if (len == CAP_POSITION) luaL_addvalue(b);  // the position get_capture pushed
            else luaL_addlstring(b, cap, (size_t)len);
        } else {
            luaL_error(L, "invalid use of '%c' in replacement string", ESC);
        }
        r = esc + 2;
    }
    luaL_addlstring(b, r, (size_t)(r_end - r));
}

/// Appends the replacement of the match [s, e); returns whether the text changed.
static int add_replacement(Matcher *m, luaL_Buffer *b, const char *s, const char *e, int type) {
    lua_State *L = m->L;
    if (type == LUA_TFUNCTION) {
        lua_pushvalue(L, 3);
        int n = push_captures(m, s, e);
        lua_call(L, n, 1);
    } else if (type == LUA_TTABLE) {
        push_capture(m, 0, s, e);
        lua_gettable(L, 3);
    } else {  // string or number
        add_expanded(m, b, s, e);
        return 1;
    }
    if (!lua_toboolean(L, -1)) {  // nil or false: keep the original text
        lua_pop(L, 1);
        luaL_addlstring(b, s, (size_t)(e - s));
        return 0;
    }
    if (!lua_isstring(L, -1))
        return luaL_error(L, "invalid replacement value (a %s)", luaL_typename(L, -1));
    luaL_addvalue(b);
    return 1;
}

static int p_gsub(lua_State *L) {
    size_t ls, lp;
    const char *src = luaL_checklstring(L, 1, &ls);
    const char *p = luaL_checklstring(L, 2, &lp);
    int type = lua_type(L, 3);
    lua_Integer max_n = luaL_optinteger(L, 4, (lua_Integer)ls + 1);
    luaL_argexpected(L, type == LUA_TNUMBER || type == LUA_TSTRING || type == LUA_TFUNCTION ||
                            type == LUA_TTABLE,
                     3, "string/function/table");
    int anchored = (lp > 0 && *p == '^');
    if (anchored) p++, lp--;
    luaL_Buffer b;
    luaL_buffinit(L, &b);
    Matcher m;
    matcher_init(&m, L, src, ls, p, lp);
    const char *last_end = NULL;
    lua_Integer n = 0;
    int changed = 0;
    while (n < max_n) {
        matcher_reset(&m);
        const char *end = do_match(&m, src, p);
        if (end != NULL && end != last_end) {  // an empty match right after a match is skipped
            n++;
            changed |= add_replacement(&m, &b, src, end, type);
            src = last_end = end;
        } else if (src < m.src_end) {
            luaL_addchar(&b, *src++);
        } else {
            break;
        }
        if (anchored) break;
    }
    if (!changed) {
        lua_pushvalue(L, 1);  // unchanged: the original string, no copy
    } else {
        luaL_addlstring(&b, src, (size_t)(m.src_end - src));
        luaL_pushresult(&b);
    }
    lua_pushinteger(L, n);
    return 2;
}

// ---------------------------------------------------------------------------

void omneo_open_patterns(lua_State *L) {
    static const luaL_Reg functions[] = {
        {"find", p_find},
        {"match", p_match},
        {"gmatch", p_gmatch},
        {"gsub", p_gsub},
        {NULL, NULL},
    };
    luaL_newlib(L, functions);
}
