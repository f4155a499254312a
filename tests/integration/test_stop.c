/* SIGTERM mid-stream: newsflow stops consuming, finishes what is in flight, flushes, commits
 * and exits 0; a restart of the same group then leaves no input without output. */
#include "harness.h"

#include <criterion/criterion.h>
#include <signal.h>
#include <stdio.h>

/* A small producer queue keeps newsflow from reading the whole input ahead into it, so the
 * signal lands mid-stream; it also exercises backpressure (queue full must slow the consumer
 * down, never drop an output). */
static const char *const small_queue[] = {
    "producer.kafka.queue.buffering.max.messages=500",
    NULL,
};

Test(stop, sigterm_mid_stream_then_restart, .timeout = 280)
{
    nf_it_restart_result r;
    nf_it_interrupt_and_restart("sigterm", SIGTERM, 0, 20000, 1, small_queue, &r);
    /* The signal must have landed mid-stream, or the restart tested nothing. */
    cr_assert_lt(r.committed_first_run, r.inputs,
                 "the first run finished all %ld inputs before SIGTERM took effect", r.inputs);
    /* A graceful stop commits everything it output: the restart repeats nothing. */
    cr_assert_eq(r.past_commit, 0,
                 "%ld input(s) were output but not committed by the graceful stop",
                 r.past_commit);
    cr_assert_eq(r.duplicates, 0, "%ld duplicate output(s) after a graceful stop", r.duplicates);
}

Test(stop, sigint_is_a_graceful_stop_too, .timeout = 200)
{
    nf_it_restart_result r;
    nf_it_interrupt_and_restart("sigint", SIGINT, 0, 5000, 1, small_queue, &r);
    cr_assert_eq(r.past_commit, 0,
                 "%ld input(s) were output but not committed by the graceful stop",
                 r.past_commit);
}
