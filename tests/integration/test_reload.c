#define _GNU_SOURCE
/* Watchlists on the real broker: ids in the records, and SIGHUP reload under traffic (nothing
 * lost, nothing duplicated, every record tagged by exactly one list version, which its
 * data_digest names; a broken file keeps the lists in use). Every record read is also checked
 * against docs/record.schema.json by the harness. */
#include "harness.h"

#include <criterion/criterion.h>
#include <jansson.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

/* nf_it_article() puts one of these places in every article (places[n % 9]). */
static const char *const places[] = {"Paris", "Nairobi", "Lima", "Osaka", "Tallinn",
                                     "Montréal", "Zürich", "Kraków", "Ciudad de México"};

static void write_list(const char *path, const char *version)
{
    char buf[2048];
    size_t n = (size_t)snprintf(buf, sizeof buf, "# places, version %s\n", version);
    for (size_t i = 0; i < 9; i++) {
        n += (size_t)snprintf(buf + n, sizeof buf - n, "%s\tGPE\t%s-%zu\n", places[i], version,
                              i);
    }
    nf_it_write_file(path, buf, n);
}

/* The list version ("v1", "v2") of the watchlist ids in \p v, checking that every id of the
 * record comes from the same version and names the right place; NULL when there is none. */
static char *version_of(json_t *v, const char *key)
{
    char *version = NULL;
    size_t i;
    json_t *e;
    json_array_foreach(json_object_get(v, "entities"), i, e)
    {
        const char *id = json_string_value(json_object_get(e, "id"));
        if (!id) {
            continue;
        }
        cr_assert_str_eq(json_string_value(json_object_get(e, "list")), "places", "%s", key);
        const char *dash = strchr(id, '-');
        cr_assert_not_null(dash, "%s: id %s", key, id);
        size_t k = (size_t)atoi(dash + 1);
        cr_assert(k < 9, "%s: id %s", key, id);
        /* the id is the listed place's, wherever folding matched it */
        cr_assert_eq(strncmp(json_string_value(json_object_get(e, "text")), places[k], 3), 0,
                     "%s: %s tagged with %s", key,
                     json_string_value(json_object_get(e, "text")), id);
        if (!version) {
            version = strndup(id, (size_t)(dash - id));
        } else {
            cr_assert_eq(strncmp(version, id, strlen(version)), 0,
                         "%s: ids of two list versions in one record", key);
        }
    }
    return version;
}

Test(watchlist, ids_in_records_on_the_broker, .timeout = 280)
{
    nf_it_require_broker();
    nf_it_tmp tmp;
    nf_it_tmp_init(&tmp);
    nf_it_names nm;
    nf_it_names_init(&nm, "wl-ids");
    nf_it_create_topic(nm.in, 3);
    nf_it_produce_articles(nm.in, 0, 300);
    char list[400];
    snprintf(list, sizeof list, "%s/places.tsv", tmp.path);
    write_list(list, "v1");

    nf_it_argv args = {0};
    nf_it_run_argv(&args, &nm, true);
    nf_it_argv_add(&args, "-X");
    nf_it_argv_add(&args, "stage.watchlist.files=%s", list);
    nf_it_argv_add(&args, "-X"); /* version_of() reads v1's flat "entities" array */
    nf_it_argv_add(&args, "stage.encode.schema=v1");
    nf_it_proc proc;
    nf_it_spawn(&proc, &tmp, "run", &args, NULL, NULL);
    nf_it_expect_exit(&proc, 0, 180000);

    nf_it_records out = {0};
    nf_it_read_topic(nm.out, &out);
    cr_assert_eq(out.n, 300);
    size_t with_ids = 0;
    for (size_t i = 0; i < out.n; i++) {
        json_t *v = json_loadb(out.items[i].value, out.items[i].value_len, 0, NULL);
        cr_assert_not_null(v);
        char *version = version_of(v, out.items[i].key);
        if (version) {
            cr_assert_str_eq(version, "v1");
            with_ids++;
        }
        free(version);
        json_decref(v);
    }
    cr_assert_eq(with_ids, 300, "every article names a listed place");
    nf_it_records_free(&out);
    nf_it_argv_free(&args);
    nf_it_names_cleanup(&nm);
    nf_it_tmp_remove(&tmp);
}

/* Poll the child's stderr for \p needle appearing for the \p nth time. */
static void wait_log(nf_it_proc *p, const char *needle, int nth, int timeout_ms)
{
    int64_t deadline = nf_it_now_ms() + timeout_ms;
    for (;;) {
        char *err = nf_it_slurp(p->err_path, NULL);
        int count = 0;
        for (const char *s = err; s && (s = strstr(s, needle)); s++) {
            count++;
        }
        free(err);
        if (count >= nth) {
            return;
        }
        if (nf_it_now_ms() > deadline || !nf_it_running(p)) {
            nf_it_print_tail(p->name, p->err_path, 30);
            cr_assert_fail("no \"%s\" (#%d) in the log of %s", needle, nth, p->name);
        }
        nf_it_sleep_ms(50);
    }
}

Test(watchlist, sighup_reload_under_traffic, .timeout = 280)
{
    /* FIRST articles in chunks, SIGHUP in the middle of them while they flow; then BATCH
     * after the reload was published, then BATCH after a failed reload. */
    enum { CHUNK = 200, FIRST = 10 * CHUNK, BATCH = 400, TOTAL = FIRST + 2 * BATCH };
    nf_it_require_broker();
    nf_it_tmp tmp;
    nf_it_tmp_init(&tmp);
    nf_it_names nm;
    nf_it_names_init(&nm, "wl-reload");
    nf_it_create_topic(nm.in, 3);
    char list[400];
    snprintf(list, sizeof list, "%s/places.tsv", tmp.path);
    write_list(list, "v1");

    nf_it_argv args = {0};
    nf_it_run_argv(&args, &nm, false);
    nf_it_argv_add(&args, "-X");
    nf_it_argv_add(&args, "stage.watchlist.files=%s", list);
    nf_it_argv_add(&args, "-X"); /* version_of() reads v1's flat "entities" array */
    nf_it_argv_add(&args, "stage.encode.schema=v1");
    nf_it_argv_add(&args, "-X");
    nf_it_argv_add(&args, "run.workers=2"); /* the shared lists reach every worker */
    nf_it_proc proc;
    nf_it_spawn(&proc, &tmp, "run", &args, NULL, NULL);

    /* Batch 1 flows; the reload to v2 happens while it is being processed. */
    for (long c = 0; c < FIRST / CHUNK; c++) {
        nf_it_produce_articles(nm.in, c * CHUNK, CHUNK);
        if (c == 0) {
            nf_it_wait_for_records(nm.out, CHUNK / 2, &proc, 120000);
        }
        if (c == 3) {
            write_list(list, "v2");
            nf_it_signal(&proc, SIGHUP);
        }
    }
    wait_log(&proc, "reloaded: data", 1, 60000);
    /* Batch 2 is produced after the reload was published: all of it is v2. */
    nf_it_produce_articles(nm.in, FIRST, BATCH);
    cr_assert_geq(nf_it_wait_for_records(nm.out, FIRST + BATCH, &proc, 120000), FIRST + BATCH);

    /* A broken file keeps v2 and says why; batch 3 is still v2. */
    nf_it_write_file(list, "Paris\tgpe\tbroken\n", 17);
    nf_it_signal(&proc, SIGHUP);
    wait_log(&proc, "reload failed", 1, 60000);
    nf_it_produce_articles(nm.in, FIRST + BATCH, BATCH);
    cr_assert_geq(nf_it_wait_for_records(nm.out, TOTAL, &proc, 120000), TOTAL);
    nf_it_signal(&proc, SIGTERM);
    nf_it_expect_exit(&proc, 0, 120000);
    char *err = nf_it_slurp(proc.err_path, NULL);
    cr_assert(strstr(err, "places.tsv:1:") && strstr(err, "must be upper case"),
              "the log says why the reload failed");
    free(err);

    nf_it_records out = {0};
    nf_it_read_topic(nm.out, &out);
    cr_assert_eq(out.n, TOTAL, "%zu records for %d articles", out.n, TOTAL);
    cr_assert_eq(nf_it_topic_count(nm.dlq), 0);
    static int seen[TOTAL];
    char digest[2][80] = {"", ""};
    long per_version[2] = {0, 0};
    long first_v2 = 0; /* of the first batch, tagged after the swap */
    for (size_t i = 0; i < out.n; i++) {
        const nf_it_record *o = &out.items[i];
        long n = nf_it_article_num(o->key, o->key_len);
        cr_assert(n >= 0 && n < TOTAL, "unexpected key %s", o->key);
        cr_assert_eq(seen[n]++, 0, "article %s was output twice", o->key);
        json_t *v = json_loadb(o->value, o->value_len, 0, NULL);
        cr_assert_not_null(v);
        char *version = version_of(v, o->key);
        cr_assert_not_null(version, "%s has no watchlist id", o->key);
        int k = strcmp(version, "v1") == 0 ? 0 : 1;
        cr_assert(k == 0 || strcmp(version, "v2") == 0, "%s: version %s", o->key, version);
        if (n >= FIRST) {
            cr_assert_eq(k, 1, "%s, produced after the reload, was tagged by v1", o->key);
        }
        /* the data digest names the list version: one digest per version */
        const char *d =
            json_string_value(json_object_get(json_object_get(v, "pipeline"), "data_digest"));
        if (!digest[k][0]) {
            snprintf(digest[k], sizeof digest[k], "%s", d);
        }
        cr_assert_str_eq(d, digest[k], "%s: two digests for list %s", o->key, version);
        per_version[k]++;
        first_v2 += k == 1 && n < FIRST;
        free(version);
        json_decref(v);
    }
    cr_assert_gt(per_version[0], 0, "nothing was tagged before the reload");
    cr_log_info("reload: %ld records by v1, %ld by v2 (%ld of the first batch after the swap)",
                per_version[0], per_version[1], first_v2);
    cr_assert_str_neq(digest[0], digest[1]);
    nf_it_records_free(&out);
    nf_it_argv_free(&args);
    nf_it_names_cleanup(&nm);
    nf_it_tmp_remove(&tmp);
}
