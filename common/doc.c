#include "common/doc.h"
#include "common/utf8.h"

#include <assert.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

void nf_doc_init(nf_doc *doc)
{
    memset(doc, 0, sizeof *doc);
    nf_arena_init(&doc->arena, 256 * 1024);
    doc->src.partition = -1;
    doc->src.offset = -1;
    doc->src.timestamp_ms = -1;
}

void nf_doc_reset(nf_doc *doc)
{
    nf_arena arena = doc->arena;
    nf_arena_reset(&arena);
    memset(doc, 0, sizeof *doc);
    doc->arena = arena;
    doc->src.partition = -1;
    doc->src.offset = -1;
    doc->src.timestamp_ms = -1;
}

void nf_doc_fini(nf_doc *doc)
{
    nf_arena_fini(&doc->arena);
    memset(doc, 0, sizeof *doc);
}

void nf_doc_set_input(nf_doc *doc, const void *value, size_t value_len, const void *key,
                      size_t key_len)
{
    doc->raw = value;
    doc->raw_len = value ? value_len : 0;
    doc->key = key;
    doc->key_len = key ? key_len : 0;
}

bool nf_doc_ann_ok(const nf_doc *doc, const nf_ann *ann)
{
    return ann->field < NF_FIELD_COUNT && ann->start <= ann->end &&
           ann->end <= doc->field_len[ann->field] &&
           nf_utf8_is_boundary(doc->field[ann->field], doc->field_len[ann->field], ann->start) &&
           nf_utf8_is_boundary(doc->field[ann->field], doc->field_len[ann->field], ann->end);
}

void nf_doc_ann_reserve(nf_doc *doc)
{
    if (doc->n_anns == doc->cap_anns) {
        /* 256 first (20 KB of the 256 KB chunk): a news article with numbers, dates and
         * entities often has more than 64, and the array is rarely the arena's top by then
         * (numbers' value texts come between): each doubling was a copy (c500: 90, ~3 700
         * instructions each). */
        uint32_t cap = doc->cap_anns ? doc->cap_anns * 2 : 256;
        doc->anns = nf_arena_grow(&doc->arena, doc->anns, doc->n_anns * sizeof *doc->anns,
                                  cap * sizeof *doc->anns);
        doc->cap_anns = cap;
    }
}

nf_ann *nf_doc_add_ann(nf_doc *doc, const nf_ann *ann)
{
    assert(nf_doc_ann_ok(doc, ann));
    nf_ann *dst = nf_doc_ann_push(doc);
    *dst = *ann;
    return dst;
}

void nf_doc_fail(nf_doc *doc, int code, const char *fmt, ...)
{
    doc->err.code = code;
    va_list ap;
    va_start(ap, fmt);
    vsnprintf(doc->err.message, sizeof doc->err.message, fmt, ap);
    va_end(ap);
}

static int ann_cmp(const void *pa, const void *pb)
{
    const nf_ann *a = pa, *b = pb;
    if (a->field != b->field) {
        return a->field < b->field ? -1 : 1;
    }
    if (a->start != b->start) {
        return a->start < b->start ? -1 : 1;
    }
    if (a->end != b->end) {
        return a->end < b->end ? -1 : 1;
    }
    int c = strcmp(a->label, b->label);
    if (c) {
        return c;
    }
    return a->kind - b->kind;
}

/* Merge the sorted index runs src[lo, mid) and src[mid, hi) into dst; ties take the left
 * one (stable). */
static void merge_runs(const nf_ann *v, const uint32_t *src, uint32_t *dst, uint32_t lo,
                       uint32_t mid, uint32_t hi)
{
    uint32_t i = lo, j = mid, o = lo;
    while (i < mid && j < hi) {
        dst[o++] = ann_cmp(&v[src[j]], &v[src[i]]) < 0 ? src[j++] : src[i++];
    }
    while (i < mid) {
        dst[o++] = src[i++];
    }
    while (j < hi) {
        dst[o++] = src[j++];
    }
}

void nf_doc_sort_anns(nf_doc *doc)
{
    /* Each stage adds its annotations mostly in text order, so the array is a few sorted
     * runs: a stable natural merge sort of their indices takes a couple of passes where a
     * general sort compares n log n times. Stable, like glibc's qsort (a merge sort), so the
     * order of equal annotations, and the output, is the same. */
    uint32_t n = doc->n_anns;
    nf_ann *v = doc->anns;
    uint32_t k = 1;
    while (k < n && ann_cmp(&v[k - 1], &v[k]) <= 0) {
        k++;
    }
    if (k >= n) {
        return;   /* already in order */
    }
    uint32_t *a = nf_arena_alloc(&doc->arena, (size_t)n * sizeof *a);
    uint32_t *b = nf_arena_alloc(&doc->arena, (size_t)n * sizeof *b);
    uint32_t *run = nf_arena_alloc(&doc->arena, ((size_t)n + 1) * sizeof *run);
    uint32_t nr = 0;
    run[nr++] = 0;
    for (uint32_t i = 0; i < n; i++) {
        a[i] = i;
        if (i && ann_cmp(&v[i - 1], &v[i]) > 0) {
            run[nr++] = i;
        }
    }
    run[nr] = n;
    while (nr > 1) {
        uint32_t out = 0;
        for (uint32_t r = 0; r < nr; r += 2) {
            uint32_t hi = r + 2 <= nr ? run[r + 2] : run[r + 1];
            merge_runs(v, a, b, run[r], r + 1 < nr ? run[r + 1] : hi, hi);
            run[out++] = run[r];
        }
        run[out] = n;
        nr = out;
        uint32_t *t = a;
        a = b;
        b = t;
    }
    /* Apply the permutation in place (v[i] = old v[a[i]]), cycle by cycle. */
    for (uint32_t i = 0; i < n; i++) {
        if (a[i] == i) {
            continue;
        }
        nf_ann tmp = v[i];
        uint32_t j = i;
        while (a[j] != i) {
            v[j] = v[a[j]];
            uint32_t next = a[j];
            a[j] = j;
            j = next;
        }
        v[j] = tmp;
        a[j] = j;
    }
}

void nf_doc_warn(nf_doc *doc, const char *stage, const char *code, const char *fmt, ...)
{
    char msg[512];
    va_list ap;
    va_start(ap, fmt);
    vsnprintf(msg, sizeof msg, fmt, ap);
    va_end(ap);
    if (doc->n_warnings == doc->cap_warnings) {
        uint32_t cap = doc->cap_warnings ? doc->cap_warnings * 2 : 4;
        doc->warnings = nf_arena_grow(&doc->arena, doc->warnings,
                                      doc->n_warnings * sizeof *doc->warnings,
                                      cap * sizeof *doc->warnings);
        doc->cap_warnings = cap;
    }
    nf_doc_warning *w = &doc->warnings[doc->n_warnings++];
    w->stage = stage;
    w->code = code;
    w->message = nf_arena_strndup(&doc->arena, msg, strlen(msg));
}

const nf_tok *nf_doc_tokens_cut(const nf_doc *doc, nf_field f, uint32_t *n)
{
    assert((unsigned)f < NF_FIELD_COUNT);
    const nf_doc_field_toks *ft = &doc->toks[f];
    const char *s = doc->field[f];
    uint32_t len = s ? doc->field_len[f] : 0;
    if (!ft->toks.v || ft->text != s || ft->len != len) {
        *n = 0;
        return NULL;
    }
    *n = ft->toks.n;
    return ft->toks.v;
}

const nf_tok *nf_doc_tokens(nf_doc *doc, nf_field f, uint32_t *n)
{
    assert((unsigned)f < NF_FIELD_COUNT);
    nf_doc_field_toks *ft = &doc->toks[f];
    const char *s = doc->field[f];
    uint32_t len = s ? doc->field_len[f] : 0;
    if (!ft->toks.v || ft->text != s || ft->len != len) {
        nf_tokenize(&doc->arena, s ? s : "", len, &ft->toks);
        ft->text = s;
        ft->len = len;
    }
    *n = ft->toks.n;
    return ft->toks.v;
}
