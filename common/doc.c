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

nf_ann *nf_doc_add_ann(nf_doc *doc, const nf_ann *ann)
{
    assert(ann->field < NF_FIELD_COUNT);
    assert(ann->start <= ann->end && ann->end <= doc->field_len[ann->field]);
    assert(nf_utf8_is_boundary(doc->field[ann->field], doc->field_len[ann->field], ann->start));
    assert(nf_utf8_is_boundary(doc->field[ann->field], doc->field_len[ann->field], ann->end));
    if (doc->n_anns == doc->cap_anns) {
        uint32_t cap = doc->cap_anns ? doc->cap_anns * 2 : 64;
        doc->anns = nf_arena_grow(&doc->arena, doc->anns, doc->n_anns * sizeof *doc->anns,
                                  cap * sizeof *doc->anns);
        doc->cap_anns = cap;
    }
    nf_ann *dst = &doc->anns[doc->n_anns++];
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

void nf_doc_sort_anns(nf_doc *doc)
{
    if (doc->n_anns > 1) {
        qsort(doc->anns, doc->n_anns, sizeof *doc->anns, ann_cmp);
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
