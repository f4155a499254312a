/* Helpers shared by the entities and dateline tests: set up the two stages directly (no decode
 * or normalize, so the text under test is exactly the text the stages see) and run them over a
 * hand-built document. Header-only: each test file is its own executable. */
#ifndef NF_TESTS_ENT_TEST_UTIL_H
#define NF_TESTS_ENT_TEST_UTIL_H

#include "common/doc.h"
#include "common/utf8.h"
#include "config/config.h"
#include "pipeline/pipeline.h"
#include "pipeline/stage.h"

#include <criterion/criterion.h>

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

extern const nf_stage_def nf_stage_dateline;
extern const nf_stage_def nf_stage_entities;

typedef struct ent_stage {
    const nf_stage_def *def;
    void *ctx;
} ent_stage;

typedef struct ent_rig {
    ent_stage dateline, entities;
    nf_stage_env *env;
} ent_rig;

/* Build one stage with the "key=value" settings in kv (NULL-terminated, may be NULL).
 * Returns 0, or -1 with errstr (init failures are part of what tests check). */
static inline int ent_stage_open(ent_stage *st, const nf_stage_def *def, nf_stage_env *env,
                                 const char *const *kv, char *errstr, size_t errstr_size)
{
    st->def = def;
    st->ctx = calloc(1, def->ctx_size);
    nf_config *cfg = nf_config_new();
    for (size_t k = 0; kv && kv[k]; k++) {
        char err[256];
        cr_assert_eq(nf_config_set_arg(cfg, kv[k], err, sizeof err), 0, "%s", err);
    }
    char prefix[64];
    snprintf(prefix, sizeof prefix, "stage.%s.", def->name);
    int rc = nf_opt_apply(def->options, prefix, cfg, st->ctx, errstr, errstr_size);
    nf_config_destroy(cfg);
    if (rc == 0) {
        rc = def->init(st->ctx, env, errstr, errstr_size);
    }
    return rc;
}

static inline void ent_stage_close(ent_stage *st)
{
    if (!st->ctx) {
        return;
    }
    st->def->fini(st->ctx);
    nf_opt_release(st->def->options, st->ctx);
    free(st->ctx);
    st->ctx = NULL;
}

static inline void ent_rig_open(ent_rig *r, const char *const *kv)
{
    memset(r, 0, sizeof *r);
    r->env = nf_stage_env_new(NF_SOURCE_DIR "/data");
    char err[512];
    cr_assert_eq(ent_stage_open(&r->dateline, &nf_stage_dateline, r->env, NULL, err, sizeof err),
                 0, "dateline init: %s", err);
    cr_assert_eq(ent_stage_open(&r->entities, &nf_stage_entities, r->env, kv, err, sizeof err),
                 0, "entities init: %s", err);
}

static inline void ent_rig_close(ent_rig *r)
{
    ent_stage_close(&r->dateline);
    ent_stage_close(&r->entities);
    nf_stage_env_destroy(r->env);
}

/* Point doc at text/title (borrowed) and run dateline + entities. */
static inline void ent_run(const ent_rig *r, nf_doc *doc, const char *text, const char *title,
                           int y, int m, int d)
{
    doc->field[NF_FIELD_TEXT] = text;
    doc->field_len[NF_FIELD_TEXT] = text ? (uint32_t)strlen(text) : 0;
    doc->field[NF_FIELD_TITLE] = title;
    doc->field_len[NF_FIELD_TITLE] = title ? (uint32_t)strlen(title) : 0;
    doc->pub_year = y;
    doc->pub_month = m;
    doc->pub_day = d;
    cr_assert_eq(r->dateline.def->process(r->dateline.ctx, doc), NF_STAGE_OK);
    cr_assert_eq(r->entities.def->process(r->entities.ctx, doc), NF_STAGE_OK);
}

/* The invariants every entity list keeps: in bounds, on code-point boundaries, a known label,
 * a two-letter upper-case country, and no two entities of one field overlapping. */
static inline void ent_check_invariants(const nf_doc *doc)
{
    for (uint32_t k = 0; k < doc->n_anns; k++) {
        const nf_ann *a = &doc->anns[k];
        if (a->kind != NF_ANN_ENTITY) {
            continue;
        }
        cr_assert_lt(a->field, NF_FIELD_COUNT);
        const char *s = doc->field[a->field];
        uint32_t len = doc->field_len[a->field];
        cr_assert(a->start < a->end && a->end <= len, "span %u..%u of %u", a->start, a->end,
                  len);
        cr_assert(nf_utf8_is_boundary(s, len, a->start) && nf_utf8_is_boundary(s, len, a->end),
                  "span %u..%u not on code-point boundaries", a->start, a->end);
        cr_assert(a->label && (!strcmp(a->label, "PERSON") || !strcmp(a->label, "ORG") ||
                               !strcmp(a->label, "GPE") || !strcmp(a->label, "LOC") ||
                               !strcmp(a->label, "NORP")),
                  "label %s", a->label ? a->label : "(null)");
        if (a->country) {
            cr_assert(strlen(a->country) == 2 && a->country[0] >= 'A' && a->country[0] <= 'Z' &&
                          a->country[1] >= 'A' && a->country[1] <= 'Z',
                      "country %s", a->country);
        }
        for (uint32_t j = k + 1; j < doc->n_anns; j++) {
            const nf_ann *b = &doc->anns[j];
            if (b->kind != NF_ANN_ENTITY || b->field != a->field) {
                continue;
            }
            cr_assert(a->end <= b->start || b->end <= a->start,
                      "entities overlap: %.*s (%u..%u) and %.*s (%u..%u)",
                      (int)(a->end - a->start), s + a->start, a->start, a->end,
                      (int)(b->end - b->start), s + b->start, b->start, b->end);
        }
    }
}

static inline char *ent_read_file(const char *path, size_t *len)
{
    FILE *f = fopen(path, "rb");
    if (!f) {
        return NULL;
    }
    fseek(f, 0, SEEK_END);
    long n = ftell(f);
    fseek(f, 0, SEEK_SET);
    char *buf = malloc((size_t)n + 1);
    size_t got = fread(buf, 1, (size_t)n, f);
    fclose(f);
    buf[got] = '\0';
    if (len) {
        *len = got;
    }
    return buf;
}

#endif
