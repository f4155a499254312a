/* How the learned tagger's spans and the rules' annotations make the stage's output
 * (stage.entities.combine):
 *
 *   rules   the rules alone (the model is not even run);
 *   model   the model's PERSON/ORG/LOC spans; from the rules only NORP (the model has no such
 *           class) where it does not overlap a model span;
 *   hybrid  the rules' annotations, corrected by the model. On wire-copy lines that are no
 *           prose (slug lines, all-caps headlines, result tables: is_prose) the model decides,
 *           as in model mode. Elsewhere it corrects the rules where it is sure (score margins,
 *           stage.entities.hybrid_*): a model span where the rules found nothing is added
 *           (hybrid_add, hybrid_add_single; a listed given name or surname alone as a
 *           person at hybrid_add_name; a place no list knows only at hybrid_add_place);
 *           where both found the same span with different classes the model's class wins
 *           (hybrid_relabel: it saw the rules' decision as a feature and learnt when it is
 *           wrong, e.g. a city name as a sports team is an ORG) and the rules' other
 *           mentions of that name follow; model spans that cover at least 80% of rule spans
 *           replace them (hybrid_override), but never cut into a rule PERSON (except a role
 *           word in front at a sentence start: role_in_front); a rule span
 *           the model is sure is no entity is dropped (hybrid_drop). In a sports or market
 *           report (nf_ent_doc_kind) a model ORG span needs only hybrid_kind_org for any of
 *           these (clubs and companies named like places: "Yorkshire", "Munich Re").
 *
 * Either way a model span gets its attributes from the gazetteers and rules: a span the rules
 * found too keeps their label (GPE vs LOC), country and canonical when the classes agree; a
 * LOC span of the model that is a listed place becomes a GPE with its country and canonical.
 * Document consistency: the same word sequence keeps one model class in a story (majority of
 * its mentions; ties keep each mention's own). */
#include "pipeline/stages/entities_model.h"

#include <stdlib.h>
#include <string.h>

typedef struct mspan {
    uint8_t field;
    uint8_t cls;              /* NF_EM_PER / ORG / LOC */
    uint32_t a, b;            /* tokens */
    uint32_t start, end;      /* bytes */
    uint64_t key;             /* hash of the token hashes */
    float margin;             /* smallest per-token margin (nf_em_tag) */
} mspan;

static int cls_of_label(const char *l)
{
    switch (nf_ent_label_bit(l)) {
    case NF_ENT_PERSON: return NF_EM_PER;
    case NF_ENT_ORG: return NF_EM_ORG;
    case NF_ENT_GPE:
    case NF_ENT_LOC: return NF_EM_LOC;
    default: return NF_EM_NONE;
    }
}

/* The identity of a name in a story: a hash of its tokens' folded hashes. */
static uint64_t seq_key(const nf_tok *t, uint32_t a, uint32_t b)
{
    uint64_t h = 0x84222325cbf29ce4ULL;
    for (uint32_t j = a; j < b; j++) {
        h = (h ^ t[j].hash) * 0x100000001b3ULL;
        h ^= h >> 29;
    }
    return h;
}

/* seq_key of the tokens a rule annotation covers (0 when it does not fall on tokens). */
static uint64_t ann_key(const nf_ef_doc *fd, const nf_ann *r)
{
    const nf_toks *tk = &fd->mk->toks[r->field];
    uint32_t lo = 0, hi = tk->n;
    while (lo < hi) {
        uint32_t mid = (lo + hi) / 2;
        if (tk->v[mid].start < r->start) {
            lo = mid + 1;
        } else {
            hi = mid;
        }
    }
    uint32_t b = lo;
    while (b < tk->n && tk->v[b].end <= r->end) {
        b++;
    }
    return b > lo ? seq_key(tk->v, lo, b) : 0;
}

/* Spans from the tags; connectors at either end are trimmed (the Bank of). */
static uint32_t spans_of(const nf_ent_ctx *c, const nf_ef_doc *fd, const uint8_t *tags,
                         const float *margin, mspan *out)
{
    uint32_t ns = 0;
    for (uint32_t k = 0; k < fd->nsegs; k++) {
        const nf_ef_seg *sg = &fd->segs[k];
        const nf_tok *t = fd->mk->toks[sg->field].v;
        uint32_t i = sg->a;
        while (i < sg->b) {
            uint8_t tg = tags[sg->first + (i - sg->a)];
            if (tg == NF_EM_O || !(tg & 1)) {
                i++;
                continue;
            }
            uint32_t a = i++;
            while (i < sg->b && tags[sg->first + (i - sg->a)] == tg + 1) {
                i++;
            }
            uint32_t b = i;
            while (a < b && nf_ent_is_conn(c, &t[a])) {
                a++;
            }
            while (b > a && nf_ent_is_conn(c, &t[b - 1])) {
                b--;
            }
            if (a == b) {
                continue;
            }
            mspan *m = &out[ns++];
            m->field = sg->field;
            m->cls = (uint8_t)((tg + 1) / 2);
            m->a = a;
            m->b = b;
            m->start = t[a].start;
            m->end = t[b - 1].end;
            m->key = seq_key(t, a, b);
            m->margin = 3e38f;
            for (uint32_t j = a; j < b; j++) {
                float mg = margin[sg->first + (j - sg->a)];
                m->margin = mg < m->margin ? mg : m->margin;
            }
        }
    }
    return ns;
}

/* One class per name in a story: the majority of its mentions, counted in a small hash
 * table keyed by the word sequence. */
typedef struct kslot {
    uint64_t key;
    uint16_t cnt[4];
} kslot;

static void consistent(nf_arena *arena, mspan *s, uint32_t n)
{
    uint32_t cap = 16;
    while (cap < 2 * n) {
        cap *= 2;
    }
    kslot *tab = nf_arena_calloc(arena, cap * sizeof *tab);
    uint32_t *slot = nf_arena_alloc(arena, (n ? n : 1) * sizeof *slot);
    for (uint32_t i = 0; i < n; i++) {
        uint64_t key = s[i].key ? s[i].key : 1;
        uint32_t h = (uint32_t)(key >> 17) & (cap - 1);
        while (tab[h].key && tab[h].key != key) {
            h = (h + 1) & (cap - 1);
        }
        tab[h].key = key;
        tab[h].cnt[s[i].cls]++;
        slot[i] = h;
    }
    for (uint32_t i = 0; i < n; i++) {
        const uint16_t *cnt = tab[slot[i]].cnt;
        unsigned best = s[i].cls;
        for (unsigned k = 1; k < 4; k++) {
            if (cnt[k] > cnt[best]) {
                best = k;
            }
        }
        s[i].cls = (uint8_t)best;
    }
}

static int cmp_ann_pos(const void *x, const void *y)
{
    const nf_ann *a = x, *b = y;
    if (a->field != b->field) {
        return a->field < b->field ? -1 : 1;
    }
    if (a->start != b->start) {
        return a->start < b->start ? -1 : 1;
    }
    return a->end < b->end ? -1 : a->end > b->end;
}

static bool overlaps(const nf_ann *r, const mspan *m)
{
    return r->field == m->field && r->start < m->end && m->start < r->end;
}

/* A model LOC span that is a listed place: its GPE entry (best weight). */
static const nf_gaz_entry *listed_place(const nf_ent_ctx *c, const nf_ef_doc *fd,
                                        const mspan *m, bool any_place)
{
    const nf_tok *t = fd->mk->toks[m->field].v;
    uint32_t node = 0;
    for (uint32_t j = m->a; j < m->b; j++) {
        node = nf_gaz_child(c->gaz, node, t[j].hash);
        if (node == NF_GAZ_NONE) {
            return NULL;
        }
    }
    uint16_t ne;
    const nf_gaz_entry *e = nf_gaz_entries(c->gaz, node, &ne);
    const nf_gaz_entry *best = NULL;
    for (uint16_t k = 0; k < ne; k++) {
        bool gpe = e[k].type == NF_GAZ_COUNTRY || e[k].type == NF_GAZ_ADM1 ||
                   e[k].type == NF_GAZ_CITY || e[k].type == NF_GAZ_PLACE ||
                   (any_place && e[k].type == NF_GAZ_LOC);
        if (gpe && !(e[k].flags & NF_GAZ_EXACT_CASE) && (!best || e[k].weight > best->weight)) {
            best = &e[k];
        }
    }
    return best;
}

/* How sure the model is that a rule's span is no entity: the smallest O margin over the
 * span's tokens that are in segments; -1 when none is, or when one of them is not O. */
static float o_margin(const nf_ef_doc *fd, const uint8_t *tags, const float *margin,
                      const nf_ann *r)
{
    float mg = 3e38f;
    bool any = false;
    /* Segments are in (field, position) order: skip to the first that can reach the span. */
    uint32_t lo = 0, hi = fd->nsegs;
    while (lo < hi) {
        uint32_t mid = (lo + hi) / 2;
        const nf_ef_seg *sg = &fd->segs[mid];
        if (sg->field < r->field ||
            (sg->field == r->field && fd->mk->toks[sg->field].v[sg->b - 1].end <= r->start)) {
            lo = mid + 1;
        } else {
            hi = mid;
        }
    }
    for (uint32_t k = lo; k < fd->nsegs; k++) {
        const nf_ef_seg *sg = &fd->segs[k];
        const nf_tok *t = fd->mk->toks[sg->field].v;
        if (sg->field != r->field || t[sg->a].start >= r->end) {
            break;
        }
        for (uint32_t i = sg->a; i < sg->b; i++) {
            if (t[i].start >= r->end || t[i].end <= r->start) {
                continue;
            }
            uint32_t slot = sg->first + (i - sg->a);
            if (tags[slot] != NF_EM_O) {
                return -1;
            }
            mg = margin[slot] < mg ? margin[slot] : mg;
            any = true;
        }
    }
    return any ? mg : -1;
}

static const char *const cls_label[] = {NULL, "PERSON", "ORG", "LOC"};

/* The annotation for a model span: attributes from an identical rule span when the classes
 * agree, else from the gazetteer for places. */
static nf_ann model_ann(const nf_ent_ctx *c, const nf_ef_doc *fd, const mspan *m,
                        const nf_ann *same)
{
    nf_ann an;
    memset(&an, 0, sizeof an);
    an.field = m->field;
    an.kind = NF_ANN_ENTITY;
    an.start = m->start;
    an.end = m->end;
    an.label = cls_label[m->cls];
    if (same && cls_of_label(same->label) == m->cls) {
        an.label = same->label;
        an.country = same->country;
        an.canonical = same->canonical;
        an.extra_json = same->extra_json;
        return an;
    }
    if (m->cls == NF_EM_LOC) {
        const nf_gaz_entry *e = listed_place(c, fd, m, false);
        if (e) {
            an.label = "GPE";
            an.country = e->country[0] ? e->country : NULL;
            an.canonical = e->canonical;
        }
    }
    return an;
}

/* Bytes of each rule span (sorted) that model spans (in order) cover. */
static void rule_coverage(const nf_ann *rules, uint32_t nr, const mspan *ms, uint32_t nm,
                          uint32_t *cov)
{
    uint32_t r0 = 0;
    for (uint32_t k = 0; k < nm; k++) {
        while (r0 < nr && (rules[r0].field < ms[k].field ||
                           (rules[r0].field == ms[k].field && rules[r0].end <= ms[k].start))) {
            r0++;
        }
        for (uint32_t r = r0; r < nr && overlaps(&rules[r], &ms[k]); r++) {
            uint32_t a = rules[r].start > ms[k].start ? rules[r].start : ms[k].start;
            uint32_t b = rules[r].end < ms[k].end ? rules[r].end : ms[k].end;
            cov[r] += b - a;
        }
    }
}

/* Did the rules find this span on evidence other than capitals: the whole span is a listed
 * name, it ends or starts with an organisation or place head word ("Corp", "Ministry", "River",
 * "Mount"), a title or a kind of organisation stands before it ("President", "carmaker"), a
 * cue after it ("said", "reported"), or a person starts with a known given name? Where it did
 * not, the rules' class is a guess from capitals and position, and hybrid trusts the model
 * over it with the lower margin hybrid_unlisted. Gazetteer lookups without memo (the tokens
 * are the doc's shared layer). */
static uint32_t first_tok(const nf_toks *tk, uint32_t start);

/* The gazetteer's node for one word (its roles and name ranks), NULL for a word it lacks. */
static const nf_gaz_node *word_node(const nf_ent_ctx *c, uint64_t hash)
{
    uint32_t node = nf_gaz_child(c->gaz, 0, hash);
    return node == NF_GAZ_NONE ? NULL : nf_gaz_node_at(c->gaz, node);
}

static bool rule_evidence(const nf_ent_ctx *c, const nf_ef_doc *fd, const nf_ann *r)
{
    const nf_toks *tk = &fd->mk->toks[r->field];
    if (!tk->n) {
        return true;
    }
    uint32_t a = first_tok(tk, r->start), b = a;
    while (b < tk->n && tk->v[b].start < r->end) {
        b++;
    }
    if (b <= a || tk->v[a].start != r->start) {
        return true;   /* not on token boundaries: leave it to the stronger thresholds */
    }
    uint32_t node = 0;
    for (uint32_t j = a; j < b && node != NF_GAZ_NONE; j++) {
        node = nf_gaz_child(c->gaz, node, tk->v[j].hash);
    }
    if (node != NF_GAZ_NONE && nf_gaz_node_at(c->gaz, node)->n_entries) {
        return true;
    }
    const nf_gaz_node *first = word_node(c, tk->v[a].hash);
    const nf_gaz_node *last = word_node(c, tk->v[b - 1].hash);
    const nf_gaz_node *prev = a > 0 ? word_node(c, tk->v[a - 1].hash) : NULL;
    const nf_gaz_node *next = b < tk->n ? word_node(c, tk->v[b].hash) : NULL;
    if (first && first->given_rank && !strcmp(r->label, "PERSON")) {
        return true;
    }
    uint32_t roles = 0;
    roles |= first ? first->roles & (NF_GW_ORGPRE | NF_GW_LOCPRE) : 0;
    roles |= last ? last->roles & (NF_GW_ORGSUF | NF_GW_LOCSUF) : 0;
    roles |= prev ? prev->roles & (NF_GW_TITLE | NF_GW_CUE_ORG_BEFORE | NF_GW_CUE_PER_BEFORE) : 0;
    roles |= next ? next->roles & (NF_GW_CUE_PER_AFTER | NF_GW_CUE_ORG_AFTER) : 0;
    return roles != 0;
}

/* Is a margin enough to overrule the rule spans rs[0, n): the threshold \p backed when one
 * of them has evidence beyond capitals, hybrid_unlisted when none has. The gazetteer is only
 * asked when the margin falls between the two (most model spans agree with the rules by far). */
static bool sure_enough(const nf_ent_ctx *c, const nf_ef_doc *fd, float margin,
                        const nf_ann *rs, uint32_t n, double backed)
{
    bool above_backed = margin >= backed, above_unlisted = margin >= c->hybrid_unlisted;
    if (above_backed == above_unlisted) {
        return above_backed;
    }
    for (uint32_t r = 0; r < n; r++) {
        if (rule_evidence(c, fd, &rs[r])) {
            return above_backed;
        }
    }
    return above_unlisted;
}

/* The margin a one-word model span needs where the rules found nothing: hybrid_add_single,
 * or hybrid_add_name for a PERSON that the name lists know as a given name or surname. Such
 * a word alone is a person the rules leave out for want of a second word or a cue ("Geoff,"
 * signing an e-mail, "Rumsfeld" in prose); one-word organisations and places the model adds
 * are mostly products, events and religions ("IE6", "Hajj", "Wicca"), which the lists do not
 * back. The gazetteer is only asked when the margin falls between the two thresholds. */
static double add_single_bar(const nf_ent_ctx *c, const nf_ef_doc *fd, const mspan *m)
{
    if (m->cls != NF_EM_PER || (m->margin >= c->hybrid_add_single) ==
                                   (m->margin >= c->hybrid_add_name)) {
        return c->hybrid_add_single;
    }
    const nf_gaz_node *n = word_node(c, fd->mk->toks[m->field].v[m->a].hash);
    return n && (n->given_rank || n->surname_rank) ? c->hybrid_add_name : c->hybrid_add_single;
}

/* Is the number token a score ("2-1", "38-17"): digits, a hyphen, digits, at most 5 bytes? */
static bool is_score(const char *s, const nf_tok *t)
{
    uint32_t len = t->end - t->start;
    if (len < 3 || len > 5) {
        return false;
    }
    const char *p = s + t->start, *e = p + len;
    const char *h = memchr(p, '-', len);
    if (!h || h == p || h + 1 == e) {
        return false;
    }
    for (const char *q = p; q < e; q++) {
        if (q != h && (*q < '0' || *q > '9')) {
            return false;
        }
    }
    return true;
}

unsigned nf_ent_doc_kind(const nf_ent_ctx *c, const nf_ent_marked *mk)
{
    /* Distinct words: a word repeated is one sign ("percent" five times in a policy story is
     * no market report). A table of scores is a results story however few its words. */
    enum { SEEN = 8 };
    uint64_t seen[SEEN];
    unsigned nseen = 0, sport = 0, market = 0, scores = 0;
    for (int f = 0; f < NF_FIELD_COUNT; f++) {
        const nf_tok *t = mk->toks[f].v;
        for (uint32_t i = 0, n = mk->toks[f].n; i < n; i++) {
            /* Nearly every word is no cue: one bit of a small filter says so, tested for
             * every token (lower-case or not: which one a token is, is a coin toss for the
             * branch predictor; whether the bit is set, is not). */
            uint32_t b = nf_gaz_filter_bit(t[i].hash);
            bool lower = (t[i].flags & NF_TK_LOWER) != 0;
            if (lower & (bool)((c->cue_bits[b / 64] >> (b % 64)) & 1)) {
                uint32_t r = nf_gaz_small_roles(c->gaz, t[i].hash) &
                             (NF_GW_CUE_SPORT | NF_GW_CUE_MARKET);
                unsigned k = 0;
                while (r && k < nseen && seen[k] != t[i].hash) {
                    k++;
                }
                if (!r || k < nseen || nseen == SEEN) {
                    continue;   /* nearly every word: no cue */
                }
                seen[nseen++] = t[i].hash;
                sport += (r & NF_GW_CUE_SPORT) != 0;
                market += (r & NF_GW_CUE_MARKET) != 0;
            } else if ((t[i].flags & NF_TK_NUM) && !lower && scores < 2 &&
                       is_score(mk->s[f], &t[i])) {
                scores++;
            }
        }
    }
    return (sport + scores >= 2 ? NF_ENT_KIND_SPORT : 0) |
           (market >= 3 ? NF_ENT_KIND_MARKET : 0);
}

/* A rule PERSON with one word glued in front at a sentence start, where the model's PERSON is
 * exactly the rest and starts with a listed given name: "Fly-half Jack Crowley kicked" (the rules take
 * the capitalised role word in; the model does not). The word must be no given name, and no
 * surname unless it is a common word too ("fly" is both): else the rules' longer name may be
 * right ("Rose Mary Smith"). */
static bool role_in_front(const nf_ent_ctx *c, const nf_ef_doc *fd, const nf_ann *r,
                          const mspan *m)
{
    if (m->cls != NF_EM_PER || r->end != m->end || r->start >= m->start ||
        strcmp(r->label, "PERSON")) {
        return false;
    }
    const char *s = fd->mk->s[r->field];
    const nf_toks *tk = &fd->mk->toks[r->field];
    /* One word: no blank inside [r->start, m->start - 1), one blank right before the name. */
    if (m->start - r->start < 2 || s[m->start - 1] != ' ' ||
        memchr(s + r->start, ' ', m->start - 1 - r->start)) {
        return false;
    }
    uint32_t a = first_tok(tk, r->start);
    if (a >= tk->n || tk->v[a].start != r->start || !(tk->v[a].flags & NF_TK_SENT)) {
        return false;
    }
    const nf_gaz_node *n = word_node(c, tk->v[a].hash);
    if (n && (n->given_rank || (n->surname_rank && !(n->roles & NF_GW_COMMON)))) {
        return false;   /* a name, not a word that is also a rare surname ("Fly") */
    }
    const nf_gaz_node *given = word_node(c, tk->v[m->a].hash);
    return given && given->given_rank;
}

#define KIND_UNKNOWN 0xffu

/* In a sports or market report a name written like a place is often a club or a company
 * ("Yorkshire took the lead", "Munich Re"): a model ORG span there needs only hybrid_kind_org.
 * Asked only where the other thresholds refuse the span; the story is read once (*kind). */
static bool kind_org(const nf_ent_ctx *c, const nf_ef_doc *fd, const mspan *m, unsigned *kind)
{
    if (m->cls != NF_EM_ORG || m->margin < c->hybrid_kind_org) {
        return false;
    }
    if (*kind == KIND_UNKNOWN) {
        *kind = nf_ent_doc_kind(c, fd->mk);
    }
    return *kind != 0;
}

/* Hybrid: does model span m go into the output, given the rule spans [r0, r1) it overlaps
 * (same: the one with exactly its extent)? \p kind: the story's kind, KIND_UNKNOWN until
 * asked. */
static bool hybrid_takes(const nf_ent_ctx *c, const nf_ef_doc *fd, const mspan *m,
                         const nf_ann *rules, uint32_t r0, uint32_t r1, const nf_ann *same,
                         const uint32_t *cov, unsigned *kind)
{
    if (same) {
        return sure_enough(c, fd, m->margin, same, 1, c->hybrid_relabel) ||
               kind_org(c, fd, m, kind);
    }
    if (r1 > r0) {
        /* Nationality words and nothing else ("Portuguese-Brazilian partnership") stay the
         * gazetteers' NORP: the model has no such class. */
        uint32_t norp_bytes = 0;
        bool all_norp = true;
        for (uint32_t r = r0; r < r1 && all_norp; r++) {
            all_norp = !strcmp(rules[r].label, "NORP");
            norp_bytes += rules[r].end - rules[r].start + 1;   /* + the joining hyphen/space */
        }
        if (all_norp && norp_bytes >= m->end - m->start) {
            return false;
        }
        /* A role word glued in front of a rule PERSON ("Fly-half Jack Crowley"): the model's
         * name replaces it whatever its margin (weak there: the rules' span is a feature); the
         * lists back the cut (role_in_front). */
        if (r1 - r0 == 1 && role_in_front(c, fd, &rules[r0], m)) {
            return true;
        }
        /* Another segmentation of what the rules found: the model's span must contain each
         * rule span, or the model's spans together must cover at least 80% of it (it
         * re-segments "United States Hamdullah Mohib", it does not just take "Party" out of
         * "Workers' Party"); a person the rules found is never cut (titles, "said"). */
        for (uint32_t r = r0; r < r1; r++) {
            bool inside = m->start <= rules[r].start && rules[r].end <= m->end;
            if (!inside && (!strcmp(rules[r].label, "PERSON") ||
                            (uint64_t)cov[r] * 10 < (uint64_t)(rules[r].end - rules[r].start) * 8)) {
                return false;
            }
        }
        return sure_enough(c, fd, m->margin, rules + r0, r1 - r0, c->hybrid_override) ||
               kind_org(c, fd, m, kind);
    }
    if (m->margin < (m->b - m->a > 1 ? c->hybrid_add : add_single_bar(c, fd, m))) {
        /* one unknown capitalised word is weak evidence (Pemex, Hurricane) */
        return kind_org(c, fd, m, kind);
    }
    /* A place the rules did not find and no list knows: unknown capitalised words
     * (religions, products, events) look like places to the model; only a margin of
     * hybrid_add_place takes it ("at The Oval", "Valhalla"). */
    return m->cls != NF_EM_LOC || m->margin >= c->hybrid_add_place ||
           listed_place(c, fd, m, true) != NULL;
}

/* Per token of a field: 0 on a wire-copy line that is no prose: a line that does not end like
 * a sentence and is written in capitals (slug lines, all-caps headlines, datelines) or
 * carries numbers (result tables, leaderboards, scorers: "Leicester 2 Derby 1"); 1 elsewhere,
 * title-case headlines included. The rules are precise on prose; on those lines capitals and
 * word order say little, and hybrid mode lets the model decide there, as in model mode. */
typedef struct prose_map {
    const nf_toks *tk;
    const char *s;
    uint8_t *v;               /* per token: 0 unknown, 1 wire line, 2 prose */
} prose_map;

/* Is token i's line prose? Each line is read once, and only when asked about. */
static bool is_prose(prose_map *pm, uint32_t i)
{
    const nf_toks *tk = pm->tk;
    if (!pm->v[i]) {
        uint32_t ls = i, le = i + 1;
        while (ls > 0 && !(tk->v[ls].flags & NF_TK_NL)) {
            ls--;
        }
        while (le < tk->n && !(tk->v[le].flags & NF_TK_NL)) {
            le++;
        }
        uint32_t e = le - 1;
        while (e > ls && (tk->v[e].flags & NF_TK_PUNCT) && strchr("\"')]", pm->s[tk->v[e].start])) {
            e--;   /* closing quotes and brackets */
        }
        char ch = (tk->v[e].flags & NF_TK_PUNCT) ? pm->s[tk->v[e].start] : 0;
        bool sentence = ch == '.' || ch == '!' || ch == '?';
        unsigned words = 0, caps = 0, nums = 0;
        for (uint32_t k = ls; k < le && !sentence; k++) {
            uint16_t f = tk->v[k].flags;
            nums += (f & NF_TK_NUM) != 0;
            if ((f & NF_TK_WORD) && !(f & NF_TK_NUM) && tk->v[k].nletters >= 2) {
                words++;
                caps += (f & NF_TK_ALLCAPS) != 0;
            }
        }
        bool wire = !sentence && (nums > 0 || (words && caps * 10 >= words * 6));
        memset(pm->v + ls, wire ? 1 : 2, le - ls);
    }
    return pm->v[i] == 2;
}

static uint32_t first_tok(const nf_toks *tk, uint32_t start)
{
    /* Lower bound with a conditional move per step (no mispredicted branch). */
    const nf_tok *base = tk->v;
    uint32_t len = tk->n;
    while (len > 1) {
        uint32_t half = len / 2;
        base += (size_t)(base[half - 1].start < start) * half;   /* no branch */
        len -= half;
    }
    uint32_t lo = (uint32_t)(base - tk->v) + (len == 1 && base->start < start);
    return lo < tk->n ? lo : (tk->n ? tk->n - 1 : 0);
}

/* A name whose class the model changed in a story. */
typedef struct relabel {
    uint64_t key;
    uint8_t cls;
} relabel;

/* The rules' annotations that no model span replaced: NORP always; in hybrid mode the rest
 * unless the model is sure they are no entity, and with the class the model gave the same
 * name elsewhere in the story when it overruled the rules there (one name, one class:
 * "Leicester" the team in every mention, not only in the one the model was sure about). */
static void emit_rules(const nf_ent_ctx *c, nf_doc *doc, const nf_ef_doc *fd,
                       const uint8_t *tags, const float *margin, const nf_ann *rules,
                       uint32_t nr, const uint8_t *rule_hit, const relabel *relab,
                       uint32_t nrelab, prose_map *prose)
{
    bool hybrid = c->combine_mode == NF_ENT_COMBINE_HYBRID;
    for (uint32_t r = 0; r < nr; r++) {
        if (rule_hit[r]) {
            continue;
        }
        bool norp = !strcmp(rules[r].label, "NORP");
        const nf_toks *tk = &fd->mk->toks[rules[r].field];
        bool in_prose = tk->n && is_prose(&prose[rules[r].field], first_tok(tk, rules[r].start));
        if (!norp && !(hybrid && in_prose && o_margin(fd, tags, margin, &rules[r]) < c->hybrid_drop)) {
            continue;   /* outside prose, hybrid keeps what the model found (model mode) */
        }
        nf_ann an = rules[r];
        int cls = cls_of_label(an.label);
        uint64_t key = nrelab && cls ? ann_key(fd, &an) : 0;
        for (uint32_t k = 0; key && k < nrelab; k++) {
            if (relab[k].key == key && relab[k].cls != cls) {
                an.label = cls_label[relab[k].cls];
                an.country = NULL;
                an.canonical = NULL;
                an.extra_json = NULL;
                break;
            }
        }
        if (c->label_mask & nf_ent_label_bit(an.label)) {
            nf_doc_add_ann(doc, &an);
        }
    }
}

void nf_em_apply(const nf_ent_ctx *ctx, nf_doc *doc, const nf_ent_marked *mk,
                 uint32_t rule_from)
{
    const nf_em_model *m = ctx->em;
    uint32_t rule_to = doc->n_anns;
    nf_ef_doc fd;
    /* Serving scores while extracting; a feature hook (trainer tests) gets the rows. */
    nf_ef_extract(ctx, doc, mk, rule_from, rule_to, m->rows_log2,
                  ctx->feature_hook ? NULL : m, &fd);
    if (ctx->feature_hook) {
        ctx->feature_hook(ctx->feature_hook_arg, doc, &fd);
    }
    if (!fd.ntok) {
        if (ctx->combine_mode == NF_ENT_COMBINE_MODEL) {
            goto only_norp;
        }
        return;
    }
    uint8_t *tags = nf_arena_alloc(&doc->arena, fd.ntok);
    float *margin = nf_arena_alloc(&doc->arena, fd.ntok * sizeof *margin);
    nf_em_tag(m, &fd, &doc->arena, tags, margin);
    mspan *ms = nf_arena_alloc(&doc->arena, fd.ntok * sizeof *ms);
    uint32_t nm = spans_of(ctx, &fd, tags, margin, ms);
    consistent(&doc->arena, ms, nm);

    /* The rules' annotations are copied out, the tail of doc->anns is rebuilt. */
    uint32_t nr = rule_to - rule_from;
    nf_ann *rules = nf_arena_alloc(&doc->arena, (nr ? nr : 1) * sizeof *rules);
    if (nr) {
        memcpy(rules, doc->anns + rule_from, nr * sizeof *rules);   /* anns is NULL when none */
    }
    doc->n_anns = rule_from;
    bool hybrid = ctx->combine_mode == NF_ENT_COMBINE_HYBRID;
    uint8_t *rule_hit = nf_arena_calloc(&doc->arena, nr ? nr : 1);
    /* Both lists in (field, start) order, neither overlapping itself: one sweep finds the
     * rule annotations [r0, r1) that overlap each model span. */
    qsort(rules, nr, sizeof *rules, cmp_ann_pos);
    uint32_t *cov = nf_arena_calloc(&doc->arena, (nr ? nr : 1) * sizeof *cov);
    prose_map prose[NF_FIELD_COUNT];
    for (int f = 0; f < NF_FIELD_COUNT; f++) {
        prose[f].tk = &mk->toks[f];
        prose[f].s = mk->s[f];
        prose[f].v = nf_arena_calloc(&doc->arena, mk->toks[f].n ? mk->toks[f].n : 1);
    }
    relabel *relab = nf_arena_alloc(&doc->arena, (nm ? nm : 1) * sizeof *relab);
    uint32_t nrelab = 0;
    unsigned kind = KIND_UNKNOWN;
    rule_coverage(rules, nr, ms, nm, cov);
    uint32_t r0 = 0;
    for (uint32_t k = 0; k < nm; k++) {
        while (r0 < nr && (rules[r0].field < ms[k].field ||
                           (rules[r0].field == ms[k].field && rules[r0].end <= ms[k].start))) {
            r0++;
        }
        uint32_t r1 = r0;
        const nf_ann *same = NULL;
        while (r1 < nr && overlaps(&rules[r1], &ms[k])) {
            if (rules[r1].start == ms[k].start && rules[r1].end == ms[k].end) {
                same = &rules[r1];
            }
            r1++;
        }
        if (hybrid && is_prose(&prose[ms[k].field], ms[k].a) &&
            !hybrid_takes(ctx, &fd, &ms[k], rules, r0, r1, same, cov, &kind)) {
            continue;
        }
        for (uint32_t r = r0; r < r1; r++) {
            rule_hit[r] = 1;   /* replaced by the model's span */
        }
        nf_ann an = model_ann(ctx, &fd, &ms[k], same);
        if (same && cls_of_label(same->label) != ms[k].cls) {
            relab[nrelab].key = ms[k].key;   /* the model overruled the rules' class */
            relab[nrelab++].cls = ms[k].cls;
        }
        if (ctx->label_mask & nf_ent_label_bit(an.label)) {
            nf_doc_add_ann(doc, &an);
        }
    }
    emit_rules(ctx, doc, &fd, tags, margin, rules, nr, rule_hit, relab, nrelab, prose);
    return;

only_norp:;
    uint32_t w = rule_from;
    for (uint32_t r = rule_from; r < rule_to; r++) {
        if (!strcmp(doc->anns[r].label, "NORP")) {
            doc->anns[w++] = doc->anns[r];
        }
    }
    doc->n_anns = w;
}
