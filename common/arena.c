#include "common/arena.h"
#include "common/xalloc.h"

#include <stdalign.h>
#include <stdbool.h>
#include <stddef.h>
#include <stdlib.h>
#include <string.h>

struct nf_arena_chunk {
    nf_arena_chunk *next;  /* older chunk */
    size_t size;           /* usable bytes in data */
    alignas(max_align_t) unsigned char data[];
};

#define ALIGN_UP(n) (((n) + alignof(max_align_t) - 1) & ~(alignof(max_align_t) - 1))

void nf_chunk_cache_init(nf_chunk_cache *cc, size_t chunk_size, size_t max)
{
    pthread_mutex_init(&cc->mu, NULL);
    cc->free = NULL;
    cc->n = 0;
    cc->max = max;
    cc->chunk_size = chunk_size;
}

void nf_chunk_cache_fini(nf_chunk_cache *cc)
{
    while (cc->free) {
        nf_arena_chunk *next = cc->free->next;
        free(cc->free);
        cc->free = next;
    }
    cc->n = 0;
    pthread_mutex_destroy(&cc->mu);
}

static nf_arena_chunk *cache_take(nf_chunk_cache *cc)
{
    pthread_mutex_lock(&cc->mu);
    nf_arena_chunk *c = cc->free;
    if (c) {
        cc->free = c->next;
        cc->n--;
    }
    pthread_mutex_unlock(&cc->mu);
    return c;
}

/* Free a chunk the arena no longer holds: to the cache when it is of the cache's size and
 * the cache has room, else to the allocator. */
static void release_chunk(nf_arena *a, nf_arena_chunk *c)
{
    nf_chunk_cache *cc = a->cache;
    if (cc && c->size == cc->chunk_size) {
        pthread_mutex_lock(&cc->mu);
        bool kept = cc->n < cc->max;
        if (kept) {
            c->next = cc->free;
            cc->free = c;
            cc->n++;
        }
        pthread_mutex_unlock(&cc->mu);
        if (kept) {
            return;
        }
    }
    free(c);
}

void nf_arena_init(nf_arena *a, size_t chunk_size)
{
    a->head = NULL;
    a->used = 0;
    a->chunk_size = chunk_size ? chunk_size : 64 * 1024;
    a->spare = NULL;
    a->cache = NULL;
}

void nf_arena_use_cache(nf_arena *a, nf_chunk_cache *cc)
{
    a->cache = cc;
    a->chunk_size = cc->chunk_size;
}

static void add_chunk(nf_arena *a, size_t min)
{
    size_t size = a->chunk_size > min ? a->chunk_size : min;
    nf_arena_chunk *c = NULL;
    if (a->spare && size == a->chunk_size) {
        c = a->spare;   /* already mapped and faulted in */
        a->spare = NULL;
    } else if (a->cache && size == a->chunk_size) {
        c = cache_take(a->cache);
    }
    if (!c) {
        c = nf_xmalloc(sizeof *c + size);
    }
    c->size = size;
    c->next = a->head;
    a->head = c;
    a->used = 0;
}

/* nf_arena_alloc of \p n (aligned) bytes that the head chunk has no room for. Out of line, so
 * that the common case is a leaf without a frame (it saved five registers for add_chunk:
 * ~10 of its ~25 instructions, and a stage allocates a value text per date). */
static __attribute__((noinline)) void *alloc_in_new_chunk(nf_arena *a, size_t n)
{
    add_chunk(a, n);
    a->used = n;
    return a->head->data;
}

void *nf_arena_alloc(nf_arena *a, size_t n)
{
    n = ALIGN_UP(n ? n : 1);
    if (!a->head || a->head->size - a->used < n) {
        return alloc_in_new_chunk(a, n);
    }
    void *p = a->head->data + a->used;
    a->used += n;
    return p;
}

void *nf_arena_calloc(nf_arena *a, size_t n)
{
    void *p = nf_arena_alloc(a, n);
    memset(p, 0, n);
    return p;
}

char *nf_arena_strndup(nf_arena *a, const char *s, size_t n)
{
    char *d = nf_arena_alloc(a, n + 1);
    memcpy(d, s, n);
    d[n] = '\0';
    return d;
}

/* Is p (a block of n bytes) the latest allocation of the head chunk? */
static bool is_top(const nf_arena *a, const void *p, size_t n)
{
    return p && a->head && (const unsigned char *)p + ALIGN_UP(n) == a->head->data + a->used &&
           ALIGN_UP(n) <= a->used;
}

void *nf_arena_grow(nf_arena *a, void *old, size_t old_n, size_t new_n)
{
    /* Arrays that double (annotations, segments) are usually the latest allocation when they
     * grow: extending them in place saves the copy and the dead old block (with doubling,
     * as much again as the array), which pushed large articles into a second chunk. */
    if (old_n && is_top(a, old, old_n)) {
        size_t base = a->used - ALIGN_UP(old_n);
        if (a->head->size - base >= ALIGN_UP(new_n ? new_n : 1)) {
            a->used = base + ALIGN_UP(new_n ? new_n : 1);
            return old;
        }
    }
    void *p = nf_arena_alloc(a, new_n);
    if (old && old_n) {
        memcpy(p, old, old_n < new_n ? old_n : new_n);
    }
    return p;
}

void nf_arena_shrink(nf_arena *a, void *p, size_t old_n, size_t new_n)
{
    if (old_n && new_n < old_n && is_top(a, p, old_n)) {
        a->used = a->used - ALIGN_UP(old_n) + ALIGN_UP(new_n ? new_n : 1);
    }
}

void nf_arena_reset(nf_arena *a)
{
    /* Keep the oldest chunk (the one sized for normal articles) and one normal-sized overflow
     * chunk as the spare, free the rest. If the first allocation ever was an oversized one,
     * the oldest chunk is that one: keeping it would pin the largest article's memory for the
     * life of the process, so it goes too (oversized chunks are never a spare either). */
    nf_arena_chunk *c = a->head;
    while (c && c->next) {
        nf_arena_chunk *next = c->next;
        if (!a->spare && c->size == a->chunk_size) {
            a->spare = c;
        } else {
            release_chunk(a, c);
        }
        c = next;
    }
    if (c && c->size > a->chunk_size) {
        release_chunk(a, c);
        c = NULL;
    }
    a->head = c;
    a->used = 0;
}

void nf_arena_fini(nf_arena *a)
{
    if (a->spare) {
        release_chunk(a, a->spare);
    }
    a->spare = NULL;
    nf_arena_chunk *c = a->head;
    while (c) {
        nf_arena_chunk *next = c->next;
        release_chunk(a, c);
        c = next;
    }
    a->head = NULL;
    a->used = 0;
}
