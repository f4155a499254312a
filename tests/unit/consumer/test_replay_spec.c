#include "consumer/replay_spec.h"

#include <criterion/criterion.h>
#include <string.h>

/* 2026-01-02T03:04:05.678Z */
#define NOW_MS 1767323045678LL

static nf_offset_spec ok(const char *text, nf_spec_bound bound)
{
    nf_offset_spec s;
    char err[512] = "";
    cr_assert_eq(nf_offset_spec_parse(text, bound, NOW_MS, &s, err, sizeof err), 0,
                 "\"%s\" should parse: %s", text, err);
    return s;
}

static void bad(const char *text, nf_spec_bound bound, const char *must_mention)
{
    nf_offset_spec s;
    char err[512] = "";
    cr_assert_eq(nf_offset_spec_parse(text, bound, NOW_MS, &s, err, sizeof err), -1,
                 "\"%s\" should be refused", text);
    const char *flag = bound == NF_SPEC_FROM ? "--from" : "--to";
    cr_assert(strstr(err, flag), "error names the flag: %s", err);
    cr_assert(strstr(err, "allowed:"), "error lists what is allowed: %s", err);
    cr_assert(strstr(err, must_mention), "error mentions \"%s\": %s", must_mention, err);
}

Test(replay_spec, kcat_words_and_offsets)
{
    cr_assert_eq(ok("beginning", NF_SPEC_FROM).kind, NF_SPEC_BEGINNING);
    cr_assert_eq(ok("end", NF_SPEC_TO).kind, NF_SPEC_END);
    nf_offset_spec s = ok("12345", NF_SPEC_FROM);
    cr_assert_eq(s.kind, NF_SPEC_OFFSET);
    cr_assert_eq(s.value, 12345);
    s = ok("0", NF_SPEC_TO);
    cr_assert_eq(s.kind, NF_SPEC_OFFSET);
    cr_assert_eq(s.value, 0);
    s = ok("-100", NF_SPEC_FROM);
    cr_assert_eq(s.kind, NF_SPEC_FROM_END);
    cr_assert_eq(s.value, 100);
}

Test(replay_spec, timestamps_with_the_right_prefix)
{
    nf_offset_spec s = ok("s@1717200000000", NF_SPEC_FROM);
    cr_assert_eq(s.kind, NF_SPEC_TIME);
    cr_assert_eq(s.value, 1717200000000LL);
    s = ok("e@1717200000001", NF_SPEC_TO);
    cr_assert_eq(s.kind, NF_SPEC_TIME);
    cr_assert_eq(s.value, 1717200000001LL);
    bad("e@1717200000000", NF_SPEC_FROM, "s@");
    bad("s@1717200000000", NF_SPEC_TO, "e@");
    bad("s@", NF_SPEC_FROM, "milliseconds");
    bad("s@12x", NF_SPEC_FROM, "milliseconds");
}

Test(replay_spec, rfc3339)
{
    nf_offset_spec s = ok("2025-06-01T00:00:00Z", NF_SPEC_FROM);
    cr_assert_eq(s.kind, NF_SPEC_TIME);
    cr_assert_eq(s.value, 1748736000000LL);
    cr_assert_eq(ok("2025-06-01", NF_SPEC_TO).value, 1748736000000LL);
    cr_assert_eq(ok("2025-06-01T02:00:00.250+02:00", NF_SPEC_FROM).value, 1748736000250LL);
    cr_assert_eq(ok("2025-05-31T19:30:00-04:30", NF_SPEC_FROM).value, 1748736000000LL);
    cr_assert_eq(ok("1970-01-01T00:00:00.001Z", NF_SPEC_FROM).value, 1);
    cr_assert_eq(ok("2024-02-29T12:00:00z", NF_SPEC_FROM).value, 1709208000000LL);
    bad("2025-02-29T00:00:00Z", NF_SPEC_FROM, "RFC 3339");
    bad("2025-06-01T00:00:00", NF_SPEC_FROM, "RFC 3339"); /* no offset: ambiguous local time */
    bad("2025-13-01T00:00:00Z", NF_SPEC_TO, "RFC 3339");
    bad("2025-06-01T24:00:00Z", NF_SPEC_TO, "RFC 3339");
    bad("2025-06-01T00:00:00Zjunk", NF_SPEC_TO, "RFC 3339");
}

Test(replay_spec, rfc3339_round_trip)
{
    char buf[64];
    nf_rfc3339_format(1748736000250LL, buf, sizeof buf);
    cr_assert_str_eq(buf, "2025-06-01T00:00:00.250Z");
    nf_rfc3339_format(0, buf, sizeof buf);
    cr_assert_str_eq(buf, "1970-01-01T00:00:00.000Z");
    nf_rfc3339_format(NOW_MS, buf, sizeof buf);
    cr_assert_str_eq(buf, "2026-01-02T03:04:05.678Z");
    int64_t back;
    cr_assert_eq(nf_rfc3339_parse(buf, &back), 0);
    cr_assert_eq(back, NOW_MS);
}

Test(replay_spec, durations_count_back_from_now)
{
    nf_offset_spec s = ok("-24h", NF_SPEC_FROM);
    cr_assert_eq(s.kind, NF_SPEC_TIME);
    cr_assert_eq(s.value, NOW_MS - 24LL * 3600000);
    cr_assert_eq(ok("-P7D", NF_SPEC_FROM).value, NOW_MS - 7LL * 86400000);
    cr_assert_eq(ok("-PT12H", NF_SPEC_TO).value, NOW_MS - 12LL * 3600000);
    cr_assert_eq(ok("-P1DT6H30M", NF_SPEC_FROM).value, NOW_MS - (86400000LL + 6 * 3600000 + 1800000));
    cr_assert_eq(ok("-P2W", NF_SPEC_FROM).value, NOW_MS - 2 * 604800000LL);
    cr_assert_eq(ok("-1h30m", NF_SPEC_FROM).value, NOW_MS - 5400000);
    cr_assert_eq(ok("-90s", NF_SPEC_TO).value, NOW_MS - 90000);
    cr_assert_eq(ok("-500ms", NF_SPEC_TO).value, NOW_MS - 500);
    cr_assert_eq(ok("-7d", NF_SPEC_FROM).value, NOW_MS - 7 * 86400000LL);
    cr_assert_eq(ok("-1w", NF_SPEC_FROM).value, NOW_MS - 604800000LL);
    bad("-P1M", NF_SPEC_FROM, "months");   /* ISO P1M = a month: no fixed length */
    bad("-P1Y", NF_SPEC_FROM, "years");
    bad("-PT", NF_SPEC_FROM, "duration");
    bad("-P", NF_SPEC_FROM, "duration");
    bad("-3x", NF_SPEC_FROM, "duration");
    bad("-1h30", NF_SPEC_TO, "duration");
    bad("-", NF_SPEC_TO, "duration");
    bad("-100000000w", NF_SPEC_FROM, "1970");
}

Test(replay_spec, refusals_name_flag_and_allowed_forms)
{
    bad("", NF_SPEC_FROM, "empty");
    bad("start", NF_SPEC_FROM, "not recognised");
    bad("stored", NF_SPEC_FROM, "--resume");
    bad("1.5", NF_SPEC_TO, "not recognised");
    bad("+5", NF_SPEC_TO, "not recognised");
    bad("99999999999999999999", NF_SPEC_FROM, "not recognised");
}

Test(replay_spec, format)
{
    char buf[64];
    nf_offset_spec s = {NF_SPEC_FROM_END, 10};
    nf_offset_spec_format(&s, buf, sizeof buf);
    cr_assert_str_eq(buf, "end-10");
    s = (nf_offset_spec){NF_SPEC_OFFSET, 7};
    nf_offset_spec_format(&s, buf, sizeof buf);
    cr_assert_str_eq(buf, "offset 7");
    s = (nf_offset_spec){NF_SPEC_TIME, 1748736000000LL};
    nf_offset_spec_format(&s, buf, sizeof buf);
    cr_assert_str_eq(buf, "2025-06-01T00:00:00.000Z");
}

Test(replay_spec, partitions)
{
    nf_partition_set set;
    char err[256];
    cr_assert_eq(nf_partition_set_parse("0,2-5", &set, err, sizeof err), 0, "%s", err);
    int32_t want[] = {0, 2, 3, 4, 5};
    cr_assert_eq(set.n, 5);
    cr_assert_arr_eq(set.items, want, sizeof want);
    cr_assert(nf_partition_set_has(&set, 3));
    cr_assert(!nf_partition_set_has(&set, 1));
    cr_assert(!nf_partition_set_has(&set, 6));
    nf_partition_set_free(&set);

    /* overlaps and order do not matter; the set comes out sorted */
    cr_assert_eq(nf_partition_set_parse("7, 3-4,4,0", &set, err, sizeof err), 0, "%s", err);
    int32_t want2[] = {0, 3, 4, 7};
    cr_assert_eq(set.n, 4);
    cr_assert_arr_eq(set.items, want2, sizeof want2);
    nf_partition_set_free(&set);

    nf_partition_set all = {NULL, 0};
    cr_assert(nf_partition_set_has(&all, 42), "an empty set means every partition");
}

Test(replay_spec, partitions_refused)
{
    const char *cases[][2] = {
        {"", "empty"},          {"5-2", "upwards"},  {"1,,2", "partition number"},
        {"-1", "not negative"}, {"2-", "upper bound"}, {"a", "partition number"},
        {"1;2", "unexpected"},  {"10000000", "too large"},
    };
    for (size_t i = 0; i < sizeof cases / sizeof cases[0]; i++) {
        nf_partition_set set;
        char err[256] = "";
        cr_assert_eq(nf_partition_set_parse(cases[i][0], &set, err, sizeof err), -1, "%s",
                     cases[i][0]);
        cr_assert(strstr(err, "--partitions"), "%s", err);
        cr_assert(strstr(err, "0,2-5"), "lists the allowed form: %s", err);
        cr_assert(strstr(err, cases[i][1]), "\"%s\": %s", cases[i][0], err);
    }
}
