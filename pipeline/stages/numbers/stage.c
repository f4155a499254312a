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

static int init(void *vctx, nf_stage_env *env, char *errstr, size_t errstr_size)
{
    nf_numbers_ctx *ctx = vctx;
    if (nf_numbers_load(ctx, env_read, env, errstr, errstr_size) != 0) {
        return -1;
    }
    const nn_rule *rules;
    const char *const *dg;
    const char *const *wd;
    ctx->n_finish_rules = nn_rule_table(&rules);
    size_t n_dg = nn_dg_names(&dg);
    const char *const *ow;
    size_t n_wd = nn_word_rule_names(&wd);
    size_t n_ow = nn_word_names(&ow);
    const char *const *mo;
    size_t n_mo = nn_month_names(&mo);
    const char *const *wk;
    size_t n_wk = nn_weekday_names(&wk);
    ctx->n_word_rules_at = ctx->n_finish_rules + n_dg;
    ctx->n_word_at = ctx->n_word_rules_at + n_wd;
    ctx->n_month_at = ctx->n_word_at + n_ow;
    ctx->n_weekday_at = ctx->n_month_at + n_mo;
    ctx->n_rules = ctx->n_weekday_at + n_wk;
    ctx->rule_names = nf_xcalloc(ctx->n_rules, sizeof *ctx->rule_names);
    for (size_t i = 0; i < ctx->n_finish_rules; i++) {
        ctx->rule_names[i] = rules[i].name;
    }
    for (size_t i = 0; i < n_dg; i++) {
        ctx->rule_names[ctx->n_finish_rules + i] = dg[i];
    }
    for (size_t i = 0; i < n_wd; i++) {
        ctx->rule_names[ctx->n_word_rules_at + i] = wd[i];
    }
    for (size_t i = 0; i < n_ow; i++) {
        ctx->rule_names[ctx->n_word_at + i] = ow[i];
    }
    for (size_t i = 0; i < n_mo; i++) {
        ctx->rule_names[ctx->n_month_at + i] = mo[i];
    }
    for (size_t i = 0; i < n_wk; i++) {
        ctx->rule_names[ctx->n_weekday_at + i] = wk[i];
    }
    return 0;
}

static void fini(void *vctx)
{
    nf_numbers_ctx *ctx = vctx;
    free(ctx->rule_names);
    ctx->rule_names = NULL;
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
