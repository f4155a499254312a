/* newsflow run --until-end on the real broker: 2,000 articles over 3 partitions in, exactly
 * 2,000 enriched records out, with keys, order, lineage and committed offsets checked. */
#include "harness.h"

#include <criterion/criterion.h>
#include <inttypes.h>
#include <jansson.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#define N_ARTICLES 2000
#define N_PARTS 3

Test(run, two_thousand_articles_over_three_partitions, .timeout = 280)
{
    nf_it_require_broker();
    nf_it_tmp tmp;
    nf_it_tmp_init(&tmp);
    nf_it_names nm;
    nf_it_names_init(&nm, "run");
    nf_it_create_topic(nm.in, N_PARTS);
    nf_it_produce_articles(nm.in, 0, N_ARTICLES);

    /* What went in, and where (the producer partitions by key). */
    nf_it_records in = {0};
    nf_it_read_topic(nm.in, &in);
    cr_assert_eq(in.n, N_ARTICLES);
    long in_idx[N_ARTICLES];
    int per_part[N_PARTS] = {0};
    for (long i = 0; i < N_ARTICLES; i++) {
        in_idx[i] = -1;
    }
    for (size_t i = 0; i < in.n; i++) {
        long n = nf_it_article_num(in.items[i].key, in.items[i].key_len);
        cr_assert(n >= 0 && n < N_ARTICLES && in_idx[n] < 0, "unexpected input key %s",
                  in.items[i].key);
        in_idx[n] = (long)i;
        per_part[in.items[i].partition]++;
    }
    for (int p = 0; p < N_PARTS; p++) {
        cr_assert_gt(per_part[p], 0, "input partition %d got no articles", p);
    }

    nf_it_argv args = {0};
    nf_it_run_argv(&args, &nm, true);
    nf_it_proc proc;
    nf_it_spawn(&proc, &tmp, "run", &args, NULL, NULL);
    nf_it_expect_exit(&proc, 0, 180000);

    nf_it_records out = {0};
    nf_it_read_topic(nm.out, &out);
    if (out.n != N_ARTICLES) {
        nf_it_print_tail(proc.name, proc.err_path, 40);
    }
    cr_assert_eq(out.n, N_ARTICLES, "%zu enriched records for %d articles", out.n, N_ARTICLES);
    cr_assert_eq(nf_it_topic_count(nm.dlq), 0, "valid articles were dead-lettered");

    int seen[N_ARTICLES] = {0};
    int n_out_parts = nf_it_partition_count(nm.out);
    int64_t *last = malloc(sizeof(int64_t) * (size_t)n_out_parts * N_PARTS);
    cr_assert_not_null(last);
    for (int i = 0; i < n_out_parts * N_PARTS; i++) {
        last[i] = -1;
    }
    for (size_t i = 0; i < out.n; i++) {
        const nf_it_record *o = &out.items[i];
        /* keys = ids, each exactly once */
        long n = nf_it_article_num(o->key, o->key_len);
        cr_assert(n >= 0 && n < N_ARTICLES, "output key '%s' is not an input id",
                  o->key ? o->key : "(null)");
        cr_assert_eq(seen[n], 0, "article %s was output twice", o->key);
        seen[n]++;
        const nf_it_record *src = &in.items[in_idx[n]];

        json_error_t jerr;
        json_t *v = json_loadb(o->value, o->value_len, 0, &jerr);
        cr_assert_not_null(v, "output %s is not JSON: %s", o->key, jerr.text);
        cr_assert_str_eq(json_string_value(json_object_get(v, "schema")),
                         "newsflow.enriched.v2");
        cr_assert_str_eq(json_string_value(json_object_get(v, "id")), o->key,
                         "record id differs from the key");
        cr_assert(json_is_string(json_object_get(v, "text")), "output %s has no text", o->key);
        json_decref(v);

        /* lineage headers point at the input message */
        const nf_it_header *t = nf_it_header_get(o, "newsflow.source.topic");
        cr_assert_not_null(t, "output %s has no newsflow.source.topic", o->key);
        cr_assert_str_eq(t->value, nm.in);
        int64_t sp = nf_it_header_i64(o, "newsflow.source.partition");
        int64_t so = nf_it_header_i64(o, "newsflow.source.offset");
        cr_assert_eq(sp, src->partition, "output %s: source partition", o->key);
        cr_assert_eq(so, src->offset, "output %s: source offset", o->key);
        cr_assert_eq(nf_it_header_i64(o, "newsflow.source.timestamp"), src->timestamp,
                     "output %s: source timestamp", o->key);
        const nf_it_header *at = nf_it_header_get(o, "newsflow.processed.at");
        cr_assert(at && at->len >= 20 && at->value[4] == '-' && at->value[10] == 'T',
                  "output %s: newsflow.processed.at missing or not a timestamp", o->key);

        /* Order: within one output partition, the records of one input partition come in
         * input order (a reordering producer or a parallel pipeline would break this). */
        cr_assert_lt(o->partition, n_out_parts);
        int64_t *l = &last[o->partition * N_PARTS + sp];
        cr_assert_gt(so, *l,
                     "output partition %d: input [%" PRId64 "]@%" PRId64 " came after @%" PRId64,
                     o->partition, sp, so, *l);
        *l = so;
    }
    free(last);

    /* committed offsets of the group = end offsets of every input partition */
    int64_t end[N_PARTS], committed[N_PARTS];
    nf_it_end_offsets(nm.in, N_PARTS, end);
    nf_it_committed(nm.group, nm.in, N_PARTS, committed);
    for (int p = 0; p < N_PARTS; p++) {
        cr_assert_eq(committed[p], end[p],
                     "partition %d: committed offset %" PRId64 ", end offset %" PRId64, p,
                     committed[p], end[p]);
    }

    /* A second run of the same group finds nothing to do. */
    nf_it_proc again;
    nf_it_spawn(&again, &tmp, "run-again", &args, NULL, NULL);
    nf_it_expect_exit(&again, 0, 120000);
    cr_assert_eq(nf_it_topic_count(nm.out), N_ARTICLES, "a re-run reprocessed committed input");

    nf_it_argv_free(&args);
    nf_it_records_free(&in);
    nf_it_records_free(&out);
    nf_it_names_cleanup(&nm);
    nf_it_tmp_remove(&tmp);
}
