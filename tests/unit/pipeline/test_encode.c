/* encode stage: key order, null members, annotation members, code-point offsets over multi-byte
 * text, escaping, determinism and guards against bad spans. */
#include "common/utf8.h"
#include "pipeline/stage.h"

#include <criterion/criterion.h>

#include <jansson.h>

#include <stdlib.h>
#include <string.h>

extern const nf_stage_def nf_stage_encode;

static nf_doc doc;

static void setup(void)
{
    nf_doc_init(&doc);
}

static void teardown(void)
{
    nf_doc_fini(&doc);
}

TestSuite(encode, .init = setup, .fini = teardown, .timeout = 30);

static void set_field(nf_doc *d, nf_field f, const char *s)
{
    d->field[f] = s ? nf_arena_strndup(&d->arena, s, strlen(s)) : NULL;
    d->field_len[f] = s ? (uint32_t)strlen(s) : 0;
}

/* Byte offset of the first occurrence of \p needle in field f. */
static uint32_t at(const nf_doc *d, nf_field f, const char *needle)
{
    const char *p = strstr(d->field[f], needle);
    cr_assert_not_null(p, "\"%s\" not in the field", needle);
    return (uint32_t)(p - d->field[f]);
}

static nf_ann *add(nf_doc *d, nf_field f, nf_ann_kind kind, const char *label, const char *needle)
{
    uint32_t s = at(d, f, needle);
    nf_ann a = {.field = f, .kind = kind, .label = label, .start = s,
                .end = s + (uint32_t)strlen(needle)};
    return nf_doc_add_ann(d, &a);
}

/* The stage's context with stage.encode.schema = \p schema, .byte_offsets = \p byte_offsets
 * and .span_text = \p span_text (calloc'd). */
static void *encode_ctx(const char *schema, bool byte_offsets, bool span_text)
{
    nf_config *cfg = nf_config_new();
    nf_config_set(cfg, "stage.encode.schema", schema, NF_CFG_CLI, NULL);
    nf_config_set(cfg, "stage.encode.byte_offsets", byte_offsets ? "true" : "false", NF_CFG_CLI,
                  NULL);
    nf_config_set(cfg, "stage.encode.span_text", span_text ? "true" : "false", NF_CFG_CLI, NULL);
    void *ctx = calloc(1, nf_stage_encode.ctx_size);
    char err[NF_ERRSTR_SIZE];
    cr_assert_eq(nf_opt_apply(nf_stage_encode.options, "stage.encode.", cfg, ctx, err, sizeof err),
                 0, "%s", err);
    nf_config_destroy(cfg);
    return ctx;
}

/* Encode with the given options. */
static const char *encode_with(nf_doc *d, const char *schema, bool byte_offsets, bool span_text)
{
    void *ctx = encode_ctx(schema, byte_offsets, span_text);
    nf_stage_rc rc = nf_stage_encode.process(ctx, d);
    nf_opt_release(nf_stage_encode.options, ctx);
    free(ctx);
    cr_assert_eq(rc, NF_STAGE_OK, "%s", d->err.message);
    cr_assert_not_null(d->out);
    cr_assert_eq(strlen(d->out), d->out_len, "NUL-terminated at out_len");
    return d->out;
}

/* Schema v1 (stage.encode.schema = v1): the tests written for v1 keep checking its bytes. */
static const char *encode_opts(nf_doc *d, bool byte_offsets)
{
    return encode_with(d, "v1", byte_offsets, false);
}

/* v1 with byte offsets on (most v1 tests check them). */
static const char *encode(nf_doc *d)
{
    return encode_opts(d, true);
}

/* Schema v2, the default. */
static const char *encode_v2(nf_doc *d, bool byte_offsets, bool span_text)
{
    return encode_with(d, "v2", byte_offsets, span_text);
}

static const char *encode_null_ctx(nf_doc *d)
{
    nf_stage_rc rc = nf_stage_encode.process(NULL, d);
    cr_assert_eq(rc, NF_STAGE_OK, "%s", d->err.message);
    cr_assert_not_null(d->out);
    cr_assert_eq(strlen(d->out), d->out_len, "NUL-terminated at out_len");
    return d->out;
}

static json_t *parse(const char *s)
{
    json_error_t err;
    json_t *v = json_loads(s, JSON_REJECT_DUPLICATES, &err);
    cr_assert_not_null(v, "invalid JSON (%s at %d): %s", err.text, err.position, s);
    return v;
}

Test(encode, minimal_record_exact_bytes)
{
    doc.id = "a1";
    set_field(&doc, NF_FIELD_TEXT, "Hello \"world\"\n\tend");
    const char *want =
        "{\"schema\":\"newsflow.enriched.v1\",\"id\":\"a1\",\"title\":null,"
        "\"text\":\"Hello \\\"world\\\"\\n\\tend\",\"published_at\":null,\"url\":null,"
        "\"source\":null,\"language\":null,\"dateline\":null,\"entities\":[],\"numbers\":[],"
        "\"pipeline\":{\"version\":\"" NF_VERSION "\",\"config_digest\":null,"
        "\"data_digest\":null}}";
    cr_assert_str_eq(encode(&doc), want);
}

Test(encode, members_in_schema_order_with_pipeline_info)
{
    nf_pipeline_info info = {"9.9.9", "sha256:c0ffee", "sha256:da7a"};
    doc.pipeline = &info;
    doc.id = "kz-1";
    set_field(&doc, NF_FIELD_TITLE, "T");
    set_field(&doc, NF_FIELD_TEXT, "Body");
    doc.published_at = "2023-11-28";
    doc.url = "https://e.x/a?b=1&c=\"2\"";
    doc.source = "TurkicWorld";
    doc.language = "en";
    const char *want =
        "{\"schema\":\"newsflow.enriched.v1\",\"id\":\"kz-1\",\"title\":\"T\",\"text\":\"Body\","
        "\"published_at\":\"2023-11-28\",\"url\":\"https://e.x/a?b=1&c=\\\"2\\\"\","
        "\"source\":\"TurkicWorld\",\"language\":\"en\",\"dateline\":null,\"entities\":[],"
        "\"numbers\":[],\"pipeline\":{\"version\":\"9.9.9\",\"config_digest\":\"sha256:c0ffee\","
        "\"data_digest\":\"sha256:da7a\"}}";
    cr_assert_str_eq(encode(&doc), want);
}

Test(encode, annotation_members_in_order)
{
    doc.id = "x";
    set_field(&doc, NF_FIELD_TEXT, "Kazakhstan exported $13.2 billion, up 34.7 percent.");
    nf_ann *a = add(&doc, NF_FIELD_TEXT, NF_ANN_NUMBER, "MONEY", "$13.2 billion");
    a->flags = NF_ANN_HAS_VALUE;
    a->value = 13.2e9;
    a->currency = "USD";
    a->extra_json = "\"mod\":\"approx\"";
    a = add(&doc, NF_FIELD_TEXT, NF_ANN_NUMBER, "PERCENT", "34.7 percent");
    a->flags = NF_ANN_HAS_VALUE | NF_ANN_HAS_VALUE_MAX;
    a->value = 34.7;
    a->value_max = 40;
    a->unit = "pp";
    a = add(&doc, NF_FIELD_TEXT, NF_ANN_ENTITY, "GPE", "Kazakhstan");
    a->country = "KZ";
    a->canonical = "Republic of Kazakhstan";
    const char *out = encode(&doc);
    const char *ents = "\"entities\":[{\"label\":\"GPE\",\"text\":\"Kazakhstan\",\"start\":0,"
                       "\"end\":10,\"country\":\"KZ\",\"canonical\":\"Republic of Kazakhstan\","
                       "\"start_byte\":0,\"end_byte\":10}]";
    const char *nums = "\"numbers\":[{\"label\":\"MONEY\",\"text\":\"$13.2 billion\",\"start\":20,"
                       "\"end\":33,\"value\":13200000000,\"currency\":\"USD\",\"mod\":\"approx\","
                       "\"start_byte\":20,\"end_byte\":33},{\"label\":\"PERCENT\",\"text\":"
                       "\"34.7 percent\",\"start\":38,\"end\":50,\"value\":34.7,\"value_max\":40,"
                       "\"unit\":\"pp\",\"start_byte\":38,\"end_byte\":50}]";
    cr_assert(strstr(out, ents), "entities: %s", out);
    cr_assert(strstr(out, nums), "numbers: %s", out);
    json_decref(parse(out));
}

/* Byte offsets are opt-in (stage.encode.byte_offsets): by default, and for a stage run without
 * a context, an annotation has code-point offsets only. */
Test(encode, byte_offsets_are_opt_in)
{
    doc.id = "x";
    set_field(&doc, NF_FIELD_TEXT, "Z\xC3\xBCrich grew 3%.");
    add(&doc, NF_FIELD_TEXT, NF_ANN_ENTITY, "GPE", "Z\xC3\xBCrich");
    const char *want = "{\"label\":\"GPE\",\"text\":\"Z\xC3\xBCrich\",\"start\":0,\"end\":6}";
    const char *out = encode_opts(&doc, false);
    cr_assert(strstr(out, want), "%s", out);
    cr_assert_null(strstr(out, "start_byte"), "%s", out);
    out = encode_opts(&doc, true);
    cr_assert(strstr(out, "\"end\":6,\"start_byte\":0,\"end_byte\":7}"), "%s", out);
    /* v2 (the defaults, and a stage run without a context) */
    const char *want_v2 = "\"entities\":{\"GPE\":[{\"span\":[0,6]}]}";
    out = encode_null_ctx(&doc);
    cr_assert(strstr(out, want_v2), "%s", out);
    out = encode_v2(&doc, false, false);
    cr_assert(strstr(out, want_v2), "%s", out);
    out = encode_v2(&doc, true, false);
    cr_assert(strstr(out, "{\"span\":[0,6],\"start_byte\":0,\"end_byte\":7}"), "%s", out);
}

Test(encode, value_text_and_title_field)
{
    doc.id = "x";
    set_field(&doc, NF_FIELD_TITLE, "Talks in Astana");
    set_field(&doc, NF_FIELD_TEXT, "On November 28 they met.");
    nf_ann *a = add(&doc, NF_FIELD_TEXT, NF_ANN_NUMBER, "DATE", "November 28");
    a->value_text = "2023-11-28";
    add(&doc, NF_FIELD_TITLE, NF_ANN_ENTITY, "GPE", "Astana");
    const char *out = encode(&doc);
    cr_assert(strstr(out, "{\"label\":\"DATE\",\"text\":\"November 28\",\"start\":3,\"end\":14,"
                          "\"value\":\"2023-11-28\",\"start_byte\":3,\"end_byte\":14}"),
              "%s", out);
    cr_assert(strstr(out, "{\"label\":\"GPE\",\"text\":\"Astana\",\"start\":9,\"end\":15,"
                          "\"field\":\"title\",\"start_byte\":9,\"end_byte\":15}"),
              "%s", out);
}

Test(encode, arrays_sorted_text_before_title_then_start_end_label)
{
    doc.id = "x";
    set_field(&doc, NF_FIELD_TITLE, "Almaty and Astana");
    set_field(&doc, NF_FIELD_TEXT, "Astana and Almaty and Baku");
    add(&doc, NF_FIELD_TITLE, NF_ANN_ENTITY, "GPE", "Almaty");
    add(&doc, NF_FIELD_TEXT, NF_ANN_ENTITY, "GPE", "Baku");
    add(&doc, NF_FIELD_TEXT, NF_ANN_ENTITY, "LOC", "Astana");
    add(&doc, NF_FIELD_TEXT, NF_ANN_ENTITY, "GPE", "Astana");
    add(&doc, NF_FIELD_TEXT, NF_ANN_ENTITY, "GPE", "Almaty");
    json_t *root = parse(encode(&doc));
    json_t *ents = json_object_get(root, "entities");
    cr_assert_eq(json_array_size(ents), 5);
    const char *want[][3] = {{"Astana", "GPE", ""},  {"Astana", "LOC", ""},
                             {"Almaty", "GPE", ""},  {"Baku", "GPE", ""},
                             {"Almaty", "GPE", "title"}};
    for (size_t i = 0; i < 5; i++) {
        json_t *e = json_array_get(ents, i);
        cr_assert_str_eq(json_string_value(json_object_get(e, "text")), want[i][0], "#%zu", i);
        cr_assert_str_eq(json_string_value(json_object_get(e, "label")), want[i][1], "#%zu", i);
        json_t *field = json_object_get(e, "field");
        cr_assert_str_eq(field ? json_string_value(field) : "", want[i][2], "#%zu", i);
    }
    json_decref(root);
}

/* Slice s by code points [start, end) into out. */
static void cp_slice(const char *s, size_t start, size_t end, char *out)
{
    size_t n = strlen(s), i = 0, cp = 0, b = 0;
    while (i < n && cp < start) {
        nf_utf8_next(s, n, &i);
        cp++;
    }
    b = i;
    while (i < n && cp < end) {
        nf_utf8_next(s, n, &i);
        cp++;
    }
    memcpy(out, s + b, i - b);
    out[i - b] = '\0';
}

/* Every annotation's text equals text[start:end] by code points, and the byte offsets match. */
static void check_offsets(json_t *root)
{
    const char *arrays[] = {"entities", "numbers"};
    for (size_t k = 0; k < 2; k++) {
        json_t *arr = json_object_get(root, arrays[k]);
        size_t i;
        json_t *e;
        json_array_foreach(arr, i, e)
        {
            json_t *f = json_object_get(e, "field");
            const char *field = f ? json_string_value(f) : "text";
            const char *s = json_string_value(json_object_get(root, field));
            size_t st = (size_t)json_integer_value(json_object_get(e, "start"));
            size_t en = (size_t)json_integer_value(json_object_get(e, "end"));
            size_t sb = (size_t)json_integer_value(json_object_get(e, "start_byte"));
            size_t eb = (size_t)json_integer_value(json_object_get(e, "end_byte"));
            const char *text = json_string_value(json_object_get(e, "text"));
            char slice[256];
            cp_slice(s, st, en, slice);
            cr_assert_str_eq(slice, text, "%s[%zu:%zu]", field, st, en);
            cr_assert_eq(eb - sb, strlen(text));
            cr_assert_eq(memcmp(s + sb, text, eb - sb), 0, "byte offsets of %s", text);
            cr_assert_eq(nf_utf8_count(s, sb), st, "code points before %s", text);
        }
    }
}

Test(encode, code_point_offsets_over_multibyte_text)
{
    doc.id = "x";
    set_field(&doc, NF_FIELD_TITLE, "\xC3\x9C" "ber Z\xC3\xBCrich und \xE5\x8C\x97\xE4\xBA\xAC");
    set_field(&doc, NF_FIELD_TEXT,
              "Z\xC3\xBCrich \xE2\x80\x94 a \xE2\x82\xAC" "1.2bn deal \xF0\x9F\x98\x80 with "
              "\xE5\x8C\x97\xE4\xBA\xAC (Beijing) and Z\xC3\xBCrich again.");
    add(&doc, NF_FIELD_TEXT, NF_ANN_ENTITY, "GPE", "Z\xC3\xBCrich");
    nf_ann *m = add(&doc, NF_FIELD_TEXT, NF_ANN_NUMBER, "MONEY", "\xE2\x82\xAC" "1.2bn");
    m->flags = NF_ANN_HAS_VALUE;
    m->value = 1.2e9;
    m->currency = "EUR";
    add(&doc, NF_FIELD_TEXT, NF_ANN_ENTITY, "GPE", "\xE5\x8C\x97\xE4\xBA\xAC");
    add(&doc, NF_FIELD_TEXT, NF_ANN_ENTITY, "GPE", "Beijing");
    add(&doc, NF_FIELD_TEXT, NF_ANN_NUMBER, "CARDINAL", "1.2"); /* nested in the MONEY span */
    /* the second Zürich */
    uint32_t s2 = at(&doc, NF_FIELD_TEXT, "and Z\xC3\xBCrich") + 4;
    nf_ann z2 = {.field = NF_FIELD_TEXT, .kind = NF_ANN_ENTITY, .label = "GPE", .start = s2,
                 .end = s2 + 7};
    nf_doc_add_ann(&doc, &z2);
    add(&doc, NF_FIELD_TITLE, NF_ANN_ENTITY, "GPE", "Z\xC3\xBCrich");
    add(&doc, NF_FIELD_TITLE, NF_ANN_ENTITY, "GPE", "\xE5\x8C\x97\xE4\xBA\xAC");
    /* an empty span at the very end is legal too */
    nf_ann empty = {.field = NF_FIELD_TEXT, .kind = NF_ANN_NUMBER, .label = "X",
                    .start = doc.field_len[NF_FIELD_TEXT], .end = doc.field_len[NF_FIELD_TEXT]};
    nf_doc_add_ann(&doc, &empty);

    json_t *root = parse(encode(&doc));
    check_offsets(root);
    /* spot checks by hand: "Zürich — a €1.2bn deal 😀 with 北京 (Beijing)" */
    json_t *money = json_array_get(json_object_get(root, "numbers"), 0);
    cr_assert_str_eq(json_string_value(json_object_get(money, "label")), "MONEY");
    cr_assert_eq(json_integer_value(json_object_get(money, "start")), 11);
    cr_assert_eq(json_integer_value(json_object_get(money, "end")), 17);
    cr_assert_eq(json_integer_value(json_object_get(money, "start_byte")), 14);
    json_t *beijing = json_array_get(json_object_get(root, "entities"), 1);
    cr_assert_eq(json_integer_value(json_object_get(beijing, "start")), 30);
    cr_assert_eq(json_integer_value(json_object_get(beijing, "end")), 32);
    json_decref(root);
}

Test(encode, dateline_object)
{
    doc.id = "x";
    set_field(&doc, NF_FIELD_TEXT, "\xC3\x9C" "r\xC3\xBCmqi, China, May 2. Text.");
    doc.dateline.present = true;
    doc.dateline.start = 0;
    doc.dateline.end = at(&doc, NF_FIELD_TEXT, " Text");
    doc.dateline.place = "\xC3\x9C" "r\xC3\xBCmqi";
    doc.dateline.country = "CN";
    const char *out = encode(&doc);
    cr_assert(strstr(out, "\"dateline\":{\"text\":\"\xC3\x9C" "r\xC3\xBCmqi, China, May 2.\","
                          "\"place\":\"\xC3\x9C" "r\xC3\xBCmqi\",\"country\":\"CN\",\"date\":null,"
                          "\"start\":0,\"end\":21,\"start_byte\":0,\"end_byte\":23}"),
              "%s", out);
    json_decref(parse(out));
}

Test(encode, control_characters_are_escaped_and_round_trip)
{
    const char text[] = "tab\there \x01\x1f \x7f quote\" backslash\\ slash/ \xE2\x80\xA8 end";
    doc.id = "id with \"quotes\"";
    set_field(&doc, NF_FIELD_TEXT, text);
    json_t *root = parse(encode(&doc));
    cr_assert_str_eq(json_string_value(json_object_get(root, "text")), text);
    cr_assert_str_eq(json_string_value(json_object_get(root, "id")), "id with \"quotes\"");
    json_decref(root);
}

static void build_sample(nf_doc *d)
{
    d->id = "det";
    set_field(d, NF_FIELD_TITLE, "Title");
    set_field(d, NF_FIELD_TEXT, "In 2022 trade grew 34.1 percent to $24.1 billion in Kazakhstan.");
    nf_ann *a = add(d, NF_FIELD_TEXT, NF_ANN_NUMBER, "MONEY", "$24.1 billion");
    a->flags = NF_ANN_HAS_VALUE;
    a->value = 24.1e9;
    a = add(d, NF_FIELD_TEXT, NF_ANN_NUMBER, "PERCENT", "34.1 percent");
    a->flags = NF_ANN_HAS_VALUE;
    a->value = 34.1;
    a = add(d, NF_FIELD_TEXT, NF_ANN_NUMBER, "DATE", "2022");
    a->value_text = "2022";
    add(d, NF_FIELD_TEXT, NF_ANN_ENTITY, "GPE", "Kazakhstan");
}

Test(encode, output_is_deterministic)
{
    build_sample(&doc);
    char *first = strdup(encode(&doc));
    nf_doc other;
    nf_doc_init(&other);
    build_sample(&other);
    /* the same annotations added in another order */
    nf_ann tmp = other.anns[0];
    other.anns[0] = other.anns[3];
    other.anns[3] = tmp;
    cr_assert_str_eq(encode(&other), first);
    /* and encoding again gives the same bytes */
    nf_doc_reset(&doc);
    build_sample(&doc);
    cr_assert_str_eq(encode(&doc), first);
    nf_doc_fini(&other);
    free(first);
}

/* A document with every kind of member the encoder writes: dateline, title and text
 * annotations of several labels in both arrays, a canonical equal to and one different from the
 * spanned text, extra members, a range, a unit, a value text, multi-byte text, a warning. */
static void build_rich(nf_doc *d)
{
    nf_pipeline_info *info = nf_arena_alloc(&d->arena, sizeof *info);
    *info = (nf_pipeline_info){"1.2.3", "sha256:c0", "sha256:da"};
    d->pipeline = info;
    d->id = "rich-1";
    d->published_at = "2024-05-01";
    d->language = "en";
    set_field(d, NF_FIELD_TITLE, "Z\xC3\xBCrich and Almaty sign $2 billion deal");
    set_field(d, NF_FIELD_TEXT,
              "ALMATY, May 1 (NFW) - Kazakhstan and Z\xC3\xBCrich Bank signed a deal worth about "
              "$2 billion, up 3-5 percent, for 40 tonnes of wheat. Zurich said so.");
    d->dateline.present = true;
    d->dateline.start = 0;
    d->dateline.end = at(d, NF_FIELD_TEXT, " Kazakhstan");
    d->dateline.place = "Almaty";
    d->dateline.country = "KZ";
    d->dateline.date = "2024-05-01";
    nf_ann *a = add(d, NF_FIELD_TEXT, NF_ANN_ENTITY, "GPE", "ALMATY");
    a->country = "KZ";
    a->canonical = "Almaty";
    a = add(d, NF_FIELD_TEXT, NF_ANN_ENTITY, "GPE", "Kazakhstan");
    a->country = "KZ";
    a->canonical = "Kazakhstan";
    a = add(d, NF_FIELD_TEXT, NF_ANN_ENTITY, "ORG", "Z\xC3\xBCrich Bank");
    a->extra_json = "\"id\":\"C-7\",\"list\":\"clients\"";
    add(d, NF_FIELD_TEXT, NF_ANN_ENTITY, "ORG", "NFW");
    a = add(d, NF_FIELD_TEXT, NF_ANN_ENTITY, "GPE", "Zurich");
    a->country = "CH";
    a = add(d, NF_FIELD_TITLE, NF_ANN_ENTITY, "GPE", "Almaty");
    a->country = "KZ";
    a->canonical = "Almaty";
    add(d, NF_FIELD_TITLE, NF_ANN_ENTITY, "GPE", "Z\xC3\xBCrich");
    a = add(d, NF_FIELD_TEXT, NF_ANN_NUMBER, "MONEY", "$2 billion");
    a->flags = NF_ANN_HAS_VALUE;
    a->value = 2e9;
    a->currency = "USD";
    a->extra_json = "\"mod\":\"approx\"";
    a = add(d, NF_FIELD_TEXT, NF_ANN_NUMBER, "PERCENT", "3-5 percent");
    a->flags = NF_ANN_HAS_VALUE | NF_ANN_HAS_VALUE_MAX;
    a->value = 3;
    a->value_max = 5;
    a = add(d, NF_FIELD_TEXT, NF_ANN_NUMBER, "QUANTITY", "40 tonnes");
    a->flags = NF_ANN_HAS_VALUE;
    a->value = 40;
    a->unit = "t";
    a = add(d, NF_FIELD_TEXT, NF_ANN_NUMBER, "DATE", "May 1");
    a->value_text = "2024-05-01";
    a = add(d, NF_FIELD_TITLE, NF_ANN_NUMBER, "MONEY", "$2 billion");
    a->flags = NF_ANN_HAS_VALUE;
    a->value = 2e9;
    a->currency = "USD";
    nf_doc_warn(d, "patterns", "match_limit", "pattern %s hit the match limit", "X");
}

/* The one line of tests/data/encode/<name>, without its newline (malloc'd). */
static char *read_golden(const char *name)
{
    char path[512];
    snprintf(path, sizeof path, "%s/tests/data/encode/%s", NF_SOURCE_DIR, name);
    FILE *f = fopen(path, "rb");
    cr_assert_not_null(f, "%s", path);
    static char buf[8192];
    size_t n = fread(buf, 1, sizeof buf - 1, f);
    fclose(f);
    while (n && buf[n - 1] == '\n') {
        n--;
    }
    buf[n] = '\0';
    return strdup(buf);
}

/* Schema v1 is what every record was before v2: tests/data/encode/v1_rich*.json were written
 * by the encoder of commit fe58acf (before v2 existed) for build_rich(), without and with byte
 * offsets. stage.encode.schema = v1 must keep giving exactly these bytes. */
Test(encode, v1_bytes_unchanged_since_before_v2)
{
    char *want = read_golden("v1_rich.json");
    build_rich(&doc);
    cr_assert_str_eq(encode_opts(&doc, false), want);
    free(want);
    want = read_golden("v1_rich_byte_offsets.json");
    nf_doc_reset(&doc);
    build_rich(&doc);
    cr_assert_str_eq(encode_opts(&doc, true), want);
    free(want);
    /* span_text means nothing to v1 (it always has the text) */
    nf_doc_reset(&doc);
    build_rich(&doc);
    char *plain = read_golden("v1_rich.json");
    cr_assert_str_eq(encode_with(&doc, "v1", false, true), plain);
    free(plain);
}

/* Schema v2, the default: the same document, every member by hand. Labels are keys in byte
 * order; within a label, document order (text before title, then start, end); "span" in code
 * points; no span text; "canonical" only where it differs from the spanned text; the dateline
 * has a span too; everything else as in v1. */
Test(encode, v2_record_exact_bytes)
{
    build_rich(&doc);
    const char *want =
        "{\"schema\":\"newsflow.enriched.v2\",\"id\":\"rich-1\","
        "\"title\":\"Z\xC3\xBCrich and Almaty sign $2 billion deal\","
        "\"text\":\"ALMATY, May 1 (NFW) - Kazakhstan and Z\xC3\xBCrich Bank signed a deal worth "
        "about $2 billion, up 3-5 percent, for 40 tonnes of wheat. Zurich said so.\","
        "\"published_at\":\"2024-05-01\",\"url\":null,\"source\":null,\"language\":\"en\","
        "\"dateline\":{\"span\":[0,21],\"place\":\"Almaty\",\"country\":\"KZ\","
        "\"date\":\"2024-05-01\"},"
        "\"entities\":{"
        "\"GPE\":[{\"span\":[0,6],\"country\":\"KZ\",\"canonical\":\"Almaty\"},"
        "{\"span\":[22,32],\"country\":\"KZ\"},"
        "{\"span\":[127,133],\"country\":\"CH\"},"
        "{\"span\":[0,6],\"field\":\"title\"},"
        "{\"span\":[11,17],\"field\":\"title\",\"country\":\"KZ\"}],"
        "\"ORG\":[{\"span\":[15,18]},{\"span\":[37,48],\"id\":\"C-7\",\"list\":\"clients\"}]},"
        "\"numbers\":{"
        "\"DATE\":[{\"span\":[8,13],\"value\":\"2024-05-01\"}],"
        "\"MONEY\":[{\"span\":[75,85],\"value\":2000000000,\"currency\":\"USD\",\"mod\":\"approx\"},"
        "{\"span\":[23,33],\"field\":\"title\",\"value\":2000000000,\"currency\":\"USD\"}],"
        "\"PERCENT\":[{\"span\":[90,101],\"value\":3,\"value_max\":5}],"
        "\"QUANTITY\":[{\"span\":[107,116],\"value\":40,\"unit\":\"t\"}]},"
        "\"warnings\":[{\"stage\":\"patterns\",\"code\":\"match_limit\","
        "\"message\":\"pattern X hit the match limit\"}],"
        "\"pipeline\":{\"version\":\"1.2.3\",\"config_digest\":\"sha256:c0\","
        "\"data_digest\":\"sha256:da\"}}";
    cr_assert_str_eq(encode_v2(&doc, false, false), want);
    /* the defaults and a stage run without a context give v2 too */
    nf_doc_reset(&doc);
    build_rich(&doc);
    cr_assert_str_eq(encode_null_ctx(&doc), want);
}

/* stage.encode.span_text puts "text" right after every "span" (annotations and dateline);
 * stage.encode.byte_offsets adds start_byte/end_byte at the end, as in v1. */
Test(encode, v2_span_text_and_byte_offsets)
{
    build_rich(&doc);
    const char *out = encode_v2(&doc, true, true);
    const char *want[] = {
        "\"dateline\":{\"span\":[0,21],\"text\":\"ALMATY, May 1 (NFW) -\",\"place\":\"Almaty\","
        "\"country\":\"KZ\",\"date\":\"2024-05-01\",\"start_byte\":0,\"end_byte\":21}",
        "\"GPE\":[{\"span\":[0,6],\"text\":\"ALMATY\",\"country\":\"KZ\",\"canonical\":\"Almaty\","
        "\"start_byte\":0,\"end_byte\":6},{\"span\":[22,32],\"text\":\"Kazakhstan\","
        "\"country\":\"KZ\",\"start_byte\":22,\"end_byte\":32}",
        "{\"span\":[37,48],\"text\":\"Z\xC3\xBCrich Bank\",\"id\":\"C-7\",\"list\":\"clients\","
        "\"start_byte\":37,\"end_byte\":49}",
        "{\"span\":[11,17],\"text\":\"Almaty\",\"field\":\"title\",\"country\":\"KZ\","
        "\"start_byte\":12,\"end_byte\":18}",
        NULL};
    for (int i = 0; want[i]; i++) {
        cr_assert(strstr(out, want[i]), "missing %s in %s", want[i], out);
    }
    json_decref(parse(out));
    /* span_text alone: no byte offsets */
    nf_doc_reset(&doc);
    build_rich(&doc);
    out = encode_v2(&doc, false, true);
    cr_assert(strstr(out, "{\"span\":[15,18],\"text\":\"NFW\"}"), "%s", out);
    cr_assert_null(strstr(out, "start_byte"), "%s", out);
}

/* The same information as v1: every v1 annotation has exactly one v2 annotation under its
 * label, with its offsets and members, and the v2 one's text (span_text) is the v1 text. */
Test(encode, v2_carries_everything_v1_has)
{
    build_rich(&doc);
    json_t *v1 = parse(encode_opts(&doc, true));
    nf_doc_reset(&doc);
    build_rich(&doc);
    json_t *v2 = parse(encode_v2(&doc, true, true));
    const char *kinds[] = {"entities", "numbers"};
    for (int k = 0; k < 2; k++) {
        json_t *arr = json_object_get(v1, kinds[k]), *groups = json_object_get(v2, kinds[k]);
        size_t total = 0, i;
        const char *label;
        json_t *g, *a;
        json_object_foreach(groups, label, g) {
            total += json_array_size(g);
        }
        cr_assert_eq(total, json_array_size(arr), "%s", kinds[k]);
        json_array_foreach(arr, i, a) {
            json_t *want = json_deep_copy(a);
            json_t *g2 = json_object_get(groups, json_string_value(json_object_get(a, "label")));
            json_object_del(want, "label");
            json_t *span = json_pack("[OO]", json_object_get(a, "start"), json_object_get(a, "end"));
            json_object_del(want, "start");
            json_object_del(want, "end");
            json_object_set_new(want, "span", span);
            const char *canon = json_string_value(json_object_get(want, "canonical"));
            if (canon && strcmp(canon, json_string_value(json_object_get(want, "text"))) == 0) {
                json_object_del(want, "canonical");
            }
            size_t found = 0, j;
            json_t *b;
            json_array_foreach(g2, j, b) {
                found += json_equal(b, want);
            }
            cr_assert_eq(found, 1, "%s #%zu: %s", kinds[k], i, json_dumps(want, JSON_COMPACT));
            json_decref(want);
        }
    }
    json_decref(v1);
    json_decref(v2);
}

/* Labels sort by their bytes, whatever order the stages added them in; within a label the
 * annotations keep the document order; no annotations: {}. */
Test(encode, v2_groups_sorted_labels_in_document_order)
{
    doc.id = "x";
    set_field(&doc, NF_FIELD_TITLE, "Almaty and Astana");
    set_field(&doc, NF_FIELD_TEXT, "Astana and Almaty and Baku");
    add(&doc, NF_FIELD_TITLE, NF_ANN_ENTITY, "GPE", "Almaty");
    add(&doc, NF_FIELD_TEXT, NF_ANN_ENTITY, "ZZ_WATCH", "Baku");
    add(&doc, NF_FIELD_TEXT, NF_ANN_ENTITY, "GPE", "Baku");
    add(&doc, NF_FIELD_TEXT, NF_ANN_ENTITY, "LOC", "Astana");
    add(&doc, NF_FIELD_TEXT, NF_ANN_ENTITY, "GPE", "Astana");
    add(&doc, NF_FIELD_TEXT, NF_ANN_ENTITY, "GPE", "Almaty");
    add(&doc, NF_FIELD_TEXT, NF_ANN_ENTITY, "GPE_X", "Almaty");
    const char *out = encode_v2(&doc, false, false);
    cr_assert(strstr(out, "\"entities\":{\"GPE\":[{\"span\":[0,6]},{\"span\":[11,17]},"
                          "{\"span\":[22,26]},{\"span\":[0,6],\"field\":\"title\"}],"
                          "\"GPE_X\":[{\"span\":[11,17]}],\"LOC\":[{\"span\":[0,6]}],"
                          "\"ZZ_WATCH\":[{\"span\":[22,26]}]},\"numbers\":{},"),
              "%s", out);
}

/* A user label (watchlist, pattern file) is the same group whatever string holds its name:
 * equal text at two addresses gives one array, in document order. */
Test(encode, v2_groups_a_label_by_its_text_not_its_address)
{
    doc.id = "x";
    set_field(&doc, NF_FIELD_TEXT, "Astana and Almaty and Baku");
    char *one = nf_arena_strndup(&doc.arena, "WATCH_X", 7);
    char *two = nf_arena_strndup(&doc.arena, "WATCH_X", 7);
    cr_assert_neq(one, two);
    add(&doc, NF_FIELD_TEXT, NF_ANN_ENTITY, two, "Baku");
    add(&doc, NF_FIELD_TEXT, NF_ANN_ENTITY, "GPE", "Almaty");
    add(&doc, NF_FIELD_TEXT, NF_ANN_ENTITY, one, "Astana");
    const char *out = encode_v2(&doc, false, false);
    cr_assert(strstr(out, "\"entities\":{\"GPE\":[{\"span\":[11,17]}],"
                          "\"WATCH_X\":[{\"span\":[0,6]},{\"span\":[22,26]}]},"),
              "%s", out);
}

Test(encode, v2_output_is_deterministic)
{
    build_rich(&doc);
    char *first = strdup(encode_v2(&doc, false, false));
    nf_doc other;
    nf_doc_init(&other);
    build_rich(&other);
    /* the same annotations added in reverse order */
    for (uint32_t i = 0, j = other.n_anns - 1; i < j; i++, j--) {
        nf_ann tmp = other.anns[i];
        other.anns[i] = other.anns[j];
        other.anns[j] = tmp;
    }
    cr_assert_str_eq(encode_v2(&other, false, false), first);
    nf_doc_fini(&other);
    free(first);
}

Test(encode, bad_spans_fail_instead_of_reading_out_of_bounds)
{
    doc.id = "x";
    set_field(&doc, NF_FIELD_TEXT, "Z\xC3\xBCrich");
    /* bypass nf_doc_add_ann's asserts, as a buggy stage in a release build could */
    doc.anns = nf_arena_calloc(&doc.arena, sizeof *doc.anns);
    doc.n_anns = doc.cap_anns = 1;
    doc.anns[0] = (nf_ann){.field = NF_FIELD_TEXT, .label = "GPE", .start = 0, .end = 99};
    cr_assert_eq(nf_stage_encode.process(NULL, &doc), NF_STAGE_FAIL);
    cr_assert_eq(doc.err.code, NF_ESTAGE);
    doc.anns[0].end = 2; /* inside ü */
    cr_assert_eq(nf_stage_encode.process(NULL, &doc), NF_STAGE_FAIL);
    doc.anns[0] = (nf_ann){.field = NF_FIELD_TITLE, .label = "GPE", .start = 0, .end = 0};
    cr_assert_eq(nf_stage_encode.process(NULL, &doc), NF_STAGE_FAIL, "no title to point into");
    doc.n_anns = 0;
    doc.dateline.present = true;
    doc.dateline.end = 50;
    cr_assert_eq(nf_stage_encode.process(NULL, &doc), NF_STAGE_FAIL);
}

Test(encode, no_text_fails)
{
    doc.id = "x";
    cr_assert_eq(nf_stage_encode.process(NULL, &doc), NF_STAGE_FAIL);
    cr_assert_eq(doc.err.code, NF_ESTAGE);
}
