/* encode: the document -> its schema-v1 record (record-format.md "Output").
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

#define SCHEMA "newsflow.enriched.v1"

/* Options under "stage.encode.". */
typedef struct encode_opts {
    bool byte_offsets;   /* also start_byte/end_byte: UTF-8 byte offsets, for byte-based tools */
} encode_opts;

static const nf_opt encode_options[] = {
    {"byte_offsets", NF_OPT_BOOL, "false", offsetof(encode_opts, byte_offsets), NULL,
     "also write start_byte/end_byte (UTF-8 byte offsets) next to the code-point offsets of "
     "every annotation and the dateline (off: they made records ~1.3x larger)"},
    {NULL, 0, NULL, 0, NULL, NULL},
};

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

static void put_ann(nf_buf *b, const nf_doc *doc, const nf_ann *ann, uint32_t cp_start,
                    uint32_t cp_end, bool byte_offsets)
{
    put_lit(b, "{\"label\":");
    put_str(b, ann->label ? ann->label : "");
    put_lit(b, ",\"text\":");
    nf_buf_json_str(b, doc->field[ann->field] + ann->start, ann->end - ann->start);
    put_lit(b, ",\"start\":");
    put_u32(b, cp_start);
    put_lit(b, ",\"end\":");
    put_u32(b, cp_end);
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
    put_opt_member(b, "canonical", ann->canonical);
    if (ann->extra_json && ann->extra_json[0]) {
        nf_buf_putc(b, ',');
        put_lit(b, ann->extra_json);
    }
    if (byte_offsets) {
        put_lit(b, ",\"start_byte\":");
        put_u32(b, ann->start);
        put_lit(b, ",\"end_byte\":");
        put_u32(b, ann->end);
    }
    nf_buf_putc(b, '}');
}

static void put_anns(nf_buf *b, const nf_doc *doc, nf_ann_kind kind, const uint32_t *cp,
                     bool byte_offsets)
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
        put_ann(b, doc, ann, cp[2 * k], cp[2 * k + 1], byte_offsets);
    }
    nf_buf_putc(b, ']');
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

static nf_stage_rc process(const void *ctx, nf_doc *doc)
{
    /* NULL ctx (a stage run on its own): the defaults. */
    const bool byte_offsets = ctx && ((const encode_opts *)ctx)->byte_offsets;
    if (!doc->field[NF_FIELD_TEXT]) {
        nf_doc_fail(doc, NF_ESTAGE, "no text to encode (is decode in pipeline.stages?)");
        return NF_STAGE_FAIL;
    }
    for (uint32_t k = 0; k < doc->n_anns; k++) {
        const nf_ann *ann = &doc->anns[k];
        if (!span_ok(doc, ann->field, ann->start, ann->end)) {
            nf_doc_fail(doc, NF_ESTAGE, "annotation %s [%u,%u) is outside its field or splits a "
                        "character", ann->label ? ann->label : "?", ann->start, ann->end);
            return NF_STAGE_FAIL;
        }
    }
    const nf_dateline *dl = &doc->dateline;
    if (dl->present && !span_ok(doc, NF_FIELD_TEXT, dl->start, dl->end)) {
        nf_doc_fail(doc, NF_ESTAGE, "dateline [%u,%u) is outside the text", dl->start, dl->end);
        return NF_STAGE_FAIL;
    }

    nf_doc_sort_anns(doc);
    size_t n_slots = 2 * (size_t)doc->n_anns + 2;
    uint32_t *cp = nf_arena_calloc(&doc->arena, n_slots * sizeof *cp);
    code_points(doc, cp);

    nf_buf b;
    nf_buf_init(&b);
    /* Escaping rarely adds much: one allocation for the common case. */
    nf_buf_reserve(&b, doc->field_len[NF_FIELD_TEXT] + doc->field_len[NF_FIELD_TITLE] +
                           doc->field_len[NF_FIELD_TEXT] / 16 + 512 + 256 * (size_t)doc->n_anns);
    put_lit(&b, "{\"schema\":\"" SCHEMA "\",\"id\":");
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
    if (dl->present) {
        put_lit(&b, "{\"text\":");
        nf_buf_json_str(&b, doc->field[NF_FIELD_TEXT] + dl->start, dl->end - dl->start);
        put_lit(&b, ",\"place\":");
        put_str_or_null(&b, dl->place);
        put_lit(&b, ",\"country\":");
        put_str_or_null(&b, dl->country);
        put_lit(&b, ",\"date\":");
        put_str_or_null(&b, dl->date);
        put_lit(&b, ",\"start\":");
        put_u32(&b, cp[2 * doc->n_anns]);
        put_lit(&b, ",\"end\":");
        put_u32(&b, cp[2 * doc->n_anns + 1]);
        if (byte_offsets) {
            put_lit(&b, ",\"start_byte\":");
            put_u32(&b, dl->start);
            put_lit(&b, ",\"end_byte\":");
            put_u32(&b, dl->end);
        }
        nf_buf_putc(&b, '}');
    } else {
        put_lit(&b, "null");
    }
    put_lit(&b, ",\"entities\":");
    put_anns(&b, doc, NF_ANN_ENTITY, cp, byte_offsets);
    put_lit(&b, ",\"numbers\":");
    put_anns(&b, doc, NF_ANN_NUMBER, cp, byte_offsets);
    put_warnings(&b, doc);
    put_lit(&b, ",\"pipeline\":{\"version\":");
    const nf_pipeline_info *pi = doc->pipeline;
    put_str(&b, pi && pi->version ? pi->version : NF_VERSION);
    put_lit(&b, ",\"config_digest\":");
    put_str_or_null(&b, pi ? pi->config_digest : NULL);
    put_lit(&b, ",\"data_digest\":");
    put_str_or_null(&b, pi ? pi->data_digest : NULL);
    put_lit(&b, "}}");

    doc->out = nf_arena_strndup(&doc->arena, b.data, b.len);
    doc->out_len = b.len;
    nf_buf_fini(&b);
    return NF_STAGE_OK;
}

const nf_stage_def nf_stage_encode = {
    .version = NF_STAGE_ABI_V1,
    .name = "encode",
    .description = "document -> one compact JSON record (schema newsflow.enriched.v1)",
    .options = encode_options,
    .ctx_size = sizeof(encode_opts),
    .process = process,
};
