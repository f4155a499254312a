/* Exactly-once transactions of the run loop (see txn.h). */
#include "app/txn.h"
#include "common/log.h"
#include "common/xalloc.h"

#include <inttypes.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

/* One attempt of a transaction call may block this long; retriable errors (the broker is
 * restarting, the coordinator is loading) are retried until RETRY_MS have passed. */
#define CALL_TIMEOUT_MS 10000
#define RETRY_MS 120000

/* An input whose output a size limit refused in a delivery report (txn.h). */
typedef struct refusal {
    int32_t topic_idx;
    int32_t partition;
    int64_t offset;
    int next_form;
    int err;
    bool used;               /* its input was processed again since: dropped at the commit */
} refusal;

struct nf_txn {
    nf_producer *p;          /* borrowed */
    nf_consumer *c;          /* borrowed */
    char *id;                /* transactional.id, for messages */
    int64_t max_messages;
    int64_t max_ms;
    int64_t n;               /* input messages in the open transaction */
    int64_t began_ms;        /* monotonic */
    bool failed;             /* the open transaction must be aborted */
    bool fatal;              /* fenced (or stuck): nothing more may be committed */
    bool broken;             /* the producer has a fatal error that is not fencing: it must be
                                recreated (nf_txn_recover) */
    bool open;               /* a transaction was begun and not yet ended */
    refusal *refused;        /* the size ladder across aborts (txn.h) */
    size_t n_refused, cap_refused;
};

static int64_t mono_ms(void)
{
    struct timespec ts;
    clock_gettime(CLOCK_MONOTONIC, &ts);
    return (int64_t)ts.tv_sec * 1000 + ts.tv_nsec / 1000000;
}

void nf_txn_id(char *buf, size_t size, const char *prefix, const char *group,
               const char *instance, const char *replay_name)
{
    if (replay_name) {
        snprintf(buf, size, "%s.replay.%s", prefix, replay_name);
    } else {
        snprintf(buf, size, "%s.%s.%s", prefix, group, instance);
    }
}

nf_txn *nf_txn_new(nf_producer *p, nf_consumer *c, const char *transactional_id,
                   int64_t max_messages, int64_t max_ms)
{
    nf_txn *t = nf_xcalloc(1, sizeof *t);
    t->p = p;
    t->c = c;
    t->id = nf_xstrdup(transactional_id);
    t->max_messages = max_messages;
    t->max_ms = max_ms;
    return t;
}

void nf_txn_destroy(nf_txn *t)
{
    if (t) {
        free(t->refused);
        free(t->id);
        free(t);
    }
}

/* ---- the size ladder across aborts ---------------------------------------------------------- */

static refusal *find_refusal(const nf_txn *t, int32_t topic_idx, int32_t partition,
                             int64_t offset)
{
    for (size_t i = 0; i < t->n_refused; i++) {
        refusal *e = &t->refused[i];
        if (e->offset == offset && e->partition == partition && e->topic_idx == topic_idx) {
            return e;
        }
    }
    return NULL;
}

void nf_txn_refused(nf_txn *t, int32_t topic_idx, int32_t partition, int64_t offset,
                    int next_form, int err)
{
    refusal *e = find_refusal(t, topic_idx, partition, offset);
    if (!e) {
        if (t->n_refused == t->cap_refused) {
            t->cap_refused = t->cap_refused ? t->cap_refused * 2 : 8;
            t->refused = nf_xrealloc(t->refused, t->cap_refused * sizeof *t->refused);
        }
        e = &t->refused[t->n_refused++];
        *e = (refusal){.topic_idx = topic_idx, .partition = partition, .offset = offset};
    }
    if (next_form > e->next_form) {
        e->next_form = next_form;
        e->err = err;
    }
    e->used = false;
}

int nf_txn_refused_form(nf_txn *t, int32_t topic_idx, int32_t partition, int64_t offset,
                        int *err)
{
    refusal *e = t->n_refused ? find_refusal(t, topic_idx, partition, offset) : NULL;
    if (!e) {
        return 0;
    }
    e->used = true;
    if (err) {
        *err = e->err;
    }
    return e->next_form;
}

/* Keep the entries for which \p drop is false. */
static void refused_filter(nf_txn *t, bool (*drop)(const refusal *, const void *),
                           const void *arg)
{
    size_t k = 0;
    for (size_t i = 0; i < t->n_refused; i++) {
        if (!drop(&t->refused[i], arg)) {
            t->refused[k++] = t->refused[i];
        }
    }
    t->n_refused = k;
}

static bool refusal_used(const refusal *e, const void *arg)
{
    (void)arg;
    return e->used;
}

static bool refusal_of_partition(const refusal *e, const void *arg)
{
    const int32_t *tp = arg;
    return e->topic_idx == tp[0] && e->partition == tp[1];
}

void nf_txn_refused_forget(nf_txn *t, int32_t topic_idx, int32_t partition)
{
    int32_t tp[2] = {topic_idx, partition};
    refused_filter(t, refusal_of_partition, tp);
}

size_t nf_txn_refused_count(const nf_txn *t)
{
    return t->n_refused;
}

static rd_kafka_t *prk(nf_txn *t)
{
    return nf_producer_handle(t->p);
}

bool nf_txn_err_is_fencing(rd_kafka_resp_err_t err)
{
    return err == RD_KAFKA_RESP_ERR__FENCED || err == RD_KAFKA_RESP_ERR_PRODUCER_FENCED ||
           err == RD_KAFKA_RESP_ERR_INVALID_PRODUCER_EPOCH;
}

/* A transaction call failed for good. Fencing ends exactly-once for this process: say why, in
 * the words an operator searches for when two instances share an identity. Another fatal
 * error of the producer leaves the identity ours: the runner recreates the producer
 * (NF_TXN_BROKEN). Anything else (a call that kept failing past RETRY_MS) stops the run. */
static nf_txn_result fatal(nf_txn *t, const char *what, rd_kafka_error_t *error)
{
    char reason[512];
    rd_kafka_resp_err_t code = rd_kafka_fatal_error(prk(t), reason, sizeof reason);
    bool producer_fatal = code != RD_KAFKA_RESP_ERR_NO_ERROR ||
                          (error && rd_kafka_error_is_fatal(error));
    if (!code && error) {
        code = rd_kafka_error_code(error);
        snprintf(reason, sizeof reason, "%s", rd_kafka_error_string(error));
    }
    t->open = false;
    if (t->broken && producer_fatal && !nf_txn_err_is_fencing(code)) {
        return NF_TXN_BROKEN; /* said once already (a later call of the same batch) */
    }
    if (nf_txn_err_is_fencing(code)) {
        NF_ERROR("exactly-once: this producer was fenced (%s): another newsflow process with "
                 "transactional.id %s took over; its output is committed by that process. "
                 "Exiting without committing.",
                 reason, t->id);
    } else if (producer_fatal) {
        NF_ERROR("exactly-once: fatal producer error in %s: %s: %s (transactional.id %s); not "
                 "fencing: recreating the producer and reading the open transaction's input "
                 "again from the committed offsets",
                 what, rd_kafka_err2name(code), reason, t->id);
        t->broken = true;
        return NF_TXN_BROKEN;
    } else {
        NF_ERROR("exactly-once: fatal error in %s: %s (transactional.id %s); exiting", what,
                 reason, t->id);
    }
    t->fatal = true;
    return NF_TXN_FATAL;
}

nf_txn_result nf_txn_producer_failed(nf_txn *t, const char *what)
{
    if (t->fatal) {
        return NF_TXN_FATAL;
    }
    if (t->broken) {
        return NF_TXN_BROKEN;
    }
    return fatal(t, what, NULL);
}

bool nf_txn_is_broken(const nf_txn *t)
{
    return t->broken;
}

int nf_txn_start(nf_txn *t, char *errstr, size_t errstr_size)
{
    int64_t deadline = mono_ms() + RETRY_MS;
    rd_kafka_error_t *error;
    while ((error = rd_kafka_init_transactions(prk(t), CALL_TIMEOUT_MS)) != NULL &&
           rd_kafka_error_is_retriable(error) && mono_ms() < deadline) {
        NF_WARN("init_transactions: %s; retrying", rd_kafka_error_string(error));
        rd_kafka_error_destroy(error);
    }
    if (!error) {
        error = rd_kafka_begin_transaction(prk(t));
    }
    if (error) {
        snprintf(errstr, errstr_size, "exactly-once: cannot start transactions as %s: %s", t->id,
                 rd_kafka_error_string(error));
        rd_kafka_error_destroy(error);
        return -1;
    }
    t->open = true;
    t->began_ms = mono_ms();
    NF_INFO("exactly-once: transactions as transactional.id %s", t->id);
    return 0;
}

void nf_txn_add(nf_txn *t)
{
    t->n++;
}

int64_t nf_txn_pending(const nf_txn *t)
{
    return t->n;
}

bool nf_txn_due(const nf_txn *t)
{
    return t->open && (t->n >= t->max_messages ||
                       (t->n > 0 && mono_ms() - t->began_ms >= t->max_ms) || t->failed);
}

void nf_txn_fail(nf_txn *t)
{
    t->failed = true;
}

bool nf_txn_is_fatal(const nf_txn *t)
{
    return t->fatal;
}

static nf_txn_result begin(nf_txn *t)
{
    rd_kafka_error_t *error = rd_kafka_begin_transaction(prk(t));
    if (error) {
        nf_txn_result r = fatal(t, "begin_transaction", error);
        rd_kafka_error_destroy(error);
        return r;
    }
    t->open = true;
    t->n = 0;
    t->failed = false;
    t->began_ms = mono_ms();
    return NF_TXN_OK;
}

/* After the open transaction ended without a commit: with \p rewind, seek back to the
 * committed offsets (not when the partitions were lost: their next owner starts from the
 * committed offsets anyway), then begin the next transaction unless \p last. */
static nf_txn_result rewind_and_begin(nf_txn *t, bool last, bool rewind, int64_t deadline)
{
    t->open = false;
    /* The committed offsets come from the group coordinator, which may be moving (a broker
     * restart): retried like the transaction calls. */
    while (rewind && nf_consumer_rewind(t->c, CALL_TIMEOUT_MS) != 0) {
        if (mono_ms() >= deadline) {
            return fatal(t, "rewind to the committed offsets", NULL);
        }
        NF_WARN("exactly-once: rewind failed; retrying");
    }
    if (last) {
        t->n = 0;
        return NF_TXN_ABORTED;
    }
    nf_txn_result r = begin(t);
    return r == NF_TXN_OK ? NF_TXN_ABORTED : r;
}

/* Abort the open transaction; with \p rewind, read its input again (rewind_and_begin). */
static nf_txn_result abort_and_rewind(nf_txn *t, bool last, bool rewind)
{
    int64_t deadline = mono_ms() + RETRY_MS;
    rd_kafka_error_t *error;
    while ((error = rd_kafka_abort_transaction(prk(t), CALL_TIMEOUT_MS)) != NULL) {
        if (rd_kafka_error_is_fatal(error) || !rd_kafka_error_is_retriable(error) ||
            mono_ms() >= deadline) {
            nf_txn_result r = fatal(t, "abort_transaction", error);
            rd_kafka_error_destroy(error);
            return r;
        }
        rd_kafka_error_destroy(error);
    }
    NF_WARN("exactly-once: aborted a transaction of %" PRId64 " input message(s); reading them "
            "again from the committed offsets",
            t->n);
    return rewind_and_begin(t, last, rewind, deadline);
}

nf_txn_result nf_txn_recover(nf_txn *t, nf_producer *p, int64_t timeout_ms, char *errstr,
                             size_t errstr_size)
{
    if (t->fatal) {
        return NF_TXN_FATAL;
    }
    t->p = p;
    t->broken = false;
    t->open = false;
    t->failed = false;
    int64_t deadline = mono_ms() + (timeout_ms < RETRY_MS ? timeout_ms : RETRY_MS);
    rd_kafka_error_t *error;
    while ((error = rd_kafka_init_transactions(prk(t), CALL_TIMEOUT_MS)) != NULL &&
           rd_kafka_error_is_retriable(error) && mono_ms() < deadline) {
        NF_WARN("exactly-once: init_transactions after a fatal error: %s; retrying",
                rd_kafka_error_string(error));
        rd_kafka_error_destroy(error);
    }
    if (error) {
        if (rd_kafka_error_is_fatal(error) || nf_txn_err_is_fencing(rd_kafka_error_code(error))) {
            nf_txn_result r = fatal(t, "init_transactions", error);
            if (r == NF_TXN_BROKEN) {
                snprintf(errstr, errstr_size, "init_transactions: %s",
                         rd_kafka_error_string(error));
            }
            rd_kafka_error_destroy(error);
            return r;
        }
        snprintf(errstr, errstr_size, "init_transactions: %s", rd_kafka_error_string(error));
        rd_kafka_error_destroy(error);
        t->broken = true;
        return NF_TXN_BROKEN;
    }
    NF_WARN("exactly-once: new producer as transactional.id %s (the old epoch is fenced, its "
            "open transaction aborted); reading %" PRId64 " input message(s) again from the "
            "committed offsets",
            t->id, t->n);
    return rewind_and_begin(t, false, true, mono_ms() + RETRY_MS);
}

/* Run one transaction call until it succeeds, is abortable, or is fatal. @returns 0, 1 for
 * "abort", -1 for fatal (already handled). */
static int call(nf_txn *t, const char *what, rd_kafka_topic_partition_list_t *offsets)
{
    int64_t deadline = mono_ms() + RETRY_MS;
    for (;;) {
        rd_kafka_error_t *error;
        if (offsets) {
            rd_kafka_consumer_group_metadata_t *cgmd =
                rd_kafka_consumer_group_metadata(nf_consumer_handle(t->c));
            error = rd_kafka_send_offsets_to_transaction(prk(t), offsets, cgmd, CALL_TIMEOUT_MS);
            rd_kafka_consumer_group_metadata_destroy(cgmd);
        } else {
            error = rd_kafka_commit_transaction(prk(t), CALL_TIMEOUT_MS);
        }
        if (!error) {
            return 0;
        }
        if (rd_kafka_error_is_fatal(error)) {
            fatal(t, what, error);
            rd_kafka_error_destroy(error);
            return -1;
        }
        if (rd_kafka_error_txn_requires_abort(error)) {
            NF_WARN("exactly-once: %s: %s", what, rd_kafka_error_string(error));
            rd_kafka_error_destroy(error);
            return 1;
        }
        if (!rd_kafka_error_is_retriable(error) || mono_ms() >= deadline) {
            fatal(t, what, error);
            rd_kafka_error_destroy(error);
            return -1;
        }
        NF_WARN("exactly-once: %s: %s; retrying", what, rd_kafka_error_string(error));
        rd_kafka_error_destroy(error);
    }
}

nf_txn_result nf_txn_commit(nf_txn *t, bool last)
{
    if (t->fatal) {
        return NF_TXN_FATAL;
    }
    if (t->broken) {
        return NF_TXN_BROKEN;
    }
    if (!t->open) {
        return last ? NF_TXN_OK : begin(t);
    }
    if (rd_kafka_fatal_error(prk(t), NULL, 0) != RD_KAFKA_RESP_ERR_NO_ERROR) {
        /* librdkafka says the instance must go: its transaction is not committed, even when
         * the transaction calls would still answer (they did after rd_kafka_test_fatal_error
         * with nothing in flight: a commit of outputs the failed producer may not have) */
        return fatal(t, "commit_transaction", NULL);
    }
    if (t->failed) {
        return abort_and_rewind(t, last, true);
    }
    rd_kafka_topic_partition_list_t *offsets = NULL;
    if (t->n > 0) {
        offsets = nf_consumer_txn_offsets(t->c);
        if (offsets && offsets->cnt == 0) {
            rd_kafka_topic_partition_list_destroy(offsets);
            offsets = NULL;
        }
        if (!offsets && !nf_consumer_plan(t->c)) {
            return abort_and_rewind(t, last, true); /* the assignment was lost */
        }
    }
    int rc = offsets ? call(t, "send_offsets_to_transaction", offsets) : 0;
    if (offsets) {
        rd_kafka_topic_partition_list_destroy(offsets);
    }
    if (rc == 0) {
        rc = call(t, "commit_transaction", NULL);
    }
    if (rc < 0) {
        return t->broken ? NF_TXN_BROKEN : NF_TXN_FATAL;
    }
    if (rc > 0) {
        return abort_and_rewind(t, last, true);
    }
    nf_consumer_txn_committed(t->c);
    /* Inputs processed again since their refusal are committed now, in their smaller form. */
    refused_filter(t, refusal_used, NULL);
    t->open = false;
    t->n = 0;
    return last ? NF_TXN_OK : begin(t);
}

nf_txn_result nf_txn_abort(nf_txn *t)
{
    if (t->fatal) {
        return NF_TXN_FATAL;
    }
    if (t->broken) {
        return NF_TXN_BROKEN;
    }
    if (!t->open) {
        return begin(t);
    }
    return abort_and_rewind(t, false, false);
}
