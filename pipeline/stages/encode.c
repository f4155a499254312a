/* encode: the document -> its record (README "Record format", docs/record.schema.json):
 * schema newsflow.enriched.v2 by default, v1 with stage.encode.schema = v1.
 *
 * Compact JSON in a fixed key order, written by hand rather than through jansson so that the
 * bytes depend on nothing but the document (no hash order, no float formatting surprises).
 * Spans are byte offsets inside the pipeline; the record has code-point offsets, computed here in
 * one forward walk per field over the sorted annotations. */

#include "pipeline/stage.h"

#include "common/buf.h"
#include "common/utf8.h"

#include <stddef.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#ifndef NF_VERSION
#define NF_VERSION "0.0.0"
#endif

/* Options under "stage.encode.". */
typedef struct encode_opts {
    bool byte_offsets;   /* also start_byte/end_byte: UTF-8 byte offsets, for byte-based tools */
    char *schema;        /* "v1" | "v2" */
    bool span_text;      /* v2: also "text" in every span */
} encode_opts;

static const nf_opt encode_options[] = {
    {"byte_offsets", NF_OPT_BOOL, "false", offsetof(encode_opts, byte_offsets), NULL,
     "also write start_byte/end_byte (UTF-8 byte offsets) next to the code-point offsets of "
     "every annotation and the dateline (off: they made records ~1.3x larger)"},
    {"schema", NF_OPT_ENUM, "v2", offsetof(encode_opts, schema), "v1|v2",
     "record schema: v2 (newsflow.enriched.v2: annotations grouped by label, \"span\":[start,end], "
     "no span text) or v1 (newsflow.enriched.v1: arrays of {label,text,start,end,...}, as "
     "before v2; records ~1.5x larger)"},
    {"span_text", NF_OPT_BOOL, "false", offsetof(encode_opts, span_text), NULL,
     "v2: also write \"text\" (the spanned text, derivable from span) in every annotation and "
     "the dateline; v1 always has it"},
    {NULL, 0, NULL, 0, NULL, NULL},
};

/* What process() needs of the options, resolved once per document. */
typedef struct encode_mode {
    bool v2;
    bool byte_offsets;
    bool span_text;      /* write "text" in spans: always in v1 */
} encode_mode;

static void put_u32(nf_buf *b, uint32_t v)
{
    char tmp[10];
    size_t n = 0;
    do {
        tmp[n++] = (char)('0' + v % 10);
        v /= 10;
    } while (v);
    nf_buf_reserve(b, n);
    while (n) {
        b->data[b->len++] = tmp[--n];
    }
    b->data[b->len] = '\0';
}

static void put_lit(nf_buf *b, const char *s)
{
    nf_buf_append(b, s, strlen(s));
}

static void put_str(nf_buf *b, const char *s)
{
    nf_buf_json_str(b, s, strlen(s));
}

static void put_str_or_null(nf_buf *b, const char *s)
{
    if (s) {
        put_str(b, s);
    } else {
        put_lit(b, "null");
    }
}

/* ",\"key\":\"value\"" when value is set. */
static void put_opt_member(nf_buf *b, const char *key, const char *value)
{
    if (!value) {
        return;
    }
    nf_buf_putc(b, ',');
    put_str(b, key);
    nf_buf_putc(b, ':');
    put_str(b, value);
}

/*
 * Code-point offsets of every annotation (and of the dateline, in the text). Annotations are
 * sorted by (field, start, ...) when this runs, so one cursor walks each field forward from
 * start to start, and an end is counted from its own start: no sort, no rescan from 0.
 * cp[2k], cp[2k+1] receive start and end of doc->anns[k]; cp[2n], cp[2n+1] the dateline's.
 */
static void code_points(const nf_doc *doc, uint32_t *cp)
{
    const char *s = NULL;
    unsigned field = NF_FIELD_COUNT;
    uint32_t pos = 0, count = 0;
    for (uint32_t k = 0; k < doc->n_anns; k++) {
        const nf_ann *ann = &doc->anns[k];
        if (ann->field != field) {
            field = ann->field;
            s = doc->field[field];
            pos = 0;
            count = 0;
        }
        count += (uint32_t)nf_utf8_count(s + pos, ann->start - pos);
        pos = ann->start;
        cp[2 * k] = count;
        cp[2 * k + 1] = count + (uint32_t)nf_utf8_count(s + ann->start, ann->end - ann->start);
    }
    if (doc->dateline.present) {
        const char *t = doc->field[NF_FIELD_TEXT];
        uint32_t start_cp = (uint32_t)nf_utf8_count(t, doc->dateline.start);
        cp[2 * doc->n_anns] = start_cp;
        cp[2 * doc->n_anns + 1] =
            start_cp + (uint32_t)nf_utf8_count(t + doc->dateline.start,
                                               doc->dateline.end - doc->dateline.start);
    }
}

/* Stages assert their spans when they add them; this guards release builds, where a bad span
 * would otherwise read out of bounds. */
static bool span_ok(const nf_doc *doc, unsigned field, uint32_t start, uint32_t end)
{
    if (field >= NF_FIELD_COUNT || !doc->field[field] || start > end ||
        end > doc->field_len[field]) {
        return false;
    }
    const char *s = doc->field[field];
    size_t n = doc->field_len[field];
    return nf_utf8_is_boundary(s, n, start) && nf_utf8_is_boundary(s, n, end);
}

/* ",\"start_byte\":S,\"end_byte\":E" (stage.encode.byte_offsets). */
static void put_byte_offsets(nf_buf *b, uint32_t start, uint32_t end)
{
    put_lit(b, ",\"start_byte\":");
    put_u32(b, start);
    put_lit(b, ",\"end_byte\":");
    put_u32(b, end);
}

/* The leading span members of an annotation or the dateline: v1 "text","start","end"; v2
 * "span":[start,end] and, with span_text, "text". No leading comma. */
static void put_span(nf_buf *b, const encode_mode *m, const char *s, uint32_t start,
                     uint32_t end, uint32_t cp_start, uint32_t cp_end)
{
    if (m->v2) {
        put_lit(b, "\"span\":[");
        put_u32(b, cp_start);
        nf_buf_putc(b, ',');
        put_u32(b, cp_end);
        nf_buf_putc(b, ']');
        if (m->span_text) {
            put_lit(b, ",\"text\":");
            nf_buf_json_str(b, s + start, end - start);
        }
        return;
    }
    put_lit(b, "\"text\":");
    nf_buf_json_str(b, s + start, end - start);
    put_lit(b, ",\"start\":");
    put_u32(b, cp_start);
    put_lit(b, ",\"end\":");
    put_u32(b, cp_end);
}

/* v2 leaves out a canonical form that is just the spanned text (a reader takes the span's text
 * when "canonical" is absent); v1 writes every canonical it has. */
static bool canonical_needed(const encode_mode *m, const nf_doc *doc, const nf_ann *ann)
{
    if (!ann->canonical) {
        return false;
    }
    if (!m->v2) {
        return true;
    }
    size_t n = ann->end - ann->start;
    return strlen(ann->canonical) != n ||
           memcmp(ann->canonical, doc->field[ann->field] + ann->start, n) != 0;
}

static void put_ann(nf_buf *b, const encode_mode *m, const nf_doc *doc, const nf_ann *ann,
                    uint32_t cp_start, uint32_t cp_end)
{
    nf_buf_putc(b, '{');
    if (!m->v2) { /* v2: the label is the key of the group */
        put_lit(b, "\"label\":");
        put_str(b, ann->label ? ann->label : "");
        nf_buf_putc(b, ',');
    }
    put_span(b, m, doc->field[ann->field], ann->start, ann->end, cp_start, cp_end);
    if (ann->field == NF_FIELD_TITLE) {
        put_lit(b, ",\"field\":\"title\"");
    }
    if (ann->flags & NF_ANN_HAS_VALUE) {
        put_lit(b, ",\"value\":");
        nf_buf_json_num(b, ann->value);
    } else if (ann->value_text) {
        put_lit(b, ",\"value\":");
        put_str(b, ann->value_text);
    }
    if (ann->flags & NF_ANN_HAS_VALUE_MAX) {
        put_lit(b, ",\"value_max\":");
        nf_buf_json_num(b, ann->value_max);
    }
    put_opt_member(b, "currency", ann->currency);
    put_opt_member(b, "unit", ann->unit);
    put_opt_member(b, "country", ann->country);
    if (canonical_needed(m, doc, ann)) {
        put_opt_member(b, "canonical", ann->canonical);
    }
    if (ann->extra_json && ann->extra_json[0]) {
        nf_buf_putc(b, ',');
        put_lit(b, ann->extra_json);
    }
    if (m->byte_offsets) {
        put_byte_offsets(b, ann->start, ann->end);
    }
    nf_buf_putc(b, '}');
}

/* v1: one array of the annotations of \p kind, in the document's sorted order. */
static void put_anns_v1(nf_buf *b, const encode_mode *m, const nf_doc *doc, nf_ann_kind kind,
                        const uint32_t *cp)
{
    bool first = true;
    nf_buf_putc(b, '[');
    for (uint32_t k = 0; k < doc->n_anns; k++) {
        const nf_ann *ann = &doc->anns[k];
        if (ann->kind != kind) {
            continue;
        }
        if (!first) {
            nf_buf_putc(b, ',');
        }
        first = false;
        put_ann(b, m, doc, ann, cp[2 * k], cp[2 * k + 1]);
    }
    nf_buf_putc(b, ']');
}

typedef struct label_group {
    const char *label;
    uint32_t count;      /* annotations with this label */
    uint32_t at;         /* where its run starts in the grouped order */
} label_group;

static int label_group_cmp(const void *a, const void *b)
{
    return strcmp(((const label_group *)a)->label, ((const label_group *)b)->label);
}

/* Group of \p label among the \p ng distinct labels seen so far (added when new). Labels are
 * mostly the same static strings, so a pointer compare settles nearly every lookup; equal
 * text at another address (a user label from a file) is the same group. */
static uint32_t label_group_of(label_group *g, uint32_t *ng, const char *label)
{
    for (uint32_t i = 0; i < *ng; i++) {
        if (g[i].label == label) {
            return i;
        }
    }
    for (uint32_t i = 0; i < *ng; i++) {
        if (strcmp(g[i].label, label) == 0) {
            return i;
        }
    }
    g[*ng].label = label;
    g[*ng].count = 0;
    return (*ng)++;
}

/* v2: an object from label to the array of that label's annotations of \p kind. Labels in
 * byte order of their names (user labels from watchlists and pattern files have no other
 * fixed order), annotations within a label in the document's sorted order. A counting sort
 * over the few distinct labels (the same order as sorting by (label, index), without
 * O(n log n) string compares). */
static void put_anns_v2(nf_buf *b, const encode_mode *m, nf_doc *doc, nf_ann_kind kind,
                        const uint32_t *cp)
{
    uint32_t n = 0;
    for (uint32_t k = 0; k < doc->n_anns; k++) {
        n += doc->anns[k].kind == kind;
    }
    label_group *g = nf_arena_alloc(&doc->arena, (n ? n : 1) * sizeof *g);
    uint32_t *gid = nf_arena_alloc(&doc->arena, (n ? n : 1) * sizeof *gid);
    uint32_t *order = nf_arena_alloc(&doc->arena, (n ? n : 1) * sizeof *order);
    uint32_t ng = 0, last = 0;
    const char *last_label = NULL;
    n = 0;
    for (uint32_t k = 0; k < doc->n_anns; k++) {
        if (doc->anns[k].kind != kind) {
            continue;
        }
        const char *label = doc->anns[k].label ? doc->anns[k].label : "";
        if (label != last_label) {
            last = label_group_of(g, &ng, label);
            last_label = label;
        }
        g[last].count++;
        gid[n++] = last;
    }
    /* Groups in label order; remember where each original group went. */
    uint32_t *rank = nf_arena_alloc(&doc->arena, (ng ? ng : 1) * sizeof *rank);
    for (uint32_t i = 0; i < ng; i++) {
        g[i].at = i;   /* original group id, carried through the sort */
    }
    qsort(g, ng, sizeof *g, label_group_cmp);
    uint32_t at = 0;
    for (uint32_t i = 0; i < ng; i++) {
        rank[g[i].at] = i;
        uint32_t c = g[i].count;
        g[i].at = at;
        at += c;
    }
    n = 0;
    for (uint32_t k = 0; k < doc->n_anns; k++) {
        if (doc->anns[k].kind == kind) {
            order[g[rank[gid[n++]]].at++] = k;   /* document order within a label */
        }
    }
    nf_buf_putc(b, '{');
    uint32_t i = 0;
    for (uint32_t grp = 0; grp < ng; grp++) {
        put_lit(b, grp ? "]," : "");
        put_str(b, doc->anns[order[i]].label ? doc->anns[order[i]].label : "");
        put_lit(b, ":[");
        uint32_t end = g[grp].at;   /* advanced to the end of its run above */
        for (uint32_t first = i; i < end; i++) {
            if (i != first) {
                nf_buf_putc(b, ',');
            }
            uint32_t k = order[i];
            put_ann(b, m, doc, &doc->anns[k], cp[2 * k], cp[2 * k + 1]);
        }
    }
    put_lit(b, n ? "]}" : "}");
}

static void put_anns(nf_buf *b, const encode_mode *m, nf_doc *doc, nf_ann_kind kind,
                     const uint32_t *cp)
{
    if (m->v2) {
        put_anns_v2(b, m, doc, kind, cp);
    } else {
        put_anns_v1(b, m, doc, kind, cp);
    }
}

/* The dateline object follows the span rules of the annotations (put_span). */
static void put_dateline(nf_buf *b, const encode_mode *m, const nf_doc *doc, const uint32_t *cp)
{
    const nf_dateline *dl = &doc->dateline;
    if (!dl->present) {
        put_lit(b, "null");
        return;
    }
    const char *t = doc->field[NF_FIELD_TEXT];
    uint32_t cp_start = cp[2 * doc->n_anns], cp_end = cp[2 * doc->n_anns + 1];
    nf_buf_putc(b, '{');
    if (m->v2) {
        put_span(b, m, t, dl->start, dl->end, cp_start, cp_end);
    } else {
        put_lit(b, "\"text\":");
        nf_buf_json_str(b, t + dl->start, dl->end - dl->start);
    }
    put_lit(b, ",\"place\":");
    put_str_or_null(b, dl->place);
    put_lit(b, ",\"country\":");
    put_str_or_null(b, dl->country);
    put_lit(b, ",\"date\":");
    put_str_or_null(b, dl->date);
    if (!m->v2) { /* v1 has the offsets after the attributes */
        put_lit(b, ",\"start\":");
        put_u32(b, cp_start);
        put_lit(b, ",\"end\":");
        put_u32(b, cp_end);
    }
    if (m->byte_offsets) {
        put_byte_offsets(b, dl->start, dl->end);
    }
    nf_buf_putc(b, '}');
}

/* ",\"warnings\":[...]" only when a stage left one: records without warnings keep the exact
 * bytes they had before warnings existed. */
static void put_warnings(nf_buf *b, const nf_doc *doc)
{
    if (doc->n_warnings == 0) {
        return;
    }
    put_lit(b, ",\"warnings\":[");
    for (uint32_t k = 0; k < doc->n_warnings; k++) {
        const nf_doc_warning *w = &doc->warnings[k];
        put_lit(b, k ? ",{\"stage\":" : "{\"stage\":");
        put_str(b, w->stage ? w->stage : "");
        put_lit(b, ",\"code\":");
        put_str(b, w->code ? w->code : "");
        put_lit(b, ",\"message\":");
        put_str(b, w->message ? w->message : "");
        nf_buf_putc(b, '}');
    }
    nf_buf_putc(b, ']');
}

/* The options as process() uses them; NULL ctx (a stage run on its own): the defaults. */
static encode_mode mode_of(const encode_opts *o)
{
    encode_mode m = {.v2 = true, .byte_offsets = false, .span_text = false};
    if (o) {
        m.v2 = !o->schema || strcmp(o->schema, "v1") != 0;
        m.byte_offsets = o->byte_offsets;
        m.span_text = o->span_text;
    }
    if (!m.v2) {
        m.span_text = true;
    }
    return m;
}

/* The guards of process(): every span inside its field and on character boundaries. */
static bool spans_ok(nf_doc *doc)
{
    for (uint32_t k = 0; k < doc->n_anns; k++) {
        const nf_ann *ann = &doc->anns[k];
        if (!span_ok(doc, ann->field, ann->start, ann->end)) {
            nf_doc_fail(doc, NF_ESTAGE, "annotation %s [%u,%u) is outside its field or splits a "
                        "character", ann->label ? ann->label : "?", ann->start, ann->end);
            return false;
        }
    }
    const nf_dateline *dl = &doc->dateline;
    if (dl->present && !span_ok(doc, NF_FIELD_TEXT, dl->start, dl->end)) {
        nf_doc_fail(doc, NF_ESTAGE, "dateline [%u,%u) is outside the text", dl->start, dl->end);
        return false;
    }
    return true;
}

static nf_stage_rc process(const void *ctx, nf_doc *doc)
{
    const encode_mode m = mode_of(ctx);
    if (!doc->field[NF_FIELD_TEXT]) {
        nf_doc_fail(doc, NF_ESTAGE, "no text to encode (is decode in pipeline.stages?)");
        return NF_STAGE_FAIL;
    }
    if (!spans_ok(doc)) {
        return NF_STAGE_FAIL;
    }

    nf_doc_sort_anns(doc);
    size_t n_slots = 2 * (size_t)doc->n_anns + 2;
    uint32_t *cp = nf_arena_calloc(&doc->arena, n_slots * sizeof *cp);
    code_points(doc, cp);

    /* The record is written straight into the doc arena (it lives there as doc->out), sized
     * so that escaping rarely outgrows it; the unused tail is given back at the end. A heap
     * buffer copied into the arena afterwards cost a copy of every record, and a fresh mmap
     * (page faults) for each record past the allocator's mmap threshold. */
    size_t est = doc->field_len[NF_FIELD_TEXT] + doc->field_len[NF_FIELD_TITLE] +
                 doc->field_len[NF_FIELD_TEXT] / 16 + 512 + 256 * (size_t)doc->n_anns;
    char *mem = nf_arena_alloc(&doc->arena, est + 1);
    nf_buf b;
    nf_buf_init_in(&b, mem, est + 1);
    put_lit(&b, m.v2 ? "{\"schema\":\"newsflow.enriched.v2\",\"id\":"
                     : "{\"schema\":\"newsflow.enriched.v1\",\"id\":");
    put_str_or_null(&b, doc->id);
    put_lit(&b, ",\"title\":");
    if (doc->field[NF_FIELD_TITLE]) {
        nf_buf_json_str(&b, doc->field[NF_FIELD_TITLE], doc->field_len[NF_FIELD_TITLE]);
    } else {
        put_lit(&b, "null");
    }
    put_lit(&b, ",\"text\":");
    nf_buf_json_str(&b, doc->field[NF_FIELD_TEXT], doc->field_len[NF_FIELD_TEXT]);
    put_lit(&b, ",\"published_at\":");
    put_str_or_null(&b, doc->published_at);
    put_lit(&b, ",\"url\":");
    put_str_or_null(&b, doc->url);
    put_lit(&b, ",\"source\":");
    put_str_or_null(&b, doc->source);
    put_lit(&b, ",\"language\":");
    put_str_or_null(&b, doc->language);
    put_lit(&b, ",\"dateline\":");
    put_dateline(&b, &m, doc, cp);
    put_lit(&b, ",\"entities\":");
    put_anns(&b, &m, doc, NF_ANN_ENTITY, cp);
    put_lit(&b, ",\"numbers\":");
    put_anns(&b, &m, doc, NF_ANN_NUMBER, cp);
    put_warnings(&b, doc);
    put_lit(&b, ",\"pipeline\":{\"version\":");
    const nf_pipeline_info *pi = doc->pipeline;
    put_str(&b, pi && pi->version ? pi->version : NF_VERSION);
    put_lit(&b, ",\"config_digest\":");
    put_str_or_null(&b, pi ? pi->config_digest : NULL);
    put_lit(&b, ",\"data_digest\":");
    put_str_or_null(&b, pi ? pi->data_digest : NULL);
    put_lit(&b, "}}");

    if (b.data == mem) {
        doc->out = mem;
        nf_arena_shrink(&doc->arena, mem, est + 1, b.len + 1);
    } else {
        doc->out = nf_arena_strndup(&doc->arena, b.data, b.len);   /* it outgrew the estimate */
    }
    doc->out_len = b.len;
    nf_buf_fini(&b);
    return NF_STAGE_OK;
}

const nf_stage_def nf_stage_encode = {
    .version = NF_STAGE_ABI_V1,
    .name = "encode",
    .description = "document -> one compact JSON record (schema newsflow.enriched.v2, or v1)",
    .options = encode_options,
    .ctx_size = sizeof(encode_opts),
    .process = process,
};
