/* numbers stage: what follows a number expression decides what the mention is (range,
 * money, percent, quantity, date, duration, ordinal, cardinal). */

#include "pipeline/stages/numbers/internal.h"

#include <math.h>
#include <stdio.h>
#include <string.h>

/* ---- Currency ---------------------------------------------------------------------------- */

/* The code of the currency class \p cls for the field's country, else the class default. */
static const char *resolve_class(scan *sc, int cls)
{
    if (cls < 0 || (uint32_t)cls >= sc->lx->n_classes) {
        return NULL;
    }
    if (sc->cur_class == cls + 1) {
        return sc->cur_code; /* (the country is the field's: the same class, the same code) */
    }
    const nn_class *c = &sc->lx->classes[cls];
    const char *code = c->def;
    if (sc->country) {
        for (uint32_t k = c->first_cc; k < (uint32_t)c->first_cc + c->n_cc; k++) {
            const char *cc = sc->lx->cc[k].country; /* two letters, NUL */
            if (cc[0] == sc->country[0] && cc[1] == sc->country[1] && !sc->country[2]) {
                code = sc->lx->cc[k].code;
                break;
            }
        }
    }
    sc->cur_class = cls + 1;
    sc->cur_code = code;
    return code;
}

static const char *resolve_currency(scan *sc, const nn_entry *e)
{
    return e->cur_code ? e->cur_code : resolve_class(sc, e->cur_class);
}

const char *nn_resolve_currency(scan *sc, const nn_entry *e)
{
    return resolve_currency(sc, e);
}

/* "$US5 million", "$A300 million", "$NZ40 million": the letters of a country glued after a symbol
 * before the digits name the currency they name before it ("US$", "A$", "NZ$": Australian and
 * New Zealand press style), looked up as that form. @returns the entry, NULL when there is
 * none. Out of line: a letter after a symbol is rare. */
static __attribute__((noinline, cold)) const nn_entry *sym_after_letters(const scan *sc,
                                                                       const lexm *lm,
                                                                       uint32_t pos,
                                                                       uint32_t *end)
{
    const char *s = sc->s;
    uint32_t q = lm->end;
    while (q < sc->n && q - lm->end < 3 && s[q] >= 'A' && s[q] <= 'Z') {
        q++;
    }
    uint32_t sl = lm->end - pos, ll = q - lm->end;
    if (q >= sc->n || !is_digit(s[q]) || ll == 0 || sl > 4) {
        return NULL;
    }
    char key[8];
    memcpy(key, s + lm->end, ll);
    memcpy(key + ll, s + pos, sl);
    const nn_entry *e = nn_lex_get(sc->lx, key, ll + sl, 1);
    if (!e || !(e->roles & NL_CUR) || e->cur_kind != CK_SYM) {
        return NULL;
    }
    *end = q;
    return e;
}

/* A currency form at pos. \p prefix: before the amount (codes and symbols only);
 * \p strong: the amount has decimals or a scale (lets "wordlike" codes such as ALL count). */
bool nn_match_currency(const scan *sc, uint32_t pos, bool prefix, bool strong, curm *cm)
{
    lexm lm;
    cm->scale = 0;
    if (!nn_lex_longest(sc, pos, NL_CUR, &lm)) {
        /* Finance shorthand: "MUSD", "MEUR", "MAUD" (millions), "kEUR", "KUSD" (thousands) */
        if (pos + 4 <= sc->n && (sc->s[pos] == 'M' || sc->s[pos] == 'k' || sc->s[pos] == 'K') &&
            !(pos + 4 < sc->n && is_alpha(sc->s[pos + 4])) &&
            (pos == 0 || !is_alnum(sc->s[pos - 1]))) {
            const nn_entry *ce = nn_lex_get(sc->lx, sc->s + pos + 1, 3, 1);
            if (ce && (ce->roles & NL_CUR) && ce->cur_kind == CK_CODE &&
                !(ce->cur_flags & CF_WORDLIKE) && is_alpha(sc->s[pos + 1]) &&
                sc->s[pos + 1] >= 'A' && sc->s[pos + 1] <= 'Z') {
                cm->e = ce;
                cm->s = pos;
                cm->end = pos + 4;
                cm->scale = sc->s[pos] == 'M' ? 6 : 3;
                return true;
            }
        }
        return false;
    }
    const nn_entry *e = lm.e;
    if (!prefix && (e->cur_flags & CF_BEFORE)) {
        return false; /* "rs 500", not "5 rs": a lower-case form that counts before the amount */
    }
    if (e->cur_kind == CK_CODE) {
        if ((e->cur_flags & CF_WORDLIKE) && !strong) {
            return false;
        }
        /* A code is a word of its own: not "USDA", not "EURO-" */
        if (lm.end < sc->n && is_alpha(sc->s[lm.end])) {
            return false;
        }
        if (!prefix && lm.end < sc->n && is_digit(sc->s[lm.end])) {
            return false; /* "3 USD50": the code belongs to the amount after it */
        }
    } else if (e->cur_kind == CK_SYM) {
        if (lm.end < sc->n && is_alpha(sc->s[lm.end]) && is_alpha(sc->s[lm.end - 1])) {
            return false; /* "Rsx", "RMB" is its own code */
        }
        if (prefix && lm.end < sc->n && is_alpha(sc->s[lm.end])) {
            uint32_t le;
            const nn_entry *ce = sym_after_letters(sc, &lm, pos, &le);
            if (ce) {
                e = ce; /* "$US5": as "US$5" */
                lm.end = le;
            }
        }
        if (!prefix && lm.end < sc->n && is_digit(sc->s[lm.end])) {
            return false; /* "3 USD50": the code belongs to the amount after it */
        }
    } else {
        if (prefix) {
            return false;
        }
        if (lm.end < sc->n && is_alpha(sc->s[lm.end])) {
            return false;
        }
        if ((e->cur_flags & CF_WEAK) && !strong) {
            return false;
        }
    }
    cm->e = e;
    cm->s = pos;
    cm->end = lm.end;
    return true;
}

/* Whether bit (signature >> 54) of the word filter \p f (modsig, modonesig, modwsig, identsig) is
 * set: one of its words may be the ASCII word [i, e) of the text (i < e). */
static inline bool sig_may(const scan *sc, const uint64_t f[16], uint32_t i, uint32_t e)
{
    uint64_t h = nn_word_sig((const unsigned char *)sc->s + i, e - i, sc->n - i) >> 54;
    return (f[h >> 6] >> (h & 63)) & 1;
}

/* lookback_mod past its first test: the word before may be the last word of a modifier.
 * [i, end): the letters before \p pos (nn_letters_before), read by the caller. */
static __attribute__((noinline)) uint8_t lookback_mod_read(const scan *sc, uint32_t pos,
                                                           uint32_t i, uint32_t end)
{
    nn_tok w1, w2, w3;
    if (i == end) {
        return MOD_NONE;
    }
    /* A word that is no one-word modifier ("to", "of") after a word that starts none of the
     * longer ones ("rose to"): none, before either word is read. (By the words' signatures:
     * tables of 128 bytes, where the first and last letters' tables of 2.7 KB missed the
     * cache.) */
    uint32_t i2;
    uint32_t end2 = nn_letters_before(sc, i, &i2);
    bool word2 = i2 < end2 && sig_may(sc, sc->lx->modwsig, i2, end2);
    if (!word2 && !sig_may(sc, sc->lx->modonesig, i, end)) {
        return MOD_NONE;
    }
    if (!nn_prev_word(sc, pos, &w1) ||
        !(sc->lx->modtail[(w1.hash_lc & 1023) >> 5] & (1u << (w1.hash_lc & 31)))) {
        return MOD_NONE;
    }
    char key[96];
    size_t kl = 0;
    /* Longer keys only when the word before is one of theirs ("more" of "more than"), by its
     * signature first (a word no modifier has: no multi-word key). */
    /* (w1 is the run [i, end): the letters before it are [i2, end2), read above) */
    bool have2 = word2 && nn_prev_word(sc, w1.s, &w2) &&
                 (sc->lx->modword[(w2.hash_lc & 1023) >> 5] & (1u << (w2.hash_lc & 31)));
    /* The three-word key only after a word that ends one ("as" of "as many as"), by its
     * signature (the letters before w2, as word2 above): else that key was built and missed
     * in the lexicon for every two-word candidate ("went up to"). */
    uint32_t i3 = 0, end3 = 0;
    if (have2) {
        end3 = nn_letters_before(sc, i2, &i3);
    }
    bool have3 = have2 && i3 < end3 && sig_may(sc, sc->lx->modheadsig, i3, end3) &&
                 nn_prev_word(sc, w2.s, &w3);
    if (!have2) {
        /* one word: its entry through the token's own hash and cache (the same key) */
        const nn_entry *e = w1.e - w1.s < sizeof key ? nn_tok_entry(sc, &w1, 0) : NULL;
        return e && (e->roles & NL_MOD) ? e->mod : MOD_NONE;
    }
    /* Longest first: three words, two words, one word. */
    for (int n = have3 ? 3 : have2 ? 2 : 1; n >= 1; n--) {
        uint32_t from = n == 3 ? w3.s : n == 2 ? w2.s : w1.s;
        if (w1.e - from >= sizeof key) {
            continue;
        }
        kl = 0;
        bool sp = false;
        for (uint32_t q = from; q < w1.e; q++) {
            char c = sc->s[q];
            if (c == ' ' || c == '\t') {
                sp = true;
                continue;
            }
            if (sp && kl) {
                key[kl++] = ' ';
            }
            sp = false;
            key[kl++] = lower(c);
        }
        const nn_entry *e = nn_lex_get(sc->lx, key, kl, 0);
        if (e && (e->roles & NL_MOD)) {
            return e->mod;
        }
    }
    return MOD_NONE;
}

/* Whether a modifier word ends in the letter \p last after letter \p l2 (0-25, 26: none before
 * it): lookback_mod's first test (cues of modl2), before the word is read. */
static inline bool modl2_may(const scan *sc, unsigned char last, uint32_t l2)
{
    return (sc->lx->modl2[(last | 0x20) - 'a'] & (1u << l2)) != 0;
}

/* Modifier words right before pos: "about", "more than", "at least"... The first test, by the
 * last two letters of the word before (modl2), is inline: most numbers have no such word
 * before them, and pass without the call (its frame is as long as the test). */
static inline uint8_t lookback_mod(const scan *sc, uint32_t pos)
{
    const unsigned char *u = (const unsigned char *)sc->s;
    uint32_t b = pos;
    while (b > 0 && (u[b - 1] == ' ' || u[b - 1] == '\t')) {
        b--;
    }
    if (b == 0 || !is_alpha((char)u[b - 1])) {
        return MOD_NONE;
    }
    uint32_t l2 = b >= 2 && is_alpha((char)u[b - 2]) ? (uint32_t)((u[b - 2] | 0x20) - 'a') : 26;
    if (!modl2_may(sc, u[b - 1], l2)) {
        return MOD_NONE;
    }
    uint32_t i;
    uint32_t end = nn_letters_before(sc, pos, &i);
    return lookback_mod_read(sc, pos, i, end);
}

/* lookback_mod for nn_finish, which has read the letters before \p pos already: [i, b), b the
 * position before the blanks (the word before record of struct fin). Its first test is the
 * word's signature (its first eight letters and length, nn_word_sig) against the modifiers'
 * last words (modsig): the last two letters (modl2) sent ~40% of the numbers to the reader,
 * whose tables missed the cache, for ~18% that are "to", "of" or a modifier. */
static inline uint8_t lookback_mod_at(const scan *sc, uint32_t pos, uint32_t i, uint32_t b)
{
    if (i == b || !sig_may(sc, sc->lx->modsig, i, b)) {
        return MOD_NONE;
    }
    return lookback_mod_read(sc, pos, i, b);
}

uint8_t nn_lookback_mod(const scan *sc, uint32_t pos)
{
    return lookback_mod(sc, pos);
}

/* Skip an identifier run (letters, digits, hyphens, dots between digits): "G20", "COVID-19",
 * "A320neo", "F-16", "192.168.1.1". */
uint32_t nn_skip_ident(const scan *sc, uint32_t i)
{
    while (i < sc->n) {
        char c = sc->s[i];
        if (is_alnum(c)) {
            i++;
        } else if ((c == '-' || c == '.' || c == '/' || c == ':') && i + 1 < sc->n &&
                   is_alnum(sc->s[i + 1])) {
            i++;
        } else {
            break;
        }
    }
    return i;
}

/* "2 years 1 month 21 days (ago)", "1 month, 21 days ago", and "in 3 weeks" in a sentence about
 * the future: calendar arithmetic from published_at (the day of month clamped), else a compound
 * ISO 8601 duration. \p ue: end of the first unit. @returns the end, or 0 when it is a plain
 * duration for the caller. */
/* The unanchored value of a compound offset (years, months, weeks, days): "REF-P1M21D"; its
 * precision is that of the resolved value (a day when weeks or days are given, else a month,
 * else a year), weeks written as days. */
static const char *ref_compound(scan *sc, int sign, const int64_t amt[4])
{
    int64_t days = amt[2] * 7 + amt[3];
    const char *sg = sign < 0 ? "-" : "+";
    if (days) {
        if (amt[0] || amt[1]) {
            return nn_arena_printf(sc, "REF%sP%s%s%lldD", sg,
                                   amt[0] ? nn_arena_printf(sc, "%lldY", (long long)amt[0]) : "",
                                   amt[1] ? nn_arena_printf(sc, "%lldM", (long long)amt[1]) : "",
                                   (long long)days);
        }
        return nn_ref_text(sc, sign * days, 'D', 0);
    }
    if (amt[1]) {
        return amt[0] ? nn_arena_printf(sc, "REF%sP%lldY%lldM", sg, (long long)amt[0],
                                        (long long)amt[1])
                      : nn_ref_text(sc, sign * amt[1], 'M', 0);
    }
    return nn_ref_text(sc, sign * amt[0], 'Y', 0);
}

static uint32_t compound_duration(scan *sc, const nexpr *x, const nn_entry *te, uint32_t ms,
                                  uint32_t ue, bool neg)
{
    int u = nn_cal_unit(te->dur);
    if (!u || neg || !nn_small_int(&x->v, 5000)) {
        return 0;
    }
    int64_t amt[4] = {0, 0, 0, 0}; /* years, months, weeks, days */
    const char *units = "YMWD";
    int last = (int)(strchr(units, u) - units);
    amt[last] = (int64_t)nv_double(x->v);
    uint32_t end = ue;
    int parts = 1;
    for (int k = 0; k < 3; k++) {
        nn_tok a, b;
        tok(sc, end, &a);
        if (tok_is(sc, &a, ",") && a.ws == 0) {
            tok(sc, a.e, &a);
        } else if (tok_word(sc, &a, "and") && a.ws == 1) {
            tok(sc, a.e, &a);
        }
        nexpr y;
        if (a.ws != 1 || (a.kind != TK_DIGITS && a.kind != TK_WORD) ||
            !nn_parse_numexpr(sc, a.s, 0, &y) || y.ordinal || y.fraction || y.glued_e ||
            !nn_small_int(&y.v, 5000)) {
            break;
        }
        tok(sc, y.e, &b);
        const nn_entry *be = nn_tok_entry(sc, &b, 0);
        int bu = be && (be->roles & NL_DUR) && b.ws == 1 ? nn_cal_unit(be->dur) : 0;
        int bi = bu ? (int)(strchr(units, bu) - units) : -1;
        if (bi <= last || (b.e < sc->n && is_alpha(sc->s[b.e]))) {
            break; /* units must get smaller: "2 years 1 month" */
        }
        amt[bi] = (int64_t)nv_double(y.v);
        last = bi;
        end = b.e;
        parts++;
    }
    nn_tok ago, pw;
    tok(sc, end, &ago);
    bool is_ago = tok_word(sc, &ago, "ago") && ago.ws == 1;
    /* "in 3 weeks", "within two weeks" about the future (a cue before it, or the verbs after
     * it: "In 3 weeks, the company will"): a date, "within" the days up to it */
    bool within = false;
    bool in_future = parts == 1 && nn_prev_word(sc, ms, &pw) &&
                     (tok_word(sc, &pw, "in") || (within = tok_word(sc, &pw, "within"))) &&
                     pw.s >= sc->last_end && nn_future_at(sc, pw.s, end);
    if (in_future && within) {
        const char *v = sc->ctx->relative_dates ? nn_within_text(sc, amt[last], units[last]) : NULL;
        if (!v) {
            return 0; /* (the duration: no interval without published_at) */
        }
        nn_emit_date(sc, pw.s, end, v);
        return end;
    }
    if ((is_ago && parts > 1) || in_future) {
        int sign = is_ago ? -1 : 1;
        if (!sc->ctx->relative_dates) {
            return is_ago ? ago.e : 0;
        }
        if (!nn_have_pub(sc)) {
            uint32_t s0 = is_ago ? ms : pw.s;
            uint32_t e0 = is_ago ? ago.e : end;
            nn_emit_date(sc, s0, e0, ref_compound(sc, sign, amt));
            return e0;
        }
        int64_t mm = (int64_t)sc->py * 12 + (sc->pm - 1) + sign * (amt[0] * 12 + amt[1]);
        int y = (int)(mm / 12), mo = (int)(mm % 12) + 1;
        int d = sc->pd <= nn_days_in_month(y, mo) ? sc->pd : nn_days_in_month(y, mo);
        int64_t days = nn_days_from_civil(y, (unsigned)mo, (unsigned)d) +
                       sign * (amt[2] * 7 + amt[3]);
        nn_civil_from_days(days, &y, &mo, &d);
        const char *v = amt[2] || amt[3] ? nn_date_text(sc, y, mo, d)
                        : amt[1]          ? nn_date_text(sc, y, mo, 0)
                                          : nn_date_text(sc, y, 0, 0);
        uint32_t s0 = is_ago ? ms : pw.s;
        uint32_t e0 = is_ago ? ago.e : end;
        nn_emit_date(sc, s0, e0, v);
        return e0;
    }
    if (parts == 1) {
        return 0;
    }
    char buf[64];
    size_t bl = (size_t)snprintf(buf, sizeof buf, "P");
    for (int k = 0; k < 4 && bl < sizeof buf - 24; k++) {
        if (amt[k]) {
            bl += (size_t)snprintf(buf + bl, sizeof buf - bl, "%lld%c", (long long)amt[k],
                                   units[k]);
        }
    }
    ment m;
    memset(&m, 0, sizeof m);
    m.s = ms;
    m.e = end;
    m.label = "DATE";
    m.vtext = nf_arena_strndup(&sc->doc->arena, buf, bl);
    nn_emit(sc, &m);
    return end;
}

static uint32_t bare_cents(const scan *sc, ment *m, uint32_t pos, bool unit_only);

/* Pence after the pounds at \p pos: "3 pounds (and) 10 pence", or a bare number of them that
 * nothing else owns ("five pounds fifty": bare_cents). */
static bool pence_after(const scan *sc, uint32_t pos)
{
    nn_tok a, b, z;
    tok(sc, pos, &a);
    b = a;
    if (tok_word(sc, &a, "and") && a.ws == 1) {
        tok(sc, a.e, &b);
    }
    const nn_entry *be = b.ws == 1 && b.kind == TK_WORD ? nn_tok_entry(sc, &b, 0) : NULL;
    nexpr c;
    if (b.ws != 1 || !(b.kind == TK_DIGITS || (be && (be->roles & NL_NUM))) ||
        !nn_parse_numexpr(sc, b.s, 0, &c) || c.ordinal || c.fraction || c.scaled || !c.v.ok ||
        nv_double(c.v) >= 100) {
        return false;
    }
    tok(sc, c.e, &z);
    const nn_entry *ze = z.kind == TK_WORD && z.ws == 1 ? nn_tok_entry(sc, &z, 0) : NULL;
    if (ze && (ze->roles & NL_CUR) && ze->cur_kind == CK_MINOR && ze->cur_code &&
        strcmp(ze->cur_code, "GBP") == 0) {
        return true;
    }
    ment scratch = {0};
    return bare_cents(sc, &scratch, pos, false) != 0;
}

/* A price verb (cues.tsv price: "cost", "paid", "fined", "worth") right before the amount
 * at \p s, or before a modifier before it ("costs about 12 pounds"). Out of line: inlined into
 * nn_finish it took nn_tok_entry out of line there (+0.5% instructions). */
static __attribute__((noinline, cold)) bool price_verb_before(const scan *sc, uint32_t s)
{
    nn_tok pw;
    if (!nn_prev_word(sc, s, &pw) || pw.kind != TK_WORD) {
        return false;
    }
    const nn_entry *pe = nn_tok_entry(sc, &pw, 0);
    if (pe && (pe->roles & NL_MOD) && !(nn_prev_word(sc, pw.s, &pw) && pw.kind == TK_WORD)) {
        return false;
    }
    const nn_cue *c = nn_cue_slot(sc->lx, sc->s + pw.s, pw.e - pw.s);
    return c && (c->flags & CUEF_PRICE);
}

/* A note or coin right after \p pos (cues.tsv banknote): "a 20-pound note", "10 pound notes",
 * "a 2-pound coin" are money, where "pound" would otherwise be read as a weight. */
static bool banknote_after(const scan *sc, uint32_t pos)
{
    nn_tok a;
    tok(sc, pos, &a);
    return a.ws == 1 && a.kind == TK_WORD &&
           nn_cue_of(sc->lx, sc->s + a.s, a.e - a.s) == CUE_BANKNOTE;
}

/* "82 pounds" is a weight unless something says money: a scale ("681 million pounds"), pence
 * precision ("2.50 pounds"), "sterling" after it, a British dateline, or a price verb before it
 * ("cost 40 pounds"). The words weigh/weighed
 * before it always mean weight. */
static bool pound_weight(const scan *sc, const nexpr *x, const curm *cm)
{
    const nn_entry *e = cm->e;
    if (e->cur_kind != CK_WORD || e->cur_class < 0 ||
        strcmp(sc->lx->classes[e->cur_class].name, "pound") != 0) {
        return false;
    }
    size_t kl = e->key_len;
    if (!(kl == 5 || kl == 6) || memcmp(e->kin, "pound", 5) != 0) {
        return false; /* "Egyptian pounds", "pounds sterling" */
    }
    if (banknote_after(sc, cm->end)) {
        return false;
    }
    uint32_t lo = x->s > 80 ? x->s - 80 : 0;
    for (uint32_t i = lo; i + 5 <= x->s; i++) {
        if ((i == 0 || !is_alpha(sc->s[i - 1])) && lower(sc->s[i]) == 'w' &&
            strncmp(sc->s + i + 1, "eigh", 4) == 0) {
            return true;
        }
    }
    if (x->scaled || (x->has_lit && x->L.decimal && x->L.v.e == -2)) {
        return false;
    }
    if (sc->country && strcmp(sc->country, "GB") == 0) {
        return false;
    }
    return !pence_after(sc, cm->end) && !price_verb_before(sc, x->s);
}

/* Subunits written as a bare number after the main unit: "15 dollars and 50", "thirteen
 * dollars forty five", "15 USD 50 more", "$ 100 and fifty" (the minor unit left unsaid).
 * Only when nothing that would own the number follows it (a noun, a unit, a percent sign), or
 * when that is the minor unit ("$3 and 50 cents").
 * @returns the new end and adds the cents to \p m, or 0. */
static uint32_t bare_cents(const scan *sc, ment *m, uint32_t pos, bool unit_only)
{
    nn_tok a, b, z;
    tok(sc, pos, &a);
    if (a.ws != 1) {
        return 0;
    }
    b = a;
    if (tok_word(sc, &a, "and")) {
        tok(sc, a.e, &b);
        if (b.ws != 1) {
            return 0;
        }
    }
    const nn_entry *be = nn_tok_entry(sc, &b, 0);
    if (!(b.kind == TK_DIGITS && b.e - b.s <= 2) && !(be && (be->roles & NL_NUM))) {
        return 0;
    }
    nexpr c;
    if (!nn_parse_numexpr(sc, b.s, 0, &c) || c.ordinal || c.fraction || c.scaled || c.glued_e ||
        !c.v.ok || c.v.den != 1 || c.v.e < 0 || c.v.m == 0 || nv_double(c.v) >= 100 ||
        (c.has_lit && !c.L.plain)) {
        return 0;
    }
    tok(sc, c.e, &z);
    curm cc;
    if (nn_minor_unit(sc, &z, &cc)) {
        /* "$3 and 50 cents", "£1 and 20 pence": the cents with their unit, as after a name
         * ("thirteen dollars and forty-five cents", rule money_after) */
        nval cents = c.v;
        nv_div(&cents, nn_minor_div(cc.e));
        m->v = nv_add(m->v, cents);
        return cc.end;
    }
    if (unit_only) {
        return 0;
    }
    bool tail = z.kind == TK_END || z.ws == 2 || tok_word(sc, &z, "and") ||
                tok_word(sc, &z, "more") || tok_word(sc, &z, "only") || tok_word(sc, &z, "each") ||
                (z.kind == TK_SYM && (tok_is(sc, &z, ".") || tok_is(sc, &z, ",") ||
                                      tok_is(sc, &z, ";") || tok_is(sc, &z, "!") ||
                                      tok_is(sc, &z, "?") || tok_is(sc, &z, ")")));
    if (!tail) {
        return 0;
    }
    nval cents = c.v;
    nv_div(&cents, 100);
    m->v = nv_add(m->v, cents);
    return c.e;
}

/* ---- The rules after a number expression ------------------------------------------------
 *
 * nn_finish() reads a range after the number expression, looks back for a modifier, and then
 * asks the rules of NN_RULES in order: the first one that decides emits the mention (or skips
 * the number) and says where scanning continues. The order matters and is the table's order:
 * e.g. a currency glued to the digits ("115USD") before an identifier ("5G"), a percent sign
 * before a currency after the amount, a year before the CARDINAL fallback. Each rule has its
 * golden cases in tests/data/numbers/ (grep the rule's name in rules.md). */

/* What the rules share about the mention being built. */
struct fin {
    scan *sc;
    nexpr *x;                 /* the number expression (a range end updates it) */
    const curm *pre;          /* a currency read before the amount, or NULL */
    uint32_t ms;              /* where the mention starts (the currency, a minus sign) */
    bool neg;                 /* the value is negative */
    ment m;                   /* the mention: value, range, modifier */
    uint32_t p;               /* end of the number, or of the range */
    bool range;               /* a range was read: "10-15", "$2 to $4" */
    bool cents_end;           /* "between $3 and 50 cents": the ends in other units */
    uint32_t to_end;          /* a pair with "to" glued that is no range ("2-to-1"): its end */
    bool strong_end;          /* a range's upper end has decimals or grouping (fin_strong) */
    nn_tok t;                 /* the token after p */
    bool next_ok;             /* t exists and is on the same line */
    bool te_read;             /* te holds t's lower-cased entry (fin_te) */
    uint32_t roles;           /* the roles of the keys that start at t when short_path read
                               * them (nn_lex_roles), else every role: fin_may */
    const nn_entry *te;
    uint64_t xd;              /* the value when it can be a day of the month, else 0: set
                               * for the ordinal rules only, the rules that read it */
    /* The word before the mention, read once where nn_finish starts: lookback_mod and the
     * rules about the word before (ident_after_name, ident_after_cue, ident_after_mark) each
     * skipped the blanks back and found its letters on their own, four reads of the same
     * bytes for every number. The word nn_prev_word returns is this run of letters when there
     * is one, so the rules test its shape (a capital, a cue's first letter and length) before
     * they have the word read and hashed. */
    uint32_t pb;              /* ms less the blanks (spaces, tabs) before it */
    uint32_t pl;              /* the ASCII letters (at most 40) ending at pb: [pl, pb) */
};

enum { NN_NO = 0, NN_DONE };

/* Decimals, grouping or a scale in the amount (lets "wordlike" codes count: money_after).
 * Asked by that rule only, so not set up for every number. */
static inline bool fin_strong(const fin *fs)
{
    const nexpr *x = fs->x;
    return fs->strong_end || x->scaled || (x->has_lit && (x->L.decimal || x->L.grouped));
}

/* Whether a key with one of \p roles may start at the token after the number: false when
 * short_path has the roles of the keys there and none is asked. The rules after the number
 * that look a key up there (percent_word, money_after, quantity) then pass without the call
 * (nn_lex_longest tests the same roles, after ~20 instructions of call and cache). */
static inline bool fin_may(const fin *fs, uint32_t roles)
{
    return (fs->roles & roles) != 0;
}

/* The lower-cased entry of the token after the number (nn_tok_entry), read once a mention:
 * short_path, rule_year and rule_duration each asked the entry cache for it (~20 instructions
 * an ask, 18 000 asks on c500), a test of te_read here. */
static inline const nn_entry *fin_te(fin *fs)
{
    if (!fs->te_read) {
        fs->te = nn_tok_entry(fs->sc, &fs->t, 0);
        fs->te_read = true;
    }
    return fs->te;
}

/* Rules are small functions for the reader and one function for the compiler: nn_finish asks
 * them in a row, and inlined they share the mention's state without copies (called one by one
 * they cost ~8% of the stage). */
#define NN_RULE_FN static inline __attribute__((always_inline)) int

/* The four bytes at \p p as one word, for a test of a short literal in one comparison:
 * the tests below run for every number, and byte by byte they branched on the text (a word
 * starting with 'o' or 't' after a number is common) and mispredicted. */
static inline uint32_t bytes4(const char *p)
{
    uint32_t w;
    memcpy(&w, p, 4);
    return w;
}

static inline int done(uint32_t *end, uint32_t e)
{
    *end = e;
    return NN_DONE;
}

/* "5 foot 9", "a 6-foot-2 forward": a whole number 0-11 right after a height in feet (\p p its
 * end; units.tsv flag feet), after a blank or a hyphen, with no unit of its own ("6 feet 2
 * inches" is read as two quantities already: a word after the number stops it) and no word
 * glued to it: inches, one QUANTITY per
 * unit (the compound-measure convention); "in" is the record's symbol of the inch as units.tsv
 * writes it. @returns its end (the mention emitted), or \p p. Out of line: rare. */
static __attribute__((noinline, cold)) uint32_t inches_after(scan *sc, uint32_t p)
{
    nexpr y;
    nn_tok w;
    if (p + 1 >= sc->n || !(sc->s[p] == ' ' || sc->s[p] == '-') || sc->s[p + 1] == '0' ||
        !(is_digit(sc->s[p + 1]) || is_alpha(sc->s[p + 1])) ||
        !nn_parse_numexpr(sc, p + 1, 0, &y) || y.ordinal || y.fraction || y.scaled ||
        y.glued_e || !y.v.ok || !nn_small_int(&y.v, 11) ||
        (y.e < sc->n && (is_alnum(sc->s[y.e]) || sc->s[y.e] == '-' || sc->s[y.e] == '/')) ||
        (y.e + 1 < sc->n && sc->s[y.e] == '.' && is_digit(sc->s[y.e + 1]))) {
        return p;
    }
    /* glued by hyphens the height is an adjective ("a 6-foot-2 forward"); apart, a word after
     * the number is what it counts ("20 feet 3 times", "3 feet 7 people") */
    tok(sc, y.e, &w);
    if (w.kind == TK_WORD && (sc->s[p] == ' ' || w.ws != 1)) {
        return p;
    }
    static const ment m0;
    ment in = m0;
    in.s = p + 1;
    in.e = y.e;
    in.label = "QUANTITY";
    in.v = y.v;
    in.has_v = true;
    in.unit = "in";
    nn_emit(sc, &in);
    return y.e;
}

/* The mention is a QUANTITY of the unit \p lm read after the number ("7 tonnes", "15km"). */
static inline int emit_unit(fin *fs, const lexm *lm, uint32_t *end)
{
    fs->m.label = "QUANTITY";
    fs->m.unit = lm->e->unit;
    fs->m.e = lm->end;
    nn_emit(fs->sc, &fs->m);
    if (lm->e->unit_flags & UF_FEET) {
        return done(end, inches_after(fs->sc, fs->m.e));
    }
    return done(end, fs->m.e);
}

bool nn_minor_unit(const scan *sc, const nn_tok *t, curm *cm)
{
    curm own;
    cm = cm ? cm : &own;
    return t->ws == 1 && t->kind == TK_WORD && nn_match_currency(sc, t->s, false, false, cm) &&
           cm->e->cur_kind == CK_MINOR;
}

/* A minor currency unit (CK_MINOR: "cents", "pence") one blank after \p pos: the second end
 * of "between $3 and 50 cents", "from $2 to 60 cents" is in other units than the first, so the
 * pair is no range of the digits but two amounts, as "between 50 cents and $3" is (s11-num2).
 * Out of line and cold: asked only for a second end after a currency. */
static __attribute__((noinline, cold)) bool minor_after(const scan *sc, uint32_t pos)
{
    nn_tok z;
    tok(sc, pos, &z);
    return nn_minor_unit(sc, &z, NULL);
}

/* Two round four-digit counts more than a century apart ("1500-2000 people", "2000-5000
 * jobs"): a range, not a count and a year (dg_year_range took the pairs of years a century or
 * less apart: "1914-1918", "1990-2000"). Multiples of a hundred: "1066-1485" stays years. */
static bool __attribute__((noinline, cold)) round_counts(const nexpr *x, const nexpr *y)
{
    if (!y->single_lit || !y->L.plain || y->L.int_digits != 4) {
        return false;
    }
    long a = (long)x->L.ival, b = (long)y->L.ival;
    return a % 100 == 0 && b % 100 == 0 && b - a > 100;
}

/* A percent sign or a word of a percent, unit, currency or scale at \p p: what a spaced pair
 * before it counts is a measure ("lost 20 points to 15 percent"), no tally. */
static bool measure_after(const scan *sc, uint32_t p)
{
    nn_tok a;
    tok(sc, p, &a);
    if (a.kind == TK_SYM) {
        return tok_is(sc, &a, "%");
    }
    const nn_entry *e = a.kind == TK_WORD && a.ws == 1 ? nn_tok_entry(sc, &a, 0) : NULL;
    return e && (e->roles & (NL_PCT | NL_UNIT | NL_CUR | NL_SCALE));
}

/* \p t, the word after the plain digits \p x, is a score's unit (cues.tsv score_unit:
 * "points", "goals") and a spaced "to" follows ("45 points to 24"): \p t becomes that "to".
 * Out of line: asked only when " to " follows the word. */
static __attribute__((noinline, cold)) bool score_unit_to(const scan *sc, const nexpr *x,
                                                         nn_tok *t)
{
    uint32_t p = t->e, len = p - t->s;
    if (t->ws != 1 || !x->has_lit || !x->single_lit || !x->L.plain || p + 4 > sc->n ||
        sc->s[p] != ' ' || sc->s[p + 2] != 'o' || sc->s[p + 3] != ' ') {
        return false;
    }
    /* (the first letter and length of a score unit before the cue table) */
    unsigned char f = (unsigned char)(sc->s[t->s] | 0x20);
    if (len > 31 || f < 'a' || f > 'z' || !(sc->lx->scoreufl[f - 'a'] & (1u << len))) {
        return false;
    }
    const nn_cue *c = nn_cue_slot(sc->lx, sc->s + t->s, len);
    if (!c || !(c->flags & CUEF_SCORE_UNIT)) {
        return false;
    }
    tok(sc, p, t);
    return true;
}

/* Two whole numbers in words without a scale ("five" and "four", "fifty-two" and
 * "forty-eight"): a pair that can be a tally spelled out (rule to_tally). */
static bool word_count_pair(const nexpr *x, const nexpr *y)
{
    return x->words && y->words && !x->scaled && !y->scaled && x->v.ok && y->v.ok &&
           x->v.den == 1 && y->v.den == 1 && x->v.e >= 0 && y->v.e >= 0;
}

/* A range: "1.2-1.5 billion", "10-15%", "10 to 15 percent", "$1.2 billion-$1.5 billion",
 * "between $300 and 400 billion": the mention's value becomes [lo, hi] and p its end. */
static inline __attribute__((always_inline)) void read_range(fin *f)
{
    scan *sc = f->sc;
    nexpr *x = f->x;
    const curm *pre = f->pre;
    if (x->ordinal || x->fraction || x->glued_e || x->sci) {
        return;
    }
    nn_tok t = f->t, u; /* (the token after the number, read by nn_finish) */
    nexpr y;
    /* Every link below starts with '-', an en dash (0xE2), 't' or 'a': one test of the first
     * byte passes most numbers by, where the chain of token comparisons after it, each testing
     * the token's kind and length, mispredicted ~12 k times on c500. */
    unsigned char c0 = t.kind != TK_END ? (unsigned char)sc->s[t.s] : 0;
    bool link = c0 == '-' || c0 == 0xE2 || (c0 | 0x20) == 't' || (c0 | 0x20) == 'a';
    bool dash = link && nn_tok_is_dash(sc, &t) && t.ws != 2;
    /* ("10 through 12", "5 thru 10": the US "to" of ranges; a year before a year stays two
     * dates below) */
    bool to = link &&
              (tok_word(sc, &t, "to") || tok_word(sc, &t, "through") || tok_word(sc, &t, "thru")) &&
              t.ws == 1;
    nn_tok bw;
    if (link && tok_word(sc, &t, "and") && t.ws == 1 && nn_prev_word(sc, f->ms, &bw) &&
        tok_word(sc, &bw, "between")) {
        to = true; /* "between $300 and 400 billion" */
    }
    bool glued_to = false;
    if (dash && t.ws == 0 && x->single_lit) {
        /* "the 18-to-24 age group": "to" glued by hyphens is the range's link, as spaced (digits
         * only: "one-to-one", "one-to-two hundred" are idioms or need the scale read apart) */
        nn_tok l, h;
        tok(sc, t.e, &l);
        tok(sc, l.e, &h);
        if (l.ws == 0 && tok_word(sc, &l, "to") && h.ws == 0 && nn_tok_is_dash(sc, &h)) {
            t = h;
            to = glued_to = true;
        }
    }
    bool hung = false, unit_to = false;
    if (dash && t.ws == 0 && t.e < sc->n && sc->s[t.e] == ' ') {
        /* "25- to 34-year-olds", "2- to 3-inch hail": a suspended hyphen, the first number's
         * adjective left for the second's word (checked after the second number below) */
        nn_tok l;
        tok(sc, t.e, &l);
        if (l.ws == 1 && tok_word(sc, &l, "to")) {
            t = l;
            to = hung = true;
        }
    }
    if (!dash && !to) {
        /* "won 45 points to 24": what a score counts between its counts (cues.tsv score_unit);
         * a tally only (spaced_to below), never a range ("rose 10 points to 1500") */
        if (t.kind != TK_WORD || t.e + 4 > sc->n || bytes4(sc->s + t.e) != bytes4(" to ") ||
            !score_unit_to(sc, x, &t)) {
            return;
        }
        to = unit_to = true;
    }
    uint32_t q = t.e;
    tok(sc, q, &u);
    curm c2;
    if (pre && u.ws != 2 && nn_match_currency(sc, u.s, true, true, &c2) && c2.e == pre->e) {
        q = c2.end;
        tok(sc, q, &u);
    }
    /* digits to digits, words to words, and words to digits with "to" or "and" (news style
     * spells small numbers: "between five and 10", "two to 15"; not "one to 20": "gave one to
     * 20 pupils") */
    bool ok_start = (u.kind == TK_DIGITS && x->has_lit && (!dash || !u.ws || t.ws)) ||
                    (u.kind == TK_WORD && x->words && !x->has_lit) ||
                    (u.kind == TK_DIGITS && x->words && !x->has_lit && to && x->v.ok &&
                     !(x->v.m == 1 && x->v.e == 0 && x->v.den == 1));
    if (!ok_start || u.ws == 2 || !nn_parse_numexpr(sc, u.s, pre ? PX_MONEY : 0, &y) ||
        y.ordinal || y.fraction || !y.v.ok || !x->v.ok) {
        return;
    }
    if (hung && !(y.e + 1 < sc->n && sc->s[y.e] == '-' && is_alpha(sc->s[y.e + 1]))) {
        return;
    }
    if (pre && q == t.e && minor_after(sc, y.e)) {
        f->cents_end = true; /* "between $3 and 50 cents": two amounts, no cents joined */
        return;
    }
    nval lo = x->v;
    if (!x->scaled && y.scaled) {
        lo = nn_scaled(lo, y.last_scale);
    }
    /* (spaced too, between plain digits: "passed 319 to 219", "voted 52 to 48"; or between
     * whole numbers in words, "ruled five to four": rule to_tally still asks a tally word, so
     * "fell from five to four" stays two counts) */
    bool plain_pair = (x->has_lit && x->single_lit && x->L.plain && y.single_lit && y.L.plain) ||
                      (!x->has_lit && !y.has_lit && word_count_pair(x, &y));
    bool spaced_to = to && !dash && !hung && tok_word(sc, &t, "to") && !measure_after(sc, y.e);
    if ((glued_to || spaced_to) && plain_pair && !pre && nv_double(lo) >= nv_double(y.v)) {
        f->to_end = y.e; /* "a 2-to-1 margin": a tally if a tally word follows (rule to_tally) */
        return;
    }
    if (unit_to) {
        return;
    }
    if (nv_double(lo) < nv_double(y.v) &&
        !(nn_is_year_like(x) && y.single_lit && !round_counts(x, &y))) {
        f->range = true;
        f->m.v = lo;
        f->m.vmax = y.v;
        f->m.has_max = true;
        f->p = y.e;
        tok(sc, f->p, &f->t);
        f->strong_end = y.has_lit && (y.L.decimal || y.L.grouped); /* (y's scale: x->scaled) */
        x->glued_e = y.glued_e;
        x->scaled = x->scaled || y.scaled;
    }
}

/* "a 2-to-1 margin", "a 7-to-2 vote", "passed 319 to 219": a vote tally written with "to"
 * glued by hyphens or spaced between digits, the larger count first and a tally word or result
 * noun after it (cues.tsv tally, score_after) or a tally or result word before it:
 * one CARDINAL without a value, as "a 7-2 vote" (convention: scores and tallies). Ascending
 * pairs are ranges ("the 18-to-24 age group"); read_range finds the pair (to_end). */
NN_RULE_FN rule_to_tally(fin *fs, uint32_t *end)
{
    if (!fs->to_end || fs->neg) {
        return NN_NO;
    }
    scan *sc = fs->sc;
    nn_tok w;
    tok(sc, fs->to_end, &w);
    const nn_cue *c = w.kind == TK_WORD && w.ws == 1 ? nn_cue_slot(sc->lx, sc->s + w.s, w.e - w.s)
                                                      : NULL;
    /* (or a tally word before the pair: "ruled 7-to-2", "passed 51-to-49", "by a vote of
     * 60-to-40", as "voted 5-4") */
    if (!(c && ((c->flags & CUEF_TALLY) || c->cue == CUE_SCORE_AFTER)) &&
        !nn_tally_before(sc, fs->ms)) {
        return NN_NO;
    }
    nn_emit_score(sc, fs->ms, fs->to_end);
    sc->score_end = fs->to_end;
    return done(end, fs->to_end);
}

/* "two out of five hundred", "3 out of 10": one CARDINAL, the quotient */
NN_RULE_FN rule_proportion(fin *fs, uint32_t *end)
{
    scan *sc = fs->sc;
    nexpr *x = fs->x;
    const curm *pre = fs->pre;
    uint32_t ms = fs->ms;
    bool neg = fs->neg;
    ment *m = &fs->m;
    uint32_t p = fs->p;
    nn_tok u;
    if (fs->range) {
        return NN_NO;
    }
    /* A proportion: "two out of five hundred", "3 out of 10" -> one CARDINAL, the quotient. */
    if (!pre && p + 8 < sc->n &&
        (bytes4(sc->s + p) | bytes4("\0\x20\x20\x20")) == bytes4(" out") && !x->ordinal && !x->fraction && !x->glued_e && !x->sci &&
        x->v.ok && x->v.den == 1 && x->v.e >= 0 && !neg) {
        nn_tok o, f;
        tok(sc, p, &o);
        tok(sc, o.e, &f);
        if (tok_word(sc, &o, "out") && o.ws == 1 && tok_word(sc, &f, "of") && f.ws == 1) {
            tok(sc, f.e, &u);
            /* "three out of every four", "3 out of the 10": a determiner (cues.tsv np_det)
             * before a count is passed over ("out of a hundred": "a" is the count's own) */
            if (u.kind == TK_WORD && u.ws == 1 &&
                nn_cue_of(sc->lx, sc->s + u.s, u.e - u.s) == CUE_NP_DET) {
                nn_tok v;
                tok(sc, u.e, &v);
                const nn_entry *ve = v.kind == TK_WORD ? nn_tok_entry(sc, &v, 0) : NULL;
                if (v.ws == 1 && (v.kind == TK_DIGITS || (ve && (ve->roles & NL_NUM)))) {
                    u = v;
                }
            }
            nexpr d;
            if (u.ws == 1 && (u.kind == TK_DIGITS || (u.kind == TK_WORD && x->words)) &&
                nn_parse_numexpr(sc, u.s, 0, &d) && !d.ordinal && !d.fraction && !d.glued_e &&
                d.v.ok && d.v.den == 1 && d.v.e >= 0 && d.v.m > 0 &&
                nv_double(d.v) >= nv_double(x->v) && nv_double(d.v) < 4e9) {
                nn_tok z;
                tok(sc, d.e, &z);
                /* "hundreds" after "five": "five hundreds" is 500 here */
                uint32_t de = d.e;
                double dv = nv_double(d.v);
                if (z.ws == 1 && d.words && tok_word(sc, &z, "hundreds") && dv < 10) {
                    dv *= 100;
                    de = z.e;
                }
                m->label = "CARDINAL";
                m->v = x->v;
                nv_div(&m->v, (uint32_t)dv);
                m->has_v = m->v.ok;
                m->e = de;
                m->mod = lookback_mod(sc, ms);
                nn_emit(sc, m);
                return done(end, de);
            }
        }
    }

    return NN_NO;
}

/* a currency glued to the digits: "115USD", "100元" */
NN_RULE_FN rule_glued_currency(fin *fs, uint32_t *end)
{
    scan *sc = fs->sc;
    nexpr *x = fs->x;
    const curm *pre = fs->pre;
    ment *m = &fs->m;
    uint32_t p = fs->p;
    curm cm;
    if (!x->glued_e) {
        return NN_NO;
    }
    if (!pre && nn_match_currency(sc, p, false, true, &cm)) {
        m->label = "MONEY";
        m->currency = resolve_currency(sc, cm.e);
        m->e = cm.end;
        if (cm.e->cur_kind == CK_MINOR) {
            nv_div(&m->v, nn_minor_div(cm.e));
            nv_div(&m->vmax, nn_minor_div(cm.e));
        }
        nn_emit(sc, m);
        return done(end, m->e);
    }
    return NN_NO;
}

/* a unit glued to the digits: "15km", "300MW" */
NN_RULE_FN rule_glued_unit(fin *fs, uint32_t *end)
{
    scan *sc = fs->sc;
    nexpr *x = fs->x;
    const curm *pre = fs->pre;
    uint32_t p = fs->p;
    lexm lm;
    if (!x->glued_e) {
        return NN_NO;
    }
    if (!pre && nn_lex_longest(sc, p, NL_UNIT, &lm) && (lm.e->unit_flags & UF_GLUE) &&
        !(lm.end < sc->n && is_alnum(sc->s[lm.end]))) {
        return emit_unit(fs, &lm, end);
    }
    /* the units that count only glued ("20C", "68F", "5ft 10in"): all the letters, as written */
    for (int k = 0; !pre && k < sc->lx->n_glued_units; k++) {
        const char *f = sc->lx->glued_units[k].form;
        uint32_t fl = sc->lx->glued_units[k].len;
        uint16_t max = sc->lx->glued_units[k].max;
        if (x->glued_e == p + fl && memcmp(sc->s + p, f, fl) == 0 &&
            (!max || (x->single_lit && x->L.ival <= max))) {
            fs->m.label = "QUANTITY";
            fs->m.unit = sc->lx->glued_units[k].unit;
            fs->m.e = x->glued_e;
            nn_emit(sc, &fs->m);
            return done(end, fs->m.e);
        }
    }
    return NN_NO;
}

/* PERCENT with a percent word (words.tsv pct) ending at lm->end: "pp" and "bp" give the unit
 * "pp", basis points in percentage points. "percent points", "pct point" are percentage
 * points too: read here, after a percent word, because as lexicon keys they made "percent" -
 * the word after most numbers that have one - the head of a key chain, and every such number
 * paid for the chain (+1.5% instructions in the stage). */
static uint32_t emit_percent_word(fin *fs, const lexm *lm, uint32_t *end)
{
    ment *m = &fs->m;
    m->label = "PERCENT";
    m->e = lm->end;
    /* (the bytes, not the token reader: this runs on every percent mention) */
    const char *b = fs->sc->s;
    uint32_t q = lm->end + 1, n = fs->sc->n;
    if (lm->e->pct == PCT_PERCENT && q + 5 <= n && b[q - 1] == ' ' && (b[q] | 0x20) == 'p' &&
        memcmp(b + q + 1, "oint", 4) == 0) {
        uint32_t pe = q + 5 < n && b[q + 5] == 's' ? q + 6 : q + 5;
        if (!(pe < n && is_alnum(b[pe]))) {
            m->e = pe;
            m->unit = "pp";
        }
    }
    if (lm->e->pct == PCT_PP) {
        m->unit = "pp";
    } else if (lm->e->pct == PCT_BP) {
        m->unit = "pp";
        nv_div(&m->v, 100);
        nv_div(&m->vmax, 100);
    }
    nn_emit(fs->sc, m);
    return done(end, m->e);
}

/* a percent word glued to the digits, as "%" is: "5pct", "50bps", "3pp", "4.5pc". (The
 * bodies of this rule, glued_minor and percent_of_a are out of line and cold: they are rare,
 * and inlined into nn_finish they made the compiler take the token helpers out of line.) */
static __attribute__((noinline, cold)) int glued_percent_body(fin *fs, uint32_t *end)
{
    scan *sc = fs->sc;
    lexm lm;
    if (nn_lex_longest(sc, fs->p, NL_PCT, &lm) && !(lm.end < sc->n && is_alnum(sc->s[lm.end]))) {
        return emit_percent_word(fs, &lm, end);
    }
    return NN_NO;
}

NN_RULE_FN rule_glued_percent(fin *fs, uint32_t *end)
{
    if (!fs->x->glued_e || fs->pre) {
        return NN_NO;
    }
    return glued_percent_body(fs, end);
}

/* a minor unit glued to one or two whole digits or a decimal as one lower-case letter
 * (currency_forms.tsv kind "glued"): "85p", "2.5p" pence, "99c", "5c" cents (the unit / 100).
 * Three or more digits before the letter are a video resolution ("720p", "1080p"); "5p.m." is
 * a time; after a capitalised word or a reference noun the number and letter are a label
 * ("Figure 3c", "Part 2c", "Apartment 4c"). */
static __attribute__((noinline, cold)) int glued_minor_body(fin *fs, uint32_t *end)
{
    scan *sc = fs->sc;
    nexpr *x = fs->x;
    ment *m = &fs->m;
    uint32_t p = fs->p;
    int k = sc->s[p] - 'a';
    nn_tok pw;
    if (!x->single_lit || x->scaled || x->fraction || x->ordinal || x->sci ||
        x->L.int_digits > 2 || (p + 1 < sc->n && is_alnum(sc->s[p + 1])) ||
        (p + 2 < sc->n && sc->s[p + 1] == '.' && is_alpha(sc->s[p + 2])) ||
        (!sc->lx->glued_code[k] && !sc->lx->glued_class[k])) {
        return NN_NO;
    }
    if (nn_prev_word(sc, fs->ms, &pw) && pw.kind == TK_WORD &&
        ((sc->s[pw.s] >= 'A' && sc->s[pw.s] <= 'Z') ||
         nn_cue_of(sc->lx, sc->s + pw.s, pw.e - pw.s) == CUE_IDENT ||
         nn_cue_of(sc->lx, sc->s + pw.s, pw.e - pw.s) == CUE_IDENT_BARE)) {
        return NN_NO;
    }
    m->label = "MONEY";
    m->currency = sc->lx->glued_code[k] ? sc->lx->glued_code[k]
                                        : resolve_class(sc, sc->lx->glued_class[k] - 1);
    m->e = p + 1;
    nv_div(&m->v, 100);
    nv_div(&m->vmax, 100);
    nn_emit(sc, m);
    return done(end, m->e);
}

NN_RULE_FN rule_glued_minor(fin *fs, uint32_t *end)
{
    if (!fs->x->glued_e || fs->pre || fs->x->glued_e != fs->p + 1 || fs->sc->s[fs->p] < 'a' ||
        fs->sc->s[fs->p] > 'z') {
        return NN_NO;
    }
    return glued_minor_body(fs, end);
}

/* a month glued to the day: "22april", "28Nov" */
NN_RULE_FN rule_glued_month(fin *fs, uint32_t *end)
{
    scan *sc = fs->sc;
    nexpr *x = fs->x;
    const curm *pre = fs->pre;
    uint32_t ms = fs->ms;
    uint32_t p = fs->p;
    if (!x->glued_e) {
        return NN_NO;
    }
    nn_tok gw;
    tok(sc, p, &gw);
    const nn_entry *gm = nn_tok_entry(sc, &gw, 0);
    if (!pre && gm && (gm->roles & NL_MONTH) && x->single_lit && x->L.plain &&
        x->L.ival >= 1 && x->L.ival <= 31 && x->L.int_digits <= 2 &&
        !(gw.e < sc->n && is_alnum(sc->s[gw.e]))) {
        /* "22april", "28Nov" */
        uint32_t q = gw.e;
        int year = 0;
        nn_opt_year(sc, &q, &year);
        if (!year) {
            year = nn_infer_year_tense(sc, gm->month, (int)x->L.ival, ms, q);
        }
        nn_emit_date(sc, ms, q, nn_date_text(sc, year, gm->month, (int)x->L.ival));
        return done(end, q);
    }
    return NN_NO;
}

/* An age band's words right before pos (cues.tsv poss, band_part, band_at, band_link): "in"
 * and a possessive pronoun, maybe with "early"/"mid"/"late" ("in his 40s", "into her mid-30s"),
 * or "and"/"or" right after a band ("in their 20s and 30s"). Without "in" the decade is the
 * calendar's ("his 80s hits"). */
static bool age_band_before(const scan *sc, uint32_t pos)
{
    nn_tok w, v;
    bool hyphen = pos > 0 && sc->s[pos - 1] == '-'; /* "mid-30s": the part glued by a hyphen */
    if (!nn_prev_word(sc, pos - hyphen, &w) || w.s < sc->last_end ||
        (hyphen && (w.e != pos - 1 || !nn_word_flag(sc, &w, CUEF_BAND_PART)))) {
        return false;
    }
    if (nn_word_flag(sc, &w, CUEF_BAND_PART) && (!nn_prev_word(sc, w.s, &w) || w.s < sc->last_end)) {
        return false;
    }
    if (nn_word_flag(sc, &w, CUEF_BAND_LINK)) {
        uint32_t k = w.s;
        while (k > 0 && (sc->s[k - 1] == ' ' || sc->s[k - 1] == '\t')) {
            k--;
        }
        return sc->band_end && k == sc->band_end;
    }
    return nn_word_flag(sc, &w, CUEF_POSS) && nn_prev_word(sc, w.s, &v) &&
           nn_word_flag(sc, &v, CUEF_BAND_AT);
}

/* "the 1960's", "the '80's", "mid-1970's", "in his 60's": a decade written with an apostrophe
 * before its "s" when "the" or an age band's words stand before it, or "early"/"mid"/"late"
 * (cues.tsv band_part) glued by a hyphen; elsewhere "'s" is a possessive ("2020's election",
 * "Boeing 737's engines"). @returns the end of the "s", or 0. */
static __attribute__((noinline, cold)) uint32_t decade_apostrophe(const scan *sc, const nexpr *x,
                                                                  uint32_t ms, uint32_t p)
{
    uint32_t se = nn_apostrophe_s_end(sc, p);
    if (!se || !x->single_lit || !x->L.plain || x->L.ival % 10 != 0 ||
        (x->L.int_digits != 4 && x->L.int_digits != 2)) {
        return 0;
    }
    uint32_t s0 = ms;
    if (s0 > 0 && sc->s[s0 - 1] == '\'') {
        s0--; /* "the '80's" */
    }
    nn_tok w;
    if (s0 > 0 && sc->s[s0 - 1] == '-') {
        return nn_prev_word(sc, s0 - 1, &w) && w.e == s0 - 1 && nn_word_flag(sc, &w, CUEF_BAND_PART)
                   ? se
                   : 0;
    }
    if (nn_prev_word(sc, s0, &w) && tok_word(sc, &w, "the")) {
        return se;
    }
    return x->L.int_digits == 2 && s0 == ms && age_band_before(sc, ms) ? se : 0;
}

/* a decade: "1990s", "the 1990s", "the '90s", "1800s", "the 1960's" (decade_apostrophe); after
 * a possessive an age band: "in his 40s" CARDINAL 40..49 (the ages it covers; "early", "mid-"
 * stay outside: no value for them) */
NN_RULE_FN rule_decade(fin *fs, uint32_t *end)
{
    scan *sc = fs->sc;
    nexpr *x = fs->x;
    const curm *pre = fs->pre;
    uint32_t ms = fs->ms;
    uint32_t p = fs->p;
    uint32_t se = 0; /* the end of the decade's "s" */
    if (x->glued_e) {
        se = x->glued_e == p + 1 && lower(sc->s[p]) == 's' ? p + 1 : 0;
    } else if (p < sc->n && (sc->s[p] == '\'' || (unsigned char)sc->s[p] == 0xE2) && !pre &&
               !fs->range) {
        se = decade_apostrophe(sc, x, ms, p);
    }
    if (!se) {
        return NN_NO;
    }
    if (!pre && x->single_lit && x->L.plain &&
        (x->L.int_digits == 4 || x->L.int_digits == 2) && x->L.ival % 10 == 0) {
        /* "1990s", "the 1990s", "the '90s", "1800s" */
        uint64_t y0 = x->L.ival;
        uint32_t s0 = ms;
        if (s0 > 0 && (sc->s[s0 - 1] == '\'' ||
                       (s0 >= 3 && (unsigned char)sc->s[s0 - 3] == 0xE2 &&
                        (unsigned char)sc->s[s0 - 2] == 0x80 &&
                        (unsigned char)sc->s[s0 - 1] == 0x99))) {
            s0 -= sc->s[s0 - 1] == '\'' ? 1 : 3;
        }
        if (x->L.int_digits == 2 && s0 == ms && y0 >= 10 && age_band_before(sc, ms)) {
            ment m;
            memset(&m, 0, sizeof m);
            m.s = ms;
            m.e = se;
            m.label = "CARDINAL";
            m.v = nv_int(y0);
            m.vmax = nv_int(y0 + 9);
            m.has_v = m.has_max = true;
            nn_emit(sc, &m);
            sc->band_end = se;
            return done(end, se);
        }
        if (x->L.int_digits == 2) {
            y0 += (sc->py >= 2000 && (int)y0 + 2000 <= sc->py) ? 2000 : 1900;
        }
        nn_tok pw;
        if (nn_prev_word(sc, s0, &pw) && tok_word(sc, &pw, "the") && pw.s >= sc->last_end) {
            s0 = pw.s;
        }
        const char *v = y0 % 100 == 0 && y0 < 2000
                            ? nn_arena_printf(sc, "%02dXX", (int)(y0 / 100))
                            : nn_arena_printf(sc, "%03dX", (int)(y0 / 10));
        nn_emit_date(sc, s0, se, v);
        return done(end, se);
    }
    return NN_NO;
}

/* other letters glued to the digits make an identifier, no number: "5G", "4K", "3D" */
NN_RULE_FN rule_glued_ident(fin *fs, uint32_t *end)
{
    scan *sc = fs->sc;
    nexpr *x = fs->x;
    const curm *pre = fs->pre;
    if (!x->glued_e) {
        return NN_NO;
    }
    if (!pre) {
        return done(end, nn_skip_ident(sc, x->s));
    }
    return NN_NO;
}

/* Cents without their unit (bare_cents) after an amount in whole units, not after "5.50",
 * "5 million" or "5,000": the mention then ends after them. After a grouped whole amount only
 * with their unit ("$2,000 and 50 cents"; "$5,000 and 50" may be two amounts). */
static inline void add_cents(const scan *sc, const nexpr *x, ment *m, uint32_t from)
{
    bool plain = !(x->has_lit && !x->L.plain);
    if (!x->scaled && (plain || (x->L.grouped && !x->L.decimal))) {
        uint32_t ce = bare_cents(sc, m, from, !plain);
        if (ce) {
            m->e = ce;
        }
    }
}

/* "%5", "% 2.5": a percent sign before the number, as Turkish-style wire copy writes it. The
 * scanner's on_percent starts the mention at the sign (ms) when it starts a token of its own
 * and belongs to no mention already ("5% 3 times": the sign is 5%'s). */
NN_RULE_FN rule_percent_before(fin *fs, uint32_t *end)
{
    if (fs->sc->s[fs->ms] != '%') {
        return NN_NO;
    }
    fs->m.label = "PERCENT";
    nn_emit(fs->sc, &fs->m);
    return done(end, fs->m.e);
}

/* The roles of the keys that start at the word \p t when they are its own entries only (the
 * chain of keys there is one token: neither entry begins a longer key, or none of those goes
 * on with the next token - nn_entry.next_first, the test of scan.c's next_may_go_on): true and
 * *roles, decided from the two cached entries without building the chain (lex_chain). False
 * when a longer key may start there, or for digits and words of more than 48 bytes. */
static inline bool one_token_roles(const scan *sc, const nn_tok *t, uint32_t *roles)
{
    if (t->kind == TK_DIGITS || t->kind == TK_END || t->e - t->s > 48) {
        return false;
    }
    const nn_entry *el = nn_tok_entry(sc, t, 0), *ec = nn_tok_entry(sc, t, 1);
    *roles = (el ? el->roles : 0) | (ec ? ec->roles : 0);
    uint64_t first = (el && (el->roles & NL_PREFIX) ? el->next_first : 0) |
                     (ec && (ec->roles & NL_PREFIX) ? ec->next_first : 0);
    if (!first) {
        return true;
    }
    const unsigned char *u = (const unsigned char *)sc->s;
    uint32_t e = t->e;
    while (e < sc->n && (u[e] == ' ' || u[e] == '\t')) {
        e++;
    }
    return !(e >= sc->n || u[e] <= ' ' || u[e] >= 0x7F || (first & nn_next_bit(u[e])));
}

/* False when no currency key starts at the word \p t, as nn_match_currency would find there
 * (one_token_roles). Most amounts are followed by a word with an entry ("in", "a", "for")
 * that starts a longer key or none, and their key chain is then not built. */
static inline bool cur_may_start(const scan *sc, const nn_tok *t)
{
    uint32_t roles;
    if (t->kind != TK_WORD || t->e - t->s > 48) {
        return false;
    }
    return !one_token_roles(sc, t, &roles) || (roles & NL_CUR);
}

/* an amount after a currency code or symbol: "$5 million", "US$ 5 million dollars", "$5.25" */
NN_RULE_FN rule_money_prefix(fin *fs, uint32_t *end)
{
    scan *sc = fs->sc;
    nexpr *x = fs->x;
    const curm *pre = fs->pre;
    ment *m = &fs->m;
    nn_tok t = fs->t;
    bool next_ok = fs->next_ok;
    bool range = fs->range;
    if (pre) {
        m->label = "MONEY";
        m->currency = resolve_currency(sc, pre->e);
        if (pre->scale && !x->scaled) {
            m->v = nn_scaled(m->v, pre->scale);
            m->vmax = nn_scaled(m->vmax, pre->scale);
        }
        /* "$ 10 dollars", "US$ 5 million dollars": the redundant word belongs to the mention */
        curm cm;
        /* (a currency key must start at the word after: most amounts are followed by a word
         * that starts none, and its key chain is not built) */
        if (next_ok && cur_may_start(sc, &t) && nn_match_currency(sc, t.s, false, true, &cm) &&
            cm.e->cur_kind == CK_WORD) {
            m->e = cm.end;
        }
        if (!range && !fs->cents_end) {
            add_cents(sc, x, m, m->e);
        }
        nn_emit(sc, m);
        return done(end, m->e);
    }
    return NN_NO;
}

/* a quarter or half of a year: "the fourth quarter of 2023", "second-quarter", "4th quarter",
 * "the first half of 2024" (a half only with its year: "the first half" of a match is none) */
enum { PERIOD_ALONE = 99, PERIOD_OF_NOUN = 100 };

/* True when one of the three tokens from \p p names a year: digits, "year", or a cue word of
 * the kind fiscal (cues.tsv: "fiscal 2024", "the financial year"). */
static bool year_words_at(const scan *sc, uint32_t p)
{
    nn_tok t;
    for (int k = 0; k < 3; k++, p = t.e) {
        tok(sc, p, &t);
        if (t.kind == TK_DIGITS || tok_word(sc, &t, "year") ||
            (t.kind == TK_WORD && nn_cue_of(sc->lx, sc->s + t.s, t.e - t.s) == CUE_FISCAL)) {
            return true;
        }
        if (t.kind != TK_WORD || t.ws != 1) {
            return false;
        }
    }
    return false;
}

/* What follows a quarter or half at \p p: "of the year", "of this (last, next) year" - the
 * year's offset from publication (0, -1, 1; *ye: its end) -, "of" and words that name no year
 * (PERIOD_OF_NOUN: "of the game", "of extra time": no calendar period), or neither
 * (PERIOD_ALONE: no "of", or "of fiscal 2024", read as before). */
static int period_of_year(const scan *sc, uint32_t p, uint32_t *ye)
{
    nn_tok of, a, b;
    tok(sc, p, &of);
    if (!tok_word(sc, &of, "of") || of.ws != 1) {
        return PERIOD_ALONE;
    }
    tok(sc, of.e, &a);
    tok(sc, a.e, &b);
    const nn_entry *ae = a.kind == TK_WORD ? nn_tok_entry(sc, &a, 0) : NULL;
    bool the = tok_word(sc, &a, "the");
    if (a.ws == 1 && b.ws == 1 && tok_word(sc, &b, "year") && !(b.e < sc->n && is_alpha(sc->s[b.e])) &&
        (the || (ae && (ae->roles & NL_RELMOD) && ae->rel >= -1 && ae->rel <= 1))) {
        *ye = b.e;
        return the ? 0 : ae->rel;
    }
    return year_words_at(sc, of.e) ? PERIOD_ALONE : PERIOD_OF_NOUN;
}

/* "the first nine months of 2024", "the last three months of the year": \p n (2..11) months
 * at the start (or, \p last, the end) of the year read after the unit at \p ue ("of 2024", "of
 * the year", "of this/next year", as for a quarter): one DATE interval [\p s0, end of the
 * year's words), months 1..n or 13-n..12. "of his term" names no calendar period, and "the
 * first two months to June" is no such phrase: 0, nothing emitted. */
static __attribute__((noinline, cold)) uint32_t months_of_year(scan *sc, uint32_t s0, uint64_t n,
                                                               uint32_t ue, bool last)
{
    int y = 0;
    uint32_t ye = ue;
    if (n < 2 || n > 11) {
        return 0;
    }
    int m1 = last ? 13 - (int)n : 1, m2 = last ? 12 : (int)n;
    /* "of the year", "of next year" (a few tokens) before "of 2024" (the year readers) */
    int rel = period_of_year(sc, ue, &ye);
    if (rel == PERIOD_OF_NOUN) {
        return 0; /* "of his term" */
    }
    if (rel == PERIOD_ALONE) {
        nn_opt_year(sc, &ye, &y);
        if (!y) {
            return 0;
        }
    } else {
        if (!sc->ctx->relative_dates || !nn_have_pub(sc)) {
            return 0; /* (REF values have no interval form) */
        }
        y = sc->py + rel;
        nn_tok of, a;
        tok(sc, ue, &of);
        tok(sc, of.e, &a);
        if (tok_word(sc, &a, "the")) {
            /* "of the year" (not "this year"): in a report of the past the months have ended
             * by publication ("rose 5% in the first 11 months of the year" in September is
             * last year's: a past verb before them in the sentence); about the future they
             * have not ("will rise in the first two months of the year" in June is next
             * year's); with no verb at all, a report. A past verb only after them is a
             * reporting verb more often than not ("'We remain cautious about the first six
             * months of the year,' he said"): the publication year. */
            int before = nn_tense_before(sc, s0);
            int tense = before ? before : nn_tense_at(sc, s0, ye);
            bool past = before < 0 || tense == 0;
            y += past && m2 >= sc->pm ? -1 : tense > 0 && m2 < sc->pm ? 1 : 0;
        }
    }
    nn_emit_date(sc, s0, ye,
                 nn_arena_printf(sc, "%s/%s", nn_date_text(sc, y, m1, 0), nn_date_text(sc, y, m2, 0)));
    return ye;
}

/* "the first nine months of 2024": "the", the ordinal one, a count of months and the year
 * (months_of_year); the ordinal alone otherwise ("the first three months of his term"). */
static __attribute__((noinline, cold)) uint32_t first_months_body(fin *fs)
{
    scan *sc = fs->sc;
    uint32_t s0 = nn_with_the(sc, fs->ms);
    nexpr nx;
    uint64_t n;
    nn_tok u;
    if (s0 == fs->ms || !nn_parse_numexpr(sc, fs->t.s, 0, &nx) || nx.ordinal || nx.fraction ||
        !nv_uint(&nx.v, 11, &n)) {
        return 0;
    }
    tok(sc, nx.e, &u);
    const nn_entry *ue = u.kind == TK_WORD && u.ws == 1 ? nn_tok_entry(sc, &u, 0) : NULL;
    nn_tok of;
    tok(sc, u.e, &of);
    if (!ue || !(ue->roles & NL_DUR) || ue->dur[0] != 'M' || ue->dur[1] ||
        (u.e < sc->n && is_alpha(sc->s[u.e])) || !tok_word(sc, &of, "of")) {
        return 0;
    }
    return months_of_year(sc, s0, n, u.e, false);
}

NN_RULE_FN rule_first_months(fin *fs, uint32_t *end)
{
    uint32_t e;
    const nn_entry *ne;
    if (!fs->x->ordinal || fs->xd != 1 || fs->range || !fs->next_ok || fs->t.ws != 1 ||
        !(fs->t.kind == TK_DIGITS ||
          (fs->t.kind == TK_WORD && (ne = nn_tok_entry(fs->sc, &fs->t, 0)) != NULL &&
           (ne->roles & NL_NUM))) ||
        !(e = first_months_body(fs))) {
        return NN_NO;
    }
    return done(end, e);
}

NN_RULE_FN rule_quarter(fin *fs, uint32_t *end)
{
    scan *sc = fs->sc;
    nexpr *x = fs->x;
    nn_tok t = fs->t, w = fs->t;
    if (!x->ordinal || x->fraction || fs->range || !fs->next_ok || fs->xd < 1 || fs->xd > 4) {
        return NN_NO;
    }
    if (tok_is(sc, &t, "-") && t.ws == 0) {
        tok(sc, t.e, &w); /* "second-quarter" */
        if (w.ws) {
            return NN_NO;
        }
    } else if (t.ws != 1) {
        return NN_NO;
    }
    int parts = tok_word(sc, &w, "quarter") ? 4 : tok_word(sc, &w, "half") ? 2 : 0;
    if (!parts || fs->xd > (uint64_t)parts || (w.e < sc->n && is_alnum(sc->s[w.e]))) {
        return NN_NO;
    }
    int len = 12 / parts, q = (int)fs->xd, y = 0;
    uint32_t ye = w.e;
    nn_opt_year(sc, &ye, &y);
    if (!y) {
        int rel = period_of_year(sc, w.e, &ye);
        if (rel == PERIOD_OF_NOUN || (rel == PERIOD_ALONE && parts == 2)) {
            return NN_NO; /* "the first quarter of the game"; "the second half" alone */
        }
        if (rel != PERIOD_ALONE) {
            /* "the second half of this year": of the publication year (moved); without it
             * the ordinal (REF values have no interval form) */
            if (!sc->ctx->relative_dates || !nn_have_pub(sc)) {
                return NN_NO;
            }
            y = sc->py + rel;
            nn_emit_date(sc, nn_with_the(sc, fs->ms), ye,
                         nn_arena_printf(sc, "%s/%s", nn_date_text(sc, y, (q - 1) * len + 1, 0),
                                         nn_date_text(sc, y, q * len, 0)));
            return done(end, ye);
        }
    }
    return done(end, nn_emit_months(sc, nn_with_the(sc, fs->ms), w.e, (q - 1) * len + 1, q * len));
}

/* "the 21st century" (20XX), "the nineteenth century" (18XX), "19th-century" (as an adjective,
 * without the "the" of its noun): an ordinal before the duration word of a century
 * (calendar.tsv dur C) is that century, TIMEX3's value with X for the years, as "the 1900s" is
 * 19XX. A capitalised "Century" is one too ("in the 21st Century, every society"), unless
 * another capitalised word follows: a name ("21st Century Fox"), the ordinal rule's. */
static __attribute__((noinline, cold)) int century_body(fin *fs, uint32_t *end)
{
    scan *sc = fs->sc;
    nn_tok w = fs->t;
    uint64_t n;
    if (fs->x->fraction || fs->range || !nv_uint(&fs->x->v, 99, &n) || n < 1) {
        return NN_NO;
    }
    bool adj = tok_is(sc, &w, "-") && w.ws == 0;
    if (adj) {
        tok(sc, w.e, &w);
        if (w.ws) {
            return NN_NO;
        }
    } else if (w.ws != 1) {
        return NN_NO;
    }
    /* (a capitalised "Century" before another capitalised word is a name's) */
    nn_tok a;
    bool name = w.cap && (tok(sc, w.e, &a), a.kind == TK_WORD && a.cap && a.ws == 1);
    const nn_entry *we = w.kind == TK_WORD && !name ? nn_tok_entry(sc, &w, 0) : NULL;
    if (!we || !(we->roles & NL_DUR) || we->dur[0] != 'C' ||
        (w.e < sc->n && (is_alnum(sc->s[w.e]) || sc->s[w.e] == '-'))) {
        return NN_NO; /* (not "19th-century-style": a compound the next reader would split) */
    }
    nn_emit_date(sc, adj ? fs->ms : nn_with_the(sc, fs->ms), w.e,
                 nn_arena_printf(sc, "%02dXX", (int)n - 1));
    return done(end, w.e);
}

/* (the body out of line and cold: an ordinal before "century" is rare; the first test, a
 * digit ordinal or word ordinal followed by a word or a hyphen, is all most numbers pay) */
NN_RULE_FN rule_century(fin *fs, uint32_t *end)
{
    char c = fs->next_ok ? lower(fs->sc->s[fs->t.s]) : 0;
    if (!fs->x->ordinal || (c != 'c' && c != '-')) {
        return NN_NO;
    }
    return century_body(fs, end);
}

/* "the 20th of next month", "31st of this month" */
NN_RULE_FN rule_ordinal_rel_month(fin *fs, uint32_t *end)
{
    scan *sc = fs->sc;
    nexpr *x = fs->x;
    uint32_t ms = fs->ms;
    nn_tok t = fs->t;
    bool next_ok = fs->next_ok;
    uint64_t xd = fs->xd;
    if (x->ordinal && next_ok && xd >= 1 && xd <= 31) {
        /* "the 20th of next month", "31st of this month", "the 20th next month" */
        nn_tok a, b;
        if (tok_word(sc, &t, "of")) {
            tok(sc, t.e, &a);
        } else {
            a = t;
        }
        tok(sc, a.e, &b);
        const nn_entry *ae = nn_tok_entry(sc, &a, 0);
        if (ae && (ae->roles & NL_RELMOD) && ae->rel >= -1 && tok_word(sc, &b, "month") &&
            a.ws == 1 && b.ws == 1) {
            if (sc->ctx->relative_dates) {
                int64_t mm = (int64_t)sc->py * 12 + (sc->pm - 1) + ae->rel;
                int y = (int)(mm / 12), mo = (int)(mm % 12) + 1;
                nn_tok pw;
                uint32_t s0 = ms;
                if (nn_prev_word(sc, s0, &pw) && tok_word(sc, &pw, "the") && pw.s >= sc->last_end) {
                    s0 = pw.s;
                }
                if (!nn_have_pub(sc)) {
                    if (xd <= 31) {
                        nn_emit_date(sc, s0, b.e, nn_ref_text(sc, ae->rel, 'M', (int)xd));
                    }
                } else if (xd <= (uint64_t)nn_days_in_month(y, mo)) {
                    /* (no value for a day the month does not have: "31st of this month" in
                     * November is no date) */
                    nn_emit_date(sc, s0, b.e, nn_date_text(sc, y, mo, (int)xd));
                }
            }
            return done(end, b.e);
        }
    }
    return NN_NO;
}

/* The from-the-end flags (cues.tsv end_link, end_word) of the word \p a, 0 when none. */
static uint8_t from_end_flags(const scan *sc, const nn_tok *a)
{
    if (a->kind != TK_WORD || a->e - a->s > 12) {
        return 0;
    }
    const nn_cue *c = nn_cue_slot(sc->lx, sc->s + a->s, a->e - a->s);
    return c ? (uint8_t)(c->flags & (CUEF_END_LINK | CUEF_END_WORD)) : 0;
}

/* The end of a from-the-end tail after an ordinal \p x ("second to last", "2nd-to-last", "third
 * from bottom", "the second from the end", "second-last", "the second last stage"), 0 when
 * there is none: such a phrase is a position counted from the end, no ordinal number
 * (convention relative-ordinal). Without a link word ("to", "from") only "last", after a
 * hyphen or with a determiner before the ordinal ("finished second last season" is second place); "from
 * first to last" is no position; a time word after the end word makes it a date ("second to
 * last year's winner"). Cold: asked of ordinals only. */
__attribute__((noinline, cold)) uint32_t nn_from_end(scan *sc, const nexpr *x)
{
    nn_tok a, b, pw;
    tok(sc, x->e, &a);
    bool hy = a.kind == TK_SYM && a.ws == 0 && nn_tok_is_dash(sc, &a);
    if (hy) {
        tok(sc, a.e, &a);
    }
    /* (the link words and "last" are prepositions and a relative modifier of words.tsv: their
     * cached lexicon entry first, the cue table after - most ordinals have a noun after them) */
    const nn_entry *ae = a.kind == TK_WORD ? nn_tok_entry(sc, &a, 0) : NULL;
    if (!ae || !(ae->roles & (NL_PREP | NL_RELMOD)) || a.ws != (hy ? 0 : 1)) {
        return 0;
    }
    uint8_t f = from_end_flags(sc, &a);
    uint64_t v = 0;
    if (f & CUEF_END_LINK) {
        if (nv_uint(&x->v, 1, &v)) {
            return 0;
        }
        tok(sc, a.e, &b);
        if (hy && b.ws == 0 && nn_tok_is_dash(sc, &b)) {
            tok(sc, b.e, &b); /* "-to-last" */
        }
        const nn_entry *be = b.kind == TK_WORD ? nn_tok_entry(sc, &b, 0) : NULL;
        if (be && (be->roles & NL_DET)) {
            tok(sc, b.e, &b); /* "from the end" */
        }
        a = b;
        if (!(from_end_flags(sc, &a) & CUEF_END_WORD)) {
            return 0;
        }
    } else {
        /* (directly: "last" only, the end word that is also a relative modifier - "the second
         * end of the bridge" is no position from the end) */
        if (!(f & CUEF_END_WORD) || !(ae->roles & NL_RELMOD) ||
            (!hy && !(nn_prev_roles(sc, x->s, &pw) & NL_DET))) {
            return 0;
        }
    }
    tok(sc, a.e, &b);
    const nn_entry *te = b.kind == TK_WORD ? nn_tok_entry(sc, &b, 0) : NULL;
    if (te && (te->roles & (NL_DUR | NL_MONTH | NL_WEEKDAY | NL_RELDAY))) {
        return 0;
    }
    return a.e;
}

/* a digit ordinal counted from the end: "2nd to last", "3rd-from-bottom": nothing (as "second to
 * last", number-word rule second_to_last) */
/* A year written in digits at \p p, after an optional comma: "march 2015", "may, 2016". */
static bool year_after(const scan *sc, uint32_t p)
{
    nn_tok t;
    tok(sc, p, &t);
    int y;
    uint32_t ye;
    return nn_read_year(sc, tok_is(sc, &t, ",") && t.ws == 0 ? t.e : p, &y, &ye);
}

NN_RULE_FN rule_ordinal_from_end(fin *fs, uint32_t *end)
{
    if (!fs->x->ordinal || !fs->x->has_lit) {
        return NN_NO;
    }
    uint32_t e = nn_from_end(fs->sc, fs->x);
    return e ? done(end, e) : NN_NO;
}

/* "the first day of next month", "the third day of July", "the first business day of next
 * month": an ordinal day and "day of" a period (nn_day_of_period); "the first day of the
 * trial" stays an ordinal */
NN_RULE_FN rule_ordinal_day_of(fin *fs, uint32_t *end)
{
    scan *sc = fs->sc;
    nn_tok t = fs->t;
    if (!fs->x->ordinal || !fs->next_ok || fs->xd < 1 || fs->xd > 31 || t.ws != 1) {
        return NN_NO;
    }
    /* "the first business day of next month": the Nth weekday of it (cues.tsv workday);
     * "the first weekday of July": the workday word is the day (calendar.tsv relday work) */
    bool work = false, noun = false;
    if (t.kind == TK_WORD && nn_cue_of(sc->lx, sc->s + t.s, t.e - t.s) == CUE_WORKDAY) {
        const nn_entry *we = nn_tok_entry(sc, &t, 0);
        noun = we && (we->cal_flags & CAL_WORK);
        if (!noun) {
            tok(sc, t.e, &t);
        }
        work = true;
    }
    if ((!noun && !tok_word(sc, &t, "day")) || t.ws != 1) {
        return NN_NO;
    }
    uint32_t s0 = fs->ms;
    nn_tok pw;
    if (nn_prev_word(sc, s0, &pw) && tok_word(sc, &pw, "the") && pw.s >= sc->last_end) {
        s0 = pw.s;
    }
    uint32_t e = nn_day_of_period(sc, s0, t.e, (int)fs->xd, work);
    return e ? done(end, e) : NN_NO;
}

/* an ordinal day and a month: "28th of November", "twenty second of June" */
/* "the 23rd to the 26th of December", "23rd through 26th December", "between the 3rd and the
 * 5th of May": a range of days of one month after the ordinal day \p d1 at [ms, p), one DATE
 * interval as "3 to 5 May" (the link: cues.tsv range_to, or range_and after range_open); "the
 * 23rd and 24th of December" (range_and alone): a list, two DATEs of the month.
 * @returns its end, 0 when there is none. */
static uint32_t ordinal_day_range(scan *sc, uint32_t ms, uint32_t p, int d1)
{
    nn_tok a, b, u, pw;
    tok(sc, p, &a);
    nn_cueflags fl = a.ws == 1 ? nn_date_link(sc, &a) : 0;
    if (!(fl & (CUEF_RANGE_TO | CUEF_RANGE_AND))) {
        return 0; /* (most ordinals: no look back) */
    }
    uint32_t s0 = nn_with_the(sc, ms);
    bool list = !(fl & CUEF_RANGE_TO) &&
                !(nn_prev_word(sc, s0, &pw) && (nn_date_link(sc, &pw) & CUEF_RANGE_OPEN));
    uint32_t q = a.e;
    tok(sc, q, &b);
    uint32_t s2 = b.s; /* the second day's mention, with its "the", in a list */
    q = tok_word(sc, &b, "the") && b.ws == 1 ? b.e : q;
    int d2, year = 0;
    uint32_t de;
    if (!nn_read_day(sc, q, &d2, &de) || d2 <= d1) {
        return 0;
    }
    tok(sc, de, &u);
    if (tok_word(sc, &u, "of") && u.ws == 1) {
        tok(sc, u.e, &u);
    }
    const nn_entry *me = u.ws == 1 ? nn_tok_entry(sc, &u, 0) : NULL;
    if (!me || !(me->roles & NL_MONTH) || (!u.cap && (me->cal_flags & CAL_WEAK)) ||
        (u.e < sc->n && is_alpha(sc->s[u.e]))) {
        return 0;
    }
    q = u.e < sc->n && sc->s[u.e] == '.' && (me->cal_flags & CAL_ABBR) ? u.e + 1 : u.e;
    nn_opt_year(sc, &q, &year);
    if (!year) {
        year = nn_infer_year_tense(sc, me->month, d1, s0, q);
    }
    if (list) {
        if (d2 > nn_days_in_month(year ? year : 2000, me->month)) {
            return 0;
        }
        nn_emit_date(sc, s0, p, nn_date_text(sc, year, me->month, d1));
        nn_emit_date(sc, s2, q, nn_date_text(sc, year, me->month, d2));
        return q;
    }
    return nn_emit_day_range(sc, s0, q, year, me->month, d1, d2) ? q : 0;
}

NN_RULE_FN rule_ordinal_date(fin *fs, uint32_t *end)
{
    scan *sc = fs->sc;
    nexpr *x = fs->x;
    uint32_t ms = fs->ms;
    ment *m = &fs->m;
    nn_tok t = fs->t;
    bool next_ok = fs->next_ok;
    uint32_t p = fs->p;
    uint64_t xd = fs->xd;
    nn_tok u;
    if (!x->ordinal) {
        return NN_NO;
    }
    /* "28th of November", "twenty second of June" */
    int mon = 0;
    uint32_t q = p;
    if (next_ok && tok_word(sc, &t, "of")) {
        tok(sc, t.e, &u);
        const nn_entry *me = nn_tok_entry(sc, &u, 0);
        if (me && (me->roles & NL_MONTH) && u.ws != 2) {
            mon = me->month;
            q = u.e;
            if (q < sc->n && sc->s[q] == '.' && (me->cal_flags & CAL_ABBR)) {
                q++;
            }
        }
    } else if (next_ok) {
        const nn_entry *me = nn_tok_entry(sc, &t, 0);
        if (me && (me->roles & NL_MONTH) && (t.cap || !(me->cal_flags & CAL_WEAK))) {
            mon = me->month;
            q = t.e;
            if (q < sc->n && sc->s[q] == '.' && (me->cal_flags & CAL_ABBR)) {
                q++;
            }
        }
    }
    uint32_t re;
    if (!mon && next_ok && xd >= 1 && xd <= 31 && (re = ordinal_day_range(sc, ms, p, (int)xd))) {
        return done(end, re);
    }
    if (mon && xd >= 1) {
        int year = 0;
        nn_opt_year(sc, &q, &year);
        nn_tok pw;
        uint32_t s0 = ms;
        if (nn_prev_word(sc, s0, &pw) && tok_word(sc, &pw, "the") && pw.s >= sc->last_end) {
            s0 = pw.s;
        }
        if (!year) {
            year = nn_infer_year_tense(sc, mon, (int)xd, s0, q);
        }
        /* "Wednesday, 22nd of January", "Friday the 14th of June": the weekday before it */
        uint32_t ws = nn_weekday_before(sc, s0);
        if (ws < s0 && ws >= sc->last_end) {
            s0 = ws;
        }
        if (xd > (uint64_t)nn_days_in_month(year ? year : 2000, mon)) {
            m->label = "ORDINAL"; /* "the 31st of June" is no date */
            nn_emit(sc, m);
            return done(end, m->e);
        }
        nn_emit_date(sc, s0, q, nn_date_text(sc, year, mon, (int)xd));
        return done(end, q);
    }
    return NN_NO;
}

/* a digit ordinal before a weekday: "the 1st Monday of June", "the 2nd Tuesday of next month",
 * "the 4th Thursday in November 2023", as the spelled "the first Monday of June" (nw_nth_weekday):
 * the Nth such weekday of that month (nn_nth_weekday) */
NN_RULE_FN rule_ordinal_weekday(fin *fs, uint32_t *end)
{
    if (!fs->x->ordinal || !fs->x->has_lit || fs->x->words || fs->range || fs->neg ||
        fs->t.kind != TK_WORD) {
        return NN_NO;
    }
    uint32_t e = nn_nth_weekday(fs->sc, fs->x, fs->ms);
    return e ? done(end, e) : NN_NO;
}

/* "the 27th" is a day only after a preposition of time ("on the 27th", "until the 21st",
 * "moved to the 27th": cues.tsv day_prep, and the time_after words "before", "after",
 * "since"); after a verb or another word it is the ordinal ("she was the 3rd"). */
static bool ordinal_day_prep(const scan *sc, const nn_tok *the)
{
    nn_tok pw;
    if (!nn_prev_word(sc, the->s, &pw) || pw.s < sc->last_end) {
        return false;
    }
    int cue = nn_cue_of(sc->lx, sc->s + pw.s, pw.e - pw.s);
    return cue == CUE_DAY_PREP || cue == CUE_TIME_AFTER;
}

/* "next month on the 5th", "last month on the 20th" (\p s0: "the" of the day, [.., \p e) its
 * mention, \p d the day): the day of that month, one DATE as "the 5th of next month" - the
 * month's DATE, the field's last mention, ending right before " on", is widened to the day.
 * Out of line: asked only for an ordinal day after "on the". @returns whether it was. */
static __attribute__((noinline, cold)) bool rel_month_on_day(scan *sc, uint32_t s0, uint32_t e, int d)
{
    nn_tok on, mo, rm;
    if (!nn_prev_word(sc, s0, &on) || !tok_word(sc, &on, "on") || !nn_prev_word(sc, on.s, &mo) ||
        !tok_word(sc, &mo, "month") || mo.e + 1 != on.s || !nn_prev_word(sc, mo.s, &rm)) {
        return false;
    }
    const nn_entry *re = nn_tok_entry(sc, &rm, 0);
    nf_doc *doc = sc->doc;
    nf_ann *a = doc->n_anns ? &doc->anns[doc->n_anns - 1] : NULL;
    if (!re || !(re->roles & NL_RELMOD) || re->rel < -1 || re->rel > 1 || !a ||
        a->field != sc->field || a->kind != NF_ANN_NUMBER || a->end != mo.e ||
        strcmp(a->label, "DATE") != 0 || a->end != sc->last_end) {
        return false;
    }
    const char *v;
    if (nn_have_pub(sc)) {
        int64_t mm = (int64_t)sc->py * 12 + (sc->pm - 1) + re->rel;
        int y = (int)(mm / 12), m = (int)(mm % 12) + 1;
        if (d > nn_days_in_month(y, m)) {
            return false; /* ("this month on the 31st" in June: no day) */
        }
        v = nn_date_text(sc, y, m, d);
    } else {
        v = nn_ref_text(sc, re->rel, 'M', d);
    }
    a->end = e;
    a->value_text = v;
    sc->last_end = e;
    return true;
}

/* "on the 27th", "for the 22nd": a day of the publication month when no noun follows (another
 * month when the verbs say so: nn_infer_month_tense) */
NN_RULE_FN rule_ordinal_day(fin *fs, uint32_t *end)
{
    scan *sc = fs->sc;
    nexpr *x = fs->x;
    uint32_t ms = fs->ms;
    ment *m = &fs->m;
    nn_tok t = fs->t;
    bool range = fs->range;
    uint64_t xd = fs->xd;
    if (!x->ordinal) {
        return NN_NO;
    }
    /* "on the 27th", "for the 22nd", "on 22nd": a day of the publication month (without
     * published_at, of no known month), only when no noun follows ("the 22nd
     * Amendment", "the 27th floor") */
    nn_tok pw;
    if (x->has_lit && !x->words && xd >= 1 && !range &&
        (t.kind == TK_END || t.ws == 2 ||
         (t.kind == TK_SYM && (tok_is(sc, &t, ".") || tok_is(sc, &t, ",") ||
                               tok_is(sc, &t, "!") || tok_is(sc, &t, "?") ||
                               tok_is(sc, &t, ";") || tok_is(sc, &t, ")")))) &&
        nn_prev_word(sc, ms, &pw) && pw.s >= sc->last_end &&
        ((tok_word(sc, &pw, "the") && ordinal_day_prep(sc, &pw)) || tok_word(sc, &pw, "on"))) {
        uint32_t s0 = tok_word(sc, &pw, "the") ? pw.s : ms;
        int dy, dm;
        if (s0 != ms && xd <= 31 && rel_month_on_day(sc, s0, m->e, (int)xd)) {
            return done(end, m->e); /* "next month on the 5th" */
        }
        if (sc->ctx->relative_dates && nn_have_pub(sc)) {
            /* "on the 23rd", "on 23rd": the day something happens, by the verb before it */
            nn_tok ow = pw;
            bool at = (!tok_word(sc, &pw, "the") || nn_prev_word(sc, pw.s, &ow)) &&
                      (nn_date_link(sc, &ow) & CUEF_DAY_AT);
            if (xd <= 31 && nn_infer_month_tense(sc, (int)xd, s0, at, &dy, &dm)) {
                nn_emit_date(sc, s0, m->e, nn_date_text(sc, dy, dm, (int)xd));
                return done(end, m->e);
            }
        } else {
            nn_emit_date(sc, s0, m->e, nn_arena_printf(sc, "XXXX-XX-%02d", (int)xd));
            return done(end, m->e);
        }
    }
    return NN_NO;
}

/* any other ordinal: "21st", "third" */
NN_RULE_FN rule_ordinal(fin *fs, uint32_t *end)
{
    scan *sc = fs->sc;
    nexpr *x = fs->x;
    ment *m = &fs->m;
    if (!x->ordinal) {
        return NN_NO;
    }
    m->label = "ORDINAL";
    nn_emit(sc, m);
    return done(end, m->e);
    return NN_NO;
}

/* False when no link of a range can start at \p e: a dash glued there, or "to", "and" after
 * blanks (their first two bytes). Any other printable ASCII byte there rules them out; other
 * bytes (a line break, a non-ASCII blank) leave the decision to the token reader. */
static inline bool range_link_may_follow(const scan *sc, uint32_t e)
{
    const unsigned char *u = (const unsigned char *)sc->s;
    uint32_t q = e;
    while (q < sc->n && (u[q] == ' ' || u[q] == '\t')) {
        q++;
    }
    if (q >= sc->n) {
        return false;
    }
    unsigned char c = q == e ? u[q] : (unsigned char)(u[q] | 0x20);
    bool printable = c > ' ' && c < 0x7F;
    if (!printable || q == e) {
        return !printable || c == '-';
    }
    unsigned char d = q + 1 < sc->n ? (unsigned char)(u[q + 1] | 0x20) : 0;
    return (c == 't' && d == 'o') || (c == 'a' && d == 'n');
}

/* "12%" */
/* A sign on both ends of a range: "5% to 7%", "5%-7%", "between 5% and 7%" (as "$2 to $4"):
 * the upper end and its sign join the mention. */
static void percent_sign_range(fin *fs, const nn_tok *sign)
{
    scan *sc = fs->sc;
    ment *m = &fs->m;
    nn_tok t, u, z, bw;
    nexpr y;
    if (!range_link_may_follow(sc, sign->e)) {
        return; /* (most signs: "12%," "12% of"; the token after is not cut) */
    }
    tok(sc, sign->e, &t);
    bool to = (nn_tok_is_dash(sc, &t) && t.ws == 0) || (tok_word(sc, &t, "to") && t.ws == 1) ||
              (tok_word(sc, &t, "and") && t.ws == 1 && nn_prev_word(sc, fs->ms, &bw) &&
               tok_word(sc, &bw, "between"));
    if (!to || fs->range || fs->x->fraction || fs->x->ordinal) {
        return;
    }
    tok(sc, t.e, &u);
    if (u.ws == 2 || u.kind != TK_DIGITS || !nn_parse_numexpr(sc, u.s, 0, &y) || y.ordinal ||
        y.fraction || y.scaled || !y.v.ok || !m->v.ok || nv_double(m->v) >= nv_double(y.v)) {
        return;
    }
    tok(sc, y.e, &z);
    if (z.ws <= 1 && tok_is(sc, &z, "%")) {
        m->vmax = y.v;
        m->has_max = true;
        m->e = z.e;
    }
}

NN_RULE_FN rule_percent_sign(fin *fs, uint32_t *end)
{
    scan *sc = fs->sc;
    ment *m = &fs->m;
    nn_tok t = fs->t;
    bool next_ok = fs->next_ok;
    /* PERCENT: "12%", "34.1 percent", "3.5 per cent", "0.25 percentage points", "50 bps" */
    if (next_ok && (tok_is(sc, &t, "%") || tok_is(sc, &t, "\xEF\xBC\x85"))) {
        m->label = "PERCENT";
        m->e = t.e;
        percent_sign_range(fs, &t);
        nn_emit(sc, m);
        return done(end, m->e);
    }
    return NN_NO;
}

/* "34.1 percent", "3.5 per cent", "0.25 percentage points", "50 bps" (data/numbers/words.tsv pct)
 */
NN_RULE_FN rule_percent_word(fin *fs, uint32_t *end)
{
    scan *sc = fs->sc;
    nn_tok t = fs->t;
    bool next_ok = fs->next_ok;
    lexm lm;
    if (next_ok && fin_may(fs, NL_PCT) && nn_lex_longest(sc, t.s, NL_PCT, &lm) &&
        !(lm.end < sc->n && is_alpha(sc->s[lm.end]))) {
        return emit_percent_word(fs, &lm, end);
    }
    return NN_NO;
}

/* a fraction "of a" or "of one" percent or percentage point: "a quarter of a percent" 0.25,
 * "three quarters of a percentage point" 0.75 pp, "half of one percent" (the fraction is
 * the amount; "a quarter of the 5 percent" is not this form) */
static __attribute__((noinline, cold)) int percent_of_a_body(fin *fs, uint32_t *end)
{
    scan *sc = fs->sc;
    nn_tok t = fs->t, a, w;
    lexm lm;
    if (!tok_word(sc, &t, "of")) {
        return NN_NO;
    }
    tok(sc, t.e, &a);
    if (!(tok_word(sc, &a, "a") || tok_word(sc, &a, "one"))) {
        return NN_NO;
    }
    tok(sc, a.e, &w);
    if (w.ws == 1 && nn_lex_longest(sc, w.s, NL_PCT, &lm) &&
        !(lm.end < sc->n && is_alpha(sc->s[lm.end]))) {
        return emit_percent_word(fs, &lm, end);
    }
    return NN_NO;
}

NN_RULE_FN rule_percent_of_a(fin *fs, uint32_t *end)
{
    if (!fs->next_ok || !fs->x->fraction) {
        return NN_NO;
    }
    return percent_of_a_body(fs, end);
}

/* "a quarter point", "half a point" (of an interest rate) */
NN_RULE_FN rule_percent_point(fin *fs, uint32_t *end)
{
    scan *sc = fs->sc;
    nexpr *x = fs->x;
    ment *m = &fs->m;
    nn_tok t = fs->t;
    bool next_ok = fs->next_ok;
    if (x->fraction && t.kind == TK_SYM && t.ws == 0 && nn_tok_is_dash(sc, &t)) {
        tok(sc, t.e, &t); /* "a quarter-point cut", "a half-point rise" */
        next_ok = t.ws == 0 && !(t.e < sc->n && sc->s[t.e] == '-');
    }
    if (next_ok && x->fraction && (tok_word(sc, &t, "point") || tok_word(sc, &t, "points"))) {
        /* "a quarter point", "half a point" (of an interest rate) */
        m->label = "PERCENT";
        m->unit = "pp";
        m->e = t.e;
        nn_emit(sc, m);
        return done(end, m->e);
    }
    return NN_NO;
}

/* a currency after the amount: "3 million euros", "120 billion tenge", "34 cents", "75 USD
 * million", "thirteen dollars and forty-five cents" */
NN_RULE_FN rule_money_after(fin *fs, uint32_t *end)
{
    scan *sc = fs->sc;
    nexpr *x = fs->x;
    ment *m = &fs->m;
    nn_tok t = fs->t;
    bool next_ok = fs->next_ok;
    bool range = fs->range;
    /* MONEY after the amount: "3 million euros", "120 billion tenge", "KZT" after, "34 cents",
     * "75 USD million" (the scale after the code). */
    curm cm;
    /* (roles known: the word starts with no 'M', 'k' or 'K' of "MUSD" either, see short_path) */
    bool cur_after = next_ok && fin_may(fs, NL_CUR) &&
                     nn_match_currency(sc, t.s, false, fin_strong(fs), &cm);
    if (cur_after && (cm.e->cur_flags & CF_WEAK_WORDS) && !x->has_lit && !x->scaled) {
        cur_after = false; /* "the two won praise": the verb after a number in words */
    }
    if (cur_after && cm.e->cur_kind == CK_SYM) {
        /* A symbol with an amount after it is that amount's: "1 $ 10 dollars" */
        nn_tok as;
        tok(sc, cm.end, &as);
        cur_after = !(as.ws <= 1 && as.kind == TK_DIGITS);
        if (!cur_after) {
            /* unless that amount has the same symbol after it: "10 $ 30 $" */
            nexpr ny;
            nn_tok ys;
            if (nn_parse_numexpr(sc, as.s, 0, &ny)) {
                tok(sc, ny.e, &ys);
                cur_after = ys.ws <= 1 && ys.e - ys.s == cm.end - cm.s &&
                            memcmp(sc->s + ys.s, sc->s + cm.s, cm.end - cm.s) == 0;
            }
        }
    }
    if (cur_after && !pound_weight(sc, x, &cm)) {
        const nn_entry *ce = cm.e;
        m->label = "MONEY";
        m->currency = resolve_currency(sc, ce);
        m->e = cm.end;
        if (cm.scale && !x->scaled) {
            m->v = nn_scaled(m->v, cm.scale);
            m->vmax = nn_scaled(m->vmax, cm.scale);
        }
        if (ce->cur_kind == CK_MINOR) {
            nv_div(&m->v, nn_minor_div(ce));
            nv_div(&m->vmax, nn_minor_div(ce));
        } else if (ce->cur_kind == CK_SAT) {
            m->v = nn_scaled(m->v, -8);
            m->vmax = nn_scaled(m->vmax, -8);
        } else {
            nn_tok a;
            tok(sc, cm.end, &a);
            const nn_entry *ae = nn_tok_entry(sc, &a, 0);
            if (ce->cur_kind == CK_CODE && !x->scaled && ae && (ae->roles & NL_SCALE) &&
                ae->scale >= 3 && a.ws == 1) {
                m->v = nn_scaled(m->v, ae->scale);
                m->vmax = nn_scaled(m->vmax, ae->scale);
                m->e = a.e;
            } else if ((ce->cur_kind == CK_WORD || ce->cur_kind == CK_CODE) && !range &&
                       a.ws == 1 &&
                       (tok_word(sc, &a, "and") || a.kind == TK_DIGITS ||
                        (ae && (ae->roles & NL_NUM)))) {
                /* "thirteen dollars (and) forty-five cents" */
                nn_tok b = a;
                if (tok_word(sc, &a, "and")) {
                    tok(sc, a.e, &b);
                }
                nexpr c;
                curm cc;
                bool minor = false;
                if (b.ws == 1 && nn_parse_numexpr(sc, b.s, 0, &c) && !c.ordinal && !c.fraction &&
                    c.v.ok && nv_double(c.v) < 100) {
                    tok(sc, c.e, &b);
                    if (b.ws == 1 && nn_match_currency(sc, b.s, false, false, &cc) &&
                        cc.e->cur_kind == CK_MINOR) {
                        nval cents = c.v;
                        nv_div(&cents, nn_minor_div(cc.e));
                        m->v = nv_add(m->v, cents);
                        m->e = cc.end;
                        minor = true;
                    }
                }
                if (!minor) {
                    add_cents(sc, x, m, cm.end);
                }
            }
        }
        nn_emit(sc, m);
        return done(end, m->e);
    }
    return NN_NO;
}

/* hyphenated adjectives: "25-year-old", "15-kilometre", "12-cent", "three-day" ("3,000-strong"
 * stays a CARDINAL) */
NN_RULE_FN rule_hyphen_adjective(fin *fs, uint32_t *end)
{
    scan *sc = fs->sc;
    nexpr *x = fs->x;
    ment *m = &fs->m;
    nn_tok t = fs->t;
    nn_tok u;
    /* Hyphenated adjectives: "3,000-strong", "25-year-old", "15-kilometre", "12-cent",
     * "three-day". */
    if (t.kind == TK_SYM && tok_is(sc, &t, "-") && t.ws == 0 && t.e < sc->n &&
        is_alpha(sc->s[t.e])) {
        tok(sc, t.e, &u);
        const nn_entry *ue = nn_tok_entry(sc, &u, 0);
        const nn_entry *uc = nn_tok_entry(sc, &u, 1);
        if (ue && (ue->roles & NL_DUR) && x->v.ok) {
            uint32_t e = u.e;
            nn_tok a, b;
            tok(sc, e, &a);
            tok(sc, a.e, &b);
            if (tok_is(sc, &a, "-") && a.ws == 0 && tok_word(sc, &b, "old") && b.ws == 0) {
                e = b.e;
            }
            if (fs->range) {
                /* "18-to-24-year-olds", "a 3-to-5-year term": a range of durations has no DATE
                 * value; the numbers are the range (an age band), as "1 to 2 hours" */
                m->label = "CARDINAL";
                m->e = fs->p;
                nn_emit(sc, m);
                return done(end, e);
            }
            const char *v = nn_dur_text(sc, x, ue->dur);
            if (v) {
                ment d = *m;
                d.label = ue->dur[0] == 'T' ? "TIME" : "DATE";
                d.vtext = v;
                d.has_v = false;
                d.e = e;
                nn_emit(sc, &d);
                return done(end, e);
            }
        }
        /* "a 20-pound note": a word that is a unit and a currency is money before a note or
         * coin (cues.tsv banknote), a weight otherwise ("a 1,000-pound bomb") */
        bool note = ue && (ue->roles & NL_CUR) && ue->cur_kind == CK_WORD &&
                    banknote_after(sc, u.e);
        if (!note && ((ue && (ue->roles & NL_UNIT)) || (uc && (uc->roles & NL_UNIT))) &&
            !(u.e < sc->n && sc->s[u.e] == '-' && u.e + 1 < sc->n && is_alpha(sc->s[u.e + 1]) &&
              !(ue && (ue->roles & NL_UNIT)))) {
            const nn_entry *un = (uc && (uc->roles & NL_UNIT)) ? uc : ue;
            m->label = "QUANTITY";
            m->unit = un->unit;
            m->e = u.e;
            nn_emit(sc, m);
            return done(end, (un->unit_flags & UF_FEET) ? inches_after(sc, m->e) : m->e);
        }
        /* a percent key of one word or more: "5-percent", "5-per-cent", "3-percentage-point",
         * "25-basis-point" (bp in percentage points, as after a blank) */
        lexm lm;
        if (ue && (ue->roles & (NL_PCT | NL_PCTHEAD | NL_PREFIX)) &&
            nn_lex_longest(sc, u.s, NL_PCT, &lm) &&
            !(lm.end < sc->n && is_alpha(sc->s[lm.end]))) {
            return emit_percent_word(fs, &lm, end);
        }
        if (ue && (ue->roles & NL_CUR) && ue->cur_kind != CK_CODE) {
            m->label = "MONEY";
            m->currency = resolve_currency(sc, ue);
            m->e = u.e;
            if (ue->cur_kind == CK_MINOR) {
                nv_div(&m->v, nn_minor_div(ue));
            }
            nn_emit(sc, m);
            return done(end, m->e);
        }
        /* "3,000-strong", "10-member": the number alone, as a CARDINAL below. */
    }
    return NN_NO;
}

/* a day before a month: "28 November 2023", "28 Nov", "1-jan", "16. nov. 2016" */
NN_RULE_FN rule_day_month(fin *fs, uint32_t *end)
{
    scan *sc = fs->sc;
    nexpr *x = fs->x;
    uint32_t ms = fs->ms;
    nn_tok t = fs->t;
    uint32_t p = fs->p;
    bool range = fs->range;
    /* Day and month: "28 November 2023", "28 Nov", "22april", "1-jan", "16. nov. 2016"; a
     * range of days, "3 to 5 May" (d2). */
    uint64_t d2 = 0;
    if (range && !(fs->m.has_max && nv_uint(&fs->m.vmax, 31, &d2) && d2 > x->L.ival)) {
        return NN_NO;
    }
    if (x->single_lit && x->L.plain && x->L.int_digits <= 2 && x->L.ival >= 1 &&
        x->L.ival <= 31) {
        uint32_t q = p;
        nn_tok w = t;
        bool of_month = false;
        if ((tok_is(sc, &t, "-") || tok_is(sc, &t, ".") || tok_is(sc, &t, "/")) && t.ws == 0) {
            tok(sc, t.e, &w);
            if (w.ws) {
                if (!tok_is(sc, &t, ".")) {
                    w.kind = TK_END;
                }
            }
        } else if (tok_word(sc, &t, "of")) {
            tok(sc, t.e, &w);
            of_month = true;
        }
        const nn_entry *me = w.kind == TK_WORD && w.ws != 2 ? nn_tok_entry(sc, &w, 0) : NULL;
        /* a weak month ("may", "march") in lower case after "of" is the month: "3 of may";
         * so it is before a year: "3 march 2015" ("5 may leave" stays a count) */
        if (me && (me->roles & NL_MONTH) &&
            (w.cap || !(me->cal_flags & CAL_WEAK) || w.ws == 0 || of_month ||
             year_after(sc, w.e)) &&
            !(w.e < sc->n && is_alpha(sc->s[w.e]))) {
            q = w.e;
            if (q < sc->n && sc->s[q] == '.' && (me->cal_flags & CAL_ABBR)) {
                q++;
            }
            int year = 0;
            /* "10-Oct-2015", "5/Jun/2024": the year joined by the same sign */
            if (!(w.s > t.s && nn_joined_year(sc, &q, sc->s[t.s], &year))) {
                nn_opt_year(sc, &q, &year);
            }
            int d = (int)x->L.ival;
            if (!year) {
                year = nn_infer_year_tense(sc, me->month, d, ms, q);
            }
            if (d > nn_days_in_month(year ? year : 2000, me->month)) {
                return NN_NO; /* "31 April", "29 February 2023": no date (the number stays) */
            }
            if (d2) {
                return nn_emit_day_range(sc, ms, q, year, me->month, d, (int)d2) ? done(end, q)
                                                                                 : NN_NO;
            }
            uint32_t ws = nn_weekday_before(sc, ms);
            if (ws < ms) {
                q = nn_close_bracket(sc, ws, q); /* "Thursday (13 June)" */
            }
            nn_emit_date(sc, ws, q, nn_date_text(sc, year, me->month, d));
            return done(end, q);
        }
    }
    return NN_NO;
}

/* a unit after the number: "7 tonnes", "40,000 barrels per day", "300 MW" (data/numbers/units.tsv)
 */
NN_RULE_FN rule_quantity(fin *fs, uint32_t *end)
{
    scan *sc = fs->sc;
    nn_tok t = fs->t;
    bool next_ok = fs->next_ok;
    lexm lm;
    /* QUANTITY: "7 tonnes", "40,000 barrels per day", "2.5 million cubic metres", "300 MW" */
    /* (glued to the digits only a unit that starts with a symbol: "30°C"; glued letters,
     * "15km", are glued_unit's) */
    if (next_ok && (t.ws || (t.kind != TK_WORD && t.kind != TK_DIGITS)) && fin_may(fs, NL_UNIT) &&
        nn_lex_longest(sc, t.s, NL_UNIT, &lm) && !(lm.end < sc->n && is_alnum(sc->s[lm.end])) &&
        (t.ws || (lm.e->unit_flags & UF_GLUE)) && (!(lm.e->unit_flags & UF_CS) || lm.e->cs)) {
        return emit_unit(fs, &lm, end);
    }
    return NN_NO;
}

/* True when the word \p t is a cues.tsv dim_link ("x", "by"); the first-letter filter keeps
 * the hash from the words after most numbers. */
static bool dim_link_at(const scan *sc, const nn_tok *t)
{
    unsigned c = (unsigned)(lower(sc->s[t->s]) - 'a');
    if (t->kind != TK_WORD || c >= 26 || !(sc->lx->dim_first & (1u << c)) || t->e - t->s > 12) {
        return false;
    }
    const nn_cue *k = nn_cue_slot(sc->lx, sc->s + t->s, t->e - t->s);
    return k && (k->flags & CUEF_DIM_LINK);
}

/* Dimensions: "30 x 20 cm", "20 by 40 feet". The unit is written once, after the last number,
 * and measures every one: the first number is a QUANTITY of that unit (its span the number
 * alone; the last one is read by quantity as any number with a unit after it). Only digits
 * between, and a unit (spaced, or glued if it may be) right after them. */
NN_RULE_FN rule_dimension(fin *fs, uint32_t *end)
{
    scan *sc = fs->sc;
    const nn_tok *t = &fs->t;
    if (!fs->next_ok || fs->range || fs->pre || fs->x->glued_e || fs->x->words || t->ws != 1 ||
        !dim_link_at(sc, t)) {
        return NN_NO;
    }
    const char *s = sc->s;
    uint32_t n = sc->n;
    nn_tok u;
    tok(sc, t->e, &u);
    if (u.kind != TK_DIGITS || u.ws != 1) {
        return NN_NO;
    }
    uint32_t q = u.s;
    while (q < n && (is_digit(s[q]) || ((s[q] == '.' || s[q] == ',') && q + 1 < n &&
                                        is_digit(s[q + 1])))) {
        q++;
    }
    uint32_t us = q < n && s[q] == ' ' ? q + 1 : q;
    lexm lm;
    if (!nn_lex_longest(sc, us, NL_UNIT, &lm) || (lm.end < n && is_alnum(s[lm.end])) ||
        (us == q && !(lm.e->unit_flags & UF_GLUE)) || ((lm.e->unit_flags & UF_CS) && !lm.e->cs)) {
        return NN_NO;
    }
    fs->m.label = "QUANTITY";
    fs->m.unit = lm.e->unit;
    nn_emit(sc, &fs->m);
    return done(end, fs->m.e);
}

/* The side of publication a count of business days names, from the words around it (\p ms the
 * count's start, \p u the token "days"): "in N business days" about the future (from "in"),
 * "N business days from now"/"from today" (to "now") forward, "N business days ago" back;
 * "within N business days" about the future forward, the days up to it (*within).
 * Sets [*s0, *e0) the date's span; @returns 1, -1, or 0 when no date is named. */
static int business_side(scan *sc, uint32_t ms, const nn_tok *u, uint32_t *s0, uint32_t *e0,
                         bool *within)
{
    nn_tok a, b, pw;
    *within = false;
    tok(sc, u->e, &a);
    if (a.ws == 1 && tok_word(sc, &a, "ago") && (a.e >= sc->n || !is_alpha(sc->s[a.e]))) {
        *s0 = ms, *e0 = a.e;
        return -1;
    }
    if (a.ws == 1 && tok_word(sc, &a, "from")) {
        tok(sc, a.e, &b);
        if (b.ws == 1 && (tok_word(sc, &b, "now") || tok_word(sc, &b, "today"))) {
            *s0 = ms, *e0 = b.e;
            return 1;
        }
        return 0;
    }
    if (nn_prev_word(sc, ms, &pw) && pw.s >= sc->last_end &&
        (tok_word(sc, &pw, "in") || (*within = tok_word(sc, &pw, "within"))) &&
        nn_future_at(sc, pw.s, u->e)) {
        *s0 = pw.s, *e0 = u->e;
        return 1;
    }
    return 0;
}

/* "in four business days", "in 3 working days" about the future, "3 business days from now",
 * "two working days ago", "within 30 business days" (the interval up to it, as "within a
 * week"): the day that many weekdays (Monday to Friday) after (before)
 * publication, counted from the day after (before) it (cues.tsv "workday"). Not without
 * published_at (REF values have no business-day form) nor "in" one in the past (no ISO 8601
 * duration counts business days): the number stays a CARDINAL. */
NN_RULE_FN rule_business_days(fin *fs, uint32_t *end)
{
    scan *sc = fs->sc;
    const nn_tok *t = &fs->t;
    /* The workday words' signatures (workdaysig) turn most words away before nn_cue_of's
     * filter and hash: no length test of the cue words here, so a new one in cues.tsv just
     * works. */
    if (!fs->next_ok || fs->range || fs->neg || t->kind != TK_WORD || t->ws != 1 ||
        !sig_may(sc, sc->lx->workdaysig, t->s, t->e) ||
        nn_cue_of(sc->lx, sc->s + t->s, t->e - t->s) != CUE_WORKDAY) {
        return NN_NO;
    }
    nn_tok u;
    tok(sc, t->e, &u);
    uint64_t nu;
    uint32_t s0, e0;
    int dir;
    bool within;
    if (u.ws != 1 || !(tok_word(sc, &u, "days") || tok_word(sc, &u, "day")) ||
        (u.e < sc->n && is_alpha(sc->s[u.e])) || !nv_uint(&fs->x->v, 1000, &nu) || nu == 0 ||
        !sc->ctx->relative_dates || !nn_have_pub(sc) ||
        (dir = business_side(sc, fs->ms, &u, &s0, &e0, &within)) == 0) {
        return NN_NO;
    }
    int64_t day = nn_days_from_civil(sc->py, (unsigned)sc->pm, (unsigned)sc->pd);
    for (uint64_t k = 0; k < nu;) {
        day += dir;
        k += nn_weekday_of(day) <= 5; /* 1 = Monday ... 7 = Sunday */
    }
    int y, m, d;
    nn_civil_from_days(day, &y, &m, &d);
    const char *v = nn_date_text(sc, y, m, d);
    if (within) {
        v = nn_arena_printf(sc, "%s/%s", nn_date_text(sc, sc->py, sc->pm, sc->pd), v);
    }
    nn_emit_date(sc, s0, e0, v);
    return done(end, e0);
}

/* "two Sundays from now", "three Fridays ago": the Nth such weekday after (before) publication */
NN_RULE_FN rule_nth_weekday_from_now(fin *fs, uint32_t *end)
{
    scan *sc = fs->sc;
    nexpr *x = fs->x;
    uint32_t ms = fs->ms;
    bool neg = fs->neg;
    nn_tok t = fs->t;
    bool next_ok = fs->next_ok;
    bool range = fs->range;
    /* "two Sundays from now", "three Fridays ago": the Nth such weekday after (before) the
     * publication date */
    uint64_t nwd;
    if (next_ok && t.kind == TK_WORD && t.ws == 1 && !range && !neg && t.e - t.s >= 7 &&
        t.e - t.s <= 10 && lower(sc->s[t.e - 1]) == 's' && lower(sc->s[t.e - 2]) == 'y' &&
        lower(sc->s[t.e - 3]) == 'a' && lower(sc->s[t.e - 4]) == 'd' &&
        nv_uint(&x->v, 52, &nwd) && nwd >= 1) {
        nn_tok st = t;
        st.e--;
        st.hash_lc = NN_HASH_INIT;
        for (uint32_t k = st.s; k < st.e; k++) {
            st.hash_lc = nn_hash_step(st.hash_lc, (unsigned char)lower(sc->s[k]));
        }
        const nn_entry *we = nn_tok_entry(sc, &st, 0);
        nn_tok a, b;
        tok(sc, t.e, &a);
        tok(sc, a.e, &b);
        bool ago = tok_word(sc, &a, "ago") && a.ws == 1;
        bool from_now = tok_word(sc, &a, "from") && a.ws == 1 && b.ws == 1 &&
                        (tok_word(sc, &b, "now") || tok_word(sc, &b, "today"));
        if (we && (we->roles & NL_WEEKDAY) && !(we->cal_flags & CAL_ABBR) && (ago || from_now)) {
            uint32_t e = ago ? a.e : b.e;
            if (sc->ctx->relative_dates && nn_have_pub(sc)) {
                int64_t base = nn_days_from_civil(sc->py, (unsigned)sc->pm, (unsigned)sc->pd);
                int wd = nn_weekday_of(base);
                int64_t delta = ago ? -(int64_t)((wd - we->weekday + 7) % 7)
                                    : (int64_t)((we->weekday - wd + 7) % 7);
                if (delta == 0) {
                    delta = ago ? -7 : 7;
                }
                int64_t day = base + delta + (ago ? -7 : 7) * (int64_t)(nwd - 1);
                int ry, rm, rd;
                nn_civil_from_days(day, &ry, &rm, &rd);
                nn_emit_date(sc, ms, e, nn_date_text(sc, ry, rm, rd));
            }
            return done(end, e);
        }
    }
    return NN_NO;
}

/* The end of " and a half" after a duration's unit (\p a: the token after it, "and" of
 * cues.tsv range_and), 0 when it is not there: "two years and a half" is the count and a half
 * of the unit, as "two and a half years" P2.5Y. The article is a cues.tsv np_det word and the
 * fraction a words.tsv frac 2 ("half"). Out of line: asked only for a word of three letters
 * that starts with "a" after a duration. */
static __attribute__((noinline, cold)) uint32_t and_half_end(scan *sc, const nn_tok *a)
{
    nn_tok b, h;
    if (!nn_word_flag(sc, a, CUEF_RANGE_AND)) {
        return 0;
    }
    tok(sc, a->e, &b);
    if (b.kind != TK_WORD || b.ws != 1 || nn_cue_of(sc->lx, sc->s + b.s, b.e - b.s) != CUE_NP_DET) {
        return 0;
    }
    tok(sc, b.e, &h);
    const nn_entry *he = h.kind == TK_WORD && h.ws == 1 ? nn_tok_entry(sc, &h, 0) : NULL;
    /* (not "a half-hour", "a half-dozen": a word glued after it) */
    if (!he || !(he->roles & NL_FRAC) || he->frac != 2 || (h.e < sc->n && sc->s[h.e] == '-')) {
        return 0;
    }
    return h.e;
}

/* durations and dates counted from publication: "three years" P3Y, "5 hours" PT5H, "two years ago",
 * "three weeks from now" */
NN_RULE_FN rule_duration(fin *fs, uint32_t *end)
{
    scan *sc = fs->sc;
    nexpr *x = fs->x;
    uint32_t ms = fs->ms;
    bool neg = fs->neg;
    ment *m = &fs->m;
    nn_tok t = fs->t;
    bool next_ok = fs->next_ok;
    bool range = fs->range;
    /* Durations: "three years" -> P3Y, "six months" -> P6M, "5 hours" -> TIME PT5H;
     * "two years ago" -> a date when published_at is known. */
    const nn_entry *te = next_ok ? fin_te(fs) : NULL;
    if (te && (te->roles & NL_DUR) && !range && x->v.ok && !(t.e < sc->n && is_alpha(sc->s[t.e])) &&
        !(te->cal_flags & CAL_PAIR)) { /* ("one fortnight": only "a fortnight" is read, a_unit) */
        uint32_t r = compound_duration(sc, x, te, ms, t.e, neg);
        if (r) {
            return done(end, r);
        }
        nn_tok a;
        tok(sc, t.e, &a);
        if (tok_word(sc, &a, "ago") && a.ws == 1) {
            uint64_t nu;
            if (sc->ctx->relative_dates && nv_uint(&x->v, 5000, &nu) && !neg) {
                const char *v = nn_ago_text(sc, nu, te->dur);
                if (v) {
                    nn_emit_date(sc, ms, a.e, v);
                    return done(end, a.e);
                }
            }
            return done(end, a.e);
        }
        /* "two days from tomorrow", "three weeks from now", "two days before yesterday" */
        nn_tok b;
        tok(sc, a.e, &b);
        uint32_t fe = nn_from_now(sc, x, te, ms, &a);
        if (!fe && a.kind == TK_WORD && a.ws == 1 && b.ws == 1) {
            fe = nn_units_from_weekday(sc, x, te, ms, &a, &b);
        }
        if (fe) {
            return done(end, fe);
        }
        uint64_t nu;
        if (a.kind == TK_WORD && a.ws == 1 && b.ws == 1 && nv_uint(&x->v, 1000, &nu) &&
            (fe = nn_units_from_relday(sc, nu, te, ms, &a, &b))) {
            return done(end, fe);
        }
        /* "the last three months of 2023": months at the end of a year (cues.tsv end_word
         * "last" and "the" before the count) */
        nn_tok lw;
        if (te->dur[0] == 'M' && !te->dur[1] && a.kind == TK_WORD && a.ws == 1 && !neg &&
            tok_word(sc, &a, "of") && nv_uint(&x->v, 11, &nu) && nn_prev_word(sc, ms, &lw) &&
            lw.s >= sc->last_end &&
            nn_word_flag(sc, &lw, CUEF_END_WORD) && nn_with_the(sc, lw.s) != lw.s &&
            (fe = months_of_year(sc, nn_with_the(sc, lw.s), nu, t.e, true))) {
            return done(end, fe);
        }
        /* "the 12 months to June", "the two weeks ended June 7": one interval (unit a month
         * or week, a period_to word and a month name) */
        if ((te->dur[0] == 'M' || te->dur[0] == 'W') && !te->dur[1] && a.kind == TK_WORD &&
            a.ws == 1 && b.ws == 1 && !neg && nv_uint(&x->v, 1000, &nu) &&
            !(te->cal_flags & CAL_PAIR) && (fe = nn_months_to(sc, nu, ms, &a, &b, te->dur[0] == 'W'))) {
            return done(end, fe);
        }
        /* "two years and a half": the count and a half (first a byte test of the word after) */
        uint32_t he = 0;
        nexpr xh;
        uint64_t whole;
        if (a.kind == TK_WORD && a.ws == 1 && a.e - a.s == 3 && (sc->s[a.s] | 0x20) == 'a' && !neg &&
            nv_uint(&x->v, 100000, &whole) && (he = and_half_end(sc, &a))) {
            xh = *x; /* (a decimal, as "two and a half years" is valued: 2.5) */
            xh.v = (nval){.m = whole * 10 + 5, .e = -1, .ok = true, .den = 1};
            x = &xh;
        }
        const char *v = nn_dur_text(sc, x, te->dur);
        if (v) {
            m->label = te->dur[0] == 'T' ? "TIME" : "DATE";
            m->vtext = v;
            m->has_v = false;
            m->e = he ? he : t.e;
            if (tok_word(sc, &a, "old") && a.ws == 1 && te->dur[0] == 'Y') {
                m->e = a.e; /* "14 years old" */
            }
            nn_emit(sc, m);
            return done(end, m->e);
        }
    }
    return NN_NO;
}

/* "iPhone", "eBay": a lower-case first letter and a capital after it (a product name) */
static bool mixed_case(const scan *sc, const nn_tok *w)
{
    if (w->kind != TK_WORD || w->cap || w->e - w->s < 2) {
        return false;
    }
    for (uint32_t k = w->s + 1; k < w->e; k++) {
        if (sc->s[k] >= 'A' && sc->s[k] <= 'Z') {
            return true;
        }
    }
    return false;
}

/* True when the ASCII letters [i, e) hold a capital. Of one load for a word of up to sixteen
 * letters (most): among letters a capital is the byte without 0x20, and a loop stopping at the
 * first capital mispredicts its exit once a number (the word's length varies). */
static inline bool capital_in(const scan *sc, uint32_t i, uint32_t e)
{
#if defined(__SSE2__)
    if (e >= 16 && e - i <= 16) {
        __m128i v = _mm_loadu_si128((const __m128i *)(const void *)(sc->s + e - 16));
        __m128i low = _mm_and_si128(v, _mm_set1_epi8(0x20));
        uint32_t caps = (uint32_t)_mm_movemask_epi8(_mm_cmpeq_epi8(low, _mm_setzero_si128()));
        return (caps >> (16 - (e - i))) != 0; /* (the word's bytes are the last e - i) */
    }
#endif
    while (i < e && !(sc->s[i] >= 'A' && sc->s[i] <= 'Z')) {
        i++;
    }
    return i < e;
}

/* \p w, capitalised, opens a sentence and names a measuring scale (cues.tsv scale): its capital
 * is the sentence's, the number after it the scale's reading ("Magnitude 6.3 earthquake
 * strikes", "Category 4 storms hit"), not a name's number. Asked only once the word before the
 * number is known to be capitalised and no lexicon word. */
static bool scale_at_start(const scan *sc, const nn_tok *w)
{
    /* (the sentence start first: a few bytes back, where the cue table is a hash) */
    if (!nn_sentence_start(sc, w->s)) {
        return false;
    }
    const nn_cue *c = nn_cue_slot(sc->lx, sc->s + w->s, w->e - w->s);
    return c && (c->flags & CUEF_SCALE);
}

/* a number right after a capitalised name is part of it: "Boeing 737", "Windows 11", and after
 * a product name "iPhone 15" */
NN_RULE_FN rule_ident_after_name(fin *fs, uint32_t *end)
{
    scan *sc = fs->sc;
    nexpr *x = fs->x;
    uint32_t ms = fs->ms;
    /* Names and numbers that are not quantities: "Boeing 737", "Windows 11", "No. 10". */
    nn_tok pw;
    /* (thousands separators make a count, never a model number: "Kills 1,200") */
    if (!x->has_lit || x->scaled || x->words || x->L.grouped || sc->title_case ||
        fs->pb + 1 != ms || fs->pl == fs->pb) {
        return NN_NO; /* (one blank between the name and the number, a letter before it) */
    }
    /* a capital letter somewhere in the word (cap or mixed case), before it is read */
    if (capital_in(sc, fs->pl, fs->pb) && nn_prev_word(sc, ms, &pw) &&
        (pw.cap || mixed_case(sc, &pw))) {
        const nn_entry *pe = nn_tok_entry(sc, &pw, 0);
        uint32_t keep = NL_FUNC | NL_PREP | NL_MONTH | NL_WEEKDAY | NL_MOD | NL_DET | NL_RELMOD |
                        NL_NUM | NL_NEG;
        bool capword = !(pe && (pe->roles & keep));
        if (capword && ms > pw.e && ms - pw.e == 1 && !scale_at_start(sc, &pw)) {
            return done(end, nn_skip_ident(sc, x->s));
        }
    }
    return NN_NO;
}

/* a number after a reference noun (data/numbers/cues.tsv ident, ident_bare) is a reference:
 * "Section 230", "flight 370", "build 22621" (not "build 300 homes") */
NN_RULE_FN rule_ident_after_cue(fin *fs, uint32_t *end)
{
    scan *sc = fs->sc;
    nexpr *x = fs->x;
    nn_tok pw;
    if (!x->has_lit || x->scaled || x->words || fs->range || x->L.decimal) {
        return NN_NO;
    }
    /* the signature of a reference noun (identsig), before the word is read */
    uint32_t i = fs->pl, e = fs->pb;
    if (i == e || e - i > 12 || !sig_may(sc, sc->lx->identsig, i, e)) {
        return NN_NO;
    }
    if (!nn_prev_word(sc, fs->ms, &pw) || pw.e - pw.s > 12) {
        return NN_NO;
    }
    int cue = nn_cue_of(sc->lx, sc->s + pw.s, pw.e - pw.s);
    if (cue == CUE_IDENT_BARE && fs->t.kind == TK_WORD && fs->t.ws == 1 && !fs->t.cap) {
        return NN_NO;
    }
    if (cue != CUE_IDENT && cue != CUE_IDENT_BARE) {
        return NN_NO;
    }
    return done(end, nn_skip_ident(sc, x->s));
}

/* A mark of cues.tsv written without its dot: "ranked No 3", "the No 2 official", "Vol 4". Only
 * capitalised (not "NO", not "no"), of two letters or more ("p 12" is no reference) and not
 * at the start of a sentence, where "No" is the determiner ("No 5-star hotel was built"). */
static __attribute__((noinline, cold)) bool mark_without_dot(scan *sc, uint32_t i)
{
    nn_tok pw;
    return sc->s[i - 1] >= 'a' && sc->s[i - 1] <= 'z' && nn_prev_word(sc, i, &pw) &&
           pw.e == i && pw.e - pw.s >= 2 && pw.e - pw.s <= 12 && pw.cap && !(pw.tf & NN_TF_UPPER) &&
           nn_cue_of(sc->lx, sc->s + pw.s, pw.e - pw.s) == CUE_MARK &&
           !nn_sentence_start(sc, pw.s);
}

/* True when [i, e) holds no tab (the blanks between a mark and its number). Out of line: asked
 * only when a mark is found. */
static __attribute__((noinline, cold)) bool spaces_only(const scan *sc, uint32_t i, uint32_t e)
{
    return memchr(sc->s + i, '\t', e - i) == NULL;
}

/* a number after "#" or "No."/"Vol."/"Art."/"p."/"sec.": a reference, no quantity */
NN_RULE_FN rule_ident_after_mark(fin *fs, uint32_t *end)
{
    scan *sc = fs->sc;
    nexpr *x = fs->x;
    uint32_t ms = fs->ms;
    nn_tok pw;
    if (x->has_lit) {
        /* (the mark is before spaces only: a tab among the blanks fs->pb skips is no mark) */
        uint32_t i = fs->pb;
        if (i > 0 && sc->s[i - 1] == '#' && spaces_only(sc, i, ms)) {
            return done(end, nn_skip_ident(sc, x->s));
        }
        if (i > 0 && sc->s[i - 1] == '.' && nn_prev_word(sc, i - 1, &pw) && pw.e - pw.s <= 12 &&
            nn_cue_of(sc->lx, sc->s + pw.s, pw.e - pw.s) == CUE_MARK && spaces_only(sc, i, ms)) {
            return done(end, x->e > x->s ? x->e : nn_skip_ident(sc, x->s));
        }
        /* (the bytes first: a capital two or three letters before the blank - "No", "Vol" -
         * is rare before a number, and the word reader costs) */
        if (i < ms && i > 1 && ((sc->s[i - 2] >= 'A' && sc->s[i - 2] <= 'Z') ||
                                (i > 2 && sc->s[i - 3] >= 'A' && sc->s[i - 3] <= 'Z')) &&
            mark_without_dot(sc, i) && spaces_only(sc, i, ms)) {
            return done(end, x->e > x->s ? x->e : nn_skip_ident(sc, x->s));
        }
    }

    return NN_NO;
}

/* The word after the capitalised word \p w when it is capitalised too (one blank between),
 * past a possessive "'s" ("Queen's Lane"); false at anything else. */
static bool next_cap_word(const scan *sc, const nn_tok *w, nn_tok *a)
{
    tok(sc, w->e, a);
    if (a->ws == 0 && (tok_is(sc, a, "'") || tok_is(sc, a, "\xE2\x80\x99"))) {
        tok(sc, a->e, a);
        if (!(a->ws == 0 && tok_is(sc, a, "s"))) {
            return false;
        }
        tok(sc, a->e, a);
    }
    return a->kind == TK_WORD && a->ws == 1 && a->cap;
}

/* a house number before a street's name is an address, an identifier (no annotation): "at 10
 * Downing Street", "on 45 Elm Road", "to 350 Fifth Avenue": up to three capitalised words, then
 * a capitalised street word (cues.tsv street), and a preposition of place before the number
 * (cues.tsv place): "the 5 Wall Street banks" counts banks. Not in title case (every word is
 * capitalised there). */
NN_RULE_FN rule_address(fin *fs, uint32_t *end)
{
    scan *sc = fs->sc;
    nexpr *x = fs->x;
    nn_tok w = fs->t, pw;
    if (!(w.kind == TK_WORD && w.cap && w.ws == 1) || !x->single_lit || !x->L.plain ||
        fs->range || sc->title_case || x->L.int_digits > 5) {
        return NN_NO;
    }
    for (int k = 0; k < 3; k++) {
        nn_tok a;
        if (!next_cap_word(sc, &w, &a)) {
            return NN_NO;
        }
        const nn_cue *sw = nn_cue_slot(sc->lx, sc->s + a.s, a.e - a.s);
        if (sw && (sw->flags & CUEF_STREET)) {
            const nn_cue *c = nn_prev_word(sc, fs->ms, &pw)
                                  ? nn_cue_slot(sc->lx, sc->s + pw.s, pw.e - pw.s)
                                  : NULL;
            return c && (c->flags & CUEF_PLACE) ? done(end, x->e) : NN_NO;
        }
        w = a;
    }
    return NN_NO;
}

/* military/UTC clock times: "1700 UTC", "0300 GMT" */
NN_RULE_FN rule_utc_time(fin *fs, uint32_t *end)
{
    scan *sc = fs->sc;
    nexpr *x = fs->x;
    ment *m = &fs->m;
    nn_tok t = fs->t;
    bool next_ok = fs->next_ok;
    bool range = fs->range;
    /* Military/UTC clock times: "1700 UTC", "0300 GMT" */
    if (x->single_lit && x->L.plain && x->L.int_digits == 4 && !range && next_ok &&
        (tok_is(sc, &t, "UTC") || tok_is(sc, &t, "GMT") || tok_is(sc, &t, "Z")) &&
        x->L.ival % 100 < 60 && x->L.ival / 100 <= 24) {
        m->label = "TIME";
        m->has_v = false;
        m->vtext =
            nn_arena_printf(sc, "T%02d:%02d", (int)(x->L.ival / 100), (int)(x->L.ival % 100));
        m->e = t.e;
        nn_emit(sc, m);
        return done(end, m->e);
    }
    return NN_NO;
}

/* True when no "(" is left open on the line before \p p (within 400 bytes): a ")" after a
 * number then closes no bracket of the text ("(up from 9)" closes one). */
static bool no_open_bracket(const scan *sc, uint32_t p)
{
    uint32_t lim = p > 400 ? p - 400 : 0;
    int depth = 0;
    for (uint32_t k = p; k > lim && sc->s[k - 1] != '\n'; k--) {
        depth += sc->s[k - 1] == ')' ? -1 : sc->s[k - 1] == '(';
        if (depth > 0) {
            return false;
        }
    }
    return true;
}

/* the value of the digits [s, e) of a marker (one or two digits) */
static unsigned marker_value(const scan *sc, uint32_t s, uint32_t e)
{
    unsigned v = 0;
    for (uint32_t k = s; k < e; k++) {
        v = v * 10 + (unsigned)(sc->s[k] - '0');
    }
    return v;
}

/* True when the bracketed marker "(N+1)" follows [e, ..) in the same sentence, \p n being N:
 * a bracketed number after an ordinary word is then a list's first (or next) marker ("would
 * (1) cap rents and (2) ban evictions"), where alone it restates a count ("Survivors (12)").
 * The sentence ends where nn_sentence_end_at says (within 300 bytes). */
static bool next_marker_follows(const scan *sc, uint32_t e, unsigned n)
{
    uint32_t lim = sc->n - e > 300 ? e + 300 : sc->n;
    for (uint32_t k = e; k + 2 < lim; k++) {
        char c = sc->s[k];
        if (nn_sentence_end_at(sc, k)) {
            return false;
        }
        if (c != '(' || (k > 0 && sc->s[k - 1] != ' ')) {
            continue;
        }
        unsigned v = 0;
        uint32_t j = k + 1;
        while (j < lim && j < k + 3 && sc->s[j] >= '0' && sc->s[j] <= '9') {
            v = v * 10 + (unsigned)(sc->s[j++] - '0');
        }
        if (j > k + 1 && j < lim && sc->s[j] == ')' && v == n + 1) {
            return true;
        }
    }
    return false;
}

/* Whether the number [ms, ..) of one or two digits with ")" glued after it, then a blank and a
 * word, marks an item of a list: it (or a "(" glued before it) stands where an item begins -
 * at the line's start, after ":", ";", ",", a dash or cues.tsv list_link "and", "or",
 * "either" - and no bracket is open before it on its line ("three options: (1) a new tax, (2)
 * spending cuts", "two goals: 1) cutting costs and 2) raising wages"). After any other word a
 * bracketed number is a count restated ("Survivors (12) were flown out"), and a ")" closes a
 * bracket opened before ("(aged 4, 7 and 9)"). (Out of line: asked only for a number with
 * ")" after it.) */
static __attribute__((noinline, cold)) bool list_marker_at(const fin *fs)
{
    const scan *sc = fs->sc;
    const nexpr *x = fs->x;
    uint32_t ms = fs->ms;
    nn_tok a, pw;
    if (!x->single_lit || !x->L.plain || x->L.int_digits > 2 || fs->range || fs->pre ||
        fs->neg || ms != x->s) {
        return false;
    }
    tok(sc, fs->t.e, &a);
    if (a.kind != TK_WORD || a.ws == 0) {
        return false;
    }
    uint32_t at = ms > 0 && sc->s[ms - 1] == '(' ? ms - 1 : ms, q = at;
    while (q > 0 && (sc->s[q - 1] == ' ' || sc->s[q - 1] == '\t')) {
        q--;
    }
    if (q > 0 && sc->s[q - 1] != '\n') {
        unsigned char c = (unsigned char)sc->s[q - 1];
        bool dash = c == '-' || (q >= 3 && (unsigned char)sc->s[q - 3] == 0xE2 &&
                                 (unsigned char)sc->s[q - 2] == 0x80 && (c == 0x93 || c == 0x94));
        bool mark = q < at && (c == ':' || c == ';' || c == ',' || dash);
        if (!mark && !(q < at && nn_prev_word(sc, at, &pw) && nn_word_flag(sc, &pw, CUEF_LIST_LINK)) &&
            !(at < ms && q < at && next_marker_follows(sc, fs->t.e, marker_value(sc, ms, x->e)))) {
            return false; /* (glued to what is before it, "2:1)", or after another word with no
                           * next marker in its sentence: "Survivors (12) were flown out") */
        }
    }
    return no_open_bracket(sc, q);
}

/* a number of one or two digits closed by ")" that opens an item of a list is its marker, no
 * count: "(1) a new tax, (2) spending cuts", "1) cutting costs and 2) raising wages" */
NN_RULE_FN rule_list_marker(fin *fs, uint32_t *end)
{
    /* (the token after first: a ")" glued to the number is rare) */
    if (fs->t.kind != TK_SYM || fs->t.ws != 0 || fs->sc->s[fs->t.s] != ')' || !list_marker_at(fs)) {
        return NN_NO;
    }
    return done(end, fs->x->e);
}

/* leading zeros ("007", "0300") make codes and clock readings, not counts: nothing */
NN_RULE_FN rule_leading_zero(fin *fs, uint32_t *end)
{
    scan *sc = fs->sc;
    nexpr *x = fs->x;
    /* Leading zeros ("007", "0300") make codes and clock readings, not counts. */
    if (x->single_lit && x->L.plain && x->L.int_digits >= 2 && sc->s[x->L.s] == '0') {
        return done(end, x->e);
    }
    return NN_NO;
}

/* The start of an apostrophe ("'" or U+2019) glued before \p ms with no letter or digit
 * before it ("in '99", not "rock'n'roll"), or 0. */
static inline uint32_t apostrophe_before(const scan *sc, uint32_t ms)
{
    uint32_t a = ms >= 1 && sc->s[ms - 1] == '\'' ? ms - 1
                 : ms >= 3 && (unsigned char)sc->s[ms - 3] == 0xE2 &&
                         (unsigned char)sc->s[ms - 2] == 0x80 && (unsigned char)sc->s[ms - 1] == 0x99
                     ? ms - 3
                     : 0;
    return a && !is_alnum(sc->s[a - 1]) ? a : 0;
}

/* "in '99", "the class of '85", "the '96 Olympics", "since '08": an apostrophe year after a
 * preposition or "the" (the century as for "Jan 12, '16": nn_year_of_two), the apostrophe in
 * the span; without published_at nothing (no century: as "FY24"). A plural noun after it is
 * counted ("in '99 bottles"); another word before it makes a quote ("said '99 problems'"). */
static __attribute__((noinline, cold)) uint32_t year_after_apostrophe(fin *fs)
{
    scan *sc = fs->sc;
    const nn_tok *t = &fs->t;
    uint32_t a = apostrophe_before(sc, fs->ms);
    nn_tok pw;
    if (!a || !nn_prev_word(sc, a, &pw) || pw.s < sc->last_end ||
        !((nn_prev_roles(sc, a, &pw) & NL_PREP) || tok_word(sc, &pw, "the")) ||
        (fs->next_ok && t->kind == TK_WORD && !t->cap && lower(sc->s[t->e - 1]) == 's')) {
        return 0;
    }
    int y = nn_year_of_two(sc, (int)fs->x->L.ival);
    if (y) {
        nn_emit_date(sc, a, fs->x->e, nn_date_text(sc, y, 0, 0));
    }
    return fs->x->e;
}

NN_RULE_FN rule_apostrophe_year(fin *fs, uint32_t *end)
{
    uint32_t e;
    if (fs->x->L.int_digits != 2 || fs->ms == 0 ||
        (fs->sc->s[fs->ms - 1] != '\'' && (unsigned char)fs->sc->s[fs->ms - 1] != 0x99) ||
        !fs->x->single_lit || !fs->x->L.plain || fs->range || fs->pre ||
        !(e = year_after_apostrophe(fs))) {
        return NN_NO;
    }
    return done(end, e);
}

/* eight digits that read as year, month and day ("20231231"): that date, as ISO 8601's basic
 * format writes it. Years 1900-2099 and a day the month has only ("20240230" stays a number);
 * reference numbers ("Order 20231231") were decided by the ident rules before. */
static __attribute__((noinline, cold)) uint32_t compact_date(scan *sc, const nexpr *x, uint32_t ms);

NN_RULE_FN rule_compact_date(fin *fs, uint32_t *end)
{
    uint32_t e;
    if (fs->x->L.int_digits != 8 || !fs->x->single_lit || !fs->x->L.plain || fs->range ||
        fs->neg || fs->m.mod != MOD_NONE || !(e = compact_date(fs->sc, fs->x, fs->ms))) {
        return NN_NO;
    }
    return done(end, e);
}

/* (rule compact_date) the date's end, or 0 */
static uint32_t compact_date(scan *sc, const nexpr *x, uint32_t ms)
{
    int y = (int)(x->L.ival / 10000), mo = (int)(x->L.ival / 100 % 100), d = (int)(x->L.ival % 100);
    if (y < 1900 || y > 2099 || mo < 1 || mo > 12 || d < 1 || d > nn_days_in_month(y, mo) ||
        (x->e < sc->n && (is_alnum(sc->s[x->e]) || sc->s[x->e] == '-' || sc->s[x->e] == '/'))) {
        return 0;
    }
    nn_emit_date(sc, ms, x->e, nn_date_text(sc, y, mo, d));
    return x->e;
}

/* A year after an approximating modifier ("about", "around"): the modifier is "circa", or a
 * preposition of time stands before it ("in about 1900", "since around 2015"; cues.tsv
 * year_approx). Without one it is a count as before ("grew to about 2000", "About 2000
 * people"). */
static __attribute__((noinline, cold)) bool approx_year_before(const scan *sc, const nexpr *x,
                                                                const nn_tok *t)
{
    nn_tok w, v, b;
    if (x->L.ival > 2100 || !nn_prev_word(sc, x->s, &w)) {
        return false;
    }
    /* "from about 1900 to 2500": a second number after "to" that no year is makes both counts */
    tok(sc, t->e, &b);
    if (t->kind == TK_WORD && t->ws == 1 && b.kind == TK_DIGITS && b.ws == 1 &&
        (nn_date_link(sc, t) & (CUEF_RANGE_TO | CUEF_RANGE_AND)) &&
        (b.e - b.s != 4 || (sc->s[b.s] - '0') * 100 + (sc->s[b.s + 1] - '0') * 10 +
                                   (sc->s[b.s + 2] - '0') > 210)) { /* (> 2100: no year) */
        return false;
    }
    if (t->kind == TK_WORD && t->ws == 1 && tok_word(sc, t, "of")) {
        return false; /* "in about 1200 of the schools": a part of what is counted */
    }
    return nn_word_flag(sc, &w, CUEF_YEAR_APPROX) ||
           (nn_prev_word(sc, w.s, &v) && nn_word_flag(sc, &v, CUEF_YEAR_APPROX));
}

/* a year: "in 2022", "2019 was", "the 2020 elections", "in about 1900" - not "2000 people" */
NN_RULE_FN rule_year(fin *fs, uint32_t *end)
{
    scan *sc = fs->sc;
    nexpr *x = fs->x;
    uint32_t ms = fs->ms;
    bool neg = fs->neg;
    ment *m = &fs->m;
    nn_tok t = fs->t;
    bool next_ok = fs->next_ok;
    bool range = fs->range;
    nn_tok pw;
    pw.s = pw.e = 0; /* (nn_prev_roles leaves it when there is no word before) */
    /* A year: "in 2022", "2019 was", "the 2020 elections" - not "2000 people". */
    if (nn_is_year_like(x) && !range && !neg) {
        const nn_entry *te = next_ok ? fin_te(fs) : NULL;
        uint32_t pr = nn_prev_roles(sc, ms, &pw);
        bool prep = (pr & (NL_PREP | NL_MONTH)) != 0 || tok_word(sc, &pw, "the");
        bool counted = m->mod != MOD_NONE;
        /* (a lower-case word in "s" after it that is no preposition or unit of time: "people") */
#define YEAR_PLURAL_AFTER                                                                          \
    (next_ok && t.kind == TK_WORD && !t.cap && lower(sc->s[t.e - 1]) == 's' &&                     \
     !(te && (te->roles & (NL_PREP | NL_DUR))))
        if (!prep && !counted && YEAR_PLURAL_AFTER) {
            counted = true; /* "2000 people" */
        } else if (m->mod == MOD_APPROX && !YEAR_PLURAL_AFTER && approx_year_before(sc, x, &t)) {
            prep = true; /* "in about 1900" (the modifier outside the span, as for counts) */
            counted = false;
        }
#undef YEAR_PLURAL_AFTER
        if ((prep && !counted) || (!counted && x->L.ival >= 1900)) {
            /* "fiscal 2025", "FY 2022", "fiscal year 2024": the year with its fiscal words */
            uint32_t fy = ms == x->L.s && pw.e > pw.s && nn_fiscal_maybe(sc, &pw, pr)
                              ? nn_fiscal_year(sc, ms, &pw, pr)
                              : 0;
            if (fy) {
                return done(end, fy);
            }
            if (m->mod == MOD_APPROX) { /* "in about 1900": the year with its modifier */
                m->label = "DATE";
                m->vtext = nn_date_text(sc, (int)x->L.ival, 0, 0);
                m->has_v = false;
                nn_emit(sc, m);
                return done(end, m->e);
            }
            nn_emit_date(sc, ms, m->e, nn_date_text(sc, (int)x->L.ival, 0, 0)); /* "2022" */
            return done(end, m->e);
        }
    }

    return NN_NO;
}

/* anything else is a CARDINAL */
NN_RULE_FN rule_cardinal(fin *fs, uint32_t *end)
{
    scan *sc = fs->sc;
    ment *m = &fs->m;
    m->label = "CARDINAL";
    nn_emit(sc, m);
    return done(end, m->e);
    return NN_NO;
}


/* The rules of nn_finish, in the order they are asked: X(name, doc). The name is what
 * `newsflow tag --stats` counts and what docs/numbers.md and the golden cases refer to.
 * NN_RULE_LIST is the table; it is written as runs of rules so that nn_finish can pass over
 * a run whose rules all need a fact the number has not, by one test of that fact: the five
 * rules about letters glued to the digits need x->glued_e, the ten ordinal rules x->ordinal
 * (their first tests say so). The runs keep the table's order. */
#define NN_RULES_FIRST(X)                                                                          \
    X(proportion,                                                                                  \
      "\"two out of five hundred\", \"3 out of 10\": one CARDINAL, the quotient")                  \
    X(to_tally,                                                                                    \
      "a tally with \"to\" glued: \"a 2-to-1 margin\", \"a 7-to-2 vote\": one CARDINAL, no value")

/* Letters glued to the digits (x->glued_e): each rule's first test. */
#define NN_RULES_GLUED(X)                                                                          \
    X(glued_currency,                                                                              \
      "a currency glued to the digits: \"115USD\", \"100\xE5\x85\x83\"")                           \
    X(glued_unit,                                                                                  \
      "a unit glued to the digits: \"15km\", \"300MW\"")                                           \
    X(glued_percent,                                                                               \
      "a percent word glued to the digits: \"5pct\", \"50bps\", \"4.5pc\"")                        \
    X(glued_minor,                                                                                 \
      "pence or cents glued to one or two digits: \"85p\", \"99c\" (not \"1080p\", "               \
      "\"Figure 3c\")")                                                                            \
    X(glued_month,                                                                                 \
      "a month glued to the day: \"22april\", \"28Nov\"")

#define NN_RULES_BEFORE_ORDINAL(X)                                                                 \
    X(decade,                                                                                      \
      "a decade: \"1990s\", \"the 1990s\", \"the '90s\", \"1800s\"")                               \
    X(glued_ident,                                                                                 \
      "other letters glued to the digits make an identifier, no number: \"5G\", \"4K\", "          \
      "\"3D\"")                                                                                    \
    X(percent_before,                                                                              \
      "a percent sign before the number: \"%5\", \"% 2.5\" (wire copy)")                           \
    X(money_prefix,                                                                                \
      "an amount after a currency code or symbol: \"$5 million\", \"US$ 5 million dollars\", "     \
      "\"$5.25\"")

/* An ordinal (x->ordinal): each rule's first test. */
#define NN_RULES_ORDINAL(X)                                                                        \
    X(quarter,                                                                                     \
      "a quarter or half of a year: \"the fourth quarter of 2023\", \"second-quarter\", "          \
      "\"the first half of 2024\"")                                                                \
    X(first_months,                                                                                \
      "\"the first nine months of 2024\", \"the first six months of the year\": one DATE interval") \
    X(century,                                                                                     \
      "an ordinal century: \"the 21st century\" (20XX), \"19th-century\" (18XX)")                  \
    X(ordinal_day_of,                                                                              \
      "\"the first day of next month\", \"the third day of July\": a day of a period")             \
    X(ordinal_rel_month,                                                                           \
      "\"the 20th of next month\", \"31st of this month\"")                                        \
    X(ordinal_date,                                                                                \
      "an ordinal day and a month: \"28th of November\", \"twenty second of June\"")               \
    X(ordinal_weekday,                                                                             \
      "a digit ordinal before a weekday: \"the 1st Monday of June\", \"the 2nd Tuesday\"")         \
    X(ordinal_day,                                                                                 \
      "\"on the 27th\", \"until the 21st\": a day of the publication month when no noun follows")  \
    X(ordinal_from_end, "a digit ordinal counted from the end: \"2nd to last\": nothing")          \
    X(ordinal,                                                                                     \
      "any other ordinal: \"21st\", \"third\"")

#define NN_RULES_LAST(X)                                                                           \
    X(percent_sign,                                                                                \
      "\"12%\"")                                                                                   \
    X(percent_word,                                                                                \
      "\"34.1 percent\", \"3.5 per cent\", \"0.25 percentage points\", \"50 bps\" "                \
      "(data/numbers/words.tsv pct)")                                                              \
    X(percent_of_a,                                                                                \
      "a fraction of a percent: \"a quarter of a percent\", \"half of one percent\"")              \
    X(percent_point,                                                                               \
      "\"a quarter point\", \"half a point\" (of an interest rate)")                               \
    X(money_after,                                                                                 \
      "a currency after the amount: \"3 million euros\", \"120 billion tenge\", \"34 "             \
      "cents\", \"75 USD million\", \"thirteen dollars and forty-five cents\"")                    \
    X(hyphen_adjective,                                                                            \
      "hyphenated adjectives: \"25-year-old\", \"15-kilometre\", \"12-cent\", \"three-day\" "      \
      "(\"3,000-strong\" stays a CARDINAL)")                                                       \
    X(day_month,                                                                                   \
      "a day before a month: \"28 November 2023\", \"28 Nov\", \"1-jan\", \"16. nov. 2016\"")      \
    X(quantity,                                                                                    \
      "a unit after the number: \"7 tonnes\", \"40,000 barrels per day\", \"300 MW\" "             \
      "(data/numbers/units.tsv)")                                                                  \
    X(dimension,                                                                                   \
      "dimensions: \"30 x 20 cm\", \"20 by 40 feet\": the first number takes the unit after "      \
      "the last (cues.tsv dim_link)")                                                              \
    X(business_days,                                                                               \
      "\"in four business days\", \"3 working days ago\": weekdays from publication")              \
    X(nth_weekday_from_now,                                                                        \
      "\"two Sundays from now\", \"three Fridays ago\": the Nth such weekday after (before) "      \
      "publication")                                                                               \
    X(duration,                                                                                    \
      "durations and dates counted from publication: \"three years\" P3Y, \"5 hours\" PT5H, "      \
      "\"two years ago\", \"three weeks from now\"")                                               \
    X(ident_after_name,                                                                            \
      "a number right after a capitalised name is part of it: \"Boeing 737\", \"Windows 11\"")     \
    X(ident_after_cue,                                                                             \
      "a number after a reference noun (data/numbers/cues.tsv): \"Section 230\", \"flight "        \
      "370\", \"build 22621\"")                                                                    \
    X(ident_after_mark,                                                                            \
      "a number after \"#\" or \"No.\"/\"Vol.\"/\"Art.\"/\"p.\"/\"sec.\": a reference, no "        \
      "quantity")                                                                                  \
    X(address,                                                                                     \
      "a house number before a street: \"at 10 Downing Street\", \"on 45 Elm Road\": no "          \
      "number (data/numbers/cues.tsv street, place)")                                              \
    X(utc_time,                                                                                    \
      "military/UTC clock times: \"1700 UTC\", \"0300 GMT\"")                                      \
    X(apostrophe_year,                                                                             \
      "an apostrophe year after a preposition or \"the\": \"in '99\", \"the class of '85\"")       \
    X(leading_zero,                                                                                \
      "leading zeros (\"007\", \"0300\") make codes and clock readings, not counts: nothing")      \
    X(list_marker,                                                                                 \
      "a list item's marker: \"(1) a new tax\", \"goals: 1) cutting costs and 2) raising "      \
      "wages\": nothing (cues.tsv list_link)")                                                     \
    X(compact_date,                                                                                \
      "eight digits of a date, year month day: \"20231231\" (not \"20240230\")")                   \
    X(year,                                                                                        \
      "a year: \"in 2022\", \"2019 was\", \"the 2020 elections\" - not \"2000 people\"")           \
    X(cardinal,                                                                                    \
      "anything else is a CARDINAL")

#define NN_RULE_LIST(X)                                                                            \
    NN_RULES_FIRST(X)                                                                              \
    NN_RULES_GLUED(X)                                                                              \
    NN_RULES_BEFORE_ORDINAL(X)                                                                     \
    NN_RULES_ORDINAL(X)                                                                            \
    NN_RULES_LAST(X)

#define NN_RULE_ENUM(name, doc) NN_RULE_##name,
NN_RULE_LIST_ENUM(NN_RULE_LIST, NN_RULE_ENUM, NN_N_RULES)
#undef NN_RULE_ENUM

static const nn_rule NN_RULES[NN_N_RULES] = {
#define NN_RULE_ENTRY(name, doc) {#name, doc, rule_##name},
    NN_RULE_LIST(NN_RULE_ENTRY)
#undef NN_RULE_ENTRY
};

size_t nn_rule_table(const nn_rule **rules)
{
    *rules = NN_RULES;
    return NN_N_RULES;
}


/* ---- The short path ----------------------------------------------------------------------
 *
 * Most numbers of news text are followed by a word or a punctuation mark that none of the
 * table's rules about what FOLLOWS a number can use ("3,000 people", "in 2022.", "41.8,"), and
 * nn_finish then asked some twenty rules that all said no before `year` or `cardinal` decided.
 * short_path() tells from facts nn_finish has already read (the number's form, the token after
 * it and the roles of every lexicon key that starts there, nn_lex_roles) that the rules below
 * cannot decide; nn_finish then asks only the rules of NN_SHORT_LIST, in table order. Why each
 * skipped rule says no when short_path() holds:
 *
 *   glued_currency, glued_unit, glued_percent, glued_minor, glued_month, decade, glued_ident
 *                                                                   need letters glued (glued_e)
 *   money_prefix                                                    needs a currency before (pre)
 *   quarter, ordinal_from_end, ordinal_day_of, ordinal_rel_month, ordinal_date, ordinal_day,
 *   ordinal                                                         need an ordinal
 *   percent_point, percent_of_a                                     need a fraction
 *   percent_sign                                                    needs "%" or "％" after
 *   hyphen_adjective                                                needs "-" after
 *   day_month          needs a month (a lexicon role) after, or "-", "of" before it, or a
 *                      day-sized plain literal (xd) and "." or "/" before it
 *   percent_word, money_after, quantity, duration   need a key with a role (NL_PCT, NL_CUR,
 *                      NL_UNIT, NL_DUR) starting at the token after; money_after's "MUSD" form
 *                      needs an 'M', 'k' or 'K' there
 *
 * So a word after the number whose keys have other roles only (NN_SHORT_ROLES: "in", "the",
 * "and", "to" - prepositions, determiners, modifiers, number words) lets the short path through
 * as well as a word without any. When any fact is unusual (a digit, a non-ASCII or other symbol
 * after, one of those roles), the whole table is asked. test_numbers_golden (short_path_gives_the_table_s_mentions) runs the golden cases
 * and the Wikinews corpus with and without the short path and compares every mention, so a new
 * rule that can decide such a number and is missing here fails on its own golden cases. */
#define NN_SHORT_LIST(X)                                                                           \
    X(proportion)                                                                                  \
    X(percent_before)                                                                              \
    X(dimension)                                                                                   \
    X(business_days)                                                                               \
    X(nth_weekday_from_now)                                                                        \
    X(ident_after_name)                                                                            \
    X(ident_after_cue)                                                                             \
    X(ident_after_mark)                                                                            \
    X(address)                                                                                     \
    X(utc_time)                                                                                    \
    X(apostrophe_year)                                                                             \
    X(leading_zero)                                                                                \
    X(list_marker)                                                                                 \
    X(compact_date)                                                                                \
    X(year)                                                                                        \
    X(cardinal)

/* NN_SHORT_LIST as a table by rule (in table order, as nn_finish asks them). */
static const bool NN_IN_SHORT[NN_N_RULES] = {
#define NN_SHORT_ENTRY(name) [NN_RULE_##name] = true,
    NN_SHORT_LIST(NN_SHORT_ENTRY)
#undef NN_SHORT_ENTRY
};

/* The roles of a key after the number that the rules left out of NN_SHORT_LIST read. */
#define NN_SHORT_ROLES (NL_PCT | NL_CUR | NL_UNIT | NL_DUR | NL_MONTH)

/* True when no lexicon key with one of NN_SHORT_ROLES starts at the token \p t. The chain of
 * keys there (nn_lex_roles) begins with t's own entries, as written and lower-cased, so when t
 * has neither the chain is empty: those two entries are cached per token and cost less than
 * building the chain, which most words after a number ("423 people") do not need. (Deciding
 * from the entries also when no longer key can go on, one_token_roles, was measured: c500
 * +0.16 M instructions - the full table builds those chains anyway.) */
static inline bool no_key_at(fin *f)
{
    const scan *sc = f->sc;
    const nn_tok *t = &f->t;
    if (t->kind != TK_DIGITS && t->e - t->s <= 48 && !fin_te(f) &&
        !nn_tok_entry(sc, t, 1)) {
        return true;
    }
    f->roles = nn_lex_roles(sc, t->s);
    return (f->roles & NN_SHORT_ROLES) == 0;
}

/* nv_uint(v, 31) or 0, without a branch: nv_uint's tests and its loop over the exponent
 * branch on every number's value and mispredicted ~20 k times on c500 here (written with
 * bools and '&', gcc made branches of them again). A value up to 31 has an exponent of 0 or 1
 * (a normalised 0 has 0); m's own bits above 31 keep m * 10 from wrapping into range. */
static inline uint64_t day_value(const nval *v)
{
    static const uint64_t P10[2] = {1, 10}; /* (an index: gcc branched on "e == 1") */
    uint64_t e = (uint16_t)v->e;
    uint64_t d = v->m * P10[e & 1];
    uint64_t bad = (uint64_t)!v->ok | (v->den ^ 1u) | (e >> 1) | ((v->m | d) >> 5);
    return d & ((uint64_t)(bad != 0) - 1);
}

/* True when none of the rules left out of NN_SHORT_LIST can decide the mention of \p f. */
static inline bool short_path(fin *f)
{
    const scan *sc = f->sc;
    const nexpr *x = f->x;
    const nn_tok *t = &f->t;
    /* (to_end: a pair with "to" that is no range, a tally for rule to_tally; spaced, the
     * token after the first count is the word "to", which the tests below let through) */
    if (f->pre || x->glued_e || x->ordinal || x->fraction || f->to_end || sc->ctx->full_table) {
        return false;
    }
    if (t->kind == TK_END) {
        return true;
    }
    unsigned char c = (unsigned char)sc->s[t->s];
    if (t->kind == TK_SYM) {
        /* one ASCII mark that is neither '%', '-' nor "'" ("the 1960's": rule decade), nor '.'
         * or '/' after a possible day */
        bool day = x->single_lit && x->L.plain && x->L.int_digits <= 2 && day_value(&x->v) >= 1;
        if (t->e - t->s != 1 || c >= 0x80 || c == '%' || c == '-' || c == '\'' ||
            (day && (c == '.' || c == '/'))) {
            return false;
        }
    } else if (t->kind != TK_WORD || c == 'M' || c == 'k' || c == 'K' ||
               (t->e - t->s == 2 && (c | 0x20) == 'o' && (sc->s[t->s + 1] | 0x20) == 'f')) {
        return false; /* (digits; "MUSD"; "of" before day_month's month) */
    }
    return !f->next_ok || no_key_at(f);
}

/* The mention for a number expression \p x, given what follows it. \p pre: a currency read
 * before the amount (may be NULL); \p ms: where the mention starts (the currency, a minus sign).
 * @returns where scanning continues. */
uint32_t nn_finish(scan *sc, nexpr *x, const curm *pre, uint32_t ms, bool neg)
{
    fin f;
    static const ment m0; /* (a copy, not memset: see nn_parse_numexpr) */
    f.m = m0;
    f.sc = sc;
    f.x = x;
    f.pre = pre;
    f.ms = ms;
    f.neg = neg;
    f.m.s = ms;
    f.m.e = x->e;
    f.m.v = x->v;
    f.m.neg = neg;
    f.m.has_v = x->v.ok;
    f.p = x->e;
    f.range = false;
    f.cents_end = false;
    f.to_end = 0;
    f.pb = nn_letters_before(sc, ms, &f.pl);
    f.strong_end = false;
    tok(sc, f.p, &f.t);
    read_range(&f); /* (a range moves f.p and f.t past its upper end) */
    f.m.e = f.p;
    f.m.mod = lookback_mod_at(sc, ms, f.pl, f.pb);
    f.next_ok = f.t.kind != TK_END && f.t.ws != 2;
    f.te_read = false;
    f.roles = ~0u;
    uint32_t end = 0;
    int decided;
    bool sp = short_path(&f);
    /* The rules in table order, called directly (a loop of indirect calls through NN_RULES
     * would cost ~10% of the stage): the first that decides ends the mention. On the short
     * path the rules outside NN_SHORT_LIST are passed over; each rule's body is inlined once
     * (asking the short list in a row of its own doubled nine bodies and the stage's
     * instruction-cache misses with them). NN_IN_SHORT[] is a constant: the test of a rule of
     * the short list folds away. */
#define NN_RULE_ASK(name, doc)                                                                     \
    if ((NN_IN_SHORT[NN_RULE_##name] || !sp) && rule_##name(&f, &end) == NN_DONE) {              \
        decided = NN_RULE_##name;                                                                  \
        goto count;                                                                                \
    }
    NN_RULES_FIRST(NN_RULE_ASK)
    if (x->glued_e) {
        NN_RULES_GLUED(NN_RULE_ASK)
    }
    NN_RULES_BEFORE_ORDINAL(NN_RULE_ASK)
    if (x->ordinal) {
        f.xd = day_value(&x->v); /* (read by the ordinal rules only) */
        NN_RULES_ORDINAL(NN_RULE_ASK)
    }
    NN_RULES_LAST(NN_RULE_ASK)
#undef NN_RULE_ASK
    return f.m.e; /* (not reached: the last rule always decides) */
count:
    /* (one counter site for all the rules: inlined at each rule's exit, the --stats test and
     * increment were ~45 copies in the hot body) */
    return nn_count(sc, 0, decided, end);
}
