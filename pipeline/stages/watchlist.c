/* watchlist: a team's own names (issuers, clients, products, sanctioned parties) with their
 * ids, from TSV files (docs/watchlists.md):
 *
 *     name TAB label TAB id [TAB alias|alias... [TAB case|nocase]]
 *
 * Names are cut into tokens and folded (case, accents) exactly as article text is -- the
 * token layer (common/tokens.h), shared with the other stages -- and stored in a word trie
 * keyed by (parent node, token hash). A scan walks the article's tokens once, leftmost-longest:
 * at each token the longest listed name starting there wins and the scan continues after it.
 * Case-sensitive entries ("case" flag, "#! case = sensitive" for the rest of a file, or
 * stage.watchlist.case_sensitive) also compare a hash of the exact token bytes.
 *
 * A hit becomes an entity with "id" and "list" (the file's stem); when another stage already
 * has an entity on exactly that span, that entity gains the id, the list and the watchlist's
 * label instead (one annotation, not two). The trie is reloadable data (stage.h load/unload):
 * one copy shared by every pipeline thread, rebuilt on SIGHUP. */
#include "pipeline/listfile.h"
#include "pipeline/stage.h"

#include "common/log.h"
#include "common/tokens.h"
#include "common/utf8.h"
#include "common/xalloc.h"

#include <ctype.h>
#include <stdbool.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

typedef struct wl_ctx {
    nf_strlist files;     /* watchlist files (absolute or relative to the working directory) */
    bool case_sensitive;  /* default for entries without a flag or file directive */
    bool title;           /* also match in the title */
} wl_ctx;

static const nf_opt options[] = {
    {"files", NF_OPT_LIST, NULL, offsetof(wl_ctx, files), NULL,
     "watchlist files (name<TAB>label<TAB>id[<TAB>aliases[<TAB>case|nocase]]; "
     "docs/watchlists.md), absolute or relative to the working directory; reloaded on SIGHUP"},
    {"case_sensitive", NF_OPT_BOOL, "false", offsetof(wl_ctx, case_sensitive), NULL,
     "match names with their exact case by default (a file's \"#! case = ...\" line and an "
     "entry's case|nocase column override it)"},
    {"title", NF_OPT_BOOL, "true", offsetof(wl_ctx, title), NULL,
     "also match in the title (annotations carry \"field\": \"title\")"},
    {NULL, 0, NULL, 0, NULL, NULL},
};

#define WL_NONE UINT32_MAX
#define WL_MAX_TOKENS 64

/* ---- The list: a word trie in one open-addressing table ---------------------------------- */

typedef struct wl_slot {
    uint64_t hash;      /* folded token hash */
    uint32_t parent;    /* parent node; 0 is the root */
    uint32_t child;     /* 0 = empty slot (no node is the root's child id 0) */
} wl_slot;

typedef struct wl_entry {
    uint64_t exact;     /* hash of the exact token bytes (case-sensitive entries), else 0 */
    uint32_t id;        /* offset of the id, a JSON string with its quotes, in strs */
    uint16_t label;     /* index into labels */
    uint16_t list;      /* index into lists (the file) */
    uint8_t cs;         /* case-sensitive */
} wl_entry;

typedef struct wl_list {
    wl_slot *slots;
    size_t cap, n_nodes;         /* nodes including the root */
    uint32_t *node_first;        /* CSR: entries of node k are entries[node_first[k] ..
                                    node_first[k + 1]) -- after freeze */
    wl_entry *entries;           /* by node after freeze */
    uint32_t *entry_node;        /* build only: node of entries[i] */
    size_t n_entries, cap_entries;
    char *strs;                  /* ids as JSON strings, NUL-separated */
    size_t strs_len, strs_cap;
    char **lists;                /* ",\"list\":\"<stem>\"" per file */
    size_t n_lists;
    uint64_t *edge_bits;         /* bit filter over edges (see may_edge); after freeze */
    uint64_t edge_mask;          /* bits - 1 (a power of two) */
    bool punct_start;            /* some name starts with a punctuation token */
    char **labels;               /* interned label strings */
    size_t n_labels;
} wl_list;

static inline uint64_t mix64(uint64_t x)
{
    x ^= x >> 33;
    x *= 0xff51afd7ed558ccdULL;
    x ^= x >> 33;
    x *= 0xc4ceb9fe1a85ec53ULL;
    x ^= x >> 33;
    return x;
}

static inline uint64_t edge_hash(uint32_t parent, uint64_t h)
{
    return mix64(h ^ ((uint64_t)parent * 0x9E3779B97F4A7C15ULL));
}

/* Slot index in [0, cap) from the high bits of the edge hash (fastrange, no power-of-two
 * table: memory follows the node count); the edge filter uses the low bits. */
static inline size_t slot_of_x(const wl_list *l, uint64_t x)
{
    /* (x * cap) >> 64 in 32-bit halves: cap < 2^32. */
    return (size_t)(((x >> 32) * (uint64_t)l->cap +
                     (((x & 0xffffffffu) * (uint64_t)l->cap) >> 32)) >> 32);
}

static inline size_t slot_of(const wl_list *l, uint32_t parent, uint64_t h)
{
    return slot_of_x(l, edge_hash(parent, h));
}

/* Most article tokens continue no listed name: a bit filter over every edge (parent, token)
 * answers for them from cache, without touching the table. */
static inline bool may_edge(const wl_list *l, uint64_t x)
{
    uint64_t b = x & l->edge_mask;
    return (l->edge_bits[b >> 6] >> (b & 63)) & 1;
}

static uint32_t child_of(const wl_list *l, uint32_t parent, uint64_t h)
{
    uint64_t x = edge_hash(parent, h);
    if (l->edge_bits && !may_edge(l, x)) {
        return WL_NONE;
    }
    size_t i = slot_of_x(l, x);
    for (;;) {
        const wl_slot *s = &l->slots[i];
        if (s->child == 0) {
            return WL_NONE;
        }
        if (s->hash == h && s->parent == parent) {
            return s->child;
        }
        if (++i == l->cap) {
            i = 0;
        }
    }
}

static void rehash(wl_list *l, size_t cap)
{
    wl_slot *old = l->slots;
    size_t old_cap = l->cap;
    l->slots = nf_xcalloc(cap, sizeof *l->slots);
    l->cap = cap;
    for (size_t k = 0; k < old_cap; k++) {
        if (old[k].child) {
            size_t i = slot_of(l, old[k].parent, old[k].hash);
            while (l->slots[i].child) {
                i = i + 1 == cap ? 0 : i + 1;
            }
            l->slots[i] = old[k];
        }
    }
    free(old);
}

static uint32_t child_add(wl_list *l, uint32_t parent, uint64_t h)
{
    if ((l->n_nodes + 1) * 10 > l->cap * 7) { /* load factor 0.7 */
        rehash(l, l->cap + l->cap / 2 + 1024);
    }
    size_t i = slot_of(l, parent, h);
    while (l->slots[i].child) {
        if (l->slots[i].hash == h && l->slots[i].parent == parent) {
            return l->slots[i].child;
        }
        i = i + 1 == l->cap ? 0 : i + 1;
    }
    l->slots[i].hash = h;
    l->slots[i].parent = parent;
    l->slots[i].child = (uint32_t)l->n_nodes++;
    return l->slots[i].child;
}

static void list_free(void *vl)
{
    wl_list *l = vl;
    if (!l) {
        return;
    }
    free(l->slots);
    free(l->edge_bits);
    free(l->node_first);
    free(l->entries);
    free(l->entry_node);
    free(l->strs);
    for (size_t i = 0; i < l->n_labels; i++) {
        free(l->labels[i]);
    }
    free(l->labels);
    for (size_t i = 0; i < l->n_lists; i++) {
        free(l->lists[i]);
    }
    free(l->lists);
    free(l);
}

/* ---- Loading ------------------------------------------------------------------------------ */

static uint64_t exact_hash(const char *s, const nf_tok *t, uint32_t n)
{
    uint64_t h = 0x84222325cbf29ce4ULL;
    for (uint32_t k = 0; k < n; k++) {
        for (uint32_t i = t[k].start; i < t[k].end; i++) {
            h = (h ^ (unsigned char)s[i]) * 0x100000001b3ULL;
        }
        h = mix64(h ^ 0xff); /* token boundary: "ab c" differs from "a bc" */
    }
    return h;
}

static uint16_t intern_label(wl_list *l, const char *label)
{
    for (size_t i = 0; i < l->n_labels; i++) {
        if (strcmp(l->labels[i], label) == 0) {
            return (uint16_t)i;
        }
    }
    l->labels = nf_xrealloc(l->labels, (l->n_labels + 1) * sizeof *l->labels);
    l->labels[l->n_labels] = nf_xstrdup(label);
    return (uint16_t)l->n_labels++;
}

static void strs_put(wl_list *l, const char *s, size_t n)
{
    if (l->strs_len + n + 1 > l->strs_cap) {
        l->strs_cap = (l->strs_len + n + 1) * 2;
        l->strs = nf_xrealloc(l->strs, l->strs_cap);
    }
    memcpy(l->strs + l->strs_len, s, n);
    l->strs_len += n;
}

/* Append \p s JSON-escaped (ids are the user's: quotes, backslashes, controls). */
static void strs_put_json(wl_list *l, const char *s)
{
    strs_put(l, "\"", 1);
    for (; *s; s++) {
        unsigned char c = (unsigned char)*s;
        if (c == '"' || c == '\\') {
            char e[2] = {'\\', (char)c};
            strs_put(l, e, 2);
        } else if (c < 0x20) {
            char e[8];
            snprintf(e, sizeof e, "\\u%04x", c);
            strs_put(l, e, 6);
        } else {
            strs_put(l, (const char *)&c, 1);
        }
    }
    strs_put(l, "\"", 1);
}

typedef struct wl_line {
    char *col[5];
    size_t n_cols;
} wl_line;

/* Add one name (the entry's name or an alias) pointing at the id fragment \p id. */
static int add_name(wl_list *l, nf_arena *tmp, const char *name, uint16_t label, uint32_t id,
                    bool cs, char *errstr, size_t errstr_size)
{
    nf_toks toks;
    nf_arena_reset(tmp);
    nf_tokenize(tmp, name, strlen(name), &toks);
    if (toks.n == 0 || toks.n > WL_MAX_TOKENS) {
        nf_set_errstr(errstr, errstr_size, "name \"%.60s\" has %s tokens (1..%d allowed)",
                      name, toks.n ? "too many" : "no", WL_MAX_TOKENS);
        return -1;
    }
    l->punct_start |= !(toks.v[0].flags & NF_TK_WORD);
    uint32_t node = 0;
    for (uint32_t k = 0; k < toks.n; k++) {
        node = child_add(l, node, toks.v[k].hash);
    }
    if (l->n_entries == l->cap_entries) {
        l->cap_entries = l->cap_entries ? l->cap_entries * 2 : 1024;
        l->entries = nf_xrealloc(l->entries, l->cap_entries * sizeof *l->entries);
        l->entry_node = nf_xrealloc(l->entry_node, l->cap_entries * sizeof *l->entry_node);
    }
    wl_entry *e = &l->entries[l->n_entries];
    e->exact = cs ? exact_hash(name, toks.v, toks.n) : 0;
    e->id = id;
    e->label = label;
    e->list = (uint16_t)(l->n_lists - 1);
    e->cs = cs;
    l->entry_node[l->n_entries++] = node;
    return 0;
}

static int add_line(wl_list *l, nf_arena *tmp, wl_line *ln, const char *stem, bool file_cs,
                    char *errstr, size_t errstr_size)
{
    if (ln->n_cols < 3 || !*ln->col[0] || !*ln->col[2]) {
        nf_set_errstr(errstr, errstr_size,
                      "expected name<TAB>label<TAB>id[<TAB>aliases[<TAB>case|nocase]]");
        return -1;
    }
    if (!nf_listfile_label_ok(ln->col[1], strlen(ln->col[1]))) {
        nf_set_errstr(errstr, errstr_size,
                      "label \"%.40s\" must be upper case (PERSON, ORG, GPE, LOC, NORP or "
                      "your own such as PRODUCT)",
                      ln->col[1]);
        return -1;
    }
    bool cs = file_cs;
    if (ln->n_cols >= 5 && *ln->col[4]) {
        if (strcmp(ln->col[4], "case") != 0 && strcmp(ln->col[4], "nocase") != 0) {
            nf_set_errstr(errstr, errstr_size,
                          "flag \"%.40s\" is not allowed (allowed: case, nocase)",
                          ln->col[4]);
            return -1;
        }
        cs = strcmp(ln->col[4], "case") == 0;
    }
    uint16_t label = intern_label(l, ln->col[1]);
    (void)stem;
    uint32_t id = (uint32_t)l->strs_len;
    strs_put_json(l, ln->col[2]);
    strs_put(l, "", 1); /* the NUL */
    if (add_name(l, tmp, ln->col[0], label, id, cs, errstr, errstr_size) != 0) {
        return -1;
    }
    if (ln->n_cols >= 4) {
        char *save = NULL; /* strtok_r: loads run on the reload thread too */
        for (char *a = strtok_r(ln->col[3], "|", &save); a; a = strtok_r(NULL, "|", &save)) {
            while (*a == ' ') {
                a++;
            }
            if (*a && add_name(l, tmp, a, label, id, cs, errstr, errstr_size) != 0) {
                return -1;
            }
        }
    }
    return 0;
}

/* "#! case = sensitive|insensitive": the default for the following lines of the file. */
static int directive(const char *line, bool *file_cs, char *errstr,
                     size_t errstr_size)
{
    char key[32], value[32];
    if (sscanf(line, "#! %31[a-z_] = %31[a-z]", key, value) == 2 && strcmp(key, "case") == 0 &&
        (strcmp(value, "sensitive") == 0 || strcmp(value, "insensitive") == 0)) {
        *file_cs = strcmp(value, "sensitive") == 0;
        return 0;
    }
    nf_set_errstr(errstr, errstr_size,
                  "unknown directive \"%.60s\" (allowed: #! case = sensitive|insensitive)",
                  line);
    return -1;
}

static int load_file(wl_list *l, nf_arena *tmp, char *data, const char *name, bool cs,
                     char *errstr, size_t errstr_size)
{
    char stem[128];
    if (nf_listfile_stem(name, stem, sizeof stem, errstr, errstr_size) != 0) {
        return -1;
    }
    if (l->n_lists == UINT16_MAX) {
        nf_set_errstr(errstr, errstr_size, "%s: too many watchlist files", name);
        return -1;
    }
    size_t mark = l->strs_len;
    strs_put(l, ",\"list\":", 8);
    strs_put_json(l, stem);
    l->lists = nf_xrealloc(l->lists, (l->n_lists + 1) * sizeof *l->lists);
    l->lists[l->n_lists++] = nf_xstrndup(l->strs + mark, l->strs_len - mark);
    l->strs_len = mark;
    unsigned lineno = 0;
    size_t n;
    for (char *line, *cur = data; (line = nf_listfile_next_line(&cur, &n));) {
        lineno++;
        if (n && line[n - 1] == '\r') {
            line[--n] = '\0';
        }
        int rc = 0;
        char sub[NF_ERRSTR_SIZE];
        if (line[0] == '#' && line[1] == '!') {
            rc = directive(line, &cs, sub, sizeof sub);
        } else if (line[0] != '#' && line[strspn(line, " \t")]) {
            wl_line ln = {{NULL}, 0};
            char *c = line;
            while (c && ln.n_cols < 5) {
                char *tab = strchr(c, '\t');
                if (tab) {
                    *tab = '\0';
                }
                ln.col[ln.n_cols++] = c;
                c = tab ? tab + 1 : NULL;
            }
            if (c) {
                snprintf(sub, sizeof sub,
                         "more than 5 columns (name, label, id, aliases, case|nocase)");
                rc = -1;
            } else if (!nf_utf8_valid(line, n, NULL)) {
                /* ids are written into the records as they are: JSON needs UTF-8 */
                snprintf(sub, sizeof sub, "not valid UTF-8");
                rc = -1;
            } else {
                rc = add_line(l, tmp, &ln, stem, cs, sub, sizeof sub);
            }
        }
        if (rc != 0) {
            /* The location is formatted only here: a million lines, no snprintf each. */
            nf_set_errstr(errstr, errstr_size, "%s:%u: %s", name, lineno, sub);
            return -1;
        }
    }
    return 0;
}

/* Entries grouped by node (CSR), in load order within a node: the first file wins a tie. */
static void freeze(wl_list *l)
{
    l->node_first = nf_xcalloc(l->n_nodes + 1, sizeof *l->node_first);
    for (size_t i = 0; i < l->n_entries; i++) {
        l->node_first[l->entry_node[i] + 1]++;
    }
    for (size_t k = 0; k < l->n_nodes; k++) {
        l->node_first[k + 1] += l->node_first[k];
    }
    uint32_t *fill = nf_xmalloc((l->n_nodes + 1) * sizeof *fill);
    memcpy(fill, l->node_first, (l->n_nodes + 1) * sizeof *fill);
    wl_entry *by_node = nf_xmalloc((l->n_entries ? l->n_entries : 1) * sizeof *by_node);
    for (size_t i = 0; i < l->n_entries; i++) {
        by_node[fill[l->entry_node[i]]++] = l->entries[i];
    }
    free(fill);
    free(l->entries);
    free(l->entry_node);
    l->entry_node = NULL;
    l->entries = by_node;
    /* Growth overshoots by up to half: give the memory back (a shared, long-lived table). */
    size_t want = l->n_nodes * 10 / 7 + 1024;
    if (l->cap > want + want / 8) {
        rehash(l, want);
    }
    l->strs = nf_xrealloc(l->strs, l->strs_len + 1);
    l->strs_cap = l->strs_len + 1;

    /* 16 bits per edge (one hash: about 6 % false positives), 2^12 .. 2^25 bits. */
    size_t bits = 4096;
    while (bits < l->n_nodes * 16 && bits < ((size_t)1 << 25)) {
        bits *= 2;
    }
    l->edge_mask = bits - 1;
    l->edge_bits = nf_xcalloc(bits / 64, sizeof *l->edge_bits);
    for (size_t k = 0; k < l->cap; k++) {
        if (l->slots[k].child) {
            uint64_t b = edge_hash(l->slots[k].parent, l->slots[k].hash) & l->edge_mask;
            l->edge_bits[b >> 6] |= 1ULL << (b & 63);
        }
    }
}

static void *load(const void *vctx, nf_stage_env *env, char *errstr, size_t errstr_size)
{
    const wl_ctx *ctx = vctx;
    wl_list *l = nf_xcalloc(1, sizeof *l);
    l->n_nodes = 1; /* the root */
    rehash(l, 1024);
    nf_arena tmp;
    nf_arena_init(&tmp, 64 * 1024);
    int rc = 0;
    for (size_t i = 0; i < ctx->files.n && rc == 0; i++) {
        size_t len = 0;
        char *data = nf_stage_env_read_path(env, ctx->files.items[i], &len, errstr, errstr_size);
        /* About one trie node per 19 bytes of a typical list: size the table once rather than
         * grow it through a dozen rehashes (freeze() trims an overshoot). */
        size_t want = l->n_nodes * 10 / 7 + len / 13;
        if (data && want > l->cap) {
            rehash(l, want);
        }
        rc = data ? load_file(l, &tmp, data, ctx->files.items[i], ctx->case_sensitive, errstr,
                              errstr_size)
                  : -1;
        free(data);
    }
    nf_arena_fini(&tmp);
    if (rc != 0) {
        list_free(l);
        return NULL;
    }
    freeze(l);
    if (ctx->files.n > 0) {
        size_t bytes = l->cap * sizeof *l->slots + l->n_entries * sizeof *l->entries +
                       (l->n_nodes + 1) * sizeof *l->node_first + l->strs_len +
                       (l->edge_mask + 1) / 8;
        NF_INFO("watchlist: %zu names in %zu file(s), %zu trie nodes, %.1f MiB", l->n_entries,
                ctx->files.n, l->n_nodes, (double)bytes / (1024.0 * 1024.0));
    }
    return l;
}

/* ---- Matching ----------------------------------------------------------------------------- */

/* The first entry of \p node that the text's tokens [i, j] satisfy, or NULL. */
static const wl_entry *node_entry(const wl_list *l, uint32_t node, const char *s,
                                  const nf_tok *t, uint32_t n, uint64_t *exact, bool *have_exact)
{
    for (uint32_t e = l->node_first[node]; e < l->node_first[node + 1]; e++) {
        const wl_entry *en = &l->entries[e];
        if (!en->cs) {
            return en;
        }
        if (!*have_exact) {
            *exact = exact_hash(s, t, n);
            *have_exact = true;
        }
        if (*exact == en->exact) {
            return en;
        }
    }
    return NULL;
}

/* Entities other stages put on this field, sorted by span, to merge hits into. */
/* Indices, not pointers: adding a hit may move doc->anns. */
typedef struct ent_index {
    uint32_t *v;
    uint32_t n;
    const nf_doc *doc;
} ent_index;

static int cmp_ann_ptr(const void *a, const void *b)
{
    const nf_ann *x = *(const nf_ann *const *)a, *y = *(const nf_ann *const *)b;
    if (x->start != y->start) {
        return x->start < y->start ? -1 : 1;
    }
    if (x->end != y->end) {
        return x->end < y->end ? -1 : 1;
    }
    return strcmp(x->label, y->label);
}

static void index_entities(nf_doc *doc, nf_field field, ent_index *ix)
{
    ix->n = 0;
    ix->doc = doc;
    size_t cap = doc->n_anns ? doc->n_anns : 1;
    const nf_ann **tmp = nf_arena_alloc(&doc->arena, cap * sizeof *tmp);
    ix->v = nf_arena_alloc(&doc->arena, cap * sizeof *ix->v);
    for (uint32_t k = 0; k < doc->n_anns; k++) {
        if (doc->anns[k].kind == NF_ANN_ENTITY && doc->anns[k].field == field) {
            tmp[ix->n++] = &doc->anns[k];
        }
    }
    if (ix->n > 1) {
        qsort(tmp, ix->n, sizeof *tmp, cmp_ann_ptr);
    }
    for (uint32_t k = 0; k < ix->n; k++) {
        ix->v[k] = (uint32_t)(tmp[k] - doc->anns);
    }
}

/* The first (by label) entity on exactly [start, end), or NULL. */
static nf_ann *find_entity(const ent_index *ix, uint32_t start, uint32_t end)
{
    const nf_ann *anns = ix->doc->anns;
    uint32_t lo = 0, hi = ix->n;
    while (lo < hi) {
        uint32_t mid = lo + (hi - lo) / 2;
        const nf_ann *a = &anns[ix->v[mid]];
        if (a->start < start || (a->start == start && a->end < end)) {
            lo = mid + 1;
        } else {
            hi = mid;
        }
    }
    if (lo < ix->n && anns[ix->v[lo]].start == start && anns[ix->v[lo]].end == end) {
        return &ix->doc->anns[ix->v[lo]];
    }
    return NULL;
}

static void emit(nf_doc *doc, const wl_list *l, const ent_index *ix, nf_field field,
                 uint32_t start, uint32_t end, const wl_entry *en)
{
    const char *id = l->strs + en->id, *list = l->lists[en->list];
    size_t n_id = strlen(id), n_list = strlen(list);
    char *frag = nf_arena_alloc(&doc->arena, 5 + n_id + n_list + 1);
    memcpy(frag, "\"id\":", 5);
    memcpy(frag + 5, id, n_id);
    memcpy(frag + 5 + n_id, list, n_list + 1);
    nf_ann *a = find_entity(ix, start, end);
    if (a) {
        /* One annotation: the other stage's fields stay, the list's label and id join. */
        if (a->extra_json && a->extra_json[0]) {
            size_t n1 = strlen(a->extra_json), n2 = strlen(frag);
            char *both = nf_arena_alloc(&doc->arena, n1 + n2 + 2);
            memcpy(both, a->extra_json, n1);
            both[n1] = ',';
            memcpy(both + n1 + 1, frag, n2 + 1);
            a->extra_json = both;
        } else {
            a->extra_json = frag;
        }
        a->label = l->labels[en->label];
        return;
    }
    nf_ann ann;
    memset(&ann, 0, sizeof ann);
    ann.field = (uint8_t)field;
    ann.kind = NF_ANN_ENTITY;
    ann.start = start;
    ann.end = end;
    ann.label = l->labels[en->label];
    ann.extra_json = frag;
    nf_doc_add_ann(doc, &ann);
}

static void scan_field(nf_doc *doc, const wl_list *l, nf_field field)
{
    const char *s = doc->field[field];
    uint32_t nt;
    /* The doc's shared tokens: cut once per article for every stage that reads words. */
    const nf_tok *tv = nf_doc_tokens(doc, field, &nt);
    ent_index ix;
    index_entities(doc, field, &ix);
    for (uint32_t i = 0; i < nt;) {
        /* Commas and full stops start no name (unless one does): no lookup for them. */
        if (!(tv[i].flags & NF_TK_WORD) && !l->punct_start) {
            i++;
            continue;
        }
        uint32_t node = child_of(l, 0, tv[i].hash);
        const wl_entry *best = NULL;
        uint32_t best_j = i;
        for (uint32_t j = i; node != WL_NONE;) {
            if (l->node_first[node] != l->node_first[node + 1]) {
                uint64_t exact = 0;
                bool have_exact = false;
                const wl_entry *en =
                    node_entry(l, node, s, tv + i, j - i + 1, &exact, &have_exact);
                if (en) {
                    best = en;
                    best_j = j;
                }
            }
            if (++j == nt) {
                break;
            }
            node = child_of(l, node, tv[j].hash);
        }
        if (best) {
            emit(doc, l, &ix, field, tv[i].start, tv[best_j].end, best);
            i = best_j + 1;
        } else {
            i++;
        }
    }
}

static nf_stage_rc process(const void *vctx, nf_doc *doc)
{
    const wl_ctx *ctx = vctx;
    const wl_list *l = doc->stage_data;
    if (!l || l->n_entries == 0) {
        return NF_STAGE_OK;
    }
    if (doc->field[NF_FIELD_TEXT]) {
        scan_field(doc, l, NF_FIELD_TEXT);
    }
    if (ctx->title && doc->field[NF_FIELD_TITLE]) {
        scan_field(doc, l, NF_FIELD_TITLE);
    }
    return NF_STAGE_OK;
}

const nf_stage_def nf_stage_watchlist = {
    .version = NF_STAGE_ABI_V1,
    .name = "watchlist",
    .description = "your own names with ids from TSV watchlists (longest match, folded case and "
                   "accents), reloadable",
    .options = options,
    .ctx_size = sizeof(wl_ctx),
    .process = process,
    .load = load,
    .unload = list_free,
};
