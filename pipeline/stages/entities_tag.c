/* The entity tagger: chunks of capitalised words, decided by gazetteers, rules and the article.
 *
 * Per article: each field's tokens come from the doc's token layer (nf_doc_tokens); sentence starts and headline-style lines (title
 * case or all caps, where capitals say nothing) are marked; then two passes run over the fields.
 * Pass 1 only learns: which word sequences are people or organisations with evidence (a title
 * before, "said" after, a known given name, an organisation head word), which acronyms were
 * defined, which countries the article is about. Pass 2 tags, using what pass 1 learnt for
 * mentions without evidence of their own: "Tokayev noted" after "President ... Kassym-Jomart
 * Tokayev", a name in the headline, the acronym "EDB" after "Eurasian Development Bank (EDB)".
 *
 * Everything per article lives in doc->arena; ctx (the gazetteer) is only read. */
#include "pipeline/stages/entities.h"

#include "common/arena.h"

#include <stdbool.h>
#include <stdint.h>
#include <string.h>

enum { L_NONE = 0, L_PERSON, L_ORG, L_GPE, L_LOC, L_NORP };

static const char *const label_names[] = {NULL, "PERSON", "ORG", "GPE", "LOC", "NORP"};
static const uint32_t label_bits[] = {0, NF_ENT_PERSON, NF_ENT_ORG, NF_ENT_GPE, NF_ENT_LOC,
                                      NF_ENT_NORP};

static int label_of_type(uint8_t type)
{
    switch (type) {
    case NF_GAZ_COUNTRY:
    case NF_GAZ_ADM1:
    case NF_GAZ_CITY:
    case NF_GAZ_PLACE:
        return L_GPE;
    case NF_GAZ_LOC:
        return L_LOC;
    case NF_GAZ_NORP:
        return L_NORP;
    case NF_GAZ_ORG:
        return L_ORG;
    case NF_GAZ_PERSON:
        return L_PERSON;
    default:
        return L_NONE;
    }
}

static int label_from_name(const char *l)
{
    for (int k = 1; k <= L_NORP; k++) {
        if (strcmp(label_names[k], l) == 0) {
            return k;
        }
    }
    return L_NONE;
}

/* ---- Article memory --------------------------------------------------------------------- */

enum { MK_SEQ = 1, MK_LINK = 2 };

typedef struct mslot {
    uint64_t key;            /* 0 = empty */
    const char *canonical;   /* arena or gazetteer; may be NULL */
    char country[3];
    uint8_t label;
} mslot;

typedef struct memo {
    mslot *v;
    uint32_t cap, n;         /* cap: power of two */
} memo;

static uint64_t mkey(uint64_t h, int kind)
{
    uint64_t k = (h ^ (uint64_t)kind * 0x9E3779B97F4A7C15ULL) * 0xff51afd7ed558ccdULL;
    return k ? k : 1;
}

static const mslot *memo_get(const memo *m, uint64_t key)
{
    for (uint32_t s = (uint32_t)(key >> 7) & (m->cap - 1);; s = (s + 1) & (m->cap - 1)) {
        if (m->v[s].key == key) {
            return &m->v[s];
        }
        if (!m->v[s].key) {
            return NULL;
        }
    }
}

static void memo_insert_raw(mslot *v, uint32_t cap, const mslot *e)
{
    uint32_t s = (uint32_t)(e->key >> 7) & (cap - 1);
    while (v[s].key) {
        s = (s + 1) & (cap - 1);
    }
    v[s] = *e;
}

/* First writer wins: the first full name seen for a surname is the one it links to. */
static void memo_put(memo *m, nf_arena *arena, uint64_t key, int label, const char *country,
                     const char *canonical)
{
    if (memo_get(m, key)) {
        return;
    }
    if ((m->n + 1) * 2 > m->cap) {
        uint32_t ncap = m->cap * 2;
        mslot *nv = nf_arena_calloc(arena, ncap * sizeof *nv);
        for (uint32_t k = 0; k < m->cap; k++) {
            if (m->v[k].key) {
                memo_insert_raw(nv, ncap, &m->v[k]);
            }
        }
        m->v = nv;
        m->cap = ncap;
    }
    mslot e;
    memset(&e, 0, sizeof e);
    e.key = key;
    e.label = (uint8_t)label;
    e.canonical = canonical;
    if (country && country[0]) {
        memcpy(e.country, country, 2);
    }
    memo_insert_raw(m->v, m->cap, &e);
    m->n++;
}

/* ---- Tagger state ------------------------------------------------------------------------ */

typedef struct field_toks {
    const char *s;
    uint32_t len;
    nf_toks toks;
    uint8_t *blocked;        /* token overlaps an entity another stage added (the dateline) */
    uint8_t *gm_len;         /* memoised gaz_match length + 1 (0 = not computed yet) */
    uint32_t *gm_node;
    uint32_t *cand;          /* tokens scan() must look at (see mark_structure) */
    uint32_t n_cand;
} field_toks;

typedef struct tagger {
    const nf_ent_ctx *c;
    const nf_gaz *g;
    nf_doc *doc;
    uint8_t field;
    const char *s;
    nf_tok *t;
    uint32_t n;
    uint8_t *blocked;
    uint8_t *gm_len;
    uint32_t *gm_node;
    uint32_t *cand;
    uint32_t n_cand;
    memo m;
    uint16_t *cc;            /* mentions per country code (26 * 26), learnt in pass 1 */
    int round;               /* 1 learn, 2 tag */
} tagger;

#define MAXU 24

typedef struct unit {
    uint32_t a, b;           /* token range */
    uint32_t node;           /* gazetteer node, NF_GAZ_NONE for a plain word */
} unit;

typedef struct chunk {
    unit u[MAXU];
    int nu;
    uint32_t a, b;
    bool of_ext;             /* grew through "of/for/on [the] ..." after an organisation word */
    bool loc_of;             /* ... or after a place head word: Plains of Arafat, Isle of Wight */
} chunk;

static inline bool is_w(const tagger *T, uint32_t i)
{
    return i < T->n && (T->t[i].flags & NF_TK_WORD);
}

static inline bool is_cap(const tagger *T, uint32_t i)
{
    return i < T->n && !T->blocked[i] &&
           (T->t[i].flags & (NF_TK_WORD | NF_TK_CAP | NF_TK_NUM)) == (NF_TK_WORD | NF_TK_CAP);
}

static inline uint32_t roles(const tagger *T, uint32_t i)
{
    if (i >= T->n) {
        return 0;
    }
    const nf_tok *t = &T->t[i];
    if (!(t->flags & (NF_TK_CAP | NF_TK_ALLCAPS)) && !t->memo_set) {
        /* Lower-case words only matter as titles, cues, particles, function words. */
        return nf_gaz_small_roles(T->g, t->hash);
    }
    return nf_gaz_roles(T->g, &T->t[i]);
}

static inline bool tok_is(const tagger *T, uint32_t i, uint64_t h)
{
    return i < T->n && T->t[i].hash == h;
}

static const nf_gaz_node *word_node(const tagger *T, uint32_t i)
{
    if (i >= T->n) {
        return NULL;
    }
    uint32_t nd = nf_gaz_word(T->g, &T->t[i]);
    return nd == NF_GAZ_NONE ? NULL : nf_gaz_node_at(T->g, nd);
}

static bool is_common(const tagger *T, uint32_t i)
{
    return (roles(T, i) & NF_GW_COMMON) != 0;
}

static uint64_t seq_hash(const tagger *T, uint32_t a, uint32_t b)
{
    uint64_t h = 0x84222325cbf29ce4ULL;
    for (uint32_t k = a; k < b; k++) {
        h = (h ^ T->t[k].hash) * 0x100000001b3ULL;
        h ^= h >> 29;
    }
    return h;
}

static int cc_index(const char *cc)
{
    if (!cc || cc[0] < 'A' || cc[0] > 'Z' || cc[1] < 'A' || cc[1] > 'Z') {
        return -1;
    }
    return (cc[0] - 'A') * 26 + (cc[1] - 'A');
}

/* ---- Output ------------------------------------------------------------------------------ */

static void emit_bytes(tagger *T, uint32_t start, uint32_t end, int label, const char *country,
                       const char *canonical)
{
    if (T->round != 2 || !(T->c->label_mask & label_bits[label]) || start >= end) {
        return;
    }
    nf_ann ann;
    memset(&ann, 0, sizeof ann);
    ann.field = T->field;
    ann.kind = NF_ANN_ENTITY;
    ann.start = start;
    ann.end = end;
    ann.label = label_names[label];
    if (country && country[0]) {
        ann.country = nf_arena_strndup(&T->doc->arena, country, 2);
    }
    if (canonical) {
        ann.canonical = nf_arena_strndup(&T->doc->arena, canonical, strlen(canonical));
    }
    nf_doc_add_ann(T->doc, &ann);
}

static void emit(tagger *T, uint32_t a, uint32_t b, int label, const char *country,
                 const char *canonical)
{
    emit_bytes(T, T->t[a].start, T->t[b - 1].end, label, country, canonical);
}

static const char *span_text(tagger *T, uint32_t a, uint32_t b)
{
    return nf_arena_strndup(&T->doc->arena, T->s + T->t[a].start, T->t[b - 1].end - T->t[a].start);
}

/* ---- Gazetteer lookups ------------------------------------------------------------------- */

static bool node_case_ok(const tagger *T, uint32_t node, uint32_t a, uint32_t b)
{
    uint16_t ne;
    const nf_gaz_entry *e = nf_gaz_entries(T->g, node, &ne);
    bool all_exact = ne > 0;
    for (uint16_t k = 0; k < ne; k++) {
        if (!(e[k].flags & NF_GAZ_EXACT_CASE)) {
            all_exact = false;
        }
    }
    if (!all_exact) {
        return true;
    }
    for (uint32_t k = a; k < b; k++) {
        const nf_tok *t = &T->t[k];
        if ((t->flags & NF_TK_WORD) && t->nletters >= 1 && !(t->flags & NF_TK_ALLCAPS) &&
            !(t->nletters == 1 && (t->flags & NF_TK_CAP))) {
            return false;
        }
    }
    return true;
}

/* Longest gazetteer entity phrase starting at token i; its node in *node. */
static uint32_t gaz_match_walk(const tagger *T, uint32_t i, uint32_t *node_out)
{
    uint32_t node = 0, best = 0, bestnode = NF_GAZ_NONE;
    *node_out = NF_GAZ_NONE;
    if (!is_w(T, i)) {
        return 0;
    }
    for (uint32_t j = i; j < T->n && j - i < 10; j++) {
        if (T->blocked[j] || (j > i && (T->t[j].flags & NF_TK_NL))) {
            break;
        }
        node = j == i ? nf_gaz_word(T->g, &T->t[j]) : nf_gaz_child(T->g, node, T->t[j].hash);
        if (node == NF_GAZ_NONE) {
            break;
        }
        const nf_gaz_node *nd = nf_gaz_node_at(T->g, node);
        if (!(nd->roles & NF_GW_ENTITY)) {
            continue;
        }
        const nf_tok *lt = &T->t[j];
        if (!(lt->flags & NF_TK_WORD) || !(lt->flags & (NF_TK_CAP | NF_TK_NUM))) {
            continue;
        }
        if (!node_case_ok(T, node, i, j + 1)) {
            continue;
        }
        best = j - i + 1;
        bestnode = node;
    }
    *node_out = bestnode;
    return best;
}

/* Memoised per token: chunking and both passes ask for the same positions again. */
static uint32_t gaz_match(const tagger *T, uint32_t i, uint32_t *node_out)
{
    if (i >= T->n) {
        *node_out = NF_GAZ_NONE;
        return 0;
    }
    if (!T->gm_len[i]) {
        uint32_t nd;
        uint32_t l = gaz_match_walk(T, i, &nd);
        T->gm_len[i] = (uint8_t)(l + 1);
        T->gm_node[i] = nd;
    }
    *node_out = T->gm_node[i];
    return T->gm_len[i] - 1u;
}

static int type_prio(uint8_t type)
{
    switch (type) {
    case NF_GAZ_COUNTRY:
        return 50;
    case NF_GAZ_PLACE:
        return 45;
    case NF_GAZ_ORG:
    case NF_GAZ_NORP:
    case NF_GAZ_PERSON:
        return 40;
    case NF_GAZ_LOC:
        return 35;
    case NF_GAZ_ADM1:
        return 30;
    default:
        return 20;
    }
}

/* The entry of a node meant here: the one of the country the article talks about most, then
 * the more prominent kind (country > curated place > ... > city), then the larger city. */
static const nf_gaz_entry *best_entry(const tagger *T, uint32_t node, bool allcaps_ok,
                                      int prefer_type, bool *ambiguous_country)
{
    uint16_t ne;
    const nf_gaz_entry *e = nf_gaz_entries(T->g, node, &ne);
    const nf_gaz_entry *best = NULL;
    long best_score = -1;
    uint32_t best_w = 0;
    *ambiguous_country = false;
    for (uint16_t k = 0; k < ne; k++) {
        if ((e[k].flags & NF_GAZ_EXACT_CASE) && !allcaps_ok) {
            continue;
        }
        int ci = cc_index(e[k].country);
        long score = (ci >= 0 ? (long)T->cc[ci] * 10 : 0) + type_prio(e[k].type) +
                     (e[k].type == prefer_type ? 1000000L : 0);
        if (!best || score > best_score || (score == best_score && e[k].weight > best_w)) {
            if (best && best->country[0] && e[k].country[0] &&
                memcmp(best->country, e[k].country, 2) != 0) {
                *ambiguous_country = true;
            }
            best = &e[k];
            best_score = score;
            best_w = e[k].weight;
        } else if (best && best->country[0] && e[k].country[0] &&
                   memcmp(best->country, e[k].country, 2) != 0) {
            *ambiguous_country = true;
        }
    }
    return best;
}

static bool all_caps_span(const tagger *T, uint32_t a, uint32_t b)
{
    for (uint32_t k = a; k < b; k++) {
        const nf_tok *t = &T->t[k];
        if ((t->flags & NF_TK_WORD) && t->nletters >= 2 && !(t->flags & NF_TK_ALLCAPS)) {
            return false;
        }
    }
    return true;
}

/* ---- Context ----------------------------------------------------------------------------- */

static bool cue_person_before(const tagger *T, uint32_t a)
{
    if (a == 0) {
        return false;
    }
    uint32_t p = a - 1;
    if (tok_is(T, p, T->c->h_to) && p > 0 && tok_is(T, p - 1, T->c->h_according)) {
        return true;
    }
    if (tok_is(T, p, T->c->h_by) && p > 0 && (roles(T, p - 1) & NF_GW_CUE_PER_AFTER)) {
        return true;   /* "said by", "told by" */
    }
    uint32_t r = is_w(T, p) && !(T->t[p].flags & NF_TK_CAP) ? roles(T, p) : 0;
    return (r & (NF_GW_CUE_PER_BEFORE | NF_GW_CUE_PER_AFTER)) != 0 &&
           (T->t[p].flags & NF_TK_WORD);
}

static bool cue_person_after(const tagger *T, uint32_t b)
{
    if (b >= T->n) {
        return false;
    }
    if (is_w(T, b) && !(T->t[b].flags & NF_TK_CAP)) {
        return (roles(T, b) & NF_GW_CUE_PER_AFTER) != 0;
    }
    if (tok_is(T, b, T->c->h_comma)) {
        if (tok_is(T, b + 1, T->c->h_who)) {
            return true;
        }
        /* "John Smith, 45, ..." */
        if (b + 2 < T->n && (T->t[b + 1].flags & NF_TK_NUM) && T->t[b + 1].end -
            T->t[b + 1].start <= 3 && tok_is(T, b + 2, T->c->h_comma)) {
            return true;
        }
    }
    return false;
}

/* A kind of organisation right before the name: copper producer Codelco, carmaker Toyota. */
static bool cue_org_before(const tagger *T, uint32_t a)
{
    return a > 0 && is_w(T, a - 1) && !(T->t[a - 1].flags & NF_TK_CAP) &&
           (roles(T, a - 1) & NF_GW_CUE_ORG_BEFORE) != 0;
}

static bool cue_org_after(const tagger *T, uint32_t b)
{
    return is_w(T, b) && !(T->t[b].flags & NF_TK_CAP) &&
           (roles(T, b) & NF_GW_CUE_ORG_AFTER) != 0;
}

/* A place name that is also a common word or a person's name needs a reason to be a place:
 * a preposition before it ("in Reading") or a bigger place after it ("Reading, Pennsylvania"). */
static bool place_context(const tagger *T, uint32_t a, uint32_t b)
{
    if (a > 0 && is_w(T, a - 1) && !(T->t[a - 1].flags & NF_TK_CAP) &&
        (roles(T, a - 1) & NF_GW_LOCPREP)) {
        return true;
    }
    if (tok_is(T, b, T->c->h_comma) && is_cap(T, b + 1)) {
        uint32_t nd;
        if (gaz_match(T, b + 1, &nd)) {
            uint16_t ne;
            const nf_gaz_entry *e = nf_gaz_entries(T->g, nd, &ne);
            for (uint16_t k = 0; k < ne; k++) {
                if (e[k].type == NF_GAZ_COUNTRY || e[k].type == NF_GAZ_ADM1) {
                    return true;
                }
            }
        }
    }
    return false;
}

/* ---- Decisions --------------------------------------------------------------------------- */

static void remember(tagger *T, uint32_t a, uint32_t b, int label, const char *country,
                     const char *canonical)
{
    memo_put(&T->m, &T->doc->arena, mkey(seq_hash(T, a, b), MK_SEQ), label, country, canonical);
}

static void count_country(tagger *T, const char *country)
{
    int ci = cc_index(country);
    if (T->round == 1 && ci >= 0 && T->cc[ci] < UINT16_MAX) {
        T->cc[ci]++;
    }
}

/* Tag a gazetteer unit [a,b) at node. @returns whether it was accepted. */
static bool take_gaz(tagger *T, uint32_t a, uint32_t b, uint32_t node)
{
    bool caps = all_caps_span(T, a, b);
    bool amb;
    /* "the state of Georgia", "the province of Punjab": a subdivision, not the country. */
    int prefer = -1;
    if (a >= 2 && tok_is(T, a - 1, T->c->h_of) &&
        (tok_is(T, a - 2, T->c->h_state) || tok_is(T, a - 2, T->c->h_province))) {
        prefer = NF_GAZ_ADM1;
    }
    const nf_gaz_entry *e = best_entry(T, node, caps, prefer, &amb);
    if (!e) {
        return false;
    }
    const mslot *mem = memo_get(&T->m, mkey(seq_hash(T, a, b), MK_SEQ));
    int label = label_of_type(e->type);
    if (b - a == 1 && T->c->link && e->type != NF_GAZ_COUNTRY && e->type != NF_GAZ_NORP &&
        !(T->t[a].flags & NF_TK_HEADLINE)) {
        /* The article's person first: "Valeska Paris ... Paris said". */
        const mslot *lk = memo_get(&T->m, mkey(T->t[a].hash, MK_LINK));
        if (lk) {
            emit(T, a, b, L_PERSON, NULL, lk->canonical);
            return true;
        }
    }
    if (b - a == 1) {
        const nf_tok *t = &T->t[a];
        uint32_t r = roles(T, a);
        bool headline = (t->flags & NF_TK_HEADLINE) != 0;
        bool sent = (t->flags & NF_TK_SENT) != 0;
        bool common = (r & NF_GW_COMMON) != 0;
        bool acronym = (e->flags & NF_GAZ_EXACT_CASE) && (t->flags & NF_TK_ALLCAPS) && !headline;
        if (acronym) {
            goto accept;   /* WHO, US, IT as written: the acronym, not the word */
        }
        if ((r & (NF_GW_NONENT | NF_GW_FUNC)) && !mem) {
            return false;
        }
        /* A short all-caps word that is not an acronym entry is an acronym of something else
         * (a city called "Ota" is not "OTA") unless the whole line shouts. */
        if ((t->flags & NF_TK_ALLCAPS) && !(e->flags & NF_GAZ_EXACT_CASE) && t->nletters <= 4 &&
            !headline && !mem) {
            return false;
        }
        if (e->type == NF_GAZ_LOC && (r & NF_GW_ORGSUF)) {
            /* An organisation head word that names one place alone ("crossing the Channel")
             * needs its article (or the article's earlier use) and no number after it:
             * Channel 4, a Channel. */
            bool the = a > 0 && tok_is(T, a - 1, T->c->h_the) && !(T->t[a - 1].flags & NF_TK_CAP);
            if (is_w(T, b) && (T->t[b].flags & (NF_TK_NUM | NF_TK_CAP))) {
                return true;   /* decided: nothing, not even what the article said before */
            }
            if (!the && !mem) {
                return false;
            }
        }
        bool ctxok = place_context(T, a, b);
        bool strong = e->type == NF_GAZ_COUNTRY || e->type == NF_GAZ_PLACE ||
                      e->type == NF_GAZ_NORP || e->type == NF_GAZ_ORG || e->type == NF_GAZ_LOC ||
                      (e->type == NF_GAZ_ADM1 && !common);
        if (common && (sent || headline) && e->type != NF_GAZ_COUNTRY &&
            e->type != NF_GAZ_NORP && !ctxok) {
            /* "Nice weather", "Reading is fun": a capital at a sentence start proves nothing,
             * not even when the article used the word as a place elsewhere. */
            return false;
        }
        if (!strong) {
            ctxok = ctxok || mem;
            if (common || (r & (NF_GW_GIVEN | NF_GW_SURNAME))) {
                if (!ctxok && !(!common && e->weight >= 1000000)) {
                    return false;
                }
            } else if ((int64_t)e->weight < T->c->min_population && !ctxok) {
                return false;
            }
        }
    }
accept:
    if (mem && mem->label != label && mem->label != L_NONE) {
        /* The article decided otherwise earlier (a person named like a town). */
        label = mem->label;
        emit(T, a, b, label, mem->country, mem->canonical);
        return true;
    }
    emit(T, a, b, label, e->country, e->canonical);
    if (label == L_GPE && !amb) {
        count_country(T, e->country);
    }
    remember(T, a, b, label, e->country, e->canonical);
    return true;
}

static void register_person(tagger *T, uint32_t a, uint32_t b)
{
    uint32_t words = 0, last = a;
    for (uint32_t k = a; k < b; k++) {
        if ((T->t[k].flags & NF_TK_WORD) && !(roles(T, k) & NF_GW_PARTICLE) &&
            !(T->t[k].flags & NF_TK_INITIAL)) {
            words++;
            if (!(roles(T, k) & NF_GW_ABBR)) {
                last = k;   /* "Jr" is not the surname */
            }
        }
    }
    const char *full = span_text(T, a, b);
    remember(T, a, b, L_PERSON, NULL, NULL);
    if (words < 2 || !T->c->link) {
        return;
    }
    memo_put(&T->m, &T->doc->arena, mkey(T->t[last].hash, MK_LINK), L_PERSON, NULL, full);
    /* Family name first (Xi Jinping, Ding Xuexiang): the first word alone is the short form. */
    const nf_gaz_node *n0 = word_node(T, a);
    if (n0 && (n0->roles & NF_GW_SURNAME) &&
        (!(n0->roles & NF_GW_GIVEN) || n0->surname_rank < n0->given_rank)) {
        memo_put(&T->m, &T->doc->arena, mkey(T->t[a].hash, MK_LINK), L_PERSON, NULL, full);
    }
}

static void person(tagger *T, uint32_t a, uint32_t b)
{
    /* No particle at either end ("van" alone is no name). */
    while (b > a + 1 && (roles(T, b - 1) & NF_GW_PARTICLE) && !(T->t[b - 1].flags & NF_TK_CAP)) {
        b--;
    }
    emit(T, a, b, L_PERSON, NULL, NULL);
    register_person(T, a, b);
}

static void org(tagger *T, uint32_t a, uint32_t b, const char *canonical)
{
    emit(T, a, b, L_ORG, NULL, canonical);
    remember(T, a, b, L_ORG, NULL, canonical);
}

/* Parts of a hyphenated word that are nationalities or countries: Kazakh-Chinese,
 * Russia-Ukraine, pro-Russian, Afghan-born. */
static bool hyphen_parts(tagger *T, uint32_t i)
{
    const nf_tok *t = &T->t[i];
    const char *s = T->s;
    uint32_t p = t->start;
    bool any = false;
    while (p < t->end) {
        uint32_t q = p;
        uint32_t next = t->end;
        while (q < t->end) {
            if (s[q] == '-') {
                next = q + 1;
                break;
            }
            if ((unsigned char)s[q] == 0xE2 && q + 2 < t->end && (unsigned char)s[q + 1] == 0x80 &&
                ((unsigned char)s[q + 2] == 0x90 || (unsigned char)s[q + 2] == 0x91)) {
                next = q + 3;
                break;
            }
            q++;
        }
        if (q > p && s[p] >= 'A' && s[p] <= 'Z') {
            uint32_t nd = nf_gaz_child(T->g, 0, nf_fold_hash(s + p, q - p));
            uint16_t ne = 0;
            const nf_gaz_entry *e = nd == NF_GAZ_NONE ? NULL : nf_gaz_entries(T->g, nd, &ne);
            const nf_gaz_entry *pick = NULL;
            for (uint16_t k = 0; k < ne; k++) {
                if (e[k].flags & NF_GAZ_EXACT_CASE) {
                    continue;
                }
                if (e[k].type == NF_GAZ_NORP || e[k].type == NF_GAZ_COUNTRY ||
                    e[k].type == NF_GAZ_PLACE) {
                    if (!pick || type_prio(e[k].type) > type_prio(pick->type)) {
                        pick = &e[k];
                    }
                }
            }
            if (pick) {
                emit_bytes(T, p, q, label_of_type(pick->type), pick->country, pick->canonical);
                any = true;
            }
        }
        p = next;
        if (next == t->end) {
            break;
        }
    }
    return any;
}

/* One capitalised word with no gazetteer entry of its own. */
static void single(tagger *T, uint32_t i, bool after_title)
{
    nf_tok *t = &T->t[i];
    if ((t->flags & NF_TK_HYPHEN) && hyphen_parts(T, i)) {
        return;
    }
    const mslot *m = memo_get(&T->m, mkey(seq_hash(T, i, i + 1), MK_SEQ));
    if (m && m->label && m->label != L_PERSON && (t->flags & (NF_TK_SENT | NF_TK_HEADLINE)) &&
        is_common(T, i)) {
        m = NULL;   /* "Reading is fun" after "in Reading" */
    }
    if (m && m->label) {
        emit(T, i, i + 1, m->label, m->country, m->canonical);
        return;
    }
    m = T->c->link ? memo_get(&T->m, mkey(t->hash, MK_LINK)) : NULL;
    if (m) {
        emit(T, i, i + 1, L_PERSON, NULL, m->canonical);
        return;
    }
    if (t->flags & NF_TK_HEADLINE) {
        return;
    }
    uint32_t r = roles(T, i);
    if (r & (NF_GW_FUNC | NF_GW_NONENT | NF_GW_TITLE)) {
        return;
    }
    bool common = (r & NF_GW_COMMON) != 0;
    bool sent = (t->flags & NF_TK_SENT) != 0;
    if ((t->flags & NF_TK_ALLCAPS) && T->c->acronyms && t->nletters <= 6 &&
        t->nletters == t->end - t->start && !(r & NF_GW_ACRSTOP) && !common) {
        org(T, i, i + 1, NULL);
        return;
    }
    if (common) {
        return;
    }
    if ((t->flags & NF_TK_CAMEL) || cue_org_after(T, i + 1)) {
        org(T, i, i + 1, NULL);
        return;
    }
    if (after_title) {
        person(T, i, i + 1);
        return;
    }
    if (cue_org_before(T, i)) {
        org(T, i, i + 1, NULL);
        return;
    }
    if (cue_person_before(T, i) || cue_person_after(T, i + 1)) {
        person(T, i, i + 1);
        return;
    }
    if (sent) {
        return;
    }
    const nf_gaz_node *nd = word_node(T, i);
    if (nd && ((nd->roles & NF_GW_GIVEN) ||
               ((nd->roles & NF_GW_SURNAME) && nd->surname_rank <= 10000))) {
        emit(T, i, i + 1, L_PERSON, NULL, NULL);
    }
}

/* A run of plain capitalised words [a,b) (no gazetteer entity inside). */
static void run(tagger *T, uint32_t a, uint32_t b, bool after_title)
{
    while (a < b && (!is_w(T, a) || (roles(T, a) & (NF_GW_FUNC | NF_GW_NONENT)))) {
        a++;
    }
    while (b > a && !is_w(T, b - 1)) {
        b--;
    }
    if (a >= b) {
        return;
    }
    uint32_t words = 0, commons = 0, bad = 0, odd = 0;
    for (uint32_t k = a; k < b; k++) {
        if (!(T->t[k].flags & NF_TK_WORD) || (roles(T, k) & NF_GW_PARTICLE)) {
            continue;
        }
        words++;
        if (T->t[k].flags & (NF_TK_CAMEL | NF_TK_ALLCAPS | NF_TK_NUM)) {
            odd++;   /* CentOS, iOS, B-17: products and codes, not people */
        }
        uint32_t r = roles(T, k);
        if (r & NF_GW_COMMON) {
            commons++;
        }
        if (r & (NF_GW_NONENT | NF_GW_FUNC | NF_GW_TITLE)) {
            bad++;
        }
    }
    if (words == 1) {
        single(T, a, after_title);
        return;
    }
    const mslot *m = memo_get(&T->m, mkey(seq_hash(T, a, b), MK_SEQ));
    if (m && m->label) {
        emit(T, a, b, m->label, m->country, m->canonical);
        return;
    }
    bool headline = (T->t[a].flags & NF_TK_HEADLINE) != 0;
    if (!headline) {
        /* A common word opening a sentence is not part of the name ("Police Chief ..."). */
        if ((T->t[a].flags & NF_TK_SENT) && (roles(T, a) & NF_GW_COMMON) &&
            !(roles(T, a) & NF_GW_GIVEN) && !after_title) {
            run(T, a + 1, b, false);
            return;
        }
        const nf_gaz_node *n0 = word_node(T, a);
        const nf_gaz_node *nl = word_node(T, b - 1);
        bool given = n0 && (n0->roles & NF_GW_GIVEN);
        bool surname = nl && (nl->roles & NF_GW_SURNAME);
        bool first_common = n0 && (n0->roles & NF_GW_COMMON);
        bool last_common = nl && (nl->roles & NF_GW_COMMON) && nl->common_level <= 20;
        bool any_last_common = nl && (nl->roles & NF_GW_COMMON);
        bool cue = (cue_person_before(T, a) || cue_person_after(T, b)) && commons < words &&
                   !odd;
        bool ev = after_title || cue ||
                  (given && (!last_common || (nl->roles & NF_GW_SURNAME)) && !bad && !odd) ||
                  (surname && !first_common && !any_last_common && !bad && !odd && words <= 4);
        bool weak = T->c->fallback_person && commons == 0 && bad == 0 && !odd && words <= 4;
        if (!after_title && cue_org_before(T, a) && !bad) {
            org(T, a, b, NULL);   /* investment firm Goldman Sachs */
            return;
        }
        if (ev || weak) {
            person(T, a, b);
            return;
        }
        if (cue_org_after(T, b)) {
            org(T, a, b, NULL);
            return;
        }
    }
    /* No decision for the whole run: words the article already knows may still be tagged. */
    for (uint32_t k = a; k < b; k++) {
        if (!is_w(T, k)) {
            continue;
        }
        const mslot *mk = memo_get(&T->m, mkey(seq_hash(T, k, k + 1), MK_SEQ));
        if (!mk && T->c->link) {
            mk = memo_get(&T->m, mkey(T->t[k].hash, MK_LINK));
            if (mk) {
                emit(T, k, k + 1, L_PERSON, NULL, mk->canonical);
            }
            continue;
        }
        if (mk && mk->label) {
            emit(T, k, k + 1, mk->label, mk->country, mk->canonical);
        }
    }
}

/* ---- Chunks ------------------------------------------------------------------------------ */

/* Length of a person title starting at i (Vice Premier, former Prime Minister), 0 if none. */
static uint32_t title_len(const tagger *T, uint32_t i)
{
    uint32_t j = i, end = 0, mods = 0;
    while (j < T->n && j - i < 8) {
        if (T->blocked[j] || !is_w(T, j)) {
            break;
        }
        uint32_t node = 0, tl = 0;
        for (uint32_t k = j; k < T->n && k - j < 6; k++) {
            node = k == j ? nf_gaz_word(T->g, &T->t[k]) : nf_gaz_child(T->g, node, T->t[k].hash);
            if (node == NF_GAZ_NONE) {
                break;
            }
            if (nf_gaz_node_at(T->g, node)->roles & NF_GW_TITLE) {
                tl = k - j + 1;
            }
        }
        if (tl) {
            j += tl;
            end = j;
            continue;
        }
        if ((roles(T, j) & NF_GW_TITLEMOD) && mods < 3) {
            j++;
            mods++;
            continue;
        }
        break;
    }
    return end ? end - i : 0;
}

static bool org_word_at(const tagger *T, uint32_t i)
{
    return (roles(T, i) & (NF_GW_ORGSUF | NF_GW_ORGPRE)) != 0;
}

static bool unit_is_org(const tagger *T, const unit *u)
{
    if (u->node == NF_GAZ_NONE) {
        return org_word_at(T, u->b - 1);
    }
    uint16_t ne;
    const nf_gaz_entry *e = nf_gaz_entries(T->g, u->node, &ne);
    return ne && e[0].type == NF_GAZ_ORG;
}

/* An office named after its holder: the possessive 's at i after a title word, then an
 * organisation head word (Sheriff's Office, Prosecutor's Office, Mayor's Office). */
static bool title_poss_org(const tagger *T, uint32_t i)
{
    return i > 0 && i + 1 < T->n && (T->t[i].flags & NF_TK_POSS) && is_w(T, i - 1) &&
           (T->t[i - 1].flags & NF_TK_CAP) && (roles(T, i - 1) & NF_GW_TITLE) &&
           is_cap(T, i + 1) && !(T->t[i + 1].flags & NF_TK_NL) && org_word_at(T, i + 1);
}

/* After an organisation word: "of/for/on [the] X" where X is a gazetteer name or a run of
 * capitalised common words (Foreign Affairs, Trade and Integration). @returns the end, or j. */
static uint32_t complement(const tagger *T, uint32_t j, chunk *c)
{
    const nf_ent_ctx *C = T->c;
    if (!(tok_is(T, j, C->h_of) || tok_is(T, j, C->h_for) || tok_is(T, j, C->h_on)) ||
        (T->t[j].flags & NF_TK_CAP)) {
        return j;
    }
    uint32_t k = j + 1;
    if (tok_is(T, k, C->h_the) && !(T->t[k].flags & NF_TK_CAP)) {
        k++;
    }
    if (!is_cap(T, k) || (roles(T, k) & NF_GW_NONENT)) {
        return j;   /* nor a month or weekday: the Court of Cassation | on July 3 */
    }
    uint32_t nd;
    uint32_t gl = gaz_match(T, k, &nd);
    if (gl) {
        if (c && c->nu < MAXU) {
            c->u[c->nu++] = (unit){k, k + gl, nd};
        }
        return k + gl;
    }
    uint32_t e = k;
    bool seen_common = false;
    while (e < T->n) {
        if (is_cap(T, e)) {
            bool common = is_common(T, e);
            if (seen_common && !common) {
                break;   /* Ministry of Foreign Affairs | Mukhtar Tileuberdi */
            }
            seen_common |= common;
            e++;
            continue;
        }
        if ((tok_is(T, e, C->h_and) || tok_is(T, e, C->h_amp)) && is_cap(T, e + 1) && e > k) {
            e++;
            continue;
        }
        break;
    }
    if (e == k) {
        return j;
    }
    if (c && c->nu < MAXU) {
        c->u[c->nu++] = (unit){k, e, NF_GAZ_NONE};
    }
    return e;
}

/* Group capitalised words from i into a chunk. */
static void build_chunk(const tagger *T, uint32_t i, chunk *c)
{
    c->nu = 0;
    c->a = i;
    c->of_ext = false;
    c->loc_of = false;
    uint32_t j = i;
    while (j < T->n && c->nu < MAXU - 2) {
        if (T->blocked[j]) {
            break;
        }
        if (is_cap(T, j) || (j > i && is_w(T, j) && (T->t[j].flags & NF_TK_INITIAL))) {
            if (c->of_ext) {
                break;   /* ... of the People's Republic of China | Ding Xuexiang */
            }
            if (j > i) {
                if (T->t[j].flags & NF_TK_NL) {
                    break;
                }
                uint32_t r = roles(T, j);
                if (r & NF_GW_FUNC) {
                    uint32_t nd;
                    if (!gaz_match(T, j, &nd)) {
                        break;
                    }
                }
                uint32_t tl = (r & (NF_GW_TITLE | NF_GW_TITLEMOD)) ? title_len(T, j) : 0;
                if (tl && is_cap(T, j + tl)) {
                    uint32_t nd;
                    if (gaz_match(T, j, &nd) <= tl) {
                        break;   /* Chinese | President | Xi Jinping */
                    }
                }
            }
            uint32_t nd;
            uint32_t gl = gaz_match(T, j, &nd);
            if (gl) {
                c->u[c->nu++] = (unit){j, j + gl, nd};
                j += gl;
            } else {
                c->u[c->nu++] = (unit){j, j + 1, NF_GAZ_NONE};
                j++;
            }
            continue;
        }
        if (c->nu == 0) {
            break;
        }
        /* Lower-case name particles between capitalised words: Ludwig van Beethoven. */
        if (is_w(T, j) && (roles(T, j) & NF_GW_PARTICLE)) {
            uint32_t k = j;
            while (k < j + 2 && is_w(T, k) && !(T->t[k].flags & NF_TK_CAP) &&
                   (roles(T, k) & NF_GW_PARTICLE)) {
                k++;
            }
            if (is_cap(T, k) && !(T->t[k].flags & NF_TK_NL) &&
                c->u[c->nu - 1].node == NF_GAZ_NONE) {
                c->u[c->nu++] = (unit){j, k, NF_GAZ_NONE};
                j = k;
                continue;
            }
            break;
        }
        /* Organisation name grows through of/for/on: Ministry of Foreign Affairs, State
         * Council of the People's Republic of China, Bank of Korea. */
        /* A second complement only through "of" (State Council of the People's Republic of
         * China); "on"/"for" after one starts the sentence's own phrase: the Church of
         * Scientology | on the Internet. */
        if (!c->loc_of && (!c->of_ext || tok_is(T, j, T->c->h_of)) &&
            (unit_is_org(T, &c->u[c->nu - 1]) || (c->of_ext && c->nu > 0) ||
             org_word_at(T, c->u[0].a))) {
            uint32_t e = complement(T, j, c);
            if (e > j) {
                c->of_ext = true;
                j = e;
                continue;
            }
        }
        /* A place head word alone, then "of": Plains of Arafat, Sea of Azov, Tower of London. */
        if (c->nu == 1 && c->u[0].node == NF_GAZ_NONE && c->u[0].b == c->u[0].a + 1 &&
            tok_is(T, j, T->c->h_of) && (roles(T, c->u[0].a) & (NF_GW_LOCSUF | NF_GW_LOCPRE))) {
            uint32_t e = complement(T, j, c);
            if (e > j) {
                c->of_ext = true;
                c->loc_of = true;
                j = e;
                continue;
            }
        }
        /* A plural possessive inside an organisation's name: Workers' Party, Teachers' Union. */
        if (tok_is(T, j, T->c->h_apos) && T->t[j].start == T->t[j - 1].end && is_w(T, j - 1) &&
            (T->s[T->t[j - 1].end - 1] == 's') && is_cap(T, j + 1) &&
            !(T->t[j + 1].flags & NF_TK_NL) && org_word_at(T, j + 1)) {
            c->u[c->nu++] = (unit){j, j + 1, NF_GAZ_NONE};
            j++;
            continue;
        }
        /* Los Angeles County Sheriff's Department: the title is the office's, not a person's. */
        if (title_poss_org(T, j)) {
            c->u[c->nu++] = (unit){j, j + 1, NF_GAZ_NONE};
            j++;
            continue;
        }
        /* Johnson & Johnson, AT&T */
        if (tok_is(T, j, T->c->h_amp) && is_cap(T, j + 1)) {
            c->u[c->nu++] = (unit){j, j + 1, NF_GAZ_NONE};
            j++;
            continue;
        }
        break;
    }
    c->b = j;
}

static void acronym_definition(tagger *T, uint32_t a, uint32_t b, int label)
{
    const nf_ent_ctx *C = T->c;
    if (!tok_is(T, b, C->h_lparen) || !is_w(T, b + 1) || !tok_is(T, b + 2, C->h_rparen)) {
        return;
    }
    const nf_tok *acr = &T->t[b + 1];
    if (!(acr->flags & NF_TK_ALLCAPS) || acr->nletters > 10) {
        return;
    }
    /* The acronym starts like the name (Federal Security Service (FSB)). */
    char c0 = T->s[acr->start];
    char n0 = T->s[T->t[a].start];
    if (c0 != n0) {
        return;
    }
    const char *full = span_text(T, a, b);
    memo_put(&T->m, &T->doc->arena, mkey(seq_hash(T, b + 1, b + 2), MK_SEQ),
             label ? label : L_ORG, NULL, full);
}

static bool org_pattern(const tagger *T, const chunk *c)
{
    if (c->of_ext) {
        return true;
    }
    uint32_t words = 0;
    for (int k = 0; k < c->nu; k++) {
        words += c->u[k].b - c->u[k].a;
    }
    if (words < 2) {
        return false;
    }
    const unit *last = &c->u[c->nu - 1];
    uint32_t r = roles(T, last->b - 1);
    if (last->node == NF_GAZ_NONE) {
        return (r & NF_GW_ORGSUF) && !(r & NF_GW_TITLE);
    }
    if (c->nu >= 2 && last->b - last->a == 1 && (r & NF_GW_ORGSUF) && !(r & NF_GW_TITLE) &&
        !(T->t[last->a].flags & NF_TK_ALLCAPS)) {
        /* A head word that is also the name of some town (Police, Poland): New South Wales
         * Police is the force, not two places. Countries and big places keep their own. */
        uint16_t ne;
        const nf_gaz_entry *e = nf_gaz_entries(T->g, last->node, &ne);
        bool minor = true;
        for (uint16_t k = 0; k < ne; k++) {
            /* ... or a place only when alone: the Discovery Channel, not the (English) Channel */
            if ((e[k].type != NF_GAZ_CITY && e[k].type != NF_GAZ_LOC) ||
                (e[k].type == NF_GAZ_CITY && e[k].weight >= 1000000)) {
                minor = false;
            }
        }
        if (minor) {
            return true;
        }
    }
    return c->nu >= 2 && unit_is_org(T, last);
}

/* A plain (non-gazetteer) word unit that could be part of a name. */
static bool plain_name_unit(const tagger *T, const unit *u)
{
    if (u->node != NF_GAZ_NONE || u->b - u->a != 1) {
        return false;
    }
    uint32_t r = roles(T, u->a);
    if (r & (NF_GW_FUNC | NF_GW_NONENT | NF_GW_TITLE | NF_GW_ORGSUF)) {
        return false;
    }
    return !(r & NF_GW_COMMON) || (r & (NF_GW_GIVEN | NF_GW_SURNAME));
}

/* A one-word gazetteer unit whose entries are minor places (not countries, curated places,
 * organisations or nationalities) or whose word is a known given name or surname. */
static bool name_like_place(const tagger *T, const unit *u)
{
    uint16_t ne;
    const nf_gaz_entry *e = nf_gaz_entries(T->g, u->node, &ne);
    if (!ne || e[0].type == NF_GAZ_COUNTRY || e[0].type == NF_GAZ_NORP ||
        e[0].type == NF_GAZ_ORG || e[0].type == NF_GAZ_LOC) {
        return false;
    }
    bool minor = true;
    for (uint16_t k = 0; k < ne; k++) {
        if (e[k].type != NF_GAZ_CITY || e[k].weight >= 1000000) {
            minor = false;
        }
    }
    return minor || (roles(T, u->a) & (NF_GW_GIVEN | NF_GW_SURNAME));
}

/* Named places by their head word: Volgograd Arena, Hong Kong Island, Mount Kenya. Tagged LOC
 * (facilities included: this label set has no FAC). */
static bool loc_pattern(const tagger *T, const chunk *c)
{
    uint32_t words = 0;
    for (uint32_t k = c->a; k < c->b; k++) {
        words += is_w(T, k);
    }
    if (words < 2 || c->of_ext) {
        return false;
    }
    const unit *last = &c->u[c->nu - 1];
    if (last->node == NF_GAZ_NONE && (roles(T, last->b - 1) & NF_GW_LOCSUF)) {
        /* Darrell Castle, Tom Hall: a given name and a surname */
        const nf_gaz_node *n0 = word_node(T, c->a);
        const nf_gaz_node *nl = word_node(T, last->b - 1);
        if (words == 2 && n0 && (n0->roles & NF_GW_GIVEN) && !(n0->roles & NF_GW_COMMON) &&
            nl && (nl->roles & NF_GW_SURNAME)) {
            return false;
        }
        return true;
    }
    const unit *first = &c->u[0];
    return first->node == NF_GAZ_NONE && (roles(T, first->a) & NF_GW_LOCPRE) &&
           !(T->t[first->a].flags & NF_TK_SENT);
}

/* Whether the words [a,b) are exactly a listed multi-word non-entity (World Series, Asian
 * Games): the whole chunk is the phrase, so neither its head word nor its parts make it one. */
static bool nonent_phrase(const tagger *T, uint32_t a, uint32_t b)
{
    if (b < a + 2) {
        return false;
    }
    uint32_t node = nf_gaz_word(T->g, &T->t[a]);
    for (uint32_t k = a + 1; k < b && node != NF_GAZ_NONE; k++) {
        node = nf_gaz_child(T->g, node, T->t[k].hash);
    }
    return node != NF_GAZ_NONE && (nf_gaz_node_at(T->g, node)->roles & NF_GW_NONENT);
}

/* Decide a chunk; after_title: a person title stands right before it. */
static void classify(tagger *T, chunk *c, bool after_title)
{
    uint32_t a = c->a, b = c->b;
    if (a >= b || c->nu == 0) {
        return;
    }
    if (T->round == 1 && c->nu == 1 && c->u[0].node == NF_GAZ_NONE && !after_title &&
        !(T->t[a].flags & NF_TK_HYPHEN) && !tok_is(T, b, T->c->h_lparen)) {
        return;   /* a lone unknown word teaches the article nothing: leave it to pass 2 */
    }
    if (b == a + 1 && b < T->n && (T->t[a].flags & NF_TK_ALLCAPS) && T->t[a].nletters <= 3 &&
        (T->t[b].flags & NF_TK_PUNCT) && T->s[T->t[b].start] == '$') {
        return;   /* US$ 20,000, NZ $26 million, HK$500: a currency, not the place */
    }
    const mslot *m = memo_get(&T->m, mkey(seq_hash(T, a, b), MK_SEQ));
    if (m && m->label && c->nu > 1) {
        emit(T, a, b, m->label, m->country, m->canonical);
        return;
    }
    if (nonent_phrase(T, a, b)) {
        return;
    }
    bool headline = (T->t[a].flags & NF_TK_HEADLINE) != 0;
    if (!headline && c->loc_of) {
        emit(T, a, b, L_LOC, NULL, NULL);
        remember(T, a, b, L_LOC, NULL, NULL);
        return;
    }
    if (!headline && org_pattern(T, c)) {
        org(T, a, b, NULL);
        acronym_definition(T, a, b, L_ORG);
        return;
    }
    if (!headline && loc_pattern(T, c)) {
        emit(T, a, b, L_LOC, NULL, NULL);
        remember(T, a, b, L_LOC, NULL, NULL);
        return;
    }
    /* A one-word place that is also a name, next to a plain capitalised word, is part of a
     * person's name: Dean Kamen (Kamen, Germany), Barack Obama (Obama, Japan), Valeska Paris. */
    if (!headline) {
        for (int k = 0; k < c->nu; k++) {
            unit *u = &c->u[k];
            if (u->node == NF_GAZ_NONE || u->b - u->a != 1 || !name_like_place(T, u)) {
                continue;
            }
            bool prev = k > 0 && plain_name_unit(T, &c->u[k - 1]);
            bool next = k + 1 < c->nu && plain_name_unit(T, &c->u[k + 1]);
            if (prev || next) {
                u->node = NF_GAZ_NONE;
            }
        }
        /* A country that is also a given name, first in a chunk and followed by a surname
         * that is no common word: Jordan Peterson, Chad Smith, Israel Katz. */
        unit *u0 = &c->u[0];
        if (c->nu == 2 && u0->node != NF_GAZ_NONE && u0->b - u0->a == 1 &&
            plain_name_unit(T, &c->u[1])) {
            uint16_t ne;
            const nf_gaz_entry *e = nf_gaz_entries(T->g, u0->node, &ne);
            const nf_gaz_node *n0 = word_node(T, u0->a);
            const nf_gaz_node *n1 = word_node(T, c->u[1].a);
            if (ne && e[0].type == NF_GAZ_COUNTRY && n0 && (n0->roles & NF_GW_GIVEN) &&
                !(n0->roles & NF_GW_COMMON) && n1 && (n1->roles & NF_GW_SURNAME) &&
                !(n1->roles & NF_GW_COMMON)) {
                u0->node = NF_GAZ_NONE;
            }
        }
    }
    int k = 0;
    int last_label = L_NONE;
    while (k < c->nu) {
        unit *u = &c->u[k];
        if (u->node != NF_GAZ_NONE) {
            if (take_gaz(T, u->a, u->b, u->node)) {
                uint16_t ne;
                const nf_gaz_entry *e = nf_gaz_entries(T->g, u->node, &ne);
                last_label = ne && u->b == b ? label_of_type(e[0].type) : L_NONE;
            } else {
                run(T, u->a, u->b, after_title && k == 0);
            }
            k++;
            continue;
        }
        int e2 = k;
        while (e2 < c->nu && c->u[e2].node == NF_GAZ_NONE) {
            e2++;
        }
        run(T, u->a, c->u[e2 - 1].b, after_title && k == 0);
        last_label = L_NONE;
        k = e2;
    }
    if (last_label != L_NONE) {
        /* Only a name that is something defines an acronym: "Digital Millennium Copyright Act
         * (DMCA)" does not make DMCA an organisation. */
        acronym_definition(T, a, b, last_label);
    }
}

/* A title at i (and its complement: President of Kazakhstan, Ambassador to the United
 * States), then the name it introduces. @returns where scanning continues. */
static uint32_t title_then_name(tagger *T, uint32_t i, uint32_t tl)
{
    const nf_ent_ctx *C = T->c;
    uint32_t j = i + tl;
    /* Mr. / Gen. : the dot of the abbreviation */
    if (tok_is(T, j, C->h_dot) && T->t[j].start == T->t[j - 1].end) {
        j++;
    }
    for (int rep = 0; rep < 3; rep++) {
        bool prep = tok_is(T, j, C->h_of) || tok_is(T, j, C->h_to) || tok_is(T, j, C->h_for) ||
                    tok_is(T, j, C->h_at);
        if (!prep || (T->t[j].flags & NF_TK_CAP)) {
            break;
        }
        uint32_t k = j + 1;
        if (tok_is(T, k, C->h_the) && !(T->t[k].flags & NF_TK_CAP)) {
            k++;
        }
        if (!is_cap(T, k)) {
            break;
        }
        uint32_t nd;
        uint32_t gl = gaz_match(T, k, &nd);
        if (gl) {
            uint16_t ne;
            const nf_gaz_entry *e = nf_gaz_entries(T->g, nd, &ne);
            if (ne && e[0].type == NF_GAZ_ORG) {
                /* An organisation may have its own "of ...": State Council of the PRC. */
                chunk c;
                build_chunk(T, k, &c);
                classify(T, &c, false);
                j = c.b;
            } else {
                if (!take_gaz(T, k, k + gl, nd)) {
                    return k;
                }
                j = k + gl;
            }
            continue;
        }
        /* Capitalised common words (Foreign Affairs) belong to the title; an organisation
         * name with a head word is tagged. */
        uint32_t e = k;
        while (is_cap(T, e) && is_common(T, e) && !(T->t[e].flags & NF_TK_NL)) {
            e++;
            if ((tok_is(T, e, C->h_and) || tok_is(T, e, C->h_amp)) && is_cap(T, e + 1)) {
                e++;
            }
        }
        if (e > k && org_word_at(T, e - 1) && e - k >= 2) {
            org(T, k, e, NULL);
        }
        if (e == k) {
            return k;   /* not a title complement: scan it as a name of its own */
        }
        j = e;
    }
    if (is_cap(T, j) && !(T->t[j].flags & NF_TK_NL)) {
        uint32_t tl2 = title_len(T, j);
        uint32_t nd;
        if (tl2 && gaz_match(T, j, &nd) <= tl2) {
            return j;
        }
        chunk c;
        build_chunk(T, j, &c);
        classify(T, &c, true);
        return c.b > j ? c.b : j + 1;
    }
    return j;
}

/* Whether scan() has anything to do at token i; false for the tokens it would step over
 * (most lower-case words, punctuation), which depends on the tokens alone, not on the pass. */
static bool scan_candidate(const tagger *T, uint32_t i)
{
    const nf_tok *t = &T->t[i];
    if (T->blocked[i] || !(t->flags & NF_TK_WORD)) {
        return false;
    }
    if (!(t->flags & NF_TK_CAP) || (t->flags & NF_TK_NUM)) {
        if ((t->flags & NF_TK_HYPHEN) && !(t->flags & NF_TK_NUM)) {
            return true;
        }
        return is_cap(T, i + 1) && (roles(T, i) & (NF_GW_TITLE | NF_GW_TITLEMOD));
    }
    return true;
}

static void scan(tagger *T)
{
    uint32_t i = 0;
    for (uint32_t ci = 0; ci < T->n_cand; ci++) {
        if (T->cand[ci] < i) {
            continue;
        }
        /* Tokens between candidates are ones the loop below would step over one by one. */
        i = T->cand[ci];
        nf_tok *t = &T->t[i];
        if (!(t->flags & NF_TK_CAP) || (t->flags & NF_TK_NUM)) {
            if ((t->flags & NF_TK_HYPHEN) && !(t->flags & NF_TK_NUM)) {
                hyphen_parts(T, i);
            } else if (is_cap(T, i + 1) && (roles(T, i) & (NF_GW_TITLE | NF_GW_TITLEMOD))) {
                /* president Xi, foreign minister Lavrov */
                uint32_t tl = title_len(T, i);
                if (tl && is_cap(T, i + tl)) {
                    i = title_then_name(T, i, tl);
                    continue;
                }
            }
            i++;
            continue;
        }
        uint32_t nd;
        uint32_t gl = gaz_match(T, i, &nd);
        uint32_t r = roles(T, i);
        if (r & (NF_GW_TITLE | NF_GW_TITLEMOD)) {
            uint32_t tl = title_len(T, i);
            if (tl && tl >= gl && !title_poss_org(T, i + tl)) {
                uint32_t nx = title_then_name(T, i, tl);
                i = nx > i ? nx : i + 1;
                continue;
            }
        }
        if (!gl && (r & NF_GW_FUNC)) {
            i++;
            continue;
        }
        chunk c;
        build_chunk(T, i, &c);
        if (c.b <= i) {
            i++;
            continue;
        }
        classify(T, &c, false);
        i = c.b;
    }
}

/* ---- Field set-up ------------------------------------------------------------------------ */

static bool line_end_punct(const tagger *T, uint32_t k)
{
    if (k >= T->n || !(T->t[k].flags & NF_TK_PUNCT)) {
        return false;
    }
    char ch = T->s[T->t[k].start];
    return ch == '.' || ch == '!' || ch == '?' || ch == ':' || ch == ';' || ch == ',';
}

/* Headline test of the line [ls, le) (see mark_structure). */
static void headline_line(tagger *T, uint32_t ls, uint32_t le, uint32_t words, uint32_t caps,
                          uint32_t allcaps, bool recount)
{
    bool may_headline = !(line_end_punct(T, le - 1) && T->s[T->t[le - 1].start] != ',');
    if (recount) {
        words = caps = allcaps = 0;
        for (uint32_t k = ls; k < le; k++) {
            const nf_tok *t = &T->t[k];
            if (!(t->flags & NF_TK_WORD) || (t->flags & NF_TK_NUM) || t->nletters < 2) {
                continue;
            }
            if (may_headline && !(t->flags & NF_TK_CAP) && t->nletters <= 5 &&
                (roles(T, k) & NF_GW_FUNC)) {
                continue;   /* of, the, to: lower case in title case too */
            }
            words++;
            if (t->flags & NF_TK_CAP) {
                caps++;
            }
            if (t->flags & NF_TK_ALLCAPS) {
                allcaps++;
            }
            if (words > 30) {
                break;
            }
        }
    }
    bool ends_sentence = !may_headline;
    bool headline = words >= 2 && words <= 30 &&
                    ((!ends_sentence && caps * 10 >= words * 8 && caps >= 3) ||
                     (allcaps * 10 >= words * 8 && allcaps >= 2));
    if (words >= 3 && allcaps * 10 >= words * 8) {
        headline = true;
    }
    if (headline) {
        for (uint32_t k = ls; k < le; k++) {
            T->t[k].flags |= NF_TK_HEADLINE;
        }
    }
}

/* Mark sentence starts and headline-style lines, and list the tokens scan() must visit, in one
 * pass over the tokens. */
static void mark_structure(tagger *T, uint32_t *cand, uint32_t *n_cand)
{
    bool sent = true;
    uint32_t nc = 0;
    /* Lines: a line that does not end like a sentence and whose words are capitalised (or all
     * upper case) is a headline or a tag line: capitals there say nothing. The counts below
     * are the ones for a line that ends like a sentence; other lines (rare) are recounted. */
    uint32_t ls = 0, words = 0, caps = 0, allcaps = 0;
    for (uint32_t i = 0; i < T->n; i++) {
        nf_tok *t = &T->t[i];
        uint16_t fl = t->flags;
        if (fl & NF_TK_NL) {
            sent = true;
            if (i > ls) {
                bool may = !(line_end_punct(T, i - 1) && T->s[T->t[i - 1].start] != ',');
                headline_line(T, ls, i, words, caps, allcaps, may);
            }
            ls = i;
            words = caps = allcaps = 0;
        }
        if (fl & NF_TK_WORD) {
            if (sent) {
                t->flags |= NF_TK_SENT;
            }
            sent = false;
            /* Counted without a branch: whether a word counts (a number, one letter) is
             * data the branch predictor cannot learn, on every word of the article. */
            unsigned counts = !(fl & NF_TK_NUM) & (t->nletters >= 2) & (words <= 30);
            words += counts;
            caps += counts & ((fl & NF_TK_CAP) != 0);
            allcaps += counts & ((fl & NF_TK_ALLCAPS) != 0);
            if (scan_candidate(T, i)) {
                cand[nc++] = i;
                if (fl & (NF_TK_CAP | NF_TK_ALLCAPS)) {
                    nf_gaz_prefetch_word(T->g, t->hash);
                }
            }
            continue;
        }
        if (fl & NF_TK_POSS) {
            continue;
        }
        char ch = T->s[t->start];
        if (ch == '!' || ch == '?' || ch == ':') {
            sent = true;
        } else if (ch == '.') {
            /* Mr. Gen. Inc. do not end a sentence; neither does an initial. */
            bool abbr = i > 0 && T->t[i - 1].end == t->start && is_w(T, i - 1) &&
                        ((roles(T, i - 1) & NF_GW_ABBR) || (T->t[i - 1].flags & NF_TK_INITIAL));
            sent = !abbr;
        }
    }
    if (T->n > ls) {
        bool may = !(line_end_punct(T, T->n - 1) && T->s[T->t[T->n - 1].start] != ',');
        headline_line(T, ls, T->n, words, caps, allcaps, may);
    }
    *n_cand = nc;
    /* The candidates' edges are on their way to the cache: look the words up now, and start
     * loading their nodes, so the chunker finds both in cache. */
    for (uint32_t k = 0; k < nc; k++) {
        nf_tok *t = &T->t[cand[k]];
        if (t->flags & (NF_TK_CAP | NF_TK_ALLCAPS)) {
            nf_gaz_prefetch_node(T->g, nf_gaz_word(T->g, t));
        }
    }
}

static void setup_field(nf_doc *doc, uint8_t f, field_toks *ft)
{
    ft->s = doc->field[f];
    ft->len = doc->field_len[f];
    /* A private copy of the doc's shared tokens: the tagger marks sentence starts and
     * headlines on them and memoises gazetteer lookups in them. */
    uint32_t n;
    const nf_tok *shared = nf_doc_tokens(doc, (nf_field)f, &n);
    nf_toks_copy(&doc->arena, shared, n, &ft->toks);
    ft->blocked = nf_arena_calloc(&doc->arena, ft->toks.n ? ft->toks.n : 1);
    ft->gm_len = nf_arena_calloc(&doc->arena, ft->toks.n ? ft->toks.n : 1);
    ft->gm_node = nf_arena_alloc(&doc->arena, (ft->toks.n ? ft->toks.n : 1) * sizeof(uint32_t));
    for (uint32_t k = 0; k < doc->n_anns; k++) {
        const nf_ann *a = &doc->anns[k];
        if (a->kind != NF_ANN_ENTITY || a->field != f) {
            continue;
        }
        for (uint32_t i = 0; i < ft->toks.n; i++) {
            if (ft->toks.v[i].start < a->end && ft->toks.v[i].end > a->start) {
                ft->blocked[i] = 1;
            }
        }
    }
}

void nf_ent_tag_doc(const nf_ent_ctx *ctx, nf_doc *doc, nf_ent_marked *out)
{
    field_toks ft[NF_FIELD_COUNT];
    memset(ft, 0, sizeof ft);
    if (out) {
        memset(out, 0, sizeof *out);
    }
    uint32_t total = 0;
    for (uint8_t f = 0; f < NF_FIELD_COUNT; f++) {
        if (!doc->field[f] || !doc->field_len[f] || (f == NF_FIELD_TITLE && !ctx->title)) {
            continue;
        }
        setup_field(doc, f, &ft[f]);
        total += ft[f].toks.n;
        if (out) {
            /* The same arrays the tagger marks below: filled in by the time it returns. */
            out->s[f] = ft[f].s;
            out->toks[f] = ft[f].toks;
            out->blocked[f] = ft[f].blocked;
        }
    }
    if (!total) {
        return;
    }
    tagger T;
    memset(&T, 0, sizeof T);
    T.c = ctx;
    T.g = ctx->gaz;
    T.doc = doc;
    T.m.cap = 64;
    while (T.m.cap < total / 4) {
        T.m.cap *= 2;
    }
    T.m.v = nf_arena_calloc(&doc->arena, T.m.cap * sizeof *T.m.v);
    T.cc = nf_arena_calloc(&doc->arena, 26 * 26 * sizeof *T.cc);

    /* What other stages already found (the dateline's place) is known to the article. */
    for (uint32_t k = 0; k < doc->n_anns; k++) {
        const nf_ann *a = &doc->anns[k];
        if (a->kind == NF_ANN_ENTITY && a->country) {
            int ci = cc_index(a->country);
            if (ci >= 0) {
                T.cc[ci] += 2;
            }
        }
    }
    for (int round = 1; round <= 2; round++) {
        T.round = round;
        for (uint8_t f = 0; f < NF_FIELD_COUNT; f++) {
            if (!ft[f].toks.n) {
                continue;
            }
            T.field = f;
            T.s = ft[f].s;
            T.t = ft[f].toks.v;
            T.n = ft[f].toks.n;
            T.blocked = ft[f].blocked;
            T.gm_len = ft[f].gm_len;
            T.gm_node = ft[f].gm_node;
            if (round == 1) {
                ft[f].cand = nf_arena_alloc(&doc->arena, T.n * sizeof *ft[f].cand);
                mark_structure(&T, ft[f].cand, &ft[f].n_cand);
                /* Spans other stages tagged are remembered with their label. */
                for (uint32_t k = 0; k < doc->n_anns; k++) {
                    const nf_ann *an = &doc->anns[k];
                    if (an->kind != NF_ANN_ENTITY || an->field != f || !an->label) {
                        continue;
                    }
                    uint32_t a = 0;
                    while (a < T.n && T.t[a].start < an->start) {
                        a++;
                    }
                    uint32_t b = a;
                    while (b < T.n && T.t[b].end <= an->end) {
                        b++;
                    }
                    if (b > a && T.t[a].start == an->start && T.t[b - 1].end == an->end) {
                        memo_put(&T.m, &doc->arena, mkey(seq_hash(&T, a, b), MK_SEQ),
                                 label_from_name(an->label), an->country, an->canonical);
                    }
                }
            }
            T.cand = ft[f].cand;
            T.n_cand = ft[f].n_cand;
            scan(&T);
        }
    }
}
