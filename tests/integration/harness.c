/* Integration-test harness: see harness.h. */
#define _GNU_SOURCE
#include "harness.h"

#include <criterion/criterion.h>
#include <dirent.h>
#include <errno.h>
#include <fcntl.h>
#include <inttypes.h>
#include <signal.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/prctl.h>
#include <sys/stat.h>
#include <sys/wait.h>
#include <time.h>
#include <unistd.h>

extern char **environ;

#define NF_IT_DEFAULT_BROKER "127.0.0.1:19092"
#define NF_IT_KAFKA_TIMEOUT_MS 15000

int64_t nf_it_now_ms(void)
{
    struct timespec ts;
    clock_gettime(CLOCK_MONOTONIC, &ts);
    return (int64_t)ts.tv_sec * 1000 + ts.tv_nsec / 1000000;
}

void nf_it_sleep_ms(int ms)
{
    struct timespec ts = {ms / 1000, (long)(ms % 1000) * 1000000L};
    while (nanosleep(&ts, &ts) != 0 && errno == EINTR) {
    }
}

/* ---- the broker ------------------------------------------------------------------------- */

const char *nf_it_broker(void)
{
    const char *b = getenv("NF_BROKER");
    return b && *b ? b : NF_IT_DEFAULT_BROKER;
}

static void conf_set(rd_kafka_conf_t *conf, const char *key, const char *value)
{
    char errstr[512];
    if (rd_kafka_conf_set(conf, key, value, errstr, sizeof errstr) != RD_KAFKA_CONF_OK) {
        cr_assert_fail("librdkafka setting %s=%s: %s", key, value, errstr);
    }
}

/* A handle for metadata, watermarks and Admin requests: a producer needs no group. */
static rd_kafka_t *query_handle(void)
{
    char errstr[512];
    rd_kafka_conf_t *conf = rd_kafka_conf_new();
    conf_set(conf, "bootstrap.servers", nf_it_broker());
    conf_set(conf, "log_level", "3");
    conf_set(conf, "client.id", "nf-it-query");
    rd_kafka_t *rk = rd_kafka_new(RD_KAFKA_PRODUCER, conf, errstr, sizeof errstr);
    if (!rk) {
        rd_kafka_conf_destroy(conf);
        cr_assert_fail("rd_kafka_new: %s", errstr);
    }
    return rk;
}

void nf_it_require_broker(void)
{
    /* Reachability is checked with the same client the tests use; a missing broker is a
     * failure (CI must not go green without having tested anything). */
    rd_kafka_conf_t *conf = rd_kafka_conf_new();
    char errstr[512];
    conf_set(conf, "bootstrap.servers", nf_it_broker());
    conf_set(conf, "log_level", "0");
    conf_set(conf, "socket.connection.setup.timeout.ms", "5000");
    rd_kafka_t *rk = rd_kafka_new(RD_KAFKA_PRODUCER, conf, errstr, sizeof errstr);
    cr_assert_not_null(rk, "rd_kafka_new: %s", errstr);
    const struct rd_kafka_metadata *md = NULL;
    rd_kafka_resp_err_t err = rd_kafka_metadata(rk, 0, NULL, &md, 10000);
    int brokers = err ? 0 : md->broker_cnt;
    if (md) {
        rd_kafka_metadata_destroy(md);
    }
    rd_kafka_destroy(rk);
    if (err || brokers < 1) {
        cr_assert_fail("no Kafka broker answers at %s (%s). These integration tests need a real "
                 "broker: start one with `bash scripts/broker.sh start` or point NF_BROKER at "
                 "one. A missing broker is a failure, not a skip.",
                 nf_it_broker(), err ? rd_kafka_err2str(err) : "no brokers in metadata");
    }
}

void nf_it_unique(char *buf, size_t size, const char *what)
{
    static unsigned counter;
    struct timespec ts;
    clock_gettime(CLOCK_REALTIME, &ts);
    snprintf(buf, size, "nf-it-%s-%ld-%lld%03ld-%u", what, (long)getpid(), (long long)ts.tv_sec,
             ts.tv_nsec / 1000000, counter++);
}

void nf_it_names_init(nf_it_names *n, const char *what)
{
    char base[96];
    nf_it_unique(base, sizeof base, what);
    snprintf(n->in, sizeof n->in, "%s.raw", base);
    snprintf(n->out, sizeof n->out, "%s.enriched", base);
    snprintf(n->dlq, sizeof n->dlq, "%s.dlq", base);
    snprintf(n->group, sizeof n->group, "%s.group", base);
}

void nf_it_create_topic(const char *topic, int partitions)
{
    nf_it_create_topic_config(topic, partitions, NULL, NULL);
}

void nf_it_create_topic_config(const char *topic, int partitions, const char *name,
                               const char *value)
{
    char errstr[512];
    rd_kafka_t *rk = query_handle();
    rd_kafka_NewTopic_t *nt = rd_kafka_NewTopic_new(topic, partitions, 1, errstr, sizeof errstr);
    cr_assert_not_null(nt, "NewTopic %s: %s", topic, errstr);
    if (name) {
        cr_assert_eq(rd_kafka_NewTopic_set_config(nt, name, value), RD_KAFKA_RESP_ERR_NO_ERROR);
    }
    rd_kafka_queue_t *q = rd_kafka_queue_new(rk);
    rd_kafka_AdminOptions_t *opts = rd_kafka_AdminOptions_new(rk, RD_KAFKA_ADMIN_OP_CREATETOPICS);
    rd_kafka_AdminOptions_set_operation_timeout(opts, NF_IT_KAFKA_TIMEOUT_MS, errstr,
                                                sizeof errstr);
    rd_kafka_CreateTopics(rk, &nt, 1, opts, q);
    rd_kafka_event_t *ev = rd_kafka_queue_poll(q, NF_IT_KAFKA_TIMEOUT_MS + 5000);
    cr_assert_not_null(ev, "CreateTopics %s: no answer from %s", topic, nf_it_broker());
    cr_assert_eq(rd_kafka_event_error(ev), RD_KAFKA_RESP_ERR_NO_ERROR, "CreateTopics %s: %s",
                 topic, rd_kafka_event_error_string(ev));
    const rd_kafka_CreateTopics_result_t *res = rd_kafka_event_CreateTopics_result(ev);
    size_t n = 0;
    const rd_kafka_topic_result_t **tr = rd_kafka_CreateTopics_result_topics(res, &n);
    cr_assert_eq(n, 1);
    cr_assert_eq(rd_kafka_topic_result_error(tr[0]), RD_KAFKA_RESP_ERR_NO_ERROR,
                 "CreateTopics %s: %s", topic, rd_kafka_topic_result_error_string(tr[0]));
    rd_kafka_event_destroy(ev);
    rd_kafka_AdminOptions_destroy(opts);
    rd_kafka_NewTopic_destroy(nt);
    rd_kafka_queue_destroy(q);
    rd_kafka_destroy(rk);
    /* Metadata propagates asynchronously even on one broker: wait until it is visible. */
    cr_assert_eq(nf_it_partition_count(topic), partitions);
}

void nf_it_names_cleanup(const nf_it_names *n)
{
    rd_kafka_t *rk = query_handle();
    rd_kafka_queue_t *q = rd_kafka_queue_new(rk);
    const char *topics[] = {n->in, n->out, n->dlq};
    rd_kafka_DeleteTopic_t *dt[3];
    for (int i = 0; i < 3; i++) {
        dt[i] = rd_kafka_DeleteTopic_new(topics[i]);
    }
    rd_kafka_DeleteTopics(rk, dt, 3, NULL, q);
    rd_kafka_event_t *ev = rd_kafka_queue_poll(q, 20000);
    if (ev) {
        rd_kafka_event_destroy(ev);
    }
    rd_kafka_DeleteTopic_destroy_array(dt, 3);
    rd_kafka_DeleteGroup_t *dg = rd_kafka_DeleteGroup_new(n->group);
    rd_kafka_DeleteGroups(rk, &dg, 1, NULL, q);
    ev = rd_kafka_queue_poll(q, 20000);
    if (ev) {
        rd_kafka_event_destroy(ev);
    }
    rd_kafka_DeleteGroup_destroy(dg);
    rd_kafka_queue_destroy(q);
    rd_kafka_destroy(rk);
}

static int partition_count_rk(rd_kafka_t *rk, const char *topic)
{
    rd_kafka_topic_t *rkt = rd_kafka_topic_new(rk, topic, NULL);
    int64_t deadline = nf_it_now_ms() + NF_IT_KAFKA_TIMEOUT_MS;
    int count = -1;
    while (count <= 0 && nf_it_now_ms() < deadline) {
        const struct rd_kafka_metadata *md = NULL;
        if (rd_kafka_metadata(rk, 0, rkt, &md, 5000) == RD_KAFKA_RESP_ERR_NO_ERROR) {
            if (md->topic_cnt == 1 && md->topics[0].err == RD_KAFKA_RESP_ERR_NO_ERROR) {
                count = md->topics[0].partition_cnt;
                /* every partition needs a leader before it can be read */
                for (int i = 0; i < md->topics[0].partition_cnt; i++) {
                    if (md->topics[0].partitions[i].leader < 0) {
                        count = -1;
                    }
                }
            }
            rd_kafka_metadata_destroy(md);
        }
        if (count <= 0) {
            nf_it_sleep_ms(100);
        }
    }
    rd_kafka_topic_destroy(rkt);
    return count;
}

bool nf_it_topic_exists(const char *topic)
{
    rd_kafka_t *rk = query_handle();
    const struct rd_kafka_metadata *md = NULL;
    bool found = false;
    /* all topics: asking for one by name could auto-create it on some brokers */
    if (rd_kafka_metadata(rk, 1, NULL, &md, NF_IT_KAFKA_TIMEOUT_MS) == RD_KAFKA_RESP_ERR_NO_ERROR) {
        for (int i = 0; i < md->topic_cnt; i++) {
            found = found || strcmp(md->topics[i].topic, topic) == 0;
        }
        rd_kafka_metadata_destroy(md);
    }
    rd_kafka_destroy(rk);
    return found;
}

void nf_it_delete_topic(const char *topic)
{
    rd_kafka_t *rk = query_handle();
    rd_kafka_queue_t *q = rd_kafka_queue_new(rk);
    rd_kafka_DeleteTopic_t *dt = rd_kafka_DeleteTopic_new(topic);
    rd_kafka_DeleteTopics(rk, &dt, 1, NULL, q);
    rd_kafka_event_t *ev = rd_kafka_queue_poll(q, 20000);
    if (ev) {
        rd_kafka_event_destroy(ev);
    }
    rd_kafka_DeleteTopic_destroy(dt);
    rd_kafka_queue_destroy(q);
    rd_kafka_destroy(rk);
}

int nf_it_partition_count(const char *topic)
{
    rd_kafka_t *rk = query_handle();
    int n = partition_count_rk(rk, topic);
    rd_kafka_destroy(rk);
    cr_assert_gt(n, 0, "topic %s does not exist (or has no leaders) on %s", topic,
                 nf_it_broker());
    return n;
}

/* ---- producing input -------------------------------------------------------------------- */

static void on_delivery(rd_kafka_t *rk, const rd_kafka_message_t *m, void *opaque)
{
    (void)rk;
    (void)opaque;
    if (m->err) {
        /* counted; nf_it_producer_close() fails the test */
        fprintf(stderr, "nf-it: delivery to %s failed: %s\n", rd_kafka_topic_name(m->rkt),
                rd_kafka_err2str(m->err));
        (*(long *)rd_kafka_opaque(rk))++;
    }
}

rd_kafka_t *nf_it_producer_new(void)
{
    char errstr[512];
    rd_kafka_conf_t *conf = rd_kafka_conf_new();
    conf_set(conf, "bootstrap.servers", nf_it_broker());
    conf_set(conf, "enable.idempotence", "true");
    conf_set(conf, "linger.ms", "5");
    conf_set(conf, "log_level", "4");
    conf_set(conf, "client.id", "nf-it-producer");
    rd_kafka_conf_set_dr_msg_cb(conf, on_delivery);
    long *failures = calloc(1, sizeof *failures);
    cr_assert_not_null(failures);
    rd_kafka_conf_set_opaque(conf, failures);
    rd_kafka_t *rk = rd_kafka_new(RD_KAFKA_PRODUCER, conf, errstr, sizeof errstr);
    if (!rk) {
        rd_kafka_conf_destroy(conf);
        free(failures);
        cr_assert_fail("rd_kafka_new: %s", errstr);
    }
    return rk;
}

void nf_it_produce(rd_kafka_t *rk, const char *topic, int32_t partition, const void *key,
                   size_t key_len, const void *value, size_t value_len, rd_kafka_headers_t *hdrs)
{
    for (;;) {
        rd_kafka_resp_err_t err;
        if (hdrs) {
            err = rd_kafka_producev(rk, RD_KAFKA_V_TOPIC(topic), RD_KAFKA_V_PARTITION(partition),
                                    RD_KAFKA_V_KEY(key, key ? key_len : 0),
                                    RD_KAFKA_V_VALUE((void *)value, value_len),
                                    RD_KAFKA_V_HEADERS(hdrs),
                                    RD_KAFKA_V_MSGFLAGS(RD_KAFKA_MSG_F_COPY), RD_KAFKA_V_END);
        } else {
            err = rd_kafka_producev(rk, RD_KAFKA_V_TOPIC(topic), RD_KAFKA_V_PARTITION(partition),
                                    RD_KAFKA_V_KEY(key, key ? key_len : 0),
                                    RD_KAFKA_V_VALUE((void *)value, value_len),
                                    RD_KAFKA_V_MSGFLAGS(RD_KAFKA_MSG_F_COPY), RD_KAFKA_V_END);
        }
        if (err == RD_KAFKA_RESP_ERR__QUEUE_FULL) {
            rd_kafka_poll(rk, 50);
            continue;
        }
        if (err && hdrs) {
            rd_kafka_headers_destroy(hdrs);
        }
        cr_assert_eq(err, RD_KAFKA_RESP_ERR_NO_ERROR, "produce to %s: %s", topic,
                     rd_kafka_err2str(err));
        break;
    }
    rd_kafka_poll(rk, 0);
}

void nf_it_producer_close(rd_kafka_t *rk)
{
    rd_kafka_resp_err_t err = rd_kafka_flush(rk, 60000);
    long *failures = rd_kafka_opaque(rk);
    long failed = *failures;
    rd_kafka_destroy(rk);
    free(failures);
    cr_assert_eq(err, RD_KAFKA_RESP_ERR_NO_ERROR, "flushing test input: %s",
                 rd_kafka_err2str(err));
    cr_assert_eq(failed, 0, "%ld test input message(s) were not delivered", failed);
}

char *nf_it_article(long n, size_t *len)
{
    /* Varied enough to exercise decode/normalize (HTML, entities, Unicode, numbers), small
     * enough that 20,000 of them go through quickly. */
    static const char *const places[] = {"Paris", "Nairobi", "Lima", "Osaka", "Tallinn",
                                         "Montréal", "Zürich", "Kraków", "Ciudad de México"};
    static const char *const verbs[] = {"opens", "delays", "approves", "reviews", "funds",
                                        "cancels", "expands"};
    static const char *const things[] = {"a rail link", "the harbour project", "a solar farm",
                                         "new school buildings", "the budget",
                                         "a water plant"};
    const char *place = places[n % 9];
    const char *verb = verbs[(n / 9) % 7];
    const char *thing = things[(n / 63) % 6];
    char *buf = NULL;
    int w;
    switch (n % 4) {
    case 0:
        w = asprintf(&buf,
                     "{\"id\":\"a-%ld\",\"title\":\"%s %s %s\",\"body\":\"<p>%s, March %ld. "
                     "The city council %s %s worth $%ld.%ld million.</p><p>Officials said "
                     "work starts in %ld.</p>\",\"published_at\":\"2024-03-01\"}",
                     n, place, verb, thing, place, n % 28 + 1, verb, thing, n % 900 + 10, n % 10,
                     2024 + n % 5);
        break;
    case 1:
        w = asprintf(&buf,
                     "{\"id\":\"a-%ld\",\"title\":\"Report &amp; analysis #%ld\",\"text\":\"%s "
                     "%s %s; turnout rose %ld.%ld percent. \\u00c9t\\u00e9 2023 was warm.\","
                     "\"source\":\"Wire\",\"language\":\"en\",\"published_at\":\"2024-03-01\"}",
                     n, n, place, verb, thing, n % 60, n % 10);
        break;
    case 2:
        w = asprintf(&buf,
                     "{\"id\":\"a-%ld\",\"title\":\"%s\",\"content\":\"  %s   %s\\n\\n%s "
                     "— %ld people attended.  \",\"url\":\"https://example.org/%ld\","
                     "\"published_at\":\"2024-03-01\"}",
                     n, thing, place, verb, thing, n * 7 % 5000, n);
        break;
    default:
        w = asprintf(&buf,
                     "{\"id\":\"a-%ld\",\"title\":\"In brief\",\"body\":\"%s: %s %s.\","
                     "\"published_at\":\"2024-03-01\"}",
                     n, place, verb, thing);
        break;
    }
    cr_assert_gt(w, 0);
    *len = (size_t)w;
    return buf;
}

void nf_it_produce_articles(const char *topic, long first, long count)
{
    rd_kafka_t *rk = nf_it_producer_new();
    for (long n = first; n < first + count; n++) {
        size_t len;
        char *a = nf_it_article(n, &len);
        char key[32];
        int klen = snprintf(key, sizeof key, "a-%ld", n);
        nf_it_produce(rk, topic, RD_KAFKA_PARTITION_UA, key, (size_t)klen, a, len, NULL);
        free(a);
    }
    nf_it_producer_close(rk);
}

long nf_it_article_num(const char *id, size_t len)
{
    if (!id || len < 3 || len > 20 || id[0] != 'a' || id[1] != '-') {
        return -1;
    }
    long n = 0;
    for (size_t i = 2; i < len; i++) {
        if (id[i] < '0' || id[i] > '9') {
            return -1;
        }
        n = n * 10 + (id[i] - '0');
    }
    return n;
}

/* ---- reading topics --------------------------------------------------------------------- */

static char *dup_bytes(const void *p, size_t len)
{
    char *d = malloc(len + 1);
    cr_assert_not_null(d);
    if (len) {
        memcpy(d, p, len);
    }
    d[len] = '\0';
    return d;
}

static void records_push(nf_it_records *recs, const rd_kafka_message_t *m)
{
    if (recs->n == recs->cap) {
        recs->cap = recs->cap ? recs->cap * 2 : 256;
        recs->items = realloc(recs->items, recs->cap * sizeof *recs->items);
        cr_assert_not_null(recs->items);
    }
    nf_it_record *r = &recs->items[recs->n++];
    memset(r, 0, sizeof *r);
    r->partition = m->partition;
    r->offset = m->offset;
    rd_kafka_timestamp_type_t tstype;
    r->timestamp = rd_kafka_message_timestamp(m, &tstype);
    if (m->key) {
        r->key = dup_bytes(m->key, m->key_len);
        r->key_len = m->key_len;
    }
    if (m->payload) {
        r->value = dup_bytes(m->payload, m->len);
        r->value_len = m->len;
    }
    rd_kafka_headers_t *h = NULL;
    if (rd_kafka_message_headers(m, &h) == RD_KAFKA_RESP_ERR_NO_ERROR && h) {
        size_t cnt = rd_kafka_header_cnt(h);
        r->headers = calloc(cnt ? cnt : 1, sizeof *r->headers);
        cr_assert_not_null(r->headers);
        for (size_t i = 0; i < cnt; i++) {
            const char *name;
            const void *val;
            size_t vlen;
            if (rd_kafka_header_get_all(h, i, &name, &val, &vlen) != RD_KAFKA_RESP_ERR_NO_ERROR) {
                break;
            }
            nf_it_header *hd = &r->headers[r->n_headers++];
            hd->name = dup_bytes(name, strlen(name));
            hd->is_null = val == NULL;
            hd->value = dup_bytes(val, val ? vlen : 0);
            hd->len = val ? vlen : 0;
        }
    }
}

void nf_it_records_free(nf_it_records *recs)
{
    for (size_t i = 0; i < recs->n; i++) {
        nf_it_record *r = &recs->items[i];
        free(r->key);
        free(r->value);
        for (size_t h = 0; h < r->n_headers; h++) {
            free(r->headers[h].name);
            free(r->headers[h].value);
        }
        free(r->headers);
    }
    free(recs->items);
    memset(recs, 0, sizeof *recs);
}

static void watermarks(rd_kafka_t *rk, const char *topic, int32_t p, int64_t *lo, int64_t *hi)
{
    rd_kafka_resp_err_t err = RD_KAFKA_RESP_ERR_NO_ERROR;
    for (int attempt = 0; attempt < 10; attempt++) {
        err = rd_kafka_query_watermark_offsets(rk, topic, p, lo, hi, 5000);
        if (!err) {
            return;
        }
        nf_it_sleep_ms(200);
    }
    cr_assert_fail("watermarks of %s [%d]: %s", topic, p, rd_kafka_err2str(err));
}

static int cmp_records(const void *a, const void *b)
{
    const nf_it_record *x = a, *y = b;
    if (x->partition != y->partition) {
        return x->partition < y->partition ? -1 : 1;
    }
    return x->offset < y->offset ? -1 : x->offset > y->offset;
}

void nf_it_validate_jsonl(const char *path)
{
    char cmd[1024];
    snprintf(cmd, sizeof cmd, "python3 '%s/scripts/validate_records.py' '%s' >&2",
             NF_IT_SOURCE_DIR, path);
    int st = system(cmd);
    cr_assert(st != -1 && WIFEXITED(st), "cannot run %s", cmd);
    cr_assert_eq(WEXITSTATUS(st), 0,
                 "records in %s do not follow docs/record.schema.json (exit %d; see above)", path,
                 WEXITSTATUS(st));
}

/* Every enriched record a test reads is checked against the published schema (the dead
 * letters, carrying the original bytes, are not records of ours). */
static void validate_enriched(const nf_it_records *recs, size_t first, const char *topic)
{
    static const char prefix[] = "{\"schema\":\"newsflow.enriched.v"; /* v1 or v2 */
    char path[256];
    snprintf(path, sizeof path, "/tmp/nf-it-validate-%d.jsonl", (int)getpid());
    FILE *f = NULL;
    size_t n = 0;
    for (size_t i = first; i < recs->n; i++) {
        const nf_it_record *r = &recs->items[i];
        if (!r->value || r->value_len < sizeof prefix - 1 ||
            memcmp(r->value, prefix, sizeof prefix - 1) != 0) {
            continue;
        }
        if (!f) {
            f = fopen(path, "w");
            cr_assert_not_null(f, "%s: %s", path, strerror(errno));
        }
        fwrite(r->value, 1, r->value_len, f);
        fputc('\n', f);
        n++;
    }
    if (!f) {
        return;
    }
    fclose(f);
    (void)topic;
    nf_it_validate_jsonl(path);
    unlink(path);
}

void nf_it_read_topic(const char *topic, nf_it_records *out)
{
    char errstr[512];
    char group[128];
    nf_it_unique(group, sizeof group, "reader");
    rd_kafka_conf_t *conf = rd_kafka_conf_new();
    conf_set(conf, "bootstrap.servers", nf_it_broker());
    conf_set(conf, "group.id", group);  /* never joined or committed: assign mode */
    conf_set(conf, "enable.auto.commit", "false");
    conf_set(conf, "enable.auto.offset.store", "false");
    conf_set(conf, "log_level", "4");
    rd_kafka_t *rk = rd_kafka_new(RD_KAFKA_CONSUMER, conf, errstr, sizeof errstr);
    if (!rk) {
        rd_kafka_conf_destroy(conf);
        cr_assert_fail("rd_kafka_new: %s", errstr);
    }
    int n = partition_count_rk(rk, topic);
    cr_assert_gt(n, 0, "topic %s does not exist on %s", topic, nf_it_broker());
    int64_t *end = calloc((size_t)n, sizeof *end);
    cr_assert_not_null(end);
    rd_kafka_topic_partition_list_t *parts = rd_kafka_topic_partition_list_new(n);
    int open = 0;
    for (int p = 0; p < n; p++) {
        int64_t lo, hi;
        watermarks(rk, topic, p, &lo, &hi);
        end[p] = hi;
        if (hi > lo) {
            rd_kafka_topic_partition_list_add(parts, topic, p)->offset = lo;
            open++;
        }
    }
    size_t first = out->n;
    if (open > 0) {
        rd_kafka_assign(rk, parts);
    }
    int64_t deadline = nf_it_now_ms() + 120000;
    int *reached = calloc((size_t)n, sizeof *reached);
    cr_assert_not_null(reached);
    while (open > 0) {
        cr_assert_lt(nf_it_now_ms(), deadline, "reading %s: %d partition(s) not read to the end",
                     topic, open);
        rd_kafka_message_t *m = rd_kafka_consumer_poll(rk, 200);
        if (!m) {
            continue;
        }
        if (m->err == RD_KAFKA_RESP_ERR__PARTITION_EOF) {
            rd_kafka_message_destroy(m);
            continue;
        }
        cr_assert_eq(m->err, RD_KAFKA_RESP_ERR_NO_ERROR, "reading %s: %s", topic,
                     rd_kafka_message_errstr(m));
        if (m->partition >= 0 && m->partition < n && !reached[m->partition] &&
            m->offset < end[m->partition]) {
            records_push(out, m);
            if (m->offset + 1 >= end[m->partition]) {
                reached[m->partition] = 1;
                open--;
            }
        }
        rd_kafka_message_destroy(m);
    }
    if (out->n > first) { /* an empty topic leaves items NULL: no qsort(NULL, 0) (UBSan) */
        qsort(out->items + first, out->n - first, sizeof *out->items, cmp_records);
    }
    validate_enriched(out, first, topic);
    free(reached);
    free(end);
    rd_kafka_topic_partition_list_destroy(parts);
    rd_kafka_consumer_close(rk);
    rd_kafka_destroy(rk);
}

static int64_t topic_count_rk(rd_kafka_t *rk, const char *topic)
{
    int n = partition_count_rk(rk, topic);
    if (n <= 0) {
        return 0;  /* not created yet */
    }
    int64_t total = 0;
    for (int p = 0; p < n; p++) {
        int64_t lo, hi;
        watermarks(rk, topic, p, &lo, &hi);
        total += hi - lo;
    }
    return total;
}

int64_t nf_it_topic_count(const char *topic)
{
    rd_kafka_t *rk = query_handle();
    int64_t n = topic_count_rk(rk, topic);
    rd_kafka_destroy(rk);
    return n;
}

void nf_it_end_offsets(const char *topic, int n, int64_t *out)
{
    rd_kafka_t *rk = query_handle();
    for (int p = 0; p < n; p++) {
        int64_t lo;
        watermarks(rk, topic, p, &lo, &out[p]);
    }
    rd_kafka_destroy(rk);
}

void nf_it_committed(const char *group, const char *topic, int n, int64_t *out)
{
    char errstr[512];
    rd_kafka_conf_t *conf = rd_kafka_conf_new();
    conf_set(conf, "bootstrap.servers", nf_it_broker());
    conf_set(conf, "group.id", group);  /* only asks the coordinator; never joins */
    conf_set(conf, "enable.auto.commit", "false");
    conf_set(conf, "log_level", "4");
    rd_kafka_t *rk = rd_kafka_new(RD_KAFKA_CONSUMER, conf, errstr, sizeof errstr);
    if (!rk) {
        rd_kafka_conf_destroy(conf);
        cr_assert_fail("rd_kafka_new: %s", errstr);
    }
    rd_kafka_topic_partition_list_t *parts = rd_kafka_topic_partition_list_new(n);
    for (int p = 0; p < n; p++) {
        rd_kafka_topic_partition_list_add(parts, topic, p);
    }
    rd_kafka_resp_err_t err = RD_KAFKA_RESP_ERR_NO_ERROR;
    for (int attempt = 0; attempt < 10; attempt++) {
        err = rd_kafka_committed(rk, parts, 10000);
        if (!err) {
            break;
        }
        nf_it_sleep_ms(500);
    }
    cr_assert_eq(err, RD_KAFKA_RESP_ERR_NO_ERROR, "committed offsets of group %s: %s", group,
                 rd_kafka_err2str(err));
    for (int i = 0; i < parts->cnt; i++) {
        cr_assert_eq(parts->elems[i].err, RD_KAFKA_RESP_ERR_NO_ERROR,
                     "committed offset of %s [%d]: %s", topic, parts->elems[i].partition,
                     rd_kafka_err2str(parts->elems[i].err));
        out[parts->elems[i].partition] = parts->elems[i].offset;
    }
    rd_kafka_topic_partition_list_destroy(parts);
    rd_kafka_destroy(rk);
}

const nf_it_header *nf_it_header_get(const nf_it_record *r, const char *name)
{
    for (size_t i = 0; i < r->n_headers; i++) {
        if (strcmp(r->headers[i].name, name) == 0) {
            return &r->headers[i];
        }
    }
    return NULL;
}

int64_t nf_it_header_i64(const nf_it_record *r, const char *name)
{
    const nf_it_header *h = nf_it_header_get(r, name);
    cr_assert_not_null(h, "record [%d]@%" PRId64 " has no header %s", r->partition, r->offset,
                       name);
    cr_assert(!h->is_null && h->len > 0, "header %s of [%d]@%" PRId64 " is empty", name,
              r->partition, r->offset);
    char *end = NULL;
    errno = 0;
    long long v = strtoll(h->value, &end, 10);
    cr_assert(errno == 0 && end && *end == '\0', "header %s = \"%s\" is not an integer", name,
              h->value);
    return (int64_t)v;
}

static const nf_it_record *find_input(const nf_it_records *in, int32_t partition,
                                      int64_t offset)
{
    size_t lo = 0, hi = in->n;
    while (lo < hi) {
        size_t mid = lo + (hi - lo) / 2;
        const nf_it_record *r = &in->items[mid];
        if (r->partition < partition || (r->partition == partition && r->offset < offset)) {
            lo = mid + 1;
        } else {
            hi = mid;
        }
    }
    if (lo < in->n && in->items[lo].partition == partition && in->items[lo].offset == offset) {
        return &in->items[lo];
    }
    return NULL;
}

int *nf_it_outputs_per_input(const nf_it_records *in, const char *in_topic,
                             const nf_it_records *out)
{
    int *counts = calloc(in->n ? in->n : 1, sizeof *counts);
    cr_assert_not_null(counts);
    for (size_t i = 0; i < out->n; i++) {
        const nf_it_record *o = &out->items[i];
        const nf_it_header *t = nf_it_header_get(o, "newsflow.source.topic");
        cr_assert_not_null(t, "output [%d]@%" PRId64 " has no newsflow.source.topic header",
                           o->partition, o->offset);
        cr_assert_str_eq(t->value, in_topic, "output [%d]@%" PRId64 " names source topic %s",
                         o->partition, o->offset, t->value);
        int64_t sp = nf_it_header_i64(o, "newsflow.source.partition");
        int64_t so = nf_it_header_i64(o, "newsflow.source.offset");
        const nf_it_record *src = find_input(in, (int32_t)sp, so);
        cr_assert_not_null(src, "output [%d]@%" PRId64 " names input [%" PRId64 "]@%" PRId64
                           ", which does not exist", o->partition, o->offset, sp, so);
        cr_assert(o->key_len == src->key_len &&
                      (o->key_len == 0 || memcmp(o->key, src->key, o->key_len) == 0),
                  "output [%d]@%" PRId64 " has key '%s' but its input [%" PRId64 "]@%" PRId64
                  " has key '%s'",
                  o->partition, o->offset, o->key ? o->key : "(null)", sp, so,
                  src->key ? src->key : "(null)");
        counts[src - in->items]++;
    }
    return counts;
}

long nf_it_check_committed_have_outputs(const nf_it_records *in, const int *counts,
                                        const int64_t *committed, int n_parts)
{
    long n = 0;
    for (size_t i = 0; i < in->n; i++) {
        const nf_it_record *r = &in->items[i];
        cr_assert_lt(r->partition, n_parts);
        int64_t c = committed[r->partition];
        if (c >= 0 && r->offset < c) {
            n++;
            cr_assert_gt(counts[i], 0,
                         "input [%d]@%" PRId64 " (key %s) is below the committed offset %" PRId64
                         " of its partition but has no output: an offset was committed before "
                         "its output was acknowledged",
                         r->partition, r->offset, r->key ? r->key : "(null)", c);
        }
    }
    return n;
}

/* ---- child processes -------------------------------------------------------------------- */

void nf_it_argv_add(nf_it_argv *a, const char *fmt, ...)
{
    cr_assert_lt(a->n, (int)(sizeof a->items / sizeof a->items[0]) - 1, "too many arguments");
    va_list ap;
    va_start(ap, fmt);
    char *s = NULL;
    int w = vasprintf(&s, fmt, ap);
    va_end(ap);
    cr_assert_geq(w, 0);
    a->items[a->n++] = s;
    a->items[a->n] = NULL;
}

void nf_it_argv_free(nf_it_argv *a)
{
    for (int i = 0; i < a->n; i++) {
        free(a->items[i]);
    }
    a->n = 0;
}

void nf_it_run_argv(nf_it_argv *a, const nf_it_names *n, bool until_end)
{
    nf_it_argv_add(a, "run");
    nf_it_argv_add(a, "-X");
    nf_it_argv_add(a, "kafka.bootstrap.servers=%s", nf_it_broker());
    nf_it_argv_add(a, "-X");
    nf_it_argv_add(a, "consumer.topics=%s", n->in);
    nf_it_argv_add(a, "-X");
    nf_it_argv_add(a, "producer.topic=%s", n->out);
    nf_it_argv_add(a, "-X");
    nf_it_argv_add(a, "producer.dlq_topic=%s", n->dlq);
    nf_it_argv_add(a, "-X");
    nf_it_argv_add(a, "consumer.group_id=%s", n->group);
    nf_it_argv_add(a, "-X");
    nf_it_argv_add(a, "run.stats_interval_ms=2000");
    /* Any free port: tests run concurrently and must never take the default 9464. */
    nf_it_argv_add(a, "-X");
    nf_it_argv_add(a, "metrics.listen=127.0.0.1:0");
    if (until_end) {
        nf_it_argv_add(a, "--until-end");
    }
}

void nf_it_tmp_init(nf_it_tmp *t)
{
    const char *base = getenv("TMPDIR");
    snprintf(t->path, sizeof t->path, "%s/nf-it-XXXXXX", base && *base ? base : "/tmp");
    cr_assert_not_null(mkdtemp(t->path), "mkdtemp %s: %s", t->path, strerror(errno));
}

void nf_it_tmp_remove(nf_it_tmp *t)
{
    DIR *d = opendir(t->path);
    if (!d) {
        return;
    }
    struct dirent *e;
    while ((e = readdir(d)) != NULL) {
        if (strcmp(e->d_name, ".") == 0 || strcmp(e->d_name, "..") == 0) {
            continue;
        }
        char p[600];
        snprintf(p, sizeof p, "%s/%s", t->path, e->d_name);
        unlink(p);
    }
    closedir(d);
    rmdir(t->path);
}

void nf_it_spawn(nf_it_proc *p, const nf_it_tmp *tmp, const char *name, const nf_it_argv *argv,
                 const nf_it_argv *env, const char *stdin_path)
{
    memset(p, 0, sizeof *p);
    snprintf(p->name, sizeof p->name, "%s", name);
    snprintf(p->out_path, sizeof p->out_path, "%s/%s.out", tmp->path, name);
    snprintf(p->err_path, sizeof p->err_path, "%s/%s.err", tmp->path, name);

    /* Build argv and envp before fork: only async-signal-safe calls in the child. */
    char *args[sizeof argv->items / sizeof argv->items[0] + 2];
    int na = 0;
    /* NF_IT_NEWSFLOW_BIN runs the tests against another binary (an installed one, or a
     * deliberately broken build to check that the tests catch it). */
    const char *bin = getenv("NF_IT_NEWSFLOW_BIN");
    args[na++] = (char *)(bin && *bin ? bin : NF_NEWSFLOW_BIN);
    for (int i = 0; i < argv->n; i++) {
        args[na++] = argv->items[i];
    }
    args[na] = NULL;
    size_t n_env = 0;
    while (environ[n_env]) {
        n_env++;
    }
    char **envp = calloc(n_env + (env ? (size_t)env->n : 0) + 1, sizeof *envp);
    cr_assert_not_null(envp);
    size_t ne = 0;
    for (size_t i = 0; i < n_env; i++) {
        /* The developer's own NEWSFLOW_* settings must not change what the tests see. */
        if (strncmp(environ[i], "NEWSFLOW_", 9) != 0) {
            envp[ne++] = environ[i];
        }
    }
    for (int i = 0; env && i < env->n; i++) {
        envp[ne++] = env->items[i];
    }
    envp[ne] = NULL;

    int in_fd = open(stdin_path ? stdin_path : "/dev/null", O_RDONLY | O_CLOEXEC);
    cr_assert_geq(in_fd, 0, "open %s: %s", stdin_path, strerror(errno));
    int out_fd = open(p->out_path, O_WRONLY | O_CREAT | O_TRUNC | O_CLOEXEC, 0644);
    int err_fd = open(p->err_path, O_WRONLY | O_CREAT | O_TRUNC | O_CLOEXEC, 0644);
    cr_assert(out_fd >= 0 && err_fd >= 0, "cannot create %s/%s.*: %s", tmp->path, name,
              strerror(errno));
    pid_t parent = getpid();
    fflush(NULL);
    pid_t pid = fork();
    cr_assert_geq(pid, 0, "fork: %s", strerror(errno));
    if (pid == 0) {
        /* A test that dies (assertion, Criterion timeout) must not leave newsflow behind. */
        prctl(PR_SET_PDEATHSIG, SIGKILL);
        if (getppid() != parent) {
            _exit(127);
        }
        sigset_t none;
        sigemptyset(&none);
        sigprocmask(SIG_SETMASK, &none, NULL);
        signal(SIGTERM, SIG_DFL);
        signal(SIGINT, SIG_DFL);
        signal(SIGPIPE, SIG_DFL);
        if (dup2(in_fd, 0) < 0 || dup2(out_fd, 1) < 0 || dup2(err_fd, 2) < 0) {
            _exit(127);
        }
        execve(args[0], args, envp);
        static const char msg[] = "nf-it: execve of newsflow failed\n";
        ssize_t ignored = write(2, msg, sizeof msg - 1);
        (void)ignored;
        _exit(127);
    }
    close(in_fd);
    close(out_fd);
    close(err_fd);
    free(envp);
    p->pid = pid;
}

static void reap(nf_it_proc *p, int status)
{
    p->done = true;
    if (WIFEXITED(status)) {
        p->exit_code = WEXITSTATUS(status);
    } else if (WIFSIGNALED(status)) {
        p->exit_code = 128 + WTERMSIG(status);
    } else {
        p->exit_code = 255;
    }
}

bool nf_it_running(nf_it_proc *p)
{
    if (p->done) {
        return false;
    }
    int status;
    pid_t r = waitpid(p->pid, &status, WNOHANG);
    if (r == p->pid) {
        reap(p, status);
        return false;
    }
    return true;
}

void nf_it_signal(nf_it_proc *p, int sig)
{
    cr_assert(!p->done, "%s already exited (code %d) before signal %d", p->name, p->exit_code,
              sig);
    cr_assert_eq(kill(p->pid, sig), 0, "kill(%ld, %d): %s", (long)p->pid, sig, strerror(errno));
}

void nf_it_print_tail(const char *label, const char *path, int lines)
{
    size_t len = 0;
    char *s = nf_it_slurp(path, &len);
    if (!s) {
        fprintf(stderr, "----- %s: (cannot read %s) -----\n", label, path);
        return;
    }
    size_t start = len;
    int seen = 0;
    while (start > 0) {
        if (s[start - 1] == '\n' && start != len && ++seen >= lines) {
            break;
        }
        start--;
    }
    fprintf(stderr, "----- %s: last %d lines of %s -----\n%s%s----- end -----\n", label, lines,
            path, s + start, len && s[len - 1] != '\n' ? "\n" : "");
    free(s);
}

static void check_sanitizers(nf_it_proc *p)
{
    char *err = nf_it_slurp(p->err_path, NULL);
    if (!err) {
        return;
    }
    bool bad = strstr(err, "ERROR: AddressSanitizer") || strstr(err, "ERROR: LeakSanitizer") ||
               strstr(err, "runtime error:");
    free(err);
    if (bad) {
        nf_it_print_tail(p->name, p->err_path, 80);
        cr_assert_fail("%s: sanitizer report in its stderr (%s)", p->name, p->err_path);
    }
}

/* A process that does not exit in time is hung somewhere: where, is the one thing its log
 * cannot say. With gdb installed, print every thread's stack before it is killed. */
static void dump_stacks(const nf_it_proc *p)
{
    if (access("/usr/bin/gdb", X_OK) != 0) {
        return;
    }
    char cmd[256];
    snprintf(cmd, sizeof cmd,
             "timeout 60 /usr/bin/gdb -batch -nx -p %d -ex 'thread apply all bt' 2>&1 "
             "| grep -E '^(Thread|#)' | head -300 >&2",
             (int)p->pid);
    fprintf(stderr, "nf-it %s: stacks of the hung process %d:\n", p->name, (int)p->pid);
    if (system(cmd) != 0) {
        fprintf(stderr, "nf-it: gdb could not attach\n");
    }
}

int nf_it_wait(nf_it_proc *p, int timeout_ms)
{
    int64_t deadline = nf_it_now_ms() + timeout_ms;
    while (nf_it_running(p)) {
        if (nf_it_now_ms() >= deadline) {
            dump_stacks(p);
            kill(p->pid, SIGKILL);
            int status;
            waitpid(p->pid, &status, 0);
            reap(p, status);
            nf_it_print_tail(p->name, p->err_path, 60);
            cr_assert_fail("%s did not exit within %d ms (killed)", p->name, timeout_ms);
        }
        nf_it_sleep_ms(20);
    }
    check_sanitizers(p);
    return p->exit_code;
}

void nf_it_expect_exit(nf_it_proc *p, int code, int timeout_ms)
{
    int rc = nf_it_wait(p, timeout_ms);
    if (rc != code) {
        nf_it_print_tail(p->name, p->err_path, 60);
        cr_assert_fail("%s exited with %d, expected %d (stderr: %s)", p->name, rc, code,
                       p->err_path);
    }
}

char *nf_it_slurp(const char *path, size_t *len)
{
    FILE *f = fopen(path, "rb");
    if (!f) {
        return NULL;
    }
    size_t cap = 4096, n = 0;
    char *buf = malloc(cap);
    cr_assert_not_null(buf);
    size_t r;
    while ((r = fread(buf + n, 1, cap - n - 1, f)) > 0) {
        n += r;
        if (cap - n - 1 == 0) {
            cap *= 2;
            buf = realloc(buf, cap);
            cr_assert_not_null(buf);
        }
    }
    fclose(f);
    buf[n] = '\0';
    if (len) {
        *len = n;
    }
    return buf;
}

void nf_it_write_file(const char *path, const void *data, size_t len)
{
    FILE *f = fopen(path, "wb");
    cr_assert_not_null(f, "cannot write %s: %s", path, strerror(errno));
    cr_assert_eq(fwrite(data, 1, len, f), len, "short write to %s", path);
    cr_assert_eq(fclose(f), 0, "closing %s: %s", path, strerror(errno));
}

int64_t nf_it_wait_for_records(const char *topic, int64_t min, nf_it_proc *p, int timeout_ms)
{
    rd_kafka_t *rk = query_handle();
    int64_t deadline = nf_it_now_ms() + timeout_ms;
    int64_t seen = 0;
    for (;;) {
        /* the topic may not exist until newsflow created it */
        rd_kafka_topic_t *rkt = rd_kafka_topic_new(rk, topic, NULL);
        const struct rd_kafka_metadata *md = NULL;
        int n = 0;
        if (rd_kafka_metadata(rk, 0, rkt, &md, 2000) == RD_KAFKA_RESP_ERR_NO_ERROR) {
            if (md->topic_cnt == 1 && md->topics[0].err == RD_KAFKA_RESP_ERR_NO_ERROR) {
                n = md->topics[0].partition_cnt;
            }
            rd_kafka_metadata_destroy(md);
        }
        rd_kafka_topic_destroy(rkt);
        seen = 0;
        for (int i = 0; i < n; i++) {
            int64_t lo = 0, hi = 0;
            if (rd_kafka_query_watermark_offsets(rk, topic, i, &lo, &hi, 2000) == 0) {
                seen += hi - lo;
            }
        }
        if (seen >= min || nf_it_now_ms() >= deadline || (p && !nf_it_running(p))) {
            break;
        }
        nf_it_sleep_ms(25);
    }
    rd_kafka_destroy(rk);
    return seen;
}

/* ---- stop or crash mid-stream, then restart ---------------------------------------------- */

#define NF_IT_RESTART_PARTS 3

static void read_outputs(const nf_it_names *nm, nf_it_records *out)
{
    nf_it_read_topic(nm->out, out);
    /* Only valid articles go in: a dead letter here is a bug of its own. */
    int64_t n_dlq = nf_it_topic_count(nm->dlq);
    cr_assert_eq(n_dlq, 0, "%" PRId64 " valid article(s) were dead-lettered", n_dlq);
}

void nf_it_interrupt_and_restart(const char *what, int sig, int expect_exit, long n_articles,
                                 long trigger, const char *const *extra,
                                 nf_it_restart_result *res)
{
    memset(res, 0, sizeof *res);
    res->inputs = n_articles;
    nf_it_require_broker();
    nf_it_tmp tmp;
    nf_it_tmp_init(&tmp);
    nf_it_names nm;
    nf_it_names_init(&nm, what);
    nf_it_create_topic(nm.in, NF_IT_RESTART_PARTS);
    nf_it_produce_articles(nm.in, 0, n_articles);
    nf_it_records in = {0};
    nf_it_read_topic(nm.in, &in);
    cr_assert_eq((long)in.n, n_articles);

    nf_it_argv args = {0};
    nf_it_run_argv(&args, &nm, false);
    for (size_t i = 0; extra && extra[i]; i++) {
        nf_it_argv_add(&args, "-X");
        nf_it_argv_add(&args, "%s", extra[i]);
    }
    nf_it_proc first;
    nf_it_spawn(&first, &tmp, "first-run", &args, NULL, NULL);
    int64_t seen = nf_it_wait_for_records(nm.out, trigger, &first, 120000);
    if (!nf_it_running(&first) || seen < trigger) {
        nf_it_print_tail(first.name, first.err_path, 60);
        cr_assert_fail("%s: the first run %s after %" PRId64 " of %ld outputs (signal due at %ld)",
                 what, nf_it_running(&first) ? "stalled" : "exited", seen, n_articles, trigger);
    }
    nf_it_signal(&first, sig);
    res->outputs_at_signal = (long)seen;
    nf_it_expect_exit(&first, expect_exit, 90000);

    /* After the first run: whatever the group committed has an output (at-least-once at the
     * commit point). */
    nf_it_records out = {0};
    read_outputs(&nm, &out);
    res->outputs_first_run = (long)out.n;
    int *counts = nf_it_outputs_per_input(&in, nm.in, &out);
    int64_t committed[NF_IT_RESTART_PARTS];
    nf_it_committed(nm.group, nm.in, NF_IT_RESTART_PARTS, committed);
    res->committed_first_run =
        nf_it_check_committed_have_outputs(&in, counts, committed, NF_IT_RESTART_PARTS);
    for (size_t i = 0; i < in.n; i++) {
        cr_assert_leq(counts[i], 1, "%s: input [%d]@%" PRId64 " output twice in one run", what,
                      in.items[i].partition, in.items[i].offset);
        int64_t c = committed[in.items[i].partition];
        if (counts[i] > 0 && !(c >= 0 && in.items[i].offset < c)) {
            res->past_commit++;
        }
    }
    free(counts);
    nf_it_records_free(&out);
    fprintf(stderr,
            "nf-it %s: signal %d at %ld outputs; first run ended with %ld outputs, %ld inputs "
            "committed, %ld output but not committed\n",
            what, sig, res->outputs_at_signal, res->outputs_first_run, res->committed_first_run,
            res->past_commit);

    /* Restart the same group: it picks up where the commit left off. */
    nf_it_argv_free(&args);
    nf_it_run_argv(&args, &nm, true);
    for (size_t i = 0; extra && extra[i]; i++) {
        nf_it_argv_add(&args, "-X");
        nf_it_argv_add(&args, "%s", extra[i]);
    }
    nf_it_proc second;
    nf_it_spawn(&second, &tmp, "restart", &args, NULL, NULL);
    nf_it_expect_exit(&second, 0, 180000);

    read_outputs(&nm, &out);
    counts = nf_it_outputs_per_input(&in, nm.in, &out);
    long missing = 0;
    for (size_t i = 0; i < in.n; i++) {
        if (counts[i] == 0) {
            if (missing < 10) {
                fprintf(stderr, "nf-it %s: input [%d]@%" PRId64 " (key %s) has no output\n",
                        what, in.items[i].partition, in.items[i].offset, in.items[i].key);
            }
            missing++;
        } else if (counts[i] > 1) {
            res->duplicated_inputs++;
            res->duplicates += counts[i] - 1;
        }
    }
    free(counts);
    fprintf(stderr,
            "nf-it %s: after the restart %zu outputs for %ld inputs: %ld missing, %ld "
            "duplicate output(s) of %ld input(s)\n",
            what, out.n, n_articles, missing, res->duplicates, res->duplicated_inputs);
    if (missing) {
        nf_it_print_tail(first.name, first.err_path, 30);
        nf_it_print_tail(second.name, second.err_path, 30);
    }
    cr_assert_eq(missing, 0, "%s: %ld input(s) without output after the restart", what,
                 missing);

    int64_t end[NF_IT_RESTART_PARTS];
    nf_it_end_offsets(nm.in, NF_IT_RESTART_PARTS, end);
    nf_it_committed(nm.group, nm.in, NF_IT_RESTART_PARTS, committed);
    for (int p = 0; p < NF_IT_RESTART_PARTS; p++) {
        cr_assert_eq(committed[p], end[p],
                     "%s: partition %d: committed %" PRId64 ", end %" PRId64 " after the restart",
                     what, p, committed[p], end[p]);
    }
    nf_it_records_free(&out);
    nf_it_records_free(&in);
    nf_it_argv_free(&args);
    nf_it_names_cleanup(&nm);
    nf_it_tmp_remove(&tmp);
}
