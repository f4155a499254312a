/* Poison messages mixed into a valid stream: each becomes exactly one dead-letter record with
 * the original key, value and headers plus the documented error and source headers; every
 * valid article is still enriched and every offset is committed. */
#include "harness.h"

#include <criterion/criterion.h>
#include <inttypes.h>
#include <jansson.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#define N_VALID 300
#define N_PARTS 3
#define MAX_BYTES 4096

typedef struct poison {
    const char *key;        /* NULL: a message without key */
    char *value;
    size_t len;
    const char *codes;      /* acceptable newsflow.error.code values, '|'-separated */
    bool with_headers;
} poison;

static bool code_ok(const char *codes, const char *code)
{
    size_t n = strlen(code);
    for (const char *p = codes; *p;) {
        const char *bar = strchr(p, '|');
        size_t len = bar ? (size_t)(bar - p) : strlen(p);
        if (len == n && strncmp(p, code, n) == 0) {
            return true;
        }
        p += len + (bar ? 1 : 0);
    }
    return false;
}

static char *dup_mem(const void *p, size_t n)
{
    char *d = malloc(n + 1);
    cr_assert_not_null(d);
    memcpy(d, p, n);
    d[n] = '\0';
    return d;
}

/* The custom headers of the one poison message that carries some (binary and null values
 * included: the dead letter must keep them exactly). */
static const char trace_value[] = "trace-7f3a";
static const unsigned char bin_value[] = {0x00, 0x01, 0xfe, 0xff, 0x7f};

static rd_kafka_headers_t *custom_headers(void)
{
    rd_kafka_headers_t *h = rd_kafka_headers_new(3);
    rd_kafka_header_add(h, "x-trace-id", -1, trace_value, sizeof trace_value - 1);
    rd_kafka_header_add(h, "x-binary", -1, bin_value, sizeof bin_value);
    rd_kafka_header_add(h, "x-null", -1, NULL, 0);
    return h;
}

static void build_poisons(poison *ps, size_t *n)
{
    size_t i = 0;
    static const char bad_json[] = "{\"id\":\"p-json\",\"title\":\"cut off in the mid";
    ps[i++] = (poison){"p-json", dup_mem(bad_json, sizeof bad_json - 1), sizeof bad_json - 1,
                       "bad_json", true};
    static const char bad_utf8[] = "{\"id\":\"p-utf8\",\"body\":\"caf\xe9 au lait \xc3\x28\"}";
    ps[i++] = (poison){"p-utf8", dup_mem(bad_utf8, sizeof bad_utf8 - 1), sizeof bad_utf8 - 1,
                       "bad_utf8", false};
    ps[i++] = (poison){"p-empty", dup_mem("", 0), 0, "empty", false};

    /* A well-formed article that is simply too large. */
    size_t big = MAX_BYTES + 904;
    char *b = malloc(big + 1);
    cr_assert_not_null(b);
    int head = snprintf(b, big + 1, "{\"id\":\"p-big\",\"title\":\"Big\",\"body\":\"");
    for (size_t k = (size_t)head; k < big - 2; k++) {
        b[k] = (char)('a' + k % 26);
    }
    b[big - 2] = '"';
    b[big - 1] = '}';
    b[big] = '\0';
    ps[i++] = (poison){"p-big", b, big, "too_big", false};

    /* Random binary (fixed seed), no key at all. */
    unsigned char rnd[64];
    uint32_t x = 2463534242u;
    for (size_t k = 0; k < sizeof rnd; k++) {
        x ^= x << 13;
        x ^= x >> 17;
        x ^= x << 5;
        rnd[k] = (unsigned char)x;
    }
    rnd[5] = 0x00;  /* whatever else it is, it is not text */
    ps[i++] = (poison){NULL, dup_mem(rnd, sizeof rnd), sizeof rnd, "binary|bad_utf8", false};

    static const char array[] = "[{\"id\":\"p-array\",\"body\":\"inside an array\"}]";
    ps[i++] = (poison){"p-array", dup_mem(array, sizeof array - 1), sizeof array - 1,
                       "not_object", false};
    static const char nobody[] = "{\"id\":\"p-nobody\",\"title\":\"A title and nothing else\"}";
    ps[i++] = (poison){"p-nobody", dup_mem(nobody, sizeof nobody - 1), sizeof nobody - 1,
                       "no_body", false};
    *n = i;
}

static bool same_bytes(const char *a, size_t alen, const char *b, size_t blen)
{
    return alen == blen && (alen == 0 || memcmp(a, b, alen) == 0);
}

static void check_header_str(const nf_it_record *r, const char *name, const char *want)
{
    const nf_it_header *h = nf_it_header_get(r, name);
    cr_assert_not_null(h, "dead letter [%d]@%" PRId64 " has no %s header", r->partition,
                       r->offset, name);
    if (want) {
        cr_assert_str_eq(h->value, want, "dead letter header %s", name);
    } else {
        cr_assert_gt(h->len, 0, "dead letter header %s is empty", name);
    }
}

/* Valid articles with a poison message after every 40 of them. */
static void produce_mixed(const char *topic, poison *ps, size_t n_ps)
{
    rd_kafka_t *prod = nf_it_producer_new();
    size_t next_poison = 0;
    for (long a = 0; a < N_VALID; a++) {
        size_t len;
        char *art = nf_it_article(a, &len);
        char key[32];
        int klen = snprintf(key, sizeof key, "a-%ld", a);
        nf_it_produce(prod, topic, RD_KAFKA_PARTITION_UA, key, (size_t)klen, art, len, NULL);
        free(art);
        if (a % 40 == 20 && next_poison < n_ps) {
            poison *p = &ps[next_poison++];
            nf_it_produce(prod, topic, RD_KAFKA_PARTITION_UA, p->key, p->key ? strlen(p->key) : 0,
                          p->value, p->len, p->with_headers ? custom_headers() : NULL);
        }
    }
    cr_assert_eq(next_poison, n_ps, "not every poison message was sent");
    nf_it_producer_close(prod);
}

/* Every input has exactly one output, on the right topic. */
static void check_one_output_per_input(const nf_it_records *in, const char *topic,
                                       const nf_it_records *out, const nf_it_records *dlq)
{
    int *c_out = nf_it_outputs_per_input(in, topic, out);
    int *c_dlq = nf_it_outputs_per_input(in, topic, dlq);
    for (size_t i = 0; i < in->n; i++) {
        const nf_it_record *r = &in->items[i];
        bool valid = nf_it_article_num(r->key, r->key_len) >= 0;
        cr_assert_eq(c_out[i], valid ? 1 : 0, "input [%d]@%" PRId64 " (key %s): %d enriched",
                     r->partition, r->offset, r->key ? r->key : "(null)", c_out[i]);
        cr_assert_eq(c_dlq[i], valid ? 0 : 1, "input [%d]@%" PRId64 " (key %s): %d dead letters",
                     r->partition, r->offset, r->key ? r->key : "(null)", c_dlq[i]);
    }
    free(c_out);
    free(c_dlq);
}

static const nf_it_record *source_of(const nf_it_record *d, const nf_it_records *in)
{
    int64_t sp = nf_it_header_i64(d, "newsflow.source.partition");
    int64_t so = nf_it_header_i64(d, "newsflow.source.offset");
    for (size_t k = 0; k < in->n; k++) {
        if (in->items[k].partition == sp && in->items[k].offset == so) {
            return &in->items[k];
        }
    }
    return NULL;
}

static void check_custom_headers(const nf_it_record *d, const char *what)
{
    const nf_it_header *h = nf_it_header_get(d, "x-trace-id");
    cr_assert_not_null(h, "%s: original header x-trace-id was dropped", what);
    cr_assert(same_bytes(h->value, h->len, trace_value, sizeof trace_value - 1),
              "%s: x-trace-id changed", what);
    h = nf_it_header_get(d, "x-binary");
    cr_assert_not_null(h, "%s: original header x-binary was dropped", what);
    cr_assert(same_bytes(h->value, h->len, (const char *)bin_value, sizeof bin_value),
              "%s: x-binary changed", what);
    h = nf_it_header_get(d, "x-null");
    cr_assert_not_null(h, "%s: original header x-null was dropped", what);
    cr_assert(h->is_null, "%s: x-null header got a value", what);
}

/* A dead letter: original bytes, original headers, error and source headers. */
static void check_dead_letter(const nf_it_record *d, const nf_it_records *in, const char *topic,
                              const poison *ps, size_t n_ps)
{
    const nf_it_record *src = source_of(d, in);
    cr_assert_not_null(src);
    const poison *p = NULL;
    for (size_t k = 0; k < n_ps; k++) {
        if (same_bytes(ps[k].value, ps[k].len, src->value, src->value_len)) {
            p = &ps[k];
        }
    }
    cr_assert_not_null(p, "dead letter [%d]@%" PRId64 " is not one of the poison messages",
                       d->partition, d->offset);
    const char *what = p->key ? p->key : "(binary, no key)";

    cr_assert(same_bytes(d->value, d->value_len, src->value, src->value_len),
              "%s: dead-letter value differs from the original (%zu vs %zu bytes)", what,
              d->value_len, src->value_len);
    cr_assert_eq(d->value == NULL, src->value == NULL, "%s: null value changed", what);
    cr_assert_eq(d->key == NULL, src->key == NULL, "%s: key presence changed", what);
    cr_assert(same_bytes(d->key, d->key_len, src->key, src->key_len),
              "%s: dead-letter key differs from the original", what);

    check_header_str(d, "newsflow.error.stage", NULL);
    check_header_str(d, "newsflow.error.code", NULL);
    check_header_str(d, "newsflow.error.message", NULL);
    const nf_it_header *code = nf_it_header_get(d, "newsflow.error.code");
    cr_assert(code_ok(p->codes, code->value), "%s: error code %s, expected %s", what,
              code->value, p->codes);
    check_header_str(d, "newsflow.source.topic", topic);
    cr_assert_eq(nf_it_header_i64(d, "newsflow.source.timestamp"), src->timestamp,
                 "%s: newsflow.source.timestamp", what);
    if (p->with_headers) {
        check_custom_headers(d, what);
    }
}

/* Valid articles: enriched JSON with key = id. */
static void check_enriched(const nf_it_records *out)
{
    for (size_t i = 0; i < out->n; i++) {
        const nf_it_record *o = &out->items[i];
        json_t *v = json_loadb(o->value, o->value_len, 0, NULL);
        cr_assert_not_null(v, "enriched record %s is not JSON", o->key);
        cr_assert_str_eq(json_string_value(json_object_get(v, "schema")),
                         "newsflow.enriched.v2");
        cr_assert_str_eq(json_string_value(json_object_get(v, "id")), o->key);
        json_decref(v);
    }
}

/* Dead-lettered offsets are done too: everything is committed. */
static void check_all_committed(const nf_it_names *nm)
{
    int64_t end[N_PARTS], committed[N_PARTS];
    nf_it_end_offsets(nm->in, N_PARTS, end);
    nf_it_committed(nm->group, nm->in, N_PARTS, committed);
    for (int p = 0; p < N_PARTS; p++) {
        cr_assert_eq(committed[p], end[p], "partition %d: committed %" PRId64 ", end %" PRId64,
                     p, committed[p], end[p]);
    }
}

Test(poison, each_bad_message_becomes_one_dead_letter, .timeout = 280)
{
    nf_it_require_broker();
    nf_it_tmp tmp;
    nf_it_tmp_init(&tmp);
    nf_it_names nm;
    nf_it_names_init(&nm, "poison");
    nf_it_create_topic(nm.in, N_PARTS);

    poison ps[16];
    size_t n_ps = 0;
    build_poisons(ps, &n_ps);
    produce_mixed(nm.in, ps, n_ps);

    nf_it_records in = {0};
    nf_it_read_topic(nm.in, &in);
    cr_assert_eq(in.n, N_VALID + n_ps);

    nf_it_argv args = {0};
    nf_it_run_argv(&args, &nm, true);
    nf_it_argv_add(&args, "-X");
    nf_it_argv_add(&args, "pipeline.max_article_bytes=%d", MAX_BYTES);
    nf_it_proc proc;
    nf_it_spawn(&proc, &tmp, "run", &args, NULL, NULL);
    nf_it_expect_exit(&proc, 0, 180000);

    nf_it_records out = {0}, dlq = {0};
    nf_it_read_topic(nm.out, &out);
    nf_it_read_topic(nm.dlq, &dlq);
    if (out.n != N_VALID || dlq.n != n_ps) {
        nf_it_print_tail(proc.name, proc.err_path, 40);
    }
    cr_assert_eq(dlq.n, n_ps, "%zu dead letters for %zu poison messages", dlq.n, n_ps);
    cr_assert_eq(out.n, N_VALID, "%zu enriched records for %d valid articles", out.n, N_VALID);

    check_one_output_per_input(&in, nm.in, &out, &dlq);
    for (size_t i = 0; i < dlq.n; i++) {
        check_dead_letter(&dlq.items[i], &in, nm.in, ps, n_ps);
    }
    check_enriched(&out);
    check_all_committed(&nm);

    for (size_t k = 0; k < n_ps; k++) {
        free(ps[k].value);
    }
    nf_it_argv_free(&args);
    nf_it_records_free(&in);
    nf_it_records_free(&out);
    nf_it_records_free(&dlq);
    nf_it_names_cleanup(&nm);
    nf_it_tmp_remove(&tmp);
}
