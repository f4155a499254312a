/* Log lines: text and JSON formats (one JSON object per line with time, level, message,
 * fields), fields, level threshold, and lines that stay valid whatever the message holds. */
#include "common/log.h"

#include <criterion/criterion.h>
#include <jansson.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

static char path[64];

static void capture(void)
{
    snprintf(path, sizeof path, "/tmp/nf-log-%d.txt", (int)getpid());
    cr_assert_not_null(freopen(path, "w", stderr));
}

static char *captured(void)
{
    fflush(stderr);
    FILE *f = fopen(path, "r");
    cr_assert_not_null(f);
    static char buf[1 << 16];
    size_t n = fread(buf, 1, sizeof buf - 1, f);
    buf[n] = '\0';
    fclose(f);
    unlink(path);
    return buf;
}

TestSuite(log, .init = capture);

Test(log, json_is_one_object_per_line_with_time_level_message_fields)
{
    nf_log_set_format(NF_LOG_JSON);
    nf_log_set_level(NF_LOG_INFO);
    const char *fields[] = {"topic", "news.raw", "partition", "2", "offset", "007", NULL};
    NF_LOGF(NF_LOG_WARN, fields, "dead-lettering %s", "a \"quoted\"\nmessage");
    NF_INFO("plain %d", 42);
    NF_DEBUG("not shown at info");
    char *out = captured();
    char *second = strchr(out, '\n');
    cr_assert_not_null(second);
    *second++ = '\0';
    cr_assert_eq(strchr(second, '\n'), second + strlen(second) - 1, "two lines: %s", second);

    json_error_t jerr;
    json_t *o = json_loads(out, 0, &jerr);
    cr_assert_not_null(o, "%s: %s", jerr.text, out);
    cr_assert_eq(json_object_size(o), 4, "%s", out);
    const char *time = json_string_value(json_object_get(o, "time"));
    cr_assert(time && strlen(time) == 24 && time[10] == 'T' && time[23] == 'Z', "%s", out);
    cr_assert_str_eq(json_string_value(json_object_get(o, "level")), "warn");
    cr_assert_str_eq(json_string_value(json_object_get(o, "message")),
                     "dead-lettering a \"quoted\"\nmessage");
    json_t *f = json_object_get(o, "fields");
    cr_assert_str_eq(json_string_value(json_object_get(f, "topic")), "news.raw");
    cr_assert_eq(json_integer_value(json_object_get(f, "partition")), 2, "integers are numbers");
    cr_assert_str_eq(json_string_value(json_object_get(f, "offset")), "007",
                     "a leading zero keeps it a string");
    json_decref(o);

    o = json_loads(second, JSON_DECODE_ANY, &jerr);
    cr_assert_not_null(o, "%s: %s", jerr.text, second);
    cr_assert_str_eq(json_string_value(json_object_get(o, "level")), "info");
    cr_assert_str_eq(json_string_value(json_object_get(o, "message")), "plain 42");
    cr_assert(json_is_object(json_object_get(o, "fields")));
    cr_assert_eq(json_object_size(json_object_get(o, "fields")), 0);
    json_decref(o);
}

Test(log, json_stays_valid_utf8_on_broken_bytes)
{
    nf_log_set_format(NF_LOG_JSON);
    NF_ERROR("bad bytes: \xff\xfe end");
    char *out = captured();
    json_error_t jerr;
    json_t *o = json_loads(out, 0, &jerr);
    cr_assert_not_null(o, "%s: %s", jerr.text, out);
    cr_assert_str_eq(json_string_value(json_object_get(o, "message")),
                     "bad bytes: \xef\xbf\xbd\xef\xbf\xbd end");
    json_decref(o);
}

Test(log, text_appends_fields_and_keeps_one_line)
{
    nf_log_set_format(NF_LOG_TEXT);
    nf_log_set_level(NF_LOG_INFO);
    const char *fields[] = {"topic", "news.raw", "reason", "two words", NULL};
    NF_LOGF(NF_LOG_WARN, fields, "first\nsecond");
    char *out = captured();
    cr_assert(strstr(out, " newsflow WARN: first second topic=news.raw reason=\"two words\"\n"),
              "%s", out);
    cr_assert_eq(strchr(out, '\n'), out + strlen(out) - 1, "one line: %s", out);
}

Test(log, threshold_and_parsing)
{
    nf_log_level l;
    nf_log_format f;
    cr_assert_eq(nf_log_level_parse("warn", &l), 0);
    cr_assert_eq(l, NF_LOG_WARN);
    cr_assert_eq(nf_log_level_parse("verbose", &l), -1);
    cr_assert_eq(nf_log_format_parse("json", &f), 0);
    cr_assert_eq(f, NF_LOG_JSON);
    cr_assert_eq(nf_log_format_parse("JSON", &f), -1);
    nf_log_set_format(NF_LOG_TEXT);
    nf_log_set_level(NF_LOG_ERROR);
    NF_WARN("hidden");
    NF_ERROR("shown");
    char *out = captured();
    cr_assert_null(strstr(out, "hidden"), "%s", out);
    cr_assert(strstr(out, "ERROR: shown"), "%s", out);
}
