/* The learned tagger's feature extractor: the ONE definition of its features, used by the
 * stage at serve time and by tools/train_entities.c at train time (so the two cannot drift;
 * tests/unit/pipeline/test_entities_model.c checks it).
 *
 * Per document: (1) segments: runs of capitalised words, joined by connectors; (2) document
 * memory: per word, whether it is capitalised mid-sentence elsewhere in the story and which
 * label the rules gave it elsewhere (the same name keeps one type in a story); (3) per segment
 * token, the features below, each hashed with its template id into a row of the weight table.
 *
 * Changing a feature changes what a model means: bump NF_EF_VERSION and retrain. */
#include "pipeline/stages/entities_model.h"

#include <string.h>

/* Feature templates (the id is hashed with the value). Append only; F_PW2, F_NW2 and
 * F_SEGLEN_W are retired (feature set 2: they cost a cache miss each and did not help). */
enum {
    F_BIAS = 1, F_W, F_WSH, F_SH, F_SUF3, F_SUF4, F_PRE3, F_LEN, F_PW, F_NW, F_PW2, F_NW2,
    F_PSH, F_NSH, F_PWW, F_WNW, F_SENT, F_HEAD, F_HEADW, F_SEGPOS, F_ROLE, F_GTYPE, F_PROLE,
    F_NROLE, F_GSPAN, F_RULE, F_RULESH, F_DOCCAP, F_DOCRULE, F_SH3, F_NUMCTX, F_SEGLEN_W,
    F_CONN, F_PWSH, F_GLUE,
};

/* Rule labels as small codes (rule feature values): PERSON 1, ORG 2, GPE 3, LOC 4, NORP 5,
 * the order of the NF_ENT_* bits. */
static int rule_code(const char *label)
{
    uint32_t bit = nf_ent_label_bit(label);
    return bit ? __builtin_ctz(bit) + 1 : 0;
}

typedef struct fx {
    const nf_ent_ctx *c;
    uint32_t shift;           /* 64 - rows_log2 */
    uint32_t *rows;
    uint8_t n;
    uintptr_t w;              /* the model's weights when scoring (0 when not): each row is
                                 prefetched. An integer, so the prefetch needs no test: a
                                 prefetch never faults, and one near address 0 is dropped */
} fx;

/* One multiply per feature: the high bits of (value ^ template key) * golden ratio. Word
 * values are already well-mixed hashes; small values (shapes, codes) spread through the
 * template key. */
static inline void add(fx *x, unsigned tmpl, uint64_t v)
{
    if (x->n < NF_EF_MAXF) {
        uint64_t h = (v ^ (0xd6e8feb86659fd93ULL * (tmpl + 1))) * 0x9E3779B97F4A7C15ULL;
        uint32_t row = (uint32_t)((h ^ (h >> 29)) >> x->shift);
        x->rows[x->n++] = row;
        __builtin_prefetch((const void *)(x->w + (uintptr_t)row * NF_EM_ROW));
    }
}

/* ---- Document memory ----------------------------------------------------------------------- */

typedef struct dslot {
    uint64_t h;               /* word hash, 0 = empty */
    uint16_t capmid;          /* capitalised, not sentence-initial, not in a headline */
    uint16_t rule[6];         /* rules' labels of the word, by rule code */
} dslot;

typedef struct dmem {
    dslot *v;
    uint32_t mask;
} dmem;

static dslot *dmem_at(dmem *m, uint64_t h, bool insert)
{
    h = h ? h : 1;
    for (uint32_t s = (uint32_t)(h >> 11) & m->mask;; s = (s + 1) & m->mask) {
        if (m->v[s].h == h) {
            return &m->v[s];
        }
        if (!m->v[s].h) {
            if (!insert) {
                return NULL;
            }
            m->v[s].h = h;
            return &m->v[s];
        }
    }
}

/* ---- Segments -------------------------------------------------------------------------- */

/* Flags without which no shape is a core one (is_core): most tokens have none. */
#define MAYBE_CORE (NF_TK_CAP | NF_TK_ALLCAPS | NF_TK_CAMEL | NF_TK_INITIAL)

static bool is_core(const nf_tok *t, uint8_t blocked)
{
    if (blocked || !(t->flags & NF_TK_WORD) || (t->flags & NF_TK_NUM)) {
        return false;
    }
    nf_tok_shape s = nf_tok_shape_of(t);
    return s == NF_SHAPE_CAP || s == NF_SHAPE_ALLCAPS || s == NF_SHAPE_MIXED ||
           s == NF_SHAPE_INITIAL;
}

/* Segments of one field, appended to out->segs (*cap slots; doubled in \p arena when full). */
static void field_segments(const nf_ent_ctx *c, nf_toks *tk, const uint8_t *blocked,
                           uint8_t field, nf_arena *arena, nf_ef_doc *out, uint32_t *cap)
{
    const nf_tok *t = tk->v;
    uint32_t n = tk->n, i = 0;
    while (i < n) {
        while (i < n && !(t[i].flags & MAYBE_CORE)) {   /* most tokens: a tight loop */
            i++;
        }
        if (i == n) {
            break;
        }
        if (!is_core(&t[i], blocked[i])) {
            i++;
            continue;
        }
        uint32_t a = i, b = i + 1;
        for (;;) {
            if (b < n && !(t[b].flags & NF_TK_NL) && is_core(&t[b], blocked[b])) {
                b++;
                continue;
            }
            /* Up to three connectors, then a capitalised word on the same line. */
            uint32_t k = b;
            while (k < n && k - b < 3 && !(t[k].flags & NF_TK_NL) && !blocked[k] &&
                   nf_ent_is_conn(c, &t[k])) {
                k++;
            }
            if (k > b && k < n && !(t[k].flags & NF_TK_NL) && is_core(&t[k], blocked[k])) {
                b = k + 1;
                continue;
            }
            break;
        }
        i = b;
        if (b == a + 1) {
            /* A lone function word or month at a sentence start (The, But, Monday): never a
             * name alone, and a large share of all capitalised words. Not worth the model. */
            uint32_t nd = nf_gaz_word(c->gaz, &tk->v[a]);
            if (nd != NF_GAZ_NONE &&
                (nf_gaz_node_at(c->gaz, nd)->roles & (NF_GW_FUNC | NF_GW_NONENT))) {
                continue;
            }
        }
        if (out->nsegs == *cap) {
            out->segs = nf_arena_grow(arena, out->segs, *cap * sizeof *out->segs,
                                      *cap * 2 * sizeof *out->segs);
            *cap *= 2;
        }
        nf_ef_seg *sg = &out->segs[out->nsegs++];
        sg->field = field;
        sg->a = a;
        sg->b = b;
    }
}

/* ---- Token properties ------------------------------------------------------------------ */

/* Hash of the last (or first) k bytes of the token, ASCII letters lower-cased. */
static uint64_t affix(const char *s, const nf_tok *t, uint32_t k, bool suffix)
{
    uint32_t len = t->end - t->start;
    if (len <= k) {
        return 0;
    }
    const unsigned char *p = (const unsigned char *)s + (suffix ? t->end - k : t->start);
    uint64_t h = 0xcbf29ce484222325ULL;
    for (uint32_t j = 0; j < k; j++) {
        unsigned ch = p[j];
        h = (h ^ ((ch >= 'A' && ch <= 'Z') ? ch | 0x20 : ch)) * 0x100000001b3ULL;
    }
    return h;
}

static unsigned len_bucket(unsigned n)
{
    return n <= 3 ? n : n <= 5 ? 4 : n <= 8 ? 5 : 6;
}

/* Headline context of a token: 0 running text, 1 title-case line, 2 all-caps line. The title
 * field counts like any other line (the rules mark title-case titles as headlines). */
static unsigned head_kind(uint8_t field, const nf_tok *t)
{
    (void)field;
    if (!(t->flags & NF_TK_HEADLINE)) {
        return 0;
    }
    return (t->flags & NF_TK_ALLCAPS) ? 2 : 1;
}

/* Roles that say something about names (a stable subset, in bit order). */
#define ROLE_MASK                                                                            \
    (NF_GW_GIVEN | NF_GW_SURNAME | NF_GW_COMMON | NF_GW_NONENT | NF_GW_TITLE | NF_GW_TITLEMOD | \
     NF_GW_ORGSUF | NF_GW_ORGPRE | NF_GW_PARTICLE | NF_GW_ACRSTOP | NF_GW_FUNC | NF_GW_LOCSUF | \
     NF_GW_LOCPRE | NF_GW_ENTITY)
#define CTX_ROLE_MASK                                                                        \
    (NF_GW_TITLE | NF_GW_TITLEMOD | NF_GW_CUE_PER_AFTER | NF_GW_CUE_PER_BEFORE |              \
     NF_GW_CUE_ORG_AFTER | NF_GW_CUE_ORG_BEFORE | NF_GW_LOCPREP | NF_GW_ORGSUF | NF_GW_LOCSUF)

static const nf_gaz_node *node_of(const nf_gaz *g, nf_tok *t)
{
    uint32_t nd = nf_gaz_word(g, t);
    return nd == NF_GAZ_NONE ? NULL : nf_gaz_node_at(g, nd);
}

/* Bit mask of the gazetteer entry types of a node (first 16 entries). */
static unsigned type_mask(const nf_gaz *g, uint32_t node)
{
    uint16_t ne;
    const nf_gaz_entry *e = nf_gaz_entries(g, node, &ne);
    unsigned m = 0;
    for (uint16_t k = 0; k < ne && k < 16; k++) {
        m |= 1u << e[k].type;
    }
    return m;
}

/* Longest gazetteer entity phrases inside a segment, left to right: per token, the phrase's
 * type mask * 2 + (inside ? 1 : 0), or 0. */
static void gaz_spans(const nf_gaz *g, nf_tok *t, uint32_t a, uint32_t b, uint32_t *out)
{
    uint32_t i = a;
    while (i < b) {
        uint32_t node = NF_GAZ_NONE, best = 0, bestnode = NF_GAZ_NONE;
        for (uint32_t j = i; j < b && j - i < 8; j++) {
            node = j == i ? nf_gaz_word(g, &t[j]) : nf_gaz_child(g, node, t[j].hash);
            if (node == NF_GAZ_NONE) {
                break;
            }
            uint32_t roles = nf_gaz_node_at(g, node)->roles;
            if (roles & NF_GW_ENTITY) {
                best = j - i + 1;
                bestnode = node;
            }
            if (!(roles & NF_GW_PARENT)) {
                break;   /* no longer phrase starts with these words */
            }
        }
        if (!best) {
            out[i - a] = 0;
            i++;
            continue;
        }
        unsigned m = type_mask(g, bestnode);
        for (uint32_t k = 0; k < best; k++) {
            out[i - a + k] = (m << 1 | (k > 0)) + 1;
        }
        i += best;
    }
}

/* ---- Extraction --------------------------------------------------------------------------- */

typedef struct field_ctx {
    const char *s;
    nf_tok *t;
    uint32_t n;
    uint8_t field;
    uint8_t *rule;            /* per token: rule code * 2 + inside, 0 = none */
} field_ctx;

#define OUTSIDE 0x5bd1e995u   /* window value beyond the field's ends */

static uint64_t tok_h(const field_ctx *F, int64_t i)
{
    return (i < 0 || i >= (int64_t)F->n) ? OUTSIDE : F->t[i].hash;
}

static unsigned tok_sh(const field_ctx *F, int64_t i)
{
    return (i < 0 || i >= (int64_t)F->n) ? NF_SHAPE_COUNT : nf_tok_shape_of(&F->t[i]);
}

static uint32_t ctx_roles(const nf_gaz *g, const field_ctx *F, int64_t i)
{
    if (i < 0 || i >= (int64_t)F->n || !(F->t[i].flags & NF_TK_WORD)) {
        return 0;
    }
    nf_tok *t = &F->t[i];
    uint32_t r = (t->flags & (NF_TK_CAP | NF_TK_ALLCAPS)) ? 0 : nf_gaz_small_roles(g, t->hash);
    if (!r) {
        const nf_gaz_node *nd = node_of(g, t);
        r = nd ? nd->roles : 0;
    }
    return r & CTX_ROLE_MASK;
}

static void token_features(const nf_ent_ctx *c, const field_ctx *F, const nf_ef_seg *sg,
                           uint32_t i, uint32_t gspan, dmem *dm, fx *x)
{
    const nf_gaz *g = c->gaz;
    nf_tok *t = &F->t[i];
    unsigned sh = nf_tok_shape_of(t);
    uint64_t w = t->hash;
    bool sent = (t->flags & NF_TK_SENT) != 0;
    unsigned head = head_kind(F->field, t);
    unsigned psh = tok_sh(F, (int64_t)i - 1), nsh = tok_sh(F, (int64_t)i + 1);

    add(x, F_BIAS, 0);
    add(x, F_W, w);
    add(x, F_WSH, w * 31 + sh);
    add(x, F_SH, sh);
    add(x, F_SUF3, affix(F->s, t, 3, true));
    add(x, F_SUF4, affix(F->s, t, 4, true));
    add(x, F_PRE3, affix(F->s, t, 3, false));
    add(x, F_LEN, len_bucket(t->nletters) * 16 + sh);
    add(x, F_PW, tok_h(F, (int64_t)i - 1));
    add(x, F_NW, tok_h(F, (int64_t)i + 1));
    add(x, F_PSH, psh);
    add(x, F_NSH, nsh);
    add(x, F_PWW, tok_h(F, (int64_t)i - 1) * 0x100000001b3ULL ^ w);
    add(x, F_WNW, w * 0x100000001b3ULL ^ tok_h(F, (int64_t)i + 1));
    add(x, F_SH3, (psh * 16 + sh) * 16 + nsh);
    add(x, F_PWSH, tok_h(F, (int64_t)i - 1) * 16 + sh);
    add(x, F_SENT, (uint64_t)sent * 16 + sh);
    add(x, F_HEAD, head * 16 + sh);
    if (head) {
        add(x, F_HEADW, w * 4 + head);
    }
    uint32_t len = sg->b - sg->a;
    unsigned pos = len == 1 ? 0 : i == sg->a ? 1 : i + 1 == sg->b ? 2 : 3;
    add(x, F_SEGPOS, pos * 8 + (len > 6 ? 6 : len));
    if (nf_ent_is_conn(c, t)) {
        add(x, F_CONN, w);
    }
    /* Numbers right around the name: scores and results ("Leicester 2 Derby 1"). */
    add(x, F_NUMCTX, (uint64_t)(psh == NF_SHAPE_NUM) * 2 + (nsh == NF_SHAPE_NUM));
    /* Glued neighbours: US$, Reading's, (AMZN), e-mail addresses. */
    bool pglue = i > 0 && F->t[i - 1].end == t->start;
    bool nglue = i + 1 < F->n && F->t[i + 1].start == t->end;
    add(x, F_GLUE, (pglue ? tok_h(F, (int64_t)i - 1) : 0) * 3 + (uint64_t)pglue);
    add(x, F_GLUE + 100, (nglue ? tok_h(F, (int64_t)i + 1) : 0) * 3 + (uint64_t)nglue);

    /* Lists: roles and entry types of the word, the longest listed phrase around it. */
    const nf_gaz_node *nd = node_of(g, t);
    if (nd) {
        uint32_t r = nd->roles & ROLE_MASK;
        while (r) {
            unsigned bit = (unsigned)__builtin_ctz(r);
            r &= r - 1;
            add(x, F_ROLE, bit * 16 + (1u << bit == NF_GW_COMMON ? nd->common_level / 20 : 0));
        }
        if (nd->roles & NF_GW_ENTITY) {
            add(x, F_GTYPE, type_mask(g, nf_gaz_word(g, t)));
        }
    }
    add(x, F_PROLE, ctx_roles(g, F, (int64_t)i - 1));
    add(x, F_NROLE, ctx_roles(g, F, (int64_t)i + 1));
    if (gspan) {
        add(x, F_GSPAN, gspan);
    }
    /* The rules' own decision. */
    add(x, F_RULE, F->rule[i]);
    add(x, F_RULESH, F->rule[i] * 16u + sh);
    /* The story: is the word capitalised mid-sentence elsewhere, and what did the rules call
     * it elsewhere? */
    dslot *d = dmem_at(dm, w, false);
    if (d) {
        bool self_mid = (t->flags & NF_TK_CAP) && !sent && !head;
        unsigned cm = d->capmid - (self_mid ? 1u : 0u);
        add(x, F_DOCCAP, (cm > 0) * 4 + (sent ? 2 : 0) + (head ? 1 : 0));
        unsigned best = 0, bestn = 0, own = F->rule[i] / 2u;
        for (unsigned k = 1; k < 6; k++) {
            /* Conditional moves, not a branch per label: which label wins is data. */
            unsigned cnt = d->rule[k] - (unsigned)(own == k);
            bool more = cnt > bestn;
            best = more ? k : best;
            bestn = more ? cnt : bestn;
        }
        add(x, F_DOCRULE, best);
    }
}

/* Rule codes per token of a field from the rules' annotations. */
static uint8_t *rule_marks(nf_doc *doc, const field_ctx *F, uint32_t from, uint32_t to)
{
    uint8_t *r = nf_arena_calloc(&doc->arena, F->n ? F->n : 1);
    for (uint32_t k = from; k < to; k++) {
        const nf_ann *an = &doc->anns[k];
        if (an->kind != NF_ANN_ENTITY || an->field != F->field || !an->label) {
            continue;
        }
        int code = rule_code(an->label);
        /* First token at or after the start (binary search: tokens are in order; the step
         * is a conditional move, not a branch that mispredicts half the time). */
        const nf_tok *base = F->t;
        uint32_t len = F->n;
        while (len > 1) {
            uint32_t half = len / 2;
            base += (size_t)(base[half - 1].start < an->start) * half;   /* no branch */
            len -= half;
        }
        uint32_t lo = (uint32_t)(base - F->t) + (len == 1 && base->start < an->start);
        for (uint32_t i = lo; i < F->n && F->t[i].end <= an->end; i++) {
            r[i] = (uint8_t)(code * 2 + (i > lo));
        }
    }
    return r;
}

void nf_ef_extract(const nf_ent_ctx *c, nf_doc *doc, const nf_ent_marked *mk,
                   uint32_t rule_from, uint32_t rule_to, uint32_t rows_log2,
                   const nf_em_model *score, nf_ef_doc *out)
{
    memset(out, 0, sizeof *out);
    out->mk = mk;
    /* Segments are a small share of the tokens (capitalised runs): start with room for one
     * per eight tokens and double when needed, not one slot per token of the article (doc
     * arena memory: a large article overflowing the arena's first chunk costs page faults). */
    uint32_t total = 0;
    for (int f = 0; f < NF_FIELD_COUNT; f++) {
        total += mk->toks[f].n;
    }
    uint32_t seg_cap = total / 8 + 16;
    out->segs = nf_arena_alloc(&doc->arena, seg_cap * sizeof *out->segs);
    field_ctx F[NF_FIELD_COUNT];
    memset(F, 0, sizeof F);
    for (uint8_t f = 0; f < NF_FIELD_COUNT; f++) {
        if (!mk->toks[f].n) {
            continue;
        }
        nf_toks tk = mk->toks[f];   /* the rules' copy: memoised lookups */
        field_segments(c, &tk, mk->blocked[f], f, &doc->arena, out, &seg_cap);
        F[f].s = mk->s[f];
        F[f].t = mk->toks[f].v;
        F[f].n = mk->toks[f].n;
        F[f].field = f;
        F[f].rule = rule_marks(doc, &F[f], rule_from, rule_to);
    }
    for (uint32_t k = 0; k < out->nsegs; k++) {
        out->segs[k].first = out->ntok;
        out->ntok += out->segs[k].b - out->segs[k].a;
    }
    if (score) {
        out->emit = nf_arena_alloc(&doc->arena, (out->ntok ? out->ntok : 1) * NF_EM_ROW *
                                                    sizeof *out->emit);
    } else {
        out->rows = nf_arena_alloc(&doc->arena, (out->ntok ? out->ntok : 1) * NF_EF_MAXF *
                                                    sizeof *out->rows);
        out->nrows = nf_arena_calloc(&doc->arena, out->ntok ? out->ntok : 1);
    }
    if (!out->ntok) {
        return;
    }

    /* Document memory over the segment words. */
    dmem dm;
    uint32_t cap = 16;
    while (cap < out->ntok * 2) {
        cap *= 2;
    }
    dm.v = nf_arena_calloc(&doc->arena, cap * sizeof *dm.v);
    dm.mask = cap - 1;
    for (uint32_t k = 0; k < out->nsegs; k++) {
        const nf_ef_seg *sg = &out->segs[k];
        const field_ctx *Fk = &F[sg->field];
        for (uint32_t i = sg->a; i < sg->b; i++) {
            const nf_tok *t = &Fk->t[i];
            dslot *d = dmem_at(&dm, t->hash, true);
            if ((t->flags & NF_TK_CAP) && !(t->flags & NF_TK_SENT) &&
                !head_kind(sg->field, t) && d->capmid < UINT16_MAX) {
                d->capmid++;
            }
            unsigned rc = Fk->rule[i] / 2;
            if (rc && d->rule[rc] < UINT16_MAX) {
                d->rule[rc]++;
            }
        }
    }

    /* Scoring: token k's rows are summed once LAG more tokens have their features (their
     * prefetches issued while those are made), from a ring of LAG + 1 row buffers. Segment
     * tokens get slots 0, 1, 2, ... in this loop's order. (LAG 1, 2 and 3 measured the same;
     * one token's features take about as long as an L3 hit.) */
    enum { LAG = 2 };
    uint32_t gsp[64], ring[LAG + 1][NF_EF_MAXF], ring_n[LAG + 1];
    for (uint32_t k = 0; k < out->nsegs; k++) {
        const nf_ef_seg *sg = &out->segs[k];
        const field_ctx *Fk = &F[sg->field];
        for (uint32_t a = sg->a; a < sg->b; a += 64) {
            uint32_t b = sg->b - a > 64 ? a + 64 : sg->b;
            gaz_spans(c->gaz, Fk->t, a, b, gsp);
            for (uint32_t i = a; i < b; i++) {
                uint32_t slot = sg->first + (i - sg->a);
                fx x = {c, 64 - rows_log2,
                        score ? ring[slot % (LAG + 1)] : out->rows + (size_t)slot * NF_EF_MAXF,
                        0, score ? (uintptr_t)score->w : 0};
                token_features(c, Fk, sg, i, gsp[i - a], &dm, &x);
                if (!score) {
                    out->nrows[slot] = x.n;
                    continue;
                }
                ring_n[slot % (LAG + 1)] = x.n;
                if (slot >= LAG) {
                    uint32_t done = slot - LAG;
                    nf_em_emission(score, ring[done % (LAG + 1)], ring_n[done % (LAG + 1)],
                                   out->emit + (size_t)done * NF_EM_ROW);
                }
            }
        }
    }
    for (uint32_t done = out->ntok > LAG ? out->ntok - LAG : 0; score && done < out->ntok;
         done++) {
        nf_em_emission(score, ring[done % (LAG + 1)], ring_n[done % (LAG + 1)],
                       out->emit + (size_t)done * NF_EM_ROW);
    }
}
