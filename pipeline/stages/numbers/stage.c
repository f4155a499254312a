/* numbers: find money, percentages, cardinals, ordinals, quantities, dates (and clock times)
 * in the title and text, with resolved values (issue 3).
 *
 * This file is the stage's face: options, init (data files through the stage environment, so
 * they count in the data digest) and fini. The lexicon is in lex.c; the scanner is scan.c with
 * the parsers it calls (numexpr.c, rules.c, dates.c, calendar.c, value.c); numbers.h and
 * internal.h are their private headers. */

#include "pipeline/stages/numbers/internal.h"

#include "common/xalloc.h"

#include <stddef.h>
#include <stdlib.h>
#include <string.h>

static const nf_opt options[] = {
    {"currency_defaults", NF_OPT_LIST, NULL, offsetof(nf_numbers_ctx, currency_defaults), NULL,
     "class:CODE overrides of the default currency of ambiguous words and symbols when the "
     "dateline country does not decide (data/numbers/currency_classes.tsv: dollar:USD, "
     "pound:GBP, rupee:INR, dinar:KWD, crown (koruna):CZK, franc:CHF...), e.g. dollar:CAD"},
    {"relative_dates", NF_OPT_BOOL, "true", offsetof(nf_numbers_ctx, relative_dates), NULL,
     "resolve relative dates (today, last year, on Monday, two years ago, the first Friday of "
     "next month, and \"in 3 weeks\" in a sentence about the future) from published_at; "
     "without published_at their value is relative to the reference day (\"REF+P1D\" "
     "tomorrow, \"REF<=4\" said on Thursday: docs/numbers.md); false: not annotated"},
    {"date_order", NF_OPT_ENUM, "mdy", offsetof(nf_numbers_ctx, date_order), "mdy|dmy",
     "reading of an ambiguous numeric date such as 05/06/2020 (a day above 12 always decides)"},
    {"title", NF_OPT_BOOL, "true", offsetof(nf_numbers_ctx, title), NULL,
     "annotate the title as well as the text"},
    {NULL, 0, NULL, 0, NULL, NULL},
};

static char *env_read(void *arg, const char *relpath, size_t *len, char *errstr,
                      size_t errstr_size)
{
    return nf_stage_env_read_file(arg, relpath, len, errstr, errstr_size);
}

/* The rule lists whose counters follow nn_finish's, in counter order, with the prefix their
 * names get in --stats (the lists name their rules without it: NN_RULE_LIST_NAMES). */
static const struct {
    const char *prefix;
    size_t (*names)(const char *const **names);
} RULE_LISTS[] = {
    {"dg_", nn_dg_names},           /* try_digit_groups (scan.c) */
    {"nw_", nn_word_rule_names},    /* try_words (scan.c) */
    {"word_", nn_word_names},       /* on_word (scan.c) */
    {"mo_", nn_month_names},        /* nn_try_month (dates.c) */
    {"wk_", nn_weekday_names},      /* nn_try_weekday (dates.c) */
};
enum { N_RULE_LISTS = sizeof RULE_LISTS / sizeof RULE_LISTS[0] };

static int init(void *vctx, nf_stage_env *env, char *errstr, size_t errstr_size)
{
    nf_numbers_ctx *ctx = vctx;
    if (nf_numbers_load(ctx, env_read, env, errstr, errstr_size) != 0) {
        return -1;
    }
    const nn_rule *rules;
    ctx->n_finish_rules = nn_rule_table(&rules);
    const char *const *names[N_RULE_LISTS];
    size_t n[N_RULE_LISTS], at[N_RULE_LISTS];
    size_t total = ctx->n_finish_rules, pool = 0;
    for (size_t k = 0; k < N_RULE_LISTS; k++) {
        n[k] = RULE_LISTS[k].names(&names[k]);
        at[k] = total;
        total += n[k];
        for (size_t i = 0; i < n[k]; i++) {
            pool += strlen(RULE_LISTS[k].prefix) + strlen(names[k][i]) + 1;
        }
    }
    ctx->n_word_rules_at = at[1];
    ctx->n_word_at = at[2];
    ctx->n_month_at = at[3];
    ctx->n_weekday_at = at[4];
    ctx->n_rules = total;
    ctx->rule_names = nf_xcalloc(ctx->n_rules, sizeof *ctx->rule_names);
    ctx->rule_name_pool = nf_xmalloc(pool ? pool : 1);
    for (size_t i = 0; i < ctx->n_finish_rules; i++) {
        ctx->rule_names[i] = rules[i].name;
    }
    char *p = ctx->rule_name_pool;
    for (size_t k = 0; k < N_RULE_LISTS; k++) {
        size_t pl = strlen(RULE_LISTS[k].prefix);
        for (size_t i = 0; i < n[k]; i++) {
            size_t nl = strlen(names[k][i]);
            memcpy(p, RULE_LISTS[k].prefix, pl);
            memcpy(p + pl, names[k][i], nl + 1);
            ctx->rule_names[at[k] + i] = p;
            p += pl + nl + 1;
        }
    }
    return 0;
}

static void fini(void *vctx)
{
    nf_numbers_ctx *ctx = vctx;
    free(ctx->rule_names);
    ctx->rule_names = NULL;
    free(ctx->rule_name_pool);
    ctx->rule_name_pool = NULL;
    nf_numbers_unload(ctx);
}

/* How often each rule decided a mention: doc->counters[i] is rule i of nn_rule_table, then
 * the digit-group readers of try_digit_groups, then the number-word rules of try_words and
 * the word rules of on_word, the month rules of nn_try_month and the weekday rules of
 * nn_try_weekday. */
static size_t counter_names(const void *vctx, const char *const **names)
{
    const nf_numbers_ctx *ctx = vctx;
    *names = ctx->rule_names;
    return ctx->n_rules;
}

const nf_stage_def nf_stage_numbers = {
    .version = NF_STAGE_ABI_V1,
    .name = "numbers",
    .description = "money, percentages, cardinals, ordinals, quantities and dates with values",
    .options = options,
    .ctx_size = sizeof(nf_numbers_ctx),
    .init = init,
    .process = nf_numbers_process,
    .fini = fini,
    .counter_names = counter_names,
};
