/* Tests for config/config.c: the file format, environment and -X overrides, precedence,
 * iteration order, secret detection and unknown-key detection. */

#include "config/config.h"

#include <criterion/criterion.h>

#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#define DATA NF_TEST_DATA_DIR "/config/"

static nf_config *cfg;
static char err[512];

static void setup(void)
{
    cfg = nf_config_new();
    err[0] = '\0';
}

static void teardown(void)
{
    nf_config_destroy(cfg);
}

TestSuite(config, .init = setup, .fini = teardown, .timeout = 10);

/* Write \p text to a fresh temporary file; returns its path (static buffer). */
static const char *temp_file(const char *text, size_t len)
{
    static char path[64];
    int fd;

    snprintf(path, sizeof(path), "/tmp/nf_test_config_XXXXXX");
    fd = mkstemp(path);
    cr_assert(fd >= 0, "mkstemp: %s", strerror(errno));
    cr_assert_eq(write(fd, text, len), (ssize_t)len);
    close(fd);
    return path;
}

static void assert_entry(const char *key, const char *value, nf_cfg_source source,
                         const char *origin)
{
    size_t i;

    for (i = 0; i < nf_config_count(cfg); i++) {
        nf_config_entry e = nf_config_at(cfg, i);
        if (strcmp(e.key, key) == 0) {
            cr_assert_str_eq(e.value, value, "value of %s", key);
            cr_assert_eq(e.source, source, "source of %s: %d", key, (int)e.source);
            if (origin) {
                cr_assert_not_null(e.origin, "origin of %s", key);
                cr_assert_str_eq(e.origin, origin, "origin of %s", key);
            } else {
                cr_assert_null(e.origin, "origin of %s", key);
            }
            return;
        }
    }
    cr_assert_fail("key %s not found", key);
}

/* ---- File --------------------------------------------------------------------------- */

Test(config, file_syntax)
{
    cr_assert_eq(nf_config_load_file(cfg, DATA "basic.conf", err, sizeof(err)), 0, "%s", err);
    cr_assert_eq(nf_config_count(cfg), 8);
    cr_assert_str_eq(nf_config_get(cfg, "consumer.topics"), "articles");
    /* Blanks around the key and value trimmed, inner blanks of the value kept. */
    cr_assert_str_eq(nf_config_get(cfg, "pipeline.stages"), "normalize, numbers ,entities");
    cr_assert_str_eq(nf_config_get(cfg, "stage.numbers.locale"), "en"); /* tabs */
    /* Quotes removed, blanks inside them kept; an empty quoted value is an empty string. */
    cr_assert_str_eq(nf_config_get(cfg, "producer.topic"), "  enriched  ");
    cr_assert_str_eq(nf_config_get(cfg, "stage.numbers.empty"), "");
    cr_assert_str_eq(nf_config_get(cfg, "kafka.sasl.password"), "a=b#c");
    cr_assert_str_eq(nf_config_get(cfg, "pipeline.label"), "say \"hi\"");
    /* The later line wins and its line number is the origin. */
    assert_entry("pipeline.max_article_bytes", "2000", NF_CFG_FILE, DATA "basic.conf:15");
    assert_entry("consumer.topics", "articles", NF_CFG_FILE, DATA "basic.conf:3");
    cr_assert_null(nf_config_get(cfg, "# a value may be wrapped in double quotes"));
    cr_assert_null(nf_config_get(cfg, "nope"));
}

Test(config, file_crlf_bom_and_no_final_newline)
{
    static const char text[] = "\xEF\xBB\xBF"
                               "a.b = 1\r\n"
                               "\r\n"
                               "# c\r\n"
                               "c.d = \"x y\"\r\n"
                               "e = last";
    const char *path = temp_file(text, sizeof(text) - 1);
    char origin[128];

    cr_assert_eq(nf_config_load_file(cfg, path, err, sizeof(err)), 0, "%s", err);
    cr_assert_eq(nf_config_count(cfg), 3);
    cr_assert_str_eq(nf_config_get(cfg, "a.b"), "1");
    cr_assert_str_eq(nf_config_get(cfg, "c.d"), "x y");
    cr_assert_str_eq(nf_config_get(cfg, "e"), "last");
    snprintf(origin, sizeof(origin), "%s:4", path);
    assert_entry("c.d", "x y", NF_CFG_FILE, origin);
    unlink(path);
}

Test(config, file_line_without_equals)
{
    cr_assert_eq(nf_config_load_file(cfg, DATA "missing_equals.conf", err, sizeof(err)), -1);
    /* The line is not echoed: it may be `kafka.sasl.password hunter2`. */
    cr_assert_str_eq(err, DATA "missing_equals.conf:4: expected \"key = value\" but the line "
                          "has no '=' (its text is not shown: it may hold a secret)");
    /* A bad file leaves the configuration as it was (line 2 was fine). */
    cr_assert_eq(nf_config_count(cfg), 0);
}

Test(config, file_unterminated_quote_and_bad_key)
{
    cr_assert_eq(nf_config_load_file(cfg, DATA "unterminated_quote.conf", err, sizeof(err)), -1);
    cr_assert_str_eq(err, DATA "unterminated_quote.conf:1: unterminated quote in the value of "
                          "\"producer.topic\"");

    cr_assert_eq(nf_config_load_file(cfg, DATA "bad_key.conf", err, sizeof(err)), -1);
    /* Only the key's leading valid part: what follows may be a secret. */
    cr_assert(strstr(err, "bad_key.conf:2: invalid key \"pipeline...\""), "%s", err);
    cr_assert_eq(nf_config_count(cfg), 0);
}

Test(config, file_empty_key_and_dots)
{
    const char *path = temp_file("ok = 1\n = 2\n", 12);

    cr_assert_eq(nf_config_load_file(cfg, path, err, sizeof(err)), -1);
    cr_assert(strstr(err, ":2: invalid key \"\": empty key"), "%s", err);
    unlink(path);

    path = temp_file("a..b = 1\n", 9);
    cr_assert_eq(nf_config_load_file(cfg, path, err, sizeof(err)), -1);
    cr_assert(strstr(err, ":1: invalid key \"a..b\": empty part between dots"), "%s", err);
    unlink(path);
}

Test(config, file_nul_byte)
{
    static const char text[] = "a = 1\nb = 2\0junk\n";
    const char *path = temp_file(text, sizeof(text) - 1);
    char expected[128];

    cr_assert_eq(nf_config_load_file(cfg, path, err, sizeof(err)), -1);
    snprintf(expected, sizeof(expected), "%s:2: NUL byte in line", path);
    cr_assert_str_eq(err, expected);
    unlink(path);
}

Test(config, file_missing)
{
    char expected[512];

    cr_assert_eq(nf_config_load_file(cfg, DATA "no-such-file.conf", err, sizeof(err)), -1);
    snprintf(expected, sizeof(expected), "cannot open config file \"%s\": %s",
             DATA "no-such-file.conf", strerror(ENOENT));
    cr_assert_str_eq(err, expected);
}

Test(config, file_is_a_directory)
{
    /* fopen() of a directory succeeds on Linux; the read fails. */
    cr_assert_eq(nf_config_load_file(cfg, DATA, err, sizeof(err)), -1);
    cr_assert(strstr(err, DATA), "%s", err);
    cr_assert(strstr(err, strerror(EISDIR)), "%s", err);
}

Test(config, file_unreadable)
{
    const char *path = temp_file("a = 1\n", 6);
    char expected[512];

    chmod(path, 0);
    if (access(path, R_OK) == 0) {
        unlink(path);
        cr_skip_test("running as root: permissions are not enforced");
    }
    cr_assert_eq(nf_config_load_file(cfg, path, err, sizeof(err)), -1);
    snprintf(expected, sizeof(expected), "cannot open config file \"%s\": %s", path,
             strerror(EACCES));
    cr_assert_str_eq(err, expected);
    unlink(path);
}

Test(config, errstr_may_be_null)
{
    cr_assert_eq(nf_config_load_file(cfg, DATA "no-such-file.conf", NULL, 0), -1);
    cr_assert_eq(nf_config_set_arg(cfg, "novalue", NULL, 0), -1);
}

/* ---- Environment ------------------------------------------------------------------------ */

Test(config, env_mapping)
{
    char *const envp[] = {
        "PATH=/usr/bin",
        "NEWSFLOW_KAFKA_BOOTSTRAP_SERVERS=localhost:9092",
        "NEWSFLOW_PIPELINE_MAX__ARTICLE__BYTES=4096",
        "NEWSFLOW_STAGE_MY___STAGE_X=  spaced value  ",
        "NEWSFLOW_Consumer_Topics=a,b",
        "newsflow_ignored=1",
        "NEWSFLOWX=1",
        NULL,
    };

    cr_assert_eq(nf_config_load_env(cfg, envp, err, sizeof(err)), 0, "%s", err);
    cr_assert_eq(nf_config_count(cfg), 4);
    assert_entry("kafka.bootstrap.servers", "localhost:9092", NF_CFG_ENV,
                 "env NEWSFLOW_KAFKA_BOOTSTRAP_SERVERS");
    assert_entry("pipeline.max_article_bytes", "4096", NF_CFG_ENV,
                 "env NEWSFLOW_PIPELINE_MAX__ARTICLE__BYTES");
    /* Values are verbatim: the environment has no quoting to undo. */
    assert_entry("stage.my-stage.x", "  spaced value  ", NF_CFG_ENV,
                 "env NEWSFLOW_STAGE_MY___STAGE_X");
    assert_entry("consumer.topics", "a,b", NF_CFG_ENV, "env NEWSFLOW_Consumer_Topics");
}

Test(config, env_bad_names)
{
    char *const empty[] = {"NEWSFLOW_=1", NULL};
    char *const trailing[] = {"NEWSFLOW_KAFKA_=1", NULL};
    char *const badchar[] = {"NEWSFLOW_A-B=1", NULL};

    cr_assert_eq(nf_config_load_env(cfg, empty, err, sizeof(err)), -1);
    cr_assert(strstr(err, "environment variable NEWSFLOW_: "), "%s", err);
    cr_assert_eq(nf_config_load_env(cfg, trailing, err, sizeof(err)), -1);
    cr_assert_str_eq(err, "environment variable NEWSFLOW_KAFKA_: maps to key \"kafka.\": empty "
                          "part between dots");
    cr_assert_eq(nf_config_load_env(cfg, badchar, err, sizeof(err)), -1);
    cr_assert(strstr(err, "environment variable NEWSFLOW_A-B: only letters"), "%s", err);
    cr_assert_eq(nf_config_count(cfg), 0);
    cr_assert_eq(nf_config_load_env(cfg, NULL, err, sizeof(err)), 0);
}

Test(config, env_name_inverse)
{
    static const struct {
        const char *key;
        const char *env;
    } cases[] = {
        {"kafka.bootstrap.servers", "NEWSFLOW_KAFKA_BOOTSTRAP_SERVERS"},
        {"pipeline.max_article_bytes", "NEWSFLOW_PIPELINE_MAX__ARTICLE__BYTES"},
        {"stage.my-stage.x", "NEWSFLOW_STAGE_MY___STAGE_X"},
        {"producer.kafka.linger.ms", "NEWSFLOW_PRODUCER_KAFKA_LINGER_MS"},
    };

    for (size_t i = 0; i < sizeof(cases) / sizeof(cases[0]); i++) {
        char *name = nf_config_env_name(cases[i].key);
        char var[256];
        char *const envp[] = {var, NULL};

        cr_assert_str_eq(name, cases[i].env);
        /* And back again through the loader. */
        snprintf(var, sizeof(var), "%s=v%zu", name, i);
        cr_assert_eq(nf_config_load_env(cfg, envp, err, sizeof(err)), 0, "%s", err);
        cr_assert_not_null(nf_config_get(cfg, cases[i].key), "%s", cases[i].key);
        free(name);
    }
    cr_assert_eq(nf_config_count(cfg), 4);
}

/* ---- -X ------------------------------------------------------------------------------ */

Test(config, set_arg)
{
    cr_assert_eq(nf_config_set_arg(cfg, "kafka.sasl.jaas=a=b", err, sizeof(err)), 0, "%s", err);
    cr_assert_eq(nf_config_set_arg(cfg, " pipeline.stages =x ", err, sizeof(err)), 0, "%s", err);
    cr_assert_eq(nf_config_set_arg(cfg, "producer.topic=", err, sizeof(err)), 0, "%s", err);
    assert_entry("kafka.sasl.jaas", "a=b", NF_CFG_CLI, "-X");
    assert_entry("pipeline.stages", "x ", NF_CFG_CLI, "-X");
    assert_entry("producer.topic", "", NF_CFG_CLI, "-X");

    cr_assert_eq(nf_config_set_arg(cfg, "pipeline.stages", err, sizeof(err)), -1);
    cr_assert_str_eq(err, "-X expects KEY=VALUE as one argument; this one has no '=' (it is "
                          "not shown: it may hold a secret)");
    cr_assert_eq(nf_config_set_arg(cfg, "kafka.sasl.password hunter2", err, sizeof(err)), -1);
    cr_assert_null(strstr(err, "hunter2"), "%s", err);
    cr_assert_eq(nf_config_set_arg(cfg, "=1", err, sizeof(err)), -1);
    cr_assert_str_eq(err, "-X \"\": invalid key: empty key");
    cr_assert_eq(nf_config_set_arg(cfg, "a b=1", err, sizeof(err)), -1);
    cr_assert(strstr(err, "-X \"a...\": invalid key"), "%s", err);
    cr_assert_eq(nf_config_set_arg(cfg, "kafka.sasl.password hunter2=1", err, sizeof(err)), -1);
    cr_assert(strstr(err, "-X \"kafka.sasl.password...\": invalid key"), "%s", err);
    cr_assert_null(strstr(err, "hunter2"), "%s", err);
    cr_assert_eq(nf_config_count(cfg), 3);
}

/* ---- Precedence, set, iteration --------------------------------------------------------- */

Test(config, precedence_file_env_cli)
{
    char *const envp[] = {"NEWSFLOW_PIPELINE_STAGES=from-env",
                          "NEWSFLOW_CONSUMER_TOPICS=env-topics", NULL};

    /* The caller applies the sources in order: defaults, file, env, -X. */
    nf_config_set(cfg, "producer.topic", "default-topic", NF_CFG_DEFAULT, NULL);
    nf_config_set(cfg, "pipeline.stages", "default-stages", NF_CFG_DEFAULT, NULL);
    cr_assert_eq(nf_config_load_file(cfg, DATA "basic.conf", err, sizeof(err)), 0, "%s", err);
    cr_assert_eq(nf_config_load_env(cfg, envp, err, sizeof(err)), 0, "%s", err);
    cr_assert_eq(nf_config_set_arg(cfg, "pipeline.stages=from-cli", err, sizeof(err)), 0);

    assert_entry("pipeline.stages", "from-cli", NF_CFG_CLI, "-X");
    assert_entry("consumer.topics", "env-topics", NF_CFG_ENV, "env NEWSFLOW_CONSUMER_TOPICS");
    assert_entry("producer.topic", "  enriched  ", NF_CFG_FILE, DATA "basic.conf:8");
    assert_entry("stage.numbers.locale", "en", NF_CFG_FILE, DATA "basic.conf:5");

    nf_config_set(cfg, "only.default", "d", NF_CFG_DEFAULT, NULL);
    assert_entry("only.default", "d", NF_CFG_DEFAULT, NULL);
}

Test(config, set_replaces_and_iterates_sorted)
{
    static const char *const keys[] = {"pipeline.stages", "kafka.acks", "a", "stage.z.q",
                                       "consumer.topics", "kafka.acks.extra", "b.a", "a.b"};
    static const char *const sorted[] = {"a", "a.b", "b.a", "consumer.topics", "kafka.acks",
                                         "kafka.acks.extra", "pipeline.stages", "stage.z.q"};
    const size_t n = sizeof(keys) / sizeof(keys[0]);

    for (size_t i = 0; i < n; i++) {
        nf_config_set(cfg, keys[i], "1", NF_CFG_FILE, "f:1");
    }
    nf_config_set(cfg, "kafka.acks", "all", NF_CFG_CLI, NULL);
    cr_assert_eq(nf_config_count(cfg), n);
    for (size_t i = 0; i < n; i++) {
        cr_assert_str_eq(nf_config_at(cfg, i).key, sorted[i], "position %zu", i);
    }
    assert_entry("kafka.acks", "all", NF_CFG_CLI, NULL);
    assert_entry("a.b", "1", NF_CFG_FILE, "f:1");
}

/* ---- Secrets ------------------------------------------------------------------------------ */

/* Secret librdkafka properties are the ones librdkafka flags sensitive, under any pass-through
 * prefix; nothing is guessed from a key's name. */
Test(config, secrets)
{
    static const char *const secret[] = {
        "kafka.sasl.password",           "producer.kafka.ssl.key.password",
        "kafka.ssl.key.pem",             "kafka.sasl.oauthbearer.config",
        "kafka.ssl.keystore.password",   "consumer.kafka.sasl.password",
        "kafka.sasl.oauthbearer.client.secret",
    };
    static const char *const public[] = {
        "kafka.bootstrap.servers", "kafka.ssl.ca.location", "kafka.ssl.certificate.location",
        "kafka.security.protocol", "pipeline.stages",       "kafka.sasl.username",
        "kafka.sasl.mechanisms",   "consumer.topics",       "stage.lookup.api_secret",
        "db.password",             "sasl.password",         "kafka.sasl.password.x",
    };

    for (size_t i = 0; i < sizeof(secret) / sizeof(secret[0]); i++) {
        cr_assert(nf_config_is_secret(secret[i]), "%s should be secret", secret[i]);
    }
    for (size_t i = 0; i < sizeof(public) / sizeof(public[0]); i++) {
        cr_assert_not(nf_config_is_secret(public[i]), "%s is not flagged secret", public[i]);
    }
}

/* ---- Unknown keys ---------------------------------------------------------------------- */

typedef struct demo_ctx {
    int64_t max_bytes;
    char *stages;
    char *locale;
} demo_ctx;

static const nf_opt pipeline_opts[] = {
    {"stages", NF_OPT_STR, "normalize", offsetof(demo_ctx, stages), NULL, "stage order"},
    {"max_article_bytes", NF_OPT_INT, "1048576", offsetof(demo_ctx, max_bytes), "1..1073741824",
     "largest article"},
    {NULL, NF_OPT_STR, NULL, 0, NULL, NULL},
};

static const nf_opt numbers_opts[] = {
    {"locale", NF_OPT_STR, "en", offsetof(demo_ctx, locale), NULL, "number locale"},
    {NULL, NF_OPT_STR, NULL, 0, NULL, NULL},
};

/* Short keys: a short typo is allowed only 2 edits, so two swaps need Damerau distance. */
static const nf_opt io_opts[] = {
    {"mode", NF_OPT_STR, NULL, offsetof(demo_ctx, locale), NULL, "short key"},
    {NULL, NF_OPT_STR, NULL, 0, NULL, NULL},
};

static const nf_opt_table tables[] = {
    {"pipeline.", pipeline_opts},
    {"stage.numbers.", numbers_opts},
    {"io.", io_opts},
    {NULL, NULL},
};

static const char *const passthrough[] = {"kafka.", "consumer.kafka.", "producer.kafka.", NULL};

Test(config, check_keys_known_and_passthrough)
{
    nf_config_set(cfg, "pipeline.stages", "x", NF_CFG_FILE, NULL);
    nf_config_set(cfg, "pipeline.max_article_bytes", "x", NF_CFG_FILE, NULL);
    nf_config_set(cfg, "stage.numbers.locale", "x", NF_CFG_FILE, NULL);
    nf_config_set(cfg, "io.mode", "x", NF_CFG_FILE, NULL);
    /* Pass-through values are librdkafka's to judge, even nonsense ones. */
    nf_config_set(cfg, "kafka.bootstrap.servers", "x", NF_CFG_FILE, NULL);
    nf_config_set(cfg, "consumer.kafka.no.such.property", "x", NF_CFG_FILE, NULL);
    nf_config_set(cfg, "producer.kafka.linger.ms", "x", NF_CFG_FILE, NULL);
    cr_assert_eq(nf_config_check_keys(cfg, tables, passthrough, err, sizeof(err)), 0, "%s", err);
}

Test(config, check_keys_did_you_mean)
{
    cr_assert_eq(nf_config_load_file(cfg, DATA "typo.conf", err, sizeof(err)), 0, "%s", err);
    cr_assert_eq(nf_config_check_keys(cfg, tables, passthrough, err, sizeof(err)), -1);
    cr_assert_str_eq(err, "unknown configuration key \"pipline.max_article_bytes\" (from " DATA
                          "typo.conf:2): did you mean \"pipeline.max_article_bytes\"?");
}

Test(config, check_keys_suggestions)
{
    static const struct {
        const char *typo;
        const char *hint;
    } cases[] = {
        {"pipline.stages", "pipeline.stages"},
        {"pipeline.stgaes", "pipeline.stages"},           /* transposition */
        {"oi.mdoe", "io.mode"},                           /* two transpositions */
        {"io.mod", "io.mode"},
        {"pipeline.max_artcle_bytes", "pipeline.max_article_bytes"},
        {"stage.number.locale", "stage.numbers.locale"},
        {"kafak.bootstrap.servers", "kafka.bootstrap.servers"}, /* pass-through prefix */
        {"producer.kafak.acks", "producer.kafka.acks"},
    };

    for (size_t i = 0; i < sizeof(cases) / sizeof(cases[0]); i++) {
        char expected[512];
        nf_config *c = nf_config_new();

        nf_config_set(c, cases[i].typo, "1", NF_CFG_CLI, "-X");
        cr_assert_eq(nf_config_check_keys(c, tables, passthrough, err, sizeof(err)), -1);
        snprintf(expected, sizeof(expected),
                 "unknown configuration key \"%s\" (from -X): did you mean \"%s\"?",
                 cases[i].typo, cases[i].hint);
        cr_assert_str_eq(err, expected);
        nf_config_destroy(c);
    }
}

Test(config, check_keys_nothing_close)
{
    nf_config_set(cfg, "completely.different", "1", NF_CFG_FILE, NULL);
    nf_config_set(cfg, "zzz", "1", NF_CFG_ENV, "env NEWSFLOW_ZZZ");
    /* Three edits from "io.mode" is too far for an 8-character key. */
    nf_config_set(cfg, "abc.mode", "1", NF_CFG_ENV, "env NEWSFLOW_ABC_MODE");
    nf_config_set(cfg, "pipeline.stages", "1", NF_CFG_FILE, NULL);
    cr_assert_eq(nf_config_check_keys(cfg, tables, passthrough, err, sizeof(err)), -1);
    /* Sorted order: the first unknown key is reported, the others counted. */
    cr_assert_str_eq(err, "unknown configuration key \"abc.mode\" (from env NEWSFLOW_ABC_MODE): "
                          "see 'newsflow check-config --help' for the known keys (and 2 more "
                          "unknown keys)");
}

Test(config, check_keys_no_tables)
{
    nf_config_set(cfg, "kafka.acks", "all", NF_CFG_FILE, NULL);
    cr_assert_eq(nf_config_check_keys(cfg, NULL, passthrough, err, sizeof(err)), 0);
    nf_config_set(cfg, "pipeline.stages", "x", NF_CFG_FILE, NULL);
    cr_assert_eq(nf_config_check_keys(cfg, NULL, NULL, err, sizeof(err)), -1);
    cr_assert(strstr(err, "unknown configuration key \"kafka.acks\""), "%s", err);
    cr_assert(strstr(err, "(and 1 more unknown key)"), "%s", err);
}
