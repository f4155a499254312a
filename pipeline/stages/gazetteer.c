/* The word trie shared by the entities and dateline stages (tokens: common/tokens.c).
 *
 * Why a word trie keyed by token hashes: matching is then one hash probe per token of a
 * candidate name, whatever the size of the gazetteer, and gazetteer phrases go through the very
 * same tokenizer as article text, so "People's Republic of China" or "Washington, D.C." match
 * exactly the tokens the text produces. */
#include "pipeline/stages/gazetteer.h"
#include "common/utf8.h"

#include "common/arena.h"
#include "common/xalloc.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

static inline uint64_t mix64(uint64_t x)
{
    x ^= x >> 30;
    x *= 0xbf58476d1ce4e5b9ULL;
    x ^= x >> 27;
    x *= 0x94d049bb133111ebULL;
    x ^= x >> 31;
    return x;
}

/* ---- Trie ----------------------------------------------------------------------------- */

typedef struct edge {
    uint64_t h;       /* token hash */
    uint32_t parent;
    uint32_t child;   /* NF_GAZ_NONE = empty slot */
} edge;

typedef struct pending_entry {
    uint32_t node;
    uint32_t seq;     /* load order: ties keep file order, so output is deterministic */
    nf_gaz_entry e;
} pending_entry;

struct nf_gaz {
    nf_gaz_node *nodes;
    size_t n_nodes, cap_nodes;
    edge *edges;
    size_t n_edges, cap_edges;   /* cap is a power of two */
    nf_gaz_entry *entries;
    size_t n_entries;
    pending_entry *pend;
    size_t n_pend, cap_pend;
    uint64_t *small_h;           /* roles of the few function-like words, in a table small */
    uint32_t *small_r;           /* enough to stay in cache (see nf_gaz_small_roles) */
    size_t small_cap;
    char **bufs;                 /* file buffers: canonical strings point into them */
    size_t n_bufs;
    nf_arena scratch;
};

static size_t edge_slot(uint64_t h, uint32_t parent, size_t mask)
{
    return (size_t)mix64(h ^ ((uint64_t)parent * 0x9E3779B97F4A7C15ULL)) & mask;
}

uint32_t nf_gaz_child(const nf_gaz *g, uint32_t node, uint64_t h)
{
    /* Most words end every phrase they are in: their flag answers without probing the big
     * edge table (a cache miss per probe). */
    if (!g->cap_edges || node >= g->n_nodes || !(g->nodes[node].roles & NF_GW_PARENT)) {
        return NF_GAZ_NONE;
    }
    size_t mask = g->cap_edges - 1;
    for (size_t s = edge_slot(h, node, mask);; s = (s + 1) & mask) {
        const edge *e = &g->edges[s];
        if (e->child == NF_GAZ_NONE) {
            return NF_GAZ_NONE;
        }
        if (e->h == h && e->parent == node) {
            return e->child;
        }
    }
}

static void edges_grow(nf_gaz *g)
{
    size_t ncap = g->cap_edges ? g->cap_edges * 2 : 1u << 16;
    edge *ne = nf_xmalloc(ncap * sizeof *ne);
    for (size_t k = 0; k < ncap; k++) {
        ne[k].child = NF_GAZ_NONE;
    }
    for (size_t k = 0; k < g->cap_edges; k++) {
        edge *e = &g->edges[k];
        if (e->child == NF_GAZ_NONE) {
            continue;
        }
        size_t s = edge_slot(e->h, e->parent, ncap - 1);
        while (ne[s].child != NF_GAZ_NONE) {
            s = (s + 1) & (ncap - 1);
        }
        ne[s] = *e;
    }
    free(g->edges);
    g->edges = ne;
    g->cap_edges = ncap;
}

static uint32_t new_node(nf_gaz *g)
{
    if (g->n_nodes == g->cap_nodes) {
        g->cap_nodes = g->cap_nodes ? g->cap_nodes * 2 : 1u << 15;
        g->nodes = nf_xrealloc(g->nodes, g->cap_nodes * sizeof *g->nodes);
    }
    memset(&g->nodes[g->n_nodes], 0, sizeof g->nodes[0]);
    return (uint32_t)g->n_nodes++;
}

static uint32_t child_or_add(nf_gaz *g, uint32_t node, uint64_t h)
{
    uint32_t c = nf_gaz_child(g, node, h);
    if (c != NF_GAZ_NONE) {
        return c;
    }
    if ((g->n_edges + 1) * 2 > g->cap_edges) {
        edges_grow(g);
    }
    c = new_node(g);
    size_t mask = g->cap_edges - 1;
    size_t s = edge_slot(h, node, mask);
    while (g->edges[s].child != NF_GAZ_NONE) {
        s = (s + 1) & mask;
    }
    g->edges[s].h = h;
    g->edges[s].parent = node;
    g->edges[s].child = c;
    g->n_edges++;
    g->nodes[node].roles |= NF_GW_PARENT;
    return c;
}

nf_gaz *nf_gaz_new(void)
{
    nf_gaz *g = nf_xcalloc(1, sizeof *g);
    nf_arena_init(&g->scratch, 16 * 1024);
    new_node(g);   /* root */
    return g;
}

void nf_gaz_destroy(nf_gaz *g)
{
    if (!g) {
        return;
    }
    free(g->nodes);
    free(g->edges);
    free(g->entries);
    free(g->pend);
    for (size_t k = 0; k < g->n_bufs; k++) {
        free(g->bufs[k]);
    }
    free(g->bufs);
    free(g->small_h);
    free(g->small_r);
    nf_arena_fini(&g->scratch);
    free(g);
}

char *nf_gaz_env_reader(void *rctx, const char *relpath, size_t *len, char *errstr,
                        size_t errstr_size)
{
    return nf_stage_env_read_file(rctx, relpath, len, errstr, errstr_size);
}

static const struct {
    const char *name;
    int type;       /* nf_gaz_type, or -1 for a role */
    uint32_t role;
} type_names[] = {
    {"COUNTRY", NF_GAZ_COUNTRY, 0},
    {"ADM1", NF_GAZ_ADM1, 0},
    {"CITY", NF_GAZ_CITY, 0},
    {"PLACE", NF_GAZ_PLACE, 0},
    {"LOC", NF_GAZ_LOC, 0},
    {"NORP", NF_GAZ_NORP, 0},
    {"ORG", NF_GAZ_ORG, 0},
    {"PERSON", NF_GAZ_PERSON, 0},
    {"GIVEN", -1, NF_GW_GIVEN},
    {"SURNAME", -1, NF_GW_SURNAME},
    {"COMMON", -1, NF_GW_COMMON},
    {"NONENT", -1, NF_GW_NONENT},
    {"TITLE", -1, NF_GW_TITLE},
    {"TITLEMOD", -1, NF_GW_TITLEMOD},
    {"ORGSUF", -1, NF_GW_ORGSUF},
    {"ORGPRE", -1, NF_GW_ORGPRE},
    {"CUE_PER_AFTER", -1, NF_GW_CUE_PER_AFTER},
    {"CUE_PER_BEFORE", -1, NF_GW_CUE_PER_BEFORE},
    {"CUE_ORG_AFTER", -1, NF_GW_CUE_ORG_AFTER},
    {"CUE_ORG_BEFORE", -1, NF_GW_CUE_ORG_BEFORE},
    {"PARTICLE", -1, NF_GW_PARTICLE},
    {"ABBR", -1, NF_GW_ABBR},
    {"LOCPREP", -1, NF_GW_LOCPREP},
    {"ACRSTOP", -1, NF_GW_ACRSTOP},
    {"FUNC", -1, NF_GW_FUNC},
    {"LOCSUF", -1, NF_GW_LOCSUF},
    {"LOCPRE", -1, NF_GW_LOCPRE},
    {"CUE_SPORT", -1, NF_GW_CUE_SPORT},
    {"CUE_MARKET", -1, NF_GW_CUE_MARKET},
};

static char *next_field(char **p)
{
    char *s = *p;
    if (!s) {
        return NULL;
    }
    char *tab = strchr(s, '\t');
    if (tab) {
        *tab = '\0';
        *p = tab + 1;
    } else {
        *p = NULL;
    }
    return s;
}

static bool is_acronym(const char *s)
{
    unsigned letters = 0;
    for (const unsigned char *p = (const unsigned char *)s; *p; p++) {
        if (*p >= 'a' && *p <= 'z') {
            return false;
        }
        if (*p >= 0x80) {
            return false;
        }
        if (*p >= 'A' && *p <= 'Z') {
            letters++;
        }
    }
    return letters >= 2;
}

static int add_line(nf_gaz *g, char *line, uint32_t only_types, uint32_t only_roles,
                    const char *relpath, size_t lineno, char *errstr, size_t errstr_size)
{
    char *p = line;
    char *phrase = next_field(&p);
    char *type = next_field(&p);
    char *country = next_field(&p);
    char *canonical = next_field(&p);
    char *weight = next_field(&p);
    if (!phrase || !type || !*phrase) {
        snprintf(errstr, errstr_size, "%s:%zu: want \"phrase<TAB>type[...]\"", relpath, lineno);
        return -1;
    }
    int ti = -1;
    for (size_t k = 0; k < sizeof type_names / sizeof type_names[0]; k++) {
        if (strcmp(type_names[k].name, type) == 0) {
            ti = (int)k;
            break;
        }
    }
    if (ti < 0) {
        snprintf(errstr, errstr_size, "%s:%zu: unknown type \"%s\"", relpath, lineno, type);
        return -1;
    }
    if (country && *country && strlen(country) != 2) {
        snprintf(errstr, errstr_size, "%s:%zu: country \"%s\" is not ISO 3166-1 alpha-2",
                 relpath, lineno, country);
        return -1;
    }
    int etype = type_names[ti].type;
    uint32_t role = type_names[ti].role;
    if (etype >= 0 ? !(only_types & (1u << etype)) : !(only_roles & role)) {
        return 0;
    }
    unsigned long w = weight && *weight ? strtoul(weight, NULL, 10) : 0;

    nf_toks toks;
    nf_arena_reset(&g->scratch);
    nf_tokenize(&g->scratch, phrase, strlen(phrase), &toks);
    if (toks.n == 0) {
        return 0;
    }
    uint32_t node = 0;
    for (uint32_t k = 0; k < toks.n; k++) {
        node = child_or_add(g, node, toks.v[k].hash);
    }
    nf_gaz_node *nd = &g->nodes[node];
    if (etype < 0) {
        nd->roles |= role;
        if (role == NF_GW_COMMON) {
            uint8_t lv = w > 0 && w < 255 ? (uint8_t)w : 50;
            if (!nd->common_level || lv < nd->common_level) {
                nd->common_level = lv;
            }
        } else if (role == NF_GW_GIVEN) {
            uint32_t r = w ? (uint32_t)w : 1;
            if (!nd->given_rank || r < nd->given_rank) {
                nd->given_rank = r;
            }
        } else if (role == NF_GW_SURNAME) {
            uint32_t r = w ? (uint32_t)w : 1;
            if (!nd->surname_rank || r < nd->surname_rank) {
                nd->surname_rank = r;
            }
        }
        return 0;
    }
    nd->roles |= NF_GW_ENTITY;
    if (g->n_pend == g->cap_pend) {
        g->cap_pend = g->cap_pend ? g->cap_pend * 2 : 4096;
        g->pend = nf_xrealloc(g->pend, g->cap_pend * sizeof *g->pend);
    }
    pending_entry *pe = &g->pend[g->n_pend];
    memset(pe, 0, sizeof *pe);
    pe->node = node;
    pe->seq = (uint32_t)g->n_pend;
    pe->e.type = (uint8_t)etype;
    pe->e.flags = is_acronym(phrase) ? NF_GAZ_EXACT_CASE : 0;
    if (country && *country) {
        memcpy(pe->e.country, country, 2);
    }
    pe->e.canonical = canonical && *canonical ? canonical : phrase;
    pe->e.weight = w > UINT32_MAX ? UINT32_MAX : (uint32_t)w;
    g->n_pend++;
    return 0;
}

int nf_gaz_load(nf_gaz *g, nf_gaz_reader read, void *rctx, const char *relpath,
                uint32_t only_types, uint32_t only_roles, char *errstr, size_t errstr_size)
{
    size_t len = 0;
    char *buf = read(rctx, relpath, &len, errstr, errstr_size);
    if (!buf) {
        return -1;
    }
    g->bufs = nf_xrealloc(g->bufs, (g->n_bufs + 1) * sizeof *g->bufs);
    g->bufs[g->n_bufs++] = buf;
    char *p = buf;
    size_t lineno = 0;
    while (p < buf + len) {
        char *nl = memchr(p, '\n', (size_t)(buf + len - p));
        char *end = nl ? nl : buf + len;
        *end = '\0';
        if (end > p && end[-1] == '\r') {
            end[-1] = '\0';
        }
        lineno++;
        if (*p && *p != '#') {
            if (add_line(g, p, only_types, only_roles, relpath, lineno, errstr, errstr_size) <
                0) {
                return -1;
            }
        }
        p = end + 1;
    }
    return 0;
}

static int cmp_pending(const void *a, const void *b)
{
    const pending_entry *x = a, *y = b;
    if (x->node != y->node) {
        return x->node < y->node ? -1 : 1;
    }
    return x->seq < y->seq ? -1 : x->seq > y->seq;
}

void nf_gaz_freeze(nf_gaz *g)
{
    qsort(g->pend, g->n_pend, sizeof *g->pend, cmp_pending);
    g->entries = nf_xrealloc(g->entries, (g->n_pend ? g->n_pend : 1) * sizeof *g->entries);
    g->n_entries = 0;
    for (size_t k = 0; k < g->n_pend; k++) {
        nf_gaz_node *nd = &g->nodes[g->pend[k].node];
        if (nd->n_entries == 0) {
            nd->first = (uint32_t)g->n_entries;
        }
        if (nd->n_entries < UINT16_MAX) {
            nd->n_entries++;
            g->entries[g->n_entries++] = g->pend[k].e;
        }
    }
    free(g->pend);
    g->pend = NULL;
    g->n_pend = g->cap_pend = 0;

    /* Words with a role a lower-case word can have (titles, cues, particles, function words)
     * go into a second, small table: lower-case tokens are most of the text and are only ever
     * asked for these roles. */
    size_t n_small = 0;
    for (size_t k = 0; k < g->cap_edges; k++) {
        const edge *e = &g->edges[k];
        if (e->child != NF_GAZ_NONE && e->parent == 0 &&
            (g->nodes[e->child].roles & NF_GW_SMALL_MASK)) {
            n_small++;
        }
    }
    g->small_cap = 64;
    while (g->small_cap < n_small * 3) {
        g->small_cap *= 2;
    }
    free(g->small_h);
    free(g->small_r);
    g->small_h = nf_xcalloc(g->small_cap, sizeof *g->small_h);
    g->small_r = nf_xcalloc(g->small_cap, sizeof *g->small_r);
    for (size_t k = 0; k < g->cap_edges; k++) {
        const edge *e = &g->edges[k];
        if (e->child == NF_GAZ_NONE || e->parent != 0 ||
            !(g->nodes[e->child].roles & NF_GW_SMALL_MASK)) {
            continue;
        }
        size_t slot = (size_t)e->h & (g->small_cap - 1);
        while (g->small_h[slot]) {
            slot = (slot + 1) & (g->small_cap - 1);
        }
        g->small_h[slot] = e->h ? e->h : 1;
        g->small_r[slot] = g->nodes[e->child].roles;
    }
    nf_arena_fini(&g->scratch);
    nf_arena_init(&g->scratch, 1024);
}

const nf_gaz_node *nf_gaz_node_at(const nf_gaz *g, uint32_t node)
{
    return node < g->n_nodes ? &g->nodes[node] : NULL;
}

const nf_gaz_entry *nf_gaz_entries(const nf_gaz *g, uint32_t node, uint16_t *n)
{
    if (node >= g->n_nodes || !g->nodes[node].n_entries) {
        *n = 0;
        return NULL;
    }
    *n = g->nodes[node].n_entries;
    return &g->entries[g->nodes[node].first];
}

uint32_t nf_gaz_word(const nf_gaz *g, nf_tok *t)
{
    if (!t->memo_set) {
        t->memo = nf_gaz_child(g, 0, t->hash);
        t->memo_set = 1;
    }
    return t->memo;
}

void nf_gaz_prefetch_word(const nf_gaz *g, uint64_t h)
{
    if (g->cap_edges) {
        __builtin_prefetch(&g->edges[edge_slot(h, 0, g->cap_edges - 1)]);
    }
}

void nf_gaz_prefetch_node(const nf_gaz *g, uint32_t node)
{
    if (node < g->n_nodes) {
        __builtin_prefetch(&g->nodes[node]);
    }
}

uint32_t nf_gaz_roles(const nf_gaz *g, nf_tok *t)
{
    uint32_t nd = nf_gaz_word(g, t);
    return nd == NF_GAZ_NONE ? 0 : g->nodes[nd].roles;
}

uint32_t nf_gaz_small_roles(const nf_gaz *g, uint64_t h)
{
    if (!g->small_cap) {
        return 0;
    }
    for (size_t slot = (size_t)h & (g->small_cap - 1);; slot = (slot + 1) & (g->small_cap - 1)) {
        if (g->small_h[slot] == h) {
            return g->small_r[slot];
        }
        if (!g->small_h[slot]) {
            return 0;
        }
    }
}

void nf_gaz_small_filter(const nf_gaz *g, uint32_t mask, uint64_t *bits)
{
    for (size_t slot = 0; slot < g->small_cap; slot++) {
        if (g->small_h[slot] && (g->small_r[slot] & mask)) {
            /* the stored hash: the one nf_gaz_small_roles() matches */
            uint32_t b = nf_gaz_filter_bit(g->small_h[slot]);
            bits[b / 64] |= 1ull << (b % 64);
        }
    }
}

size_t nf_gaz_n_nodes(const nf_gaz *g)
{
    return g->n_nodes;
}

size_t nf_gaz_n_entries(const nf_gaz *g)
{
    return g->n_entries;
}

size_t nf_gaz_memory(const nf_gaz *g)
{
    size_t m = g->cap_nodes * sizeof *g->nodes + g->cap_edges * sizeof *g->edges +
               g->n_entries * sizeof *g->entries;
    return m;
}

const char *nf_gaz_label(nf_gaz_type t)
{
    switch (t) {
    case NF_GAZ_COUNTRY:
    case NF_GAZ_ADM1:
    case NF_GAZ_CITY:
    case NF_GAZ_PLACE:
        return "GPE";
    case NF_GAZ_LOC:
        return "LOC";
    case NF_GAZ_NORP:
        return "NORP";
    case NF_GAZ_ORG:
        return "ORG";
    case NF_GAZ_PERSON:
        return "PERSON";
    default:
        return "MISC";
    }
}
