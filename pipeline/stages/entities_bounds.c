/* Span-boundary conventions, applied to the stage's final entity annotations in every combine
 * mode (the rules' and the model's spans alike), so that a name's extent follows the usual
 * newswire convention (CoNLL-2003, OntoNotes) whichever tagger found it:
 *
 *  - a company's legal form belongs to its name, also after a comma: "Marvel Consultants,
 *    Inc." is one ORG; a legal form alone ("Inc") is never a name. The model, which sees only
 *    runs of capitals, tagged the lone "Inc" and left the name before the comma;
 *  - the dot of an abbreviation that ends a name belongs to it: "Enron Corp.", "BlackRock Inc.",
 *    "Martin Luther King Jr." (the token layer cuts the dot off; gold sets keep it).
 *
 * What is a legal form and what an abbreviation come from the gazetteer's word roles
 * (data/gazetteer/curated/org_words.tsv: ORGSUF; cues.tsv: ABBR): an organisation head word that
 * is an abbreviation (Inc, Corp, Co, Ltd) or not written as a plain capitalised word (LLC, PLC,
 * AG, GmbH, SpA). */
#include "pipeline/stages/entities.h"

#include "common/utf8.h"

#include <string.h>

/* Index of the token of \p t[0, n) that ends at byte \p end, or n. */
static uint32_t tok_ending_at(const nf_tok *t, uint32_t n, uint32_t end)
{
    uint32_t lo = 0, hi = n;
    while (lo < hi) {   /* first token with t.end >= end */
        uint32_t mid = (lo + hi) / 2;
        if (t[mid].end < end) {
            lo = mid + 1;
        } else {
            hi = mid;
        }
    }
    return lo < n && t[lo].end == end ? lo : n;
}

/* Roles of a token of the shared layer (looked up on a copy: the shared array is read-only). */
static uint32_t roles_of(const nf_ent_ctx *c, const nf_tok *t)
{
    nf_tok copy = *t;
    copy.memo_set = 0;
    return nf_gaz_roles(c->gaz, &copy);
}

static bool is_legal_form(const nf_ent_ctx *c, const nf_tok *t)
{
    if (!(t->flags & NF_TK_WORD) || !(t->flags & (NF_TK_CAP | NF_TK_ALLCAPS))) {
        return false;
    }
    uint32_t r = roles_of(c, t);
    return (r & NF_GW_ORGSUF) && ((r & NF_GW_ABBR) || nf_tok_shape_of(t) != NF_SHAPE_CAP);
}

/* Is t[i] a comma glued to the word before it, and t[i + 1] on the same line? */
static bool glued_comma(const nf_ent_ctx *c, const nf_tok *t, uint32_t n, uint32_t i)
{
    return i > 0 && i + 1 < n && t[i].hash == c->h_comma && t[i].start == t[i - 1].end &&
           !(t[i + 1].flags & NF_TK_NL);
}

/* A lone legal form at token j ("..., Inc"): the start of the name before the comma, or
 * UINT32_MAX when there is none. The name is the run of capitalised words (at most four, on
 * one line, no function word) that ends right before the comma. */
static uint32_t name_before_comma(const nf_ent_ctx *c, const nf_tok *t, uint32_t j)
{
    uint32_t a = j - 1;   /* the comma (the caller checked it) */
    while (a > 0 && j - 1 - a < 4 && (t[a - 1].flags & NF_TK_WORD) &&
           (t[a - 1].flags & (NF_TK_CAP | NF_TK_ALLCAPS)) &&
           !(nf_gaz_small_roles(c->gaz, t[a - 1].hash) & NF_GW_FUNC)) {
        a--;
        if (t[a].flags & NF_TK_NL) {
            break;   /* the name starts its line */
        }
    }
    return a < j - 1 ? t[a].start : UINT32_MAX;
}

/* Does an entity annotation other than the one at k overlap bytes [s, e) of \p field, apart
 * from one of this stage (from on) with exactly that extent (a lone legal form, dropped when
 * its turn comes)? doc->anns[w, k] are slots already moved down. The entities of earlier
 * stages (the dateline's place) count too: they stay whatever this pass does. */
static bool other_overlaps(const nf_doc *doc, uint32_t from, uint32_t w, uint32_t k,
                           uint8_t field, uint32_t s, uint32_t e)
{
    for (uint32_t q = 0; q < doc->n_anns; q++) {
        const nf_ann *o = &doc->anns[q];
        if ((q >= w && q <= k) || o->field != field || o->kind != NF_ANN_ENTITY) {
            continue;
        }
        if (o->start < e && o->end > s && !(q >= from && o->start == s && o->end == e)) {
            return true;
        }
    }
    return false;
}

/* Is the last code point before byte \p start that is no white space a comma ("Acme, Inc",
 * "Acme,Inc", "Acme,<no-break space>Inc")? The byte test in front of the lone-legal-form rule
 * below: it must pass every span that rule would take (white space as the token layer reads
 * it: controls, no-break and zero-width spaces). When it missed one ("Apple,SE" after
 * "Nokia, "), the name before the comma took the legal form and the legal form stayed a name
 * of its own: two overlapping entities. */
static bool comma_before(const char *fs, uint32_t start)
{
    uint32_t p = start;
    while (p > 0) {
        unsigned char b = (unsigned char)fs[p - 1];
        if (b <= ' ' || b == 0x7f) {
            p--;
            continue;
        }
        if (b < 0x80) {
            break;
        }
        uint32_t q = p - 1;   /* the start of the code point that ends at p */
        while (q > 0 && ((unsigned char)fs[q] & 0xC0) == 0x80) {
            q--;
        }
        size_t i = q;
        if (nf_utf8_class(nf_utf8_next(fs, p, &i)) != NF_CP_SPACE) {
            break;
        }
        p = q;
    }
    return p > 0 && fs[p - 1] == ',';
}

/* Annotation \p a (at k) takes ", <legal form>" when that follows it and is no part of another
 * name; returns whether it did. */
static bool take_legal_form(const nf_ent_ctx *c, const nf_doc *doc, uint32_t from, uint32_t w,
                            uint32_t k, const nf_tok *t, uint32_t n, nf_ann *a)
{
    uint32_t j = tok_ending_at(t, n, a->end);
    if (j + 2 >= n || !glued_comma(c, t, n, j + 1) || !is_legal_form(c, &t[j + 2]) ||
        other_overlaps(doc, from, w, k, a->field, t[j + 2].start, t[j + 2].end)) {
        return false;
    }
    a->end = t[j + 2].end;
    return true;
}

void nf_ent_bounds(const nf_ent_ctx *c, nf_doc *doc, uint32_t from)
{
    bool org_on = (c->label_mask & NF_ENT_ORG) != 0;
    uint32_t w = from;
    for (uint32_t k = from; k < doc->n_anns; k++) {
        const nf_ann *ap = &doc->anns[k];
        bool plain = ap->kind != NF_ANN_ENTITY || !strcmp(ap->label, "NORP");
        if (!plain) {
            /* Bytes first: most names are followed by neither "," nor "." and preceded by no
             * ", " (then nothing here applies and no token is looked at). */
            const char *fs = doc->field[ap->field];
            uint32_t flen = doc->field_len[ap->field];
            uint32_t e = ap->end;
            bool comma_cap = e + 2 < flen && fs[e] == ',' && fs[e + 1] == ' ' &&
                             fs[e + 2] >= 'A' && fs[e + 2] <= 'Z';
            bool after_comma = comma_before(fs, ap->start);
            plain = !comma_cap && !after_comma && !(e < flen && fs[e] == '.');
        }
        if (plain) {
            if (w != k) {
                doc->anns[w] = *ap;
            }
            w++;
            continue;
        }
        nf_ann a = *ap;
        uint32_t n;
        const nf_tok *t = nf_doc_tokens(doc, (nf_field)a.field, &n);
        uint32_t j = tok_ending_at(t, n, a.end);
        if (j == n) {
            doc->anns[w++] = a;
            continue;
        }
        if (org_on && t[j].start == a.start && j >= 2 && glued_comma(c, t, n, j - 1) &&
            is_legal_form(c, &t[j])) {
            /* A legal form alone: it joins the name before its comma (the previous annotation
             * when that ends there), or it is dropped. */
            uint32_t s = name_before_comma(c, t, j);
            if (s == UINT32_MAX) {
                continue;
            }
            nf_ann *host = NULL;   /* the annotation of the name before the comma */
            bool taken = false;    /* another annotation has some of its words */
            /* Every entity of the doc: one of an earlier stage (the dateline's "LSE" in
             * "LSE,SE -- ...") takes the words as much as one of this stage, but only this
             * stage's can be the host. */
            for (uint32_t q = 0; q < doc->n_anns; q++) {
                nf_ann *o = &doc->anns[q];
                if ((q >= w && q <= k) || o->field != a.field || o->kind != NF_ANN_ENTITY) {
                    continue;   /* [w, k] were moved down already */
                }
                if (q >= from && o->end == t[j - 2].end && o->start >= s &&
                    strcmp(o->label, "NORP") != 0) {
                    host = o;
                } else if (o->start < t[j - 2].end && o->end > s) {
                    taken = true;
                }
            }
            if (host) {
                host->end = a.end;
                host->label = "ORG";
                host->country = NULL;
                host->canonical = NULL;
                if (host < &doc->anns[w]) {
                    /* Already written: its dot is checked here, then this one is gone. */
                    if (host->end < doc->field_len[a.field] &&
                        doc->field[a.field][host->end] == '.' &&
                        (nf_gaz_small_roles(c->gaz, t[j].hash) & NF_GW_ABBR)) {
                        host->end++;
                    }
                }
                continue;   /* a later host is checked when its turn comes */
            }
            if (taken) {
                continue;
            }
            a.start = s;
            a.label = "ORG";
            a.country = NULL;
            a.canonical = NULL;
        } else if (org_on && take_legal_form(c, doc, from, w, k, t, n, &a)) {
            a.label = "ORG";
            a.country = NULL;
            a.canonical = NULL;
            j = tok_ending_at(t, n, a.end);
        }
        /* The dot of an abbreviation that ends the name ("Corp.", "Jr."). */
        if (j < n && a.end < doc->field_len[a.field] && doc->field[a.field][a.end] == '.' &&
            (nf_gaz_small_roles(c->gaz, t[j].hash) & NF_GW_ABBR)) {
            a.end++;
        }
        doc->anns[w++] = a;
    }
    doc->n_anns = w;
}
