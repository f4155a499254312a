/* Tests for config/options.c: nf_opt_apply / nf_opt_release for every option type. */

#include "config/config.h"

#include <criterion/criterion.h>

#include <stddef.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

typedef struct demo_ctx {
    char *name;          /* STR with default */
    char *unset;         /* STR without default */
    int64_t max_bytes;   /* INT 1..1073741824 */
    int64_t offset;      /* INT, no range, may be negative */
    int64_t at_least;    /* INT "0.." */
    bool enabled;        /* BOOL default true */
    bool flag;           /* BOOL without default */
    double ratio;        /* DOUBLE 0..1 */
    double any;          /* DOUBLE, no range */
    char *mode;          /* ENUM fast|exact|off */
    nf_strlist stages;   /* LIST */
    nf_strlist empty;    /* LIST without default */
    nf_strlist kinds;    /* LIST with allowed items */
} demo_ctx;

static const nf_opt opts[] = {
    {"name", NF_OPT_STR, "newsflow", offsetof(demo_ctx, name), NULL, "a name"},
    {"unset", NF_OPT_STR, NULL, offsetof(demo_ctx, unset), NULL, "no default"},
    {"max_article_bytes", NF_OPT_INT, "1048576", offsetof(demo_ctx, max_bytes), "1..1073741824",
     "largest article"},
    {"offset", NF_OPT_INT, "-5", offsetof(demo_ctx, offset), NULL, "signed"},
    {"at_least", NF_OPT_INT, "0", offsetof(demo_ctx, at_least), "0..", "lower bound only"},
    {"enabled", NF_OPT_BOOL, "true", offsetof(demo_ctx, enabled), NULL, "switch"},
    {"flag", NF_OPT_BOOL, NULL, offsetof(demo_ctx, flag), NULL, "switch, default false"},
    {"ratio", NF_OPT_DOUBLE, "0.25", offsetof(demo_ctx, ratio), "0..1", "a fraction"},
    {"any", NF_OPT_DOUBLE, "-1.5e3", offsetof(demo_ctx, any), NULL, "any number"},
    {"mode", NF_OPT_ENUM, "fast", offsetof(demo_ctx, mode), "fast|exact|off", "how"},
    {"stages", NF_OPT_LIST, "normalize, numbers", offsetof(demo_ctx, stages), NULL, "order"},
    {"empty", NF_OPT_LIST, NULL, offsetof(demo_ctx, empty), NULL, "nothing"},
    {"kinds", NF_OPT_LIST, "", offsetof(demo_ctx, kinds), "money|percent", "restricted list"},
    {NULL, NF_OPT_STR, NULL, 0, NULL, NULL},
};

#define P "pipeline."

static nf_config *cfg;
static demo_ctx ctx;
static char err[512];

static void setup(void)
{
    cfg = nf_config_new();
    memset(&ctx, 0, sizeof(ctx));
    err[0] = '\0';
}

static void teardown(void)
{
    nf_opt_release(opts, &ctx);
    nf_config_destroy(cfg);
}

TestSuite(options, .init = setup, .fini = teardown, .timeout = 10);

static void set(const char *name, const char *value)
{
    char key[128];

    snprintf(key, sizeof(key), P "%s", name);
    nf_config_set(cfg, key, value, NF_CFG_CLI, "-X");
}

/* Apply and expect failure with exactly \p message. */
static void expect_error(const char *message)
{
    cr_assert_eq(nf_opt_apply(opts, P, cfg, &ctx, err, sizeof(err)), -1, "applied: %s", message);
    cr_assert_str_eq(err, message);
}

Test(options, defaults)
{
    cr_assert_eq(nf_opt_apply(opts, P, cfg, &ctx, err, sizeof(err)), 0, "%s", err);
    cr_assert_str_eq(ctx.name, "newsflow");
    cr_assert_null(ctx.unset);
    cr_assert_eq(ctx.max_bytes, 1048576);
    cr_assert_eq(ctx.offset, -5);
    cr_assert_eq(ctx.at_least, 0);
    cr_assert(ctx.enabled);
    cr_assert_not(ctx.flag);
    cr_assert_float_eq(ctx.ratio, 0.25, 1e-12);
    cr_assert_float_eq(ctx.any, -1500.0, 1e-9);
    cr_assert_str_eq(ctx.mode, "fast");
    cr_assert_eq(ctx.stages.n, 2);
    cr_assert_str_eq(ctx.stages.items[0], "normalize");
    cr_assert_str_eq(ctx.stages.items[1], "numbers");
    cr_assert_eq(ctx.empty.n, 0);
    cr_assert_null(ctx.empty.items);
    cr_assert_eq(ctx.kinds.n, 0);
}

Test(options, null_cfg_means_defaults)
{
    cr_assert_eq(nf_opt_apply(opts, P, NULL, &ctx, err, sizeof(err)), 0, "%s", err);
    cr_assert_eq(ctx.max_bytes, 1048576);
    cr_assert_str_eq(ctx.mode, "fast");
}

Test(options, values_from_config)
{
    set("name", "custom");
    set("unset", "");
    set("max_article_bytes", "1073741824");
    set("offset", "-9223372036854775808");
    set("at_least", "+42");
    set("enabled", "Off");
    set("flag", "YES");
    set("ratio", "1");
    set("any", "3.5");
    set("mode", "exact");
    set("stages", " , a ,, b c ,d,  ");
    set("empty", " , ,");
    set("kinds", "money, percent");
    /* A key under another prefix is not ours. */
    nf_config_set(cfg, "stage.x.name", "other", NF_CFG_FILE, NULL);

    cr_assert_eq(nf_opt_apply(opts, P, cfg, &ctx, err, sizeof(err)), 0, "%s", err);
    cr_assert_str_eq(ctx.name, "custom");
    cr_assert_str_eq(ctx.unset, "");
    cr_assert_eq(ctx.max_bytes, 1073741824);
    cr_assert_eq(ctx.offset, INT64_MIN);
    cr_assert_eq(ctx.at_least, 42);
    cr_assert_not(ctx.enabled);
    cr_assert(ctx.flag);
    cr_assert_float_eq(ctx.ratio, 1.0, 1e-12);
    cr_assert_float_eq(ctx.any, 3.5, 1e-12);
    cr_assert_str_eq(ctx.mode, "exact");
    cr_assert_eq(ctx.stages.n, 3);
    cr_assert_str_eq(ctx.stages.items[0], "a");
    cr_assert_str_eq(ctx.stages.items[1], "b c");
    cr_assert_str_eq(ctx.stages.items[2], "d");
    cr_assert_eq(ctx.empty.n, 0);
    cr_assert_eq(ctx.kinds.n, 2);
    cr_assert_str_eq(ctx.kinds.items[1], "percent");
}

Test(options, bool_spellings)
{
    static const char *const yes[] = {"true", "TRUE", "yes", "on", "1", "True"};
    static const char *const no[] = {"false", "no", "OFF", "0", "No"};
    static const nf_opt one[] = {
        {"b", NF_OPT_BOOL, NULL, 0, NULL, "b"},
        {NULL, NF_OPT_STR, NULL, 0, NULL, NULL},
    };

    for (size_t i = 0; i < sizeof(yes) / sizeof(yes[0]); i++) {
        bool b = false;
        nf_config_set(cfg, "b", yes[i], NF_CFG_CLI, NULL);
        cr_assert_eq(nf_opt_apply(one, "", cfg, &b, err, sizeof(err)), 0, "%s", err);
        cr_assert(b, "%s", yes[i]);
    }
    for (size_t i = 0; i < sizeof(no) / sizeof(no[0]); i++) {
        bool b = true;
        nf_config_set(cfg, "b", no[i], NF_CFG_CLI, NULL);
        cr_assert_eq(nf_opt_apply(one, NULL, cfg, &b, err, sizeof(err)), 0, "%s", err);
        cr_assert_not(b, "%s", no[i]);
    }
}

Test(options, bad_int)
{
    set("max_article_bytes", "abc");
    expect_error("invalid value \"abc\" for pipeline.max_article_bytes: expected an integer in "
                 "1..1073741824 (from -X)");
}

Test(options, int_out_of_range)
{
    set("max_article_bytes", "0");
    expect_error("invalid value \"0\" for pipeline.max_article_bytes: expected an integer in "
                 "1..1073741824 (from -X)");
    set("max_article_bytes", "1073741825");
    expect_error("invalid value \"1073741825\" for pipeline.max_article_bytes: expected an "
                 "integer in 1..1073741824 (from -X)");
    set("max_article_bytes", "5");
    set("at_least", "-1");
    expect_error("invalid value \"-1\" for pipeline.at_least: expected an integer in 0.. "
                 "(from -X)");
}

Test(options, int_rejects_junk)
{
    static const char *const junk[] = {"", " 1", "1 ", "1k", "0x10", "1.5",
                                       "99999999999999999999", "--1"};

    for (size_t i = 0; i < sizeof(junk) / sizeof(junk[0]); i++) {
        char expected[256];

        set("offset", junk[i]);
        snprintf(expected, sizeof(expected),
                 "invalid value \"%s\" for pipeline.offset: expected an integer (from -X)",
                 junk[i]);
        expect_error(expected);
    }
}

Test(options, bad_double)
{
    static const char *const junk[] = {"nan", "inf", "0x1p3", "1,5", "", "1e999", "abc"};

    for (size_t i = 0; i < sizeof(junk) / sizeof(junk[0]); i++) {
        char expected[256];

        set("any", junk[i]);
        snprintf(expected, sizeof(expected),
                 "invalid value \"%s\" for pipeline.any: expected a number (from -X)", junk[i]);
        expect_error(expected);
    }
    set("any", "1");
    set("ratio", "1.01");
    expect_error("invalid value \"1.01\" for pipeline.ratio: expected a number in 0..1 (from -X)");
    set("ratio", "-0.5");
    expect_error("invalid value \"-0.5\" for pipeline.ratio: expected a number in 0..1 (from -X)");
}

Test(options, bad_bool)
{
    set("enabled", "maybe");
    expect_error("invalid value \"maybe\" for pipeline.enabled: expected a boolean (true/false, "
                 "yes/no, on/off, 1/0) (from -X)");
}

Test(options, bad_enum)
{
    set("mode", "Fast");
    expect_error("invalid value \"Fast\" for pipeline.mode: expected one of: fast, exact, off "
                 "(from -X)");
    /* A prefix of a choice is not a choice. */
    set("mode", "ex");
    expect_error("invalid value \"ex\" for pipeline.mode: expected one of: fast, exact, off "
                 "(from -X)");
}

Test(options, bad_list_item)
{
    set("kinds", "money, date");
    expect_error("invalid value \"money, date\" for pipeline.kinds: expected a comma-separated "
                 "list of one of: money, percent (\"date\" is not) (from -X)");
}

Test(options, origin_from_file_and_none)
{
    nf_config_set(cfg, P "max_article_bytes", "-3", NF_CFG_FILE, "newsflow.conf:12");
    expect_error("invalid value \"-3\" for pipeline.max_article_bytes: expected an integer in "
                 "1..1073741824 (from newsflow.conf:12)");
    nf_config_set(cfg, P "max_article_bytes", "-3", NF_CFG_CLI, NULL);
    expect_error("invalid value \"-3\" for pipeline.max_article_bytes: expected an integer in "
                 "1..1073741824");
}

Test(options, bad_default_is_reported_as_such)
{
    static const nf_opt broken[] = {
        {"n", NF_OPT_INT, "ten", 0, "1..100", "a programmer error"},
        {NULL, NF_OPT_STR, NULL, 0, NULL, NULL},
    };
    int64_t n = 0;

    cr_assert_eq(nf_opt_apply(broken, "stage.x.", cfg, &n, err, sizeof(err)), -1);
    cr_assert_str_eq(err, "invalid default \"ten\" for stage.x.n: expected an integer in 1..100 "
                          "(built-in default)");
}

Test(options, secret_values_not_echoed)
{
    static const nf_opt secret[] = {
        {"password_len", NF_OPT_INT, NULL, 0, NULL, "flagged secret", true},
        {NULL, NF_OPT_STR, NULL, 0, NULL, NULL},
    };
    int64_t n = 0;

    nf_config_set(cfg, "x.password_len", "hunter2", NF_CFG_CLI, "-X");
    cr_assert_eq(nf_opt_apply(secret, "x.", cfg, &n, err, sizeof(err)), -1);
    cr_assert_str_eq(err, "invalid value (redacted) for x.password_len: expected an integer "
                          "(from -X)");
}

Test(options, long_values_cut)
{
    char value[200];

    memset(value, 'z', sizeof(value) - 1);
    value[sizeof(value) - 1] = '\0';
    set("mode", value);
    cr_assert_eq(nf_opt_apply(opts, P, cfg, &ctx, err, sizeof(err)), -1);
    cr_assert(strstr(err, "zzz...\" for pipeline.mode: expected one of: fast, exact, off"), "%s",
              err);
    cr_assert_lt(strlen(err), 160, "%s", err);
}

/* After a failed apply the target holds no allocations (ASan would report a leak otherwise)
 * and every pointer is NULL, so releasing it again is harmless. */
Test(options, failed_apply_leaves_nothing)
{
    set("name", "will be freed");
    set("stages", "a,b");
    set("kinds", "nope"); /* fails after name, mode and stages were filled */
    cr_assert_eq(nf_opt_apply(opts, P, cfg, &ctx, err, sizeof(err)), -1);
    cr_assert_null(ctx.name);
    cr_assert_null(ctx.mode);
    cr_assert_null(ctx.stages.items);
    cr_assert_eq(ctx.stages.n, 0);
    nf_opt_release(opts, &ctx);
}

Test(options, release_and_reapply)
{
    /* Release of a zeroed target is a no-op. */
    nf_opt_release(opts, &ctx);
    cr_assert_eq(nf_opt_apply(opts, P, cfg, &ctx, err, sizeof(err)), 0, "%s", err);
    /* Applying again over a filled target replaces the values without leaking the old ones. */
    set("name", "second");
    cr_assert_eq(nf_opt_apply(opts, P, cfg, &ctx, err, sizeof(err)), 0, "%s", err);
    cr_assert_str_eq(ctx.name, "second");
    nf_opt_release(opts, &ctx);
    cr_assert_null(ctx.name);
    cr_assert_null(ctx.mode);
    cr_assert_null(ctx.stages.items);
    cr_assert_eq(ctx.stages.n, 0);
    /* Scalars are left alone. */
    cr_assert_eq(ctx.max_bytes, 1048576);
    nf_opt_release(opts, &ctx);
    nf_opt_release(NULL, &ctx);
}

Test(options, strlist_free)
{
    nf_strlist l = {NULL, 0};

    nf_strlist_free(&l);
    nf_strlist_free(NULL);
    l.items = malloc(2 * sizeof(char *));
    l.items[0] = strdup("a");
    l.items[1] = strdup("b");
    l.n = 2;
    nf_strlist_free(&l);
    cr_assert_null(l.items);
    cr_assert_eq(l.n, 0);
}

/* An option flagged secret never shows its value, not even when it is invalid. */
Test(options, secret_values_are_not_shown_in_errors)
{
    typedef struct {
        int64_t pin;
        int64_t plain;
    } creds;
    static const nf_opt tbl[] = {
        {"pin", NF_OPT_INT, "1", offsetof(creds, pin), "0..9999", "a secret number", true},
        {"plain", NF_OPT_INT, "1", offsetof(creds, plain), "0..9999", "not secret"},
        {NULL, NF_OPT_STR, NULL, 0, NULL, NULL},
    };
    creds c;
    nf_config_set(cfg, "x.pin", "12345678", NF_CFG_CLI, NULL);
    cr_assert_eq(nf_opt_apply(tbl, "x.", cfg, &c, err, sizeof(err)), -1);
    cr_assert_null(strstr(err, "12345678"), "%s", err);
    cr_assert(strstr(err, "invalid value (redacted) for x.pin"), "%s", err);
    nf_config_set(cfg, "x.pin", "5", NF_CFG_CLI, NULL);
    nf_config_set(cfg, "x.plain", "12345678", NF_CFG_CLI, NULL);
    cr_assert_eq(nf_opt_apply(tbl, "x.", cfg, &c, err, sizeof(err)), -1);
    cr_assert(strstr(err, "invalid value \"12345678\" for x.plain"), "%s", err);
}
