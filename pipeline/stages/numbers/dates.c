/* numbers stage: dates that start at a word or at digits (month names, weekdays,
 * "last/next ...", numeric dates). */

#include "pipeline/stages/numbers/internal.h"

#include <string.h>

/* ---- Triggers ---------------------------------------------------------------------------- */

/* Digits at p (at most max_len of them), by hand. @returns how many, 0 when none or more. */
int nn_read_digits(const scan *sc, uint32_t p, int max_len, int *value)
{
    int v = 0, l = 0;
    while (p + (uint32_t)l < sc->n && is_digit(sc->s[p + l])) {
        if (++l > max_len) {
            return 0;
        }
        v = v * 10 + (sc->s[p + l - 1] - '0');
    }
    *value = v;
    return l;
}

/* Month and day written with digits at pos, without a year: "7/6", "4-22", "4.22", "22/04"
 * (one or two digits each, '/' '-' or '.' between, nothing glued after that would make it a
 * decimal, a version or a full date). A day above 12 decides the order, else date_order.
 * \p ambiguous: both parts could be the month. @returns the end, 0 when it is no such date. */
uint32_t nn_numeric_md(const scan *sc, uint32_t pos, int *mo, int *d, bool *ambiguous)
{
    const char *s = sc->s;
    int a, b;
    int la = nn_read_digits(sc, pos, 2, &a);
    uint32_t p = pos + (uint32_t)la;
    if (!la || p + 1 >= sc->n || (s[p] != '/' && s[p] != '-' && s[p] != '.')) {
        return 0;
    }
    char sep = s[p];
    int lb = nn_read_digits(sc, p + 1, 2, &b);
    if (!lb) {
        return 0;
    }
    p += 1 + (uint32_t)lb;
    if (p < sc->n &&
        (is_alnum(s[p]) || s[p] == '%' ||
         ((s[p] == sep || s[p] == '/' || s[p] == '-' || s[p] == '.' || s[p] == ',' ||
           s[p] == ':') &&
          p + 1 < sc->n && is_digit(s[p + 1])))) {
        return 0;
    }
    bool dmy = sc->ctx->dmy;
    if (a > 12 && b <= 12) {
        dmy = true;
    } else if (b > 12 && a <= 12) {
        dmy = false;
    }
    *mo = dmy ? b : a;
    *d = dmy ? a : b;
    *ambiguous = a <= 12 && b <= 12;
    /* (no year: February has its 29th) */
    if (*mo < 1 || *mo > 12 || *d < 1 || *d > nn_days_in_month(2000, *mo)) {
        return 0;
    }
    return p;
}

/* "2019-sep-1", "2019/Sep/01": year, month name, day with the same separator. @returns the end
 * after emitting the date, or 0. */
uint32_t nn_year_monthname_day(scan *sc, uint32_t i)
{
    const char *s = sc->s;
    int y, d;
    if (nn_read_digits(sc, i, 4, &y) != 4 || y < 1000 || y > 2999) {
        return 0;
    }
    uint32_t p = i + 4;
    if (p + 2 >= sc->n || (s[p] != '-' && s[p] != '/') || !is_alpha(s[p + 1])) {
        return 0;
    }
    char sep = s[p];
    nn_tok w;
    tok(sc, p + 1, &w);
    const nn_entry *me = nn_tok_entry(sc, &w, 0);
    uint32_t q = w.e;
    if (!me || !(me->roles & NL_MONTH) || q + 1 >= sc->n || s[q] != sep) {
        return 0;
    }
    int ld = nn_read_digits(sc, q + 1, 2, &d);
    uint32_t e = q + 1 + (uint32_t)ld;
    if (!ld || d < 1 || d > nn_days_in_month(y, me->month) ||
        (e < sc->n && (is_alnum(s[e]) || ((s[e] == sep || s[e] == '.') && e + 1 < sc->n &&
                                          is_digit(s[e + 1]))))) {
        return 0;
    }
    nn_emit_date(sc, i, e, nn_date_text(sc, y, me->month, d));
    return e;
}

/* The second month of a range of months joined by a word at \p a after the first month (its
 * token \p mt, month \p m1): "to", "through" (cues.tsv range_to), "and" after "between"
 * (range_and, range_open before the first month); a capitalised month name, not the month of a
 * day ("from March to April 5": two dates). @returns the month, 0 when there is none; *q: its
 * end. */
static int month_range_word(scan *sc, const nn_tok *mt, int m1, const nn_tok *a, uint32_t *q)
{
    nn_cueflags link = a->ws == 1 ? nn_date_link(sc, a) & (CUEF_RANGE_TO | CUEF_RANGE_AND) : 0;
    nn_tok b, c, pw;
    if (!link || (!(link & CUEF_RANGE_TO) &&
                  !(nn_prev_word(sc, mt->s, &pw) && (nn_date_link(sc, &pw) & CUEF_RANGE_OPEN)))) {
        return 0;
    }
    tok(sc, a->e, &b);
    const nn_entry *be = b.ws == 1 && b.kind == TK_WORD && b.cap ? nn_tok_entry(sc, &b, 0) : NULL;
    if (!be || !(be->roles & NL_MONTH) || be->month == m1) {
        return 0;
    }
    tok(sc, b.e, &c);
    if (c.kind == TK_DIGITS && c.e - c.s <= 2) {
        return 0;
    }
    *q = b.e;
    return be->month;
}

/* A month interval after month \p e (its token \p mt, p after it and its dot): a range of
 * months "January-October (2024)", "January to October", "between January and October", "the
 * July-September quarter", or the quarter that ends in the month "the September quarter (of
 * 2023)". @returns its end, 0 when there is none. */
static uint32_t month_interval(scan *sc, const nn_tok *mt, const nn_entry *e, uint32_t p)
{
    nn_tok a, b;
    tok(sc, p, &a);
    int m1 = e->month, m2 = 0;
    uint32_t q = p;
    if (a.kind == TK_WORD && (m2 = month_range_word(sc, mt, m1, &a, &q)) != 0) {
        tok(sc, q, &a);
    } else if (nn_tok_is_dash(sc, &a) && a.ws == 0) {
        tok(sc, a.e, &b);
        const nn_entry *be = b.ws == 0 && b.kind == TK_WORD ? nn_tok_entry(sc, &b, 0) : NULL;
        if (!be || !(be->roles & NL_MONTH) || be->month == m1 || !b.cap) {
            return 0;
        }
        m2 = be->month;
        q = b.e;
        tok(sc, q, &a);
    }
    bool quarter =
        tok_word(sc, &a, "quarter") && a.ws == 1 && !(a.e < sc->n && is_alpha(sc->s[a.e]));
    if (quarter && (m2 ? (m2 - m1 + 12) % 12 != 2 : m1 % 3 != 0)) {
        return 0; /* "the July-September quarter"; "the September quarter" ends in September */
    }
    if (quarter) {
        return nn_emit_months(sc, nn_with_the(sc, mt->s), a.e, m2 ? m1 : m1 - 2, m2 ? m2 : m1);
    }
    return m2 ? nn_emit_months(sc, mt->s, q, m1, m2) : 0;
}

/* A day after month \p e (its token \p mt), read at \p q: "November 28", "Nov. 3", "March 3-5",
 * "November 28, 2023", "May 5" (a weak month in lower case only with digits). @returns the end of
 * the date, mt->e when the day does not make one, 0 when there is no day at q. */
/* A day written as an ordinal at \p pos, after one space: "1st", "first", "twenty-first" (not
 * the first part of a compound: "the third-largest"). */
static bool ordinal_day_at(scan *sc, uint32_t pos)
{
    nn_tok dt, sx;
    tok(sc, pos, &dt);
    if (dt.ws != 1) {
        return false;
    }
    const nn_entry *de0 = nn_tok_entry(sc, &dt, 0);
    uint32_t oe = 0;
    if (dt.kind == TK_DIGITS && dt.e - dt.s <= 2 && dt.e < sc->n && is_alpha(sc->s[dt.e])) {
        tok(sc, dt.e, &sx);
        oe = nn_is_ord_suffix(sc, &sx) ? sx.e : 0;
    } else if (dt.kind == TK_WORD && de0 && (de0->roles & (NL_ORD | NL_NUM))) {
        nexpr ox; /* (NL_NUM: "twenty-first") */
        oe = nn_parse_numexpr(sc, dt.s, 0, &ox) && ox.ordinal ? ox.e : 0;
    }
    return oe && !(oe < sc->n && (sc->s[oe] == '-' || is_alpha(sc->s[oe])));
}

/* A day in cardinal words at \p pos, after one space, that ends the clause or comes before a
 * year: "the twenty one" in "September the twenty one, 2015" (not "October the twenty members":
 * a count). */
static bool cardinal_day_at(scan *sc, uint32_t pos)
{
    nn_tok dt, z;
    tok(sc, pos, &dt);
    int d, y;
    uint32_t de, ye;
    if (dt.ws != 1 || dt.kind != TK_WORD || !nn_read_day(sc, pos, &d, &de)) {
        return false;
    }
    tok(sc, de, &z);
    return z.kind == TK_END || z.ws == 2 || (z.kind == TK_SYM && !tok_is(sc, &z, "%")) ||
           nn_read_year(sc, de, &y, &ye) || nn_read_year_words(sc, de, false, &y, &ye);
}

/* After "May 3 to 5" at \p p: a noun, unit or percent that owns the 5 ("May 3 to 5 people");
 * a function word, punctuation or the end do not. */
static bool day_range_owned(scan *sc, uint32_t p)
{
    nn_tok z;
    tok(sc, p, &z);
    if (tok_is(sc, &z, "%")) {
        return true;
    }
    if (z.kind != TK_WORD || z.ws == 2) {
        return false;
    }
    const nn_entry *ze = nn_tok_entry(sc, &z, 0);
    return !(ze && (ze->roles & (NL_PREP | NL_FUNC | NL_DET)));
}

/* The link \p a is "and" (cues.tsv range_and) and the word before the date at \p s0 is
 * "between" (range_open): "between May 3 and 5" is a range as "May 3 to 5" is. */
static bool and_range(const scan *sc, const nn_tok *a, uint32_t s0)
{
    nn_tok pw;
    return (nn_date_link(sc, a) & CUEF_RANGE_AND) && nn_prev_word(sc, s0, &pw) &&
           (nn_date_link(sc, &pw) & CUEF_RANGE_OPEN);
}

enum { DAY_LIST_MAX = 8 };

/* A comma list of later days of the month after the day at [.., \p de) (\p d): ", 5 and 7",
 * ", 4, 5, and 6" - days in digits, each later than the one before, the last after "and"
 * (cues.tsv range_and; a comma before it allowed) and owning no noun ("May 3, 5 and 7 people").
 * Their spans and days go to \p ls, \p le, \p dd. @returns how many (0: no such list, "On May
 * 3, 5 people were hurt"). */
static __attribute__((noinline, cold)) int day_list(scan *sc, uint32_t de, int d, uint32_t *ls,
                                                    uint32_t *le, int *dd)
{
    nn_tok a, b;
    int n = 0;
    tok(sc, de, &a);
    while (n < DAY_LIST_MAX && a.ws == 0 && tok_is(sc, &a, ",")) {
        tok(sc, a.e, &b);
        bool last = b.ws == 1 && (nn_date_link(sc, &b) & CUEF_RANGE_AND);
        if (last) {
            tok(sc, b.e, &b);
        }
        int dn;
        uint32_t en;
        if (b.kind != TK_DIGITS || b.ws != 1 || !nn_read_day(sc, b.s, &dn, &en) ||
            dn <= (n ? dd[n - 1] : d)) {
            return 0;
        }
        ls[n] = b.s, le[n] = en, dd[n++] = dn;
        tok(sc, en, &a);
        if (last || (a.ws == 1 && (nn_date_link(sc, &a) & CUEF_RANGE_AND))) {
            if (!last) { /* "5 and 7": the last day after "and" */
                tok(sc, a.e, &b);
                if (n == DAY_LIST_MAX || b.kind != TK_DIGITS || b.ws != 1 ||
                    !nn_read_day(sc, b.s, &dn, &en) || dn <= dd[n - 1]) {
                    return 0;
                }
                ls[n] = b.s, le[n] = en, dd[n++] = dn;
            }
            return day_range_owned(sc, le[n - 1]) ? 0 : n;
        }
    }
    return 0;
}

static uint32_t month_day(scan *sc, const nn_tok *mt, const nn_entry *e, uint32_t s0, uint32_t q)
{
    int d, year = 0;
    uint32_t de;
    bool weak = (e->cal_flags & CAL_WEAK) != 0;
    if (!nn_read_day(sc, q, &d, &de)) {
        return 0;
    }
    if (weak && !mt->cap) {
        /* "may 5" lower case: only with digits, not "may twenty" */
        nn_tok dt;
        tok(sc, q, &dt);
        if (dt.kind != TK_DIGITS && !tok_word(sc, &dt, "twenty") &&
            !tok_word(sc, &dt, "thirty")) {
            return mt->e;
        }
    }
    /* "March 3-5" */
    nn_tok a, b;
    tok(sc, de, &a);
    /* the later days of a list, "December 23 and 24", "May 3, 5 and 7", at [ls, le) */
    int d2 = 0, nl = 0, dl[DAY_LIST_MAX];
    uint32_t e2 = de, ls[DAY_LIST_MAX], le[DAY_LIST_MAX];
    if (nn_tok_is_dash(sc, &a) && a.ws == 0) {
        tok(sc, a.e, &b);
        if (b.kind == TK_DIGITS && b.ws == 0 && nn_read_day(sc, b.s, &d2, &e2) && d2 > d) {
            de = e2;
        } else {
            d2 = 0;
        }
    } else if (a.ws == 1 && ((nn_date_link(sc, &a) & CUEF_RANGE_TO) || and_range(sc, &a, s0))) {
        /* "May 3 to 5", "May 3 through 5, 2024", "between May 3 and 5", "December 23rd
         * through the 26th": not before a noun, unit or percent ("May 3 to 5 people") */
        tok(sc, a.e, &b);
        if (tok_word(sc, &b, "the") && b.ws == 1) {
            tok(sc, b.e, &b);
        }
        if (b.kind == TK_DIGITS && b.ws == 1 && nn_read_day(sc, b.s, &d2, &e2) && d2 > d &&
            !day_range_owned(sc, e2)) {
            de = e2;
        } else {
            d2 = 0;
        }
    } else if (a.ws == 1 && (nn_date_link(sc, &a) & CUEF_RANGE_AND)) {
        /* "December 23 and 24": two days of the month, a list (two DATEs), not an interval;
         * not before a noun ("March 3 and 4 people") */
        tok(sc, a.e, &b);
        if (b.kind == TK_DIGITS && b.ws == 1 && nn_read_day(sc, b.s, &dl[0], &le[0]) &&
            dl[0] > d && !day_range_owned(sc, le[0])) {
            ls[0] = b.s;
            nl = 1;
        }
    } else if (a.ws == 0 && tok_is(sc, &a, ",") && a.e + 3 < sc->n && is_digit(sc->s[a.e + 1]) &&
               !is_digit(sc->s[a.e + 3])) {
        nl = day_list(sc, de, d, ls, le, dl); /* "May 3, 5 and 7" (not "May 3, 2024") */
    }
    /* "Oct/10/2015", "Jan-31-2025": the year joined by the sign between month and day */
    char sep = q > mt->e && q == mt->e + 1 ? sc->s[mt->e] : 0;
    uint32_t *ye = nl ? &le[nl - 1] : &de; /* (a list's year follows its last day) */
    if (!nn_joined_year(sc, ye, sep, &year)) {
        nn_opt_year(sc, ye, &year);
    }
    if (!year) {
        year = nn_infer_year_tense(sc, e->month, d, mt->s, de);
    }
    if (d > nn_days_in_month(year ? year : 2000, e->month)) {
        return mt->e;
    }
    const char *v = d2 ? nn_date_span_text(sc, year, e->month, d, year, e->month, d2)
                       : nn_date_text(sc, year, e->month, d);
    nn_emit_date(sc, s0, de, v);
    for (int k = 0; k < nl; k++) {
        if (dl[k] > nn_days_in_month(year ? year : 2000, e->month)) {
            return k ? le[k - 1] : de;
        }
        nn_emit_date(sc, ls[k], le[k], nn_date_text(sc, year, e->month, dl[k]));
    }
    return nl ? le[nl - 1] : de;
}

/* ---- Month names -------------------------------------------------------------------------
 *
 * nn_try_month is asked at a month name (from on_word, after a weekday "Monday, June 3" or
 * after "last/this/next"). Its rules (NN_MONTH_LIST, in order) read what follows or precedes
 * the month; the first that decides ends it (its --stats counter "mo_NAME" counts it): a
 * date, or that the word is no date ("may", "march" in lower case). The last, alone, takes a
 * capitalised month with no cue as a DATE ("November was", "entered September", "the October
 * elections") unless the words around it make it a name or a word; a month no rule takes
 * ("March said", "April Ryan", "Black September") is no date, uncounted. */

/* What the month rules share about the month \p mt (lexicon entry \p e). */
typedef struct monthat {
    const nn_tok *mt;
    const nn_entry *e;
    uint32_t s0;  /* where the mention starts (a weekday or "last" before it) */
    int rel;      /* -1 last, 0 this, 1 next, -2 none */
    uint32_t p;   /* after the month and its dot ("Nov.", "October. 2") */
    bool abbr;    /* an abbreviation: "Nov", "sept" */
    bool dot;     /* an abbreviation with its dot */
    bool weak;    /* also an English word: "may", "march" */
    nn_tok t;     /* the token at p */
} monthat;

/* interval: "January-October 2024", "the July-September quarter", "the September quarter":
 * months (a capitalised or strong month that starts the mention). */
static inline bool mo_interval(scan *sc, const monthat *m, uint32_t *out)
{
    if ((m->mt->cap || !m->weak) && m->s0 == m->mt->s) {
        *out = month_interval(sc, m->mt, m->e, m->p);
        return *out != 0;
    }
    return false;
}

/* lower_word: "may", "march", "jan", "sept" in lower case, not right before a day or year
 * ("you may go", "the march on"): a word, no date. (After a weekday, "monday, jan twenty two",
 * the month is one in any case.) */
static inline bool mo_lower_word(scan *sc, const monthat *m, uint32_t *out)
{
    const nn_tok *t = &m->t;
    if ((m->weak || m->abbr) && !m->mt->cap && !m->dot && m->s0 == m->mt->s &&
        t->kind != TK_DIGITS && !(t->kind == TK_SYM && t->ws == 0) &&
        !(m->weak && !m->abbr && t->kind == TK_WORD)) {
        (void)sc;
        *out = m->mt->e;
        return true;
    }
    return false;
}

/* day: "November 28", "Nov. 3", "March 3-5", "November 28, 2023", "Oct-2", "October, 1st",
 * "September the 21st" (after a comma or "the" only an ordinal: "In October, 5 people..." is
 * no date; after "the" also a day in words that ends the clause or comes before a year,
 * "September the twenty one"); a day the month does not have ("February 30") makes no date. */
static inline bool mo_day(scan *sc, const monthat *m, uint32_t *out)
{
    const nn_tok *t = &m->t;
    uint32_t q = m->p;
    if (t->ws == 0 && (tok_is(sc, t, "-") || tok_is(sc, t, "/")) && t->e < sc->n &&
        is_digit(sc->s[t->e])) {
        q = t->e; /* "Oct-2", "jan/1" */
    }
    if ((tok_is(sc, t, ",") && t->ws == 0 && ordinal_day_at(sc, t->e)) ||
        (tok_word(sc, t, "the") && t->ws == 1 && (m->mt->cap || !m->weak) &&
         (ordinal_day_at(sc, t->e) || cardinal_day_at(sc, t->e)))) {
        q = t->e;
    }
    if (t->kind != TK_DIGITS || t->e - t->s <= 2 || q != m->p) {
        *out = month_day(sc, m->mt, m->e, m->s0, q);
        return *out != 0;
    }
    return false;
}

/* year: "March 2024", "March of 2024", "March, 2024" (not after a weak month: "May, 2024"). */
static inline bool mo_year(scan *sc, const monthat *m, uint32_t *out)
{
    const nn_tok *t = &m->t;
    nn_tok pw;
    uint32_t yq = m->p;
    if (tok_word(sc, t, "of")) {
        yq = t->e;
    } else if (tok_is(sc, t, ",") && (!m->weak || (m->mt->cap && m->s0 == m->mt->s &&
                                                   (nn_prev_roles(sc, m->mt->s, &pw) & NL_PREP)))) {
        /* (a month that is also a word, after a date preposition: "in March, 2018"; not a
         * name's last word before an age, "Theresa May, 62,") */
        yq = t->e;
    }
    int year;
    uint32_t de;
    if (nn_read_year(sc, yq, &year, &de)) {
        nn_emit_date(sc, m->s0, de, nn_date_text(sc, year, m->e->month, 0));
        *out = de;
        return true;
    }
    return false;
}

/* lower_alone: a weak month in lower case, or an abbreviation in lower case without its dot,
 * with no day or year after it: "in may", "since jan": too often a word, no date. */
static inline bool mo_lower_alone(scan *sc, const monthat *m, uint32_t *out)
{
    (void)sc;
    if ((m->weak && !m->mt->cap) || (m->abbr && !m->dot && !m->mt->cap)) {
        *out = m->mt->e;
        return true;
    }
    return false;
}

/* relative: "last March", "next January", "this May": the month of the year before, after or
 * of publication (no date without published_at or with relative dates off). */
static inline bool mo_relative(scan *sc, const monthat *m, uint32_t *out)
{
    if (m->rel <= -2) {
        return false;
    }
    *out = m->mt->e;
    if (!nn_have_pub(sc) || !sc->ctx->relative_dates) {
        return true;
    }
    int y = sc->py;
    if (m->rel < 0 && m->e->month >= sc->pm) {
        y--;
    } else if (m->rel > 0 && m->e->month <= sc->pm) {
        y++;
    }
    *out = m->abbr && m->dot ? m->p : m->mt->e;
    nn_emit_date(sc, m->s0, *out, nn_date_text(sc, y, m->e->month, 0));
    return true;
}

/* The lower-case word \p pw before a capitalised month alone leaves the place of a first name
 * there: a verb that takes a person as its object (cues.tsv person_obj: "Sources told April
 * the plan had failed", "thanked June"), or "and" (cues.tsv name_and) after a capitalised
 * word that opens the sentence and is no date or grammar word ("Carlos and April opened a
 * bakery": two first names; inside a sentence the word before "and" is as often a place, "in
 * Paris and June brought new talks"). (Out of line: asked only for a month no other rule
 * took.) */
static __attribute__((noinline, cold)) bool name_place(scan *sc, const nn_tok *pw)
{
    const nn_cue *c = nn_cue_slot(sc->lx, sc->s + pw->s, pw->e - pw->s);
    if (!c || !(c->flags & (CUEF_PERSON_OBJ | CUEF_NAME_AND))) {
        return false;
    }
    if (c->flags & CUEF_PERSON_OBJ) {
        return true;
    }
    nn_tok fw;
    if (!nn_prev_word(sc, pw->s, &fw) || !fw.cap || (fw.tf & NN_TF_UPPER) ||
        !nn_sentence_start(sc, fw.s)) {
        return false;
    }
    const nn_entry *fe = nn_tok_entry(sc, &fw, 0);
    return !(fe && (fe->roles & (NL_MONTH | NL_WEEKDAY | NL_DET | NL_FUNC | NL_PREP | NL_RELMOD |
                                 NL_NUM | NL_ORD)));
}

/* after_prep: the month alone after a date preposition or "mid-/early-/late-": "in November",
 * "since March", "mid-January" (not a weak month at a sentence start: "May I..."); its year
 * by the verbs and the preposition (nn_month_year_tense). */
static inline bool mo_after_prep(scan *sc, const monthat *m, uint32_t *out)
{
    const nn_tok *mt = m->mt;
    nn_tok pw;
    uint32_t pr = nn_prev_roles(sc, mt->s, &pw);
    bool mid = mt->s >= 4 && sc->s[mt->s - 1] == '-' && nn_prev_word(sc, mt->s - 1, &pw) &&
               (tok_word(sc, &pw, "mid") || tok_word(sc, &pw, "early") ||
                tok_word(sc, &pw, "late"));
    if (!(pr & NL_PREP) && !mid) {
        return false;
    }
    /* ("and" is a preposition of words.tsv, "May and June": a first name after it is asked
     * for only after a three-letter word) */
    if (!mid && pw.e - pw.s == 3 && mt->cap && name_place(sc, &pw)) {
        return false;
    }
    if (m->weak && nn_sentence_start(sc, mt->s)) {
        *out = mt->e;
        return true;
    }
    /* (the preposition before "early", "late" (cues.tsv band_part): "since early June" is a
     * past month) */
    nn_tok pp;
    const nn_tok *prep = (pr & NL_PREP) && !mid && nn_word_flag(sc, &pw, CUEF_BAND_PART) &&
                                 (nn_prev_roles(sc, pw.s, &pp) & NL_PREP)
                             ? &pp
                             : &pw;
    int year = nn_month_year_tense(sc, m->e->month, prep, mt->s, mt->e);
    *out = m->abbr && m->dot ? m->p : mt->e;
    nn_opt_rel_year(sc, out, &year); /* "in March last year" */
    nn_emit_date(sc, m->s0, *out, nn_date_text(sc, year, m->e->month, 0));
    return true;
}

/* A quotation mark (ASCII or opening curly) right before \p pos: a month that starts a
 * quotation starts a title or a coined term as often ("the song \"September\"", an "October
 * surprise"). */
static inline bool quote_before(const scan *sc, uint32_t pos)
{
    const unsigned char *u = (const unsigned char *)sc->s;
    return pos >= 1 && (u[pos - 1] == '"' ||
                        (pos >= 3 && u[pos - 3] == 0xE2 && u[pos - 2] == 0x80 && u[pos - 1] == 0x9C));
}

/* Where the blanks before \p pos start. */
static inline uint32_t skip_blanks_back(const scan *sc, uint32_t pos)
{
    while (pos > 0 && (sc->s[pos - 1] == ' ' || sc->s[pos - 1] == '\t')) {
        pos--;
    }
    return pos;
}

/* The year of the last date the field gave before \p s (a DATE of value "YYYY", "YYYY-MM",
 * "YYYY-MM-DD" or an interval from one), 0 when none. */
static int year_named_before(const scan *sc, uint32_t s)
{
    const nf_doc *doc = sc->doc;
    for (uint32_t k = doc->n_anns; k-- > 0;) {
        const nf_ann *a = &doc->anns[k];
        const char *v = a->value_text;
        if (a->field != sc->field || a->kind != NF_ANN_NUMBER || a->start >= s ||
            a->label[0] != 'D' || !v) {
            continue;
        }
        if (is_digit(v[0]) && is_digit(v[1]) && is_digit(v[2]) && is_digit(v[3]) &&
            (v[4] == '\0' || (v[4] == '-' && is_digit(v[5])) || v[4] == '/')) {
            return (v[0] - '0') * 1000 + (v[1] - '0') * 100 + (v[2] - '0') * 10 + (v[3] - '0');
        }
    }
    return 0;
}

/* The year "that" (cues.tsv anaphor) before a month alone points back to - the year of the
 * last date the text named ("The drought began in 2018. That September": 2018) - or 0. Only a
 * determiner: "That" opening a sentence (capitalised) or "that" after a preposition or "and"
 * ("by the end of that January"); after a verb it is a conjunction ("said that October was
 * wet"). Out of line: one flag look-up for the word before a month alone. */
static __attribute__((noinline, cold)) int that_year(scan *sc, const nn_tok *pw)
{
    if (!nn_word_flag(sc, pw, CUEF_ANAPHOR)) {
        return 0;
    }
    if (!pw->cap) {
        nn_tok pp;
        const nn_entry *pe;
        if (!nn_prev_word(sc, pw->s, &pp) || !(pe = nn_tok_entry(sc, &pp, 0)) || !(pe->roles & NL_PREP)) {
            return 0;
        }
    }
    return year_named_before(sc, pw->s);
}

/* alone: a capitalised month that no cue took, named alone: a subject ("November was the
 * warmest month"), an object ("as the campaign entered September"), before a noun ("the
 * October elections"), after "that" ("That September"); news annotation marks it a DATE. Its
 * year by the verbs as after a preposition (nn_month_year_tense, no preposition's side), or
 * after a determiner "that" the year of the date the text named before (that_year). A
 * month is also a name and a word, so not: a month that is also an English word ("May",
 * "March": Theresa May, "May I", "the March on Washington"), an abbreviation ("Aug"), one in
 * capitals (a heading); a capitalised word right after it (a first name before a surname,
 * "April Ryan"; an event, "the October Revolution") or right before it other than a
 * determiner, preposition or function word ("Cal June", "Black September"); a comma and a
 * digit after it (a name before an age, "June, 45,"); a quotation mark before it (a title or
 * a term: "September" the song, an "October surprise"); the place of a first name (name_place:
 * "told April", "Carlos and April"); a number right before it (a day the
 * month does not have, "31 April", that the day rules refused); a markup tag after it (in
 * unstripped HTML the date may go on past the tag, "April</a> 30"). */
static inline bool mo_alone(scan *sc, const monthat *m, uint32_t *out)
{
    const nn_tok *mt = m->mt;
    const nn_tok *t = &m->t;
    if (!mt->cap || (mt->tf & NN_TF_UPPER) || m->weak || m->abbr || m->s0 != mt->s ||
        (t->kind == TK_WORD && t->cap) || quote_before(sc, mt->s) ||
        (t->kind != TK_END && sc->s[t->s] == '<')) {
        return false;
    }
    bool comma_digit = tok_is(sc, t, ",") && t->ws == 0 && t->e + 1 < sc->n && is_digit(sc->s[t->e + 1]);
    uint32_t b = skip_blanks_back(sc, mt->s);
    if (b > 0 && sc->s[b - 1] == '>') {
        /* (a tag of unstripped HTML between a day and its month: "on 12 <a href=...>October";
         * an open '<' within 256 bytes, else no day is looked for) */
        uint32_t lim = b > 256 ? b - 256 : 0, k = b - 1;
        while (k > lim && sc->s[k - 1] != '<') {
            k--;
        }
        b = k > lim ? skip_blanks_back(sc, k - 1) : 0;
    }
    if (b > 0 && is_digit(sc->s[b - 1])) {
        return false;
    }
    nn_tok pw;
    int named = 0; /* the year a determiner "that" points back to */
    if (nn_prev_word(sc, mt->s, &pw)) {
        named = that_year(sc, &pw);
        if (named) {
            /* (no name: "That October, 300 workers" is no "June, 45,") */
        } else if (pw.cap) {
            const nn_entry *pe = nn_tok_entry(sc, &pw, 0);
            if (!pe || !(pe->roles & (NL_DET | NL_FUNC | NL_PREP | NL_RELMOD))) {
                return false;
            }
        } else if (name_place(sc, &pw)) {
            return false;
        }
    }
    if (comma_digit && !named) {
        return false; /* a name before an age, "June, 45," */
    }
    int year = named ? named : nn_month_year_tense(sc, m->e->month, NULL, mt->s, mt->e);
    *out = mt->e;
    nn_opt_rel_year(sc, out, &year); /* "November last year" */
    nn_emit_date(sc, m->s0, *out, nn_date_text(sc, year, m->e->month, 0));
    return true;
}

/* The month rules, in the order nn_try_month asks them: X(name, doc). */
#define NN_MONTH_LIST(X)                                                                           \
    X(interval, "\"January-October 2024\", \"the September quarter\": months")                     \
    X(lower_word, "lower-case \"may\", \"march\", \"jan\" before no day or year: a word")           \
    X(day, "\"November 28\", \"Nov. 3\", \"March 3-5\", \"October, 1st\", \"Oct-2\": a day")        \
    X(year, "\"March 2024\", \"March of 2024\": a month of a year")                                 \
    X(lower_alone, "\"in may\", \"since jan\" in lower case, alone: a word")                       \
    X(relative, "\"last March\", \"next January\": counted from publication")                      \
    X(after_prep, "\"in November\", \"mid-January\": the year inferred from publication") \
    X(alone, "\"November was\", \"the October elections\": a capitalised month alone")

#define NN_MONTH_ENUM(name, doc) NN_MONTH_##name,
NN_RULE_LIST_NAMES(NN_MONTH_LIST, NN_MONTH_ENUM, NN_N_MONTH, nn_month_names)
#undef NN_MONTH_ENUM


/* Month names: "November 28", "Nov. 3", "November 28, 2023", "March 2024", "March 3-5",
 * "in November", "last March" (the month rules). \p s0: where the mention starts (a weekday
 * or "last" before). */
uint32_t nn_try_month(scan *sc, const nn_tok *mt, const nn_entry *e, uint32_t s0, int rel)
{
    monthat m;
    m.mt = mt;
    m.e = e;
    m.s0 = s0;
    m.rel = rel;
    m.p = mt->e;
    m.abbr = (e->cal_flags & CAL_ABBR) != 0;
    m.weak = (e->cal_flags & CAL_WEAK) != 0;
    m.dot = false;
    if (m.abbr && m.p < sc->n && sc->s[m.p] == '.') {
        m.p++;
        m.dot = true;
    }
    if (!m.abbr && m.p < sc->n && sc->s[m.p] == '.' && m.p + 1 < sc->n && sc->s[m.p + 1] == ' ') {
        /* "October. 2" (seen in transcripts); the '.' may also end the sentence, so only
         * when a day follows right away. */
        int d;
        uint32_t de;
        nn_tok dt;
        tok(sc, m.p + 1, &dt);
        if (dt.kind == TK_DIGITS && nn_read_day(sc, m.p + 1, &d, &de)) {
            m.p++;
        }
    }
    tok(sc, m.p, &m.t);
    uint32_t out = 0;
    /* Called directly in table order, like on_word's rules (no loop of indirect calls). */
#define NN_MONTH_ASK(name, doc)                                                                    \
    if (mo_##name(sc, &m, &out)) {                                                                \
        return nn_count(sc, sc->ctx->n_month_at, NN_MONTH_##name, out);                            \
    }
    NN_MONTH_LIST(NN_MONTH_ASK)
#undef NN_MONTH_ASK
    return mt->e;
}

/* A weekday without a date, resolved from the publication date: "on Thursday" (the verbs
 * decide past or future: nn_tense_at), "last Friday", "next Monday", "this Friday", "Friday
 * next week". \p p: the end of the weekday; \p rel: -1 last, 0 this, 1 next, -2 none. */
static uint32_t weekday_relative(scan *sc, const nn_tok *wt, const nn_entry *e, uint32_t s0,
                                 uint32_t p, int rel)
{
    bool ref = !nn_have_pub(sc); /* unanchored: a value relative to "REF" */
    int64_t pub = ref ? 0 : nn_days_from_civil(sc->py, (unsigned)sc->pm, (unsigned)sc->pd);
    int pwd = nn_weekday_of(pub);
    int64_t day;
    /* "Friday next week", "Tuesday of last week": that weekday of that ISO week */
    if (rel == -2) {
        nn_tok a, b, c;
        tok(sc, p, &a);
        uint32_t q2 = p;
        if (tok_word(sc, &a, "of")) {
            q2 = a.e;
            tok(sc, q2, &a);
        }
        /* (the token after "next" is cut only after one: most weekdays have none) */
        const nn_entry *ae = a.ws == 1 ? nn_tok_entry(sc, &a, 0) : NULL;
        bool rel_week = false;
        if (ae && (ae->roles & NL_RELMOD) && ae->rel >= -1) {
            tok(sc, a.e, &b);
            rel_week = b.ws == 1 && tok_word(sc, &b, "week") &&
                       (tok_word(sc, &a, "next") || tok_word(sc, &a, "last") ||
                        tok_word(sc, &a, "this"));
        }
        if (rel_week) {
            tok(sc, b.e, &c);
            if (ref) {
                nn_emit_date(sc, s0, b.e, nn_ref_text(sc, ae->rel, 'W', e->weekday));
                return b.e;
            }
            day = pub - (pwd - 1) + 7 * ae->rel + (e->weekday - 1);
            int y, m, d;
            nn_civil_from_days(day, &y, &m, &d);
            nn_emit_date(sc, s0, b.e, nn_date_text(sc, y, m, d));
            (void)q2;
            return b.e;
        }
    }
    /* A bare weekday is the most recent one (today included) unless the verbs point ahead. */
    bool back_in_time = rel == -1 || (rel == -2 && nn_tense_at_weekday(sc, wt->s, p) <= 0);
    if (ref) {
        const char *v = rel == 0       ? nn_ref_text(sc, 0, 'W', e->weekday)
                        : back_in_time ? nn_ref_weekday(sc, rel == -1 ? "<" : "<=", e->weekday)
                                       : nn_ref_weekday(sc, ">", e->weekday);
        nn_emit_date(sc, s0, p, v);
        return p;
    }
    if (back_in_time) {
        int back = (pwd - e->weekday + 7) % 7;
        if (rel == -1 && back == 0) {
            back = 7;
        }
        day = pub - back;
    } else if (rel == 1 || rel == -2) {
        int fwd = (e->weekday - pwd + 7) % 7;
        if (fwd == 0) {
            fwd = 7;
        }
        day = pub + fwd;
    } else {
        /* "this Friday": the one in the publication week (ISO weeks start on Monday); in a
         * past-tense sentence the one just gone when that one is still to come ("This Sunday,
         * the inventor crossed the Channel" in a Tuesday story), as "this weekend" */
        day = pub - (pwd - 1) + (e->weekday - 1);
        if (day > pub && nn_tense_at_weekday(sc, s0, p) < 0) {
            day -= 7;
        }
    }
    int y, m, d;
    nn_civil_from_days(day, &y, &m, &d);
    nn_emit_date(sc, s0, p, nn_date_text(sc, y, m, d));
    return p;
}

/* ---- Weekdays ----------------------------------------------------------------------------
 *
 * nn_try_weekday is asked at a weekday name (from on_word, or after "last/this/next"). Its
 * rules (NN_WEEKDAY_LIST, in order) read what follows it; the first that decides ends it (its
 * --stats counter "wk_NAME" counts it): a date, a date left to another reader, or no date. */

/* What the weekday rules share about the weekday \p wt (lexicon entry \p e). */
typedef struct weekat {
    const nn_tok *wt;
    const nn_entry *e;
    uint32_t s0; /* where the mention starts ("last" before it) */
    int rel;     /* -1 last, 0 this, 1 next, -2 none */
    uint32_t p;  /* after the weekday and its dot ("Fri.") */
    bool abbr;   /* an abbreviation: "Fri", "wed" */
    nn_tok t;    /* the token after it (and after a comma: "Monday, June 3") */
} weekat;

/* lower_abbr: "wed", "sun", "sat" in lower case are words unless a comma follows ("tue, may
 * 3"): no date. */
static inline bool wk_lower_abbr(scan *sc, const weekat *w, uint32_t *out)
{
    const nn_tok *wt = w->wt;
    if (w->abbr && !wt->cap && !(wt->e < sc->n && sc->s[wt->e] == ',')) {
        *out = wt->e;
        return true;
    }
    return false;
}

/* with_month: "Monday, November 28", "Tue, May 3, 2022": the month's date (the month rules),
 * the weekday included. */
static inline bool wk_with_month(scan *sc, const weekat *w, uint32_t *out)
{
    const nn_tok *t = &w->t;
    if (t->kind == TK_WORD && t->ws != 2) {
        const nn_entry *me = nn_tok_entry(sc, t, 0);
        if (me && (me->roles & NL_MONTH)) {
            uint32_t before = sc->last_end;
            *out = nn_try_month(sc, t, me, w->s0, -2);
            return sc->last_end != before;
        }
    }
    return false;
}

/* The date of day \p d written with weekday w, [w->s0, de): that day in the month around the
 * publication date that falls on that weekday (else the publication month, when it has that
 * day; else, and without published_at, "XXXX-XX-31": never an impossible date). */
static uint32_t weekday_and_day(scan *sc, const weekat *w, int d, uint32_t de)
{
    int y = 0, m = 0;
    if (nn_have_pub(sc)) {
        bool has = d <= nn_days_in_month(sc->py, sc->pm);
        y = has ? sc->py : 0;
        m = has ? sc->pm : 0;
        for (int k = 0; k <= 2; k++) { /* this month, the one before, the one after */
            int dm = k == 0 ? 0 : k == 1 ? -1 : 1;
            int64_t mm = (int64_t)sc->py * 12 + (sc->pm - 1) + dm;
            int yy = (int)(mm / 12), mo = (int)(mm % 12) + 1;
            if (d <= nn_days_in_month(yy, mo) &&
                nn_weekday_of(nn_days_from_civil(yy, (unsigned)mo, (unsigned)d)) ==
                    w->e->weekday) {
                y = yy;
                m = mo;
                break;
            }
        }
    }
    const char *v = m ? nn_date_text(sc, y, m, d) : nn_arena_printf(sc, "XXXX-XX-%02d", d);
    nn_emit_date(sc, w->s0, de, v);
    return de;
}

/* the_day: "Friday the 13th", "Thursday the twenty first" (weekday_and_day), not before a
 * lower-case noun or adjective ("on Friday the second presidential debate": the weekday, then
 * the noun's ordinal); with "of" and a
 * month after the day ("Friday the 14th of June") the date is the ordinal rules' (rule
 * ordinal_date takes the weekday in), as day_first leaves "Monday, 28th of November". */
static inline bool wk_the_day(scan *sc, const weekat *w, uint32_t *out)
{
    const nn_tok *t = &w->t;
    int d;
    uint32_t de;
    if (!tok_word(sc, t, "the") || t->ws != 1 || w->abbr || !nn_read_day(sc, t->e, &d, &de)) {
        return false;
    }
    nn_tok of, mo;
    tok(sc, de, &of);
    if (of.kind == TK_WORD && of.ws == 1 && !of.cap && !tok_word(sc, &of, "of") &&
        !nn_grammar_word(sc, &of)) {
        return false; /* "on Friday the second presidential debate": the noun's ordinal */
    }
    if (tok_word(sc, &of, "of") && of.ws == 1) {
        tok(sc, of.e, &mo);
        const nn_entry *me = mo.ws == 1 ? nn_tok_entry(sc, &mo, 0) : NULL;
        if (me && (me->roles & NL_MONTH)) {
            *out = w->p;
            return true;
        }
    }
    *out = weekday_and_day(sc, w, d, de);
    return true;
}

/* numeric_md: "Friday 7/6", "on friday 7.6", "Friday 7-6", "Tue. 11/15": the weekday makes
 * month and day with digits a date (not before a scale, unit, percent, currency or duration:
 * "7/6 of"; an abbreviation only with its capital). */
static inline bool wk_numeric_md(scan *sc, const weekat *w, uint32_t *out)
{
    const nn_tok *t = &w->t;
    if (t->kind != TK_DIGITS || t->ws == 2 || t->e - t->s > 2 || (w->abbr && !w->wt->cap)) {
        return false;
    }
    int mo, d;
    bool amb;
    uint32_t me = nn_numeric_md(sc, t->s, &mo, &d, &amb);
    if (!me) {
        return false;
    }
    nn_tok nx;
    tok(sc, me, &nx);
    const nn_entry *ne = nn_tok_entry(sc, &nx, 0);
    if (ne && (ne->roles & (NL_SCALE | NL_UNIT | NL_PCT | NL_CUR | NL_DUR))) {
        return false;
    }
    int y = nn_infer_year_tense(sc, mo, d, t->s, me);
    if (y && d > nn_days_in_month(y, mo)) {
        y = 0;
    }
    nn_emit_date(sc, w->s0, me, nn_date_text(sc, y, mo, d));
    *out = me;
    return true;
}

/* day_first: "Monday, 28 November 2023", "Monday, 28th of November": the day-first parser
 * reads it from the digits and takes the weekday in (weekday_before); left alone here. */
static inline bool wk_day_first(scan *sc, const weekat *w, uint32_t *out)
{
    const nn_tok *t = &w->t;
    if (t->kind != TK_DIGITS || t->ws == 2 || t->e - t->s > 2) {
        return false;
    }
    nn_tok x;
    tok(sc, t->e, &x);
    if (tok_is(sc, &x, ".") && x.ws == 0) {
        tok(sc, x.e, &x); /* "Monday, 28. November" */
    }
    if (x.kind == TK_WORD && nn_is_ord_suffix(sc, &x)) {
        tok(sc, x.e, &x);
    }
    if (tok_word(sc, &x, "of")) {
        tok(sc, x.e, &x);
    }
    const nn_entry *me = nn_tok_entry(sc, &x, 0);
    if (me && (me->roles & NL_MONTH)) {
        *out = w->p;
        return true;
    }
    return false;
}

/* day_ordinal: "Sunday 21st", "on Tuesday 3rd": the day with its ordinal suffix right after
 * the weekday (no month after it: day_first) is "the 21st" (weekday_and_day). A bare number
 * stays apart ("Sunday 21" may be a score or a count). */
static inline bool wk_day_ordinal(scan *sc, const weekat *w, uint32_t *out)
{
    const nn_tok *t = &w->t;
    int d;
    uint32_t de;
    if (t->kind != TK_DIGITS || t->ws != 1 || w->abbr || t->e >= sc->n ||
        !is_alpha(sc->s[t->e]) || !nn_read_day(sc, t->s, &d, &de)) {
        return false;
    }
    *out = weekday_and_day(sc, w, d, de);
    return true;
}

/* bracket: "Friday (June 14)", "this friday (jun-14)", "Friday (6/14)", "Thursday (13 June)":
 * the date in brackets right after the weekday names its day; one DATE, the brackets included,
 * valued by the written date (with_month, numeric_md, or the day-first parser: day_first).
 * Other words in brackets ("Monday (local time)", "(up 2%)") leave the weekday alone. */
static inline bool wk_bracket(scan *sc, const weekat *w, uint32_t *out)
{
    if (!tok_is(sc, &w->t, "(") || w->t.ws == 2) {
        return false;
    }
    weekat b = *w;
    tok(sc, w->t.e, &b.t);
    if (b.t.ws != 0) {
        return false;
    }
    uint32_t before = sc->last_end;
    if (wk_with_month(sc, &b, out) || wk_numeric_md(sc, &b, out)) {
        uint32_t e = nn_close_bracket(sc, w->s0, *out);
        if (sc->last_end == *out && e != *out && sc->doc->n_anns &&
            sc->doc->anns[sc->doc->n_anns - 1].start == w->s0) {
            sc->doc->anns[sc->doc->n_anns - 1].end = e; /* the ")" of the date just read */
            sc->last_end = e;
            *out = e;
        }
        return true;
    }
    return sc->last_end == before && wk_day_first(sc, &b, out);
}

/* The end of "after next" (\p dir 1) or "before last" (\p dir -1: "the week before last", the
 * mirror) at \p p when "next"/"last" ends the phrase (punctuation, the line's end, a
 * preposition, function word or determiner, or a verb of tense.tsv after it: "the week after
 * next, ...", "after next in Geneva", "the Friday before last was"; not a period or a day, as
 * in "after next year's vote", where "next year" is the date); 0 when not. */
static uint32_t after_next_at(const scan *sc, uint32_t p, int dir)
{
    nn_tok a, b, c;
    tok(sc, p, &a);
    if (a.ws != 1 || !(dir > 0 ? tok_word(sc, &a, "after") : tok_word(sc, &a, "before"))) {
        return 0;
    }
    tok(sc, a.e, &b);
    if (b.ws != 1 || !(dir > 0 ? tok_word(sc, &b, "next") : tok_word(sc, &b, "last"))) {
        return 0;
    }
    tok(sc, b.e, &c);
    const nn_entry *ce = c.kind == TK_WORD && c.ws != 2 ? nn_tok_entry(sc, &c, 0) : NULL;
    int cue = c.kind == TK_WORD && c.e - c.s <= 255 ? nn_cue_of(sc->lx, sc->s + c.s, c.e - c.s) : 0;
    bool verb = cue >= CUE_FUTURE && cue <= CUE_AUX && !(ce && (ce->roles & NL_DUR));
    if (c.kind == TK_WORD && c.ws != 2 && !verb &&
        (!(ce && (ce->roles & (NL_PREP | NL_FUNC | NL_DET))) ||
         (ce->roles & (NL_DUR | NL_MONTH | NL_WEEKDAY)))) {
        return 0;
    }
    return b.e;
}

/* The start of a "the" right before \p s that no earlier mention took, else \p s. */
static uint32_t with_the(const scan *sc, uint32_t s)
{
    nn_tok t;
    return nn_prev_word(sc, s, &t) && tok_word(sc, &t, "the") && t.s >= sc->last_end ? t.s : s;
}

/* after_next: "the Monday after next" is a week after "next Monday" (from a Wednesday, 2024-06-12:
 * 2024-06-24), "the Monday before last" a week before "last Monday" (2024-06-03); without
 * published_at no date (the REF values have no form for it, and a DATE always has a value):
 * the words are passed over. Out of line and cold: rare. */
static __attribute__((noinline, cold)) bool wk_after_next_cold(scan *sc, const weekat *w,
                                                                uint32_t *out)
{
    int dir = tok_word(sc, &w->t, "after") ? 1 : -1;
    uint32_t e = after_next_at(sc, w->p, dir);
    if (!e) {
        return false;
    }
    if (nn_have_pub(sc)) {
        int64_t pub = nn_days_from_civil(sc->py, (unsigned)sc->pm, (unsigned)sc->pd);
        int ahead = (dir * (w->e->weekday - nn_weekday_of(pub)) + 7) % 7;
        int64_t day = pub + dir * ((ahead ? ahead : 7) + 7);
        int y, m, d;
        nn_civil_from_days(day, &y, &m, &d);
        nn_emit_date(sc, with_the(sc, w->s0), e, nn_date_text(sc, y, m, d));
    }
    *out = e;
    return true;
}

static inline bool wk_after_next(scan *sc, const weekat *w, uint32_t *out)
{
    return w->rel == -2 && !w->abbr && sc->ctx->relative_dates && w->t.ws == 1 &&
           (tok_word(sc, &w->t, "after") || tok_word(sc, &w->t, "before")) &&
           wk_after_next_cold(sc, w, out);
}

/* abbr_prep: a capitalised abbreviation alone after a preposition of time ("on Tues.", "by
 * Thurs", "until Fri": cues.tsv day_prep but "of", and the time_after words) is the weekday,
 * as "on Tuesday". "Mon", "Wed", "Sat", "Sun" are also names and words ("Sun TV", "Wed
 * Street"): only with their dot; without a dot no capitalised word may follow ("on Thu
 * Nguyen"). The dot stays out of the span (at a sentence end it is the sentence's). Out of
 * line and cold: rare. */
static __attribute__((noinline, cold)) bool wk_abbr_prep_cold(scan *sc, const weekat *w,
                                                               uint32_t *out)
{
    const nn_tok *wt = w->wt;
    char c0 = lower(sc->s[wt->s]);
    bool dot = wt->e < sc->n && sc->s[wt->e] == '.';
    bool plain = c0 == 't' || c0 == 'f'; /* Tue(s), Thu(r)(s), Fri: no other reading */
    if (!dot && (!plain || (w->t.kind == TK_WORD && w->t.cap && w->t.ws == 1))) {
        return false;
    }
    nn_tok pw;
    if (!nn_prev_word(sc, wt->s, &pw) || pw.s < sc->last_end || tok_word(sc, &pw, "of")) {
        return false;
    }
    int cue = nn_cue_of(sc->lx, sc->s + pw.s, pw.e - pw.s);
    if (cue != CUE_DAY_PREP && cue != CUE_TIME_AFTER) {
        return false;
    }
    *out = weekday_relative(sc, wt, w->e, w->s0, wt->e, -2);
    return true;
}

static inline bool wk_abbr_prep(scan *sc, const weekat *w, uint32_t *out)
{
    return w->abbr && w->rel == -2 && w->wt->cap && sc->ctx->relative_dates &&
           wk_abbr_prep_cold(sc, w, out);
}

/* no_relative: an abbreviation with no date after it ("Fri"), or relative dates off: no date. */
static inline bool wk_no_relative(scan *sc, const weekat *w, uint32_t *out)
{
    if (w->abbr || !sc->ctx->relative_dates) {
        *out = w->p;
        return true;
    }
    return false;
}

/* relative: "on Thursday", "last Friday", "next Monday", "Friday next week": resolved from
 * published_at (weekday_relative). */
static inline bool wk_relative(scan *sc, const weekat *w, uint32_t *out)
{
    *out = weekday_relative(sc, w->wt, w->e, w->s0, w->p, w->rel);
    return true;
}

/* The weekday rules, in the order nn_try_weekday asks them: X(name, doc). */
#define NN_WEEKDAY_LIST(X)                                                                         \
    X(lower_abbr, "lower-case \"wed\", \"sun\", \"sat\" with no comma after: a word")              \
    X(bracket, "\"Friday (June 14)\", \"Thursday (13 June)\": the date in brackets, one DATE")      \
    X(with_month, "\"Monday, November 28\": the month's date, the weekday included")               \
    X(the_day, "\"Friday the 13th\": that day in the month around publication")                    \
    X(numeric_md, "\"Friday 7/6\", \"on friday 7.6\": month and day with digits")                  \
    X(day_first, "\"Monday, 28 November 2023\": left to the day-first parser")                     \
    X(day_ordinal, "\"Sunday 21st\": the day with its suffix, as \"Sunday the 21st\"")               \
    X(after_next, "\"the Monday after next\", \"the Monday before last\": a week from next/last") \
    X(abbr_prep, "\"on Tues.\", \"by Thurs\": an abbreviation after a preposition of time")        \
    X(no_relative, "\"Fri\" alone, or relative dates off: no date")                                \
    X(relative, "\"on Thursday\", \"last Friday\", \"Friday next week\": from publication")

#define NN_WEEKDAY_ENUM(name, doc) NN_WEEKDAY_##name,
NN_RULE_LIST_NAMES(NN_WEEKDAY_LIST, NN_WEEKDAY_ENUM, NN_N_WEEKDAY, nn_weekday_names)
#undef NN_WEEKDAY_ENUM


/* Weekdays: "Monday, November 28" (the date), "on Monday" (resolved from published_at when
 * relative dates are on: weekday_relative), "last Monday", "next Friday" (the weekday rules). */
uint32_t nn_try_weekday(scan *sc, const nn_tok *wt, const nn_entry *e, uint32_t s0, int rel)
{
    weekat w;
    w.wt = wt;
    w.e = e;
    w.s0 = s0;
    w.rel = rel;
    w.abbr = (e->cal_flags & CAL_ABBR) != 0;
    w.p = wt->e;
    uint32_t out = 0;
    if (wk_lower_abbr(sc, &w, &out)) {
        return nn_count(sc, sc->ctx->n_weekday_at, NN_WEEKDAY_lower_abbr, out);
    }
    if (w.abbr && w.p < sc->n && sc->s[w.p] == '.') {
        w.p++;
    }
    tok(sc, w.p, &w.t);
    if (tok_is(sc, &w.t, ",")) {
        tok(sc, w.t.e, &w.t);
    }
    /* Called directly in table order, like the month rules (no loop of indirect calls);
     * lower_abbr, asked above, reads only the weekday. */
#define NN_WEEKDAY_ASK(name, doc)                                                                  \
    if (NN_WEEKDAY_##name != NN_WEEKDAY_lower_abbr && wk_##name(sc, &w, &out)) {                   \
        return nn_count(sc, sc->ctx->n_weekday_at, NN_WEEKDAY_##name, out);                        \
    }
    NN_WEEKDAY_LIST(NN_WEEKDAY_ASK)
#undef NN_WEEKDAY_ASK
    return out; /* (not reached: relative always decides) */
}

/* "the week after next", "the month after next", "the year after next" (read at "next", looking
 * back): the second week, month or year after the publication's; "the week before last" (read
 * at "last"), the second before it; without published_at REF+P2W, REF-P2M, .... @returns the
 * end or 0. Out of line and cold: rare. */
static __attribute__((noinline, cold)) uint32_t period_after_next(scan *sc, const nn_tok *rt)
{
    nn_tok a, u;
    int dir = tok_word(sc, rt, "next") ? 1 : -1;
    if (!sc->ctx->relative_dates || !nn_prev_word(sc, rt->s, &a) ||
        !(dir > 0 ? tok_word(sc, &a, "after") : tok_word(sc, &a, "before")) || !nn_prev_word(sc, a.s, &u) ||
        u.s < sc->last_end) {
        return 0;
    }
    char unit = tok_word(sc, &u, "week") ? 'W' : tok_word(sc, &u, "month") ? 'M'
                : tok_word(sc, &u, "year")                                 ? 'Y'
                                                                           : 0;
    uint32_t e = unit ? after_next_at(sc, u.e, dir) : 0;
    if (!e) {
        return 0;
    }
    const char *v;
    if (!nn_have_pub(sc)) {
        v = nn_ref_text(sc, 2 * dir, unit, 0);
    } else if (unit == 'Y') {
        v = nn_date_text(sc, sc->py + 2 * dir, 0, 0);
    } else if (unit == 'M') {
        int64_t mm = (int64_t)sc->py * 12 + (sc->pm - 1) + 2 * dir;
        v = nn_date_text(sc, (int)(mm / 12), (int)(mm % 12) + 1, 0);
    } else {
        int wy, wn;
        nn_iso_week(nn_days_from_civil(sc->py, (unsigned)sc->pm, (unsigned)sc->pd) + 14 * dir, &wy,
                    &wn);
        v = nn_arena_printf(sc, "%04d-W%02d", wy, wn);
    }
    nn_emit_date(sc, with_the(sc, u.s), e, v);
    return e;
}

/* "last year", "this month", "next week", "last Monday", "last March". */
uint32_t nn_try_relmod(scan *sc, const nn_tok *rt, const nn_entry *e)
{
    /* "the week after next": "next" after "after " (two bytes tested first: rare) */
    uint32_t ae;
    if (rt->s >= 2 && sc->s[rt->s - 1] == ' ' &&
        (lower(sc->s[rt->s - 2]) == 'r' ||
         (rt->s >= 3 && lower(sc->s[rt->s - 2]) == 'e' && lower(sc->s[rt->s - 3]) == 'r')) &&
        (ae = period_after_next(sc, rt)) != 0) {
        return ae; /* (also "the week before last": "last" after "before ") */
    }
    /* Every reading below needs a month, weekday or unit of time after the word ("week" is a
     * duration of calendar.tsv): "this is", "last time" end here without the token. */
    if (nn_word_after_idle(sc, rt->e)) {
        return rt->e;
    }
    nn_tok t;
    tok(sc, rt->e, &t);
    if (t.kind != TK_WORD || t.ws != 1) {
        return rt->e;
    }
    const nn_entry *te = nn_tok_entry(sc, &t, 0);
    if (!te) {
        return rt->e;
    }
    /* "the next year", "the previous month" after a date of the story: the period next to it
     * (nn_try_relday); without one "the next year" reads as "next year" */
    nn_tok tw0;
    uint32_t rd;
    if ((te->roles & NL_RELUNIT) && (e->roles & NL_DAYSIDE) && nn_prev_word(sc, rt->s, &tw0) &&
        tok_word(sc, &tw0, "the") && (rd = nn_try_relday(sc, &t)) != 0) {
        return rd;
    }
    bool lmn = tok_word(sc, rt, "last") || tok_word(sc, rt, "this") || tok_word(sc, rt, "next");
    if ((te->roles & NL_MONTH) && lmn && (t.cap || !(te->cal_flags & (CAL_WEAK | CAL_ABBR)))) {
        return nn_try_month(sc, &t, te, rt->s, e->rel);
    }
    if ((te->roles & NL_MONTH) && !lmn && e->rel != 0 &&
        (t.cap || !(te->cal_flags & (CAL_WEAK | CAL_ABBR)))) {
        /* "this past August", "this coming March": a relmod word of words.tsv after "this",
         * the "this" in the span, as for weekdays below (without "this", "the past August" is
         * not read) */
        nn_tok tw;
        if (nn_prev_word(sc, rt->s, &tw) && tok_word(sc, &tw, "this") && tw.s >= sc->last_end) {
            return nn_try_month(sc, &t, te, tw.s, e->rel);
        }
    }
    uint32_t lw;
    if ((te->roles & NL_WEEKDAY) && (lw = nn_last_weekday(sc, rt)) != 0) {
        return lw;
    }
    if ((te->roles & NL_WEEKDAY) && (lmn || e->rel != 0) && !(te->cal_flags & CAL_ABBR)) {
        /* (also "past Monday", "previous Friday", "coming Sunday": relmod words of words.tsv;
         * "this past Friday", "this coming Sunday" with the "this") */
        nn_tok tw;
        if (!lmn && nn_prev_word(sc, rt->s, &tw) && tok_word(sc, &tw, "this") &&
            tw.s >= sc->last_end) {
            return nn_try_weekday(sc, &t, te, tw.s, e->rel);
        }
        return nn_try_weekday(sc, &t, te, rt->s, e->rel);
    }
    if (tok_word(sc, &t, "week") && lmn && sc->ctx->relative_dates) {
        /* "next week Sunday", "this week on Saturday", "next week's Monday" (the possessive:
         * that weekday of that week, as "Monday next week"; before any other word, "next
         * week's meeting", the week alone below) */
        nn_tok w;
        uint32_t ap = nn_apostrophe_s_end(sc, t.e);
        tok(sc, ap ? ap : t.e, &w);
        if (!ap && tok_word(sc, &w, "on") && w.ws == 1) {
            nn_tok o;
            tok(sc, w.e, &o);
            const nn_entry *oe = nn_tok_entry(sc, &o, 0);
            if (o.ws == 1 && oe && (oe->roles & NL_WEEKDAY)) {
                w = o;
            }
        }
        const nn_entry *we = nn_tok_entry(sc, &w, 0);
        if (w.ws == 1 && we && (we->roles & NL_WEEKDAY) && !(we->cal_flags & CAL_ABBR) &&
            nn_unanchored(sc)) {
            nn_emit_date(sc, rt->s, w.e, nn_ref_text(sc, e->rel, 'W', we->weekday));
            return w.e;
        }
        if (w.ws == 1 && we && (we->roles & NL_WEEKDAY) && !(we->cal_flags & CAL_ABBR)) {
            int64_t pub = nn_days_from_civil(sc->py, (unsigned)sc->pm, (unsigned)sc->pd);
            int64_t day = pub - (nn_weekday_of(pub) - 1) + 7 * e->rel + (we->weekday - 1);
            int y, m, d;
            nn_civil_from_days(day, &y, &m, &d);
            nn_emit_date(sc, rt->s, w.e, nn_date_text(sc, y, m, d));
            return w.e;
        }
    }
    if (!(te->roles & NL_DUR) || !lmn || !sc->ctx->relative_dates ||
        (t.e < sc->n && is_alpha(sc->s[t.e]))) {
        return rt->e;
    }
    int rel = e->rel;
    const char *v = NULL;
    if (!nn_have_pub(sc)) {
        char u = tok_word(sc, &t, "year") ? 'Y' : tok_word(sc, &t, "month") ? 'M'
                 : tok_word(sc, &t, "week")                                 ? 'W'
                                                                            : 0;
        if (u) {
            nn_emit_date(sc, rt->s, t.e, nn_ref_text(sc, rel, u, 0));
            return t.e;
        }
        return rt->e;
    }
    int64_t pub = nn_days_from_civil(sc->py, (unsigned)sc->pm, (unsigned)sc->pd);
    if (tok_word(sc, &t, "year")) {
        v = nn_date_text(sc, sc->py + rel, 0, 0);
    } else if (tok_word(sc, &t, "month")) {
        int64_t mm = (int64_t)sc->py * 12 + (sc->pm - 1) + rel;
        v = nn_date_text(sc, (int)(mm / 12), (int)(mm % 12) + 1, 0);
    } else if (tok_word(sc, &t, "week")) {
        int wy, wn;
        nn_iso_week(pub + 7 * rel, &wy, &wn);
        v = nn_arena_printf(sc, "%04d-W%02d", wy, wn);
    }
    if (!v) {
        return rt->e;
    }
    nn_emit_date(sc, rt->s, t.e, v);
    return t.e;
}

/* The offset from publication of the period named by \p a (entry \p ae) before "month" or
 * "year": "last" -1, "this" 0, "next" 1, and "the" 0 ("the last day of the month", "the first
 * Friday of the year": the publication's, as "the second half of the year"); NO_REL for any
 * other word. The caller checks that "month" or "year" follows. */
#define NO_REL 99
static int period_rel(const scan *sc, const nn_tok *a, const nn_entry *ae)
{
    if (ae && (ae->roles & NL_RELMOD) && ae->rel >= -1 && ae->rel <= 1) {
        return ae->rel;
    }
    return a->kind == TK_WORD && a->ws == 1 && tok_word(sc, a, "the") ? 0 : NO_REL;
}

static uint32_t nth_weekday_at(scan *sc, int n, uint32_t wpos, uint32_t ms);

/* "from now", "from today" starting at \p a (the token after a count or a weekday), one blank
 * before each word: the end of "now"/"today", or 0. */
static uint32_t from_now_end(const scan *sc, const nn_tok *a)
{
    nn_tok b;
    if (!tok_word(sc, a, "from") || a->ws != 1) {
        return 0;
    }
    tok(sc, a->e, &b);
    if (b.ws != 1 || !(tok_word(sc, &b, "now") || tok_word(sc, &b, "today")) ||
        (b.e < sc->n && is_alpha(sc->s[b.e]))) {
        return 0;
    }
    return b.e;
}

/* "the third Friday from now" (\p n 3, \p wd 5; [\p s, \p e)): the Nth such weekday after
 * publication, the publication day not counted (as "three Fridays from now"); without
 * published_at nothing (no REF form counts weekdays). @returns \p e. */
static uint32_t nth_weekday_from_now(scan *sc, int n, int wd, uint32_t s, uint32_t e)
{
    if (!sc->ctx->relative_dates || !nn_have_pub(sc)) {
        return e;
    }
    int64_t base = nn_days_from_civil(sc->py, (unsigned)sc->pm, (unsigned)sc->pd);
    int delta = (wd - nn_weekday_of(base) + 7) % 7;
    int64_t day = base + (delta ? delta : 7) + 7 * (int64_t)(n - 1);
    int y, m, d;
    nn_civil_from_days(day, &y, &m, &d);
    nn_emit_date(sc, nn_with_the(sc, s), e, nn_date_text(sc, y, m, d));
    return e;
}

/* The day of month of the \p n-th (1..5; -1: the last) weekday \p wd (1 = Monday) of \p month
 * of \p year (past the month's end for a fifth one it does not have). */
static int nth_weekday_day(int year, int month, int n, int wd)
{
    if (n < 0) {
        int dl = nn_days_in_month(year, month);
        int wl = nn_weekday_of(nn_days_from_civil(year, (unsigned)month, (unsigned)dl));
        return dl - (wl - wd + 7) % 7;
    }
    int w0 = nn_weekday_of(nn_days_from_civil(year, (unsigned)month, 1));
    return 1 + (wd - w0 + 7) % 7 + 7 * (n - 1);
}

/* "the first Friday of July", "the third Wednesday of next month", "second Sunday" (of the
 * publication month): the Nth such weekday of that month. Needs published_at for the year
 * (or the month); without it nothing is annotated (a relative date). @returns the end or 0. */
uint32_t nn_nth_weekday(scan *sc, const nexpr *x, uint32_t ms)
{
    if (!x->v.ok || x->v.den != 1 || x->v.e != 0 || x->v.m < 1 || x->v.m > 5) {
        return 0;
    }
    return nth_weekday_at(sc, (int)x->v.m, x->e, ms);
}

/* "the last Friday of May", "the last Monday of next month": the last such weekday of the
 * month; only with the month written ("the last Friday" alone is the most recent one).
 * @returns the end or 0. */
uint32_t nn_last_weekday(scan *sc, const nn_tok *last)
{
    nn_tok pw;
    if (!tok_word(sc, last, "last") || !nn_prev_word(sc, last->s, &pw) ||
        !tok_word(sc, &pw, "the") || pw.s < sc->last_end) {
        return 0;
    }
    return nth_weekday_at(sc, -1, last->e, last->s);
}

/* The \p n-th (1..5; -1: the last) weekday written at \p wpos, of the month after it (or of
 * the publication month when n > 0 and none is written); the mention starts at \p ms (or at
 * "the" before it). */
static uint32_t nth_weekday_at(scan *sc, int n, uint32_t wpos, uint32_t ms)
{
    nn_tok w, o, a, b;
    tok(sc, wpos, &w);
    const nn_entry *we = nn_tok_entry(sc, &w, 0);
    if (w.ws != 1 || !we || !(we->roles & NL_WEEKDAY) || (we->cal_flags & CAL_ABBR) ||
        (w.e < sc->n && is_alpha(sc->s[w.e]))) {
        return 0;
    }
    uint32_t end = w.e;
    int month = 0, year = 0;
    int rel = NO_REL, yrel = NO_REL;
    tok(sc, w.e, &o);
    if ((tok_word(sc, &o, "of") || tok_word(sc, &o, "in")) && o.ws == 1) {
        tok(sc, o.e, &a);
        const nn_entry *ae = nn_tok_entry(sc, &a, 0);
        if (ae && (ae->roles & NL_MONTH) && a.ws == 1 && !(ae->cal_flags & CAL_ABBR)) {
            month = ae->month;
            end = a.e;
            nn_opt_year(sc, &end, &year);
        } else if (period_rel(sc, &a, ae) != NO_REL) {
            tok(sc, a.e, &b);
            bool yr = tok_word(sc, &b, "year");
            if ((yr || tok_word(sc, &b, "month")) && b.ws == 1 &&
                !(b.e < sc->n && is_alpha(sc->s[b.e]))) {
                rel = period_rel(sc, &a, ae);
                end = b.e;
                /* "the first Friday of the year" is January's, "the last Sunday of this year"
                 * December's, of that year */
                yrel = yr ? rel : NO_REL;
            }
        }
    }
    uint32_t fe;
    if (n > 0 && !month && rel == NO_REL && (fe = from_now_end(sc, &o)) != 0) {
        return nth_weekday_from_now(sc, n, we->weekday, ms, fe); /* not of this month's */
    }
    if (n < 0 && !month && rel == NO_REL) {
        return 0; /* "the last Friday": the weekday rules */
    }
    if (!year && !sc->ctx->relative_dates) {
        return end; /* relative: not annotated */
    }
    if (!year && !nn_have_pub(sc)) {
        /* unanchored: the month, at month precision ("XXXX-07", "REF+P1M"); the day needs
         * the year */
        uint32_t s1 = ms;
        nn_tok pw1;
        if (nn_prev_word(sc, s1, &pw1) && tok_word(sc, &pw1, "the") && pw1.s >= sc->last_end) {
            s1 = pw1.s;
        }
        nn_emit_date(sc, s1, end,
                     month ? nn_date_text(sc, 0, month, 0)
                     : yrel != NO_REL ? nn_ref_text(sc, yrel, 'Y', 0)
                                      : nn_ref_text(sc, rel == NO_REL ? 0 : rel, 'M', 0));
        return end;
    }
    if (yrel != NO_REL) {
        year = sc->py + yrel;
        month = n > 0 ? 1 : 12;
    } else if (!month) {
        int64_t mm = (int64_t)sc->py * 12 + (sc->pm - 1) + (rel == NO_REL ? 0 : rel);
        year = (int)(mm / 12);
        month = (int)(mm % 12) + 1;
    } else if (!year) {
        /* the year of the day meant, by the verbs as a month-day date's ("will open on the
         * first Monday of June" after June 3 is next June's); the day is computed in the
         * publication year, then again in the year chosen */
        int d0 = nth_weekday_day(sc->py, month, n, we->weekday);
        year = d0 <= nn_days_in_month(sc->py, month)
                   ? nn_infer_year_tense(sc, month, d0, ms, end)
                   : nn_infer_year(sc, month, 0);
    }
    int d = nth_weekday_day(year, month, n, we->weekday);
    if (d > nn_days_in_month(year, month)) {
        return 0;
    }
    uint32_t s0 = ms;
    nn_tok pw;
    if (nn_prev_word(sc, s0, &pw) && tok_word(sc, &pw, "the") && pw.s >= sc->last_end) {
        s0 = pw.s;
    }
    nn_emit_date(sc, s0, end, nn_date_text(sc, year, month, d));
    return end;
}

/* Today, yesterday, tomorrow (from published_at). */
uint32_t nn_try_rel(scan *sc, const nn_tok *t, const nn_entry *e)
{
    if (!sc->ctx->relative_dates) {
        return t->e;
    }
    /* ("today's" is still the date: the possessive is not read) */
    int rel = e->rel;
    uint32_t s0 = t->s;
    nn_tok w1, w2, w3;
    /* "the day before yesterday" (-2), "the day after tomorrow" (+2), "the day after today"
     * (+1); "the day after yesterday" is no such phrase (today: left to "yesterday" alone) */
    if (nn_prev_word(sc, t->s, &w1) &&
        (tok_word(sc, &w1, "before") || tok_word(sc, &w1, "after")) &&
        nn_prev_word(sc, w1.s, &w2) && tok_word(sc, &w2, "day") && nn_prev_word(sc, w2.s, &w3) &&
        tok_word(sc, &w3, "the") && w3.s >= sc->last_end) {
        int dir = tok_word(sc, &w1, "before") ? -1 : 1;
        if (rel == 0 || (rel < 0) == (dir < 0)) {
            rel = rel == 0 ? dir : rel * 2;
            s0 = w3.s;
        }
    }
    if (!nn_have_pub(sc)) {
        nn_emit_date(sc, s0, t->e, rel ? nn_ref_text(sc, rel, 'D', 0) : nn_ref_text(sc, 0, 0, 0));
        return t->e;
    }
    int64_t day = nn_days_from_civil(sc->py, (unsigned)sc->pm, (unsigned)sc->pd) + rel;
    int y, m, d;
    nn_civil_from_days(day, &y, &m, &d);
    nn_emit_date(sc, s0, t->e, nn_date_text(sc, y, m, d));
    return t->e;
}

/* The unit after the article \p t and how many: "a week" (1), "a couple of weeks" (2: "a
 * couple" is two, as "a dozen" is twelve; only before a unit of time here: "a couple of
 * analysts" is no count the record format can give). */
void nn_a_unit(scan *sc, const nn_tok *t, nn_aunit *u)
{
    nn_tok *a = &u->a;
    tok(sc, t->e, a);
    u->e = NULL;
    u->n = 1;
    u->approx = false;
    if (a->ws == 1 && tok_word(sc, a, "couple")) {
        nn_tok of;
        tok(sc, a->e, &of);
        if (!tok_word(sc, &of, "of") || of.ws != 1) {
            return;
        }
        tok(sc, of.e, a);
        u->n = 2;
    } else if (a->hash_lc == sc->lx->few_lc && a->ws == 1 && a->kind == TK_WORD) {
        /* "a few days": three, approximately (as Recognizers-Text resolves "few"; the value
         * says it with mod approx) */
        const nn_cue *c = nn_cue_slot(sc->lx, sc->s + a->s, a->e - a->s);
        if (c && (c->flags & CUEF_APPROX_COUNT)) {
            tok(sc, a->e, a);
            u->n = 3;
            u->approx = true;
        }
    }
    const nn_entry *ae = nn_tok_entry(sc, a, 0);
    if (!ae || !(ae->roles & NL_DUR) || a->ws != 1) {
        return;
    }
    u->n *= ae->cal_flags & CAL_PAIR ? 2 : 1; /* "a fortnight ago": two weeks (calendar.tsv pair) */
    u->e = ae;
}

/* "from now", "from today" after \p n units of \p dur (\p a: the token after the unit): the
 * date that far after publication at the unit's precision ("two years from now" 2026, "a week
 * from now" a day), [s, end of "now"). @returns that end or 0. */
static uint32_t from_now_at(scan *sc, uint64_t n, const char *dur, uint32_t s, const nn_tok *a)
{
    uint32_t e;
    /* (the word "from" first: most units are followed by something else) */
    if (!tok_word(sc, a, "from") || (!nn_cal_unit(dur) && dur[0] != 'E') || n > 1000 ||
        !(e = from_now_end(sc, a))) {
        return 0;
    }
    const char *v = sc->ctx->relative_dates ? nn_shift_text(sc, (int64_t)n, dur) : NULL;
    if (v) {
        nn_emit_date(sc, s, e, v);
    }
    return e;
}

uint32_t nn_from_now(scan *sc, const nexpr *x, const nn_entry *te, uint32_t ms, const nn_tok *a)
{
    uint64_t nu;
    return nv_uint(&x->v, 1000, &nu) ? from_now_at(sc, nu, te->dur, ms, a) : 0;
}

/* \p nu days or weeks (\p te) from (\p a) a bare weekday (\p b): nn_units_from_weekday, and "a
 * week from Friday" (nn_try_a_ago). */
static uint32_t units_from_weekday(scan *sc, uint64_t nu, const nn_entry *te, uint32_t ms,
                                   const nn_tok *a, const nn_tok *b)
{
    bool before = tok_word(sc, a, "before");
    if ((te->dur[0] != 'D' && te->dur[0] != 'W') || te->dur[1] || a->ws != 1 || b->ws != 1 ||
        !(before || tok_word(sc, a, "from") || tok_word(sc, a, "after")) ||
        !sc->ctx->relative_dates || !nn_have_pub(sc) || nu > 1000) {
        return 0;
    }
    const nn_entry *we = b->kind == TK_WORD ? nn_tok_entry(sc, b, 0) : NULL;
    nn_tok nx;
    tok(sc, b->e, &nx);
    if (!we || !(we->roles & NL_WEEKDAY) || (we->cal_flags & CAL_ABBR) ||
        (b->e < sc->n && is_alpha(sc->s[b->e])) || nn_tok_is_dash(sc, &nx) ||
        tok_word(sc, &nx, "to") || tok_word(sc, &nx, "through") || tok_word(sc, &nx, "until")) {
        return 0; /* ("3 days from Monday to Wednesday": a span of days) */
    }
    /* the weekday as it reads alone (weekday_relative): the most recent one, today included,
     * unless the verbs point ahead */
    int64_t pub = nn_days_from_civil(sc->py, (unsigned)sc->pm, (unsigned)sc->pd);
    int pwd = nn_weekday_of(pub), fwd = (we->weekday - pwd + 7) % 7;
    int64_t day = nn_tense_at_weekday(sc, ms, b->e) <= 0 ? pub - (pwd - we->weekday + 7) % 7
                                                 : pub + (fwd ? fwd : 7);
    int64_t days = (int64_t)nu * (te->dur[0] == 'W' ? 7 : 1);
    int y, m, d;
    nn_civil_from_days(before ? day - days : day + days, &y, &m, &d);
    nn_emit_date(sc, ms, b->e, nn_date_text(sc, y, m, d));
    return b->e;
}

uint32_t nn_units_from_weekday(scan *sc, const nexpr *x, const nn_entry *te, uint32_t ms,
                               const nn_tok *a, const nn_tok *b)
{
    uint64_t nu;
    return nv_uint(&x->v, 1000, &nu) ? units_from_weekday(sc, nu, te, ms, a, b) : 0;
}

uint32_t nn_units_from_relday(scan *sc, uint64_t nu, const nn_entry *te, uint32_t ms,
                              const nn_tok *a, const nn_tok *b)
{
    const nn_entry *be = b->kind == TK_WORD ? nn_tok_entry(sc, b, 0) : NULL;
    bool from = tok_word(sc, a, "from") || tok_word(sc, a, "after");
    bool before = tok_word(sc, a, "before");
    if (!(from || before) || a->ws != 1 || b->ws != 1 || nu > 1000 ||
        (te->dur[0] != 'D' && te->dur[0] != 'W') ||
        !((be && (be->roles & NL_REL)) || tok_word(sc, b, "now"))) {
        return 0;
    }
    int64_t days = (int64_t)nu * (te->dur[0] == 'W' ? 7 : 1);
    int rel = be && (be->roles & NL_REL) ? be->rel : 0;
    if (nn_unanchored(sc)) {
        nn_emit_date(sc, ms, b->e, nn_ref_text(sc, (before ? -days : days) + rel, 'D', 0));
    } else if (sc->ctx->relative_dates && nn_have_pub(sc)) {
        int64_t base = nn_days_from_civil(sc->py, (unsigned)sc->pm, (unsigned)sc->pd) + rel;
        int ry, rm, rd;
        nn_civil_from_days(before ? base - days : base + days, &ry, &rm, &rd);
        nn_emit_date(sc, ms, b->e, nn_date_text(sc, ry, rm, rd));
    }
    return b->e;
}

/* "a year ago", "a week ago", "a couple of days ago", "a few days ago"; "a year from now" */
uint32_t nn_try_a_ago(scan *sc, const nn_tok *t, const nn_aunit *u)
{
    nn_tok a = u->a, b;
    int n = u->n;
    bool approx = u->approx;
    const nn_entry *ae = u->e;
    if (!ae) {
        return 0; /* (most "a"s: the word after is read once, the one after that not at all) */
    }
    if (!nn_next_letter_in(sc, a.e, sc->lx->ago_first)) {
        return 0; /* ("a year earlier", "a day in": no "ago", "from", "after", "before") */
    }
    tok(sc, a.e, &b);
    if (approx) { /* "a few days ago" only ("a few days from now" is rare) */
        if (!tok_word(sc, &b, "ago") || b.ws != 1) {
            return 0;
        }
        const char *v = sc->ctx->relative_dates ? nn_ago_text(sc, 3, ae->dur) : NULL;
        if (v) {
            /* (the count is not in the text: approximately) */
            nn_emit_date_mod(sc, t->s, b.e, v, MOD_APPROX);
        }
        return b.e;
    }
    /* "a year from now", "a week from today" */
    uint32_t fe = from_now_at(sc, (uint64_t)n, ae->dur, t->s, &b);
    if (fe) {
        return fe;
    }
    /* "a week from Friday", "a week from tomorrow": as "one week from ..." (the duration
     * rule's readers) */
    if (b.ws == 1 && (tok_word(sc, &b, "from") || tok_word(sc, &b, "after") ||
                      tok_word(sc, &b, "before"))) {
        nn_tok c;
        tok(sc, b.e, &c);
        fe = units_from_weekday(sc, (uint64_t)n, ae, t->s, &b, &c);
        if (!fe) {
            fe = nn_units_from_relday(sc, (uint64_t)n, ae, t->s, &b, &c);
        }
        if (fe) {
            return fe;
        }
    }
    if (!tok_word(sc, &b, "ago") || b.ws != 1) {
        return 0;
    }
    if (!sc->ctx->relative_dates) {
        return b.e;
    }
    const char *v = nn_ago_text(sc, (uint64_t)n, ae->dur);
    if (v) {
        nn_emit_date(sc, t->s, b.e, v);
    }
    return b.e;
}

/* "a couple of years", "a couple of hours" (\p ae the unit, \p a its token) that in_a does not
 * read as a date: a duration, as "two years" (P2Y, PT2H) and "a dozen years" are ("a couple" is
 * two only before a unit of time: nn_a_unit). "a year" alone stays no mention: "a" is no number
 * word. Its end, or 0. Out of line and cold: "a couple of" is rare. */
static __attribute__((noinline, cold)) uint32_t a_couple(scan *sc, const nn_tok *t,
                                                         const nn_entry *ae, const nn_tok *a)
{
    if (a->e < sc->n && sc->s[a->e] == '-') {
        return 0; /* ("a couple of years-long") */
    }
    nexpr x;
    memset(&x, 0, sizeof x);
    x.v = nv_int(2);
    const char *v = nn_dur_text(sc, &x, ae->dur);
    if (!v) {
        return 0;
    }
    static const ment m0;
    ment m = m0;
    m.s = t->s;
    m.e = a->e;
    m.label = ae->dur[0] == 'T' ? "TIME" : "DATE"; /* ("two hours": TIME, as the duration rule) */
    m.vtext = v;
    nn_emit(sc, &m);
    return a->e;
}

/* "in a week", "in a month", "within a year", "in a couple of weeks": "a"/"an" and a calendar
 * unit after "in" or "within" (otherwise "a couple of weeks" is a duration: a_couple). After "in" or
 * "within" in a sentence about the future (nn_future_at). "in a week" is the date a week after
 * publication, as "in 1 week" (the duration rule); "within a week" the days up to it (an
 * interval; nothing without published_at). In the past it is a duration ("doubled in a
 * week"), which "a week" alone does not annotate. */
uint32_t nn_try_in_a(scan *sc, const nn_tok *t, const nn_aunit *u)
{
    nn_tok a = u->a, pw;
    int n = u->n;
    bool approx = u->approx;
    const nn_entry *ae = u->e;
    if (!ae || (a.e < sc->n && is_alpha(sc->s[a.e]))) {
        return 0;
    }
    if (!nn_prev_letter_in(sc, t->s, sc->lx->in_last)) {
        /* (no "in" or "within" before: the word before is read below only after "n") */
        return !approx && n == 2 && !(ae->cal_flags & CAL_PAIR) ? a_couple(sc, t, ae, &a) : 0;
    }
    if (approx) { /* "in a few days": about the future only ("for a few days": nothing) */
        if (!nn_cal_unit(ae->dur) || !nn_prev_word(sc, t->s, &pw) || pw.s < sc->last_end ||
            pw.ws == 2 || !tok_word(sc, &pw, "in") || !sc->ctx->relative_dates ||
            !nn_future_at(sc, pw.s, a.e)) {
            return 0;
        }
        const char *v = nn_shift_text(sc, 3, ae->dur);
        if (v) {
            /* (the count is not in the text: approximately) */
            nn_emit_date_mod(sc, pw.s, a.e, v, MOD_APPROX);
        }
        return v ? a.e : 0;
    }
    if (!nn_cal_unit(ae->dur) || !nn_prev_word(sc, t->s, &pw) || pw.s < sc->last_end ||
        pw.ws == 2) {
        return n == 2 && !(ae->cal_flags & CAL_PAIR) ? a_couple(sc, t, ae, &a) : 0;
    }
    bool within = tok_word(sc, &pw, "within");
    if (!within && !tok_word(sc, &pw, "in")) {
        return n == 2 && !(ae->cal_flags & CAL_PAIR) ? a_couple(sc, t, ae, &a) : 0;
    }
    if (!sc->ctx->relative_dates || !nn_future_at(sc, pw.s, a.e)) {
        return n == 2 && !(ae->cal_flags & CAL_PAIR) ? a_couple(sc, t, ae, &a) : 0;
    }
    char unit = (char)nn_cal_unit(ae->dur);
    const char *v = within ? nn_within_text(sc, n, unit) : nn_shift_text(sc, n, ae->dur);
    if (!v || !nn_emit_date(sc, pw.s, a.e, v)) {
        return 0;
    }
    return a.e;
}

/* "the first day of next month", "the third day of July", "the last day of this month":
 * \p day (1..31, or -1 for the last) of the period (with \p work the day-th weekday, Monday to
 * Friday: "the first business day of next month"; without published_at at month precision) read after "of" at \p of_s (a relative
 * month or year, "next month", "this year"; or a month name with or without a year). Emits one
 * DATE from \p s0 and returns its end, or 0 when no such period follows (nothing emitted:
 * "the first day of the trial" stays an ordinal). Without published_at a day of a relative
 * month is REF+P1M-3, its last day the month (REF+P1M), as "the second Sunday of next month". */
/* The day of month of the \p n-th (1..23; -1: the last) weekday, Monday to Friday, of \p mo of
 * \p y; past the month's end when it has fewer. */
static int nth_workday(int y, int mo, int n)
{
    int dim = nn_days_in_month(y, mo);
    int64_t first = nn_days_from_civil(y, (unsigned)mo, 1);
    int d = n < 0 ? dim : 1, k = 0;
    for (; d >= 1 && d <= dim; d += n < 0 ? -1 : 1) {
        if (nn_weekday_of(first + d - 1) <= 5 && (n < 0 || ++k == n)) {
            return d;
        }
    }
    return dim + 1;
}

uint32_t nn_day_of_period(scan *sc, uint32_t s0, uint32_t of_s, int day, bool work)
{
    nn_tok of, a, b;
    tok(sc, of_s, &of);
    if (!tok_word(sc, &of, "of") || of.ws != 1) {
        return 0;
    }
    tok(sc, of.e, &a);
    const nn_entry *ae = a.kind == TK_WORD && a.ws == 1 ? nn_tok_entry(sc, &a, 0) : NULL;
    int rel = period_rel(sc, &a, ae);
    if (!ae && rel == NO_REL) {
        return 0;
    }
    int y = 0, mo = 0;
    uint32_t e = 0;
    if (rel != NO_REL) {
        tok(sc, a.e, &b);
        bool month = tok_word(sc, &b, "month"), year = tok_word(sc, &b, "year");
        if (b.ws != 1 || !(month || year) || !sc->ctx->relative_dates) {
            return 0;
        }
        e = b.e;
        if (!nn_have_pub(sc)) {
            if (!nn_unanchored(sc) || year) {
                return 0; /* (a day of a relative year has no REF form but the year's) */
            }
            nn_emit_date(sc, s0, e, nn_ref_text(sc, rel, 'M', day > 0 && !work ? day : 0));
            return e;
        }
        int64_t mm = (int64_t)sc->py * 12 + (sc->pm - 1) + (month ? rel : 12 * rel);
        y = (int)(mm / 12);
        mo = month ? (int)(mm % 12) + 1 : (day > 0 ? 1 : 12);
    } else if (ae->roles & NL_MONTH) {
        /* (a month in lower case that is also a word, "march", "may", is the month after "day
         * of": "the second day of march") */
        mo = ae->month;
        e = a.e;
        nn_opt_year(sc, &e, &y);
        if (!y) {
            /* the year of the day meant, by the verbs (the last day of June is June 30: "will
             * ... the last day of June" in mid-June is this June's, not next year's) */
            int dl = nn_have_pub(sc) ? nn_days_in_month(sc->py, mo) : 1;
            y = nn_infer_year_tense(sc, mo, day > 0 ? day : dl, s0, e);
        }
        if (!y && day > 0 && day <= nn_days_in_month(2000, mo)) {
            /* no published_at (a business day needs the year: the month) */
            nn_emit_date(sc, s0, e, nn_date_text(sc, 0, mo, work ? 0 : day));
            return e;
        }
        if (!y) {
            return 0; /* (no published_at: the last day needs the year, February's) */
        }
    } else {
        return 0;
    }
    int dim = nn_days_in_month(y, mo);
    int d = work ? nth_workday(y, mo, day) : day > 0 ? day : dim;
    if (d > dim) {
        return 0;
    }
    nn_emit_date(sc, s0, e, nn_date_text(sc, y, mo, d));
    return e;
}

/* Reads \p n digits of \p v (all digits). */
static bool digits_at(const char *v, int n, int *out)
{
    int x = 0;
    for (int j = 0; j < n; j++) {
        if (!is_digit(v[j])) {
            return false;
        }
        x = x * 10 + (v[j] - '0');
    }
    *out = x;
    return true;
}

/* The value \p v of a DATE as a period of \p unit ('D' a day, 'W' an ISO week, 'M' a month,
 * 'Y' a year) that "the next <unit>" can count from: a whole date for a day ("2024-06-03"); a
 * date or an ISO week ("2022-W09") for a week; a date or a month ("2019-03") for a month; any
 * of these or a year ("2019") for a year. *y, *m (1-12) and *days (the day; for a week its
 * Monday) as far as the value gives them. False for values without a year ("XXXX-06-03",
 * "199X"), durations, intervals and REF values. */
static bool date_value_as(const char *v, char unit, int *y, int *m, int64_t *days)
{
    size_t n = v ? strlen(v) : 0;
    int d = 0, w = 0;
    if (n < 4 || !digits_at(v, 4, y)) {
        return false;
    }
    if (n == 8 && v[4] == '-' && v[5] == 'W' && digits_at(v + 6, 2, &w) && w >= 1 && w <= 53) {
        /* an ISO week: its Monday (week 1 holds January 4) */
        int64_t j4 = nn_days_from_civil(*y, 1, 4);
        *days = j4 - (nn_weekday_of(j4) - 1) + 7 * (w - 1);
        int yy, dd;
        nn_civil_from_days(*days, &yy, m, &dd);
        return unit == 'W' || unit == 'Y';
    }
    bool ym = n >= 7 && v[4] == '-' && digits_at(v + 5, 2, m) && *m >= 1 && *m <= 12;
    bool ymd = ym && n == 10 && v[7] == '-' && digits_at(v + 8, 2, &d) && d >= 1 &&
               d <= nn_days_in_month(*y, *m);
    if (ymd) {
        *days = nn_days_from_civil(*y, (unsigned)*m, (unsigned)d);
        return true;
    }
    if (ym && n == 7) {
        return unit == 'M' || unit == 'Y';
    }
    return n == 4 && unit == 'Y';
}

/* The last DATE the stage emitted in this field that ends at or after \p lo: true when its
 * value is a period \p unit can count from (date_value_as: *y, *m, *days). */
static bool last_date_since(const scan *sc, uint32_t lo, char unit, int *y, int *m,
                            int64_t *days)
{
    const nf_doc *doc = sc->doc;
    for (uint32_t k = doc->n_anns; k-- > 0;) {
        const nf_ann *a = &doc->anns[k];
        if (a->field != sc->field || a->kind != NF_ANN_NUMBER) {
            continue;
        }
        if (a->end < lo) {
            return false;
        }
        if (strcmp(a->label, "DATE") == 0) {
            return date_value_as(a->value_text, unit, y, m, days);
        }
    }
    return false;
}

/* The value of the \p unit period \p dir (+1, -1) from the one that holds \p y, \p m, \p days
 * (date_value_as). */
static const char *period_next_to(scan *sc, char unit, int dir, int y, int m, int64_t days)
{
    if (unit == 'Y') {
        return nn_date_text(sc, y + dir, 0, 0);
    }
    if (unit == 'M') {
        int64_t mm = (int64_t)y * 12 + (m - 1) + dir;
        return nn_date_text(sc, (int)(mm / 12), (int)(mm % 12) + 1, 0);
    }
    int yy, mo, dd;
    if (unit == 'W') {
        int wy, wn;
        nn_iso_week(days + 7 * dir, &wy, &wn);
        return nn_arena_printf(sc, "%04d-W%02d", wy, wn);
    }
    nn_civil_from_days(days + dir, &yy, &mo, &dd);
    return nn_date_text(sc, yy, mo, dd);
}

/* "the last day of next month", "the last business day of June" (cues.tsv workday before
 * \p t, "day"), "the last weekday of June" (\p noun: \p t is the workday word, calendar.tsv
 * relday work), a blank before \p t: the last (week)day of that period (nn_day_of_period).
 * @returns its end, or 0. */
static uint32_t last_day_of(scan *sc, const nn_tok *t, bool noun)
{
    nn_tok w, the;
    if (!nn_prev_word(sc, t->s, &w) || w.e + 1 != t->s) {
        return 0;
    }
    bool work = noun || nn_cue_of(sc->lx, sc->s + w.s, w.e - w.s) == CUE_WORKDAY;
    if (work && !noun && !nn_prev_word(sc, w.s, &w)) {
        return 0;
    }
    if (tok_word(sc, &w, "last") && nn_prev_word(sc, w.s, &the) && tok_word(sc, &the, "the") &&
        the.s >= sc->last_end) {
        return nn_day_of_period(sc, the.s, t->e, -1, work);
    }
    return 0;
}

/* "the next day", "the following day", "the previous day", "the day before", "the day after"
 * (the words of calendar.tsv's relday entries; \p t is "day"): the day after (before) the date
 * mentioned last in this sentence or the one before ("arrested on Monday and released the
 * next day"); without such a date ("in May ... the next day", none at all) nothing. "The day before the vote" is
 * a day of an event, no date: after "the day before/after" only the end of the clause (a
 * punctuation mark, the end of the line) or a verb (a tense cue) may follow. The same with
 * "week", "month", "year" as \p t (calendar.tsv relunit; the unit is the word's dur), asked
 * from the word before them ("the next year": nn_try_relmod; "the following year": the word
 * rule relday): "listed in 2019 ... the following year" 2020, "in March 2019 ... the next
 * month" 2019-04, at the unit's precision, from a date that gives it (date_value_as). */
uint32_t nn_try_relday(scan *sc, const nn_tok *t)
{
    nn_tok w, the, a;
    int dir = 0;
    uint32_t s0 = 0, e0 = t->e;
    const nn_entry *we;
    if (t->e < sc->n && (is_alpha(sc->s[t->e]) || sc->s[t->e] == '\'' ||
                         (unsigned char)sc->s[t->e] >= 0x80)) {
        return 0; /* ("days", "day's": another word) */
    }
    /* (t->ws is not set for a word the main loop hands over: the byte before it says) */
    bool blank = t->s > 0 && sc->s[t->s - 1] == ' ';
    const nn_entry *te = nn_tok_entry(sc, t, 0);
    if (te && (te->cal_flags & CAL_WORK)) {
        /* "the last weekday of June" only ("the next weekday" is no day after a date) */
        return blank ? last_day_of(sc, t, true) : 0;
    }
    if (blank && nn_prev_word(sc, t->s, &w) && w.s >= sc->last_end && w.e + 1 == t->s &&
        (we = nn_tok_entry(sc, &w, 0)) && (we->roles & NL_DAYSIDE) &&
        (we->relday_flags & RD_BEFORE_DAY) && nn_prev_word(sc, w.s, &the) &&
        tok_word(sc, &the, "the") && the.s >= sc->last_end) {
        dir = we->relday; /* "the next day" */
        s0 = the.s;
    } else if (nn_prev_word(sc, t->s, &the) && tok_word(sc, &the, "the") && blank &&
               the.s >= sc->last_end) {
        tok(sc, t->e, &w);
        we = w.kind == TK_WORD && w.ws == 1 ? nn_tok_entry(sc, &w, 0) : NULL;
        if (!we || !(we->roles & NL_DAYSIDE) || !(we->relday_flags & RD_AFTER_DAY)) {
            return 0;
        }
        tok(sc, w.e, &a);
        const nn_entry *ae = a.kind == TK_WORD ? nn_tok_entry(sc, &a, 0) : NULL;
        bool clause_end = a.kind == TK_END || a.ws == 2 || a.kind == TK_SYM ||
                          (a.kind == TK_WORD && a.e - a.s <= 255 && !(ae && (ae->roles & NL_REL)) &&
                           nn_cue_of(sc->lx, sc->s + a.s, a.e - a.s) >= CUE_FUTURE &&
                           nn_cue_of(sc->lx, sc->s + a.s, a.e - a.s) <= CUE_AUX);
        if (!clause_end || (a.kind == TK_SYM && sc->s[a.s] == '\'')) {
            return 0; /* "the day before the vote", "the day after tomorrow" (nn_try_rel) */
        }
        dir = we->relday;
        s0 = the.s;
        e0 = w.e;
    }
    char unit = te && (te->roles & NL_DUR) ? te->dur[0] : 'D';
    if (!dir && unit == 'D' && blank) {
        uint32_t le = last_day_of(sc, t, false);
        if (le) {
            return le;
        }
    }
    if (!dir || !sc->ctx->relative_dates) {
        return 0;
    }
    int y = 0, m = 0;
    int64_t day = 0;
    if (!last_date_since(sc, nn_prev_sentence_begin(sc, s0), unit, &y, &m, &day)) {
        /* No whole date to count from: the day is not in the text, and a DATE always has a
         * value (fuzz_numbers). Not publication: in the Wikinews corpus such a "the next day",
         * "the previous day" was the day next to an event of the story ("Just the previous
         * day, Kipchoge ..."), not to publication. */
        return 0;
    }
    nn_emit_date(sc, s0, e0, period_next_to(sc, unit, dir, y, m, day));
    return e0;
}

/* "the weekend", "over the weekend", "at the weekend": the weekend the verbs point to - in a
 * sentence about the future the coming one (this week's; on a Saturday or Sunday the current
 * one), else the most recent one (the current one on a Saturday or Sunday: "over the weekend"
 * in a Sunday story); "this weekend" likewise, but with no cue the coming one (this ISO
 * week's); "last weekend" the week before's, "next
 * weekend" next week's, as "next Saturday" (relmod words of words.tsv: "past", "coming" with
 * or without "this" before them). Saturday and Sunday as an interval ("2024-06-15/2024-06-16");
 * without published_at nothing (REF values have no interval form). "A weekend", "every
 * weekend", "weekend trading" name no weekend. */
uint32_t nn_try_weekend(scan *sc, const nn_tok *t)
{
    nn_tok pw, tw;
    nn_tok of;
    tok(sc, t->e, &of);
    if ((t->e < sc->n && (is_alpha(sc->s[t->e]) || (unsigned char)sc->s[t->e] >= 0x80)) ||
        (tok_word(sc, &of, "of") && of.ws == 1) || !nn_prev_word(sc, t->s, &pw) ||
        pw.s < sc->last_end || pw.e + 1 != t->s) {
        return 0; /* (also "the last weekend of July": a weekend of that month, not read) */
    }
    const nn_entry *pe = nn_tok_entry(sc, &pw, 0);
    int rel;
    uint32_t s0 = pw.s;
    if (pe && (pe->roles & NL_RELMOD) && pe->rel >= -1 && pe->rel <= 1) {
        rel = pe->rel;
        if (rel != 0 && nn_prev_word(sc, pw.s, &tw) && tok_word(sc, &tw, "this") &&
            tw.s >= sc->last_end) {
            s0 = tw.s; /* "this past weekend", "this coming weekend" */
        }
    } else if (tok_word(sc, &pw, "the")) {
        rel = NO_REL;
    } else {
        return 0;
    }
    /* "the weekend after next", "the weekend before last": two weekends on (back), as "the
     * week after next" (after_next_at) */
    uint32_t e = t->e, an;
    if (rel == NO_REL && (an = after_next_at(sc, t->e, 1)) != 0) {
        rel = 2, e = an;
    } else if (rel == NO_REL && (an = after_next_at(sc, t->e, -1)) != 0) {
        rel = -2, e = an;
    }
    if (!sc->ctx->relative_dates || !nn_have_pub(sc)) {
        return e;
    }
    int64_t pub = nn_days_from_civil(sc->py, (unsigned)sc->pm, (unsigned)sc->pd);
    int pwd = nn_weekday_of(pub);
    int64_t sat = pub - (pwd - 1) + 5; /* this ISO week's Saturday */
    if (rel == NO_REL || rel == 0) {
        /* ("this weekend" in a past-tense sentence of a Monday story is the one just gone; no
         * cue: the coming one, where "the weekend" is the last) */
        int tense = nn_tense_at_weekday(sc, s0, t->e);
        sat -= (rel == 0 ? tense < 0 : tense <= 0) && pwd < 6 ? 7 : 0;
    } else {
        sat += 7 * rel;
    }
    int y1, m1, d1, y2, m2, d2;
    nn_civil_from_days(sat, &y1, &m1, &d1);
    nn_civil_from_days(sat + 1, &y2, &m2, &d2);
    nn_emit_date(sc, s0, e, nn_date_span_text(sc, y1, m1, d1, y2, m2, d2));
    return e;
}

/* "Christmas Day", "New Year's Eve", "Boxing Day 2004", "Halloween" (calendar.tsv holiday): the
 * name is found from its last word (a trigger, NL_HOLEND), looking back over up to four words
 * for the start of a holiday key that ends there (the first words, "New", "Christmas", are
 * too common to start a look; the byte before the last word is tested against holprev first).
 * One DATE of that month and day; a year after it is its year, else the verbs decide as for a
 * month-day date ("will close on Christmas Day" the next one); without published_at
 * "XXXX-12-25". */
uint32_t nn_try_holiday(scan *sc, const nn_tok *t, const nn_entry *e)
{
    lexm lm;
    uint32_t s0 = t->s;
    if (t->e + 1 < sc->n && sc->s[t->e] == '-' && is_alpha(sc->s[t->e + 1])) {
        return 0; /* ("Halloween-themed": a compound) */
    }
    bool found = (e->roles & NL_HOLIDAY) && nn_lex_longest(sc, s0, NL_HOLIDAY, &lm) &&
                 lm.end == t->e;
    if (!found) {
        unsigned char c = t->s >= 2 ? (unsigned char)(sc->s[t->s - 2] | 0x20) : 0;
        if (t->s < 2 || sc->s[t->s - 1] != ' ' ||
            !((sc->lx->holprev[c >> 6] >> (c & 63)) & 1u)) {
            return 0;
        }
        const unsigned char *u = (const unsigned char *)sc->s;
        for (int k = 0; k < 4 && !found; k++) {
            /* the letters before s0, past one blank or an apostrophe (' or U+2019): "Year's" */
            uint32_t i = s0;
            if (i > 0 && (u[i - 1] == ' ' || u[i - 1] == '\'')) {
                i--;
            } else if (i >= 3 && u[i - 3] == 0xE2 && u[i - 2] == 0x80 && u[i - 1] == 0x99) {
                i -= 3;
            }
            uint32_t e1 = i;
            while (i > 0 && is_alpha((char)u[i - 1])) {
                i--;
            }
            if (i == e1 || i < sc->last_end) {
                return 0;
            }
            s0 = i;
            found = nn_lex_longest(sc, s0, NL_HOLIDAY, &lm) && lm.end == t->e;
        }
        if (!found) {
            return 0;
        }
    }
    int mo = lm.e->month, d = (int)lm.e->num, y = 0;
    uint32_t end = t->e;
    nn_opt_year(sc, &end, &y);
    if (!y) {
        y = nn_infer_year_tense(sc, mo, d, s0, end);
    }
    if (y && d > nn_days_in_month(y, mo)) {
        return 0;
    }
    nn_emit_date(sc, s0, end, nn_date_text(sc, y, mo, d));
    return end;
}
