/* newsflow check-config: validate everything that can be validated without a broker and print
 * the effective configuration, secrets redacted. */
#include "app/app.h"
#include "common/xalloc.h"
#include "config/kafka_conf.h"
#include "pipeline/pipeline.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

static void check_usage(FILE *out)
{
    fprintf(out,
            "usage: newsflow check-config [-c FILE] [-X KEY=VALUE]...\n"
            "\n"
            "Validate the configuration (unknown keys, option values, librdkafka properties,\n"
            "pipeline stages and their data) and print every effective key with where its\n"
            "value came from. Values of keys containing password or secret, and of sasl.* and\n"
            "ssl.key* properties, are printed as (redacted).\n"
            "Exit codes: 0 valid, 2 invalid.\n");
}

static const char *source_name(nf_cfg_source s)
{
    switch (s) {
    case NF_CFG_FILE: return "file";
    case NF_CFG_ENV: return "env";
    case NF_CFG_CLI: return "-X";
    default: return "default";
    }
}

static void print_kv(const char *key, const char *value, const char *origin)
{
    printf("%s = %s", key, nf_config_is_secret(key) ? "(redacted)" : value ? value : "");
    printf("%*s# %s\n", (int)(strlen(key) + strlen(value ? value : "") < 60 ?
                                  60 - strlen(key) - strlen(value ? value : "") : 1),
           "", origin);
}

int nf_cmd_check_config(int argc, char **argv, char **envp)
{
    nf_cli_common cli;
    char **rest = nf_xcalloc((size_t)argc + 1, sizeof *rest);
    int n_rest = 0;
    int rc = NF_EXIT_USAGE;
    nf_config *cfg = NULL;
    nf_opt_table *tables = NULL;
    char errstr[NF_ERRSTR_SIZE];
    if (nf_cli_parse_common(argc, argv, &cli, rest, &n_rest, "check-config") != 0) {
        goto done;
    }
    for (int i = 0; i < n_rest; i++) {
        if (strcmp(rest[i], "-h") == 0 || strcmp(rest[i], "--help") == 0) {
            check_usage(stdout);
            rc = NF_EXIT_OK;
            goto done;
        }
        fprintf(stderr, "newsflow check-config: unknown argument '%s'\n", rest[i]);
        check_usage(stderr);
        goto done;
    }
    cfg = nf_app_load_config(&cli, envp);
    if (!cfg) {
        goto done;
    }
    /* librdkafka validates its own properties; the pipeline validates stages and data. */
    rd_kafka_conf_t *kc = nf_kafka_conf_build(cfg, "consumer", NULL, errstr, sizeof errstr);
    if (!kc) {
        fprintf(stderr, "newsflow: configuration error: %s\n", errstr);
        goto done;
    }
    rd_kafka_conf_destroy(kc);
    kc = nf_kafka_conf_build(cfg, "producer", NULL, errstr, sizeof errstr);
    if (!kc) {
        fprintf(stderr, "newsflow: configuration error: %s\n", errstr);
        goto done;
    }
    rd_kafka_conf_destroy(kc);
    nf_pipeline *pl = nf_pipeline_new(cfg, errstr, sizeof errstr);
    if (!pl) {
        fprintf(stderr, "newsflow: configuration error: %s\n", errstr);
        goto done;
    }
    const nf_pipeline_info *info = nf_pipeline_get_info(pl);
    printf("# newsflow %s effective configuration\n", NF_VERSION);
    printf("# precedence: default < file < env (NEWSFLOW_*) < -X\n");
    printf("# pipeline config_digest %s\n# pipeline data_digest   %s\n", info->config_digest,
           info->data_digest);
    nf_pipeline_destroy(pl);

    tables = nf_app_tables();
    for (size_t t = 0; tables[t].prefix; t++) {
        for (const nf_opt *o = tables[t].opts; o && o->name; o++) {
            char key[256];
            snprintf(key, sizeof key, "%s%s", tables[t].prefix, o->name);
            const char *v = nf_config_get(cfg, key);
            if (v) {
                for (size_t i = 0; i < nf_config_count(cfg); i++) {
                    nf_config_entry e = nf_config_at(cfg, i);
                    if (strcmp(e.key, key) == 0) {
                        print_kv(key, v, e.origin ? e.origin : source_name(e.source));
                    }
                }
            } else {
                print_kv(key, o->def ? o->def : "", "default");
            }
        }
    }
    for (size_t i = 0; i < nf_config_count(cfg); i++) {
        nf_config_entry e = nf_config_at(cfg, i);
        for (size_t p = 0; nf_kafka_passthrough_prefixes[p]; p++) {
            const char *pre = nf_kafka_passthrough_prefixes[p];
            if (strncmp(e.key, pre, strlen(pre)) == 0) {
                print_kv(e.key, e.value, e.origin ? e.origin : source_name(e.source));
                break;
            }
        }
    }
    rc = NF_EXIT_OK;
done:
    nf_app_tables_free(tables);
    nf_config_destroy(cfg);
    free(cli.overrides);
    free(rest);
    return rc;
}
