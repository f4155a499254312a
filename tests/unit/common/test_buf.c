#include "common/buf.h"

#include <criterion/criterion.h>
#include <jansson.h>

#include <math.h>
#include <stdlib.h>
#include <string.h>

Test(buf, append_keeps_nul_termination)
{
    nf_buf b;
    nf_buf_init(&b);
    cr_assert_null(b.data);
    nf_buf_append(&b, "ab", 2);
    nf_buf_putc(&b, 'c');
    nf_buf_puts(&b, "def");
    nf_buf_printf(&b, "-%d-%s", 42, "x");
    cr_assert_eq(b.len, 11);
    cr_assert_str_eq(b.data, "abcdef-42-x");
    nf_buf_reset(&b);
    cr_assert_eq(b.len, 0);
    cr_assert_str_eq(b.data, "");
    nf_buf_fini(&b);
    cr_assert_null(b.data);
}

Test(buf, empty_printf_still_terminates)
{
    nf_buf b;
    nf_buf_init(&b);
    nf_buf_printf(&b, "%s", "");
    cr_assert_not_null(b.data, "buf.h: always NUL-terminated after any append");
    cr_assert_str_eq(b.data, "");
    nf_buf_fini(&b);
}

Test(buf, grows_past_many_doublings)
{
    nf_buf b;
    nf_buf_init(&b);
    for (int i = 0; i < 100000; i++) {
        nf_buf_putc(&b, (char)('a' + i % 26));
    }
    cr_assert_eq(b.len, 100000);
    cr_assert_eq(b.data[99999], 'a' + 99999 % 26);
    cr_assert_eq(b.data[100000], '\0');
    cr_assert_geq(b.cap, 100001);
    nf_buf_fini(&b);
}

static char *json_str(const char *s, size_t n)
{
    nf_buf b;
    nf_buf_init(&b);
    nf_buf_json_str(&b, s, n);
    return b.data; /* caller frees */
}

Test(buf, json_string_escapes)
{
    char *j = json_str("a\"b\\c\nd\re\tf\bg\fh\x01i\x1f\x7fj/", 21);
    cr_assert_str_eq(j, "\"a\\\"b\\\\c\\nd\\re\\tf\\bg\\fh\\u0001i\\u001f\\u007fj/\"");
    free(j);
    j = json_str("", 0);
    cr_assert_str_eq(j, "\"\"");
    free(j);
}

Test(buf, json_string_keeps_utf8_and_embedded_nul)
{
    const char in[] = "Z\xC3\xBCrich \xE2\x82\xAC \xE5\x8C\x97\xE4\xBA\xAC\0end";
    char *j = json_str(in, sizeof in - 1);
    cr_assert_str_eq(j, "\"Z\xC3\xBCrich \xE2\x82\xAC \xE5\x8C\x97\xE4\xBA\xAC\\u0000end\"");
    free(j);
}

static char *json_num(double v)
{
    nf_buf b;
    nf_buf_init(&b);
    nf_buf_json_num(&b, v);
    return b.data;
}

typedef struct num_case {
    double v;
    char text[32];
} num_case;

Test(buf, json_numbers_are_shortest_round_trip)
{
    const num_case cases[] = {
        {0, "0"},
        {24.1, "24.1"},
        {34.1, "34.1"},
        {24100000000.0, "24100000000"},
        {-3, "-3"},
        {0.1, "0.1"},
        {1.5, "1.5"},
        {1e15, "1000000000000000"},
        {9007199254740991.0, "9007199254740991"},
        {1e-7, "1e-07"},
        {123456.789, "123456.789"},
        {2.5e20, "2.5e+20"},
        {1.0 / 3.0, "0.3333333333333333"},
    };
    for (size_t i = 0; i < sizeof cases / sizeof cases[0]; i++) {
        char *j = json_num(cases[i].v);
        cr_assert_str_eq(j, cases[i].text, "value %.17g", cases[i].v);
        /* and it reads back exactly (the JSON grammar is checked by test_encode) */
        cr_assert_eq(strtod(j, NULL), cases[i].v, "%s reads back", j);
        free(j);
    }
}

Test(buf, json_non_finite_is_null)
{
    char *j = json_num(NAN);
    cr_assert_str_eq(j, "null");
    free(j);
    j = json_num(INFINITY);
    cr_assert_str_eq(j, "null");
    free(j);
}

Test(buf, json_string_all_bytes_round_trip_through_a_json_parser)
{
    /* Every byte value, many times over and mixed with long plain runs, appended after other
     * content: what jansson reads back must be the input (escapes grow the buffer mid-way). */
    enum { N = 20000 };
    static char in[N];
    for (size_t i = 0; i < N; i++) {
        in[i] = (i % 7 == 0) ? (char)(i % 128) : 'x';   /* ASCII only: valid UTF-8 */
    }
    nf_buf b;
    nf_buf_init(&b);
    nf_buf_puts(&b, "[1,");
    nf_buf_json_str(&b, in, N);
    nf_buf_puts(&b, "]");
    json_error_t err;
    json_t *j = json_loadb(b.data, b.len, JSON_ALLOW_NUL, &err);
    cr_assert_not_null(j, "%s", err.text);
    json_t *str = json_array_get(j, 1);
    cr_assert_eq(json_string_length(str), N);
    cr_assert(memcmp(json_string_value(str), in, N) == 0);
    cr_assert_eq(b.data[b.len], '\0');
    json_decref(j);
    nf_buf_fini(&b);
}

/* The reference: the shortest %.{15,16,17}g that reads back to the same double. */
static void reference_num(double v, char *out, size_t size)
{
    if (v == floor(v) && fabs(v) < 9007199254740992.0) {
        snprintf(out, size, "%.0f", v);
        return;
    }
    for (int prec = 15; prec <= 17; prec++) {
        snprintf(out, size, "%.*g", prec, v);
        if (strtod(out, NULL) == v) {
            return;
        }
    }
}

Test(buf, json_numbers_match_the_shortest_round_trip_form)
{
    /* Decimals as the stages make them (k digits after the point, scaled), edge magnitudes,
     * and arbitrary doubles: the fast path must print exactly what the printf path prints. */
    srand(7);
    char want[64];
    for (int i = 0; i < 200000; i++) {
        double v;
        switch (i % 4) {
        case 0: v = (double)(rand() % 100000000) / pow(10, rand() % 8); break;
        case 1: v = ((double)rand() / RAND_MAX) * pow(10, (rand() % 30) - 10); break;
        case 2: v = (double)(rand() % 1000) * pow(10, (rand() % 9)) / 1000.0; break;
        default: v = -((double)(rand() % 100000) / pow(10, rand() % 7)); break;
        }
        nf_buf b;
        nf_buf_init(&b);
        nf_buf_json_num(&b, v);
        reference_num(v, want, sizeof want);
        cr_assert_str_eq(b.data, want, "value %.17g", v);
        cr_assert_eq(strtod(b.data, NULL), v);
        nf_buf_fini(&b);
    }
}

Test(buf, init_in_writes_into_the_callers_memory_until_it_is_full)
{
    char mem[16];
    nf_buf b;
    nf_buf_init_in(&b, mem, sizeof mem);
    nf_buf_puts(&b, "0123456789");
    cr_assert_eq(b.data, mem, "fits: written in place");
    cr_assert_str_eq(mem, "0123456789");
    nf_buf_puts(&b, "abcdefghij");   /* 20 bytes + NUL: moves to the heap */
    cr_assert_neq(b.data, mem);
    cr_assert_str_eq(b.data, "0123456789abcdefghij");
    cr_assert_str_eq(mem, "0123456789", "the caller's memory is left as it was");
    nf_buf_fini(&b);   /* frees the heap copy (ASan/valgrind: no leak, no bad free) */
    char mem2[8];
    nf_buf_init_in(&b, mem2, sizeof mem2);
    nf_buf_putc(&b, 'x');
    nf_buf_fini(&b);   /* borrowed memory is not freed */
    cr_assert_str_eq(mem2, "x");
}
