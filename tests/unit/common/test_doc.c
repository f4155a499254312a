#include "common/doc.h"

#include <criterion/criterion.h>

#include <signal.h>
#include <string.h>

static void set_text(nf_doc *doc, const char *s)
{
    doc->field[NF_FIELD_TEXT] = nf_arena_strndup(&doc->arena, s, strlen(s));
    doc->field_len[NF_FIELD_TEXT] = (uint32_t)strlen(s);
}

Test(doc, init_sets_unknown_source)
{
    nf_doc doc;
    nf_doc_init(&doc);
    cr_assert_eq(doc.src.partition, -1);
    cr_assert_eq(doc.src.offset, -1);
    cr_assert_eq(doc.src.timestamp_ms, -1);
    cr_assert_null(doc.field[NF_FIELD_TEXT]);
    nf_doc_fini(&doc);
}

Test(doc, set_input_borrows)
{
    nf_doc doc;
    nf_doc_init(&doc);
    const char value[] = "{\"body\":\"x\"}", key[] = "k1";
    nf_doc_set_input(&doc, value, sizeof value - 1, key, 2);
    cr_assert_eq(doc.raw, value);
    cr_assert_eq(doc.raw_len, sizeof value - 1);
    cr_assert_eq(doc.key, key);
    cr_assert_eq(doc.key_len, 2);
    nf_doc_set_input(&doc, NULL, 5, NULL, 3);
    cr_assert_eq(doc.raw_len, 0, "no value, no length");
    cr_assert_eq(doc.key_len, 0);
    nf_doc_fini(&doc);
}

Test(doc, add_ann_copies_and_grows)
{
    nf_doc doc;
    nf_doc_init(&doc);
    set_text(&doc, "abcdefghij");
    for (uint32_t i = 0; i < 200; i++) {
        nf_ann a = {.field = NF_FIELD_TEXT, .kind = NF_ANN_NUMBER, .start = i % 10,
                    .end = i % 10 + 0, .label = "CARDINAL"};
        nf_ann *stored = nf_doc_add_ann(&doc, &a);
        stored->value = i;
    }
    cr_assert_eq(doc.n_anns, 200);
    cr_assert_geq(doc.cap_anns, 200);
    for (uint32_t i = 0; i < 200; i++) {
        cr_assert_eq(doc.anns[i].value, (double)i, "annotation %u survived growing", i);
    }
    nf_doc_fini(&doc);
}

Test(doc, ann_push_gives_slots_in_order_and_grows)
{
    /* nf_doc_ann_push: the slot is the next annotation, written in place (numbers' nn_emit);
     * slots filled before a growth survive it, mixed with nf_doc_add_ann. */
    nf_doc doc;
    nf_doc_init(&doc);
    set_text(&doc, "abcdefghij");
    for (uint32_t i = 0; i < 300; i++) {
        if (i % 3 == 0) {
            nf_ann a = {.field = NF_FIELD_TEXT, .start = 1, .end = 2, .label = "ORDINAL"};
            nf_doc_add_ann(&doc, &a)->value = i;
            continue;
        }
        nf_ann *a = nf_doc_ann_push(&doc);
        memset(a, 0, sizeof *a);
        a->field = NF_FIELD_TEXT;
        a->start = i % 10;
        a->end = i % 10;
        a->label = "CARDINAL";
        a->value = i;
        cr_assert(nf_doc_ann_ok(&doc, a));
    }
    cr_assert_eq(doc.n_anns, 300);
    cr_assert_geq(doc.cap_anns, 300);
    for (uint32_t i = 0; i < 300; i++) {
        cr_assert_eq(doc.anns[i].value, (double)i, "annotation %u in order, kept", i);
        cr_assert_str_eq(doc.anns[i].label, i % 3 ? "CARDINAL" : "ORDINAL");
    }
    nf_ann bad = {.field = NF_FIELD_TEXT, .start = 4, .end = 11};
    cr_assert_not(nf_doc_ann_ok(&doc, &bad), "past the field's end");
    nf_doc_fini(&doc);
}

Test(doc, sort_orders_by_field_start_end_label)
{
    nf_doc doc;
    nf_doc_init(&doc);
    set_text(&doc, "0123456789");
    doc.field[NF_FIELD_TITLE] = "title text";
    doc.field_len[NF_FIELD_TITLE] = 10;
    const nf_ann in[] = {
        {.field = NF_FIELD_TITLE, .start = 0, .end = 2, .label = "GPE"},
        {.field = NF_FIELD_TEXT, .start = 5, .end = 9, .label = "MONEY"},
        {.field = NF_FIELD_TEXT, .start = 5, .end = 7, .label = "ORG"},
        {.field = NF_FIELD_TEXT, .start = 5, .end = 7, .label = "CARDINAL"},
        {.field = NF_FIELD_TEXT, .start = 1, .end = 3, .label = "PERSON"},
    };
    for (size_t i = 0; i < 5; i++) {
        nf_doc_add_ann(&doc, &in[i]);
    }
    nf_doc_sort_anns(&doc);
    const char *labels[] = {"PERSON", "CARDINAL", "ORG", "MONEY", "GPE"};
    for (size_t i = 0; i < 5; i++) {
        cr_assert_str_eq(doc.anns[i].label, labels[i], "position %zu", i);
    }
    nf_doc_fini(&doc);
}

/* Reference order: a plain insertion sort (stable) with the documented key. */
static int ref_cmp(const nf_ann *a, const nf_ann *b)
{
    if (a->field != b->field) {
        return a->field < b->field ? -1 : 1;
    }
    if (a->start != b->start) {
        return a->start < b->start ? -1 : 1;
    }
    if (a->end != b->end) {
        return a->end < b->end ? -1 : 1;
    }
    int c = strcmp(a->label, b->label);
    return c ? c : a->kind - b->kind;
}

/* Runs of annotations in order (as stages add them), shuffled ones and exact duplicates told
 * apart only by their value: the sort gives the reference order, and equal annotations keep
 * the order they were added in (stable), so records stay byte-identical. */
Test(doc, sort_is_stable_and_matches_a_reference_sort)
{
    static const char *labels[] = {"GPE", "ORG", "PERSON", "CARDINAL", "DATE"};
    nf_doc doc;
    nf_doc_init(&doc);
    set_text(&doc, "0123456789012345678901234567890123456789");
    enum { N = 300 };
    nf_ann ref[N];
    uint32_t seed = 12345;
    for (int i = 0; i < N; i++) {
        seed = seed * 1103515245u + 12345u;
        uint32_t r = seed >> 8;
        nf_ann an = {.field = NF_FIELD_TEXT, .kind = (uint8_t)(r % 2), .label = labels[r % 5]};
        if (i < 120) {   /* one stage's run, in order */
            an.start = (uint32_t)(i / 4);
            an.end = an.start + 2;
            an.label = "GPE";
            an.kind = 0;
        } else {         /* shuffled, with many exact key duplicates */
            an.start = (r >> 4) % 8;
            an.end = an.start + 1 + (r >> 8) % 2;
        }
        an.value = i;    /* tells duplicates apart */
        nf_doc_add_ann(&doc, &an);
        /* insertion into the reference, after every equal one (stable) */
        int j = i;
        while (j > 0 && ref_cmp(&ref[j - 1], &an) > 0) {
            ref[j] = ref[j - 1];
            j--;
        }
        ref[j] = an;
    }
    nf_doc_sort_anns(&doc);
    for (int i = 0; i < N; i++) {
        cr_assert_eq(doc.anns[i].value, ref[i].value, "position %d", i);
    }
    nf_doc_sort_anns(&doc);   /* sorted input stays as it is */
    for (int i = 0; i < N; i++) {
        cr_assert_eq(doc.anns[i].value, ref[i].value, "position %d (second sort)", i);
    }
    nf_doc_fini(&doc);
}

Test(doc, fail_formats_message_and_code)
{
    nf_doc doc;
    nf_doc_init(&doc);
    nf_doc_fail(&doc, NF_EBADJSON, "line %d: %s", 3, "oops");
    cr_assert_eq(doc.err.code, NF_EBADJSON);
    cr_assert_str_eq(doc.err.message, "line 3: oops");
    char longmsg[2000];
    memset(longmsg, 'x', sizeof longmsg - 1);
    longmsg[sizeof longmsg - 1] = '\0';
    nf_doc_fail(&doc, NF_ESTAGE, "%s", longmsg);
    cr_assert_eq(strlen(doc.err.message), NF_ERRSTR_SIZE - 1, "truncated, terminated");
    nf_doc_fini(&doc);
}

Test(doc, reset_forgets_the_article_but_keeps_the_arena)
{
    nf_doc doc;
    nf_doc_init(&doc);
    set_text(&doc, "some text");
    nf_ann a = {.field = NF_FIELD_TEXT, .start = 0, .end = 4, .label = "X"};
    nf_doc_add_ann(&doc, &a);
    doc.id = "x";
    nf_doc_fail(&doc, NF_EEMPTY, "e");
    void *chunk = doc.arena.head;
    nf_doc_reset(&doc);
    cr_assert_null(doc.field[NF_FIELD_TEXT]);
    cr_assert_null(doc.id);
    cr_assert_eq(doc.n_anns, 0);
    cr_assert_null(doc.anns);
    cr_assert_eq(doc.err.code, 0);
    cr_assert_eq(doc.src.offset, -1);
    cr_assert_eq(doc.arena.head, chunk, "first chunk kept for the next article");
    nf_doc_fini(&doc);
}

Test(doc, add_ann_rejects_a_span_that_splits_a_character, .signal = SIGABRT)
{
    nf_doc doc;
    nf_doc_init(&doc);
    set_text(&doc, "Z\xC3\xBCrich");
    nf_ann a = {.field = NF_FIELD_TEXT, .start = 0, .end = 2, .label = "GPE"};
    nf_doc_add_ann(&doc, &a); /* end inside ü */
}

Test(doc, add_ann_rejects_a_span_past_the_end, .signal = SIGABRT)
{
    nf_doc doc;
    nf_doc_init(&doc);
    set_text(&doc, "abc");
    nf_ann a = {.field = NF_FIELD_TEXT, .start = 1, .end = 4, .label = "GPE"};
    nf_doc_add_ann(&doc, &a);
}
