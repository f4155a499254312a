/* The one decision on a fatal producer error (app/txn.c, app/runner.c): fencing stops the run,
 * every other fatal error recreates the producer. */
#include "app/txn.h"

#include <criterion/criterion.h>

Test(txn_fatal, fencing_errors_stop_the_run)
{
    cr_expect(nf_txn_err_is_fencing(RD_KAFKA_RESP_ERR_PRODUCER_FENCED));
    cr_expect(nf_txn_err_is_fencing(RD_KAFKA_RESP_ERR_INVALID_PRODUCER_EPOCH));
    cr_expect(nf_txn_err_is_fencing(RD_KAFKA_RESP_ERR__FENCED));
}

Test(txn_fatal, other_fatal_errors_are_recovered_from)
{
    /* the CI finding: EndTxn(abort) answered INVALID_TXN_STATE after a broker restart */
    cr_expect_not(nf_txn_err_is_fencing(RD_KAFKA_RESP_ERR_INVALID_TXN_STATE));
    /* idempotence: a sequence gap, an unknown producer id */
    cr_expect_not(nf_txn_err_is_fencing(RD_KAFKA_RESP_ERR_OUT_OF_ORDER_SEQUENCE_NUMBER));
    cr_expect_not(nf_txn_err_is_fencing(RD_KAFKA_RESP_ERR_UNKNOWN_PRODUCER_ID));
    cr_expect_not(nf_txn_err_is_fencing(RD_KAFKA_RESP_ERR__GAPLESS_GUARANTEE));
    cr_expect_not(nf_txn_err_is_fencing(RD_KAFKA_RESP_ERR__FATAL));
    cr_expect_not(nf_txn_err_is_fencing(RD_KAFKA_RESP_ERR_TRANSACTIONAL_ID_AUTHORIZATION_FAILED));
    cr_expect_not(nf_txn_err_is_fencing(RD_KAFKA_RESP_ERR_NO_ERROR));
}
