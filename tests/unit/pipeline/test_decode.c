/* decode stage: input forms, every error code, id and date rules, and the fast JSON scanner
 * against jansson. The stage source is included (its definition renamed) so the tests can reach
 * the scanner and the jansson path separately. */
#define nf_stage_decode decode_under_test
#include "pipeline/stages/decode.c"
#undef nf_stage_decode

#include "common/digest.h"
#include "config/config.h"

#include <criterion/criterion.h>

#include <stdlib.h>
#include <string.h>

static decode_ctx ctx;
static nf_doc doc;

static void setup(void)
{
    memset(&ctx, 0, sizeof ctx);
    cr_assert_eq(nf_opt_apply(options, "stage.decode.", NULL, &ctx, NULL, 0), 0);
    cr_assert_eq(ctx.plain_title, false, "default");
    nf_doc_init(&doc);
}

static void teardown(void)
{
    nf_doc_fini(&doc);
    nf_opt_release(options, &ctx);
}

TestSuite(decode, .init = setup, .fini = teardown, .timeout = 30);

static nf_stage_rc run_n(const char *value, size_t len, const char *key)
{
    nf_doc_reset(&doc);
    nf_doc_set_input(&doc, value, len, key, key ? strlen(key) : 0);
    nf_stage_rc rc = decode_under_test.process(&ctx, &doc);
    if (rc == NF_STAGE_OK) {
        /* every kept string is NUL-terminated UTF-8 of the recorded length */
        for (int f = 0; f < NF_FIELD_COUNT; f++) {
            if (doc.field[f]) {
                cr_assert_eq(strlen(doc.field[f]), doc.field_len[f]);
                cr_assert(nf_utf8_valid(doc.field[f], doc.field_len[f], NULL));
            }
        }
        cr_assert_not_null(doc.id);
        cr_assert_eq(doc.err.code, 0);
    } else {
        cr_assert_neq(doc.err.code, 0, "a failure has a code");
        cr_assert_neq(doc.err.message[0], '\0', "and a message");
    }
    return rc;
}

static nf_stage_rc run(const char *value, const char *key)
{
    return run_n(value, strlen(value), key);
}

static void expect_fail_n(const char *value, size_t len, int code, const char *msg_part)
{
    cr_assert_eq(run_n(value, len, NULL), NF_STAGE_FAIL, "input: %.60s", value);
    cr_assert_eq(doc.err.code, code, "input %.60s: code %s, expected %s (%s)", value,
                 nf_err_name(doc.err.code), nf_err_name(code), doc.err.message);
    if (msg_part) {
        cr_assert(strstr(doc.err.message, msg_part), "message \"%s\" lacks \"%s\"",
                  doc.err.message, msg_part);
    }
}

static void expect_fail(const char *value, int code, const char *msg_part)
{
    expect_fail_n(value, strlen(value), code, msg_part);
}

/* ---- Errors ---------------------------------------------------------------------------- */

Test(decode, empty_and_blank_values)
{
    expect_fail_n("", 0, NF_EEMPTY, "empty");
    expect_fail(" \n\t\r\n ", NF_EEMPTY, "whitespace");
    expect_fail_n("\xEF\xBB\xBF  ", 5, NF_EEMPTY, NULL);
}

Test(decode, invalid_utf8_gives_the_offset)
{
    expect_fail("Caf\xC3 au lait", NF_EBADUTF8, "offset 3");
    expect_fail("{\"body\":\"ok \xFF\"}", NF_EBADUTF8, "offset 12");
    expect_fail("plain \xED\xA0\x80 surrogate", NF_EBADUTF8, "offset 6");
}

Test(decode, broken_json_reports_line_and_column)
{
    expect_fail("{\"body\": \"x\",\n \"title\": }", NF_EBADJSON, "line 2");
    cr_assert(strstr(doc.err.message, "column"), "%s", doc.err.message);
    expect_fail("{\"body\":\"x\"} trailing", NF_EBADJSON, NULL);
    expect_fail("[1, 2", NF_EBADJSON, NULL);
    /* \u0000 is a control character: binary, as the control-character test says */
    expect_fail("{\"body\":\"a\\u0000b\"}", NF_EBINARY, "U+0000");
    expect_fail("{\"body\":\"raw\ttab\"}", NF_EBADJSON, NULL);
    expect_fail("{\"body\":\"x\",\"id\":123456789012345678901234}", NF_EBADJSON, NULL);
}

Test(decode, json_that_is_not_an_object)
{
    expect_fail("[{\"body\":\"x\"}]", NF_ENOTOBJECT, "an array");
    expect_fail("  [ ]", NF_ENOTOBJECT, NULL);
}

Test(decode, object_without_body)
{
    expect_fail("{\"title\":\"Only a title\"}", NF_ENOBODY, "\"body\"");
    expect_fail("{}", NF_ENOBODY, NULL);
    expect_fail("{\"body\":null,\"text\":null}", NF_ENOBODY, NULL);
    expect_fail("{\"body\":\"\"}", NF_ENOBODY, "empty");
    expect_fail("{\"text\":\" \\n\\t \"}", NF_ENOBODY, "blank");
}

Test(decode, body_that_is_not_a_string)
{
    expect_fail("{\"body\":42}", NF_EINVAL, "\"body\" is an integer");
    expect_fail("{\"text\":[\"a\"]}", NF_EINVAL, "\"text\" is an array");
    expect_fail("{\"content\":{\"html\":\"x\"}}", NF_EINVAL, "an object");
    /* the first body key present decides, even when a later one would do */
    expect_fail("{\"body\":true,\"text\":\"fine\"}", NF_EINVAL, "a boolean");
}

Test(decode, binary_plain_text)
{
    expect_fail_n("abc\0def", 7, NF_EBINARY, "0x00 at offset 3");
    expect_fail("GIF89a\x01\x02", NF_EBINARY, "control byte 0x01 at offset 6");
    expect_fail("\x1b[31mred", NF_EBINARY, "0x1b at offset 0");
}

/* ---- JSON articles ----------------------------------------------------------------------- */

/* One rule for control characters: as JSON escapes in the body or title they make the article
 * binary, like the same raw bytes in plain text; tab, line feed, CR and form feed are text. */
Test(decode, control_characters_as_json_escapes_are_binary_like_raw_bytes)
{
    expect_fail("{\"body\":\"Alpha \\u0001 beta\"}", NF_EBINARY, "U+0001");
    expect_fail("{\"title\":\"T\\u0007\",\"body\":\"fine\"}", NF_EBINARY, "title");
    expect_fail("{\"text\":\"nul \\u0000 byte\"}", NF_EBINARY, "");
    expect_fail("Alpha \x01 beta", NF_EBINARY, "0x01");
    /* \b is a control character too; found after other escapes, at its decoded offset */
    expect_fail("{\"body\":\"back\\nspace \\b\"}", NF_EBINARY, "U+0008 (a JSON escape) at byte 11");
    expect_fail("{\"body\":\"\\u00e9 \\u001f\"}", NF_EBINARY, "U+001F (a JSON escape) at byte 3");
    cr_assert_eq(run("{\"body\":\"tab\\tline\\nfeed\\f cr\\r end \\u000a \\u0009\"}", NULL),
                 NF_STAGE_OK, "%s", doc.err.message);
}

Test(decode, json_fields_are_copied)
{
    const char *v = "{\"id\":\"kz-1\",\"title\":\"Kazakhstan & China\",\"body\":\"Baku, "
                    "Azerbaijan.\\nText \\u00e9\\ud83d\\ude00\",\"url\":\"https://e.x/a\","
                    "\"source\":\"TurkicWorld\",\"language\":\"en\",\"published_at\":"
                    "\"2023-11-28T09:30:00Z\",\"tags\":[1,{\"a\":null}],\"score\":-0.5}";
    cr_assert_eq(run(v, "msgkey"), NF_STAGE_OK, "%s", doc.err.message);
    cr_assert_str_eq(doc.id, "kz-1", "the article's id beats the key");
    cr_assert_str_eq(doc.field[NF_FIELD_TITLE], "Kazakhstan & China");
    cr_assert_str_eq(doc.field[NF_FIELD_TEXT], "Baku, Azerbaijan.\nText \xC3\xA9\xF0\x9F\x98\x80");
    cr_assert_str_eq(doc.url, "https://e.x/a");
    cr_assert_str_eq(doc.source, "TurkicWorld");
    cr_assert_str_eq(doc.language, "en");
    cr_assert_str_eq(doc.published_at, "2023-11-28T09:30:00Z");
    cr_assert_eq(doc.pub_year, 2023);
    cr_assert_eq(doc.pub_month, 11);
    cr_assert_eq(doc.pub_day, 28);
    /* copies, not pointers into the message */
    cr_assert(doc.field[NF_FIELD_TEXT] < doc.raw || doc.field[NF_FIELD_TEXT] > doc.raw + strlen(v));
}

Test(decode, body_key_preference)
{
    cr_assert_eq(run("{\"content\":\"C\",\"text\":\"T\",\"body\":\"B\"}", NULL), NF_STAGE_OK);
    cr_assert_str_eq(doc.field[NF_FIELD_TEXT], "B");
    cr_assert_eq(run("{\"content\":\"C\",\"text\":\"T\"}", NULL), NF_STAGE_OK);
    cr_assert_str_eq(doc.field[NF_FIELD_TEXT], "T");
    cr_assert_eq(run("{\"content\":\"C\"}", NULL), NF_STAGE_OK);
    cr_assert_str_eq(doc.field[NF_FIELD_TEXT], "C");
    cr_assert_eq(run("{\"body\":null,\"content\":\"C\"}", NULL), NF_STAGE_OK, "null = absent");
    cr_assert_str_eq(doc.field[NF_FIELD_TEXT], "C");
}

Test(decode, optional_members_of_the_wrong_type_are_ignored)
{
    const char *v = "{\"body\":\"B\",\"title\":7,\"url\":false,\"source\":[\"x\"],\"language\":{},"
                    "\"published_at\":20231128}";
    cr_assert_eq(run(v, NULL), NF_STAGE_OK, "%s", doc.err.message);
    cr_assert_null(doc.field[NF_FIELD_TITLE]);
    cr_assert_null(doc.url);
    cr_assert_null(doc.source);
    cr_assert_null(doc.language);
    cr_assert_null(doc.published_at);
    cr_assert_eq(doc.pub_year, 0);
}

Test(decode, duplicate_members_last_one_wins)
{
    cr_assert_eq(run("{\"body\":\"first\",\"body\":\"second\"}", NULL), NF_STAGE_OK);
    cr_assert_str_eq(doc.field[NF_FIELD_TEXT], "second");
}

Test(decode, escaped_member_names_are_recognised)
{
    cr_assert_eq(run("{\"b\\u006fdy\":\"escaped key\",\"ti\\u0074le\":\"T\"}", NULL),
                 NF_STAGE_OK);
    cr_assert_str_eq(doc.field[NF_FIELD_TEXT], "escaped key");
    cr_assert_str_eq(doc.field[NF_FIELD_TITLE], "T");
}

Test(decode, bom_and_leading_blanks_before_json)
{
    cr_assert_eq(run("\xEF\xBB\xBF \n {\"body\":\"x\"}\n", NULL), NF_STAGE_OK, "%s",
                 doc.err.message);
    cr_assert_str_eq(doc.field[NF_FIELD_TEXT], "x");
}

/* ---- id ------------------------------------------------------------------------------------ */

Test(decode, id_rules)
{
    cr_assert_eq(run("{\"id\":\"a-1\",\"body\":\"x\"}", "key"), NF_STAGE_OK);
    cr_assert_str_eq(doc.id, "a-1");
    cr_assert_eq(run("{\"id\":12345,\"body\":\"x\"}", "key"), NF_STAGE_OK);
    cr_assert_str_eq(doc.id, "12345", "integer id as decimal text");
    cr_assert_eq(run("{\"id\":-7,\"body\":\"x\"}", NULL), NF_STAGE_OK);
    cr_assert_str_eq(doc.id, "-7");
    cr_assert_eq(run("{\"id\":\"\",\"body\":\"x\"}", "the-key"), NF_STAGE_OK);
    cr_assert_str_eq(doc.id, "the-key", "empty id: the key");
    cr_assert_eq(run("{\"id\":1.5,\"body\":\"x\"}", "the-key"), NF_STAGE_OK);
    cr_assert_str_eq(doc.id, "the-key", "non-integer id: the key");
    cr_assert_eq(run("plain text", "plain-key"), NF_STAGE_OK);
    cr_assert_str_eq(doc.id, "plain-key");
}

Test(decode, id_from_hash_when_there_is_no_usable_key)
{
    /* SHA-256("abc") = ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad */
    cr_assert_eq(run("abc", NULL), NF_STAGE_OK);
    cr_assert_str_eq(doc.id, "sha256-ba7816bf8f01cfea414140de5dae2223");
    cr_assert_eq(run("abc", ""), NF_STAGE_OK);
    cr_assert_str_eq(doc.id, "sha256-ba7816bf8f01cfea414140de5dae2223", "empty key");
    cr_assert_eq(run("abc", "bad\xFFkey"), NF_STAGE_OK);
    cr_assert_str_eq(doc.id, "sha256-ba7816bf8f01cfea414140de5dae2223", "non-UTF-8 key");
    /* the hash is of the whole raw value */
    const char *v = "{\"body\":\"x\"}";
    char hex[33];
    nf_sha256_hex(v, strlen(v), hex, 32);
    cr_assert_eq(run(v, NULL), NF_STAGE_OK);
    cr_assert_eq(strncmp(doc.id, "sha256-", 7), 0);
    cr_assert_str_eq(doc.id + 7, hex);
    /* and stable */
    char first[64];
    strcpy(first, doc.id);
    cr_assert_eq(run(v, NULL), NF_STAGE_OK);
    cr_assert_str_eq(doc.id, first);
}

/* ---- published_at --------------------------------------------------------------------------- */

typedef struct date_case {
    char text[40];
    int y, m, d;
} date_case;

Test(decode, published_at_forms)
{
    const date_case cases[] = {
        {"2023-11-28", 2023, 11, 28},
        {"2023-11-28T09:30:00Z", 2023, 11, 28},
        {"2023-11-28t09:30:00+05:00", 2023, 11, 28},
        {"2023-11-28 09:30:00.123-02:00", 2023, 11, 28},
        {"2024-02-29", 2024, 2, 29},
        {"2000-02-29T00:00:00Z", 2000, 2, 29},
        {"2023-02-29", 0, 0, 0},
        {"1900-02-29", 0, 0, 0},
        {"2023-13-01", 0, 0, 0},
        {"2023-04-31", 0, 0, 0},
        {"2023-11-00", 0, 0, 0},
        {"0000-01-01", 0, 0, 0},
        {"28 Nov 2023", 0, 0, 0},
        {"2023/11/28", 0, 0, 0},
        {"2023-11-28X", 0, 0, 0},
        {"2023-1-28", 0, 0, 0},
        {"", 0, 0, 0},
    };
    for (size_t i = 0; i < sizeof cases / sizeof cases[0]; i++) {
        char v[128];
        snprintf(v, sizeof v, "{\"body\":\"x\",\"published_at\":\"%s\"}", cases[i].text);
        cr_assert_eq(run(v, NULL), NF_STAGE_OK);
        cr_assert_str_eq(doc.published_at, cases[i].text, "kept as given");
        cr_assert_eq(doc.pub_year, cases[i].y, "%s", cases[i].text);
        cr_assert_eq(doc.pub_month, cases[i].m, "%s", cases[i].text);
        cr_assert_eq(doc.pub_day, cases[i].d, "%s", cases[i].text);
    }
}

/* ---- Plain text ------------------------------------------------------------------------------ */

Test(decode, plain_text_is_the_whole_value)
{
    const char *v = "Headline here\n\nBaku, Azerbaijan, November 28. Body.\r\n\tIndented\f";
    cr_assert_eq(run(v, NULL), NF_STAGE_OK, "%s", doc.err.message);
    cr_assert_null(doc.field[NF_FIELD_TITLE]);
    cr_assert_str_eq(doc.field[NF_FIELD_TEXT], v);
    cr_assert_null(doc.published_at);
    cr_assert_eq(doc.pub_year, 0);
}

Test(decode, plain_text_with_title_line)
{
    ctx.plain_title = true;
    cr_assert_eq(run("\n  \n  Headline here  \r\nBody line 1\nBody line 2", NULL), NF_STAGE_OK);
    cr_assert_str_eq(doc.field[NF_FIELD_TITLE], "Headline here");
    cr_assert_str_eq(doc.field[NF_FIELD_TEXT], "Body line 1\nBody line 2");
    expect_fail("Only a headline\n\n  \n", NF_ENOBODY, "plain_title");
    /* JSON keeps its own title whatever the option says */
    cr_assert_eq(run("{\"body\":\"line1\\nline2\"}", NULL), NF_STAGE_OK);
    cr_assert_null(doc.field[NF_FIELD_TITLE]);
}

Test(decode, plain_title_option_is_read_from_config)
{
    nf_config *cfg = nf_config_new();
    nf_config_set(cfg, "stage.decode.plain_title", "yes", NF_CFG_CLI, NULL);
    decode_ctx c2;
    memset(&c2, 0, sizeof c2);
    cr_assert_eq(nf_opt_apply(options, "stage.decode.", cfg, &c2, NULL, 0), 0);
    cr_assert(c2.plain_title);
    nf_config_set(cfg, "stage.decode.plain_title", "perhaps", NF_CFG_CLI, NULL);
    char err[NF_ERRSTR_SIZE] = "";
    cr_assert_neq(nf_opt_apply(options, "stage.decode.", cfg, &c2, err, sizeof err), 0);
    cr_assert(strstr(err, "stage.decode.plain_title"), "%s", err);
    nf_config_destroy(cfg);
}

Test(decode, plain_text_that_looks_like_json_later_is_text)
{
    cr_assert_eq(run("Text mentioning {braces} and [brackets]", NULL), NF_STAGE_OK);
    cr_assert_str_eq(doc.field[NF_FIELD_TEXT], "Text mentioning {braces} and [brackets]");
}

/* ---- Fast scanner vs jansson ----------------------------------------------------------------- */

static const char *const differential[] = {
    "{}",
    "{\"body\":\"x\"}",
    " \t\r\n{ \"body\" : \"x\" , \"id\" : 5 } \n",
    "{\"body\":\"esc \\\" \\\\ \\/ \\b \\f \\n \\r \\t \\u0041 \\u00e9 \\u20ac \\ud83d\\ude00\"}",
    "{\"body\":\"x\",\"id\":0}",
    "{\"body\":\"x\",\"id\":-0}",
    "{\"body\":\"x\",\"id\":999999999999999999}",
    "{\"body\":\"x\",\"id\":9223372036854775807}",
    "{\"body\":\"x\",\"id\":9223372036854775808}",
    "{\"body\":\"x\",\"id\":1.25}",
    "{\"body\":\"x\",\"id\":1e3}",
    "{\"body\":\"x\",\"id\":1E+3}",
    "{\"body\":\"x\",\"id\":1e999}",
    "{\"body\":\"x\",\"id\":01}",
    "{\"body\":\"x\",\"id\":1.}",
    "{\"body\":\"x\",\"id\":.5}",
    "{\"body\":\"x\",\"id\":-}",
    "{\"body\":\"x\",\"id\":+1}",
    "{\"body\":\"x\",\"n\":[true,false,null,[],{},[[{\"a\":[1,2.5,\"s\"]}]]]}",
    "{\"body\":\"x\",\"n\":tru}",
    "{\"body\":\"x\",\"n\":nul}",
    "{\"body\":\"x\",\"n\":True}",
    "{\"body\":\"x\",}",
    "{\"body\":\"x\" \"id\":1}",
    "{\"body\" \"x\"}",
    "{body:\"x\"}",
    "{'body':'x'}",
    "{\"body\":\"x\"}}",
    "{\"body\":\"x\"",
    "{\"body\":\"x",
    "{\"body\":\"bad \\x escape\"}",
    "{\"body\":\"bad \\u12 escape\"}",
    "{\"body\":\"bad \\u12G4 escape\"}",
    "{\"body\":\"lone \\ud800 high\"}",
    "{\"body\":\"lone \\udc00 low\"}",
    "{\"body\":\"pair \\ud800\\u0041 wrong\"}",
    "{\"body\":\"nul \\u0000\"}",
    "{\"body\":\"x\",\"\":\"empty key\"}",
    "{\"b\\u006fdy\":\"escaped key\"}",
    "{\"body\\u0000\":\"nul key\"}",
    "{\"body\":\"x\",\"a\":[1,]}",
    "{\"body\":\"x\",\"a\":[,1]}",
    "{\"body\":\"x\",\"a\":{\"k\":}}",
    "{\"body\":\"x\"}\f",
    "\f{\"body\":\"x\"}",
    "{\"body\":\"x\"}\v",
    "{\"body\":\"x\",\"title\":\"T\",\"title\":null}",
    "{\"id\":\"i\",\"body\":\"x\",\"id\":7}",
    "[\"body\",\"x\"]",
    "{\"body\":[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[1]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]}",
};

/* Fast path accepted => jansson accepts too and sees the same members. */
static void check_agreement(const char *s, size_t n)
{
    jval fast[K_COUNT], slow[K_COUNT];
    bool fast_ok = fast_parse(s, n, fast);
    nf_doc_reset(&doc);
    json_t *root = jansson_parse(&doc, s, n, slow);
    if (!fast_ok) {
        json_decref(root);
        return;
    }
    cr_assert_not_null(root, "fast scanner accepted what jansson rejects: %s (%s)", s,
                       doc.err.message);
    for (int k = 0; k < K_COUNT; k++) {
        cr_assert_eq(fast[k].type, slow[k].type, "%s: member %s", s, member_names[k]);
        if (fast[k].type == J_STRING) {
            size_t fl = 0, sl = 0;
            long fc, sc;   /* the escape-tracked control offset = jansson's string scanned */
            char *fs = copy_jstr(&doc, &fast[k], &fl, &fc);
            char *ss = copy_jstr(&doc, &slow[k], &sl, &sc);
            cr_assert_eq(fl, sl, "%s: %s length", s, member_names[k]);
            cr_assert_eq(fc, sc, "%s: %s first control character", s, member_names[k]);
            cr_assert_eq(memcmp(fs, ss, fl), 0, "%s: %s content", s, member_names[k]);
        }
        if (fast[k].type == J_INTEGER) {
            cr_assert_eq(fast[k].integer, slow[k].integer, "%s: %s", s, member_names[k]);
        }
    }
    json_decref(root);
}

Test(decode, fast_scanner_agrees_with_jansson)
{
    size_t accepted = 0;
    for (size_t i = 0; i < sizeof differential / sizeof differential[0]; i++) {
        const char *s = differential[i];
        jval tmp[K_COUNT];
        accepted += fast_parse(s, strlen(s), tmp);
        check_agreement(s, strlen(s));
    }
    /* the scanner must really take the common cases, or it is not worth having */
    cr_assert_geq(accepted, 12, "fast path accepted only %zu inputs", accepted);
    jval tmp[K_COUNT];
    cr_assert(fast_parse(differential[3], strlen(differential[3]), tmp), "escapes: fast path");
}

Test(decode, fast_scanner_agrees_on_every_truncation)
{
    const char *s =
        "{\"id\":\"x\\u00e9\",\"body\":\"a\\nb\",\"n\":[1,-2.5,true,null,{\"k\":\"v\"}]}";
    size_t n = strlen(s);
    for (size_t cut = 0; cut <= n; cut++) {
        check_agreement(s, cut);
    }
}

Test(decode, both_paths_build_the_same_article)
{
    /* the jansson path (a document the scanner declines: an exponent) and the fast path */
    const char *slow = "{\"id\":\"i\",\"title\":\"T \\u00e9\",\"body\":\"B\\n\",\"x\":1e5}";
    const char *fast = "{\"id\":\"i\",\"title\":\"T \\u00e9\",\"body\":\"B\\n\",\"x\":15}";
    jval tmp[K_COUNT];
    cr_assert_not(fast_parse(slow, strlen(slow), tmp));
    cr_assert(fast_parse(fast, strlen(fast), tmp));
    cr_assert_eq(run(slow, NULL), NF_STAGE_OK);
    char title[32], text[32];
    strcpy(title, doc.field[NF_FIELD_TITLE]);
    strcpy(text, doc.field[NF_FIELD_TEXT]);
    cr_assert_eq(run(fast, NULL), NF_STAGE_OK);
    cr_assert_str_eq(doc.field[NF_FIELD_TITLE], title);
    cr_assert_str_eq(doc.field[NF_FIELD_TEXT], text);
    cr_assert_str_eq(title, "T \xC3\xA9");
}
