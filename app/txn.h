#ifndef NF_APP_TXN_H
#define NF_APP_TXN_H

/* Exactly-once delivery: the run loop's transactions (producer.delivery = exactly-once).
 *
 * Every output of a batch of input messages (enriched records and dead letters) and the input
 * offsets after the batch are committed in one Kafka transaction, so a reader with
 * isolation.level=read_committed sees each input's output exactly once, whatever crashes.
 * The call sequence is librdkafka's (docs/exactly-once.md): init_transactions once, begin,
 * produce, send_offsets_to_transaction + commit_transaction per batch; an abortable error
 * aborts the batch and rewinds the consumer to the committed offsets; a fatal error when the
 * producer was fenced (a newer process with the same transactional.id took over) stops the
 * process; any other fatal producer error makes the runner recreate the producer
 * (nf_txn_recover: init_transactions with the same id, then the rewind of an abort). */

#include "consumer/consumer.h"
#include "producer/producer.h"

#include <stdbool.h>
#include <stdint.h>

typedef enum nf_txn_result {
    NF_TXN_OK = 0,     /* committed (or nothing to commit); a new transaction is open */
    NF_TXN_ABORTED,    /* aborted and rewound; a new transaction is open */
    NF_TXN_FATAL,      /* fenced or another fatal error: stop, exit 1 (logged) */
    NF_TXN_BROKEN,     /* the producer has a fatal error that is not fencing: the caller
                          recreates it and calls nf_txn_recover() (logged) */
} nf_txn_result;

typedef struct nf_txn nf_txn;

/**
 * @brief Transactions over \p p (made with nf_producer_new_txn()) and \p c (borrowed; both
 * outlive the nf_txn). A batch closes after \p max_messages input messages or \p max_ms.
 * @returns a new nf_txn; free with nf_txn_destroy().
 */
nf_txn *nf_txn_new(nf_producer *p, nf_consumer *c, const char *transactional_id,
                   int64_t max_messages, int64_t max_ms);
void nf_txn_destroy(nf_txn *t);

/** @brief init_transactions (fences older processes with the same id) and begin the first
 * transaction. @returns 0 or -1 with \p errstr. */
int nf_txn_start(nf_txn *t, char *errstr, size_t errstr_size);

/** @brief One input message joined the open transaction. */
void nf_txn_add(nf_txn *t);

/** @brief Messages in the open transaction. */
int64_t nf_txn_pending(const nf_txn *t);

/** @brief True when the open batch is full or old enough to commit. */
bool nf_txn_due(const nf_txn *t);

/** @brief A produce call or delivery of this transaction failed: it must be aborted. */
void nf_txn_fail(nf_txn *t);

/**
 * @brief Commit the open transaction with the consumer's positions, then begin the next one
 * (unless \p last). Aborts and rewinds instead when the transaction failed, the assignment was
 * lost or the broker asks for it. The caller emitted every output of the consumed messages.
 */
nf_txn_result nf_txn_commit(nf_txn *t, bool last);

/** @brief Abort the open transaction and begin the next, without rewinding: the partitions
 * were lost (their next owner starts from the committed offsets), or the producer failed. */
nf_txn_result nf_txn_abort(nf_txn *t);

/* ---- the size ladder across aborts --------------------------------------------------------
 * A size limit that refuses an output in its delivery report makes the transaction abortable,
 * so the ladder of smaller forms cannot go on inside it. Instead the refusal is remembered by
 * input (topic, partition, offset): when the rewound input is processed again, its output
 * starts at the next smaller form, inside the new transaction. An entry is dropped once the
 * transaction that re-processed its input committed (or its partition was revoked), so the
 * table holds at most the refusals of the inputs not yet committed again. */

/** @brief A size limit refused the output of this input: next time start at \p next_form
 * (the caller's ladder step, > 0); \p err is the broker's error, for the dead letter. */
void nf_txn_refused(nf_txn *t, int32_t topic_idx, int32_t partition, int64_t offset,
                    int next_form, int err);

/** @brief The ladder step to start this input's output at (0 = the record, as usual), and the
 * refusal's error in \p err (may be NULL). Marks the entry used: dropped at the next commit. */
int nf_txn_refused_form(nf_txn *t, int32_t topic_idx, int32_t partition, int64_t offset,
                        int *err);

/** @brief The partition was revoked: forget its refusals (its next owner learns its own). */
void nf_txn_refused_forget(nf_txn *t, int32_t topic_idx, int32_t partition);

/** @brief Refusals remembered now (tests, logs). */
size_t nf_txn_refused_count(const nf_txn *t);

/** @brief True after a fatal error (fenced): nothing may be committed any more. */
bool nf_txn_is_fatal(const nf_txn *t);

/* ---- recovery from a fatal producer error that is not fencing -------------------------------
 * librdkafka makes some broker answers fatal that do not mean another process took over (e.g.
 * INVALID_TXN_STATE to an EndTxn(abort) after a broker restart, docs/exactly-once.md). The
 * producer instance is then unusable, but the transactional.id is still ours: a new producer
 * with the same id runs init_transactions, which fences the old epoch and makes the
 * coordinator abort whatever it had open; the input is then read again from the committed
 * offsets exactly as after an abort. */

/** @brief Fencing (PRODUCER_FENCED, INVALID_PRODUCER_EPOCH, librdkafka's _FENCED): another
 * instance with our transactional.id took over, so exiting is right. Every other fatal error
 * is recovered from by recreating the producer. */
bool nf_txn_err_is_fencing(rd_kafka_resp_err_t err);

/** @brief The producer reported a fatal error (found by the caller in \p what): decide and log.
 * @returns NF_TXN_FATAL when fenced (stop), else NF_TXN_BROKEN (recreate the producer). */
nf_txn_result nf_txn_producer_failed(nf_txn *t, const char *what);

/** @brief True after a fatal producer error that is not fencing, until nf_txn_recover(). */
bool nf_txn_is_broken(const nf_txn *t);

/**
 * @brief Continue on the new producer \p p (made by the caller with the same transactional.id
 * after destroying the broken one; borrowed like the first): init_transactions (retriable
 * errors retried for up to \p timeout_ms), rewind the consumer to the committed offsets and
 * begin a transaction.
 * @returns NF_TXN_ABORTED (recovered: the caller drops what it holds of the old batch, as
 * after an abort), NF_TXN_FATAL (fenced meanwhile, or the rewind keeps failing: logged), or
 * NF_TXN_BROKEN with the reason in \p errstr (init_transactions failed: try again later with
 * another new producer).
 */
nf_txn_result nf_txn_recover(nf_txn *t, nf_producer *p, int64_t timeout_ms, char *errstr,
                             size_t errstr_size);

/** @brief "<prefix>.<group>.<instance>" (run) or "<prefix>.replay.<name>" (replay) into
 * \p buf. */
void nf_txn_id(char *buf, size_t size, const char *prefix, const char *group,
               const char *instance, const char *replay_name);

#endif
