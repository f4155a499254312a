/* numbers stage: calendar arithmetic and date resolution (the year of a date written
 * without one, relative dates, verb tense, ISO 8601 value texts). */

#include "pipeline/stages/numbers/internal.h"

#include <string.h>

/* ---- Dates ----------------------------------------------------------------------------- */

/* Days since 1970-01-01 of a civil date (proleptic Gregorian). */
int64_t nn_days_from_civil(int64_t y, unsigned m, unsigned d)
{
    y -= m <= 2;
    const int64_t era = (y >= 0 ? y : y - 399) / 400;
    const unsigned yoe = (unsigned)(y - era * 400);
    const unsigned doy = (153 * (m > 2 ? m - 3 : m + 9) + 2) / 5 + d - 1;
    const unsigned doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;
    return era * 146097 + (int64_t)doe - 719468;
}

void nn_civil_from_days(int64_t z, int *y, int *m, int *d)
{
    z += 719468;
    const int64_t era = (z >= 0 ? z : z - 146096) / 146097;
    const unsigned doe = (unsigned)(z - era * 146097);
    const unsigned yoe = (doe - doe / 1460 + doe / 36524 - doe / 146096) / 365;
    const int64_t yy = (int64_t)yoe + era * 400;
    const unsigned doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
    const unsigned mp = (5 * doy + 2) / 153;
    *d = (int)(doy - (153 * mp + 2) / 5 + 1);
    *m = (int)(mp < 10 ? mp + 3 : mp - 9);
    *y = (int)(yy + (*m <= 2));
}

/* 1 = Monday .. 7 = Sunday */
int nn_weekday_of(int64_t days)
{
    int64_t w = (days + 3) % 7; /* 1970-01-01 was a Thursday */
    if (w < 0) {
        w += 7;
    }
    return (int)w + 1;
}

int nn_days_in_month(int y, int m)
{
    static const int dm[] = {31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31};
    if (m == 2 && ((y % 4 == 0 && y % 100 != 0) || y % 400 == 0)) {
        return 29;
    }
    return dm[m - 1];
}

bool nn_have_pub(const scan *sc)
{
    return sc->py > 0 && sc->pm >= 1 && sc->pm <= 12 && sc->pd >= 1 && sc->pd <= 31;
}

/* A relative date in a text without published_at (relative dates on): annotated with a value
 * relative to the reference day "REF" that a reader resolves against a date of its own
 * (docs/numbers.md "Unanchored relative dates"). */
bool nn_unanchored(const scan *sc)
{
    return sc->ctx->relative_dates && !nn_have_pub(sc);
}

/* "REF" moved by \p n units (\p unit 'D' day, 'W' ISO week, 'M' month, 'Y' year: also the
 * precision, as in the resolved values "2016-11-08", "2016-W46", "2016-09", "2016"); \p pick > 0
 * names a day in that week (1 = Monday) or month, as in ISO 8601 "2016-W46-5", "2016-12-20":
 * "REF+P1W-5" (Friday next week), "REF+P1M-20" (the 20th of next month). unit 0: "REF". */
const char *nn_ref_text(scan *sc, int64_t n, char unit, int pick)
{
    if (!unit) {
        return "REF";
    }
    long long a = n < 0 ? -(long long)n : (long long)n;
    char sign = n < 0 ? '-' : '+';
    if (pick > 0) {
        return nn_arena_printf(sc, "REF%cP%lld%c-%d", sign, a, unit, pick);
    }
    return nn_arena_printf(sc, "REF%cP%lld%c", sign, a, unit);
}

/* A weekday counted from the reference day: \p op "<" the last one before it, "<=" the most
 * recent one (that day included), ">" the next one after it; \p wd 1 = Monday .. 7 = Sunday:
 * "REF<7" (last Sunday), "REF<=4" ("said on Thursday"), "REF>1" ("will meet on Monday"). */
const char *nn_ref_weekday(scan *sc, const char *op, int wd)
{
    return nn_arena_printf(sc, "REF%s%d", op, wd);
}

/* Year for a month (and day) written without one: the year that puts the date closest to the
 * publication date (ties go to the past). 0 when the publication date is unknown. */
int nn_infer_year(const scan *sc, int m, int d)
{
    if (sc->py <= 0 || sc->pm < 1) {
        return 0;
    }
    int pd = sc->pd >= 1 ? sc->pd : 15;
    int64_t pub = nn_days_from_civil(sc->py, (unsigned)sc->pm, (unsigned)pd);
    int best = sc->py;
    int64_t best_dist = INT64_MAX;
    for (int y = sc->py - 1; y <= sc->py + 1; y++) {
        int dd = d ? (d <= nn_days_in_month(y, m) ? d : nn_days_in_month(y, m)) : 15;
        int64_t dist = nn_days_from_civil(y, (unsigned)m, (unsigned)dd) - pub;
        int64_t ad = dist < 0 ? -dist : dist;
        if (ad < best_dist || (ad == best_dist && dist < 0)) {
            best = y;
            best_dist = ad;
        }
    }
    return best;
}

/* infer_year for a month-day date in a sentence whose verbs give a \p tense (tense_at): in
 * past-tense reporting it is the most recent such day (the publication day included), in a
 * sentence about the future the next one (the publication day included); 0: infer_year.
 * A date up to a week on the other side keeps the closest reading: datelines ("PERTH, June 5
 * - Australia will ban...") and reporting lag are not the verb's tense. */
static const nn_entry *weekday_word_before(const scan *sc, uint32_t pos, uint32_t *ws);

static int infer_year_tense(const scan *sc, int m, int d, uint32_t s, uint32_t e);

/* nn_infer_year_tense, and a day the month has only in some years (February 29) moved to the
 * nearest year that has it on the side the reading chose: "will ... on February 29" in June
 * 2024 is 2028-02-29, not the 2025 that has none. */
int nn_infer_year_tense(const scan *sc, int m, int d, uint32_t s, uint32_t e)
{
    int y = infer_year_tense(sc, m, d, s, e);
    if (y <= 0 || d <= nn_days_in_month(y, m) || d > nn_days_in_month(2000, m)) {
        return y;
    }
    int64_t pub = nn_days_from_civil(sc->py, (unsigned)sc->pm, (unsigned)(sc->pd >= 1 ? sc->pd : 15));
    int step = nn_days_from_civil(y, (unsigned)m, 1) > pub ? 1 : -1;
    for (int k = 0; k < 8 && d > nn_days_in_month(y, m); k++) {
        y += step;
    }
    return y;
}

static int tense_at(const scan *sc, uint32_t s, uint32_t e, bool clause, bool defer, bool sched);

/* tense_back's answer when a present-tense "is", "are" (cues.tsv present) comes first: the
 * clause of the date speaks of now or of what is planned ("NBC reported Avenatti is to be
 * sentenced in June", "We are the choice for voters in November, he argued"): no side, and
 * neither a reporting verb before it nor one after it decides. */
#define TENSE_NOW 2
/* tense_back's answer when the date follows a defer_to word ("to", "until") and the nearest
 * verb before it is a defer verb (cues.tsv: "extended the lockdown to May 1", "postponed the
 * vote until November"): the new time, still to come whatever the verb's tense; it goes before
 * span_end ("until": the closest one) too. A future answer; month-day dates and months only. */
#define TENSE_DEFER 3

static int tense_back(const scan *sc, uint32_t s, bool defer, bool sched);

/* "back" (cues.tsv past_lead) right before the preposition \p prep of a month named alone:
 * "heard about it back in October" is the past, as "back in 2015"; only a future cue before
 * the month ("will be back in October", "would come back in September") makes it one to come,
 * not a verb after it ("Back in October we thought the war would end"). (Out of line: asked
 * for a month after a preposition only when the verbs' reading would leave the past.) */
static __attribute__((noinline, cold)) bool back_in(const scan *sc, const nn_tok *prep)
{
    nn_tok bw;
    /* (not before "to", "until", "for" (cues.tsv defer_to, span_end): "moved back to October"
     * names a new time, to come) */
    return nn_prev_word(sc, prep->s, &bw) && nn_word_flag(sc, &bw, CUEF_PAST_LEAD) &&
           !nn_word_flag(sc, prep, CUEF_DEFER_TO | CUEF_SPAN_END);
}

/* The year of a month named alone at [\p s, \p e) after the date preposition \p prep ("in
 * November", "since March"; NULL: none known): the month closest to publication, moved by the
 * verbs as a month-day date's year is (nn_infer_year_tense, issue 10 item 5): in past-tense
 * reporting the most recent such month, in a sentence about the future the next one, the
 * publication month either way. A bomber that "attacked a ship in November" in a June story
 * did so last November. cues.tsv flags of the preposition: past_side ("since") makes the month
 * a past one whatever the verbs; span_end ("until", "till") leaves the closest month (the end
 * of a span says nothing of its side), unless a defer verb moved something to it (TENSE_DEFER:
 * "postponed until November", to come). 0 when the publication date is unknown. */
int nn_month_year_tense(const scan *sc, int m, const nn_tok *prep, uint32_t s, uint32_t e)
{
    int y = nn_infer_year(sc, m, 0);
    int64_t ahead = (int64_t)y * 12 + m - ((int64_t)sc->py * 12 + sc->pm);
    if (!y || ahead == 0) {
        return y;
    }
    bool word = prep && prep->kind == TK_WORD;
    int tense = word && nn_word_flag(sc, prep, CUEF_PAST_SIDE) ? -1 : tense_at(sc, s, e, true, true, false);
    /* (asked only when the reading would leave the past: a month ahead of publication or a
     * sentence read as about the future) */
    if (word && (ahead > 0 || tense > 0) && tense != TENSE_DEFER && back_in(sc, prep)) {
        int before = tense_back(sc, s, false, false);
        tense = before == 1 ? 1 : before == TENSE_NOW ? 0 : -1;
    }
    int moved = tense < 0 && ahead > 0 ? y - 1 : tense > 0 && ahead < 0 ? y + 1 : y;
    /* (the preposition's span_end flag is asked only when the verbs moved the year) */
    if (moved == y || (tense != TENSE_DEFER && word && nn_word_flag(sc, prep, CUEF_SPAN_END))) {
        return y;
    }
    return moved;
}

/* The month of a day written without one, "on the 23rd" at \p s: the publication month (false
 * when it has no such day), unless the verb before it moves it as nn_infer_year_tense moves a
 * month-day's year: in past-tense reporting a day more than 7 days after publication is in the
 * nearest month before that has it, in a sentence about the future a day more than 7 days
 * before is in the nearest month after ("was held on the 30th" in a June 12 story is May 30).
 * Only the verb before the day (the clause of the day; "Ballots are counted on 22nd, officials
 * said": the reporting verb after it is not the day's) and only when \p move (the day is when
 * something happens, "on": "was moved to the 27th" names a day still to come). */
bool nn_infer_month_tense(const scan *sc, int d, uint32_t s, bool move, int *y, int *m)
{
    if (d < 1 || d > nn_days_in_month(sc->py, sc->pm)) {
        return false;
    }
    int64_t pub = nn_days_from_civil(sc->py, (unsigned)sc->pm, (unsigned)sc->pd);
    int64_t day = nn_days_from_civil(sc->py, (unsigned)sc->pm, (unsigned)d);
    int64_t mm = (int64_t)sc->py * 12 + (sc->pm - 1);
    int dir = 0;
    if (move && (day > pub + 7 || day < pub - 7)) {
        int tense = nn_tense_before(sc, s);
        dir = tense < 0 && day > pub + 7 ? -1 : tense > 0 && day < pub - 7 ? 1 : 0;
    }
    if (dir) {
        do {
            mm += dir;
        } while (d > nn_days_in_month((int)(mm / 12), (int)(mm % 12) + 1));
    }
    *y = (int)(mm / 12);
    *m = (int)(mm % 12) + 1;
    return true;
}

static int infer_year_tense(const scan *sc, int m, int d, uint32_t s, uint32_t e)
{
    int y = nn_infer_year(sc, m, d);
    if (!y || !nn_have_pub(sc) || d < 1) {
        return y;
    }
    uint32_t ws;
    const nn_entry *we = weekday_word_before(sc, s, &ws);
    if (we) {
        /* "Sunday, June 4": the year, of the guess and the two around it, in which that day
         * is the weekday written */
        static const int8_t dy[3] = {0, -1, 1};
        for (int k = 0; k < 3; k++) {
            int yy = y + dy[k];
            if (d <= nn_days_in_month(yy, m) &&
                nn_weekday_of(nn_days_from_civil(yy, (unsigned)m, (unsigned)d)) == we->weekday) {
                return yy;
            }
        }
    }
    int64_t pub = nn_days_from_civil(sc->py, (unsigned)sc->pm, (unsigned)sc->pd);
    int dd = d <= nn_days_in_month(y, m) ? d : nn_days_in_month(y, m);
    int64_t day = nn_days_from_civil(y, (unsigned)m, (unsigned)dd);
    if (day <= pub + 7 && day >= pub - 7) {
        return y; /* (the verbs are read only when they can change the year) */
    }
    /* "until October 14" (cues.tsv span_end): the end of a span, the closest such day, unless a
     * defer verb moved something to it ("postponed the vote until October 14": to come) */
    int tense = tense_at(sc, s, e, false, true, false);
    int moved = tense < 0 && day > pub + 7 ? y - 1 : tense > 0 && day < pub - 7 ? y + 1 : y;
    nn_tok pw; /* (the word before is read only when the verbs moved the year) */
    if (moved == y || (tense != TENSE_DEFER && nn_prev_word(sc, s, &pw) && pw.kind == TK_WORD &&
                       nn_word_flag(sc, &pw, CUEF_SPAN_END))) {
        return y;
    }
    return moved;
}

/* "00" to "99": a number below 100 written as two digits by one copy (a division and a
 * remainder by 10 for each digit cost ~25 instructions a year). */
static const char DIGITS2[201] = "00010203040506070809101112131415161718192021222324252627282930313233"
                                 "34353637383940414243444546474849505152535455565758596061626364656667"
                                 "6869707172737475767778798081828384858687888990919293949596979899";

/* Are the parts in the ranges date_text_into writes (else date_text_printf)? */
static inline bool date_text_usual(int y, int m, int d)
{
    return y <= 9999 && m >= 0 && m <= 99 && d <= 99;
}

/* The value text of year \p y, month \p m, day \p d (0: none; "XXXX" for no year), parts in
 * date_text_usual's ranges, written into \p buf (at least 10 bytes) by hand: its length. */
static size_t date_text_into(char *buf, int y, int m, int d)
{
    size_t o = 4;
    if (y > 0) {
        memcpy(buf, DIGITS2 + 2 * (y / 100), 2);
        memcpy(buf + 2, DIGITS2 + 2 * (y % 100), 2);
        if (m <= 0) {
            return o;
        }
    } else {
        memcpy(buf, "XXXX", 4);
    }
    buf[o++] = '-';
    memcpy(buf + o, DIGITS2 + 2 * m, 2);
    o += 2;
    if (d > 0 && m > 0) {
        buf[o++] = '-';
        memcpy(buf + o, DIGITS2 + 2 * d, 2);
        o += 2;
    }
    return o;
}

/* nn_date_text for parts out of the usual ranges. */
static __attribute__((noinline, cold)) const char *date_text_printf(scan *sc, int y, int m, int d)
{
    if (y > 0 && m > 0 && d > 0) {
        return nn_arena_printf(sc, "%04d-%02d-%02d", y, m, d);
    }
    if (y > 0 && m > 0) {
        return nn_arena_printf(sc, "%04d-%02d", y, m);
    }
    if (y > 0) {
        return nn_arena_printf(sc, "%04d", y);
    }
    if (m > 0 && d > 0) {
        return nn_arena_printf(sc, "XXXX-%02d-%02d", m, d);
    }
    return nn_arena_printf(sc, "XXXX-%02d", m);
}

const char *nn_date_text(scan *sc, int y, int m, int d)
{
    /* By hand for the usual ranges (this runs for every date mention), written where it stays
     * (no copy from the stack); arena_printf else. */
    if (!date_text_usual(y, m, d)) {
        return date_text_printf(sc, y, m, d);
    }
    char *t = nf_arena_alloc(&sc->doc->arena, 11);
    t[date_text_into(t, y, m, d)] = '\0';
    return t;
}

/* "A/B", the interval of two nn_date_text values, in one text (no printf and no copies of the
 * two halves: a month interval, a range of days). */
const char *nn_date_span_text(scan *sc, int y1, int m1, int d1, int y2, int m2, int d2)
{
    if (!date_text_usual(y1, m1, d1) || !date_text_usual(y2, m2, d2)) {
        return nn_arena_printf(sc, "%s/%s", nn_date_text(sc, y1, m1, d1),
                               nn_date_text(sc, y2, m2, d2));
    }
    char buf[32];
    size_t a = date_text_into(buf, y1, m1, d1);
    buf[a] = '/';
    size_t b = date_text_into(buf + a + 1, y2, m2, d2);
    return nf_arena_strndup(&sc->doc->arena, buf, a + 1 + b);
}

void nn_iso_week(int64_t days, int *wy, int *wn)
{
    int wd = nn_weekday_of(days);
    int64_t thursday = days - wd + 4;
    int y, m, d;
    nn_civil_from_days(thursday, &y, &m, &d);
    int64_t jan1 = nn_days_from_civil(y, 1, 1);
    *wy = y;
    *wn = (int)((thursday - jan1) / 7 + 1);
}

bool nn_emit_date(scan *sc, uint32_t s, uint32_t e, const char *vtext)
{
    return nn_emit_date_mod(sc, s, e, vtext, MOD_NONE);
}

/* "the week of March 5", "the week of 14 October": the ISO week of the whole date at [*s, ...)
 * of value \p vtext (YYYY-MM-DD), one DATE from "the" ("the week of June 17" 2024-W25), as "next
 * week" is a week; "the week ended June 8", "the week to June 7" (a period_to word of
 * cues.tsv): the seven days that end with it, one interval (2024-06-02/2024-06-08), as "the
 * three months to March 31" (nn_months_to, which reads "the two weeks to June 7"). The date's
 * year is the date's own (the verbs, or written). A date with X digits (no published_at:
 * "XXXX-03-05") stays the date, as REF values have no form for these. @returns the new value
 * (and moves *s to "the"), or \p vtext. Cold: asked only after " of " and the like. */
static __attribute__((noinline, cold)) const char *week_of_date(scan *sc, uint32_t *s,
                                                                const char *vtext)
{
    nn_tok l, w, th;
    if (!nn_prev_word(sc, *s, &l) || !nn_prev_word(sc, l.s, &w) || !tok_word(sc, &w, "week") ||
        !nn_prev_word(sc, w.s, &th) || !tok_word(sc, &th, "the") || th.s < sc->last_end ||
        strlen(vtext) != 10) {
        return vtext;
    }
    bool of = tok_word(sc, &l, "of");
    if (!of && !(nn_date_link(sc, &l) & CUEF_PERIOD_TO)) {
        return vtext;
    }
    int v[3] = {0, 0, 0};
    for (int k = 0, f = 0; k < 10; k++) {
        if (k == 4 || k == 7) {
            f += vtext[k] == '-';
            continue;
        }
        if (vtext[k] < '0' || vtext[k] > '9') {
            return vtext;
        }
        v[f] = v[f] * 10 + (vtext[k] - '0');
    }
    int64_t day = nn_days_from_civil(v[0], (unsigned)v[1], (unsigned)v[2]);
    *s = th.s;
    if (!of) {
        int y, m, d;
        nn_civil_from_days(day - 6, &y, &m, &d);
        return nn_arena_printf(sc, "%s/%s", nn_date_text(sc, y, m, d), vtext);
    }
    int wy, wn;
    nn_iso_week(day, &wy, &wn);
    return nn_arena_printf(sc, "%04d-W%02d", wy, wn);
}

/* The day (1..31) that the number mention \p a of the field names alone: "3", "5th", "the
 * 3rd" (its text: "the", digits, an ordinal suffix), or 0. */
static int bare_day_of(const scan *sc, const nf_ann *a)
{
    const char *t = sc->s + a->start;
    uint32_t n = a->end - a->start, k = 0;
    if (n > 4 && (t[0] | 0x20) == 't' && (t[1] | 0x20) == 'h' && (t[2] | 0x20) == 'e' &&
        t[3] == ' ') {
        k = 4;
    }
    int d = 0, nd = 0;
    while (k < n && is_digit(t[k]) && nd < 3) {
        d = d * 10 + (t[k++] - '0'), nd++;
    }
    if (nd == 0 || nd > 2 || d < 1 || d > 31 || (k < n && !(n - k == 2 && is_alpha(t[k]) &&
                                                           is_alpha(t[k + 1])))) {
        return 0;
    }
    return d;
}

/* "3, 5 and 7 May", "23 and 24 December", "the 3rd, 5th and 7th of May": the days of a list
 * before the day-first date at \p s (value \p vtext, a whole day: YYYY-MM-DD, or XXXX-MM-DD
 * without published_at) are days of its month and year, one DATE each, as "May 3, 5 and 7"
 * (month_day's day_list). They were emitted before it as counts, ordinals or days of the
 * publication month (the scan reads left to right, and a test at every number that a comma or
 * "and" follows cost +0.2-0.4% of the stage, s10-date); they are the mentions of this field
 * emitted just before, joined to the next by "," or "and": the link right before the date has
 * "and" ("3, 5 and 7 May"; "drew 7 games in May" names no day), the others a comma. Each is
 * rewritten as the DATE of its day. Cold: asked only after " and " before a date. */
static __attribute__((noinline, cold)) void day_list_before(scan *sc, uint32_t s, const char *vtext)
{
    if (!is_digit(sc->s[s]) || strlen(vtext) != 10 || vtext[4] != '-' || vtext[7] != '-') {
        return;
    }
    int y = 2024; /* (without the year: a leap year, for the days) */
    if (is_digit(vtext[0])) {
        y = (vtext[0] - '0') * 1000 + (vtext[1] - '0') * 100 + (vtext[2] - '0') * 10 + (vtext[3] - '0');
    }
    int mo = (vtext[5] - '0') * 10 + (vtext[6] - '0');
    if (mo < 1 || mo > 12) {
        return;
    }
    nf_doc *doc = sc->doc;
    uint32_t pos = s;
    bool first = true;
    for (uint32_t k = doc->n_anns; k-- > 0;) {
        nf_ann *a = &doc->anns[k];
        if (a->field != sc->field || a->kind != NF_ANN_NUMBER) {
            continue;
        }
        if (a->start >= s) {
            continue; /* (the date itself) */
        }
        /* the link between a->end and pos: ", ", " and ", ", and " (the first: with "and") */
        const char *t = sc->s;
        uint32_t p = pos;
        bool and = p >= a->end + 5 && t[p - 1] == ' ' && (t[p - 2] | 0x20) == 'd' &&
                   (t[p - 3] | 0x20) == 'n' && (t[p - 4] | 0x20) == 'a' && t[p - 5] == ' ';
        if (and) {
            p -= 5;
            p -= p > a->end && t[p - 1] == ',';
        } else if (p >= a->end + 2 && t[p - 1] == ' ' && t[p - 2] == ',') {
            p -= 2;
        } else {
            return;
        }
        int d = bare_day_of(sc, a);
        if (p != a->end || first != and || !d || d > nn_days_in_month(y, mo)) {
            return;
        }
        a->label = "DATE";
        a->value_text = nn_date_text(sc, is_digit(vtext[0]) ? y : 0, mo, d);
        a->flags = 0;
        a->unit = NULL;
        a->currency = NULL;
        a->extra_json = NULL;
        first = false;
        pos = a->start;
    }
}

bool nn_emit_date_mod(scan *sc, uint32_t s, uint32_t e, const char *vtext, uint8_t mod)
{
    /* "the week of March 5", "the week to June 7", "the week ended June 8", "the week ending
     * June 7", "the week through June 5": the "k" of "week" at its place before the date (one
     * byte test for most dates) */
    if (s >= 10 && vtext) {
        const char *b = sc->s + s;
        char c2 = (char)(b[-2] | 0x20);
        if (__builtin_expect((b[-5] | 0x20) == 'k' || (c2 == 'd' && (b[-8] | 0x20) == 'k') ||
                                 (c2 == 'g' && (b[-9] | 0x20) == 'k') ||
                                 (c2 == 'h' && s >= 11 && (b[-10] | 0x20) == 'k'),
                             0)) {
            vtext = week_of_date(sc, &s, vtext);
        } else if (__builtin_expect(c2 == 'd' && (b[-4] | 0x20) == 'a' && b[-5] == ' ', 0)) {
            day_list_before(sc, s, vtext); /* "3, 5 and 7 May" */
        }
    }
    nn_emit_text(sc, s, e, "DATE", vtext, mod);
    return true;
}

/* A year after a month or day: 4 digits 1000..2999 standing alone. */
bool nn_read_year(const scan *sc, uint32_t pos, int *year, uint32_t *end)
{
    nn_tok t;
    tok(sc, pos, &t);
    if (t.kind != TK_DIGITS || t.e - t.s != 4 || t.ws == 2) {
        return false;
    }
    const char *ys = sc->s + t.s;
    int y = (ys[0] - '0') * 1000 + (ys[1] - '0') * 100 + (ys[2] - '0') * 10 + (ys[3] - '0');
    if (y < 1000 || y > 2999) {
        return false;
    }
    if (t.e < sc->n && (is_alnum(sc->s[t.e]) ||
                        ((sc->s[t.e] == '.' || sc->s[t.e] == ',') && t.e + 1 < sc->n &&
                         is_digit(sc->s[t.e + 1])))) {
        return false;
    }
    *year = y;
    *end = t.e;
    return true;
}

bool nn_joined_year(const scan *sc, uint32_t *end, char sep, int *year)
{
    uint32_t p = *end, ye;
    int y;
    if ((sep != '-' && sep != '/') || p + 1 >= sc->n || sc->s[p] != sep ||
        !is_digit(sc->s[p + 1]) || !nn_read_year(sc, p + 1, &y, &ye)) {
        return false;
    }
    *year = y;
    *end = ye;
    return true;
}

/* The year a two-digit year \p yy names ("'16", "FY24", "1Q24"): the one ending in those digits
 * at most 20 years after the publication year, else the latest before it (news names past
 * years far more often than future ones: "'69" in 2024 is 1969, "'30" is 2030); 0 without
 * published_at (the century is not in the text). */
int nn_year_of_two(const scan *sc, int yy)
{
    return sc->py > 0 ? sc->py + 20 - ((sc->py + 20 - yy) % 100 + 100) % 100 : 0;
}

/* True when the word \p w[0..len) may be a fiscal word (nn_lex.fiscalfl; nn_cue_of then says). */
static inline bool fiscal_word(const scan *sc, const char *w, size_t len)
{
    unsigned char f = (unsigned char)(w[0] | 0x20);
    return f >= 'a' && f <= 'z' && (sc->lx->fiscalfl[f - 'a'] & (1u << (len < 31 ? len : 31))) &&
           nn_cue_of(sc->lx, w, len) == CUE_FISCAL;
}

/* The start of the fiscal words before the year at \p i: a cues.tsv fiscal word with the flag
 * fy_year glued (\p pw NULL: "FY2024") or the word \p pw one blank before ("FY 2022", "fiscal
 * 2025"), or any fiscal word and \p pw a year word (\p pr its roles: "fiscal year 2024",
 * "financial year 2023", "budget year 2026"; a relunit of a year's duration, calendar.tsv);
 * UINT32_MAX when there are none. *two: a two-digit year may follow (the fiscal word glued:
 * "FY24"; "fiscal 24" is no year). The word before comes from rule_year's look-back: a year
 * costs one cue filter more. */
static uint32_t fiscal_start(const scan *sc, uint32_t i, const nn_tok *pw, uint32_t pr, bool *two)
{
    const char *s = sc->s;
    *two = pw == NULL;
    if (!pw) {
        uint32_t b = i;
        while (b > 0 && is_alpha(s[b - 1])) {
            b--;
        }
        const nn_cue *c = b < i && b >= sc->last_end &&
                                  !(b > 0 && (is_digit(s[b - 1]) || (unsigned char)s[b - 1] >= 0x80)) &&
                                  fiscal_word(sc, s + b, i - b)
                              ? nn_cue_slot(sc->lx, s + b, i - b)
                              : NULL;
        return c && (c->flags & CUEF_FY_YEAR) ? b : UINT32_MAX;
    }
    if (pw->kind != TK_WORD || pw->e + 1 != i || s[pw->e] != ' ' || pw->s < sc->last_end) {
        return UINT32_MAX;
    }
    if (fiscal_word(sc, s + pw->s, pw->e - pw->s)) {
        const nn_cue *c = nn_cue_slot(sc->lx, s + pw->s, pw->e - pw->s);
        return c && (c->flags & CUEF_FY_YEAR) ? pw->s : UINT32_MAX;
    }
    nn_tok w2;
    if (!(pr & NL_RELUNIT) || !nn_prev_word(sc, pw->s, &w2) || w2.kind != TK_WORD ||
        w2.e + 1 != pw->s || w2.s < sc->last_end ||
        !fiscal_word(sc, s + w2.s, w2.e - w2.s)) {
        return UINT32_MAX;
    }
    const nn_entry *ye = nn_tok_entry(sc, pw, 0);
    return ye && ye->dur[0] == 'Y' ? w2.s : UINT32_MAX;
}

/* Where the fiscal words before the year at \p i start ("fiscal 2024-25", "fiscal year
 * 2023/24": a year range that names one fiscal year, scan.c dg_year_range), \p i when there
 * are none. */
uint32_t nn_fiscal_before(const scan *sc, uint32_t i)
{
    nn_tok pw = {0};
    bool two;
    uint32_t pr = nn_prev_roles(sc, i, &pw);
    uint32_t b = pw.e > pw.s ? fiscal_start(sc, i, &pw, pr, &two) : UINT32_MAX;
    return b == UINT32_MAX ? i : b;
}

/* A fiscal year: "FY2024", "FY24", "fiscal 2025", "fiscal year 2024" (fiscal_start) is one
 * DATE with its fiscal words; its calendar span is not in the text (April-March, July-June,
 * October-September...), so the value is the year that names it ("2024"); named by two years
 * ("FY2024/25", "FY24-25", "fiscal 2024/2025") the interval of the two ("2024/2025", as
 * "2019-20"). The year at \p i (digits): asked by rule_year as it emits a year (\p pw, \p pr:
 * the word before and its roles) and by the word rule fiscal_code for "FY2024" (\p pw NULL).
 * @returns the end, 0 when it is none. */
uint32_t nn_fiscal_year(scan *sc, uint32_t i, const nn_tok *pw, uint32_t pr)
{
    const char *s = sc->s;
    uint32_t k = i;
    while (k < sc->n && is_digit(s[k])) {
        k++;
    }
    bool two = false;
    uint32_t b;
    if ((k - i != 4 && k - i != 2) || (b = fiscal_start(sc, i, pw, pr, &two)) == UINT32_MAX) {
        return 0;
    }
    int y = k - i == 4 ? (s[i] - '0') * 1000 + (s[i + 1] - '0') * 100 + (s[i + 2] - '0') * 10 +
                             (s[i + 3] - '0')
           : two ? nn_year_of_two(sc, (s[i] - '0') * 10 + (s[i + 1] - '0'))
                 : 0;
    if (y < 1000 || y > 2999) {
        return 0;
    }
    int y2 = 0;
    if (k + 2 < sc->n && (s[k] == '/' || s[k] == '-') && is_digit(s[k + 1])) {
        uint32_t j = k + 1, v = 0;
        while (j < sc->n && is_digit(s[j]) && j - k <= 5) {
            v = v * 10 + (uint32_t)(s[j++] - '0');
        }
        if (!((j - k == 3 && v == (uint32_t)(y + 1) % 100) || (j - k == 5 && v == (uint32_t)y + 1))) {
            return 0;
        }
        y2 = y + 1;
        k = j;
    }
    if (k < sc->n && (is_alnum(s[k]) || (unsigned char)s[k] >= 0x80 ||
                      ((s[k] == '.' || s[k] == ',' || s[k] == '/' || s[k] == '-') && k + 1 < sc->n &&
                       is_digit(s[k + 1])))) {
        return 0;
    }
    nn_emit_date(sc, b, k,
                 y2 ? nn_arena_printf(sc, "%04d/%04d", y, y2) : nn_arena_printf(sc, "%04d", y));
    return k;
}

/* "the 12 months to June", "the three months to March 31", "the nine months through
 * September 2023", "the 12 months ended March 31": a period of \p nu months that ends with the
 * month (or day) named after a period_to word \p a (cues.tsv) after "the" is one DATE
 * interval, "the" included: the months up to and including the one named (`2023-07/2024-06`),
 * or from the day after the named day \p nu months before (`2024-01-01/2024-03-31`). With
 * \p weeks, \p nu weeks that end with the day named ("the two weeks to June 7":
 * `2024-05-25/2024-06-07`; a day is needed). The month's year as a month date's
 * (written, else by the verbs: nn_infer_year_tense). Only a capitalised month name (\p b: "to
 * may" is a verb), with published_at or a written year. @returns the end, 0 when it is none. */
uint32_t nn_months_to(scan *sc, uint64_t nu, uint32_t ms, const nn_tok *a, const nn_tok *b,
                      bool weeks)
{
    uint32_t st = nn_with_the(sc, ms);
    if (nu < 1 || nu > (weeks ? 52 : 36) || st == ms || !(nn_date_link(sc, a) & CUEF_PERIOD_TO) ||
        b->kind != TK_WORD || !b->cap) {
        return 0; /* (without "the": "extended by six months to January" is a duration) */
    }
    const nn_entry *be = nn_tok_entry(sc, b, 0);
    if (!be || !(be->roles & NL_MONTH)) {
        return 0;
    }
    int mo = be->month, d = 0, y = 0;
    uint32_t e = b->e, de;
    if (nn_read_day(sc, e, &d, &de) && d <= nn_days_in_month(2024, mo)) {
        e = de;
    } else if (weeks) {
        return 0; /* (weeks end on a day) */
    } else {
        d = 0;
    }
    nn_opt_year(sc, &e, &y);
    if (!y) {
        if (!nn_have_pub(sc) || !sc->ctx->relative_dates) {
            return 0;
        }
        y = nn_infer_year_tense(sc, mo, d ? d : 1, ms, e);
    }
    if (d > nn_days_in_month(y, mo)) {
        return 0;
    }
    int64_t last = (int64_t)y * 12 + (mo - 1);
    const char *v1;
    if (weeks) {
        int sy, sm, sd;
        nn_civil_from_days(nn_days_from_civil(y, (unsigned)mo, (unsigned)d) - 7 * (int64_t)nu + 1,
                           &sy, &sm, &sd);
        v1 = nn_date_text(sc, sy, sm, sd);
    } else if (!d || d == nn_days_in_month(y, mo)) {
        int64_t first = last - (int64_t)nu + 1;
        v1 = nn_date_text(sc, (int)(first / 12), (int)(first % 12) + 1, d ? 1 : 0);
    } else {
        int64_t before = last - (int64_t)nu;
        int sy = (int)(before / 12), sm = (int)(before % 12) + 1;
        v1 = nn_date_text(sc, sy, sm, d + 1 <= nn_days_in_month(sy, sm) ? d + 1 : nn_days_in_month(sy, sm));
    }
    nn_emit_date(sc, st, e, nn_arena_printf(sc, "%s/%s", v1, nn_date_text(sc, y, mo, d)));
    return e;
}

/* A year abbreviated to an apostrophe and two digits after a month and day: "Jan 12, '16",
 * "March 3 \u201998". The century is not in the text: the year ending in those digits at most
 * 20 years after the publication year, else the latest before it (news names past years far
 * more often than future ones: "'69" in 2024 is 1969, "'30" is 2030). Without published_at
 * *year is 0 (the span still takes it; the value has no year). Out of line and cold: rare. */
static __attribute__((noinline, cold)) bool apostrophe_year(const scan *sc, uint32_t pos,
                                                             int *year, uint32_t *end)
{
    const unsigned char *s = (const unsigned char *)sc->s;
    uint32_t q = pos;
    while (q < sc->n && s[q] == ' ') {
        q++;
    }
    if (q < sc->n && s[q] == '\'') {
        q++;
    } else if (q + 2 < sc->n && s[q] == 0xE2 && s[q + 1] == 0x80 && s[q + 2] == 0x99) {
        q += 3;
    } else {
        return false;
    }
    if (q + 2 > sc->n || !is_digit(s[q]) || !is_digit(s[q + 1]) ||
        (q + 2 < sc->n && (is_alnum(s[q + 2]) || s[q + 2] == '\'' || s[q + 2] >= 0x80 ||
                           ((s[q + 2] == '.' || s[q + 2] == ',') && q + 3 < sc->n &&
                            is_digit(s[q + 3]))))) {
        return false;
    }
    *year = nn_year_of_two(sc, (s[q] - '0') * 10 + (s[q + 1] - '0'));
    *end = q + 2;
    return true;
}

/* The date-link flags (cues.tsv year_link, and_range) of the word \p t, 0 when none (the
 * flags' own width: a link flag added above bit 15 must not be cut off). */
nn_cueflags nn_date_link(const scan *sc, const nn_tok *t)
{
    uint32_t len = t->e - t->s;
    unsigned char f = (unsigned char)(sc->s[t->s] | 0x20);
    if (t->kind != TK_WORD || len > 12 || f < 'a' || f > 'z' ||
        !(sc->lx->linkfl[f - 'a'][nn_cue_last(sc->s[t->e - 1])] & (1u << len))) {
        return 0;
    }
    const nn_cue *c = nn_cue_slot(sc->lx, sc->s + t->s, len);
    const nn_cueflags links = CUEF_YEAR_LINK | CUEF_RANGE_OPEN | CUEF_RANGE_AND | CUEF_DAY_AT |
                              CUEF_RANGE_TO | CUEF_PERIOD_TO;
    return c ? c->flags & links : 0;
}

/* "last year", "this year", "next year" at \p pos after a day or month ("on March 5 last year",
 * "in January next year"): the publication year moved by the relmod word (words.tsv), the
 * unit the relunit of calendar.tsv whose duration is a year. Not "last year's" (a possessive:
 * its own date, before a noun), not without published_at (no REF form of a day in a relative
 * year) or with relative dates off. */
static bool rel_year_at(const scan *sc, uint32_t pos, int *year, uint32_t *end)
{
    nn_tok r, u;
    tok(sc, pos, &r);
    if (r.kind != TK_WORD || r.ws != 1 || !sc->ctx->relative_dates || !nn_have_pub(sc)) {
        return false;
    }
    const nn_entry *re = nn_tok_entry(sc, &r, 0);
    if (!re || !(re->roles & NL_RELMOD) || re->rel < -1 || re->rel > 1) {
        return false;
    }
    tok(sc, r.e, &u);
    const nn_entry *ue = u.kind == TK_WORD && u.ws == 1 ? nn_tok_entry(sc, &u, 0) : NULL;
    if (!ue || !(ue->roles & NL_RELUNIT) || ue->dur[0] != 'Y' ||
        (u.e < sc->n && (is_alpha(sc->s[u.e]) || sc->s[u.e] == '\'' ||
                         (unsigned char)sc->s[u.e] == 0xE2))) {
        return false;
    }
    *year = sc->py + re->rel;
    *end = u.e;
    return true;
}

/* After a month: " last year", " of next year" (rel_year_at after an optional year_link). */
bool nn_opt_rel_year(const scan *sc, uint32_t *end, int *year)
{
    nn_tok t;
    uint32_t p = *end;
    tok(sc, p, &t);
    if (t.ws == 1 && (nn_date_link(sc, &t) & CUEF_YEAR_LINK)) {
        p = t.e;
    }
    return rel_year_at(sc, p, year, end);
}

/* After a complete day-month: optional ", YYYY" / " YYYY" / " of YYYY" / " in YYYY" (cues.tsv
 * year_link), the year also in words (", nineteen zero one", " two thousand and eighteen"),
 * abbreviated (", '16"), or relative (" last year", " of next year": rel_year_at). */
void nn_opt_year(const scan *sc, uint32_t *end, int *year)
{
    nn_tok t;
    uint32_t p = *end;
    tok(sc, p, &t);
    if (tok_is(sc, &t, ",")) {
        p = t.e;
    } else if (t.ws == 1 && (nn_date_link(sc, &t) & CUEF_YEAR_LINK)) {
        p = t.e;
    }
    int y;
    uint32_t ye;
    if (nn_read_year(sc, p, &y, &ye) || nn_read_year_words(sc, p, false, &y, &ye) ||
        rel_year_at(sc, p, &y, &ye)) {
        *year = y;
        *end = ye;
    } else if (p < sc->n && (sc->s[p] == ' ' || sc->s[p] == '\'' ||
                             (unsigned char)sc->s[p] == 0xE2) &&
               apostrophe_year(sc, p, &y, &ye)) {
        *year = y;
        *end = ye;
    }
}

bool nn_read_day(const scan *sc, uint32_t pos, int *day, uint32_t *end)
{
    nn_tok t;
    tok(sc, pos, &t);
    if (t.kind == TK_END || t.ws == 2) {
        return false;
    }
    nexpr x;
    if (t.kind == TK_DIGITS) {
        if (t.e - t.s > 2) {
            return false;
        }
        int d = 0;
        for (uint32_t k = t.s; k < t.e; k++) {
            d = d * 10 + (sc->s[k] - '0');
        }
        uint32_t e = t.e;
        if (e < sc->n && is_alpha(sc->s[e])) {
            nn_tok w;
            tok(sc, e, &w);
            if (!nn_is_ord_suffix(sc, &w)) {
                return false;
            }
            e = w.e;
        } else if ((e + 1 < sc->n && sc->s[e] == '.' && is_digit(sc->s[e + 1])) ||
                   (e < sc->n && sc->s[e] == ',' && nn_three_digits(sc, e + 1))) {
            return false;
        } else if (e < sc->n && sc->s[e] == '%') {
            return false;
        }
        if (d < 1 || d > 31) {
            return false;
        }
        /* "March 2 million", "May 5 percent": the number belongs to what follows. */
        nn_tok nx;
        tok(sc, e, &nx);
        const nn_entry *ne = nn_tok_entry(sc, &nx, 0);
        const nn_entry *nce = nn_tok_entry(sc, &nx, 1);
        if (nx.ws != 2 && ((ne && (ne->roles & (NL_SCALE | NL_PCT | NL_UNIT | NL_DUR))) ||
                           (nce && (nce->roles & (NL_ABBR | NL_UNIT))) ||
                           tok_is(sc, &nx, "%"))) {
            return false;
        }
        *day = d;
        *end = e;
        return true;
    }
    uint64_t dv;
    if (t.kind == TK_WORD && nn_parse_numexpr(sc, t.s, 0, &x) && x.words && !x.scaled &&
        !x.fraction && nv_uint(&x.v, 31, &dv) && dv >= 1) {
        *day = (int)dv;
        *end = x.e;
        return true;
    }
    return false;
}

/* The token after pos in a year in words: glued by a hyphen ("nineteen-oh-eight": true, the
 * word after the hyphen in \p t) or not (false, the token in \p t). */
static bool year_part(const scan *sc, uint32_t pos, nn_tok *t)
{
    tok(sc, pos, t);
    if (t->ws == 0 && nn_tok_is_dash(sc, t) && t->e - t->s == 1) {
        nn_tok w;
        tok(sc, t->e, &w);
        if (w.ws == 0 && w.kind == TK_WORD) {
            *t = w;
            return true;
        }
    }
    return false;
}

/* "oh", "o" for the zero of a year's tens ("nineteen oh one"; cues.tsv year_zero): a zero
 * only there (elsewhere "oh" is an exclamation). */
static bool year_zero(const scan *sc, const nn_tok *t)
{
    const nn_cue *c = t->e - t->s <= 2 ? nn_cue_slot(sc->lx, sc->s + t->s, t->e - t->s) : NULL;
    return c && (c->flags & CUEF_YEAR_ZERO);
}

/* A year in words at pos: "nineteen ninety-nine", "nineteen zero one", "twenty twenty-one",
 * "nineteen hundred", "two thousand", "two thousand and five". \p century_only: only the
 * "nineteen ninety-nine" form (a count such as "two thousand" is likelier there). Only when
 * no word follows ("two thousand people" is a count). */
bool nn_read_year_words(const scan *sc, uint32_t pos, bool century_only, int *year,
                            uint32_t *end)
{
    nn_tok a, b, c, z;
    tok(sc, pos, &a);
    const nn_entry *ae = a.kind == TK_WORD && a.ws != 2 ? nn_tok_entry(sc, &a, 0) : NULL;
    if (!ae || !(ae->roles & NL_NUM)) {
        return false;
    }
    int y = 0;
    uint32_t e = 0;
    nexpr x;
    uint64_t v;
    if (!century_only && nn_parse_numexpr(sc, a.s, 0, &x) && x.words && !x.has_lit && !x.ordinal &&
        !x.fraction && nv_uint(&x.v, 2999, &v) && v >= 1000) {
        y = (int)v;
        e = x.e;
    } else if (ae->num >= 10 && ae->num <= 29 && !(ae->roles & NL_ORD)) {
        /* the century as a number (ten .. twenty-nine), then the year in the century */
        bool hy = year_part(sc, a.e, &b);
        const nn_entry *be = b.kind == TK_WORD && (hy || b.ws == 1) ? nn_tok_entry(sc, &b, 0) : NULL;
        bool oh = !be && b.kind == TK_WORD && (hy || b.ws == 1) && year_zero(sc, &b);
        if (!oh && (!be || !(be->roles & NL_NUM))) {
            return false;
        }
        int yy = -1;
        e = b.e;
        if (oh || be->num == 0) {
            /* "nineteen zero one", "nineteen nought five", "nineteen oh one", "nineteen-oh-eight" */
            bool hy2 = year_part(sc, b.e, &c);
            const nn_entry *ce =
                c.kind == TK_WORD && hy2 == hy && (hy || c.ws == 1) ? nn_tok_entry(sc, &c, 0) : NULL;
            if (ce && (ce->roles & NL_NUM) && !(ce->roles & NL_ORD) && ce->num >= 1 &&
                ce->num <= 9) {
                yy = ce->num;
                e = c.e;
            }
        } else if (be->num >= 10 && be->num <= 90 && !(be->roles & NL_ORD)) {
            yy = be->num;
            if (yy >= 20 && yy % 10 == 0) {
                /* "ninety-nine", "ninety nine" */
                tok(sc, b.e, &c);
                uint32_t up = 0;
                if (nn_tok_is_dash(sc, &c) && c.ws == 0) {
                    up = c.e;
                    tok(sc, up, &c);
                    if (c.ws != 0) {
                        up = 0;
                    }
                } else if (c.ws == 1) {
                    up = c.s;
                }
                const nn_entry *ce = up && c.kind == TK_WORD ? nn_tok_entry(sc, &c, 0) : NULL;
                if (ce && (ce->roles & NL_NUM) && !(ce->roles & NL_ORD) && ce->num >= 1 &&
                    ce->num <= 9) {
                    yy += ce->num;
                    e = c.e;
                }
            }
        }
        if (yy < 0) {
            return false;
        }
        y = ae->num * 100 + yy;
    } else {
        return false;
    }
    if (y < 1000 || y > 2999) {
        return false;
    }
    tok(sc, e, &z);
    if (!(z.kind == TK_END || z.ws == 2 ||
          (z.kind == TK_SYM && (tok_is(sc, &z, ".") || tok_is(sc, &z, ",") ||
                                tok_is(sc, &z, ";") || tok_is(sc, &z, ":") ||
                                tok_is(sc, &z, "!") || tok_is(sc, &z, "?") ||
                                tok_is(sc, &z, ")"))))) {
        return false;
    }
    *year = y;
    *end = e;
    return true;
}

const char *nn_dur_text(scan *sc, const nexpr *x, const char *dur)
{
    /* "P" ["T"] number unit, written around the number's text in place (no formatter: this
     * runs for every duration) */
    char buf[2 + 48 + 1];
    char *num = buf + 2;
    size_t cap = 48; /* (the number's text as before: at most 47 characters) */
    nval v = x->v;
    char unit = dur[0];
    if (dur[0] == 'E' || dur[0] == 'C') {
        v.e += dur[0] == 'E' ? 1 : 2; /* decades and centuries in years */
        unit = 'Y';
    } else if (dur[0] == 'T') {
        unit = dur[1] == 'H' ? 'H' : dur[1] == 'M' ? 'M' : 'S';
    }
    if (!nv_text(x->v, false, num, cap) ||
        ((dur[0] == 'E' || dur[0] == 'C') && !nv_text(v, false, num, cap))) {
        return NULL;
    }
    size_t nl = strlen(num);
    char *p = dur[0] == 'T' ? buf : buf + 1;
    p[0] = 'P';
    if (dur[0] == 'T') {
        p[1] = 'T';
    }
    num[nl] = unit;
    return nf_arena_strndup(&sc->doc->arena, p, (size_t)(num + nl + 1 - p));
}

/* A weekday right before a date that starts at pos ("Monday, 28 November"): the mention
 * starts there. */
/* The weekday name written right before pos (a comma between allowed): its entry, and its
 * start in *ws; NULL when there is none. */
static const nn_entry *weekday_word_before(const scan *sc, uint32_t pos, uint32_t *ws)
{
    uint32_t i = pos;
    while (i > 0 && sc->s[i - 1] == ' ') {
        i--;
    }
    bool comma = i > 0 && sc->s[i - 1] == ',';
    bool dot = !comma && i > 0 && sc->s[i - 1] == '.';
    if (comma || dot) {
        i--; /* (a dot only after an abbreviation, below: "Thurs. June 22", "Fri. 5 Sept.") */
    } else if (i > 0 && sc->s[i - 1] == '(') {
        /* "Thursday (13 June)": the date in brackets names the weekday's day (weekday rule
         * "bracket"; nn_close_bracket takes the ")" in) */
        i--;
        comma = true; /* (a lower-case abbreviation counts here as before a comma) */
    }
    /* The word before is the ASCII letters before i (nn_prev_word reads them so): most are no
     * weekday name by their first and last letters and length ("on", "of", "since"), and are
     * neither cut nor looked up (nn_lex.wdfl). */
    uint32_t ls, le = nn_letters_before(sc, i, &ls);
    if (le == ls || (le - ls < 32 &&
                     !((sc->lx->wdfl[sc->s[ls] & 31][sc->s[le - 1] & 31] >> (le - ls)) & 1u))) {
        return NULL;
    }
    nn_tok w;
    if (!nn_prev_word(sc, i, &w) || w.s < sc->last_end) {
        return NULL;
    }
    const nn_entry *e = nn_tok_entry(sc, &w, 0);
    /* a lower-case abbreviation ("wed", "sun", "sat" are words) only before a comma and the
     * date: "wed, 22 of jan" */
    if (e && (e->roles & NL_WEEKDAY) && (w.cap || comma || !(e->cal_flags & CAL_ABBR)) &&
        (!dot || ((e->cal_flags & CAL_ABBR) && w.cap && w.e == i))) {
        *ws = w.s;
        return e;
    }
    return NULL;
}

uint32_t nn_weekday_before(const scan *sc, uint32_t pos)
{
    uint32_t ws;
    return weekday_word_before(sc, pos, &ws) ? ws : pos;
}

uint32_t nn_close_bracket(const scan *sc, uint32_t s, uint32_t e)
{
    if (e >= sc->n || sc->s[e] != ')') {
        return e;
    }
    const char *o = memchr(sc->s + s, '(', e - s);
    return o && !memchr(o, ')', (size_t)(sc->s + e - o)) ? e + 1 : e;
}

/* "N units ago": the publication date moved back, at the unit's precision. */
const char *nn_ago_text(scan *sc, uint64_t nunits, const char *dur)
{
    if (nunits > 5000) {
        return NULL;
    }
    return nn_shift_text(sc, -(int64_t)nunits, dur);
}

/* The publication date moved by \p n units (negative: back), at the unit's precision ("a year
 * ago" 2023, "in a month" 2024-07, "in a week" 2024-06-19); REF+P... without published_at. */
const char *nn_shift_text(scan *sc, int64_t n, const char *dur)
{
    if (!nn_have_pub(sc)) {
        if (!nn_unanchored(sc)) {
            return NULL;
        }
        switch (dur[0]) {
        case 'D':
            return nn_ref_text(sc, n, 'D', 0);
        case 'W':
            return nn_ref_text(sc, 7 * n, 'D', 0); /* a day, as resolved */
        case 'M':
        case 'Y':
            return nn_ref_text(sc, n, dur[0], 0);
        case 'E':
            return nn_ref_text(sc, 10 * n, 'Y', 0);
        case 'C':
            return nn_ref_text(sc, 100 * n, 'Y', 0); /* "a century ago" REF-P100Y */
        default:
            return NULL;
        }
    }
    int64_t days = nn_days_from_civil(sc->py, (unsigned)sc->pm, (unsigned)sc->pd);
    int y, m, d;
    switch (dur[0]) {
    case 'D':
        nn_civil_from_days(days + n, &y, &m, &d);
        return nn_date_text(sc, y, m, d);
    case 'W':
        nn_civil_from_days(days + 7 * n, &y, &m, &d);
        return nn_date_text(sc, y, m, d);
    case 'M': {
        int64_t mm = (int64_t)sc->py * 12 + (sc->pm - 1) + n;
        return nn_date_text(sc, (int)(mm / 12), (int)(mm % 12) + 1, 0);
    }
    case 'Y':
        return nn_date_text(sc, sc->py + (int)n, 0, 0);
    case 'E':
        return nn_date_text(sc, sc->py + 10 * (int)n, 0, 0);
    case 'C':
        return n >= -10 && n <= 10 ? nn_date_text(sc, sc->py + 100 * (int)n, 0, 0) : NULL;
    default:
        return NULL;
    }
}

/* "within a week", "within three months" from the publication day: the interval from that day
 * to the same day a period later ("2024-06-12/2024-06-19"); NULL without published_at (REF
 * values have no interval form) or for other units. */
const char *nn_within_text(scan *sc, int64_t n, char unit)
{
    if (!nn_have_pub(sc) || n < 1 || n > 5000) {
        return NULL;
    }
    int y = sc->py, m = sc->pm, d = sc->pd;
    int64_t days = nn_days_from_civil(y, (unsigned)m, (unsigned)d);
    if (unit == 'D' || unit == 'W') {
        nn_civil_from_days(days + (unit == 'W' ? 7 * n : n), &y, &m, &d);
    } else if (unit == 'M' || unit == 'Y') {
        int64_t mm = (int64_t)y * 12 + (m - 1) + (unit == 'Y' ? 12 * n : n);
        y = (int)(mm / 12);
        m = (int)(mm % 12) + 1;
        d = sc->pd <= nn_days_in_month(y, m) ? sc->pd : nn_days_in_month(y, m);
    } else {
        return NULL;
    }
    return nn_arena_printf(sc, "%s/%s", nn_date_text(sc, sc->py, sc->pm, sc->pd),
                           nn_date_text(sc, y, m, d));
}

/* Calendar units of a duration unit ("Y", "M", "W", "D"), 0 for others. */
int nn_cal_unit(const char *dur)
{
    return (dur[0] == 'Y' || dur[0] == 'M' || dur[0] == 'W' || dur[0] == 'D') && !dur[1]
               ? dur[0]
               : 0;
}

/* Does the future tense govern pos? A cue word earlier in the same sentence: "will", "'ll",
 * "shall", "scheduled", "expected", "due", "plans", "set to", "going to". Bounded look-back. */
/* Start of the sentence around \p pos, at most 240 bytes back. */
static uint32_t sentence_begin(const scan *sc, uint32_t pos)
{
    uint32_t lo = pos > 240 ? pos - 240 : 0;
    uint32_t i = pos;
    while (i > lo && !nn_sentence_end_at(sc, i - 1)) {
        i--;
    }
    return i;
}

uint32_t nn_prev_sentence_begin(const scan *sc, uint32_t pos)
{
    uint32_t p = sentence_begin(sc, pos);
    while (p > 0 && (sc->s[p - 1] == ' ' || nn_sentence_end_at(sc, p - 1))) {
        p--;
    }
    return sentence_begin(sc, p);
}

/* The next word at or after *p and before \p lim, as nn_tok_next cuts them (letter runs,
 * other scripts included), read without hashing: [*ws, *we), *ascii when ASCII letters only.
 * Advances *p past it; false when there is none. With \p stop (NW_SENTENCE, NW_CLAUSE), also
 * false at the first sentence end (or colon) among the bytes passed over: they are the only
 * bytes between the words, and no word holds one (ASCII marks), so this is the end a scan of
 * the bytes from *p would find first, without that scan over the sentence's rest (a cue is
 * most often a few words away). */
/* The end of the run of ASCII letters that starts at \p i (not past \p hi): eight bytes at a
 * time while eight are left, as ascii_letters_back reads them backwards (u[i] is the lowest
 * byte of the eight). */
static inline uint32_t ascii_letters_fwd(const unsigned char *u, uint32_t i, uint32_t hi)
{
#if defined(__BYTE_ORDER__) && __BYTE_ORDER__ == __ORDER_LITTLE_ENDIAN__
    const uint64_t ones = 0x0101010101010101ULL, high = 0x80 * ones;
    while (hi - i >= 8) {
        uint64_t v;
        memcpy(&v, u + i, 8);
        uint64_t x = (v | 0x20 * ones) & 0x7f * ones;
        uint64_t ge_a = x + (0x80 - 'a') * ones, gt_z = x + (0x80 - 'z' - 1) * ones;
        uint64_t other = (~ge_a | gt_z | v) & high;
        if (other) {
            return i + (uint32_t)__builtin_ctzll(other) / 8;
        }
        i += 8;
    }
#endif
    while (i < hi && is_alpha((char)u[i])) {
        i++;
    }
    return i;
}

/* The end of the word's letters from \p q on: the ASCII letters, then a letter of another
 * script, decoded (*ascii false after one), and so on. */
static inline uint32_t word_fwd_end(const scan *sc, uint32_t q, bool *ascii)
{
    const unsigned char *u = (const unsigned char *)sc->s;
    for (;;) {
        q = ascii_letters_fwd(u, q, sc->n);
        if (q >= sc->n || u[q] < 0x80) {
            return q;
        }
        uint32_t cp;
        uint32_t l = nn_cp_at(sc->s, sc->n, q, &cp);
        if (!nn_cp_is_letter(cp)) {
            return q;
        }
        *ascii = false;
        q += l;
    }
}

enum { NW_ALL = 0, NW_SENTENCE, NW_CLAUSE };
static inline __attribute__((always_inline)) bool next_word(const scan *sc, uint32_t *p,
                                                             uint32_t lim, int stop, uint32_t *ws,
                                                             uint32_t *we, bool *ascii)
{
    const unsigned char *u = (const unsigned char *)sc->s;
    while (*p < lim) {
        uint32_t q = *p;
#if defined(__SSE2__)
        /* Sixteen bytes at a time, as word_back: up to the first that is a letter, a byte above
         * ASCII or a mark that may end the sentence or clause ('.', '!', '?', a line break,
         * ':'), the bytes are blanks and other marks the byte loop below passes over; a letter
         * there starts the word, whose letters end at the first byte no letter after it. A
         * mark or a byte above ASCII is left to the byte loop. */
        if (lim - q >= 16) {
            __m128i v = _mm_loadu_si128((const __m128i *)(const void *)(u + q));
            __m128i mark = _mm_or_si128(
                _mm_or_si128(_mm_cmpeq_epi8(v, _mm_set1_epi8('.')), _mm_cmpeq_epi8(v, _mm_set1_epi8('!'))),
                _mm_or_si128(_mm_or_si128(_mm_cmpeq_epi8(v, _mm_set1_epi8('?')),
                                          _mm_cmpeq_epi8(v, _mm_set1_epi8('\n'))),
                             _mm_cmpeq_epi8(v, _mm_set1_epi8(':'))));
            uint32_t letter = nn_letter_mask16(v);
            uint32_t seen = letter | (uint32_t)_mm_movemask_epi8(_mm_or_si128(v, mark));
            if (!seen) {
                *p = q + 16;
                continue;
            }
            uint32_t first = (uint32_t)__builtin_ctz(seen);
            q = *p = q + first;
            if ((letter >> first) & 1u) {
                uint32_t nonl = ~letter & (0xFFFFu << first) & 0xFFFFu;
                uint32_t e = nonl ? q - first + (uint32_t)__builtin_ctz(nonl) : q - first + 16;
                *ascii = true;
                if (!nonl || u[e] >= 0x80) {
                    e = word_fwd_end(sc, e, ascii); /* (the word may go on) */
                }
                *ws = q;
                *we = *p = e;
                return true;
            }
        }
#endif
        if (u[q] == ' ') {
            (*p)++; /* (most bytes between words: no further test) */
            continue;
        }
        *ascii = true;
        q = word_fwd_end(sc, q, ascii);
        if (q == *p) {
            if (stop && (nn_sentence_end_at(sc, q) || (stop == NW_CLAUSE && u[q] == ':'))) {
                return false;
            }
            (*p)++; /* digits, blanks, symbols (a multi-byte one goes byte by byte: no letter) */
            continue;
        }
        *ws = *p;
        *we = q;
        *p = q;
        return true;
    }
    return false;
}

/* True when the sentence before \p pos has a future cue (data/numbers/tense.tsv): "will",
 * "due", "scheduled"... makes "in 3 weeks" a date. */
bool nn_future_cue(const scan *sc, uint32_t pos)
{
    uint32_t ws, we;
    bool ascii;
    for (uint32_t p = sentence_begin(sc, pos); next_word(sc, &p, pos, NW_ALL, &ws, &we, &ascii);) {
        uint32_t len = we - ws;
        if (ascii && len >= 2 && len <= 9 && nn_cue_of(sc->lx, sc->s + ws, len) == CUE_FUTURE) {
            return true;
        }
    }
    return false;
}

bool nn_future_at(const scan *sc, uint32_t s, uint32_t e)
{
    /* (a cue after the date only when the date opens the sentence, "In 3 weeks, the company
     * will": elsewhere the words after it are often no verb of it, "fatalities in a day due
     * to the virus") */
    return nn_future_cue(sc, s) || (nn_sentence_start(sc, s) && nn_tense_at(sc, s, e) > 0);
}

/* Tense of the sentence around [s, e) read from its verbs (data/numbers/tense.tsv), one word
 * at a time: +1 at a future cue, -1 at a past cue unless an auxiliary comes right before it
 * ("will be held", "has been signed": a participle), 0 elsewhere. */
typedef struct tense_rd {
    const scan *sc;
    int prev_cue;             /* cue of the word before, CUE_NONE when it was no cue */
    /* the word before, [prev_ws, prev_we) (empty: none), ASCII letters only when prev_ascii:
     * whether it is an article (cues.tsv np_det) is asked only before a past form by its
     * suffix, the one word it decides for */
    uint32_t prev_ws, prev_we;
    bool prev_ascii;
    bool sched;               /* the date is a weekday: verbs of schedule are future cues */
} tense_rd;

/* tense_cue's answer for a past cue by its suffix only (tense.tsv "*ed"): an adjective after
 * an article ("a delayed vote", "the planned summit") is none. */
#define CUE_PAST_SFX (CUE_COUNT + 1)

/* The cue of a lower-case word of at least three letters more than a tense suffix it ends with
 * (tense.tsv "*ed past": "filed", "suspended"), CUE_NONE else. Capitalised words are names
 * ("United", "Ahmed"). */
static inline int tense_by_suffix(const nn_lex *lx, const char *w, uint32_t len)
{
    if (w[0] < 'a' || w[0] > 'z') {
        return CUE_NONE;
    }
    for (uint32_t k = 0; k < lx->n_tense_sfx; k++) {
        uint32_t sl = lx->tense_sfx[k].len;
        /* (the last letter first: most words end otherwise, and pass without the call) */
        if (len >= sl + 3 && w[len - 1] == lx->tense_sfx[k].text[sl - 1] &&
            memcmp(w + len - sl, lx->tense_sfx[k].text, sl) == 0) {
            return lx->tense_sfx[k].cue == CUE_PAST ? CUE_PAST_SFX : lx->tense_sfx[k].cue;
        }
    }
    return CUE_NONE;
}

/* nn_cue_slot of the ASCII word [ws, we) whose first and last letters' low five bits make
 * \p cell (32 first + last) and that passes tensefl with its length: the few cue words of
 * those letters (nn_lex.tense_words), compared eight letters at a time (the eight bytes that
 * end the word, and for a longer word the eight that begin it: the field's bytes, the word
 * not at its very start). Its cue in *cue and flags in *fl; false when it is none. */
static inline bool tense_slot(const scan *sc, uint32_t ws, uint32_t we, uint32_t cell, int *cue,
                              nn_cueflags *fl)
{
    const nn_lex *lx = sc->lx;
    uint32_t len = we - ws;
#if defined(__BYTE_ORDER__) && __BYTE_ORDER__ == __ORDER_LITTLE_ENDIAN__
    if (we >= 8 && len <= 16) {
        const uint64_t lc = 0x2020202020202020ULL; /* (letters only: | 0x20 lower-cases) */
        uint64_t tail, head = 0;
        memcpy(&tail, sc->s + we - 8, 8);
        tail = (tail | lc) & (len >= 8 ? ~0ULL : ~0ULL << (8 * (8 - len)));
        if (len > 8) {
            memcpy(&head, sc->s + ws, 8);
            head |= lc;
        }
        for (uint32_t k = lx->tensefl[cell] >> 16; k < lx->tensefl[cell + 1] >> 16; k++) {
            const nn_tense_word *c = &lx->tense_words[k];
            if ((c->len == len) & (c->tail8 == tail) & (c->head8 == head)) {
                *cue = c->cue;
                *fl = c->flags;
                return true;
            }
        }
        return false;
    }
#endif
    (void)cell; /* (a word at the field's start, of more than 16 letters, or another byte order) */
    const nn_cue *c = nn_cue_slot(lx, sc->s + ws, len);
    *cue = c ? c->cue : CUE_NONE;
    *fl = c ? c->flags : 0;
    return c != NULL;
}

/* The verb-tense cue (CUE_FUTURE, CUE_PAST, CUE_AUX; CUE_PAST_SFX; CUE_CLAUSE) of the ASCII
 * word [ws, we), CUE_NONE for any other word, and in *fl its cues.tsv flags (CUEF_*, 0 when
 * none): a listed word by its cue (its first and last letters and length together are those of
 * a listed word or of a tense flag's word, tensefl, before it is looked up, once; no_tense words
 * are none), else by its suffix (when its last letter ends one: tensefl's bit 0). */
static inline int tense_cue(const scan *sc, uint32_t ws, uint32_t we, nn_cueflags *fl)
{
    const nn_lex *lx = sc->lx;
    uint32_t len = we - ws, bit = 1u << (len < 15 ? len : 15);
    uint32_t cell = (uint32_t)(sc->s[ws] & 31) * 32 + (uint32_t)(sc->s[we - 1] & 31);
    uint32_t pass = lx->tensefl[cell];
    *fl = 0;
    if (!(pass & (bit | 1))) {
        return CUE_NONE; /* (most words: no listed word and no suffix ends so) */
    }
    if (pass & bit) {
        int cue = CUE_NONE;
        tense_slot(sc, ws, we, cell, &cue, fl);
        if (cue == CUE_FUTURE || cue == CUE_PAST || cue == CUE_AUX) {
            return cue;
        }
        if (cue == CUE_CLAUSE) {
            return cue;
        }
        if (cue == CUE_NO_TENSE) {
            return CUE_NONE;
        }
    }
    return pass & 1 ? tense_by_suffix(lx, sc->s + ws, len) : CUE_NONE;
}

/* The word after " to " right after \p we ("due to the storm", "was to end"), one blank on
 * each side: false when none follows. (cause_to and be_to read what "to" leads to.) */
static bool word_after_to(const scan *sc, uint32_t we, nn_tok *w)
{
    nn_tok to;
    tok(sc, we, &to);
    if (to.ws != 1 || !tok_word(sc, &to, "to")) {
        return false;
    }
    tok(sc, to.e, w);
    return w->kind == TK_WORD && w->ws == 1;
}

/* "next" (cues.tsv rank_next) ending at \p we before a superlative (cues.tsv superlative),
 * one blank or a hyphen between: "the next highest toll", "the next-largest lender" rank, they
 * speak of no time to come. */
static bool rank_next(const scan *sc, uint32_t we)
{
    nn_tok w;
    tok(sc, we, &w);
    bool hyphen = w.kind == TK_SYM && w.ws == 0 && tok_is(sc, &w, "-");
    if (hyphen) {
        tok(sc, w.e, &w);
    }
    return w.kind == TK_WORD && w.ws == (hyphen ? 0 : 1) && nn_word_flag(sc, &w, CUEF_SUPERLATIVE);
}

/* A future cue ending at \p we (\p fl: its flags) that is none here: "due" (cues.tsv cause_to)
 * before "to" and a noun phrase - an article, a determiner or a plural: "due to the storm",
 * "due to a glitch", "due to concerns" - means "because of" (before a verb it is one: "due to
 * reopen"); "next" before a superlative ranks (rank_next). */
/* (out of line: asked rarely, kept out of the tense reader's loop) */
__attribute__((noinline)) static bool future_undone(const scan *sc, nn_cueflags fl, uint32_t we)
{
    nn_tok w;
    if (fl & CUEF_RANK_NEXT) {
        return rank_next(sc, we);
    }
    if (!(fl & CUEF_CAUSE_TO) || !word_after_to(sc, we, &w)) {
        return false;
    }
    uint32_t len = w.e - w.s;
    const nn_entry *e = nn_tok_entry((scan *)sc, &w, 0);
    bool plural = !w.cap && len >= 4 && sc->s[w.e - 1] == 's' && sc->s[w.e - 2] != 's';
    return plural || (e && (e->roles & NL_DET)) || nn_cue_of(sc->lx, sc->s + w.s, len) == CUE_NP_DET;
}

bool nn_grammar_word(const scan *sc, const nn_tok *t)
{
    const nn_entry *e = nn_tok_entry((scan *)sc, t, 0);
    if (e && (e->roles & (NL_DET | NL_PREP | NL_FUNC))) {
        return true;
    }
    const nn_cue *c = nn_cue_slot(sc->lx, sc->s + t->s, t->e - t->s);
    return c && (c->cue == CUE_NP_DET || c->cue == CUE_AFTER_VERB || c->cue == CUE_CLAUSE ||
                 (c->flags & CUEF_POSS));
}

/* A past form by its suffix ending at \p we before its noun: a lower-case word right after it
 * that is no grammar word (nn_grammar_word) or number makes it an adjective, no tense ("will
 * raise regulated fuel prices", "armed drones"; "arrested him", "filed a lawsuit", "produced
 * 10,000 litres" are verbs). */
/* (out of line: asked rarely, kept out of the tense reader's loop) */
__attribute__((noinline)) static bool sfx_adjective(const scan *sc, uint32_t we)
{
    nn_tok nx;
    tok(sc, we, &nx);
    if (nx.kind != TK_WORD || nx.cap || nx.ws != 1 || !(nx.tf & NN_TF_ASCII)) {
        return false;
    }
    const nn_entry *e = nn_tok_entry((scan *)sc, &nx, 0);
    return !(e && (e->roles & (NL_NUM | NL_ORD))) && !nn_grammar_word(sc, &nx);
}

/* "was", "were", "is", "are" (cues.tsv be_to; \p fl: the word's flags) ending at \p we, before
 * "to" and a lower-case word that is no article or determiner: "was to end", the future seen
 * from the past, no side; "is to visit", arranged to come (the callers tell the two by the
 * present flag). Not before an idiom's word ("is to blame": cues.tsv to_idiom). */
__attribute__((noinline)) static bool be_to(const scan *sc, nn_cueflags fl, uint32_t we)
{
    nn_tok w;
    if (!(fl & CUEF_BE_TO) || !word_after_to(sc, we, &w) || w.cap ||
        nn_word_flag(sc, &w, CUEF_TO_IDIOM)) {
        return false;
    }
    const nn_entry *e = nn_tok_entry((scan *)sc, &w, 0);
    return !(e && (e->roles & (NL_DET | NL_FUNC))) &&
           nn_cue_of(sc->lx, sc->s + w.s, w.e - w.s) != CUE_NP_DET;
}

/* The word after [.., we) is "by": a past form before it is a passive participle ("followed by
 * the primary"), no tense. */
/* (out of line: asked rarely, kept out of the tense reader's loop) */
__attribute__((noinline)) static bool passive_by(const scan *sc, uint32_t we)
{
    nn_tok b;
    tok(sc, we, &b);
    return b.ws == 1 && tok_word(sc, &b, "by");
}

/* A verb of schedule in the present ("opens", "meets"; cues.tsv schedule) is a future cue for
 * a weekday only (\p sched): "The museum opens on Monday" is the next Monday, but "the sale
 * ends Sept. 30" in November is as often this year's as next year's. */
static inline int sched_cue(int cue, nn_cueflags fl, bool sched)
{
    return cue == CUE_FUTURE && (fl & CUEF_SCHEDULE) && !sched ? CUE_NONE : cue;
}

static int tense_word(tense_rd *rd, uint32_t ws, uint32_t we, bool ascii)
{
    nn_cueflags fl = 0;
    int cue = ascii ? tense_cue(rd->sc, ws, we, &fl) : CUE_NONE;
    cue = sched_cue(cue, fl, rd->sched); /* (after tense_cue: it sets fl) */
    int prev = rd->prev_cue;
    uint32_t pws = rd->prev_ws, pwe = rd->prev_we;
    bool pascii = rd->prev_ascii;
    rd->prev_cue = cue;
    rd->prev_ws = ws;
    rd->prev_we = we;
    rd->prev_ascii = ascii;
    if (cue == CUE_FUTURE) {
        return future_undone(rd->sc, fl, we) ? 0 : 1;
    }
    if (cue == CUE_PAST && be_to(rd->sc, fl, we)) {
        return 0;
    }
    if (cue == CUE_AUX && (fl & CUEF_PRESENT) && be_to(rd->sc, fl, we)) {
        return 1; /* ("On Friday, the president is to visit Paris") */
    }
    if (cue == CUE_PAST_SFX) {
        bool prev_det = pascii && pwe > pws &&
                        nn_cue_of(rd->sc->lx, rd->sc->s + pws, pwe - pws) == CUE_NP_DET;
        return prev != CUE_AUX && !prev_det && !passive_by(rd->sc, we) &&
                       !sfx_adjective(rd->sc, we)
                   ? -1
                   : 0;
    }
    return cue == CUE_PAST && prev != CUE_AUX ? -1 : 0;
}

/* Which way a relative date at [s, e) points: the nearest tense cue before it in its sentence
 * decides ("Ecuador will import ..., the minister said on Thursday": past), else the first one
 * after it ("On Friday, the board will vote": future). +1 future, -1 past, 0 when the sentence
 * says nothing. */
/* The code point that ends at \p i (not before \p lo): its start in *cs; true when it is a
 * letter (invalid bytes are one U+FFFD each, no letter). */
static bool letter_before(const scan *sc, uint32_t lo, uint32_t i, uint32_t *cs)
{
    const unsigned char *u = (const unsigned char *)sc->s;
    if (u[i - 1] < 0x80) {
        *cs = i - 1;
        return is_alpha((char)u[i - 1]);
    }
    uint32_t b = i - 1;
    while (b > lo && b + 3 > i && (u[b] & 0xC0) == 0x80) {
        b--;
    }
    uint32_t cp;
    if (nn_cp_at(sc->s, sc->n, b, &cp) != i - b) {
        *cs = i - 1;
        return false;
    }
    *cs = b;
    return nn_cp_is_letter(cp);
}

/* The start of the run of ASCII letters that ends at \p i (not before \p lo). Eight bytes at a
 * time while eight are left (a word of the tense reader's walk is mostly read in one step,
 * where a byte loop takes eight instructions a letter): per byte, the high bit of ge_a says
 * "at least 'a'", of gt_z "above 'z'" (after folding to lower case; the bytes' own high bits
 * are cleared first, so no sum carries into the next byte), and the byte's own high bit a
 * byte of another script: any of them ends the run there. */
static inline uint32_t ascii_letters_back(const unsigned char *u, uint32_t lo, uint32_t i)
{
#if defined(__BYTE_ORDER__) && __BYTE_ORDER__ == __ORDER_LITTLE_ENDIAN__
    const uint64_t ones = 0x0101010101010101ULL, high = 0x80 * ones;
    while (i - lo >= 8) {
        uint64_t v;
        memcpy(&v, u + i - 8, 8); /* (u[i - 1] is the highest byte) */
        uint64_t x = (v | 0x20 * ones) & 0x7f * ones;
        uint64_t ge_a = x + (0x80 - 'a') * ones, gt_z = x + (0x80 - 'z' - 1) * ones;
        uint64_t other = (~ge_a | gt_z | v) & high;
        if (other) {
            return i - 8 + (uint32_t)(63 - __builtin_clzll(other)) / 8 + 1;
        }
        i -= 8;
    }
#endif
    while (i > lo && is_alpha((char)u[i - 1])) {
        i--;
    }
    return i;
}

/* The word before \p *p in its sentence (not before \p lo), read backwards: [*ws, *we),
 * *ascii when ASCII letters only; *p moves to its start. False at the sentence's start. */
/* (inlined: the tense reader calls it once per word, up to the sentence's start) */
static inline __attribute__((always_inline)) bool word_back(const scan *sc, uint32_t lo,
                                                             uint32_t *p, uint32_t *ws,
                                                             uint32_t *we, bool *ascii)
{
    const unsigned char *u = (const unsigned char *)sc->s;
    uint32_t i = *p, cs;
    bool found = false;
#if defined(__SSE2__)
    /* Most words are found in the sixteen bytes before *p, read by one load as masks: when the
     * last of them that is a letter, a byte above ASCII or a sentence mark ('.', '!', '?', a
     * line break) is a letter, the bytes after it are blanks and other marks the loop below
     * passes over, and that letter ends the word; its letters go back to the last byte no
     * letter before it (no loop whose exits mispredict by the count of blanks and letters). */
    if (i - lo >= 16) {
        __m128i v = _mm_loadu_si128((const __m128i *)(const void *)(u + i - 16));
        __m128i mark = _mm_or_si128(
            _mm_or_si128(_mm_cmpeq_epi8(v, _mm_set1_epi8('.')), _mm_cmpeq_epi8(v, _mm_set1_epi8('!'))),
            _mm_or_si128(_mm_cmpeq_epi8(v, _mm_set1_epi8('?')), _mm_cmpeq_epi8(v, _mm_set1_epi8('\n'))));
        uint32_t letter = nn_letter_mask16(v);
        uint32_t seen = letter | (uint32_t)_mm_movemask_epi8(_mm_or_si128(v, mark));
        uint32_t top = seen ? (uint32_t)(31 - __builtin_clz(seen)) : 0;
        if ((letter >> top) & 1u) {
            *we = i - 16 + top + 1;
            uint32_t nonl = ~letter & ((1u << top) - 1);
            i = nonl ? i - 16 + (uint32_t)(32 - __builtin_clz(nonl)) : ascii_letters_back(u, lo, i - 16);
            found = true;
        }
    }
#endif
    if (!found) {
        /* Back over what is no letter to the word's last letter. ASCII bytes (nearly all) are
         * classed here without letter_before's call and decoding. */
        for (;;) {
            if (i <= lo) {
                return false;
            }
            if (u[i - 1] == ' ') {
                i--; /* (most bytes between words: no further test) */
                continue;
            }
            if (u[i - 1] < 0x80) {
                if (is_alpha((char)u[i - 1])) {
                    break;
                }
                cs = i - 1;
            } else if (letter_before(sc, lo, i, &cs)) {
                break;
            }
            if (nn_sentence_end_at(sc, cs)) {
                return false;
            }
            i = cs;
        }
        *we = i;
        i = ascii_letters_back(u, lo, i);
    }
    /* Back over its letters: ASCII ones directly, others decoded. */
    *ascii = true;
    while (i > lo && u[i - 1] >= 0x80 && letter_before(sc, lo, i, &cs)) {
        *ascii = false;
        i = ascii_letters_back(u, lo, cs);
    }
    *ws = *p = i;
    return true;
}


/* Whether the word ending at \p s ("to May 1": the word before the date) is a defer_to word. */
static bool defer_target(const scan *sc, uint32_t s)
{
    nn_tok pw;
    if (!nn_prev_word(sc, s, &pw) || pw.kind != TK_WORD || pw.e - pw.s > 5) {
        return false;
    }
    return nn_word_flag(sc, &pw, CUEF_DEFER_TO);
}

/* A past form by its suffix that ends at \p we is no tense when it is an adjective after an
 * article (the word before it, [ws2, we2), when \p before: an ASCII word of its sentence) or
 * a passive before "by". (Out of line: one call a past form the walk meets.) */
static __attribute__((noinline)) bool sfx_no_tense(const scan *sc, bool before, uint32_t ws2,
                                                   uint32_t we2, uint32_t we)
{
    return (before && nn_cue_of(sc->lx, sc->s + ws2, we2 - ws2) == CUE_NP_DET) ||
           passive_by(sc, we) || sfx_adjective(sc, we);
}

/* nn_tense_before, with TENSE_NOW, and with \p defer TENSE_DEFER (month-day dates and months
 * only: a weekday is within a week of publication, where a deferral reported after the new day
 * is as likely as one before it, "The talks were delayed until Sunday by the storm": the verbs'
 * tense decides as before). */
static int tense_back(const scan *sc, uint32_t s, bool defer, bool sched)
{
    uint32_t ws = 0, we = 0;
    bool ascii;
    int target = defer ? -1 : 0; /* (defer_target, asked at the first past cue: -1 not yet) */
    /* Backwards from the date: the nearest cue decides. A past cue waits for the word before
     * it, which the walk reads next anyway (past: its cue, past_we: its end): after an
     * auxiliary it is a participle, no tense, and that word decides as any other. */
    int past = CUE_NONE;
    uint32_t past_we = 0;
    uint32_t lo = s > 240 ? s - 240 : 0;
    for (uint32_t p = s; word_back(sc, lo, &p, &ws, &we, &ascii);) {
        nn_cueflags fl = 0;
        int cue = ascii ? tense_cue(sc, ws, we, &fl) : CUE_NONE;
        if (past != CUE_NONE) {
            if (cue != CUE_AUX &&
                !(past == CUE_PAST_SFX && sfx_no_tense(sc, ascii, ws, we, past_we))) {
                return -1;
            }
            past = CUE_NONE;
        }
        cue = sched_cue(cue, fl, sched); /* (after tense_cue: it sets fl) */
        if (cue == CUE_FUTURE && !future_undone(sc, fl, we)) {
            return 1;
        }
        if (cue == CUE_AUX && (fl & CUEF_PRESENT)) {
            return be_to(sc, fl, we) ? 1 : TENSE_NOW; /* ("is to visit": arranged, to come) */
        }
        if (cue == CUE_PAST && be_to(sc, fl, we)) {
            return TENSE_NOW;
        }
        if (cue == CUE_CLAUSE) {
            return 0; /* (the date's own clause starts here: the reader reads on after it) */
        }
        if ((cue == CUE_PAST || cue == CUE_PAST_SFX) && (fl & CUEF_DEFER)) {
            target = target < 0 ? defer_target(sc, s) : target;
            if (target) {
                return TENSE_DEFER; /* (after an auxiliary too: "was postponed to") */
            }
        }
        if (cue == CUE_PAST || cue == CUE_PAST_SFX) {
            past = cue;
            past_we = we;
        }
    }
    /* (a past cue that opens the sentence) */
    return past == CUE_PAST || (past == CUE_PAST_SFX && !sfx_no_tense(sc, false, ws, we, past_we))
               ? -1
               : 0;
}

int nn_tense_before(const scan *sc, uint32_t s)
{
    int t = tense_back(sc, s, false, false);
    return t == TENSE_NOW ? 0 : t;
}

/* tense_at's reading forwards from \p e to the end of the sentence (next_word stops there):
 * the first cue decides. (Out of line, next_word inlined in its loop: the walk's registers and
 * constants are set once a walk, not once a word.) */
static __attribute__((noinline)) int tense_forward(const scan *sc, uint32_t e, bool clause,
                                                   bool sched)
{
    uint32_t ws, we;
    bool ascii;
    uint32_t lim = e + 240 < sc->n ? e + 240 : sc->n;
    tense_rd rd = {sc, CUE_NONE, 0, 0, false, sched};
    for (uint32_t p = e; next_word(sc, &p, lim, clause ? NW_CLAUSE : NW_SENTENCE, &ws, &we, &ascii);) {
        int t = tense_word(&rd, ws, we, ascii);
        if (t) {
            return t;
        }
    }
    return 0;
}

/* nn_tense_at; with \p clause (the month rule's reading), only the date's clause decides: a
 * present-tense auxiliary nearest before the date (TENSE_NOW) answers 0 without reading on,
 * and reading on stops at a colon ("a statement it first put out in July: "The people will
 * decide..."": the quotation is another clause). The weekday and day rules keep their
 * reading ("Super Tuesday ... is referred to as" reads on to the sentence's future cue). With
 * \p defer (month-day dates and months), TENSE_DEFER as tense_back gives it. */
static int tense_at(const scan *sc, uint32_t s, uint32_t e, bool clause, bool defer, bool sched)
{
    int back = tense_back(sc, s, defer, sched); /* (TENSE_DEFER is returned as it is: span_end asks) */
    if (back == TENSE_NOW) {
        back = 0;
        if (clause) {
            return 0;
        }
    }
    if (back) {
        return back;
    }
    return tense_forward(sc, e, clause, sched);
}

int nn_tense_at(const scan *sc, uint32_t s, uint32_t e)
{
    return tense_at(sc, s, e, false, false, false);
}

int nn_tense_at_weekday(const scan *sc, uint32_t s, uint32_t e)
{
    return tense_at(sc, s, e, false, false, true);
}

/* ---- Month intervals: quarters, halves, "January-October" -------------------------------- */

uint32_t nn_with_the(const scan *sc, uint32_t s)
{
    nn_tok pw;
    if (nn_prev_word(sc, s, &pw) && tok_word(sc, &pw, "the") && pw.s >= sc->last_end &&
        pw.ws != 2) {
        return pw.s;
    }
    return s;
}

bool nn_emit_day_range(scan *sc, uint32_t s, uint32_t e, int y, int mo, int d1, int d2)
{
    if (d1 < 1 || d2 <= d1 || d2 > nn_days_in_month(y ? y : 2000, mo)) {
        return false;
    }
    nn_emit_date(sc, s, e, nn_date_span_text(sc, y, mo, d1, y, mo, d2));
    return true;
}

uint32_t nn_emit_months(scan *sc, uint32_t s, uint32_t e, int m1, int m2)
{
    int y = 0;
    uint32_t end = e;
    nn_opt_year(sc, &end, &y);
    int y1 = 0, y2 = 0;
    if (y) {
        y2 = y;
        y1 = m2 < m1 ? y - 1 : y;
    } else if (nn_have_pub(sc) && sc->ctx->relative_dates) {
        /* future: the first such interval that has not ended; else the latest that has begun
         * (past-tense reporting, or no cue: "fourth-quarter sales rose"). Both are found
         * first, by months (the first day of a month is on or before the publication day when
         * its month is, the last day on or after it when its month is); the verbs are read only
         * when the two differ (not for an interval around publication: "the September quarter"
         * in August). */
        int py = sc->py, pm = sc->pm;
        if (sc->pd > nn_days_in_month(py, pm)) { /* (a day past its month's end: the next's) */
            int pd;
            nn_civil_from_days(nn_days_from_civil(py, (unsigned)pm, (unsigned)sc->pd), &py, &pm, &pd);
        }
        int64_t pubm = (int64_t)py * 12 + pm;
        int fy1 = 0, fy2 = 0;
        for (int a = sc->py - 1; a <= sc->py + 1; a++) {
            int b = m2 < m1 ? a + 1 : a;
            if ((int64_t)b * 12 + m2 >= pubm && !fy1) {
                fy1 = a;
                fy2 = b;
            }
            if ((int64_t)a * 12 + m1 <= pubm) {
                y1 = a;
                y2 = b;
            }
        }
        if (fy1 != y1 && nn_tense_at(sc, s, e) > 0) {
            y1 = fy1;
            y2 = fy2;
        }
    }
    nn_emit_date(sc, s, end, nn_date_span_text(sc, y1, m1, 0, y2, m2, 0));
    return end;
}
