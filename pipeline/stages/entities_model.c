/* The learned tagger: model file, Viterbi decoding, document consistency, and how its spans
 * combine with the rules' (stage.entities.combine). Features: entities_feat.c.
 *
 * Model file (little-endian), NF_EM_HEADER bytes of header, then the weights:
 *     0  "NFENTMDL"           8  u32 format (NF_EM_FORMAT)    12  u32 feature set (NF_EF_VERSION)
 *    16  u32 rows_log2        20  u32 tags (NF_EM_NTAGS)      24  f32 scale
 *    28  f32 trans[64]       284  u32 0                      288  u64 checksum
 *   296  zeros to 320        320  int8 weights[2^rows_log2 * 8]
 * Weights are int8 with one scale: the table is half the size of an int16 one, so more of it
 * stays in cache (scoring is bound by its cache misses), and the dev-set scores did not move.
 * The checksum covers every byte but itself (checksum(), below), so a truncated, padded or
 * damaged file is refused at start-up with a message that says which check failed. */
#include "pipeline/stages/entities_model.h"

#include <errno.h>
#include <math.h>
#include <stdlib.h>
#include <string.h>

#define NF_EM_HEADER 320u
#define OFF_CHECKSUM 288u

static uint64_t checksum_run(uint64_t h, const unsigned char *p, size_t n)
{
    /* Eight bytes at a time (n is a multiple of 8 here): a 16 MiB model checks in ~5 ms. */
    for (size_t k = 0; k + 8 <= n; k += 8) {
        uint64_t w;
        memcpy(&w, p + k, 8);
        h = (h ^ w) * 0x100000001b3ULL;
        h ^= h >> 31;
    }
    return h;
}

static uint64_t checksum(const unsigned char *buf, size_t len)
{
    uint64_t h = 0xcbf29ce484222325ULL;
    h = checksum_run(h, buf + 8, OFF_CHECKSUM - 8);
    h = checksum_run(h, buf + OFF_CHECKSUM + 8, len - OFF_CHECKSUM - 8);
    return h;
}

static uint32_t rd32(const char *p)
{
    uint32_t v;
    memcpy(&v, p, 4);
    return v;
}

int nf_em_load(nf_em_model *m, char *buf, size_t len, const char *path, char *errstr,
               size_t errstr_size)
{
    memset(m, 0, sizeof *m);
    const char *why = NULL;
    char detail[160] = "";
    if (len < NF_EM_HEADER || memcmp(buf, NF_EM_MAGIC, 8) != 0) {
        why = "not a newsflow entity model (bad magic or shorter than its header)";
    } else if (rd32(buf + 8) != NF_EM_FORMAT) {
        why = "unsupported model format";
        snprintf(detail, sizeof detail, " %u (this build reads %u)", rd32(buf + 8),
                 NF_EM_FORMAT);
    } else if (rd32(buf + 12) != NF_EF_VERSION) {
        why = "model trained for another feature set";
        snprintf(detail, sizeof detail,
                 " %u (this build extracts set %u; rebuild it with scripts/train-entities.sh)",
                 rd32(buf + 12), NF_EF_VERSION);
    } else if (rd32(buf + 16) < 10 || rd32(buf + 16) > 24 || rd32(buf + 20) != NF_EM_NTAGS) {
        why = "bad dimensions";
        snprintf(detail, sizeof detail, " (rows 2^%u, %u tags)", rd32(buf + 16),
                 rd32(buf + 20));
    } else {
        size_t want = NF_EM_HEADER + ((size_t)1 << rd32(buf + 16)) * NF_EM_ROW * sizeof(int8_t);
        uint64_t sum;
        memcpy(&sum, buf + OFF_CHECKSUM, 8);
        if (len != want) {
            why = "truncated or padded";
            snprintf(detail, sizeof detail, " (%zu bytes, its header says %zu)", len, want);
        } else if (sum != checksum((const unsigned char *)buf, len)) {
            why = "checksum mismatch (the file is damaged)";
        }
    }
    if (why) {
        snprintf(errstr, errstr_size, "entity model %s: %s%s", path, why, detail);
        free(buf);
        return -1;
    }
    m->buf = buf;
    m->len = len;
    m->rows_log2 = rd32(buf + 16);
    memcpy(&m->scale, buf + 24, 4);
    memcpy(m->trans, buf + 28, sizeof m->trans);
    m->w = (const int8_t *)(const void *)(buf + NF_EM_HEADER);
    return 0;
}

void nf_em_free(nf_em_model *m)
{
    free(m->buf);
    memset(m, 0, sizeof *m);
}

int nf_em_write(FILE *f, uint32_t rows_log2, const float *w, const float *trans)
{
    size_t nw = ((size_t)1 << rows_log2) * NF_EM_ROW;
    float mx = 0;
    for (size_t k = 0; k < nw; k++) {
        float a = fabsf(w[k]);
        mx = a > mx ? a : mx;
    }
    float scale = mx > 0 ? mx / 127.0f : 1.0f;
    size_t len = NF_EM_HEADER + nw * sizeof(int8_t);
    unsigned char *buf = calloc(1, len);
    if (!buf) {
        errno = ENOMEM;
        return -1;
    }
    memcpy(buf, NF_EM_MAGIC, 8);
    uint32_t hdr[4] = {NF_EM_FORMAT, NF_EF_VERSION, rows_log2, NF_EM_NTAGS};
    memcpy(buf + 8, hdr, sizeof hdr);
    memcpy(buf + 24, &scale, 4);
    memcpy(buf + 28, trans, 64 * sizeof(float));
    int8_t *q = (int8_t *)(void *)(buf + NF_EM_HEADER);
    for (size_t k = 0; k < nw; k++) {
        long v = lrintf(w[k] / scale);
        q[k] = (int8_t)(v > 127 ? 127 : v < -127 ? -127 : v);
    }
    uint64_t sum = checksum(buf, len);
    memcpy(buf + OFF_CHECKSUM, &sum, 8);
    size_t wr = fwrite(buf, 1, len, f);
    free(buf);
    return wr == len ? 0 : -1;
}

/* ---- Decoding ------------------------------------------------------------------------------ */

static bool allowed(unsigned prev, unsigned cur)
{
    if (cur == 0 || (cur & 1)) {
        return true;   /* O and B-X follow anything */
    }
    return prev == cur || prev == cur - 1;   /* I-X after B-X or I-X */
}

void nf_em_viterbi(const float *emit, uint32_t n, const float *trans, uint8_t *bp, uint8_t *out)
{
    if (n == 1) {
        /* Most segments are one word: the best start tag (same result as the loop below). */
        unsigned best = 0;
        float bs = -3e38f;
        for (unsigned t = 0; t < NF_EM_NTAGS; t++) {
            float sc = allowed(7, t) ? trans[7 * 8 + t] + emit[t] : -1e30f;
            if (sc > bs) {
                bs = sc;
                best = t;
            }
        }
        out[0] = (uint8_t)best;
        return;
    }
    float score[NF_EM_NTAGS], next[NF_EM_NTAGS];
    for (unsigned t = 0; t < NF_EM_NTAGS; t++) {
        score[t] = allowed(7, t) && !(t && !(t & 1)) ? trans[7 * 8 + t] + emit[t] : -1e30f;
    }
    for (uint32_t i = 1; i < n; i++) {
        const float *e = emit + (size_t)i * NF_EM_ROW;
        uint8_t *b = bp + (size_t)i * NF_EM_ROW;
        /* O and B-X follow any tag; I-X only B-X or I-X (allowed()): the same first-best
         * predecessor as a loop over every allowed one, without testing each pair. */
        for (unsigned t = 0; t < NF_EM_NTAGS; t += t ? 2 : 1) {
            float best = score[0] + trans[t];
            unsigned arg = 0;
            for (unsigned p = 1; p < NF_EM_NTAGS; p++) {
                float s = score[p] + trans[p * 8 + t];
                if (s > best) {
                    best = s;
                    arg = p;
                }
            }
            next[t] = best + e[t];
            b[t] = (uint8_t)arg;
        }
        for (unsigned t = 2; t < NF_EM_NTAGS; t += 2) {
            float sb = score[t - 1] + trans[(t - 1) * 8 + t], si = score[t] + trans[t * 8 + t];
            bool in = si > sb;
            next[t] = (in ? si : sb) + e[t];
            b[t] = (uint8_t)(in ? t : t - 1);
        }
        memcpy(score, next, sizeof score);
    }
    unsigned best = 0;
    for (unsigned t = 1; t < NF_EM_NTAGS; t++) {
        if (score[t] > score[best]) {
            best = t;
        }
    }
    for (uint32_t i = n; i-- > 0;) {
        out[i] = (uint8_t)best;
        if (i) {
            best = bp[(size_t)i * NF_EM_ROW + best];
        }
    }
}

/* Prefetch the weight rows of segment token k (they are spread over the table: without
 * this every row is a cache miss in sequence). */
static inline void prefetch_tok(const nf_em_model *m, const nf_ef_doc *fd, uint32_t k)
{
    const uint32_t *rows = fd->rows + (size_t)k * NF_EF_MAXF;
    for (uint32_t r = 0; r < fd->nrows[k]; r++) {
        __builtin_prefetch(m->w + (size_t)rows[r] * NF_EM_ROW);
    }
}

void nf_em_tag(const nf_em_model *m, const nf_ef_doc *fd, nf_arena *arena, uint8_t *tags,
               float *margin)
{
    /* Emission scores of every segment token of the document first (unless the extractor
     * made them), prefetching PF tokens ahead (a token's sum is short next to the latency of
     * its ~30 scattered rows), then Viterbi per segment. */
    enum { PF = 6 };
    float *emit = fd->emit;
    if (!emit) {
        emit = nf_arena_alloc(arena, (size_t)fd->ntok * NF_EM_ROW * sizeof *emit);
        for (uint32_t k = 0; k < fd->ntok && k < PF; k++) {
            prefetch_tok(m, fd, k);
        }
        for (uint32_t k = 0; k < fd->ntok; k++) {
            if (k + PF < fd->ntok) {
                prefetch_tok(m, fd, k + PF);
            }
            nf_em_emission(m, fd->rows + (size_t)k * NF_EF_MAXF, fd->nrows[k],
                           emit + (size_t)k * NF_EM_ROW);
        }
    }
    uint32_t maxlen = 1;
    for (uint32_t k = 0; k < fd->nsegs; k++) {
        uint32_t l = fd->segs[k].b - fd->segs[k].a;
        maxlen = l > maxlen ? l : maxlen;
    }
    uint8_t *bp = nf_arena_alloc(arena, (size_t)maxlen * NF_EM_ROW);
    for (uint32_t k = 0; k < fd->nsegs; k++) {
        const nf_ef_seg *sg = &fd->segs[k];
        nf_em_viterbi(emit + (size_t)sg->first * NF_EM_ROW, sg->b - sg->a, m->trans, bp,
                      tags + sg->first);
    }
    if (margin) {
        /* How much the chosen tag beats O (and, for an entity tag, the same position's tag
         * of the other classes): the confidence hybrid mode asks for. The rivals of each tag
         * as a bit mask (O: every entity tag; B-X: O and the other B-; I-X: O and the other
         * I-), so the loop below has no branch that depends on the tag. */
        static const uint8_t rivals[NF_EM_NTAGS] = {0x7e, 0x29, 0x51, 0x23, 0x45, 0x0b, 0x15};
        for (uint32_t k = 0; k < fd->ntok; k++) {
            const float *e = emit + (size_t)k * NF_EM_ROW;
            unsigned t = tags[k];
            float best_other = -3e38f;
            const float floor = -3e38f;
            uint32_t floor_bits;
            memcpy(&floor_bits, &floor, sizeof floor_bits);
            for (unsigned o = 0; o < NF_EM_NTAGS; o++) {
                /* e[o] for a rival, else the floor: chosen by a bit mask (a select on the
                 * rival bit compiled to a branch), exact to the bit. */
                uint32_t bits, keep = 0u - ((rivals[t] >> o) & 1u);
                memcpy(&bits, &e[o], sizeof bits);
                bits = (bits & keep) | (floor_bits & ~keep);
                float cand;
                memcpy(&cand, &bits, sizeof cand);
                best_other = cand > best_other ? cand : best_other;
            }
            margin[k] = e[t] - best_other;
        }
    }
}
