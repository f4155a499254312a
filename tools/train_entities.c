/* train_entities: train the learned entity tagger (an averaged structured perceptron over BIO
 * tags, Viterbi-decoded) on CoNLL files and write data/models/entities.model.
 *
 *   train_entities [--data-dir DIR] [--out FILE] [--epochs N] [--rows-log2 N] [--seed N]
 *                  FILE.conll...
 *
 * Features come from the stage's own extractor (nf_et_features: dateline, rules, then
 * nf_ef_extract), so training and serving see the same features. One thread, a fixed seed for
 * the shuffle, float sums in a fixed order: the same inputs give the same model file, byte for
 * byte (scripts/train-entities.sh; tests/unit/pipeline/test_entities_model.c). */
#include "pipeline/pipeline.h"
#include "pipeline/stages/entities_train.h"

#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

extern const nf_stage_def nf_stage_dateline;
extern const nf_stage_def nf_stage_entities;

/* Every training segment: its feature rows and gold tags, flattened. */
typedef struct corpus {
    uint32_t *rows;           /* ntok * NF_EF_MAXF */
    uint8_t *nrows, *gold;
    size_t ntok, cap;
    uint32_t *seg_first, *seg_len;
    size_t nseg, segcap;
} corpus;

static void *xrealloc(void *p, size_t n)
{
    void *q = realloc(p, n ? n : 1);
    if (!q) {
        fprintf(stderr, "train_entities: out of memory\n");
        exit(1);
    }
    return q;
}

static void corpus_add(corpus *C, const nf_ef_doc *fd, const uint8_t *gold)
{
    if (C->ntok + fd->ntok > C->cap) {
        while (C->ntok + fd->ntok > C->cap) {
            C->cap = C->cap ? C->cap * 2 : 65536;
        }
        C->rows = xrealloc(C->rows, C->cap * NF_EF_MAXF * sizeof *C->rows);
        C->nrows = xrealloc(C->nrows, C->cap);
        C->gold = xrealloc(C->gold, C->cap);
    }
    for (uint32_t k = 0; k < fd->nsegs; k++) {
        if (C->nseg == C->segcap) {
            C->segcap = C->segcap ? C->segcap * 2 : 16384;
            C->seg_first = xrealloc(C->seg_first, C->segcap * sizeof *C->seg_first);
            C->seg_len = xrealloc(C->seg_len, C->segcap * sizeof *C->seg_len);
        }
        C->seg_first[C->nseg] = (uint32_t)(C->ntok + fd->segs[k].first);
        C->seg_len[C->nseg] = fd->segs[k].b - fd->segs[k].a;
        C->nseg++;
    }
    memcpy(C->rows + C->ntok * NF_EF_MAXF, fd->rows,
           (size_t)fd->ntok * NF_EF_MAXF * sizeof *fd->rows);
    memcpy(C->nrows + C->ntok, fd->nrows, fd->ntok);
    memcpy(C->gold + C->ntok, gold, fd->ntok);
    C->ntok += fd->ntok;
}

/* Averaged perceptron state: w and u = sum of (instance counter * update), so the average is
 * w - u / c (Daume's trick: no per-step averaging pass). */
typedef struct percep {
    float *w;
    double *u;
    float trans[64];
    double utrans[64];
    double c;
} percep;

static void upd(float *w, double *u, size_t i, float d, double c)
{
    w[i] += d;
    u[i] += c * d;
}

static uint64_t xorshift(uint64_t *s)
{
    uint64_t x = *s;
    x ^= x << 13;
    x ^= x >> 7;
    x ^= x << 17;
    return *s = x;
}

static unsigned train_epoch(percep *P, const corpus *C, uint32_t *order, uint64_t *seed,
                            float *emit, uint8_t *bp, uint8_t *pred, uint32_t maxlen)
{
    (void)maxlen;
    for (size_t k = C->nseg; k > 1; k--) {
        size_t j = xorshift(seed) % k;
        uint32_t t = order[k - 1];
        order[k - 1] = order[j];
        order[j] = t;
    }
    unsigned errors = 0;
    for (size_t s = 0; s < C->nseg; s++) {
        uint32_t first = C->seg_first[order[s]], len = C->seg_len[order[s]];
        for (uint32_t i = 0; i < len; i++) {
            const uint32_t *rows = C->rows + (size_t)(first + i) * NF_EF_MAXF;
            float acc[NF_EM_ROW] = {0};
            for (uint32_t r = 0; r < C->nrows[first + i]; r++) {
                const float *w = P->w + (size_t)rows[r] * NF_EM_ROW;
                for (unsigned t = 0; t < NF_EM_ROW; t++) {
                    acc[t] += w[t];
                }
            }
            memcpy(emit + (size_t)i * NF_EM_ROW, acc, sizeof acc);
        }
        nf_em_viterbi(emit, len, P->trans, bp, pred);
        const uint8_t *gold = C->gold + first;
        if (memcmp(pred, gold, len) != 0) {
            errors++;
            for (uint32_t i = 0; i < len; i++) {
                unsigned pg = i ? gold[i - 1] : 7, pp = i ? pred[i - 1] : 7;
                if (pg != pp || gold[i] != pred[i]) {
                    upd(P->trans, P->utrans, pg * 8 + gold[i], 1, P->c);
                    upd(P->trans, P->utrans, pp * 8 + pred[i], -1, P->c);
                }
                if (gold[i] == pred[i]) {
                    continue;
                }
                const uint32_t *rows = C->rows + (size_t)(first + i) * NF_EF_MAXF;
                for (uint32_t r = 0; r < C->nrows[first + i]; r++) {
                    size_t base = (size_t)rows[r] * NF_EM_ROW;
                    upd(P->w, P->u, base + gold[i], 1, P->c);
                    upd(P->w, P->u, base + pred[i], -1, P->c);
                }
            }
        }
        P->c += 1;
    }
    return errors;
}

static int usage(void)
{
    fprintf(stderr, "usage: train_entities [--data-dir DIR] [--out FILE] [--epochs N] "
                    "[--rows-log2 N] [--seed N] FILE.conll...\n");
    return 2;
}

int main(int argc, char **argv)
{
    const char *data_dir = NF_DEFAULT_DATA_DIR, *out = "data/models/entities.model";
    int epochs = 8;
    uint32_t rows_log2 = NF_EM_ROWS_LOG2;
    uint64_t seed = 42;
    int argi = 1;
    for (; argi < argc && argv[argi][0] == '-'; argi++) {
        if (argi + 1 >= argc) {
            return usage();
        }
        if (!strcmp(argv[argi], "--data-dir")) {
            data_dir = argv[++argi];
        } else if (!strcmp(argv[argi], "--out")) {
            out = argv[++argi];
        } else if (!strcmp(argv[argi], "--epochs")) {
            epochs = atoi(argv[++argi]);
        } else if (!strcmp(argv[argi], "--rows-log2")) {
            rows_log2 = (uint32_t)atoi(argv[++argi]);
        } else if (!strcmp(argv[argi], "--seed")) {
            seed = strtoull(argv[++argi], NULL, 10);
        } else {
            return usage();
        }
    }
    if (argi >= argc || epochs < 1 || rows_log2 < 10 || rows_log2 > 24 || !seed) {
        return usage();
    }
    char err[512];
    nf_et_doc *docs = NULL;
    size_t ndocs = 0;
    for (int k = argi; k < argc; k++) {
        if (nf_et_read_conll(argv[k], &docs, &ndocs, err, sizeof err) < 0) {
            fprintf(stderr, "train_entities: %s\n", err);
            return 1;
        }
    }
    nf_stage_env *env = nf_stage_env_new(data_dir);
    static const char *const rules_only[] = {"stage.entities.combine=rules", NULL};
    void *dctx = nf_et_stage_open(&nf_stage_dateline, env, NULL, err, sizeof err);
    void *ectx = dctx ? nf_et_stage_open(&nf_stage_entities, env, rules_only, err, sizeof err)
                      : NULL;
    if (!ectx) {
        fprintf(stderr, "train_entities: %s\n", err);
        return 1;
    }
    nf_et_stages st = {&nf_stage_dateline, dctx, ectx};

    corpus C;
    memset(&C, 0, sizeof C);
    nf_doc doc;
    nf_doc_init(&doc);
    for (size_t k = 0; k < ndocs; k++) {
        nf_doc_reset(&doc);
        nf_et_prepare(&doc, docs[k].text, docs[k].len);
        nf_ef_doc fd;
        nf_et_features(&st, &doc, rows_log2, &fd);
        uint8_t *gold = nf_arena_alloc(&doc.arena, fd.ntok ? fd.ntok : 1);
        nf_et_gold_tags(&fd, &docs[k], gold);
        corpus_add(&C, &fd, gold);
    }
    nf_doc_fini(&doc);
    fprintf(stderr, "train_entities: %zu documents, %zu segments, %zu segment tokens\n", ndocs,
            C.nseg, C.ntok);

    size_t nw = ((size_t)1 << rows_log2) * NF_EM_ROW;
    percep P;
    memset(&P, 0, sizeof P);
    P.w = calloc(nw, sizeof *P.w);
    P.u = calloc(nw, sizeof *P.u);
    P.c = 1;
    uint32_t maxlen = 1;
    for (size_t s = 0; s < C.nseg; s++) {
        maxlen = C.seg_len[s] > maxlen ? C.seg_len[s] : maxlen;
    }
    float *emit = malloc((size_t)maxlen * NF_EM_ROW * sizeof *emit);
    uint8_t *bp = malloc((size_t)maxlen * NF_EM_ROW);
    uint8_t *pred = malloc(maxlen);
    uint32_t *order = malloc((C.nseg ? C.nseg : 1) * sizeof *order);
    if (!P.w || !P.u || !emit || !bp || !pred || !order) {
        fprintf(stderr, "train_entities: out of memory\n");
        return 1;
    }
    for (size_t s = 0; s < C.nseg; s++) {
        order[s] = (uint32_t)s;
    }
    for (int e = 1; e <= epochs; e++) {
        unsigned errs = train_epoch(&P, &C, order, &seed, emit, bp, pred, maxlen);
        fprintf(stderr, "train_entities: epoch %d: %u of %zu segments wrong\n", e, errs, C.nseg);
    }
    for (size_t k = 0; k < nw; k++) {
        P.w[k] = (float)(P.w[k] - P.u[k] / P.c);
    }
    for (size_t k = 0; k < 64; k++) {
        P.trans[k] = (float)(P.trans[k] - P.utrans[k] / P.c);
    }
    char tmp[4096];
    snprintf(tmp, sizeof tmp, "%s.tmp", out);
    FILE *f = fopen(tmp, "wb");
    if (!f || nf_em_write(f, rows_log2, P.w, P.trans) < 0 || fclose(f) != 0 ||
        rename(tmp, out) != 0) {
        fprintf(stderr, "train_entities: cannot write %s: %s\n", out, strerror(errno));
        return 1;
    }
    fprintf(stderr, "train_entities: wrote %s\n", out);
    free(P.w);
    free(P.u);
    free(emit);
    free(bp);
    free(pred);
    free(order);
    free(C.rows);
    free(C.nrows);
    free(C.gold);
    free(C.seg_first);
    free(C.seg_len);
    nf_et_stage_close(&nf_stage_entities, ectx);
    nf_et_stage_close(&nf_stage_dateline, dctx);
    nf_stage_env_destroy(env);
    nf_et_free_docs(docs, ndocs);
    return 0;
}
