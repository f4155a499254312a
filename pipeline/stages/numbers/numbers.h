#ifndef NF_PIPELINE_STAGES_NUMBERS_H
#define NF_PIPELINE_STAGES_NUMBERS_H

/* Private to the numbers stage (the files of pipeline/stages/numbers) and its tests.
 *
 * The stage is one forward scanner over each field. It only starts work at digits, currency
 * symbols and words of a small lexicon (number words, months, currencies, units, ...), looked up
 * by a hash of the lower-cased token; everything it finds is appended to the doc as NF_ANN_NUMBER
 * annotations with byte spans that never overlap. */

#include "common/tokens.h"
#include "common/utf8.h"
#include "config/config.h"
#include "pipeline/stage.h"

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>
#include <string.h>
#if defined(__SSE2__) && defined(__x86_64__)
#include <emmintrin.h>
#endif

/* ---- Lexicon --------------------------------------------------------------------------- */

/* Roles of a lexicon entry (one key may have several: "second" is an ordinal, "m" is a scale
 * abbreviation and a unit, "pound" a currency and a unit). */
enum {
    NL_NUM = 1u << 0,      /* number word: num */
    NL_SCALE = 1u << 1,    /* hundred/thousand/million...: scale (power of ten) */
    NL_MULT = 1u << 2,     /* dozen: num (multiplier) */
    NL_ABBR = 1u << 3,     /* k, bn, mln...: scale; abbr_flags */
    NL_ORD = 1u << 4,      /* first, second...: num (ordinal value) */
    NL_ORDSCALE = 1u << 5, /* hundredth, millionth: scale */
    NL_FRAC = 1u << 6,     /* half, quarter: frac (denominator) */
    NL_MOD = 1u << 7,      /* about, more than...: mod */
    NL_NEG = 1u << 8,      /* minus, negative */
    NL_DET = 1u << 9,      /* the, this, which...: "the one" is not a number */
    NL_PREP = 1u << 10,    /* in, since, by...: makes a bare 4-digit number a year */
    NL_FUNC = 1u << 11,    /* capitalised function word: "In 2019" is not a name */
    NL_MONTH = 1u << 12,   /* month: month, cal_flags */
    NL_WEEKDAY = 1u << 13, /* weekday: weekday, cal_flags */
    NL_DUR = 1u << 14,     /* year(s), months...: dur */
    NL_REL = 1u << 15,     /* today/yesterday/tomorrow: rel (days) */
    NL_RELMOD = 1u << 16,  /* last/this/next/past: rel (-1, 0, 1) */
    NL_PCT = 1u << 17,     /* percent words: pct */
    NL_UNIT = 1u << 18,    /* unit of measure: unit, unit_flags */
    NL_CUR = 1u << 19,     /* currency form: cur_* */
    NL_AGO = 1u << 20,     /* "ago" */
    NL_POINT = 1u << 21,   /* "point(s)" after a fraction word: percentage points */
    NL_PCTHEAD = 1u << 22, /* first token of a percent key ("per" of "per cent") */
    NL_RELDAY = 1u << 23,  /* "day" of "the next day", "the day before": relday */
    NL_DAYSIDE = 1u << 24, /* the words around it: dayside (relday: +1 after, -1 before) */
    NL_RELUNIT = 1u << 25, /* "week", "month", "year" of "the following year": relunit */
    NL_RELHEAD = 1u << 26, /* a dayside word that starts a look: "following" (flag head) */
    NL_WEEKEND = 1u << 27, /* "weekend": weekend */
    NL_HOLIDAY = 1u << 28, /* a fixed-day holiday: holiday (month, day in num) */
    NL_HOLEND = 1u << 29,  /* the last word of a holiday's name ("day", "eve"): a look back */
    NL_PREFIX = 1u << 30,  /* a longer (multi-token) key starts with this key */
};
/* (the last bit, as a macro: 1u << 31 is no int, and enum constants are) */
#define NL_CLOCKWORD (1u << 31) /* "noon", "midnight": clockword (minutes of the day in num) */

enum { AB_GLUE = 1, AB_SEP = 2, AB_MONEY = 4, AB_DEC = 8, AB_BIG = 16, AB_COUNT = 32 }; /* abbr_flags */
enum { CAL_ABBR = 1, CAL_WEAK = 2, CAL_PAIR = 4, CAL_WORK = 8 }; /* cal_flags (CAL_PAIR: a unit of
  two, "fortnight"; CAL_WORK: a relday word that is a day Monday to Friday, "weekday") */
enum { RD_BEFORE_DAY = 1, RD_AFTER_DAY = 2 };                   /* relday_flags */
enum { UF_CS = 1, UF_GLUE = 2, UF_WEAK = 4, UF_FEET = 8 };      /* unit_flags */
enum { CK_CODE = 1, CK_WORD, CK_MINOR, CK_SAT, CK_SYM };        /* cur_kind */
/* cur_flags: CF_WEAK_WORDS: a currency after digits or a scale only, after a number in words the
 * verb ("5,000 won", "two billion won"; "the two won praise") */
/* CF_TENTH: a minor unit of a tenth of the unit ("jiao"; the others are hundredths). */
enum { CF_WORDLIKE = 1, CF_LC = 2, CF_WEAK = 4, CF_BEFORE = 8, CF_WEAK_WORDS = 16, CF_TENTH = 32 };
enum { PCT_PERCENT = 1, PCT_PP, PCT_BP };                       /* pct */
enum { MOD_NONE = 0, MOD_APPROX, MOD_GT, MOD_LT, MOD_GE, MOD_LE }; /* mod */

/* One key of the lexicon. Keys are tokens joined as they appear in text with whitespace runs
 * folded to one space ("per cent", "US$", "km/h"); case-insensitive keys are stored lower-cased,
 * case-sensitive ones ("MW", "USD", "m") as written. */
typedef struct nn_entry {
    /* The probe reads the first twelve bytes, the rules the rest: one cache line (64 bytes,
     * the array 64-aligned), the key's bytes in it, so that a lookup that finds a key touches
     * its slot and this line only (the whole key: nn_lex_key). */
    char kin[8];              /* the key's first eight bytes, zeros after a shorter key */
    uint16_t key_len;         /* bytes */
    uint8_t cs;               /* 1: case-sensitive key */
    int8_t scale;             /* SCALE/ABBR/ORDSCALE: power of ten */
    uint32_t roles;           /* NL_* */
    int32_t num;              /* NUM/ORD value, MULT multiplier */
    uint8_t abbr_flags;       /* AB_* */
    uint8_t frac;             /* FRAC: denominator */
    uint8_t mod;              /* MOD_* */
    uint8_t month;            /* 1..12 */
    uint8_t weekday;          /* 1 = Monday .. 7 */
    uint8_t cal_flags;        /* CAL_* (month or weekday) */
    int8_t rel;               /* REL: days; RELMOD: -1/0/1 */
    int8_t relday;            /* DAYSIDE: +1 "next", "after"; -1 "previous", "before" */
    uint8_t relday_flags;     /* DAYSIDE: RD_AFTER_DAY ("the day after"), RD_BEFORE_DAY ("the
                                 next day") */
    char dur[3];              /* DUR: "Y" "M" "W" "D" "E" "C" "TH" "TM" "TS" */
    uint8_t pct;              /* PCT_* */
    uint8_t unit_flags;       /* UF_* */
    uint8_t cur_kind;         /* CK_* */
    uint8_t cur_flags;        /* CF_* */
    int16_t cur_class;        /* index into nn_lex.classes, or -1 when cur_code is set */
    const char *unit;         /* canonical unit symbol (pool) */
    const char *cur_code;     /* ISO 4217 code (pool) */
    uint64_t next_first;      /* PREFIX, one token: nn_next_bit of the first byte of the second
                                 token of every longer key it starts ("c" of "per cent", "$" of
                                 "US$"): lex_chain reads no further when the text's is not one */
} nn_entry;
_Static_assert(sizeof(nn_entry) == 64, "nn_entry: one cache line");

/* The bit of byte \p c in nn_entry.next_first: ASCII capitals and their small letters share it
 * (keys match as written or lower-cased); other bytes may share one (a test that says "maybe"). */
static inline uint64_t nn_next_bit(unsigned char c)
{
    return 1ull << ((c | 0x20) & 63);
}

/* An ambiguous currency word or symbol ("dollar", "$", "pounds"): its members by country. */
typedef struct nn_class {
    const char *name;         /* "dollar" (pool) */
    const char *def;          /* default code: data default, overridden by the option */
    uint16_t first_cc;        /* first row in nn_lex.cc */
    uint16_t n_cc;            /* rows for this class */
} nn_class;

typedef struct nn_cc {
    char country[3];          /* ISO 3166-1 alpha-2 */
    const char *code;         /* ISO 4217 (pool) */
} nn_cc;

#define NN_WSIG_BITS 32768
#define NN_ASIG_BITS 4096

/* Roles of the word after "a"/"an" that on_word looks for: "a year ago" (nn_try_a_ago), "a
 * dozen", "a million", "a half", "a third", "a hundredth" (try_words). */
#define NN_A_NEXT (NL_DUR | NL_SCALE | NL_MULT | NL_FRAC | NL_ORD | NL_ORDSCALE)

/* The multiplier of nn_word_sig for a word of \p len letters: the length goes into the
 * multiplier's top bits (it stays odd), not into the word, so that the byte loop reads the
 * multiplier from a table by length (one imul with a memory operand: no xor, no 10-byte
 * constant in a register). Words of more than eight letters that share their first eight
 * differ in the top bits by the length, as they did when it was xored into the word. */
#define NN_WSIG_MUL(len) (0x9E3779B97F4A7C15ull ^ ((uint64_t)(len) << 57))

/** @brief Signature of an ASCII word of \p len letters at \p w for the main loop's filter:
 * its first eight letters lower-cased (| 0x20) times a multiplier of its length.
 * \p len >= 1; \p avail: bytes readable from \p w (at least len). */
static inline uint64_t nn_word_sig(const unsigned char *w, uint32_t len, size_t avail)
{
    uint32_t l = len < 8 ? len : 8;
    uint64_t v = 0;
#if defined(__BYTE_ORDER__) && __BYTE_ORDER__ == __ORDER_LITTLE_ENDIAN__
    if (avail >= 8) {
        /* eight bytes at once, lower-cased, then the word's l bytes only (no branch: this runs
         * for every word of a field the stage reads alone) */
        memcpy(&v, w, 8);
        v = (v | 0x2020202020202020ull) & (~0ull >> (64 - 8 * l));
    } else
#endif
    {
        for (uint32_t k = 0; k < l; k++) {
            v |= (uint64_t)(w[k] | 0x20) << (8 * k);
        }
    }
    return v * NN_WSIG_MUL(len);
}

/* The main loop's word filter (nn_lex.wsig) for a signature: two bits of one 64-bit word,
 * all from the signature's top bits (the best mixed by the multiplication): one load and a
 * mask test per word, the cheapest test for the most frequent question of the stage. */
static inline bool nn_wblock_has(const uint64_t *f, uint64_t sig)
{
    uint64_t w = f[sig >> 55];
    return (w >> ((sig >> 49) & 63)) & (w >> ((sig >> 43) & 63)) & 1u;
}

static inline void nn_wblock_set(uint64_t *f, uint64_t sig)
{
    f[sig >> 55] |= (1ull << ((sig >> 49) & 63)) | (1ull << ((sig >> 43) & 63));
}

/* Two bits of a filter of NN_ASIG_BITS for a signature (nn_lex.awsig). */
static inline uint32_t nn_wsig_a(uint64_t sig)
{
    return (uint32_t)(sig >> 49);
}

static inline uint32_t nn_wsig_b(uint64_t sig)
{
    return (uint32_t)(sig >> 34) & (NN_WSIG_BITS - 1);
}

/* Two bits of a token-hash filter (nn_lex.asig, ssig, nsig...) for a shared token hash. */
static inline uint32_t nn_tsig_a(uint64_t h)
{
    return (uint32_t)(h >> 49);
}

static inline uint32_t nn_tsig_b(uint64_t h)
{
    return (uint32_t)(h >> 17) & (NN_WSIG_BITS - 1);
}

/* The token-hash prefilters that the main loop asks at every word (nn_lex.tsig, strong) are
 * blocked: both bits of a hash in one 64-bit word of the NN_WSIG_BITS, one load (the other
 * token-hash filters use nn_tsig_a/b). */
static inline bool nn_tblock_has(const uint64_t *sig, uint64_t h)
{
    uint64_t w = sig[h >> 55];
    return (w >> ((h >> 17) & 63)) & (w >> ((h >> 23) & 63)) & 1u;
}

static inline void nn_tblock_set(uint64_t *sig, uint64_t h)
{
    sig[h >> 55] |= (1ull << ((h >> 17) & 63)) | (1ull << ((h >> 23) & 63));
}

_Static_assert(NN_WSIG_BITS == 64 << 9, "nn_tblock_*: h >> 55 indexes NN_WSIG_BITS / 64 words");

struct nn_lex;

/** @brief Fill nn_lex.sym_idle (scan.c) once the lexicon is loaded. */
void nn_symbol_filters(struct nn_lex *lx);

/* At most this many units.tsv forms with the flag only_glued. */
#define NN_MAX_GLUED_UNITS 8

/* Cue words (data/numbers/tense.tsv, data/numbers/cues.tsv): one cue per word. */
enum {
    CUE_NONE = 0,
    CUE_FUTURE,       /* tense.tsv: "will", "due" */
    CUE_PAST,         /* tense.tsv: "said", "went" */
    CUE_AUX,          /* tense.tsv: "be", "has": the past-cue word after it is a participle */
    CUE_IDENT,        /* cues.tsv: a number after it is a reference ("Section 230") */
    CUE_IDENT_BARE,   /* cues.tsv: the same unless a lower-case word follows ("build 22621"
                         but "build 300 homes") */
    CUE_SCORE_BEFORE, /* cues.tsv: "beat Denmark 3-2": a result verb before a score */
    CUE_SCORE_AFTER,  /* cues.tsv: "a 2-1 win": a result noun after a score */
    CUE_TIME_AFTER,   /* cues.tsv: "a second later": after "a second", time, not an ordinal */
    CUE_MARK,         /* cues.tsv: "No.", "Vol.", "p.": a reference number follows the dot */
    CUE_WORKDAY,      /* cues.tsv: "in 4 business days": the days counted are weekdays */
    CUE_CUR_BEFORE,   /* cues.tsv: "dollar 22.5 million": a currency word before the amount */
    CUE_DAY_PREP,     /* cues.tsv: "on the 27th": a preposition of time before "the Nth" */
    CUE_FISCAL,       /* cues.tsv: "the fourth quarter of fiscal 2024": a word of a year */
    CUE_BANKNOTE,     /* cues.tsv: "a 20-pound note": a note or coin, the pounds are money */
    CUE_AMOUNT_END,   /* cues.tsv: "a dollar in Rome": a word after "a dollar" that ends it */
    CUE_NP_DET,       /* cues.tsv: "a better one": a determiner always before a noun phrase */
    CUE_IDIOM,        /* cues.tsv: "one-sided", "second-hand": a number word in an idiom */
    CUE_CLOCK_AFTER,  /* cues.tsv: "7 o'clock": the word after "o'" that makes the hour a time */
    CUE_NO_TENSE,     /* tense.tsv: "proceed", "indeed": a word a tense suffix ("*ed") would
                         make a cue, that is none */
    CUE_AFTER_VERB,   /* cues.tsv: "him", "off", "as": a word after a verb, never after an
                         adjective ("arrested him"; "regulated fuel": an adjective) */
    CUE_CLAUSE,       /* cues.tsv: "that": the date's clause starts after it (the tense reader
                         stops there) */
    CUE_COUNT
};

/* Flags a cue word may have besides its cue (cues.tsv; "paid" is a past-tense cue and a price
 * verb). A word with flags only is not in nn_cue_of's filter: nn_cue_slot finds it, so a
 * common word ("people", "on") costs the readers of cues (the tense reader) nothing. The field
 * is 64 bits wide (nn_cueflags); an enum constant is an int, so a flag from bit 31 on is a
 * #define of a 64-bit constant (NN_CUEF_BIT below) after the enum. */
typedef uint64_t nn_cueflags;
#define NN_CUEF_BIT(n) ((nn_cueflags)1 << (n))
enum {
    CUEF_PRICE = 1,   /* price: a price verb before "pounds" ("cost", "paid") */
    CUEF_TALLY = 2,   /* tally: a word of a vote tally ("voted", "a 6-3 decision") */
    CUEF_PLACE = 4,   /* place: a preposition of place before an address ("at 10 Downing St") */
    CUEF_STREET = 8,  /* street: a street word after a house number and a name ("Street") */
    CUEF_COUNTED = 16, /* counted: a noun of things counted, never measured ("1.3m people") */
    CUEF_A_UNIT = 32,  /* a_unit: "a dollar" is one dollar (word rule a_currency) */
    CUEF_END_LINK = 64, /* end_link: "to", "from" of a position from the end ("second to last") */
    CUEF_END_WORD = 128, /* end_word: "last", "bottom" of a position from the end */
    /* the links of dates (nn_date_link; their own filter nn_lex.linkfl): */
    CUEF_YEAR_LINK = 256,  /* year_link: "of", "in" between a day and its year */
    CUEF_RANGE_OPEN = 512, /* range_open: "between" before a range of days */
    CUEF_RANGE_AND = 1024, /* range_and: "and" between the days of a range */
    CUEF_DAY_AT = 2048,    /* day_at: "on" before a day that names when something happens */
    CUEF_RANGE_TO = 4096,  /* range_to: "to", "through" between the days of a range */
    CUEF_DIM_LINK = 8192,  /* dim_link: "x", "by" between the numbers of dimensions ("30 x 20 cm") */
    CUEF_POSS = 16384,     /* poss: a possessive pronoun before an age band ("in his 40s") */
    CUEF_BAND_PART = 32768, /* band_part: "early", "mid", "late" of an age band ("her mid-30s") */
    CUEF_MARGIN = 65536,   /* margin: "plus" of "plus or minus N" (a margin: N is no negative) */
    CUEF_BAND_AT = 1u << 17, /* band_at: "in", "into" before the possessive of an age band */
    CUEF_BAND_LINK = 1u << 18, /* band_link: "and", "or", "to" between age bands ("20s and 30s") */
    CUEF_FY_YEAR = 1u << 19, /* fy_year: a fiscal word a year may follow directly ("FY2024", "fiscal 2025") */
    CUEF_YEAR_APPROX = 1u << 20, /* year_approx: "in", "since" before "about 1900", or "circa": a year */
    CUEF_APPROX_COUNT = 1u << 21, /* approx_count: "few" of "a few days ago" (three, mod approx) */
    CUEF_YEAR_ZERO = 1u << 22, /* year_zero: "oh", "o" of "nineteen oh one" */
    CUEF_CLOCK_PAST = 1u << 23, /* clock_past: "past", "after" of "half past ten" */
    CUEF_CLOCK_TO = 1u << 24,  /* clock_to: "to" of "quarter to five" */
    CUEF_PERIOD_END = 1u << 25, /* period_end: "last", "final" of "the last quarter of 2023" */
    CUEF_PAST_SIDE = 1u << 26, /* past_side: "since": a month named alone after it is a past one */
    CUEF_SPAN_END = 1u << 27,  /* span_end: "until", "till": a date after it ends a span, the verbs
                                  say nothing of its side */
    CUEF_PRESENT = 1u << 28,   /* present: "is", "are": a present-tense auxiliary; the nearest
                                  before a date leaves the date's side to no verb */
    CUEF_CAUSE_TO = 1u << 29,  /* cause_to: "due": before "to" and a noun phrase it means "because
                                  of", no tense cue ("due to the storm") */
    CUEF_BE_TO = 1u << 30      /* be_to: "was", "were" before "to" and a verb: the future seen
                                  from the past ("was to end in August"), no side */
};
/* defer: a verb that moves a time to a later one ("extended", "postponed", "delayed"): a date
 * after it and a defer_to word ("to", "until") is the new time, still to come seen from the
 * verb's time, whatever its tense ("extended the lockdown to May 1" in an April story) */
#define CUEF_DEFER NN_CUEF_BIT(31)
/* defer_to: "to", "until", "till", "for" right before the date a defer verb moves it to */
#define CUEF_DEFER_TO NN_CUEF_BIT(32)
/* period_to: "to", "through", "ended", "ending" after a period of weeks or months and before
 * its last day or month ("the week ended June 8", "the 12 months to June"): one interval */
#define CUEF_PERIOD_TO NN_CUEF_BIT(33)
/* change: a verb of change ("fell", "rose", "grew") before "a" + an ordinal where the phrase
 * ends after it: the fraction, as after "by" ("Sales rose a third to $3 million"; s11-num2) */
#define CUEF_CHANGE NN_CUEF_BIT(34)
/* to_idiom: a word after "is to", "are to" that makes an idiom, not a verb of what is arranged
 * to come ("He is to blame for the crash on Friday"): no future cue (be_to, calendar.c) */
#define CUEF_TO_IDIOM NN_CUEF_BIT(35)
/* schedule: a verb of schedule in the third-person present ("opens", "takes", "meets"; a future
 * cue of tense.tsv): it makes a weekday the next one ("The museum opens on Monday"), and no
 * other date ("the sale ends Sept. 30" keeps the closest Sept. 30: calendar.c tense_at) */
#define CUEF_SCHEDULE NN_CUEF_BIT(36)
/* scale: a noun that names a measuring scale ("magnitude", "category", "force"): capitalised
 * only because it opens a sentence, digits after it are its reading, a count, not a name's
 * number ("Magnitude 6.3 earthquake strikes", as "a magnitude 6.3 earthquake"; rule
 * ident_after_name) */
#define CUEF_SCALE NN_CUEF_BIT(37)
/* score_unit: what a score counts ("points", "goals", "runs"), between the counts of a score
 * written with "to" ("won 45 points to 24": one CARDINAL, rule to_tally; read_range) */
#define CUEF_SCORE_UNIT NN_CUEF_BIT(38)
/* person_obj: a verb that takes a person as its object ("told", "asked", "thanked"): a
 * capitalised month right after it is a first name, no date ("Sources told April the plan had
 * failed"; month rule alone, dates.c) */
#define CUEF_PERSON_OBJ NN_CUEF_BIT(39)
/* name_and: "and" between two first names: a capitalised month after it and after a
 * capitalised word that opens the sentence is a name ("Carlos and April opened a bakery";
 * month rule alone) */
#define CUEF_NAME_AND NN_CUEF_BIT(40)
/* past_lead: "back" before the preposition "in" of a month named alone: the month is a past
 * one unless the sentence before it speaks of the future ("heard about it back in October";
 * "will be back in October" is to come: nn_month_year_tense) */
#define CUEF_PAST_LEAD NN_CUEF_BIT(41)
/* list_link: "and", "or", "either" before a list item's marker "2)" ("cutting costs and 2)
 * raising wages"; rule list_marker) */
#define CUEF_LIST_LINK NN_CUEF_BIT(42)
/* rank_next: "next" before a superlative ranks, no time to come ("the next highest toll"): no
 * future cue then (calendar.c future_undone) */
#define CUEF_RANK_NEXT NN_CUEF_BIT(43)
/* superlative: a superlative adjective ("highest", "largest", "best") after rank_next */
#define CUEF_SUPERLATIVE NN_CUEF_BIT(44)
/* anaphor: "that" as a determiner before a month alone points back to a time the text named:
 * the month takes that date's year ("The drought began in 2018. That September": 2018-09;
 * month rule alone) */
#define CUEF_ANAPHOR NN_CUEF_BIT(45)

typedef struct nn_cue {
    const char *word;         /* lower-case (pool); NULL = empty slot */
    uint32_t hash;            /* nn hash of word */
    uint8_t len;
    uint8_t cue;              /* CUE_* */
    nn_cueflags flags;        /* CUEF_*: what cues.tsv says of the word besides its cue */
} nn_cue;


/* A cue word as the tense reader compares it (nn_lex.tense_words): its letters, length, cue
 * and flags in one 32-byte record of one array. The reader asks a few words a walk, far apart
 * in the text, and the cue table's slots they would read (hashed over the whole table) are
 * mostly out of the data cache by then: one record is read instead of a pointer and a slot.
 * Its letters as two eight-byte words, compared with the text's in one step each (a byte loop
 * mispredicts at its end, once a word): a word of up to 16 letters is equal when both are. */
typedef struct nn_tense_word {
    uint64_t head8;           /* the first 8 letters (lower case) of a longer word, else 0 */
    uint64_t tail8;           /* the last 8 letters (fewer: zeros before them), in memory order */
    nn_cueflags flags;
    uint8_t len, cue;
} nn_tense_word;

typedef struct nn_lex {
    char *pool;               /* malloc'd: all strings (keys, units, codes) */
    size_t pool_len, pool_cap;
    nn_entry *entries;        /* aligned_alloc'd, 64-aligned (an entry is one cache line) */
    const char **keys;        /* malloc'd: keys[i] is entries[i]'s whole key (pool) */
    uint32_t n_entries, cap_entries;
    uint32_t *slots;          /* hash table: the key hash's high 16 bits (a fingerprint) |
                                 (entry index + 1), 0 = empty; malloc'd. Four bytes a slot
                                 (16 KB; were eight, 32 KB): fewer of its lines are out of the
                                 first-level data cache when a word is asked; probes compare
                                 fingerprints without touching entries (lex.c slot_of) */
    uint32_t n_slots;         /* power of two */
    /* Bit (length, max 31) of csfl[first byte] is set for every case-sensitive key: most
     * words have no case-sensitive key of their first letter and length, and are not hashed. */
    uint32_t csfl[256];
    nn_class *classes;        /* malloc'd */
    uint32_t n_classes;
    nn_cc *cc;                /* malloc'd, grouped by class */
    uint32_t n_cc;
    uint8_t max_tokens;       /* longest key, in tokens */
    const nn_entry *sym1[128]; /* the entry as written of each one-byte ASCII key ("$"), or
                                 NULL: on_symbol's sign without a look-up */
    bool cur_blank;           /* a currency sign or code has a blank inside its key ("US $"):
                                 the key before an amount may then go on past a blank (scan.c
                                 amount_may_follow) */
    uint64_t digit_second;    /* nn_next_bit of the first byte of every key whose second token
                                 starts with a digit ("km2", "m2"): a key chain from a word
                                 with another first byte ends before an amount (scan.c
                                 currency_alone) */
    uint64_t holprev[4];      /* last bytes (lower case) of the word before the last word of a
                                 holiday's name ('s' of "Christmas", "Year's"): nn_try_holiday */
    /* Prefilter of the scanner's main loop: two bits (nn_wblock_set of nn_word_sig) are set
     * for the first word of every key that can start a mention (number word, month, weekday,
     * currency code...): most words fail it, no hash table is asked. */
    uint64_t wsig[NN_WSIG_BITS / 64];
    /* The same prefilter over the shared token layer's hash (nf_tok.hash, nf_fold_hash of the
     * word): the main loop walks nf_doc_tokens() and skips a plain ASCII word whose hash has
     * no bit here without reading its bytes (nn_tblock_has). */
    uint64_t tsig[NN_WSIG_BITS / 64];
    /* What an "a" or "an" can start ("a dozen", "a million", "a third", "a year ago") depends
     * on the word after it alone: two bits (nn_tsig_a/b, modulo NN_ASIG_BITS) of the shared
     * token hash are set for every lower-case key with one of the roles NN_A_NEXT. The main
     * loop passes over an "a" before a plain word without them (a_plain: when "a" and "an"
     * themselves start nothing else; see idle_token in scan.c). */
    uint64_t asig[NN_ASIG_BITS / 64];
    /* The same words (and "couple", "a couple of weeks ago") by the byte loop's signature
     * (nn_word_sig, two bits modulo NN_ASIG_BITS): the stage alone has no shared tokens, and
     * passes over an "a" before an ASCII word without bits here (article_idle in scan.c). */
    uint32_t awsig[NN_ASIG_BITS / 32];
    bool a_plain;
    /* Heads whose mention depends on the word after them (idle_head in scan.c): the main loop
     * passes over them when the shared token after them rules it out. All over the shared
     * token hash, two bits each (nn_tsig_a/b; the small ones modulo NN_ASIG_BITS):
     *  - ssig: one-part keys with a role of their own that on_word reads (number words,
     *    months, weekdays, relative words, currencies, percent words, "a"/"an"); a word
     *    without bits here starts a mention only as the head of a longer key ("per" of
     *    "per cent");
     *  - nsig: the second part of every key of two parts or more ("cent" of "per cent");
     *  - anum: the lower-case keys after "a" with a number role (NN_A_NEXT but the duration:
     *    "a dozen", "a third"); a duration ("a year") needs "ago" or "from" ("a year from
     *    now", "a week after Friday": nn_try_a_ago) after it (ago_hash, from_hash, after_hash,
     *    before_hash), or
     *    "in"/"within" before the article (in_hash, within_hash);
     *  - rmsig: one-part lower-case keys with the role NL_RELMOD ("last", "this"), checked
     *    in the table before use; rsig: what they read after them (months, weekdays,
     *    durations: "last year", "next Friday");
     *  - a_cap_plain: "A" and "An" start nothing that "a" and "an" do not, except through a
     *    key of two parts or more (the currency forms "A$"). */
    uint64_t ssig[NN_WSIG_BITS / 64];
    uint64_t strong[NN_WSIG_BITS / 64]; /* ssig but "a"/"an" and the NL_RELMOD-only words: the
                                           main loop sends a word with bits here to scan_step
                                           without asking idle_head */
    uint64_t nsig[NN_WSIG_BITS / 64];
    uint64_t anum[NN_ASIG_BITS / 64];
    uint64_t rmsig[NN_ASIG_BITS / 64];
    uint64_t rsig[NN_ASIG_BITS / 64];
    /* rsig's words (and the relunit words: "the following year") by their first two bytes:
     * rw2[first letter] has the bit of the second letter (bit 26: a key of one letter);
     * nn_try_relmod reads no further when the word after "this", "last" has none ("this is",
     * "last time": nn_word_after_idle in internal.h). */
    uint32_t rw2[26];
    /* The weekday names (role NL_WEEKDAY) by first and last letter (their low five bits, as
     * tensefl) and length: wdfl[first & 31][last & 31] has the bit of each length (all bits
     * when a name is no ASCII word of at most 31 letters). The word before a month-day date is
     * read and looked up (weekday_word_before: "Sunday, June 4") only when it passes. */
    uint32_t wdfl[32][32];
    /* The last two letters of the ordinals and fraction words (roles NL_ORD, NL_FRAC,
     * NL_ORDSCALE; "fifth", "quarter", "hundredth"): pl2[last letter] has the bit of the letter
     * before it. nn_plural_ordinal looks up a plural's singular ("thirds") only when its last
     * two letters are there ("years", "points" have none). */
    uint32_t pl2[26];
    uint64_t ago_hash, from_hash, after_hash, before_hash;
    uint64_t in_hash, within_hash; /* "in a week", "within a month" (nn_try_in_a) */
    /* The same words by one letter, bit (letter - 'a'): the first letters of "ago", "from",
     * "after", "before" (ago_first: nn_try_a_ago reads the token after "a year" only when its
     * first letter is one), the last letters of "in", "within" (in_last: nn_try_in_a reads the
     * word before "a" only when its last letter is one). */
    uint32_t ago_first, in_last;
    uint64_t couple_hash;     /* "a couple of days ago" (nn_try_a_ago, nn_try_in_a) */
    uint64_t few_hash;        /* "a few days ago" (cues.tsv approx_count; nn_try_a_ago) */
    uint32_t few_lc;          /* its nn hash (nn_tok.hash_lc), a_unit's filter */
    bool a_cap_plain;
    /* The first part of every key with a byte above ASCII ("złoty"), over the shared token
     * hash: a word of letters of other scripts without bits here has no entry (idle_high_word
     * in scan.c: "González", "Türkiye"). */
    uint64_t hsig[NN_ASIG_BITS / 64];
    /* The same parts over the scanner's hash (nn_tok.hash_lc widened by nn_hsig_of): the byte
     * loop passes over a word of such letters without bits here (skip_idle in scan.c). */
    uint64_t hwsig[NN_ASIG_BITS / 64];
    /* The words a word step of the number-expression parser can take after its first token
     * (numexpr.c, px_word): the one-part keys, any case, with a role NN_PX_WORD, the plurals
     * of the ordinals and fraction words ("thirds": px_plural_fraction) and the parser's own
     * words "point", "over" and "and" (px_point, px_over, px_and), blocked over
     * nn_hsig_of(hash_lc) (nn_px_word_may). The word after most numbers has no bits here
     * ("homes", "percent"): the parser ends there without its chain of steps. */
    uint64_t pxsig[64];
    /* idle_high_symbol (scan.c) of the code points U+0080..U+00BF ([0], "«", "»") and
     * U+2000..U+207F ([1], [2]: quotes, dashes), bit (cp & 63): the token walk's answer for
     * the common symbols without a look-up (nn_symbol_filters). */
    uint64_t sym_idle[3];
    /* Bit (hash & 1023) is set for the hash of the last word of every modifier key ("than" of
     * "more than"): most numbers have no modifier before them, and one bit test says so. */
    uint32_t modtail[32];
    uint32_t modword[32];     /* the same for the other words of multi-word modifiers */
    /* Before the word is even walked back: bit (second-last letter, 26 when there is none) of
     * modl2[last letter] for the last words of modifiers (lookback_mod, for the scanner's
     * callers). */
    uint32_t modl2[26];
    /* Bit (nn_word_sig(word) >> 54) for the last word of every modifier key: nn_finish's
     * first test of the word before a number (lookback_mod_at). modl2 let ~40% of the numbers
     * through to the reader (c500: "reached", "and", "cost", "first", "increased"), which then
     * asked tables of first and last letters (2.7 KB each) that missed the cache. */
    uint64_t modsig[16];
    uint64_t modonesig[16]; /* the same for the one-word modifiers ("about", "over") */
    uint64_t modwsig[16];   /* and for the other words of multi-word modifiers ("up" of "up to") */
    /* Bit (nn_word_sig(word) >> 54) for the reference nouns of the cue table (CUE_IDENT,
     * CUE_IDENT_BARE): the word before most numbers is none, and rule ident_after_cue says so
     * before reading it (by first letter and length, "reached", "total", "cost" passed). */
    uint64_t identsig[16];
    /* The same for the workday words (CUE_WORKDAY: "business" of "in 4 business days"): rule
     * business_days asks it of the word after most numbers, before the cue table's filter
     * (cuefl, 2.8 KB, which most words after a number pass: it holds every cue). */
    uint64_t workdaysig[16];
    /* The same for the score units (cues.tsv score_unit: "points"): read_range asks the word
     * after a number before " to " (rates and prices: "rose 5 percent to") */
    uint32_t scoreufl[26];
    /* The same for the verb-tense cues (CUE_FUTURE, CUE_PAST, CUE_AUX...), by first and last
     * letter together (as cuefl): the tense reader asks every word back to the sentence's
     * start, and first and last letters apart let through one word in three ("percent",
     * "visit", "cost": each letter is some cue's). Indexed by the letters' low five bits
     * (tensefl[32 (first & 31) + (last & 31)]: 'a' and 'A' are 1, no folding and subtracting a
     * word). The low 16 bits are the lengths (bit 15: 15 letters or more; bit 0, no word has
     * length 0, marks a last letter that ends a tense suffix, tense_sfx): most words have
     * neither bit and are no cue. The high 16 bits say where the cue words that pass the
     * filter with those letters begin in tense_words (they end where the next cell's begin;
     * the last entry only says where the array ends): a word that passes is found among the
     * few of its letters, without the hash of nn_cue_slot (~100 instructions a word the tense
     * reader asks), and without a second table read (the reader's words are far apart in the
     * text, and the tables' lines it reads are mostly out of the data cache by then). */
    uint32_t tensefl[32 * 32 + 1];
    nn_tense_word *tense_words; /* malloc'd */
    /* Tense suffixes (tense.tsv "*ed past"): a lower-case word of at least three letters more
     * than the suffix that ends with it has its cue, unless the table lists the word
     * (CUE_NO_TENSE: "proceed"). */
    struct {
        char text[8];
        uint8_t len, cue;
    } tense_sfx[4];
    uint32_t n_tense_sfx;
    /* Byte classes of the scanner's main loop (NB_* bits). */
    uint8_t bclass[256];
    /* Tense cues: open addressing by nn hash, kept apart from the lexicon so that they never
     * change how a word starts or continues a mention. */
    nn_cue *cues;             /* malloc'd, n_cue_slots (power of two) */
    uint32_t n_cue_slots;
    /* Bit (length, max 31) of cuefl[first letter][last letter] for every cue word (cue words
     * are letters only; index 26 stands for any other last byte, and has no bit): most words
     * are no cue and are not hashed (nn_cue_of). */
    uint32_t cuefl[26][27];
    /* Minor units written as one lower-case letter glued to the amount (currency_forms.tsv
     * kind "glued": "85p" pence, "99c" cents), by letter: the code, or the class + 1 (0 none).
     * Not lexicon keys: a lone "p" or "c" is no currency. */
    const char *glued_code[26];
    int16_t glued_class[26];
    /* Units that count only glued to the digits (units.tsv flag only_glued: "20C", "68F",
     * "10in"), as written: not lexicon keys, since a lone "C" or "in" is no unit (and "in"
     * after a number as a unit key would send every such number down the long path). */
    struct {
        const char *form, *unit; /* pool */
        uint8_t len;
        uint16_t max;            /* the largest magnitude read so (0: any): "737F" is no
                                  * temperature */
    } glued_units[NN_MAX_GLUED_UNITS];
    uint8_t n_glued_units;
    /* Bit (first letter - 'a') of each cues.tsv a_unit name ("dollar", "euro"): word rule
     * a_currency reads the word after "a" only when its first letter has one. */
    uint32_t a_unit_first;
    /* Bits of the lengths (< 32) and of the last letters (- 'a') of the words.tsv neg words
     * ("minus", "negative"): scan.c sign_before looks a word before a currency up only past
     * them (most amounts have a word before them, few a sign). */
    uint32_t neg_len, neg_last;
    /* The same filter for the words with a date-link flag (cues.tsv year_link, range_open,
     * range_and, day_at, range_to): nn_date_link asks the table only past it. */
    uint32_t linkfl[26][27];
    /* The same filter (by first letter only) of the fiscal words (cue fiscal, flag fy_year:
     * "fiscal", "FY"): a year asks the word before it (nn_fiscal_year), and "in", "by",
     * "since" before years are cue words nn_cue_of would hash. */
    uint32_t fiscalfl[26];
    /* The same for the cues.tsv dim_link words ("x", "by"): rule dimension reads the word
     * after a number only when its first letter has one. */
    uint32_t dim_first;
} nn_lex;

/* Byte classes (nn_lex.bclass): what the main loop does at a byte. */
enum {
    NB_DIGIT = 1,  /* '0'..'9' */
    NB_ALPHA = 2,  /* ASCII letter */
    NB_HIGH = 4,   /* byte >= 0x80 */
    NB_SYM = 8,    /* '$' '.' '#' '%' */
    NB_WEND = 16,  /* after an ASCII word, may make it worth a look: >= 0x80, digit, $ @ : . - */
    NB_MK = 32,    /* 'M' 'K': a four-letter word starting with one may be a scaled code ("MUSD") */
    NB_DPRE = 64,  /* before digits, a byte on_digits reads: '+' '(' '-', 0x92 (the end of U+2212) */
};

/* Roles that make a word start a mention in the main loop. */
#define NL_TRIGGER                                                                              \
    (NL_NUM | NL_ORD | NL_ORDSCALE | NL_FRAC | NL_NEG | NL_MONTH | NL_WEEKDAY | NL_REL |          \
     NL_RELMOD | NL_RELDAY | NL_RELHEAD | NL_WEEKEND | NL_HOLEND | NL_CLOCKWORD)

/* ---- Stage context ----------------------------------------------------------------------- */

typedef struct nf_numbers_ctx {
    /* Options (stage.numbers.*). */
    nf_strlist currency_defaults; /* "class:CODE" overrides of the data defaults */
    bool relative_dates;          /* resolve today/last year/on Monday from published_at */
    char *date_order;             /* "mdy" | "dmy": reading of 05/06/2020 */
    bool title;                   /* annotate the title too */
    /* Loaded by init. */
    nn_lex lex;
    bool dmy;                     /* date_order == "dmy" */
    const char **rule_names;      /* malloc'd: nn_finish's rules, the digit-group readers, the
                                     number-word rules, on_word's, nn_try_month's, nn_try_weekday's: the names of the stage's counters (--stats) */
    char *rule_name_pool;         /* malloc'd: the prefixed names ("dg_ymd") rule_names points to */
    size_t n_rules;               /* all of them */
    size_t n_finish_rules;        /* nn_finish's: the digit-group readers count from here */
    size_t n_word_rules_at;       /* where try_words' rules (NN_NUMWORD_LIST) count from */
    size_t n_word_at;             /* where on_word's rules (NN_WORD_*_LIST) count from */
    size_t n_month_at;            /* where nn_try_month's rules (NN_MONTH_LIST) count from */
    size_t n_weekday_at;          /* where nn_try_weekday's rules (NN_WEEKDAY_LIST) count from */
    bool full_table;              /* tests only: nn_finish asks every rule, no short path
                                     (test_numbers_golden compares both) */
} nf_numbers_ctx;

/* Reads relpath (below the data directory) into a malloc'd NUL-terminated buffer. */
typedef char *(*nn_read_fn)(void *arg, const char *relpath, size_t *len, char *errstr,
                            size_t errstr_size);

/**
 * @brief Load the data files into \p ctx->lex through \p read (the stage's init passes
 * nf_stage_env_read_file; tools and tests may pass their own) and apply the options.
 * @returns 0, or -1 with \p errstr naming the file and line.
 */
int nf_numbers_load(nf_numbers_ctx *ctx, nn_read_fn read, void *arg, char *errstr,
                    size_t errstr_size);

/** @brief Free what nf_numbers_load allocated (accepts a half-loaded ctx). */
void nf_numbers_unload(nf_numbers_ctx *ctx);

/** @brief Look up a key (exact bytes; lower-cased by the caller when cs is 0). */
const nn_entry *nn_lex_get(const nn_lex *lx, const char *key, size_t len, int cs);

/** @brief nn_lex_get when the caller already has \p h, the nn hash of \p key's bytes. */
const nn_entry *nn_lex_get_h(const nn_lex *lx, uint32_t h, const char *key, size_t len, int cs);

/** @brief Look up the lower-cased form of \p text[0..len) (any case) whose nn hash of the
 * lower-cased bytes is \p hash_lc: no copy, no second hash. */
const nn_entry *nn_lex_get_lc(const nn_lex *lx, uint32_t hash_lc, const char *text, size_t len);

/** @brief The whole key of entry \p e (NUL-terminated, in the pool). */
static inline const char *nn_lex_key(const nn_lex *lx, const nn_entry *e)
{
    return lx->keys[e - lx->entries];
}

typedef struct nn_tok nn_tok;


/** @brief nn_lex_get_lc of token \p t of text \p s (TK_WORD or TK_SYM): the bytes of an ASCII
 * word of up to eight letters are lower-cased by one OR. */
const nn_entry *nn_lex_get_tok(const nn_lex *lx, const char *s, const nn_tok *t);

/** @brief The cue filter's index of a word's last byte as nn_cue_of compares it (| 0x20): its
 * letter, or 26 for any other byte. */
static inline unsigned nn_cue_last(char c)
{
    unsigned char l = (unsigned char)(c | 0x20);
    return l >= 'a' && l <= 'z' ? (unsigned)(l - 'a') : 26u;
}

/** @brief nn_cue_of past its filter: the hash and the table. */
int nn_cue_find(const nn_lex *lx, const char *w, size_t len);

/** @brief nn_cue_find's slot of the word, NULL if it is none. */
const nn_cue *nn_cue_slot(const nn_lex *lx, const char *w, size_t len);

/** @brief The tense cue (CUE_*) of the ASCII word \p w[0..len) in any case; CUE_NONE if none.
 * The filter (first letter, last letter, length) is inline: most words asked are no cue, and
 * the rules ask the cue table instead of testing word lengths of their own. */
static inline int nn_cue_of(const nn_lex *lx, const char *w, size_t len)
{
    if (len == 0) {
        return CUE_NONE;
    }
    unsigned char f = (unsigned char)(w[0] | 0x20);
    if (f < 'a' || f > 'z' ||
        !(lx->cuefl[f - 'a'][nn_cue_last(w[len - 1])] & (1u << (len < 31 ? len : 31)))) {
        return CUE_NONE;
    }
    return nn_cue_find(lx, w, len);
}

/** @brief The stage's process(): annotate title (if enabled) and text of \p doc. */
nf_stage_rc nf_numbers_process(const void *ctx, nf_doc *doc);

/** @brief Annotate one field only (tests and the bench). */
void nf_numbers_scan_field(const nf_numbers_ctx *ctx, nf_doc *doc, nf_field field);

/* Hash used by the lexicon and the scanner: a polynomial hash over the key bytes, h = (h + c) * P
 * mod 2^32 (FNV's prime and offset; FNV-1a had a xor where the add is). \p c is a byte (0..255;
 * a wider type than unsigned char spares the callers' loops a zero extension a byte). Added, not
 * xored: the hash of n more bytes is then h * P^n plus a sum of the bytes times powers of P, whose
 * products do not wait on each other (nn_hash_word8), where a step per byte is a serial chain of
 * ~4 cycles a byte. Every user builds it with these functions, so all stay consistent; a hash is
 * only a filter or a probe start (keys are compared). */
#define NN_HASH_P 16777619u
static inline uint32_t nn_hash_step(uint32_t h, uint32_t c)
{
    return (h + c) * NN_HASH_P;
}
#define NN_HASH_INIT 2166136261u

/* P^k and P^-k mod 2^32 for k = 0..8 (P is odd, so invertible; computed offline, checked by
 * the unit tests). */
static const uint32_t nn_hash_pow[9] = {0x00000001u, 0x01000193u, 0x26027A69u,
                                        0x3EE6B34Bu, 0x502C3F11u, 0x46A747C3u,
                                        0xFC55F7F9u, 0x34555CFBu, 0x5D615F21u};
static const uint32_t nn_hash_ipow[9] = {0x00000001u, 0x359C449Bu, 0xDD4AB5D9u,
                                         0x91C5BE63u, 0x4CA091F1u, 0xDFD860EBu,
                                         0xB7F51A49u, 0x9DDE4E33u, 0xD872E4E1u};

/* nn_hash_step over the first \p len (0..8) bytes of \p x (little-endian order; the bytes from
 * \p len on must be zero): the eight products are independent, and zero bytes beyond len give
 * the len-byte sum times P^(8-len), undone by P^-(8-len). No branch on len. */
static inline uint32_t nn_hash_word8(uint32_t h, uint64_t x, uint32_t len)
{
    uint32_t d;
#if defined(__SSE2__) && defined(__x86_64__)
    /* The sum of the bytes times P^8..P^1 by two pmaddwd (16-bit lanes, products summed by
     * pairs): once with the powers' low halves, once with their high halves, added shifted by
     * 16 (mod 2^32). pmaddwd reads a half of 0x8000 or more as negative, 65536 too little: the
     * high half gets +1 for it (one 65536 more), so the sum mod 2^32 is the same. ~10
     * instructions where the scalar sum takes ~32. */
#define NN_HASH_LO(k) ((short)(nn_hash_pow[8 - (k)] & 0xFFFFu))
#define NN_HASH_HI(k)                                                                           \
    ((short)(((nn_hash_pow[8 - (k)] >> 16) + ((nn_hash_pow[8 - (k)] >> 15) & 1u)) & 0xFFFFu))
    const __m128i lo = _mm_set_epi16(NN_HASH_LO(7), NN_HASH_LO(6), NN_HASH_LO(5), NN_HASH_LO(4),
                                     NN_HASH_LO(3), NN_HASH_LO(2), NN_HASH_LO(1), NN_HASH_LO(0));
    const __m128i hi = _mm_set_epi16(NN_HASH_HI(7), NN_HASH_HI(6), NN_HASH_HI(5), NN_HASH_HI(4),
                                     NN_HASH_HI(3), NN_HASH_HI(2), NN_HASH_HI(1), NN_HASH_HI(0));
#undef NN_HASH_LO
#undef NN_HASH_HI
    __m128i b = _mm_unpacklo_epi8(_mm_cvtsi64_si128((long long)x), _mm_setzero_si128());
    __m128i v = _mm_add_epi32(_mm_madd_epi16(b, lo), _mm_slli_epi32(_mm_madd_epi16(b, hi), 16));
    v = _mm_add_epi32(v, _mm_shuffle_epi32(v, 0x4E));
    v = _mm_add_epi32(v, _mm_shuffle_epi32(v, 0xB1));
    d = (uint32_t)_mm_cvtsi128_si32(v);
#else
    d = 0;
#pragma GCC unroll 8
    for (uint32_t k = 0; k < 8; k++) {
        d += (uint32_t)((x >> (8 * k)) & 0xFFu) * nn_hash_pow[8 - k];
    }
#endif
    return h * nn_hash_pow[len] + d * nn_hash_ipow[8 - len];
}

/* ---- Tokens ------------------------------------------------------------------------------ */

/* The scanner and the lexicon loader cut text the same way, into the token layer's parts
 * (nf_tok_part, common/tokens.h): a run of letters, a run of ASCII digits, or one other code
 * point. */
enum { TK_END = 0, TK_WORD, TK_DIGITS, TK_SYM };

typedef struct nn_tok {
    uint32_t s, e;            /* byte span */
    uint8_t kind;             /* TK_* */
    uint8_t ws;               /* whitespace before the token: 0 none, 1 blanks, 2 a line break */
    bool cap;                 /* TK_WORD: first letter is an ASCII capital */
    uint8_t tf;               /* NN_TF_* (two flags in one byte: sixteen bytes a token, one
                               * load and one store a copy; tokens are copied on every ask of
                               * the token cache and by the rules that read the token after) */
    uint32_t hash_lc;         /* TK_WORD/TK_SYM: nn hash of the lower-cased bytes */
} nn_tok;

enum {
    NN_TF_UPPER = 1,          /* TK_WORD: every ASCII letter is a capital */
    NN_TF_ASCII = 2,          /* TK_WORD: ASCII letters only (set for other kinds too) */
};
_Static_assert(sizeof(nn_tok) == 16, "nn_tok: one sixteen-byte copy");

/** @brief Decode the code point at \p s[i] with the pipeline's one decoder (nf_utf8_next:
 * invalid sequences give one byte, U+FFFD); @returns its length in bytes (1..4), the code
 * point in \p cp. */
static inline uint32_t nn_cp_at(const char *s, size_t n, size_t i, uint32_t *cp)
{
    if ((unsigned char)s[i] < 0x80) {
        *cp = (unsigned char)s[i];
        return 1;
    }
    size_t j = i;
    *cp = nf_utf8_next(s, n, &j);
    return (uint32_t)(j - i);
}

/** @brief True for the white space of the token layer (nf_utf8_class: blanks, controls, NBSP,
 * the U+2000 spaces, zero-width space, ideographic space, BOM). */
static inline bool nn_cp_is_space(uint32_t cp)
{
    return nf_utf8_class(cp) == NF_CP_SPACE;
}

/** @brief True for code points that continue a word: the token layer's letter parts
 * (nf_part_letter: letters and combining marks, not the currency signs it counts as letters). */
static inline bool nn_cp_is_letter(uint32_t cp)
{
    return cp < 0x80 ? ((cp | 0x20) >= 'a' && (cp | 0x20) <= 'z') : nf_part_letter(cp);
}

/* Whether the code point at \p j (a byte >= 0x80) is a letter of a part (nf_part_letter), for
 * the two-byte code points and the three-byte ones below U+3000 (Latin, Greek, Cyrillic,
 * Hebrew, Arabic, Devanagari..., and the punctuation block: nf_utf8_class makes every one of
 * them a letter or a mark but for the few listed): its length in bytes, 0 when it is no
 * letter, -1 when this does not decide (other lead bytes, broken or overlong sequences:
 * nf_tok_part reads them). */
static inline int nn_high_letter_len(const unsigned char *u, size_t n, size_t j)
{
    unsigned char c = u[j];
    if (c >= 0xC2 && c <= 0xDF) {
        if (j + 1 >= n || (u[j + 1] & 0xC0) != 0x80) {
            return -1;
        }
        uint32_t cp = ((uint32_t)(c & 0x1F) << 6) | (u[j + 1] & 0x3F);
        if (cp < 0xC0) {
            return (cp == 0xAA || cp == 0xB5 || cp == 0xBA) ? 2 : 0;
        }
        return (cp == 0xD7 || cp == 0xF7 || cp == 0x2BC || cp == 0x58F) ? 0 : 2;
    }
    if (c >= 0xE0 && c <= 0xE2) {
        if (j + 2 >= n || (u[j + 1] & 0xC0) != 0x80 || (u[j + 2] & 0xC0) != 0x80) {
            return -1;
        }
        uint32_t cp = ((uint32_t)(c & 0x0F) << 12) | ((uint32_t)(u[j + 1] & 0x3F) << 6) |
                      (u[j + 2] & 0x3F);
        if (cp < 0x800) {
            return -1;
        }
        /* (U+2000..U+2BFF: spaces, dashes, quotes, symbols, but the joiners and direction
         * marks U+200C..U+200F; U+2C00..U+2FFF letters) */
        return (cp == 0x0E3F || cp == 0x17DB ||
                (cp >= 0x2000 && cp < 0x2C00 && !(cp >= 0x200C && cp <= 0x200F)))
                   ? 0
                   : 3;
    }
    return -1;
}

/* The 64-bit value whose nn_tsig_a/b bits nn_lex.hwsig holds for an nn hash (hash_lc). */
static inline uint64_t nn_hsig_of(uint32_t hash_lc)
{
    return (uint64_t)hash_lc * 0x9E3779B97F4A7C15ull;
}

/* The roles by which a parser step takes a word (numexpr.c: px_num_word, px_hundred, px_scale,
 * px_mult, px_ordinal, px_frac_word). */
#define NN_PX_WORD (NL_NUM | NL_SCALE | NL_MULT | NL_ABBR | NL_ORD | NL_ORDSCALE | NL_FRAC)

/* nn_lex.pxsig's two bits of a word's nn hash, in one of its 64 words. */
static inline uint64_t nn_pxsig_bits(uint32_t hash_lc, uint32_t *word)
{
    uint64_t h = nn_hsig_of(hash_lc);
    *word = (uint32_t)(h >> 58);
    return (1ull << ((h >> 17) & 63)) | (1ull << ((h >> 23) & 63));
}

/* False when no parser step takes the word (nn_tok.hash_lc) after the expression's first token. */
static inline bool nn_px_word_may(const nn_lex *lx, uint32_t hash_lc)
{
    uint32_t k;
    uint64_t b = nn_pxsig_bits(hash_lc, &k);
    return (lx->pxsig[k] & b) == b;
}

/** @brief Read the token at or after \p pos (whitespace skipped) into \p t; TK_END at the end.
 * \p s[n] must be readable and no ASCII blank, digit or letter (a NUL: the fields and the keys
 * are NUL-terminated; see nn_tok_ascii). */
void nn_tok_next(const char *s, size_t n, size_t pos, nn_tok *t);

/* An ASCII letter's small letter, 0 for any other byte (lex.c): the cut's letter test and its
 * lower-casing for the hash in one load. */
extern const unsigned char nn_letter_lc[256];

/* nn_tok_next's common case in one pass (inline: the token cache's miss path, nn_tok_miss, cuts
 * with it without a second call): blanks, then a run of ASCII digits, of ASCII letters that
 * ends at an ASCII byte (or the end), or one ASCII punctuation byte. The part is then the one
 * nf_tok_part cuts (its letter and digit runs end at the first byte outside them, other ASCII
 * bytes are parts of one); false for anything else (nn_tok_other). The scanner's tokens are
 * the token layer's parts with what the lexicon asks of them: the nn hash of the lower-cased
 * bytes (keys are stored that way), first-letter and all-capitals flags, ASCII or not.
 * \p u[n] must be readable and no ASCII blank, digit or letter: the fields (nf_doc) and the
 * lexicon's keys are NUL-terminated. The runs then stop at the end without a bound test of
 * their own (four instructions less a letter: the cut is the stage's most frequent loop), and
 * the byte at the end is no kind this cuts (nn_tok_other reads the end). */
static inline bool nn_tok_ascii(const unsigned char *u, size_t n, size_t pos, nn_tok *t)
{
    if (pos > n) {
        return false;
    }
    size_t i = pos;
    uint32_t c = u[i];
    while (c == ' ' || c == '\t') {
        c = u[++i];
    }
    /* (The fields are stored as soon as they are known: fewer values live through the loops,
     * fewer registers saved a cut. On false, nn_tok_other writes every field again.) */
    t->s = (uint32_t)i;
    t->ws = i > pos;
    t->cap = false;
    t->tf = NN_TF_ASCII;
    size_t j = i + 1;
    uint32_t hl = NN_HASH_INIT;
    if (c - '0' <= 9u) {
        while (u[j] - (uint32_t)'0' <= 9u) {
            j++;
        }
        t->kind = TK_DIGITS;
    } else if (nn_letter_lc[c]) {
        t->cap = c <= 'Z';
        uint32_t lowbits = c; /* bit 0x20 set once a letter is lower-case */
        hl = nn_hash_step(hl, nn_letter_lc[c]);
        bool more = true; /* (the letters may go on past what is read) */
#if defined(__BYTE_ORDER__) && __BYTE_ORDER__ == __ORDER_LITTLE_ENDIAN__
        /* The next eight bytes in one load (u[n] is the NUL, so they stay in the field): the
         * letters' count without a branch by letter, and the hash kept at that count without a
         * branch. The byte loop's exit branch mispredicts on most cuts (word lengths vary);
         * here only words of nine letters or more go on to it. */
        if (j + 7 <= n) {
            uint64_t v;
            memcpy(&v, u + j, 8);
            uint64_t x = v | 0x2020202020202020ull; /* (letters lower-cased) */
            uint64_t l7 = x & 0x7F7F7F7F7F7F7F7Full;
            /* the high bit of each byte that is no ASCII letter (no carry between bytes) */
            uint64_t non = (~(l7 + 0x1F1F1F1F1F1F1F1Full) | (l7 + 0x0505050505050505ull) | x) &
                           0x8080808080808080ull;
            uint64_t first = non & (0 - non);  /* the first one's (0: eight letters) */
            uint64_t in = (first >> 7) - 1;    /* all ones over the letters' bytes */
            uint32_t len = non ? (uint32_t)__builtin_ctzll(non) >> 3 : 8;
            lowbits |= (v & in & 0x2020202020202020ull) ? 0x20u : 0u;
            /* the word's hash over its lower-cased letters: no branch on len, no serial chain */
            hl = nn_hash_word8(hl, x & in, len);
            j += len;
            if (non) {
                if (v & first) {
                    return false; /* a byte >= 0x80 after: a letter of another script may go on */
                }
                more = false;
            }
        }
#endif
        if (more) {
            uint32_t d = u[j], l = nn_letter_lc[d];
            while (l) {
                lowbits |= d;
                hl = nn_hash_step(hl, l);
                d = u[++j];
                l = nn_letter_lc[d];
            }
            if (d >= 0x80) {
                return false; /* a letter of another script may go on */
            }
        }
        t->kind = TK_WORD;
        t->tf = (lowbits & 0x20) ? NN_TF_ASCII : NN_TF_ASCII | NN_TF_UPPER;
    } else if (c - 0x21 < 0x5Eu) {
        /* ASCII punctuation: one code point, as nf_tok_part cuts it (no capitals to fold). */
        hl = nn_hash_step(hl, c);
        t->kind = TK_SYM;
    } else {
        return false;
    }
    t->e = (uint32_t)j;
    t->hash_lc = hl;
    return true;
}

/* The parts nn_tok_ascii leaves (letters of other scripts, other code points, line breaks, the
 * end), as nn_tok_next reads them. */
void nn_tok_other(const char *s, size_t n, size_t pos, nn_tok *t);

#endif
