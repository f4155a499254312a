#include "common/arena.h"

#include <criterion/criterion.h>

#include <stdalign.h>
#include <stddef.h>
#include <stdint.h>
#include <string.h>

Test(arena, allocations_are_aligned_and_distinct)
{
    nf_arena a;
    nf_arena_init(&a, 1024);
    char *prev = NULL;
    for (size_t n = 1; n < 200; n += 7) {
        char *p = nf_arena_alloc(&a, n);
        cr_assert_eq((uintptr_t)p % alignof(max_align_t), 0, "size %zu misaligned", n);
        memset(p, 0xAB, n); /* ASan catches an overlap with the chunk end */
        cr_assert_neq(p, prev);
        prev = p;
    }
    nf_arena_fini(&a);
}

Test(arena, zero_size_allocation_is_usable)
{
    nf_arena a;
    nf_arena_init(&a, 0);
    cr_assert_eq(a.chunk_size, 64 * 1024, "0 means the default chunk size");
    void *p = nf_arena_alloc(&a, 0);
    void *q = nf_arena_alloc(&a, 0);
    cr_assert_not_null(p);
    cr_assert_neq(p, q);
    nf_arena_fini(&a);
}

Test(arena, calloc_zeroes_reused_memory)
{
    nf_arena a;
    nf_arena_init(&a, 256);
    unsigned char *p = nf_arena_alloc(&a, 100);
    memset(p, 0xFF, 100);
    nf_arena_reset(&a);
    unsigned char *q = nf_arena_calloc(&a, 100);
    cr_assert_eq(p, q, "reset reuses the first chunk");
    for (size_t i = 0; i < 100; i++) {
        cr_assert_eq(q[i], 0);
    }
    nf_arena_fini(&a);
}

Test(arena, strndup_copies_and_terminates)
{
    nf_arena a;
    nf_arena_init(&a, 64);
    const char src[] = "hello, world";
    char *d = nf_arena_strndup(&a, src, 5);
    cr_assert_str_eq(d, "hello");
    cr_assert_neq(d, src);
    nf_arena_fini(&a);
}

Test(arena, oversized_allocation_gets_its_own_chunk)
{
    nf_arena a;
    nf_arena_init(&a, 128);
    char *small = nf_arena_alloc(&a, 16);
    char *big = nf_arena_alloc(&a, 10000);
    memset(big, 1, 10000);
    strcpy(small, "still here");
    cr_assert_str_eq(small, "still here");
    nf_arena_fini(&a);
    cr_assert_null(a.head);
}

Test(arena, grow_copies_the_old_block)
{
    nf_arena a;
    nf_arena_init(&a, 128);
    int *v = nf_arena_alloc(&a, 4 * sizeof *v);
    for (int i = 0; i < 4; i++) {
        v[i] = i * 11;
    }
    int *w = nf_arena_grow(&a, v, 4 * sizeof *v, 400 * sizeof *w);
    for (int i = 0; i < 4; i++) {
        cr_assert_eq(w[i], i * 11);
    }
    w[399] = 7; /* the new size is really there */
    int *z = nf_arena_grow(&a, NULL, 0, 8);
    cr_assert_not_null(z);
    nf_arena_fini(&a);
}

Test(arena, reset_keeps_one_normal_chunk)
{
    nf_arena a;
    nf_arena_init(&a, 256);
    void *first = nf_arena_alloc(&a, 64);
    for (int i = 0; i < 20; i++) {
        nf_arena_alloc(&a, 200); /* several more chunks */
    }
    nf_arena_reset(&a);
    cr_assert_not_null(a.head);
    cr_assert_eq(a.used, 0);
    cr_assert_eq(nf_arena_alloc(&a, 64), first, "the oldest chunk is the one kept");
    nf_arena_fini(&a);
}

Test(arena, reset_does_not_pin_an_oversized_first_chunk)
{
    nf_arena a;
    nf_arena_init(&a, 256);
    nf_arena_alloc(&a, 1 << 20); /* first allocation ever is huge */
    nf_arena_reset(&a);
    cr_assert_null(a.head, "a 1 MiB chunk must not stay allocated after reset");
    cr_assert_not_null(nf_arena_alloc(&a, 8));
    nf_arena_fini(&a);
}

Test(arena, grow_of_the_latest_block_is_in_place)
{
    nf_arena a;
    nf_arena_init(&a, 4096);
    int *v = nf_arena_alloc(&a, 8 * sizeof *v);
    for (int i = 0; i < 8; i++) {
        v[i] = i + 1;
    }
    size_t used = a.used;
    int *w = nf_arena_grow(&a, v, 8 * sizeof *v, 64 * sizeof *w);
    cr_assert_eq(w, v, "the latest block grows where it is");
    cr_assert_eq(a.used, used + 56 * sizeof *w, "no dead copy left behind");
    for (int i = 0; i < 8; i++) {
        cr_assert_eq(w[i], i + 1);
    }
    w[63] = 5;
    /* Not the latest block any more: a copy, and the old one untouched. */
    char *other = nf_arena_alloc(&a, 16);
    int *x = nf_arena_grow(&a, w, 64 * sizeof *w, 128 * sizeof *x);
    cr_assert_neq(x, w);
    cr_assert_eq(x[7], 8);
    cr_assert_eq(x[63], 5);
    cr_assert_lt((char *)x, (char *)other + 4096, "still in the chunk");
    nf_arena_fini(&a);
}

Test(arena, grow_without_room_moves_to_a_new_chunk)
{
    nf_arena a;
    nf_arena_init(&a, 256);
    char *v = nf_arena_alloc(&a, 200);
    memset(v, 'x', 200);
    char *w = nf_arena_grow(&a, v, 200, 1000);
    cr_assert_neq(w, v);
    for (int i = 0; i < 200; i++) {
        cr_assert_eq(w[i], 'x');
    }
    memset(w, 'y', 1000);
    nf_arena_fini(&a);
}

Test(arena, shrink_gives_back_the_tail_of_the_latest_block_only)
{
    nf_arena a;
    nf_arena_init(&a, 4096);
    char *v = nf_arena_alloc(&a, 1000);
    nf_arena_shrink(&a, v, 1000, 100);
    char *next = nf_arena_alloc(&a, 16);
    cr_assert_lt(next, v + 200, "the tail was reused");
    cr_assert_geq(next, v + 100, "the kept part is not");
    size_t used = a.used;
    nf_arena_shrink(&a, v, 100, 10);   /* no longer the latest: nothing happens */
    cr_assert_eq(a.used, used);
    nf_arena_fini(&a);
}

Test(arena, reset_keeps_one_normal_overflow_chunk_as_the_spare)
{
    nf_arena a;
    nf_arena_init(&a, 256);
    nf_arena_alloc(&a, 200);
    nf_arena_alloc(&a, 200);   /* overflow: a second normal chunk */
    nf_arena_alloc(&a, 200);   /* and a third */
    nf_arena_alloc(&a, 5000);  /* an oversized one: never kept */
    nf_arena_reset(&a);
    cr_assert_not_null(a.spare, "one overflow chunk kept for the next large article");
    void *spare = a.spare;
    nf_arena_alloc(&a, 200);
    nf_arena_alloc(&a, 200);   /* overflow again: takes the spare, no new allocation */
    cr_assert_null(a.spare);
    cr_assert_eq((void *)a.head, spare);
    nf_arena_reset(&a);
    cr_assert_eq(a.spare, spare);
    nf_arena_fini(&a);
    cr_assert_null(a.spare, "fini frees the spare too");
    cr_assert_null(a.head);
}

Test(arena, an_oversized_overflow_chunk_is_not_the_spare)
{
    nf_arena a;
    nf_arena_init(&a, 256);
    nf_arena_alloc(&a, 200);
    nf_arena_alloc(&a, 5000);
    nf_arena_reset(&a);
    cr_assert_null(a.spare);
    nf_arena_fini(&a);
}

/* The pool's cache: a finished arena's chunks of the cache's size go to the cache (up to its
 * max; oversized ones and the rest are freed), and the next arena takes them back instead of
 * mapping new memory. */
Test(arena, a_chunk_cache_hands_freed_chunks_to_the_next_arena)
{
    nf_chunk_cache cc;
    nf_chunk_cache_init(&cc, 256, 2);
    nf_arena a;
    nf_arena_init(&a, 0);
    nf_arena_use_cache(&a, &cc);
    cr_assert_eq(a.chunk_size, 256, "the arena takes the cache's chunk size");
    nf_arena_alloc(&a, 200);
    nf_arena_alloc(&a, 200);   /* a second normal chunk */
    void *second = a.head;
    nf_arena_alloc(&a, 200);   /* a third */
    void *third = a.head;
    nf_arena_alloc(&a, 5000);  /* oversized: never cached */
    nf_arena_fini(&a);         /* newest first: third, then second kept; first freed (max 2) */
    cr_assert_eq(cc.n, 2, "two of the three normal chunks kept (max 2), %zu", cc.n);

    nf_arena b;
    nf_arena_init(&b, 0);
    nf_arena_use_cache(&b, &cc);
    nf_arena_alloc(&b, 100);
    cr_assert_eq((void *)b.head, second, "the new arena took the last chunk cached");
    cr_assert_eq(cc.n, 1);
    nf_arena_alloc(&b, 200);
    cr_assert_eq((void *)b.head, third, "and the other one for its overflow");
    cr_assert_eq(cc.n, 0);
    nf_arena_alloc(&b, 200);   /* cache empty: a fresh chunk */
    cr_assert(b.head != second && b.head != third);
    nf_arena_fini(&b);
    cr_assert_eq(cc.n, 2, "the cache never holds more than its max");
    nf_chunk_cache_fini(&cc);
    cr_assert_eq(cc.n, 0);
}
