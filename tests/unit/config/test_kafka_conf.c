#include "config/kafka_conf.h"

#include <criterion/criterion.h>
#include <string.h>

static const char *conf_value(rd_kafka_conf_t *conf, const char *name, char *buf, size_t size)
{
    size_t n = size;
    cr_assert_eq(rd_kafka_conf_get(conf, name, buf, &n), RD_KAFKA_CONF_OK, "%s unset", name);
    return buf;
}

Test(kafka_conf, role_keys_win_over_shared_keys_which_win_over_defaults)
{
    nf_config *cfg = nf_config_new();
    nf_config_set(cfg, "kafka.client.id", "shared", NF_CFG_FILE, NULL);
    nf_config_set(cfg, "producer.kafka.client.id", "producer-only", NF_CFG_FILE, NULL);
    nf_config_set(cfg, "kafka.socket.timeout.ms", "12345", NF_CFG_FILE, NULL);
    static const char *const defaults[] = {"client.id", "default", "linger.ms", "7", NULL};
    char err[512], buf[256];
    rd_kafka_conf_t *p = nf_kafka_conf_build(cfg, "producer", defaults, err, sizeof err);
    rd_kafka_conf_t *c = nf_kafka_conf_build(cfg, "consumer", defaults, err, sizeof err);
    cr_assert_not_null(p, "%s", err);
    cr_assert_not_null(c, "%s", err);
    cr_expect_str_eq(conf_value(p, "client.id", buf, sizeof buf), "producer-only");
    cr_expect_str_eq(conf_value(c, "client.id", buf, sizeof buf), "shared");
    cr_expect_str_eq(conf_value(c, "socket.timeout.ms", buf, sizeof buf), "12345");
    cr_expect_str_eq(conf_value(p, "linger.ms", buf, sizeof buf), "7");
    cr_expect_str_eq(nf_kafka_conf_get(cfg, "producer", "client.id", "x"), "producer-only");
    cr_expect_str_eq(nf_kafka_conf_get(cfg, "consumer", "client.id", "x"), "shared");
    cr_expect_str_eq(nf_kafka_conf_get(cfg, "consumer", "linger.ms", "x"), "x");
    rd_kafka_conf_destroy(p);
    rd_kafka_conf_destroy(c);
    nf_config_destroy(cfg);
}

Test(kafka_conf, invalid_value_names_the_key_with_librdkafkas_text)
{
    nf_config *cfg = nf_config_new();
    nf_config_set(cfg, "consumer.kafka.fetch.max.bytes", "-5", NF_CFG_CLI, NULL);
    char err[512] = "";
    cr_assert_null(nf_kafka_conf_build(cfg, "consumer", NULL, err, sizeof err));
    cr_expect(strstr(err, "consumer.kafka.fetch.max.bytes") != NULL, "%s", err);
    cr_expect(strstr(err, "fetch.max.bytes") != NULL, "%s", err);
    /* The producer does not see consumer-only keys. */
    rd_kafka_conf_t *p = nf_kafka_conf_build(cfg, "producer", NULL, err, sizeof err);
    cr_expect_not_null(p, "%s", err);
    rd_kafka_conf_destroy(p);
    nf_config_destroy(cfg);
}

Test(kafka_conf, unknown_property_and_secret_values_are_not_echoed)
{
    nf_config *cfg = nf_config_new();
    nf_config_set(cfg, "kafka.no.such.property", "1", NF_CFG_CLI, NULL);
    char err[512] = "";
    cr_assert_null(nf_kafka_conf_build(cfg, "producer", NULL, err, sizeof err));
    cr_expect(strstr(err, "kafka.no.such.property") != NULL, "%s", err);
    nf_config_destroy(cfg);

    cfg = nf_config_new();
    nf_config_set(cfg, "kafka.my.secret", "hunter2", NF_CFG_CLI, NULL);
    cr_assert_null(nf_kafka_conf_build(cfg, "producer", NULL, err, sizeof err));
    cr_expect(strstr(err, "kafka.my.secret") != NULL, "%s", err);
    cr_expect(strstr(err, "hunter2") == NULL, "a secret value was echoed: %s", err);
    nf_config_destroy(cfg);
}
