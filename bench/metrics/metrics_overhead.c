/* What metrics cost the data path: nanoseconds per stage observation (one CLOCK_MONOTONIC read,
 * as nf_pipeline_process() does per stage when timing, plus the histogram update) and per
 * message (consumed + produced + acknowledged, with the end-to-end clock read). Compare with
 * the per-article time of `newsflow tag --stats` (bench/run.sh). Single thread; the best of
 * \p rounds (default 5) rounds of 5 million each.
 *
 *   build/release/bench/metrics/metrics_overhead [rounds] */
#include "metrics/metrics.h"

#include <stdio.h>
#include <stdlib.h>
#include <time.h>

static uint64_t now_ns(void)
{
    struct timespec t;
    clock_gettime(CLOCK_MONOTONIC, &t);
    return (uint64_t)t.tv_sec * 1000000000u + (uint64_t)t.tv_nsec;
}

int main(int argc, char **argv)
{
    int rounds = argc > 1 ? atoi(argv[1]) : 5;
    const int n = 5000000;
    static const char *const stages[] = {"decode",  "normalize", "dateline",
                                         "numbers", "entities",  "encode"};
    nf_metrics_build b = {"bench", "c", "d", stages, 6};
    nf_metrics *m = nf_metrics_new(&b, 60000);
    double best_stage = 1e9, best_msg = 1e9;
    for (int r = 0; r < rounds; r++) {
        uint64_t t0 = now_ns(), prev = t0;
        for (int i = 0; i < n; i++) {
            uint64_t t = now_ns();
            nf_metrics_observe_stage(m, (size_t)(i % 6), t - prev + 1000);
            prev = t;
        }
        uint64_t t1 = now_ns();
        for (int i = 0; i < n; i++) {
            nf_metrics_consumed(m, 1000);
            nf_metrics_produced(m, false);
            nf_metrics_acked(m, false, 0, 1000, 1);
        }
        uint64_t t2 = now_ns();
        double s = (double)(t1 - t0) / n, g = (double)(t2 - t1) / n;
        best_stage = s < best_stage ? s : best_stage;
        best_msg = g < best_msg ? g : best_msg;
    }
    printf("per stage observation: %.1f ns\nper message (consumed+produced+acked): %.1f ns\n"
           "per article with 6 stages: %.2f us\n",
           best_stage, best_msg, (6 * best_stage + best_msg) / 1000.0);
    nf_metrics_destroy(m);
    return 0;
}
