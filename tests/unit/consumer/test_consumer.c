#include "consumer/consumer.h"

#include <criterion/criterion.h>
#include <string.h>

static void on_revoke(void *opaque, const rd_kafka_topic_partition_list_t *parts, bool lost)
{
    (void)opaque;
    (void)parts;
    (void)lost;
}

static nf_consumer_opts opts_for(const nf_config *cfg)
{
    nf_consumer_opts o;
    memset(&o, 0, sizeof o);
    char err[512];
    cr_assert_eq(nf_opt_apply(nf_consumer_options, "consumer.", cfg, &o, err, sizeof err), 0,
                 "%s", err);
    return o;
}

Test(consumer, refuses_automatic_offset_store)
{
    /* at-least-once depends on storing offsets only after delivery */
    nf_config *cfg = nf_config_new();
    nf_config_set(cfg, "kafka.bootstrap.servers", "127.0.0.1:1", NF_CFG_CLI, NULL);
    nf_config_set(cfg, "consumer.kafka.enable.auto.offset.store", "true", NF_CFG_CLI, NULL);
    nf_consumer_opts o = opts_for(cfg);
    char err[512] = "";
    cr_assert_null(nf_consumer_new(cfg, &o, on_revoke, NULL, err, sizeof err));
    cr_expect(strstr(err, "enable.auto.offset.store") != NULL, "%s", err);
    nf_opt_release(nf_consumer_options, &o);
    nf_config_destroy(cfg);
}

Test(consumer, subscribes_and_maps_topic_indexes)
{
    nf_config *cfg = nf_config_new();
    nf_config_set(cfg, "kafka.bootstrap.servers", "127.0.0.1:1", NF_CFG_CLI, NULL);
    nf_config_set(cfg, "kafka.log_level", "0", NF_CFG_CLI, NULL);
    nf_config_set(cfg, "consumer.topics", "a, b", NF_CFG_CLI, NULL);
    nf_consumer_opts o = opts_for(cfg);
    char err[512] = "";
    nf_consumer *c = nf_consumer_new(cfg, &o, on_revoke, NULL, err, sizeof err);
    cr_assert_not_null(c, "%s", err);
    cr_expect_eq(nf_consumer_topic_idx(c, "a"), 0);
    cr_expect_eq(nf_consumer_topic_idx(c, "b"), 1);
    cr_expect_eq(nf_consumer_topic_idx(c, "c"), -1);
    cr_expect_str_eq(nf_consumer_topic_name(c, 1), "b");
    cr_expect_null(nf_consumer_topic_name(c, 2));
    cr_expect(!nf_consumer_at_end(c), "nothing assigned yet: not at the end");
    /* topics seen later (a regex subscription) get the next indexes */
    cr_expect_eq(nf_consumer_topic_intern(c, "news.x"), 2);
    cr_expect_eq(nf_consumer_topic_intern(c, "a"), 0);
    cr_expect_str_eq(nf_consumer_topic_name(c, 2), "news.x");
    char conf_val[64];
    size_t n = sizeof conf_val;
    const rd_kafka_conf_t *conf = rd_kafka_conf(nf_consumer_handle(c));
    rd_kafka_conf_get(conf, "enable.auto.offset.store", conf_val, &n);
    cr_expect_str_eq(conf_val, "false");
    n = sizeof conf_val;
    rd_kafka_conf_get(conf, "partition.assignment.strategy", conf_val, &n);
    cr_expect_str_eq(conf_val, "roundrobin");
    /* Commits are the runner's (cadence, revoke, stop), checked; a dead member's partitions
     * move after 10 s, not 45 s (consumer.c says why). */
    n = sizeof conf_val;
    rd_kafka_conf_get(conf, "enable.auto.commit", conf_val, &n);
    cr_expect_str_eq(conf_val, "false");
    n = sizeof conf_val;
    rd_kafka_conf_get(conf, "session.timeout.ms", conf_val, &n);
    cr_expect_str_eq(conf_val, "10000");
    nf_consumer_close(c, 1000);
    nf_opt_release(nf_consumer_options, &o);
    nf_config_destroy(cfg);
}
