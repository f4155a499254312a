/* Exactly-once through a broker restart: the broker goes down mid-stream (controlled stop)
 * and comes back; transaction calls fail with retriable errors meanwhile and are retried, and
 * every input still appears exactly once.
 *
 * It restarts the broker with scripts/broker.sh, so it needs the broker this worktree's
 * broker.sh manages (NF_BROKER_PORT/NF_CONTROLLER_PORT as when it was started). CTest runs
 * it alone (RUN_SERIAL): other tests would see the outage. */
#define _POSIX_C_SOURCE 200809L
#include "eos_common.h"

#include <inttypes.h>

/* The port in host:port. */
static const char *port_of(const char *hostport)
{
    const char *colon = strrchr(hostport, ':');
    return colon ? colon + 1 : hostport;
}

static void broker_sh(const char *verb)
{
    char cmd[1024];
    snprintf(cmd, sizeof cmd, "bash '%s/scripts/broker.sh' %s >&2", NF_SOURCE_DIR, verb);
    int rc = system(cmd);
    cr_assert_eq(rc, 0, "`broker.sh %s` failed (%d): this test restarts the broker that "
                 "scripts/broker.sh manages for NF_BROKER=%s; export NF_BROKER_PORT and "
                 "NF_CONTROLLER_PORT as when it was started", verb, rc, nf_it_broker());
}

/* The harness's own deadlines (120 s + the restart + 300 s) come first: a hang ends with the
 * process's log and stacks, not with Criterion's bare timeout. */
Test(exactly_once, broker_restart_mid_stream, .timeout = 600)
{
    nf_it_require_broker();
    /* broker.sh must address the same broker as NF_BROKER */
    const char *port = port_of(nf_it_broker());
    const char *env_port = getenv("NF_BROKER_PORT");
    cr_assert(!env_port || strcmp(env_port, port) == 0,
              "NF_BROKER_PORT=%s but NF_BROKER=%s", env_port, nf_it_broker());
    setenv("NF_BROKER_PORT", port, 1);
    broker_sh("status");

    nf_it_names nm;
    nf_it_names_init(&nm, "eos-restart");
    nf_it_create_topic(nm.in, 3);
    enum { N = 10000 };
    eos_produce_inputs(nm.in, N);
    nf_it_tmp tmp;
    nf_it_tmp_init(&tmp);
    nf_it_argv a = {0};
    eos_run_argv(&a, &nm, "r1", true);
    const char *slow[] = {"run.workers=1", "producer.kafka.queue.buffering.max.messages=100",
                          "producer.kafka.linger.ms=50",
                          /* keep the transaction alive across the outage */
                          "producer.kafka.transaction.timeout.ms=120000"};
    for (size_t i = 0; i < sizeof slow / sizeof slow[0]; i++) {
        nf_it_argv_add(&a, "-X");
        nf_it_argv_add(&a, "%s", slow[i]);
    }
    nf_it_proc p;
    nf_it_spawn(&p, &tmp, "run", &a, NULL, NULL);
    nf_it_argv_free(&a);
    int64_t seen = nf_it_wait_for_records(nm.out, N / 5, &p, 120000);
    cr_assert(nf_it_running(&p), "the run ended before the restart (%" PRId64 " records)", seen);
    broker_sh("restart");
    nf_it_require_broker();
    nf_it_expect_exit(&p, 0, 300000);
    eos_expect_exactly_once(&nm, N);
    nf_it_tmp_remove(&tmp);
    nf_it_names_cleanup(&nm);
}
