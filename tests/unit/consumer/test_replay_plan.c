#include "consumer/replay_plan.h"

#include <criterion/criterion.h>
#include <string.h>

/* Watermarks of a partition that kept offsets 100..199. */
#define LOW 100
#define HIGH 200

static int64_t bound(nf_offset_spec_kind kind, int64_t value, int64_t time_offset)
{
    nf_offset_spec s = {kind, value};
    return nf_replay_resolve_bound(&s, LOW, HIGH, time_offset);
}

Test(replay_plan, bounds_resolve_against_watermarks)
{
    cr_assert_eq(bound(NF_SPEC_BEGINNING, 0, -1), LOW);
    cr_assert_eq(bound(NF_SPEC_END, 0, -1), HIGH);
    cr_assert_eq(bound(NF_SPEC_OFFSET, 150, -1), 150);
    cr_assert_eq(bound(NF_SPEC_OFFSET, 5, -1), LOW, "deleted offsets clamp to the first kept");
    cr_assert_eq(bound(NF_SPEC_OFFSET, 5000, -1), HIGH);
    cr_assert_eq(bound(NF_SPEC_FROM_END, 10, -1), 190);
    cr_assert_eq(bound(NF_SPEC_FROM_END, 0, -1), HIGH);
    cr_assert_eq(bound(NF_SPEC_FROM_END, 1000, -1), LOW);
    cr_assert_eq(bound(NF_SPEC_TIME, 1, 123), 123, "the first offset at or after the time");
    cr_assert_eq(bound(NF_SPEC_TIME, 1, -1), HIGH, "no message that late: the end");
}

Test(replay_plan, metadata_round_trip)
{
    char md[64];
    nf_replay_metadata_format(123456789012LL, md, sizeof md);
    int64_t end = 0;
    cr_assert_eq(nf_replay_metadata_parse(md, strlen(md), &end), 0);
    cr_assert_eq(end, 123456789012LL);
    cr_assert_eq(nf_replay_metadata_parse("", 0, &end), -1);
    cr_assert_eq(nf_replay_metadata_parse(NULL, 0, &end), -1);
    cr_assert_eq(nf_replay_metadata_parse("other app", 9, &end), -1);
    cr_assert_eq(nf_replay_metadata_parse("newsflow.replay end=", 20, &end), -1);
    cr_assert_eq(nf_replay_metadata_parse("newsflow.replay end=12x", 23, &end), -1);
}

Test(replay_plan, total_and_print)
{
    nf_replay_part parts[2] = {
        {.topic = "news.raw", .partition = 0, .low = 0, .high = 50, .start = 10, .end = 50},
        {.topic = "news.raw", .partition = 1, .low = 0, .high = 40, .start = 40, .end = 40,
         .resumed = true},
    };
    nf_replay_plan plan = {parts, 2, 0};
    cr_assert_eq(nf_replay_plan_total(&plan), 40);
    char *buf = NULL;
    size_t len = 0;
    FILE *f = open_memstream(&buf, &len);
    nf_offset_spec from = {NF_SPEC_OFFSET, 10}, to = {NF_SPEC_END, 0};
    nf_replay_plan_print(&plan, &from, &to, f);
    fclose(f);
    cr_assert(strstr(buf, "from offset 10 to end"), "%s", buf);
    cr_assert(strstr(buf, "total: 2 partition(s), 40 message(s), 1 partition(s) resumed"), "%s",
              buf);
    cr_assert(strstr(buf, "(resumed)"), "%s", buf);
    free(buf);
}
