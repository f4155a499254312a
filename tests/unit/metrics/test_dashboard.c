/* Every newsflow_* metric the Grafana dashboard (deploy/grafana/dashboards/newsflow.json)
 * queries is one the binary exports: the names are taken from the exposition of a metrics
 * object with every family populated (histogram series as _bucket/_sum/_count). */
#include "common/buf.h"
#include "common/err.h"
#include "metrics/metrics.h"

#include <criterion/criterion.h>
#include <ctype.h>
#include <jansson.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#define MAX_NAMES 256

typedef struct names {
    char *v[MAX_NAMES];
    size_t n;
} names;

static bool has(const names *s, const char *name)
{
    for (size_t i = 0; i < s->n; i++) {
        if (strcmp(s->v[i], name) == 0) {
            return true;
        }
    }
    return false;
}

static void add(names *s, const char *b, size_t len)
{
    char *name = strndup(b, len);
    if (has(s, name) || s->n == MAX_NAMES) {
        free(name);
        return;
    }
    s->v[s->n++] = name;
}

static void names_free(names *s)
{
    for (size_t i = 0; i < s->n; i++) {
        free(s->v[i]);
    }
}

static bool name_char(char c)
{
    return isalnum((unsigned char)c) || c == '_';
}

/* Sample names of the exposition (what a query can select). */
static void exported(names *out)
{
    static const char *const stages[] = {"decode", "encode"};
    nf_metrics_build b = {"1", "sha256:c", "sha256:d", stages, 2};
    nf_metrics *m = nf_metrics_new(&b, 60000);
    nf_metrics_acked(m, true, NF_EBADJSON, 1, 1);
    const char *stats = "{\"brokers\":{},\"topics\":{\"t\":{\"partitions\":{\"0\":{"
                        "\"partition\":0,\"desired\":true,\"fetch_state\":\"active\","
                        "\"consumer_lag\":1,\"committed_offset\":2}}}}}";
    nf_metrics_kafka_stats(m, stats, strlen(stats));
    nf_buf t;
    nf_buf_init(&t);
    nf_metrics_render(m, &t);
    for (const char *p = t.data; p && *p; p = strchr(p, '\n') ? strchr(p, '\n') + 1 : NULL) {
        if (*p == '#') {
            continue;
        }
        size_t len = 0;
        while (name_char(p[len])) {
            len++;
        }
        add(out, p, len);
    }
    nf_buf_fini(&t);
    nf_metrics_destroy(m);
}

/* newsflow_* identifiers in every "expr" of the dashboard, at any depth; each expression is
 * also written to \p rules as a recording rule, for promtool to parse. */
static void queried(json_t *j, names *out, size_t *n_exprs, FILE *rules)
{
    if (json_is_object(j)) {
        const char *k;
        json_t *v;
        json_object_foreach(j, k, v) {
            if (strcmp(k, "expr") == 0 && json_is_string(v)) {
                (*n_exprs)++;
                char *quoted = json_dumps(v, JSON_ENCODE_ANY); /* JSON strings are YAML too */
                fprintf(rules, "      - record: dashboard_query_%zu\n        expr: %s\n", *n_exprs,
                        quoted);
                free(quoted);
                const char *s = json_string_value(v);
                for (const char *p = strstr(s, "newsflow_"); p; p = strstr(p, "newsflow_")) {
                    size_t len = 0;
                    while (name_char(p[len])) {
                        len++;
                    }
                    if (p == s || !name_char(p[-1])) {
                        add(out, p, len);
                    }
                    p += len;
                }
            } else {
                queried(v, out, n_exprs, rules);
            }
        }
    } else if (json_is_array(j)) {
        size_t i;
        json_t *v;
        json_array_foreach(j, i, v) {
            queried(v, out, n_exprs, rules);
        }
    }
}

Test(dashboard, queries_only_metrics_the_binary_exports)
{
    json_error_t jerr;
    json_t *dash = json_load_file(NF_SOURCE_DIR "/deploy/grafana/dashboards/newsflow.json", 0,
                                  &jerr);
    cr_assert_not_null(dash, "dashboard: %s (line %d)", jerr.text, jerr.line);
    names want = {0};
    size_t n_exprs = 0;
    char rules_path[] = "/tmp/nf-dashboard-rules-XXXXXX";
    int fd = mkstemp(rules_path);
    cr_assert(fd >= 0);
    FILE *rules = fdopen(fd, "w");
    fprintf(rules, "groups:\n  - name: dashboard\n    rules:\n");
    queried(dash, &want, &n_exprs, rules);
    fclose(rules);
    /* Every query is valid PromQL (promtool parses rule expressions offline). */
    char cmd[256];
    snprintf(cmd, sizeof cmd, "promtool check rules %s 2>&1", rules_path);
    FILE *p = popen(cmd, "r");
    char out[8192] = "";
    size_t n = fread(out, 1, sizeof out - 1, p);
    out[n] = '\0';
    int status = pclose(p);
    unlink(rules_path);
    cr_expect_eq(status, 0, "a dashboard query is not valid PromQL (promtool from the Debian "
                            "package prometheus):\n%s", out);
    cr_assert_gt(n_exprs, 10, "the dashboard has %zu queries", n_exprs);
    cr_assert_gt(want.n, 10, "the dashboard queries %zu newsflow metrics", want.n);
    names have = {0};
    exported(&have);
    int missing = 0;
    for (size_t i = 0; i < want.n; i++) {
        if (!has(&have, want.v[i])) {
            fprintf(stderr, "dashboard queries %s, which newsflow does not export\n", want.v[i]);
            missing++;
        }
    }
    cr_expect_eq(missing, 0, "%d dashboard metric(s) are not exported (listed above)", missing);
    /* And the dashboard answers the questions it is for: rate, dead letters, lag, latency,
     * which stage is slow. */
    static const char *const core[] = {"newsflow_messages_consumed_total",
                                       "newsflow_records_dead_lettered_total",
                                       "newsflow_consumer_lag_messages",
                                       "newsflow_end_to_end_latency_seconds_bucket",
                                       "newsflow_stage_duration_seconds_bucket", NULL};
    for (int i = 0; core[i]; i++) {
        cr_expect(has(&want, core[i]), "the dashboard does not show %s", core[i]);
    }
    names_free(&want);
    names_free(&have);
    json_decref(dash);
}
