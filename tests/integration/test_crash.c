/* kill -9 mid-stream: nothing is committed that was not output, and a restart of the same group
 * leaves no input without output. Duplicates are allowed (at-least-once): counted, printed. */
#include "harness.h"

#include <criterion/criterion.h>
#include <signal.h>
#include <stdio.h>

Test(crash, kill_9_mid_stream_then_restart, .timeout = 280)
{
    /* Frequent auto-commits and batched output (at most 500 in flight) widen the window in
     * which an offset stored before its output was acknowledged would be committed and then
     * lost by the crash. The short session lets the restarted member take over without
     * waiting 45 s for the dead one to time out. */
    static const char *const extra[] = {
        "consumer.kafka.session.timeout.ms=6000",
        "consumer.kafka.heartbeat.interval.ms=1000",
        "consumer.kafka.auto.commit.interval.ms=100",
        "producer.kafka.linger.ms=200",
        "producer.kafka.queue.buffering.max.messages=500",
        NULL,
    };
    nf_it_restart_result r;
    /* Killed once a few thousand outputs are out, so that some commits have happened and
     * "committed implies output" is checked on real commits. */
    nf_it_interrupt_and_restart("kill9", SIGKILL, 128 + SIGKILL, 20000, 4000, extra, &r);
    cr_assert_gt(r.committed_first_run, 0, "nothing was committed before kill -9: the check "
                 "that committed offsets have outputs tested nothing");
    cr_log_info("kill -9 at %ld outputs: %ld duplicate output(s) of %ld input(s) after restart",
                r.outputs_at_signal, r.duplicates, r.duplicated_inputs);
    fprintf(stderr, "nf-it kill9: duplicates after restart: %ld (of %ld inputs)\n", r.duplicates,
            r.inputs);
    cr_assert_lt(r.outputs_first_run, r.inputs,
                 "the first run output all %ld inputs before kill -9", r.inputs);
}
