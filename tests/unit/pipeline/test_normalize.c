/* normalize stage: HTML, character references, line endings, whitespace modes, boilerplate
 * lines, UTF-8 safety and linear time on hostile input. */
#include "common/utf8.h"
#include "config/config.h"
#include "pipeline/pipeline.h"
#include "pipeline/stage.h"

#include <criterion/criterion.h>

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

extern const nf_stage_def nf_stage_normalize;

static void *ctx;
static nf_doc doc;

/* Build the stage's context from "key=value" pairs (keys below "stage.normalize."). */
static void configure(const char *const *pairs)
{
    if (ctx) {
        nf_opt_release(nf_stage_normalize.options, ctx);
        free(ctx);
    }
    nf_config *cfg = nf_config_new();
    for (size_t i = 0; pairs && pairs[i]; i += 2) {
        char key[128];
        snprintf(key, sizeof key, "stage.normalize.%s", pairs[i]);
        nf_config_set(cfg, key, pairs[i + 1], NF_CFG_CLI, NULL);
    }
    ctx = calloc(1, nf_stage_normalize.ctx_size);
    char err[NF_ERRSTR_SIZE] = "";
    cr_assert_eq(nf_opt_apply(nf_stage_normalize.options, "stage.normalize.", cfg, ctx, err,
                              sizeof err),
                 0, "%s", err);
    nf_stage_env *env = nf_stage_env_new(".");
    cr_assert_eq(nf_stage_normalize.init(ctx, env, err, sizeof err), 0, "%s", err);
    nf_stage_env_destroy(env);
    nf_config_destroy(cfg);
}

static void setup(void)
{
    ctx = NULL;
    configure(NULL);
    nf_doc_init(&doc);
}

static void teardown(void)
{
    nf_doc_fini(&doc);
    nf_opt_release(nf_stage_normalize.options, ctx);
    free(ctx);
}

TestSuite(normalize, .init = setup, .fini = teardown, .timeout = 60);

static void set_field(nf_field f, const char *s, size_t n)
{
    doc.field[f] = s ? nf_arena_strndup(&doc.arena, s, n) : NULL;
    doc.field_len[f] = s ? (uint32_t)n : 0;
}

static nf_stage_rc run2(const char *text, size_t text_len, const char *title)
{
    nf_doc_reset(&doc);
    set_field(NF_FIELD_TEXT, text, text_len);
    set_field(NF_FIELD_TITLE, title, title ? strlen(title) : 0);
    nf_stage_rc rc = nf_stage_normalize.process(ctx, &doc);
    for (int f = 0; f < NF_FIELD_COUNT; f++) {
        if (doc.field[f]) {
            cr_assert_eq(strlen(doc.field[f]), doc.field_len[f], "NUL-terminated at its length");
            cr_assert(nf_utf8_valid(doc.field[f], doc.field_len[f], NULL), "valid UTF-8");
        }
    }
    return rc;
}

/* Normalised text of \p in (which must not normalise to nothing). */
static const char *norm(const char *in)
{
    cr_assert_eq(run2(in, strlen(in), NULL), NF_STAGE_OK, "input: %s (%s)", in,
                 doc.err.message);
    return doc.field[NF_FIELD_TEXT];
}

typedef struct norm_case {
    char in[160];
    char out[160];
} norm_case;

static void check_cases(const norm_case *cases, size_t n)
{
    for (size_t i = 0; i < n; i++) {
        const char *got = norm(cases[i].in);
        cr_assert_str_eq(got, cases[i].out, "case %zu: in \"%s\"", i, cases[i].in);
    }
}

/* ---- HTML -------------------------------------------------------------------------------- */

Test(normalize, tags)
{
    const norm_case cases[] = {
        {"<b>Bold</b> and <i class=\"x\">italic</i>.", "Bold and italic."},
        {"<p>One</p><p>Two</p>", "One\n\nTwo"},
        {"line<br>break<br/>again<BR />end", "line\nbreak\nagain\nend"},
        {"<div>a</div><div>b</div>", "a\n\nb"},
        {"<ul><li>one</li><li>two</li></ul>", "one\n\ntwo"},
        {"<h1>Head</h1>Body", "Head\nBody"},
        {"<table><tr><td>a</td><td>b</td></tr><tr><td>c</td></tr></table>", "ab\n\nc"},
        {"<a href=\"https://x.y/?a=1&b=2\">link</a> text", "link text"},
        {"<span\nclass=\"multi-line\">wrapped</span>", "wrapped"},
        {"<my-widget data-x=1>custom</my-widget> <o:p>ns</o:p>", "custom ns"},
        {"<!DOCTYPE html><html><body>doc</body></html>", "doc"},
        {"<?xml version=\"1.0\"?>xml", "xml"},
        {"Z\xC3\xBCrich <em>\xE2\x82\xAC</em>1.2bn <b>\xE5\x8C\x97\xE4\xBA\xAC</b>",
         "Z\xC3\xBCrich \xE2\x82\xAC" "1.2bn \xE5\x8C\x97\xE4\xBA\xAC"},
    };
    check_cases(cases, sizeof cases / sizeof cases[0]);
}

Test(normalize, script_style_and_comments_are_dropped_with_their_content)
{
    const norm_case cases[] = {
        {"a<script>var s = '<p>x</p>'; if (a<b) {}</script>b", "ab"},
        {"a<SCRIPT type=\"text/javascript\">x()</SCRIPT >b", "ab"},
        {"a<style>p { color: red }</style>b", "ab"},
        {"a<!-- hidden <p>tag</p> -->b", "ab"},
        {"a<!---->b<!-- x -- y -->c", "abc"},
        {"keep <script/> this", "keep this"},
        {"text<script>never closed", "text"},
    };
    check_cases(cases, sizeof cases / sizeof cases[0]);
}

Test(normalize, a_less_than_that_is_not_a_tag_stays)
{
    const norm_case cases[] = {
        {"a < b and c > d", "a < b and c > d"},
        {"if x<y and z>w then", "if x<y and z>w then"},
        {"I <3 news", "I <3 news"},
        {"<notatag> stays", "<notatag> stays"},
        {"unclosed <b never ends", "unclosed <b never ends"},
        {"stray <!-- opener", "stray <!-- opener"},
        {"<<<>>>", "<<<>>>"},
        {"x </ y", "x </ y"},
        {"ends with <", "ends with <"},
    };
    check_cases(cases, sizeof cases / sizeof cases[0]);
}

/* ---- Character references ---------------------------------------------------------------- */

Test(normalize, named_references)
{
    const norm_case cases[] = {
        {"&amp; &lt; &gt; &quot; &apos;", "& < > \" '"},
        {"a&nbsp;b", "a b"},
        {"&mdash; &ndash; &hellip;", "\xE2\x80\x94 \xE2\x80\x93 \xE2\x80\xA6"},
        {"&lsquo;x&rsquo; &ldquo;y&rdquo;", "\xE2\x80\x98x\xE2\x80\x99 \xE2\x80\x9Cy\xE2\x80\x9D"},
        {"caf&eacute; &Eacute;cole &uuml;ber &ntilde; &szlig;",
         "caf\xC3\xA9 \xC3\x89" "cole \xC3\xBC" "ber \xC3\xB1 \xC3\x9F"},
        {"&euro;5 &pound;3 &copy; &deg;", "\xE2\x82\xAC" "5 \xC2\xA3" "3 \xC2\xA9 \xC2\xB0"},
        {"&lt;p&gt; is text, not a tag", "<p> is text, not a tag"},
        {"&amp;lt; decodes once", "&lt; decodes once"},
    };
    check_cases(cases, sizeof cases / sizeof cases[0]);
}

Test(normalize, numeric_references)
{
    const norm_case cases[] = {
        {"&#8364; &#x20AC; &#X20ac;", "\xE2\x82\xAC \xE2\x82\xAC \xE2\x82\xAC"},
        {"&#65;&#x42;", "AB"},
        {"&#128512;", "\xF0\x9F\x98\x80"},
        {"&#150; &#146;", "\xE2\x80\x93 \xE2\x80\x99"},           /* Windows-1252 C1 */
        {"a&#160;b", "a b"},
        {"[&#0;]", "[\xEF\xBF\xBD]"},                             /* NUL */
        {"[&#xD800;]", "[\xEF\xBF\xBD]"},                         /* surrogate */
        {"[&#x110000;]", "[\xEF\xBF\xBD]"},                       /* beyond Unicode */
        {"[&#99999999999999999999;]", "[\xEF\xBF\xBD]"},          /* overflow */
        {"[&#1;]", "[\xEF\xBF\xBD]"},                             /* control */
        {"[&#x81;]", "[\xEF\xBF\xBD]"},                           /* unassigned C1 */
    };
    check_cases(cases, sizeof cases / sizeof cases[0]);
}

Test(normalize, unknown_or_malformed_references_stay_literal)
{
    const norm_case cases[] = {
        {"AT&T and R&D", "AT&T and R&D"},
        {"&foo; &amp &#; &#x; &#xZZ; &#12a;", "&foo; &amp &#; &#x; &#xZZ; &#12a;"},
        {"&AMP; is case-sensitive", "&AMP; is case-sensitive"},
        {"trailing &", "trailing &"},
        {"&verylongentityname;", "&verylongentityname;"},
    };
    check_cases(cases, sizeof cases / sizeof cases[0]);
}

/* ---- Line endings and whitespace ----------------------------------------------------------- */

Test(normalize, fold_whitespace)
{
    const norm_case cases[] = {
        {"a  \t b", "a b"},
        {"a\r\nb\rc\n", "a\nb\nc"},
        {"  lead and trail   \nnext line\t ", "lead and trail\nnext line"},
        {"\n\n\nA\n\n\n\n\nB\n\n\n", "A\n\nB"},
        {"A\n   \n \t \nB", "A\n\nB"},
        {"A\nB", "A\nB"},
        {"non\xC2\xA0" "breaking\xC2\xA0\xC2\xA0space", "non breaking space"},
        {"p1 <p> </p> p2", "p1\n\np2"},
        {"\xE5\x8C\x97   \xE4\xBA\xAC", "\xE5\x8C\x97 \xE4\xBA\xAC"},
    };
    check_cases(cases, sizeof cases / sizeof cases[0]);
}

/* Folding and cleaning read 8 bytes at a time where they can: blanks at every position of
 * an 8-byte step (double spaces across a step's edge, a tab, a space at a step's first or last
 * byte, control bytes) fold as one byte at a time would, and a special byte (&, <, CR, NBSP)
 * at any position is still seen. */
Test(normalize, fold_and_clean_at_every_position_of_an_8_byte_step)
{
    for (int pos = 0; pos < 20; pos++) {
        for (int kind = 0; kind < 7; kind++) {
            static const char *blank[] = {"  ", "\t", " \t ", "   ", "\x01", "&amp;", "<b>"};
            static const char *want[] = {" ", " ", " ", " ", "\x01", "&", ""};
            char in[128], out[128];
            snprintf(in, sizeof in, "%.*sWORD%sTAIL more words here", pos,
                     "abcdefghijklmnopqrstuvwxyz", blank[kind]);
            snprintf(out, sizeof out, "%.*sWORD%sTAIL more words here", pos,
                     "abcdefghijklmnopqrstuvwxyz", want[kind]);
            cr_assert_str_eq(norm(in), out, "pos %d kind %d", pos, kind);
        }
    }
    cr_assert_str_eq(norm("one two three four five six seven eight nine ten  eleven"),
                     "one two three four five six seven eight nine ten eleven");
}

Test(normalize, keep_whitespace_only_normalises_line_endings)
{
    const char *const opts[] = {"whitespace", "keep", NULL};
    configure(opts);
    const norm_case cases[] = {
        {"a  b\r\n\r\n\r\n\r\nc  ", "a  b\n\n\n\nc  "},
        {"\n\n  x\t\n", "\n\n  x\t\n"},
        {"a\xC2\xA0" "b<br>c", "a b\nc"},
        {"x\nAdvertisement\ny", "x\ny"},
        {"Body\nRelated articles\nMore", "Body\n"},
    };
    check_cases(cases, sizeof cases / sizeof cases[0]);
}

Test(normalize, bad_whitespace_value_is_rejected)
{
    nf_config *cfg = nf_config_new();
    nf_config_set(cfg, "stage.normalize.whitespace", "squash", NF_CFG_CLI, NULL);
    void *c = calloc(1, nf_stage_normalize.ctx_size);
    char err[NF_ERRSTR_SIZE] = "";
    cr_assert_neq(nf_opt_apply(nf_stage_normalize.options, "stage.normalize.", cfg, c, err,
                               sizeof err),
                  0);
    cr_assert(strstr(err, "stage.normalize.whitespace") && strstr(err, "keep"), "%s", err);
    free(c);
    nf_config_destroy(cfg);
}

/* ---- Boilerplate lines ---------------------------------------------------------------------- */

Test(normalize, default_drop_lines)
{
    const norm_case cases[] = {
        {"Last minute\n\nHeadline\nBody.", "Headline\nBody."},
        {"Body one.\n  ADVERTISEMENT  \nBody two.", "Body one.\nBody two."},
        {"Share  this\tarticle\nText", "Text"},
        {"Advertisement for a new car is not boilerplate", "Advertisement for a new car is not "
                                                           "boilerplate"},
        {"x\n<p>Share on Twitter</p>\ny", "x\n\ny"},
    };
    check_cases(cases, sizeof cases / sizeof cases[0]);
}

Test(normalize, default_cut_at_lines)
{
    const norm_case cases[] = {
        {"Body.\n\nRelated articles\nOther story\nAnother", "Body."},
        {"Body.\nread MORE\nrest", "Body."},
        {"Body mentions related articles inline.\nEnd", "Body mentions related articles "
                                                        "inline.\nEnd"},
        {"Body.\n<h3>Related stories</h3><ul><li>x</li></ul>", "Body."},
    };
    check_cases(cases, sizeof cases / sizeof cases[0]);
}

Test(normalize, custom_and_empty_line_lists)
{
    const char *const custom[] = {"drop_lines", "Sponsored, Subscribe now", "cut_at_lines",
                                  "The End", NULL};
    configure(custom);
    cr_assert_str_eq(norm("SPONSORED\nText\nAdvertisement\nthe end\nTrailer"),
                     "Text\nAdvertisement");
    const char *const none[] = {"drop_lines", "", "cut_at_lines", "", NULL};
    configure(none);
    cr_assert_str_eq(norm("Last minute\nText\nRelated articles\nMore"),
                     "Last minute\nText\nRelated articles\nMore");
}

Test(normalize, text_that_normalises_to_nothing_fails)
{
    cr_assert_eq(run2("<p></p>\n  <br>", 14, NULL), NF_STAGE_FAIL);
    cr_assert_eq(doc.err.code, NF_ENOBODY);
    cr_assert_eq(run2("Related articles\nLinks", 22, NULL), NF_STAGE_FAIL);
    cr_assert_eq(doc.err.code, NF_ENOBODY);
}

/* ---- Title --------------------------------------------------------------------------------- */

Test(normalize, title_is_one_folded_line)
{
    cr_assert_eq(run2("Body", 4, "  <b>Kazakhstan</b> &amp;\r\n China  "), NF_STAGE_OK);
    cr_assert_str_eq(doc.field[NF_FIELD_TITLE], "Kazakhstan & China");
    cr_assert_eq(run2("Body", 4, "Advertisement"), NF_STAGE_OK);
    cr_assert_str_eq(doc.field[NF_FIELD_TITLE], "Advertisement", "no boilerplate rules");
    cr_assert_eq(run2("Body", 4, "<span></span>"), NF_STAGE_OK);
    cr_assert_null(doc.field[NF_FIELD_TITLE], "markup only: no title");
    cr_assert_eq(doc.field_len[NF_FIELD_TITLE], 0);
    cr_assert_eq(run2("Body", 4, NULL), NF_STAGE_OK);
    cr_assert_null(doc.field[NF_FIELD_TITLE]);
}

/* ---- The seed article's shape --------------------------------------------------------------- */

Test(normalize, scraped_page_shape)
{
    /* A page scrape like the seed article: section label, tag line, headline, dateline and
     * body paragraphs, then a "Related articles" block. Written for this test. */
    const char *in = "Last minute\r\n\r\nMongolia Japan Trade\r\n\r\n"
                     "Mongolia&#8217;s exports to Japan rise&nbsp;sharply\r\n\r\n"
                     "<p>Ulaanbaatar, Mongolia, March 3. Exports from Mongolia to Japan grew by "
                     "12.5&nbsp;percent, to $1.1 billion, the ministry said.</p>\r\n"
                     "<p>&ldquo;We expect more,&rdquo; the minister   said.</p>\r\n"
                     "Advertisement\r\n"
                     "<p>Imports fell.</p>\r\n\r\n\r\n"
                     "Related articles\r\nMongolia opens new rail link\r\nJapan cuts rates";
    const char *want = "Mongolia Japan Trade\n\n"
                       "Mongolia\xE2\x80\x99s exports to Japan rise sharply\n\n"
                       "Ulaanbaatar, Mongolia, March 3. Exports from Mongolia to Japan grew by "
                       "12.5 percent, to $1.1 billion, the ministry said.\n\n"
                       "\xE2\x80\x9CWe expect more,\xE2\x80\x9D the minister said.\n\n"
                       "Imports fell.";
    cr_assert_str_eq(norm(in), want);
}

/* ---- Robustness ------------------------------------------------------------------------------ */

static double seconds(void)
{
    struct timespec ts;
    clock_gettime(CLOCK_MONOTONIC, &ts);
    return (double)ts.tv_sec + (double)ts.tv_nsec / 1e9;
}

/* A megabyte of a repeated pattern must take about as long as a megabyte of prose. A quadratic
 * scan would take minutes here; the bound leaves room for sanitizers and a busy machine. */
static void check_fast(const char *pattern)
{
    size_t n = 1 << 20, k = strlen(pattern);
    char *s = malloc(n + 1);
    for (size_t i = 0; i < n; i++) {
        s[i] = pattern[i % k];
    }
    /* keep the tail on a character boundary */
    while (n > 0 && !nf_utf8_is_boundary(s, n, n)) {
        n--;
    }
    s[n] = '\0';
    double t0 = seconds();
    run2(s, n, NULL);
    double dt = seconds() - t0;
    cr_assert_lt(dt, 2.0, "pattern \"%s\": %.3f s for 1 MiB", pattern, dt);
    free(s);
}

Test(normalize, hostile_input_is_linear)
{
    const char *patterns[] = {"<",      "&",          "<<<<>",     "&&&&;",      "<a",
                              "<a ",    "</a",        "<!--",      "<!-- --",    "&#",
                              "&#x",    "&#1234567",  "&amp",      "<script>",   "<script></",
                              "<style ", "<!x",       "\r",        "\r\n",       " \t",
                              "\n\n\n", "Read more\n", "a\xC2\xA0", "<p>&amp;x ", "-->"};
    for (size_t i = 0; i < sizeof patterns / sizeof patterns[0]; i++) {
        check_fast(patterns[i]);
    }
}

Test(normalize, output_is_valid_utf8_for_mixed_fragments)
{
    /* Every pair of tricky fragments, with multi-byte text around: run2 checks UTF-8 and NUL
     * termination of each result. */
    const char *frag[] = {"\xC3\xA9",   "\xE2\x82\xAC", "\xF0\x9F\x98\x80", "<b>",  "</p>",
                          "&#0;",       "&#xD800;",     "&eacute;",         "&",    "<",
                          "\xC2\xA0",   "\r",           "<!--",             "-->",  "&#150;",
                          "<script>",   "</script>",    " ",                "\n\n", "x"};
    size_t nf = sizeof frag / sizeof frag[0];
    for (size_t a = 0; a < nf; a++) {
        for (size_t b = 0; b < nf; b++) {
            char in[128];
            snprintf(in, sizeof in, "\xE5\x8C\x97%s%s%s\xE4\xBA\xAC", frag[a], frag[b], frag[a]);
            run2(in, strlen(in), frag[b]);
        }
    }
}
