/* dateline: the place/date line that opens wire copy.
 *
 *     Baku, Azerbaijan, November 28. Kazakhstan will ...
 *     TBILISI, July 14 (Reuters) - Georgia's ...
 *     QUITO — Ecuador's ...
 *     WASHINGTON, D.C. (AP) — ...
 *     BONN 1996-08-22            (the Reuters corpus: a line of its own)
 *
 * Shape: PLACE [, REGION] [, DATE] [(AGENCY)] TERMINATOR at the start of one of the first
 * paragraphs, where PLACE is a known place (any case) or an all-caps word run, REGION a country,
 * state or capitalised name, DATE "Month Day[, Year]" or "Day Month [Year]", TERMINATOR a dash
 * or colon, or a full stop right after a date. The record gets place (canonical), country, date
 * (ISO 8601, the year from the article's date when the line has none) and the span; the place
 * (and a listed region after it) is also added as a GPE entity, which the entities stage then
 * leaves alone. */
#include "pipeline/stage.h"
#include "pipeline/stages/gazetteer.h"

#include <stddef.h>
#include <stdio.h>
#include <string.h>

typedef struct dateline_ctx {
    int64_t max_offset;      /* option: the dateline must start within this many bytes */
    bool add_entity;         /* option: add the place as a GPE entity */
    char *gazetteer_dir;     /* option */
    nf_gaz *gaz;
    uint64_t month_hash[12][3];   /* full name, 3-letter abbreviation, 4-letter (Sept) */
    uint64_t h_comma, h_dot, h_lparen, h_rparen, h_colon, h_dash;
} dateline_ctx;

static const nf_opt options[] = {
    {"max_offset", NF_OPT_INT, "1500", offsetof(dateline_ctx, max_offset), "0..1000000",
     "a dateline must start within this many bytes of the text (scraped pages put a few "
     "lines before it)"},
    {"add_entity", NF_OPT_BOOL, "true", offsetof(dateline_ctx, add_entity), NULL,
     "also add the dateline's place as a GPE entity"},
    {"gazetteer_dir", NF_OPT_STR, "gazetteer", offsetof(dateline_ctx, gazetteer_dir), NULL,
     "gazetteer directory below pipeline.data_dir"},
    {NULL, 0, NULL, 0, NULL, NULL},
};

static const char *const place_files[] = {
    "countries.tsv", "curated/places.tsv", "subdivisions.tsv", "cities.tsv", NULL,
};

static const char *const months[12] = {
    "january", "february", "march",     "april",   "may",      "june",
    "july",    "august",   "september", "october", "november", "december",
};

static int init(void *vctx, nf_stage_env *env, char *errstr, size_t errstr_size)
{
    dateline_ctx *ctx = vctx;
    ctx->gaz = nf_gaz_new();
    const char *dir = ctx->gazetteer_dir && *ctx->gazetteer_dir ? ctx->gazetteer_dir : ".";
    uint32_t places = (1u << NF_GAZ_COUNTRY) | (1u << NF_GAZ_ADM1) | (1u << NF_GAZ_CITY) |
                      (1u << NF_GAZ_PLACE);
    for (size_t k = 0; place_files[k]; k++) {
        char path[512];
        snprintf(path, sizeof path, "%s/%s", dir, place_files[k]);
        if (nf_gaz_load(ctx->gaz, nf_gaz_env_reader, env, path, places, 0, errstr,
                        errstr_size) < 0) {
            return -1;
        }
    }
    nf_gaz_freeze(ctx->gaz);
    for (int m = 0; m < 12; m++) {
        ctx->month_hash[m][0] = nf_fold_hash(months[m], strlen(months[m]));
        ctx->month_hash[m][1] = nf_fold_hash(months[m], 3);
        ctx->month_hash[m][2] = nf_fold_hash(months[m], 4);
    }
    ctx->h_comma = nf_fold_hash(",", 1);
    ctx->h_dot = nf_fold_hash(".", 1);
    ctx->h_lparen = nf_fold_hash("(", 1);
    ctx->h_rparen = nf_fold_hash(")", 1);
    ctx->h_colon = nf_fold_hash(":", 1);
    ctx->h_dash = nf_fold_hash("-", 1);
    return 0;
}

static void fini(void *vctx)
{
    dateline_ctx *ctx = vctx;
    nf_gaz_destroy(ctx->gaz);
    ctx->gaz = NULL;
}

typedef struct scan_state {
    const dateline_ctx *c;
    const char *s;
    const nf_tok *t;
    uint32_t n;
} scan_state;

static bool is_tok(const scan_state *S, uint32_t i, uint64_t h)
{
    return i < S->n && S->t[i].hash == h;
}

static bool is_dash(const scan_state *S, uint32_t i)
{
    /* "-", "--", en and em dashes all fold to '-' */
    return is_tok(S, i, S->c->h_dash);
}

static int month_at(const scan_state *S, uint32_t i, uint32_t *next)
{
    if (i >= S->n || !(S->t[i].flags & NF_TK_WORD) || !(S->t[i].flags & NF_TK_CAP)) {
        return 0;
    }
    for (int m = 0; m < 12; m++) {
        for (int v = 0; v < 3; v++) {
            if (v == 2 && m != 8) {
                continue;   /* only "Sept" has a 4-letter form */
            }
            if (S->t[i].hash == S->c->month_hash[m][v]) {
                *next = i + 1;
                /* Jan. / Sept. */
                if (v > 0 && is_tok(S, i + 1, S->c->h_dot) && S->t[i + 1].start == S->t[i].end) {
                    *next = i + 2;
                }
                return m + 1;
            }
        }
    }
    return 0;
}

static int number_at(const scan_state *S, uint32_t i, int lo, int hi)
{
    if (i >= S->n || !(S->t[i].flags & NF_TK_NUM)) {
        return -1;
    }
    const nf_tok *t = &S->t[i];
    int v = 0;
    for (uint32_t k = t->start; k < t->end; k++) {
        char ch = S->s[k];
        if (ch < '0' || ch > '9' || v > 100000) {
            return -1;
        }
        v = v * 10 + (ch - '0');
    }
    return v >= lo && v <= hi ? v : -1;
}

/* DATE at i: "November 28", "Nov. 28, 2023", "28 November 2023". */
static bool date_at(const scan_state *S, uint32_t i, uint32_t *end, int *y, int *mo, int *d)
{
    uint32_t k;
    int m = month_at(S, i, &k);
    *y = 0;
    if (m) {
        int day = number_at(S, k, 1, 31);
        if (day < 0) {
            return false;
        }
        *mo = m;
        *d = day;
        *end = k + 1;
        if (is_tok(S, k + 1, S->c->h_comma)) {
            int yr = number_at(S, k + 2, 1900, 2200);
            if (yr > 0) {
                *y = yr;
                *end = k + 3;
            }
        }
        return true;
    }
    int day = number_at(S, i, 1, 31);
    if (day > 0 && (m = month_at(S, i + 1, &k)) != 0) {
        *mo = m;
        *d = day;
        *end = k;
        int yr = number_at(S, k, 1900, 2200);
        if (yr > 0) {
            *y = yr;
            *end = k + 1;
        }
        return true;
    }
    return false;
}

static const nf_gaz_entry *place_entry(const scan_state *S, uint32_t node, const char *want_cc)
{
    uint16_t ne;
    const nf_gaz_entry *e = nf_gaz_entries(S->c->gaz, node, &ne);
    const nf_gaz_entry *best = NULL;
    for (uint16_t k = 0; k < ne; k++) {
        if (want_cc && want_cc[0] && memcmp(e[k].country, want_cc, 2) != 0) {
            continue;
        }
        /* Cities first (a dateline names a city), the largest; then curated places. */
        if (!best) {
            best = &e[k];
            continue;
        }
        int pb = best->type == NF_GAZ_CITY ? 2 : best->type == NF_GAZ_PLACE ? 3 : 1;
        int pk = e[k].type == NF_GAZ_CITY ? 2 : e[k].type == NF_GAZ_PLACE ? 3 : 1;
        if (pk > pb || (pk == pb && e[k].weight > best->weight)) {
            best = &e[k];
        }
    }
    return best;
}

/* The entry a region after the place stands for: a country, else a state or province, else
 * the largest ("Barranquilla, Colombia" is the country, not a town called Colombia). */
static const nf_gaz_entry *region_entry(const scan_state *S, uint32_t node)
{
    uint16_t ne;
    const nf_gaz_entry *e = nf_gaz_entries(S->c->gaz, node, &ne);
    const nf_gaz_entry *best = NULL;
    for (uint16_t k = 0; k < ne; k++) {
        int pk = e[k].type == NF_GAZ_COUNTRY ? 3 : e[k].type == NF_GAZ_ADM1 ? 2 : 1;
        int pb = !best ? 0 : best->type == NF_GAZ_COUNTRY ? 3 : best->type == NF_GAZ_ADM1 ? 2 : 1;
        if (pk > pb || (pk == pb && e[k].weight > best->weight)) {
            best = &e[k];
        }
    }
    return best;
}

/* Longest place phrase at i (any case). */
static uint32_t place_at(const scan_state *S, uint32_t i, uint32_t *node_out)
{
    uint32_t node = 0, best = 0;
    *node_out = NF_GAZ_NONE;
    for (uint32_t j = i; j < S->n && j - i < 6; j++) {
        if (j > i && (S->t[j].flags & NF_TK_NL)) {
            break;
        }
        node = nf_gaz_child(S->c->gaz, node, S->t[j].hash);
        if (node == NF_GAZ_NONE) {
            break;
        }
        const nf_gaz_node *nd = nf_gaz_node_at(S->c->gaz, node);
        if ((nd->roles & NF_GW_ENTITY) && (S->t[j].flags & NF_TK_WORD) &&
            (S->t[j].flags & NF_TK_CAP)) {
            best = j - i + 1;
            *node_out = node;
        }
    }
    return best;
}

static bool caps_word(const scan_state *S, uint32_t i)
{
    return i < S->n && (S->t[i].flags & NF_TK_WORD) && (S->t[i].flags & NF_TK_ALLCAPS) &&
           !(S->t[i].flags & NF_TK_NUM);
}

static char *title_case(nf_arena *a, const char *s, size_t len)
{
    char *o = nf_arena_strndup(a, s, len);
    bool start = true;
    for (size_t k = 0; k < len; k++) {
        char ch = o[k];
        if ((ch >= 'A' && ch <= 'Z') || (ch >= 'a' && ch <= 'z')) {
            if (!start && ch >= 'A' && ch <= 'Z') {
                o[k] = (char)(ch + 32);
            }
            start = false;
        } else if (!((unsigned char)ch & 0x80)) {
            start = true;
        }
    }
    return o;
}

/* Is the rest of the line from token k written in capitals (at least one all-caps word and
 * no word in lower or title case)? Wire copy opens sports and market stories with a slug
 * line, "SOCCER - LEICESTER BEAT DERBY" or "MARKETS - DOLLAR EDGES HIGHER", whose first word
 * looks like an unlisted dateline place; a real dateline goes on in prose ("QUITO — Ecuador's
 * government said"). */
static bool caps_line_after(const scan_state *S, uint32_t k)
{
    bool caps = false;
    for (uint32_t i = k; i < S->n && (i == k || !(S->t[i].flags & NF_TK_NL)); i++) {
        const nf_tok *t = &S->t[i];
        if (!(t->flags & NF_TK_WORD) || (t->flags & NF_TK_NUM) || t->nletters < 2) {
            continue;
        }
        if (!(t->flags & NF_TK_ALLCAPS)) {
            return false;
        }
        caps = true;
    }
    return caps;
}

/* A dateline found by try_at: the place tokens [p, pend), the terminator token term, and
 * what came between them. */
typedef struct dl_match {
    uint32_t p, pend, term;
    uint32_t node;                  /* the gazetteer node of a known place */
    bool known;                     /* the place is in the gazetteer */
    const nf_gaz_entry *region;     /* a known region after the place ("Irving, Texas") */
    uint32_t rp, rpend;             /* its tokens */
    bool have_date, have_agency;
    bool iso;                       /* the Reuters corpus line: an ISO date ends it */
    int y, mo, d;
} dl_match;

/* The place at token p: a gazetteer phrase, or up to four words in capitals (of which the
 * first has at least three letters). */
static bool place_span(const scan_state *S, dl_match *m)
{
    uint32_t p = m->p;
    uint32_t pl = place_at(S, p, &m->node);
    m->known = pl > 0;
    if (m->known) {
        m->pend = p + pl;
        return true;
    }
    uint32_t pend = p;
    while (caps_word(S, pend) && pend - p < 4 && !(pend > p && (S->t[pend].flags & NF_TK_NL))) {
        pend++;
    }
    m->pend = pend;
    return pend != p && S->t[p].nletters >= 3;
}

/* Up to three comma parts after the place at *j: a date, or a region (known, or capitalised
 * words, possibly abbreviated: Calif.). False when a part is neither. */
static bool comma_parts(const scan_state *S, const dateline_ctx *c, dl_match *m, uint32_t *j)
{
    for (int part = 0; part < 3 && is_tok(S, *j, c->h_comma); part++) {
        uint32_t k = *j + 1;
        uint32_t de;
        if (!m->have_date && date_at(S, k, &de, &m->y, &m->mo, &m->d)) {
            m->have_date = true;
            *j = de;
            continue;
        }
        if (m->region || m->have_date) {
            break;
        }
        uint32_t rn;
        uint32_t rl = place_at(S, k, &rn);
        if (rl) {
            m->region = region_entry(S, rn);
            m->rp = k;
            m->rpend = k + rl;
            *j = k + rl;
            continue;
        }
        /* Unknown region: capitalised words, possibly abbreviated (Calif.). */
        uint32_t e = k;
        while (e < S->n && (S->t[e].flags & NF_TK_WORD) && (S->t[e].flags & NF_TK_CAP) &&
               e - k < 3) {
            e++;
            if (is_tok(S, e, c->h_dot) && S->t[e].start == S->t[e - 1].end) {
                e++;
            }
        }
        if (e == k) {
            return false;
        }
        *j = e;
    }
    return true;
}

/* An agency in parentheses at *j, "(Reuters)": up to five word or punctuation tokens. False
 * when the parenthesis holds anything else. */
static bool agency_part(const scan_state *S, const dateline_ctx *c, dl_match *m, uint32_t *j)
{
    if (!is_tok(S, *j, c->h_lparen)) {
        return true;
    }
    uint32_t k = *j + 1;
    while (k < S->n && k - *j < 6 && !is_tok(S, k, c->h_rparen)) {
        if (!(S->t[k].flags & (NF_TK_WORD | NF_TK_PUNCT))) {
            return false;
        }
        k++;
    }
    if (!is_tok(S, k, c->h_rparen) || k == *j + 1) {
        return false;
    }
    m->have_agency = true;
    *j = k + 1;
    return true;
}

/* The terminator at j: a dash (or "--"), a colon after a known place, or a dot after a date.
 * Sets m->term; false when there is none. */
static bool terminator_at(const scan_state *S, const dateline_ctx *c, dl_match *m, uint32_t j)
{
    uint32_t term;
    if (is_dash(S, j)) {
        term = j;
        while (is_dash(S, term + 1) && S->t[term + 1].start == S->t[term].end) {
            term++;   /* "--" */
        }
    } else if (is_tok(S, j, c->h_colon) && m->known) {
        term = j;
    } else if (is_tok(S, j, c->h_dot) && m->have_date) {
        term = j;
    } else {
        return false;
    }
    m->term = term;
    return true;
}

/* The gazetteer entry of the matched place (NULL when unknown) and its country (*cc). */
static const nf_gaz_entry *dl_place_country(const scan_state *S, const dl_match *m,
                                            const char **cc_out)
{
    const nf_gaz_entry *region = m->region;
    const char *cc = NULL;
    if (region && region->type == NF_GAZ_COUNTRY) {
        cc = region->country;
    }
    const nf_gaz_entry *pe = m->known ? place_entry(S, m->node, cc) : NULL;
    if (m->known && !pe) {
        pe = place_entry(S, m->node, NULL);
    }
    if (!cc && region && region->country[0]) {
        /* "Irving, Texas": prefer the place in the region's country. */
        const nf_gaz_entry *pe2 = m->known ? place_entry(S, m->node, region->country) : NULL;
        if (pe2) {
            pe = pe2;
        }
        cc = region->country;
    }
    if (pe && pe->country[0]) {
        cc = pe->country;
    }
    *cc_out = cc;
    return pe;
}

static void add_gpe(nf_doc *doc, uint32_t start, uint32_t end, const char *country,
                    const char *canonical)
{
    nf_ann ann;
    memset(&ann, 0, sizeof ann);
    ann.field = NF_FIELD_TEXT;
    ann.kind = NF_ANN_ENTITY;
    ann.start = start;
    ann.end = end;
    ann.label = "GPE";
    ann.country = country;
    ann.canonical = canonical;
    nf_doc_add_ann(doc, &ann);
}

/* Write the matched dateline into doc (and the place as a GPE entity when configured). */
static void record_dateline(const scan_state *S, nf_doc *doc, const dateline_ctx *c,
                            const dl_match *m)
{
    const char *cc;
    const nf_gaz_entry *pe = dl_place_country(S, m, &cc);
    uint32_t p = m->p, pend = m->pend;
    nf_dateline *dl = &doc->dateline;
    dl->present = true;
    dl->start = S->t[p].start;
    dl->end = S->t[m->term].end;
    const char *place_text = S->s + S->t[p].start;
    size_t place_len = S->t[pend - 1].end - S->t[p].start;
    if (pe) {
        dl->place = nf_arena_strndup(&doc->arena, pe->canonical, strlen(pe->canonical));
    } else {
        dl->place = title_case(&doc->arena, place_text, place_len);
    }
    dl->country = cc && cc[0] ? nf_arena_strndup(&doc->arena, cc, 2) : NULL;
    dl->date = NULL;
    if (m->have_date) {
        char buf[48];
        int year = m->y;
        if (!year && doc->pub_year > 0) {
            year = doc->pub_year;
            /* A December dateline on a January article is last year's. */
            if (doc->pub_month > 0 && m->mo > doc->pub_month + 1) {
                year--;
            }
        }
        if (year) {
            snprintf(buf, sizeof buf, "%04d-%02d-%02d", year, m->mo, m->d);
        } else {
            snprintf(buf, sizeof buf, "--%02d-%02d", m->mo, m->d);
        }
        dl->date = nf_arena_strndup(&doc->arena, buf, strlen(buf));
    }
    if (c->add_entity) {
        add_gpe(doc, S->t[p].start, S->t[pend - 1].end, dl->country, dl->place);
        /* In the Reuters corpus line the listed region is a GPE too ("AKRON , Ohio
         * 1996-08-22"; in capitals or not, the tagger reads it as a guess there). */
        if (m->region && m->iso) {
            const char *rc = m->region->country[0]
                                 ? nf_arena_strndup(&doc->arena, m->region->country, 2)
                                 : NULL;
            add_gpe(doc, S->t[m->rp].start, S->t[m->rpend - 1].end, rc,
                    nf_arena_strndup(&doc->arena, m->region->canonical,
                                     strlen(m->region->canonical)));
        }
    }
}

/* The Reuters corpus line "BONN 1996-08-22", "AKRON , Ohio 1996-08-22": at token j after the
 * place (and its region), an ISO date (one token) that ends the line; the story starts on the
 * next line. Sets the date and the terminator (the date token) in m. */
static bool iso_date_line(const scan_state *S, uint32_t j, dl_match *m)
{
    if (m->have_date || j >= S->n || (S->t[j].flags & NF_TK_NL) || S->t[j].end - S->t[j].start != 10 ||
        (j + 1 < S->n && !(S->t[j + 1].flags & NF_TK_NL))) {
        return false;
    }
    const char *d = S->s + S->t[j].start;
    int v[3] = {0, 0, 0};
    for (int k = 0, part = 0; k < 10; k++) {
        if (k == 4 || k == 7) {
            if (d[k] != '-') {
                return false;
            }
            part++;
        } else if (d[k] >= '0' && d[k] <= '9') {
            v[part] = v[part] * 10 + (d[k] - '0');
        } else {
            return false;
        }
    }
    if (v[0] < 1900 || v[0] > 2200 || v[1] < 1 || v[1] > 12 || v[2] < 1 || v[2] > 31) {
        return false;
    }
    m->have_date = true;
    m->iso = true;
    m->y = v[0];
    m->mo = v[1];
    m->d = v[2];
    m->term = j;
    return true;
}

/* Try a dateline at token p. */
static bool try_at(const scan_state *S, nf_doc *doc, uint32_t p, const dateline_ctx *c)
{
    dl_match m = {.p = p};
    if (!place_span(S, &m)) {
        return false;
    }
    if (iso_date_line(S, m.pend, &m)) {
        record_dateline(S, doc, c, &m);
        return true;
    }
    /* The place must be followed at once by ",", "(" or a dash. */
    uint32_t j = m.pend;
    if (!(is_tok(S, j, c->h_comma) || is_tok(S, j, c->h_lparen) || is_dash(S, j) ||
          is_tok(S, j, c->h_colon))) {
        return false;
    }
    if (!comma_parts(S, c, &m, &j)) {
        return false;
    }
    if (m.region && iso_date_line(S, j, &m)) {
        record_dateline(S, doc, c, &m);
        return true;
    }
    if (!agency_part(S, c, &m, &j) || !terminator_at(S, c, &m, j)) {
        return false;
    }
    uint32_t term = m.term;
    if (!m.known && !(caps_word(S, p) && (is_dash(S, term) || m.have_agency))) {
        return false;
    }
    if (!m.known && !m.have_date && !m.have_agency && !m.region &&
        caps_line_after(S, term + 1)) {
        return false;   /* a section slug: SOCCER - LEICESTER BEAT DERBY */
    }
    /* The text goes on after the terminator on the same line. */
    if (term + 1 >= S->n || (S->t[term + 1].flags & NF_TK_NL)) {
        return false;
    }
    record_dateline(S, doc, c, &m);
    return true;
}

static nf_stage_rc process(const void *vctx, nf_doc *doc)
{
    const dateline_ctx *c = vctx;
    const char *s = doc->field[NF_FIELD_TEXT];
    if (!s || !doc->field_len[NF_FIELD_TEXT] || doc->dateline.present) {
        return NF_STAGE_OK;
    }
    /* The doc's shared tokens (cut once for all stages); only the head is scanned. */
    uint32_t n;
    const nf_tok *t = nf_doc_tokens(doc, NF_FIELD_TEXT, &n);
    scan_state S = {c, s, t, n};
    int paras = 0;
    for (uint32_t i = 0; i < n; i++) {
        if (!(t[i].flags & NF_TK_NL) && i != 0) {
            continue;
        }
        if (t[i].start > (uint64_t)c->max_offset || ++paras > 8) {
            break;
        }
        if ((t[i].flags & NF_TK_WORD) && (t[i].flags & NF_TK_CAP) &&
            try_at(&S, doc, i, c)) {
            break;
        }
    }
    return NF_STAGE_OK;
}

const nf_stage_def nf_stage_dateline = {
    .version = NF_STAGE_ABI_V1,
    .name = "dateline",
    .description = "the leading place/date line of wire copy (Baku, Azerbaijan, November 28. / "
                   "TBILISI, July 14 (Reuters) -): place, country, date; the place as a GPE",
    .options = options,
    .ctx_size = sizeof(dateline_ctx),
    .init = init,
    .process = process,
    .fini = fini,
};
