#include "config/kafka_conf.h"

#include "common/log.h"

#include <stdio.h>
#include <string.h>

const char *const nf_kafka_passthrough_prefixes[] = {"kafka.", "consumer.kafka.",
                                                     "producer.kafka.", NULL};

/* librdkafka 2.0 marks these _RK_SENSITIVE (rdkafka_conf.c); keep in step when upgrading. */
const char *const nf_kafka_sensitive_properties[] = {
    "sasl.password",
    "sasl.oauthbearer.config",
    "sasl.oauthbearer.client.secret",
    "ssl.key.password",
    "ssl.key.pem",
    "ssl_key",
    "ssl.keystore.password",
    NULL,
};

bool nf_config_is_secret(const char *key)
{
    for (size_t p = 0; nf_kafka_passthrough_prefixes[p]; p++) {
        size_t n = strlen(nf_kafka_passthrough_prefixes[p]);
        if (strncmp(key, nf_kafka_passthrough_prefixes[p], n) != 0) {
            continue;
        }
        for (size_t i = 0; nf_kafka_sensitive_properties[i]; i++) {
            if (strcmp(key + n, nf_kafka_sensitive_properties[i]) == 0) {
                return true;
            }
        }
    }
    return false;
}

static int set_one(rd_kafka_conf_t *conf, const char *key, const char *name, const char *value,
                   char *errstr, size_t errstr_size)
{
    char rderr[512];
    rd_kafka_conf_res_t res = rd_kafka_conf_set(conf, name, value, rderr, sizeof rderr);
    if (res != RD_KAFKA_CONF_OK) {
        /* An unknown property may be a misspelt secret (kafka.sasl.pasword): not shown. */
        bool hide = res == RD_KAFKA_CONF_UNKNOWN || nf_config_is_secret(key);
        snprintf(errstr, errstr_size, "invalid Kafka setting %s = %s%s%s: %s", key,
                 hide ? "" : "\"", hide ? "(value not shown)" : value, hide ? "" : "\"", rderr);
        return -1;
    }
    return 0;
}

static int apply_prefix(rd_kafka_conf_t *conf, const nf_config *cfg, const char *prefix,
                        char *errstr, size_t errstr_size)
{
    size_t plen = strlen(prefix);
    for (size_t i = 0; i < nf_config_count(cfg); i++) {
        nf_config_entry e = nf_config_at(cfg, i);
        if (strncmp(e.key, prefix, plen) == 0 && e.key[plen] != '\0') {
            if (set_one(conf, e.key, e.key + plen, e.value, errstr, errstr_size) != 0) {
                return -1;
            }
        }
    }
    return 0;
}

/* librdkafka's log callback. Runs on librdkafka's own threads (any of them), so it only
 * formats and writes (nf_log_write is one fprintf). Its lines go through our log, so that
 * log.format=json output stays one JSON object per line. Lines of facility FAIL at error level
 * describe the same event the error callback reports right after (connection and
 * authentication failures, at any level): they are dropped so each error appears once, in
 * our format. Syslog levels: 0-3 error, 4 warning, 5-6 info, 7 debug. */
static void log_line(const rd_kafka_t *rk, int level, const char *fac, const char *buf)
{
    if (strcmp(fac, "FAIL") == 0) {
        return;
    }
    nf_log_level lvl = level <= 3 ? NF_LOG_ERROR : level == 4 ? NF_LOG_WARN
                     : level <= 6 ? NF_LOG_INFO : NF_LOG_DEBUG;
    if (nf_log_get_format() == NF_LOG_JSON) {
        const char *fields[] = {"source", "librdkafka", "client", rd_kafka_name(rk),
                                "facility", fac, NULL};
        NF_LOGF(lvl, fields, "%s", buf);
    } else {
        NF_LOG(lvl, "%s: %s: %s", rd_kafka_name(rk), fac, buf);
    }
}

rd_kafka_conf_t *nf_kafka_conf_build(const nf_config *cfg, const char *role,
                                     const char *const *defaults, char *errstr,
                                     size_t errstr_size)
{
    rd_kafka_conf_t *conf = rd_kafka_conf_new();
    rd_kafka_conf_set_log_cb(conf, log_line);
    for (size_t i = 0; defaults && defaults[i]; i += 2) {
        if (set_one(conf, defaults[i], defaults[i], defaults[i + 1], errstr, errstr_size) != 0) {
            goto fail;
        }
    }
    char prefix[64];
    snprintf(prefix, sizeof prefix, "%s.kafka.", role);
    if (apply_prefix(conf, cfg, "kafka.", errstr, errstr_size) != 0 ||
        apply_prefix(conf, cfg, prefix, errstr, errstr_size) != 0) {
        goto fail;
    }
    return conf;
fail:
    rd_kafka_conf_destroy(conf);
    return NULL;
}

const char *nf_kafka_conf_get(const nf_config *cfg, const char *role, const char *name,
                              const char *def)
{
    char key[256];
    snprintf(key, sizeof key, "%s.kafka.%s", role, name);
    const char *v = nf_config_get(cfg, key);
    if (v) {
        return v;
    }
    snprintf(key, sizeof key, "kafka.%s", name);
    v = nf_config_get(cfg, key);
    return v ? v : def;
}

void nf_kafka_report_error(nf_kafka_errlog *last, rd_kafka_t *rk, int err, const char *reason)
{
    char fatal[512];
    if (err == RD_KAFKA_RESP_ERR__FATAL) {
        rd_kafka_fatal_error(rk, fatal, sizeof fatal);
        reason = fatal;
        NF_ERROR("%s: fatal error: %s", rd_kafka_name(rk), fatal);
    } else if (err == RD_KAFKA_RESP_ERR__AUTHENTICATION ||
               err == RD_KAFKA_RESP_ERR_SASL_AUTHENTICATION_FAILED) {
        NF_ERROR("%s: authentication failed: %s", rd_kafka_name(rk), reason);
    } else {
        NF_WARN("%s: %s: %s", rd_kafka_name(rk), rd_kafka_err2name(err), reason);
    }
    if (last) {
        last->err = err;
        snprintf(last->reason, sizeof last->reason, "%s: %.360s", rd_kafka_err2name(err), reason);
    }
}

bool nf_kafka_err_is_permanent(rd_kafka_resp_err_t err)
{
    switch (err) {
    case RD_KAFKA_RESP_ERR__FATAL:
    case RD_KAFKA_RESP_ERR__AUTHENTICATION:
    case RD_KAFKA_RESP_ERR_SASL_AUTHENTICATION_FAILED:
    case RD_KAFKA_RESP_ERR_TOPIC_AUTHORIZATION_FAILED:
    case RD_KAFKA_RESP_ERR_GROUP_AUTHORIZATION_FAILED:
    case RD_KAFKA_RESP_ERR_CLUSTER_AUTHORIZATION_FAILED:
    case RD_KAFKA_RESP_ERR_TRANSACTIONAL_ID_AUTHORIZATION_FAILED:
    case RD_KAFKA_RESP_ERR__UNKNOWN_TOPIC:
    case RD_KAFKA_RESP_ERR_UNKNOWN_TOPIC_OR_PART:
        return true;
    default:
        return false;
    }
}

bool nf_kafka_err_is_size(rd_kafka_resp_err_t err)
{
    return err == RD_KAFKA_RESP_ERR_MSG_SIZE_TOO_LARGE ||
           err == RD_KAFKA_RESP_ERR_RECORD_LIST_TOO_LARGE;
}
