/* newsflow replay on the real broker: the plan (offsets, times via offsets_for_times, which
 * the mock cluster cannot answer), byte-identical output to `run`, the live group untouched,
 * and --resume after kill -9. */
#include "harness.h"

#include <arpa/inet.h>
#include <criterion/criterion.h>
#include <inttypes.h>
#include <netinet/in.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/socket.h>
#include <time.h>
#include <unistd.h>

#define PARTS 3

static int64_t wall_ms(void)
{
    struct timespec ts;
    clock_gettime(CLOCK_REALTIME, &ts);
    return (int64_t)ts.tv_sec * 1000 + ts.tv_nsec / 1000000;
}

static void rfc3339(int64_t ms, char *buf, size_t size)
{
    time_t secs = (time_t)(ms / 1000);
    struct tm tm;
    gmtime_r(&secs, &tm);
    size_t n = strftime(buf, size, "%Y-%m-%dT%H:%M:%S", &tm);
    snprintf(buf + n, size - n, ".%03dZ", (int)(ms % 1000));
}

/* "newsflow replay" over n->in into \p out / \p dlq; the live group is named on purpose (and
 * forced as the librdkafka group.id): a replay must ignore it. */
static void replay_argv(nf_it_argv *a, const nf_it_names *n, const char *out, const char *dlq)
{
    nf_it_argv_add(a, "replay");
    nf_it_argv_add(a, "-X");
    nf_it_argv_add(a, "kafka.bootstrap.servers=%s", nf_it_broker());
    /* Any free port: tests run concurrently and must never take the default 9464. */
    nf_it_argv_add(a, "-X");
    nf_it_argv_add(a, "metrics.listen=127.0.0.1:0");
    nf_it_argv_add(a, "-X");
    nf_it_argv_add(a, "consumer.group_id=%s", n->group);
    nf_it_argv_add(a, "-X");
    nf_it_argv_add(a, "consumer.kafka.group.id=%s", n->group);
    nf_it_argv_add(a, "-X");
    nf_it_argv_add(a, "producer.dlq_topic=%s", dlq);
    nf_it_argv_add(a, "--topic");
    nf_it_argv_add(a, "%s", n->in);
    nf_it_argv_add(a, "--to-topic");
    nf_it_argv_add(a, "%s", out);
}

typedef struct plan_row {
    int64_t low, high, start, end, count;
    bool seen;
} plan_row;

/* Run `replay --dry-run` with \p extra args; parse its table into rows[partition]. */
static int dry_run(const nf_it_names *n, const nf_it_tmp *tmp, const char *const *extra,
                   plan_row *rows, char **out_text)
{
    nf_it_argv a = {0};
    replay_argv(&a, n, n->out, n->dlq);
    nf_it_argv_add(&a, "--dry-run");
    for (size_t i = 0; extra[i]; i++) {
        nf_it_argv_add(&a, "%s", extra[i]);
    }
    nf_it_proc p;
    nf_it_spawn(&p, tmp, "dry-run", &a, NULL, NULL);
    int code = nf_it_wait(&p, 60000);
    nf_it_argv_free(&a);
    char *text = nf_it_slurp(p.out_path, NULL);
    cr_assert_not_null(text);
    memset(rows, 0, sizeof(plan_row) * PARTS);
    size_t tlen = strlen(n->in);
    for (char *line = strtok(text, "\n"); line; line = strtok(NULL, "\n")) {
        int part;
        plan_row r = {0};
        if (strncmp(line, n->in, tlen) == 0 &&
            sscanf(line + tlen, "%d %" SCNd64 " %" SCNd64 " %" SCNd64 " %" SCNd64 " %" SCNd64,
                   &part, &r.low, &r.high, &r.start, &r.end, &r.count) == 6) {
            cr_assert(part >= 0 && part < PARTS);
            r.seen = true;
            rows[part] = r;
        }
    }
    free(text);
    if (out_text) {
        *out_text = nf_it_slurp(code == 0 ? p.out_path : p.err_path, NULL);
    }
    return code;
}

#define N_PER_PART 120

/* Message i of each partition has timestamp t0 + i minutes; the last is half a minute old. */
static int64_t produce_timed(const char *topic)
{
    int64_t t0 = wall_ms() - (int64_t)N_PER_PART * 60000 + 30000;
    rd_kafka_t *rk = nf_it_producer_new();
    for (int p = 0; p < PARTS; p++) {
        for (int i = 0; i < N_PER_PART; i++) {
            size_t len;
            long id = p * 1000 + i;
            char *v = nf_it_article(id, &len);
            char key[32];
            snprintf(key, sizeof key, "a-%ld", id);
            rd_kafka_resp_err_t err = rd_kafka_producev(
                rk, RD_KAFKA_V_TOPIC(topic), RD_KAFKA_V_PARTITION(p),
                RD_KAFKA_V_KEY(key, strlen(key)), RD_KAFKA_V_VALUE(v, len),
                RD_KAFKA_V_MSGFLAGS(RD_KAFKA_MSG_F_COPY),
                RD_KAFKA_V_TIMESTAMP(t0 + (int64_t)i * 60000), RD_KAFKA_V_END);
            cr_assert_eq(err, RD_KAFKA_RESP_ERR_NO_ERROR, "%s", rd_kafka_err2str(err));
            free(v);
            rd_kafka_poll(rk, 0);
        }
    }
    nf_it_producer_close(rk);
    return t0;
}

static void expect_range(const plan_row *rows, int64_t start, int64_t end, const char *what)
{
    for (int p = 0; p < PARTS; p++) {
        cr_assert(rows[p].seen, "%s: partition %d missing from the plan", what, p);
        cr_assert_eq(rows[p].low, 0, "%s", what);
        cr_assert_eq(rows[p].high, N_PER_PART, "%s", what);
        cr_assert_eq(rows[p].start, start, "%s: partition %d starts at %" PRId64 ", expected %"
                     PRId64, what, p, rows[p].start, start);
        cr_assert_eq(rows[p].end, end, "%s: partition %d ends at %" PRId64 ", expected %" PRId64,
                     what, p, rows[p].end, end);
        cr_assert_eq(rows[p].count, end - start, "%s", what);
    }
}

Test(replay, dry_run_resolves_offsets_times_and_durations, .timeout = 240)
{
    nf_it_require_broker();
    nf_it_names n;
    nf_it_names_init(&n, "replay-plan");
    nf_it_create_topic(n.in, PARTS);
    int64_t t0 = produce_timed(n.in);
    nf_it_tmp tmp;
    nf_it_tmp_init(&tmp);
    plan_row rows[PARTS];
    char *text = NULL;

    const char *const all[] = {NULL};
    cr_assert_eq(dry_run(&n, &tmp, all, rows, &text), 0);
    expect_range(rows, 0, N_PER_PART, "default range");
    char want[64];
    snprintf(want, sizeof want, "total: %d partition(s), %d message(s)", PARTS, PARTS * N_PER_PART);
    cr_assert(strstr(text, want), "dry-run totals: %s", text);
    free(text);

    const char *const offsets[] = {"--from", "10", "--to", "-20", NULL};
    dry_run(&n, &tmp, offsets, rows, NULL);
    expect_range(rows, 10, N_PER_PART - 20, "--from 10 --to -20");

    char s_at[48], e_at[48];
    snprintf(s_at, sizeof s_at, "s@%" PRId64, t0 + 30 * 60000);
    snprintf(e_at, sizeof e_at, "e@%" PRId64, t0 + 50 * 60000 - 1); /* just before message 50 */
    const char *const ms[] = {"--from", s_at, "--to", e_at, NULL};
    dry_run(&n, &tmp, ms, rows, NULL);
    expect_range(rows, 30, 50, "s@/e@");

    char from_t[64], to_t[64];
    rfc3339(t0 + 40 * 60000 - 500, from_t, sizeof from_t); /* between messages 39 and 40 */
    rfc3339(t0 + 60 * 60000, to_t, sizeof to_t);           /* exactly message 60: excluded */
    const char *const rfc[] = {"--from", from_t, "--to", to_t, NULL};
    dry_run(&n, &tmp, rfc, rows, NULL);
    expect_range(rows, 40, 60, "RFC 3339");

    /* The last 30 messages are younger than 30 minutes (the newest is 30 s old; the test has
     * that long before the boundary moves). */
    const char *const dur[] = {"--from", "-30m", "--to", "-PT10M", NULL};
    dry_run(&n, &tmp, dur, rows, NULL);
    expect_range(rows, N_PER_PART - 30, N_PER_PART - 10, "durations");

    const char *const future[] = {"--from", "-1s", NULL};
    dry_run(&n, &tmp, future, rows, NULL);
    expect_range(rows, N_PER_PART, N_PER_PART, "no message that late");

    const char *const some[] = {"--partitions", "0,2", NULL};
    dry_run(&n, &tmp, some, rows, NULL);
    cr_assert(rows[0].seen && !rows[1].seen && rows[2].seen, "--partitions 0,2");

    const char *const missing[] = {"--partitions", "1-5", NULL};
    cr_assert_eq(dry_run(&n, &tmp, missing, rows, &text), 1);
    cr_assert(strstr(text, "partition 5") && strstr(text, "partitions 0-2"), "%s", text);
    free(text);

    const char *const bad[] = {"--to", "s@5", NULL};
    cr_assert_eq(dry_run(&n, &tmp, bad, rows, &text), 2);
    cr_assert(strstr(text, "--to") && strstr(text, "e@"), "%s", text);
    free(text);

    /* a dry run creates no output topic and commits nothing */
    cr_assert_eq(nf_it_topic_exists(n.out), false, "--dry-run created %s", n.out);
    nf_it_tmp_remove(&tmp);
    nf_it_names_cleanup(&n);
}

/* Outputs of \p recs by (source partition, source offset); fails on a second output. */
static const nf_it_record **index_outputs(const nf_it_records *recs, int64_t per_part)
{
    const nf_it_record **idx = calloc((size_t)(PARTS * per_part), sizeof *idx);
    cr_assert_not_null(idx);
    for (size_t i = 0; i < recs->n; i++) {
        int64_t p = nf_it_header_i64(&recs->items[i], "newsflow.source.partition");
        int64_t o = nf_it_header_i64(&recs->items[i], "newsflow.source.offset");
        cr_assert(p >= 0 && p < PARTS && o >= 0 && o < per_part, "p %" PRId64 " o %" PRId64, p, o);
        cr_assert_null(idx[p * per_part + o], "two outputs for partition %" PRId64 " offset %"
                       PRId64, p, o);
        idx[p * per_part + o] = &recs->items[i];
    }
    return idx;
}

Test(replay, output_identical_to_run_and_live_group_untouched, .timeout = 280)
{
    nf_it_require_broker();
    nf_it_names n;
    nf_it_names_init(&n, "replay-same");
    nf_it_create_topic(n.in, PARTS);
    enum { PER = 80 };
    /* Per partition: articles, and every 10th message a broken one (a dead letter). */
    rd_kafka_t *rk = nf_it_producer_new();
    for (int p = 0; p < PARTS; p++) {
        for (int i = 0; i < PER; i++) {
            long id = p * 1000 + i;
            char key[32];
            snprintf(key, sizeof key, "a-%ld", id);
            if (i % 10 == 7) {
                nf_it_produce(rk, n.in, p, key, strlen(key), "{\"body\": broken", 15, NULL);
            } else {
                size_t len;
                char *v = nf_it_article(id, &len);
                nf_it_produce(rk, n.in, p, key, strlen(key), v, len, NULL);
                free(v);
            }
        }
    }
    nf_it_producer_close(rk);
    nf_it_tmp tmp;
    nf_it_tmp_init(&tmp);

    nf_it_argv a = {0};
    nf_it_run_argv(&a, &n, true);
    nf_it_proc run;
    nf_it_spawn(&run, &tmp, "run", &a, NULL, NULL);
    nf_it_expect_exit(&run, 0, 180000);
    nf_it_argv_free(&a);
    int64_t live_before[PARTS], live_after[PARTS];
    nf_it_committed(n.group, n.in, PARTS, live_before);
    for (int p = 0; p < PARTS; p++) {
        cr_assert_eq(live_before[p], PER, "the live run committed partition %d", p);
    }

    char out2[160], dlq2[160];
    snprintf(out2, sizeof out2, "%s.v2", n.out);
    snprintf(dlq2, sizeof dlq2, "%s.v2", n.dlq);
    replay_argv(&a, &n, out2, dlq2);
    const char *const range[] = {"--from", "20", "--to", "60", "--progress-ms", "100", NULL};
    for (size_t i = 0; range[i]; i++) {
        nf_it_argv_add(&a, "%s", range[i]);
    }
    nf_it_proc rp;
    nf_it_spawn(&rp, &tmp, "replay", &a, NULL, NULL);
    nf_it_expect_exit(&rp, 0, 180000);
    nf_it_argv_free(&a);
    char *err = nf_it_slurp(rp.err_path, NULL);
    char want[128];
    snprintf(want, sizeof want, "replay done: in %d, enriched %d, dead-lettered %d", PARTS * 40,
             PARTS * 36, PARTS * 4);
    cr_assert(strstr(err, want), "summary \"%s\" in:\n%s", want, err);
    free(err);

    nf_it_committed(n.group, n.in, PARTS, live_after);
    cr_assert_arr_eq(live_after, live_before, sizeof live_before,
                     "the replay moved the live group's committed offsets");

    nf_it_records run_out = {0}, rep_out = {0}, run_dlq = {0}, rep_dlq = {0};
    nf_it_read_topic(n.out, &run_out);
    nf_it_read_topic(out2, &rep_out);
    nf_it_read_topic(n.dlq, &run_dlq);
    nf_it_read_topic(dlq2, &rep_dlq);
    cr_assert_eq(rep_out.n, (size_t)(PARTS * 36));
    cr_assert_eq(rep_dlq.n, (size_t)(PARTS * 4));
    const nf_it_record **run_idx = index_outputs(&run_out, PER);
    const nf_it_record **run_dl = index_outputs(&run_dlq, PER);
    const nf_it_record **rep_idx = index_outputs(&rep_out, PER);
    const nf_it_record **rep_dl = index_outputs(&rep_dlq, PER);
    for (int p = 0; p < PARTS; p++) {
        for (int o = 0; o < PER; o++) {
            const nf_it_record *r = rep_idx[p * PER + o], *d = rep_dl[p * PER + o];
            bool in_range = o >= 20 && o < 60;
            cr_assert_eq(r != NULL || d != NULL, in_range, "partition %d offset %d: %s", p, o,
                         in_range ? "no replay output" : "replayed outside the range");
            if (r) {
                const nf_it_record *orig = run_idx[p * PER + o];
                cr_assert_not_null(orig);
                cr_assert_eq(r->value_len, orig->value_len, "p %d o %d", p, o);
                cr_assert(memcmp(r->value, orig->value, r->value_len) == 0,
                          "replay output differs from run's for partition %d offset %d", p, o);
                cr_assert_str_eq(r->key, orig->key);
                cr_assert_not_null(nf_it_header_get(r, "newsflow.processed.at"));
                cr_assert_not_null(nf_it_header_get(r, "newsflow.source.timestamp"));
            }
            if (d) {
                cr_assert_not_null(run_dl[p * PER + o]);
                cr_assert_not_null(nf_it_header_get(d, "newsflow.error.code"));
            }
        }
    }
    free(run_idx);
    free(run_dl);
    free(rep_idx);
    free(rep_dl);
    nf_it_records_free(&run_out);
    nf_it_records_free(&rep_out);
    nf_it_records_free(&run_dlq);
    nf_it_records_free(&rep_dlq);
    nf_it_delete_topic(out2);
    nf_it_delete_topic(dlq2);
    nf_it_tmp_remove(&tmp);
    nf_it_names_cleanup(&n);
}

Test(replay, resume_after_kill_9_finishes_the_original_range, .timeout = 280)
{
    nf_it_require_broker();
    nf_it_names n;
    nf_it_names_init(&n, "replay-resume");
    nf_it_create_topic(n.in, PARTS);
    enum { N = 12000, TAIL = 100, HEAD = 100 };
    nf_it_produce_articles(n.in, 0, N);
    int64_t high[PARTS];
    nf_it_end_offsets(n.in, PARTS, high);
    nf_it_tmp tmp;
    nf_it_tmp_init(&tmp);
    char name[64];
    snprintf(name, sizeof name, "t%lld", (long long)wall_ms());

    /* small batches in flight, so the kill lands between commits of progress */
    const char *const args[] = {"--from", "100", "--to", "-100", "--resume", name,
                                "--progress-ms", "200", "-X", "run.workers=1",
                                /* small, slow batches: a few thousand outputs a second,
                                 * so the kill lands mid-range even on a fast machine */
                                "-X", "producer.kafka.linger.ms=100",
                                "-X", "producer.kafka.batch.num.messages=20",
                                "-X", "producer.kafka.queue.buffering.max.messages=200",
                                "-X", "run.commit_interval_ms=100", NULL};
    nf_it_argv a = {0};
    replay_argv(&a, &n, n.out, n.dlq);
    for (size_t i = 0; args[i]; i++) {
        nf_it_argv_add(&a, "%s", args[i]);
    }
    nf_it_proc first;
    nf_it_spawn(&first, &tmp, "first", &a, NULL, NULL);
    /* Kill once the resume group holds real progress (past the starts), mid-range. */
    char group[128];
    snprintf(group, sizeof group, "newsflow.replay.%s", name);
    int64_t done = 0;
    int64_t deadline = nf_it_now_ms() + 120000;
    while (nf_it_running(&first) && done < N / 5 && nf_it_now_ms() < deadline) {
        int64_t committed[PARTS];
        nf_it_committed(group, n.in, PARTS, committed);
        done = 0;
        for (int p = 0; p < PARTS; p++) {
            done += committed[p] > HEAD ? committed[p] - HEAD : 0;
        }
        nf_it_sleep_ms(20);
    }
    cr_assert(nf_it_running(&first) && done >= N / 5,
              "the replay %s with %" PRId64 " committed", nf_it_running(&first) ? "stalled" : "ended",
              done);
    nf_it_signal(&first, SIGKILL);
    nf_it_wait(&first, 30000);
    char *err = nf_it_slurp(first.err_path, NULL);
    cr_assert(strstr(err, "replay: ") && strstr(err, "laggard") && strstr(err, "msg/s"),
              "progress lines on stderr:\n%s", err);
    free(err);

    /* Live traffic after the kill: a fresh "--to -100" would now end later; the resumed
     * replay must finish the range fixed by the first start. */
    nf_it_produce_articles(n.in, N, 600);

    plan_row rows[PARTS];
    const char *const again[] = {"--from", "100", "--to", "-100", "--resume", name, NULL};
    char *text = NULL;
    cr_assert_eq(dry_run(&n, &tmp, again, rows, &text), 0);
    cr_assert(strstr(text, "(resumed)"), "%s", text);
    free(text);
    for (int p = 0; p < PARTS; p++) {
        cr_assert_eq(rows[p].end, high[p] - TAIL, "resumed end of partition %d", p);
        cr_assert_geq(rows[p].start, HEAD);
    }

    nf_it_proc second;
    nf_it_spawn(&second, &tmp, "second", &a, NULL, NULL);
    nf_it_expect_exit(&second, 0, 240000);
    err = nf_it_slurp(second.err_path, NULL);
    const char *summary = strstr(err, "replay done: in ");
    cr_assert_not_null(summary, "%s", err);
    long second_in = strtol(summary + strlen("replay done: in "), NULL, 10);
    long range = 0;
    for (int p = 0; p < PARTS; p++) {
        range += high[p] - TAIL - HEAD;
    }
    cr_assert_lt(second_in, range, "the resumed replay started over (%ld of %ld)", second_in,
                 range);
    free(err);

    /* Every input in [100, end-100) of the original ends has an output, none outside. */
    nf_it_records in = {0}, out = {0};
    nf_it_read_topic(n.in, &in);
    nf_it_read_topic(n.out, &out);
    int *counts = nf_it_outputs_per_input(&in, n.in, &out);
    long dup = 0;
    for (size_t i = 0; i < in.n; i++) {
        const nf_it_record *r = &in.items[i];
        bool in_range = r->offset >= HEAD && r->offset < high[r->partition] - TAIL;
        cr_assert_eq(counts[i] > 0, in_range, "partition %d offset %" PRId64 ": %d output(s)",
                     r->partition, r->offset, counts[i]);
        dup += counts[i] > 1 ? counts[i] - 1 : 0;
    }
    fprintf(stderr, "nf-it replay resume: %ld duplicate output(s) after kill -9 (at-least-once)\n",
            dup);
    free(counts);
    nf_it_records_free(&in);
    nf_it_records_free(&out);

    /* A third start has nothing left: exits 0 at once. */
    nf_it_proc third;
    nf_it_spawn(&third, &tmp, "third", &a, NULL, NULL);
    nf_it_expect_exit(&third, 0, 60000);
    err = nf_it_slurp(third.err_path, NULL);
    cr_assert(strstr(err, "replay done: in 0,"), "%s", err);
    free(err);
    nf_it_argv_free(&a);
    nf_it_tmp_remove(&tmp);
    nf_it_names_cleanup(&n);
}

Test(replay, help_documents_the_grammar_with_examples, .timeout = 60)
{
    nf_it_tmp tmp;
    nf_it_tmp_init(&tmp);
    nf_it_argv a = {0};
    nf_it_argv_add(&a, "replay");
    nf_it_argv_add(&a, "--help");
    nf_it_proc p;
    nf_it_spawn(&p, &tmp, "help", &a, NULL, NULL);
    nf_it_expect_exit(&p, 0, 30000);
    nf_it_argv_free(&a);
    char *out = nf_it_slurp(p.out_path, NULL);
    const char *must[] = {"beginning", "end", "<offset>", "-<N>", "s@<ms>", "e@<ms>",
                          "2025-06-01T00:00:00Z", "-24h", "-P7D", "--partitions", "0,2-5",
                          "--resume NAME", "--dry-run", "--to-topic", "Examples:",
                          "newsflow replay -c nf.conf --from"};
    for (size_t i = 0; i < sizeof must / sizeof must[0]; i++) {
        cr_assert(strstr(out, must[i]), "replay --help lacks \"%s\":\n%s", must[i], out);
    }
    free(out);
    nf_it_tmp_remove(&tmp);
}

/* On a terminal the progress is one line redrawn in place (\r + erase line), run under
 * script(1) for a pseudo-terminal. */
Test(replay, progress_on_a_terminal_is_one_redrawn_line, .timeout = 120)
{
    nf_it_require_broker();
    nf_it_names n;
    nf_it_names_init(&n, "replay-tty");
    nf_it_create_topic(n.in, PARTS);
    nf_it_produce_articles(n.in, 0, 3000);
    nf_it_tmp tmp;
    nf_it_tmp_init(&tmp);
    char cmd[2048], out_path[300];
    snprintf(out_path, sizeof out_path, "%s/tty.out", tmp.path);
    /* slowed down (one thread, small producer queue) so that several redraws happen */
    snprintf(cmd, sizeof cmd,
             "script -qec \"'%s' replay -X kafka.bootstrap.servers=%s -X run.workers=1 "
             "-X producer.kafka.queue.buffering.max.messages=20 -X run.log_level=warn "
             "--topic %s --to-topic %s -X producer.dlq_topic=%s\" /dev/null > '%s' 2>&1",
             getenv("NF_IT_NEWSFLOW_BIN") ? getenv("NF_IT_NEWSFLOW_BIN") : NF_NEWSFLOW_BIN,
             nf_it_broker(), n.in, n.out, n.dlq, out_path);
    int rc = system(cmd);
    char *out = nf_it_slurp(out_path, NULL);
    cr_assert_not_null(out);
    cr_assert_eq(rc, 0, "replay under script(1) failed (%d):\n%s", rc, out);
    cr_assert(strstr(out, "\r\033[Kreplay: "), "no redrawn progress line:\n%s", out);
    cr_assert(strstr(out, "\r\033[Kreplay done: in 3000,"), "summary replaces the line:\n%s",
              out);
    /* (script(1) turns a newline into \r\n) */
    cr_assert(!strstr(out, " left\n") && !strstr(out, " left\r\n"),
              "progress lines must not end in a newline on a terminal:\n%s", out);
    free(out);
    nf_it_tmp_remove(&tmp);
    nf_it_names_cleanup(&n);
}

/* A replay beside the live job on the same host: with metrics.listen unset it must not take
 * (or fail on) the default port 9464, which the live job holds; it serves on a free port. */
Test(replay, default_metrics_port_does_not_collide_with_the_live_job, .timeout = 180)
{
    nf_it_require_broker();
    /* Hold 9464 like a live `newsflow run` would (if something else holds it, it is just as
     * busy). */
    int fd = socket(AF_INET, SOCK_STREAM, 0);
    cr_assert_geq(fd, 0);
    struct sockaddr_in sa = {.sin_family = AF_INET, .sin_port = htons(9464)};
    sa.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
    int one = 1;
    setsockopt(fd, SOL_SOCKET, SO_REUSEADDR, &one, sizeof one);
    bool held = bind(fd, (struct sockaddr *)&sa, sizeof sa) == 0 && listen(fd, 1) == 0;
    cr_log_info("port 9464 %s", held ? "held by the test" : "already busy");

    nf_it_names n;
    nf_it_names_init(&n, "replay-port");
    nf_it_create_topic(n.in, PARTS);
    nf_it_produce_articles(n.in, 0, 30);
    nf_it_tmp tmp;
    nf_it_tmp_init(&tmp);
    nf_it_argv a = {0};
    char bs[256], dlq[256];
    snprintf(bs, sizeof bs, "kafka.bootstrap.servers=%s", nf_it_broker());
    snprintf(dlq, sizeof dlq, "producer.dlq_topic=%s", n.dlq);
    const char *const args[] = {"replay", "-X", bs, "-X", dlq, "--topic", n.in,
                                "--to-topic", n.out, NULL};
    for (size_t i = 0; args[i]; i++) {
        nf_it_argv_add(&a, "%s", args[i]);
    }
    nf_it_proc p;
    nf_it_spawn(&p, &tmp, "replay", &a, NULL, NULL);
    nf_it_argv_free(&a);
    nf_it_expect_exit(&p, 0, 120000);
    close(fd);
    char *err = nf_it_slurp(p.err_path, NULL);
    cr_assert_not_null(err);
    cr_expect(strstr(err, "metrics on http://127.0.0.1:0") != NULL, "%s", err);
    free(err);
    cr_assert_eq(nf_it_topic_count(n.out), 30);
    nf_it_names_cleanup(&n);
    nf_it_tmp_remove(&tmp);
}
