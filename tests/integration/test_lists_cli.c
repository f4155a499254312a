/* The binary with watchlist and pattern files, no broker: bad files are configuration errors
 * (exit 2) naming the file, the line and the reason -- for check-config, tag and run alike;
 * a hostile pattern on a 1 MiB article is bounded (the record carries a warning, exit 0);
 * tag output with lists and patterns follows docs/record.schema.json. */
#include "harness.h"

#include <criterion/criterion.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

/* Run newsflow with \p args, expect exit \p code, return its stderr (malloc'd). */
static char *run(nf_it_tmp *tmp, const char *name, nf_it_argv *args, const char *stdin_path,
                 int code, nf_it_proc *p)
{
    nf_it_spawn(p, tmp, name, args, NULL, stdin_path);
    nf_it_expect_exit(p, code, 120000);
    char *err = nf_it_slurp(p->err_path, NULL);
    cr_assert_not_null(err);
    return err;
}

static void expect_config_error(nf_it_tmp *tmp, const char *cmd, const char *key,
                                const char *path, const char *const *parts)
{
    nf_it_argv a = {0};
    nf_it_argv_add(&a, "%s", cmd);
    nf_it_argv_add(&a, "-X");
    nf_it_argv_add(&a, "%s=%s", key, path);
    if (strcmp(cmd, "run") == 0) {
        nf_it_argv_add(&a, "-X");
        nf_it_argv_add(&a, "kafka.bootstrap.servers=127.0.0.1:1"); /* never reached */
    }
    nf_it_proc p;
    char name[64];
    snprintf(name, sizeof name, "%s-%s", cmd, strrchr(path, '/') + 1);
    char *err = run(tmp, name, &a, NULL, 2, &p);
    cr_assert(strstr(err, path), "%s: stderr does not name %s:\n%s", cmd, path, err);
    for (size_t i = 0; parts[i]; i++) {
        cr_assert(strstr(err, parts[i]), "%s: stderr lacks \"%s\":\n%s", cmd, parts[i], err);
    }
    free(err);
    nf_it_argv_free(&a);
}

Test(lists_cli, bad_files_exit_2_naming_file_and_line, .timeout = 200)
{
    nf_it_tmp tmp;
    nf_it_tmp_init(&tmp);
    char wl[400], pat[400];
    snprintf(wl, sizeof wl, "%s/clients.tsv", tmp.path);
    snprintf(pat, sizeof pat, "%s/ids.conf", tmp.path);
    static const char wl_text[] = "# clients\nAcme Corp\tORG\tC-1\nBeta\tORG\n";
    static const char pat_text[] = "CASE = \\bCase \\d+\n\nTICKET = (?<value>[A-Z]+-\\d+\n";
    nf_it_write_file(wl, wl_text, sizeof wl_text - 1);
    nf_it_write_file(pat, pat_text, sizeof pat_text - 1);
    const char *const wl_parts[] = {"clients.tsv:3:", "name<TAB>label<TAB>id", NULL};
    const char *const pat_parts[] = {"ids.conf:3:", "TICKET", "missing closing parenthesis",
                                     NULL};
    static const char *const cmds[] = {"check-config", "tag", "run"};
    for (size_t i = 0; i < 3; i++) {
        expect_config_error(&tmp, cmds[i], "stage.watchlist.files", wl, wl_parts);
        expect_config_error(&tmp, cmds[i], "stage.patterns.files", pat, pat_parts);
    }

    /* fixed files pass check-config, which prints the data digest they give */
    static const char wl_ok[] = "Acme Corp\tORG\tC-1\n";
    nf_it_write_file(wl, wl_ok, sizeof wl_ok - 1);
    nf_it_argv a = {0};
    nf_it_argv_add(&a, "check-config");
    nf_it_argv_add(&a, "-X");
    nf_it_argv_add(&a, "stage.watchlist.files=%s", wl);
    nf_it_proc p;
    char *err = run(&tmp, "check-ok", &a, NULL, 0, &p);
    free(err);
    char *out = nf_it_slurp(p.out_path, NULL);
    cr_assert(strstr(out, "data_digest"), "%s", out);
    free(out);
    nf_it_argv_free(&a);
    nf_it_tmp_remove(&tmp);
}

Test(lists_cli, hostile_pattern_on_a_1mib_article_is_bounded, .timeout = 200)
{
    nf_it_tmp tmp;
    nf_it_tmp_init(&tmp);
    char pat[400], in[400];
    snprintf(pat, sizeof pat, "%s/hostile.conf", tmp.path);
    snprintf(in, sizeof in, "%s/big.jsonl", tmp.path);
    static const char pat_text[] = "HOSTILE = (a+)+$\n";
    nf_it_write_file(pat, pat_text, sizeof pat_text - 1);
    size_t n = 1024 * 1024 - 200;
    char *line = malloc(n + 64);
    cr_assert_not_null(line);
    int k = snprintf(line, 64, "{\"id\":\"big\",\"body\":\"");
    memset(line + k, 'a', n);
    snprintf(line + k + n, 64, "!\"}\n");
    nf_it_write_file(in, line, strlen(line));
    free(line);

    nf_it_argv a = {0};
    nf_it_argv_add(&a, "tag");
    nf_it_argv_add(&a, "-X");
    nf_it_argv_add(&a, "stage.patterns.files=%s", pat);
    /* a window larger than the article: PCRE2's match limit is what stops the pattern */
    nf_it_argv_add(&a, "-X");
    nf_it_argv_add(&a, "stage.patterns.max_match_bytes=16777216");
    nf_it_proc p;
    /* the bound is the generous test timeout: without a match limit this runs for hours */
    char *err = run(&tmp, "tag-hostile", &a, in, 0, &p);
    free(err);
    char *out = nf_it_slurp(p.out_path, NULL);
    cr_assert_not_null(out);
    cr_assert(strstr(out, "\"warnings\":[{\"stage\":\"patterns\",\"code\":\"match_limit\""),
              "no match-limit warning in the record");
    cr_assert(strstr(out, "\"id\":\"big\""));
    free(out);
    nf_it_validate_jsonl(p.out_path);
    nf_it_argv_free(&a);
    nf_it_tmp_remove(&tmp);
}

Test(lists_cli, tag_records_with_lists_and_patterns_follow_the_schema, .timeout = 200)
{
    nf_it_tmp tmp;
    nf_it_tmp_init(&tmp);
    char in[400];
    snprintf(in, sizeof in, "%s/in.jsonl", tmp.path);
    static const char text[] =
        "{\"id\":\"s-1\",\"title\":\"Halyk Bank (LSE: HSBK) grows\",\"body\":\"Halyk Bank and "
        "Air Astana, said President Kassym-Jomart Tokayev in Astana. See https://halyk.kz or "
        "mail ir@halyk.kz. #Kazakhstan $HSBK rose 4.5 percent to $12 billion.\"}\n";
    nf_it_write_file(in, text, sizeof text - 1);
    /* schema v1, and v2 (the default) with the span texts written so that they can be seen */
    static const char *const schemas[] = {"stage.encode.schema=v1", "stage.encode.span_text=true"};
    static const char *const want[2][7] = {
        {"\"id\":\"LEI-EX-0002\",\"list\":\"watchlist\"", "\"id\":\"P-0001\"",
         "\"label\":\"URL\"", "\"label\":\"EMAIL\"", "\"label\":\"HASHTAG\"",
         "\"label\":\"CASHTAG\",\"text\":\"$HSBK\"", "\"label\":\"CASHTAG\",\"text\":\"LSE: HSBK\""},
        {"\"id\":\"LEI-EX-0002\",\"list\":\"watchlist\"", "\"id\":\"P-0001\"",
         "\"URL\":[{\"span\":[79,95],\"text\":\"https://halyk.kz\",\"pattern\":\"builtin\"}]",
         "\"EMAIL\":[{\"span\":", "\"HASHTAG\":[{\"span\":",
         "\"CASHTAG\":[{\"span\":[129,134],\"text\":\"$HSBK\"",
         "{\"span\":[12,21],\"text\":\"LSE: HSBK\",\"field\":\"title\""}};
    for (int k = 0; k < 2; k++) {
        nf_it_argv a = {0};
        nf_it_argv_add(&a, "tag");
        nf_it_argv_add(&a, "-X");
        nf_it_argv_add(&a, "stage.watchlist.files=%s/examples/watchlist.tsv", NF_SOURCE_DIR);
        nf_it_argv_add(&a, "-X");
        nf_it_argv_add(&a, "%s", schemas[k]);
        nf_it_proc p;
        char *err = run(&tmp, k ? "tag-lists-v2" : "tag-lists-v1", &a, in, 0, &p);
        free(err);
        nf_it_argv_free(&a);
        char *out = nf_it_slurp(p.out_path, NULL);
        for (size_t i = 0; i < 7; i++) {
            cr_assert(strstr(out, want[k][i]), "%s: no %s in %s", schemas[k], want[k][i], out);
        }
        free(out);
        nf_it_validate_jsonl(p.out_path);
    }
    nf_it_tmp_remove(&tmp);
}
