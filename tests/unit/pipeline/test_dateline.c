/* Dateline stage: wire-copy openings in the usual styles, dates resolved with the article's
 * year, places canonicalised, and prose that only looks like a dateline left alone. */
#include "ent_test_util.h"

static ent_rig rig;

static void setup(void)
{
    ent_rig_open(&rig, NULL);
}

static void teardown(void)
{
    ent_rig_close(&rig);
}

TestSuite(dateline, .init = setup, .fini = teardown, .timeout = 60);

typedef struct dl_case {
    char text[256];
    int y, m, d;           /* article date */
    char span[64];         /* "" = no dateline */
    char place[32];
    char country[3];
    char date[16];         /* "" = none */
} dl_case;

static const dl_case cases[] = {
    {"Baku, Azerbaijan, November 28. Kazakhstan will continue to promote the initiative.",
     2023, 11, 28, "Baku, Azerbaijan, November 28.", "Baku", "AZ", "2023-11-28"},
    {"TBILISI, July 14 (Reuters) - Georgia's parliament passed the bill.", 2023, 7, 14,
     "TBILISI, July 14 (Reuters) -", "Tbilisi", "GE", "2023-07-14"},
    {"QUITO \xe2\x80\x94 Ecuador's president declared an emergency.", 2024, 1, 9,
     "QUITO \xe2\x80\x94", "Quito", "EC", ""},
    {"WASHINGTON (AP) \xe2\x80\x94 The Senate voted on Tuesday.", 2024, 3, 1,
     "WASHINGTON (AP) \xe2\x80\x94", "Washington, D.C.", "US", ""},
    {"RANGOON, Dec. 30 (AFP) - Troops moved in.", 2024, 1, 2, "RANGOON, Dec. 30 (AFP) -",
     "Yangon", "MM", "2023-12-30"},
    {"Irving, Texas, Sept. 16, 2015 -- A student was arrested.", 2015, 9, 17,
     "Irving, Texas, Sept. 16, 2015 --", "Irving", "US", "2015-09-16"},
    {"Last minute\n\nKazakhstan to continue\n\nAstana, 4 March 2024: The government said.", 2024,
     3, 4, "Astana, 4 March 2024:", "Astana", "KZ", "2024-03-04"},
    {"ALMATY, June 1 - Prices rose.", 0, 0, 0, "ALMATY, June 1 -", "Almaty", "KZ", "--06-01"},
    /* an unlisted place: capitals, a dash, then prose */
    {"KUMBALA \xe2\x80\x94 The mayor resigned on Monday.", 2024, 1, 1, "KUMBALA \xe2\x80\x94",
     "Kumbala", "", ""},
    /* the Reuters corpus: place and ISO date on a line of their own, after a slug line too */
    {"BONN 1996-08-22\nChancellor Helmut Kohl met opposition leaders.", 1996, 8, 22,
     "BONN 1996-08-22", "Bonn", "DE", "1996-08-22"},
    {"SOCCER - LEEDS HOLD CHELSEA\nLONDON 1996-08-30\nLeeds held Chelsea to a draw.", 1996, 8,
     30, "LONDON 1996-08-30", "London", "GB", "1996-08-30"},
    {"Moscow 1996-08-22\nThe government said it would raise taxes.", 1996, 8, 22,
     "Moscow 1996-08-22", "Moscow", "RU", "1996-08-22"},
    {"GOLF - ELS LEADS\nAKRON , Ohio 1996-08-22\nErnie Els shot a 66.", 1996, 8, 22,
     "AKRON , Ohio 1996-08-22", "Akron", "US", "1996-08-22"},
    {"KUMBALA 1996-08-22\nThe mayor resigned.", 1996, 8, 22, "KUMBALA 1996-08-22", "Kumbala",
     "", "1996-08-22"},
    /* not datelines */
    {"Moscow 1996-08-22 was the day the talks began.", 1996, 8, 22, "", "", "", ""},
    {"Results 1996-08-22\nArsenal 2 Everton 1", 1996, 8, 22, "", "", "", ""},
    {"PARIS 1996-13-22\nThe talks ended.", 1996, 8, 22, "", "", "", ""},
    /* wire slug lines: an all-caps section word, a dash, an all-caps headline */
    {"SOCCER - LEICESTER BEAT DERBY IN EAST MIDLANDS DERBY\nLeicester beat Derby 2-1.", 2024, 3,
     2, "", "", "", ""},
    {"MOTOR RACING - VERSTAPPEN WINS IN BAHRAIN\nMax Verstappen won on Saturday.", 2024, 3, 2,
     "", "", "", ""},
    {"Paris, the capital of France, hosted the talks.", 2024, 1, 1, "", "", "", ""},
    {"Kazakhstan will continue to grow, officials said.", 2024, 1, 1, "", "", "", ""},
    {"The talks in Baku, Azerbaijan, November 28. ended.", 2024, 1, 1, "", "", "", ""},
    {"BREAKING NEWS", 2024, 1, 1, "", "", "", ""},
    {"London", 2024, 1, 1, "", "", "", ""},
};

Test(dateline, table)
{
    for (size_t k = 0; k < sizeof cases / sizeof cases[0]; k++) {
        const dl_case *c = &cases[k];
        nf_doc doc;
        nf_doc_init(&doc);
        ent_run(&rig, &doc, c->text, NULL, c->y, c->m, c->d);
        ent_check_invariants(&doc);
        const nf_dateline *dl = &doc.dateline;
        if (!c->span[0]) {
            cr_expect(!dl->present, "case %zu: no dateline expected in \"%s\"", k, c->text);
            nf_doc_fini(&doc);
            continue;
        }
        cr_assert(dl->present, "case %zu: no dateline in \"%s\"", k, c->text);
        cr_expect_eq(dl->end - dl->start, strlen(c->span), "case %zu: span \"%.*s\"", k,
                     (int)(dl->end - dl->start), c->text + dl->start);
        cr_expect(!memcmp(c->text + dl->start, c->span, strlen(c->span)), "case %zu: span", k);
        cr_expect_str_eq(dl->place, c->place, "case %zu: place", k);
        cr_expect_str_eq(dl->country ? dl->country : "", c->country, "case %zu: country", k);
        cr_expect_str_eq(dl->date ? dl->date : "", c->date, "case %zu: date", k);
        /* The place is also a GPE entity, exactly over the place words. */
        bool found = false;
        for (uint32_t j = 0; j < doc.n_anns; j++) {
            const nf_ann *a = &doc.anns[j];
            if (a->start == dl->start && !strcmp(a->label, "GPE")) {
                found = true;
                cr_expect_str_eq(a->canonical, c->place, "case %zu: entity canonical", k);
            }
        }
        cr_expect(found, "case %zu: the dateline place is a GPE entity", k);
        nf_doc_fini(&doc);
    }
}

Test(dateline, add_entity_off)
{
    nf_stage_env *env = nf_stage_env_new(NF_SOURCE_DIR "/data");
    const char *kv[] = {"stage.dateline.add_entity=false", NULL};
    ent_stage st;
    char err[256];
    cr_assert_eq(ent_stage_open(&st, &nf_stage_dateline, env, kv, err, sizeof err), 0, "%s",
                 err);
    nf_doc doc;
    nf_doc_init(&doc);
    const char *text = "MINSK, May 5 (Reuters) - Belarus said.";
    doc.field[NF_FIELD_TEXT] = text;
    doc.field_len[NF_FIELD_TEXT] = (uint32_t)strlen(text);
    cr_assert_eq(st.def->process(st.ctx, &doc), NF_STAGE_OK);
    cr_assert(doc.dateline.present);
    cr_assert_str_eq(doc.dateline.place, "Minsk");
    cr_assert_eq(doc.n_anns, 0);
    nf_doc_fini(&doc);
    ent_stage_close(&st);
    nf_stage_env_destroy(env);
}

Test(dateline, max_offset_limits_the_search)
{
    nf_stage_env *env = nf_stage_env_new(NF_SOURCE_DIR "/data");
    const char *kv[] = {"stage.dateline.max_offset=10", NULL};
    ent_stage st;
    char err[256];
    cr_assert_eq(ent_stage_open(&st, &nf_stage_dateline, env, kv, err, sizeof err), 0, "%s",
                 err);
    nf_doc doc;
    nf_doc_init(&doc);
    const char *text = "A headline that is long\n\nMINSK, May 5 (Reuters) - Belarus said.";
    doc.field[NF_FIELD_TEXT] = text;
    doc.field_len[NF_FIELD_TEXT] = (uint32_t)strlen(text);
    cr_assert_eq(st.def->process(st.ctx, &doc), NF_STAGE_OK);
    cr_assert(!doc.dateline.present, "the dateline starts after max_offset");
    nf_doc_fini(&doc);
    ent_stage_close(&st);
    nf_stage_env_destroy(env);
}

/* On the Reuters corpus line the listed region after the place is a GPE too (the dateline
 * stage's own entity), read as the country it names before any town of that name ("Mexico" is
 * also a town in the Philippines); the tagger alone reads a word on that line as an all-caps
 * guess (before the retrain it made "Ohio" an ORG). */
Test(dateline, region_on_the_reuters_line_is_a_gpe_of_its_country)
{
    static const struct {
        const char *text, *region, *country;
    } cases[] = {
        {"GOLF - ELS LEADS\nAKRON , Ohio 1996-08-22\nErnie Els shot a 66.", "Ohio", "US"},
        {"GUADALAJARA , Mexico 2025-01-27\nExports rose 16.4 per cent.", "Mexico", "MX"},
    };
    for (size_t k = 0; k < sizeof cases / sizeof cases[0]; k++) {
        nf_doc doc;
        nf_doc_init(&doc);
        doc.field[NF_FIELD_TEXT] = cases[k].text;
        doc.field_len[NF_FIELD_TEXT] = (uint32_t)strlen(cases[k].text);
        cr_assert_eq(rig.dateline.def->process(rig.dateline.ctx, &doc), NF_STAGE_OK);
        cr_assert(doc.dateline.present, "case %zu: a dateline", k);
        const char *at = strstr(cases[k].text, cases[k].region);
        const nf_ann *found = NULL;
        for (uint32_t j = 0; j < doc.n_anns; j++) {
            if (doc.anns[j].kind == NF_ANN_ENTITY && doc.anns[j].start == at - cases[k].text) {
                found = &doc.anns[j];
            }
        }
        cr_assert(found, "case %zu: the dateline stage makes \"%s\" an entity", k,
                  cases[k].region);
        cr_expect_str_eq(found->label, "GPE", "case %zu", k);
        cr_expect_eq(found->end - found->start, strlen(cases[k].region), "case %zu", k);
        cr_expect_str_eq(found->country ? found->country : "", cases[k].country, "case %zu", k);
        nf_doc_fini(&doc);
    }
}
