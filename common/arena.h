#ifndef NF_COMMON_ARENA_H
#define NF_COMMON_ARENA_H

#include <stddef.h>

/* Bump allocator owning everything a document allocates while it is processed. Reset between
 * articles keeps the first chunk, so steady-state processing does no malloc at all. */
typedef struct nf_arena_chunk nf_arena_chunk;

typedef struct nf_arena {
    nf_arena_chunk *head;   /* current chunk; older ones linked behind it */
    size_t used;            /* bytes used in head */
    size_t chunk_size;      /* default size of a new chunk */
} nf_arena;

void nf_arena_init(nf_arena *a, size_t chunk_size);
/** @brief Memory aligned for any type; valid until nf_arena_reset()/nf_arena_fini(). */
void *nf_arena_alloc(nf_arena *a, size_t n);
/** @brief Like nf_arena_alloc, zero-filled. */
void *nf_arena_calloc(nf_arena *a, size_t n);
char *nf_arena_strndup(nf_arena *a, const char *s, size_t n);
/** @brief Grow an arena block: copies old_n bytes into a new block of new_n bytes. */
void *nf_arena_grow(nf_arena *a, void *old, size_t old_n, size_t new_n);
void nf_arena_reset(nf_arena *a);
void nf_arena_fini(nf_arena *a);

#endif
