/* The HTTP endpoint: libmicrohttpd (Debian libmicrohttpd-dev) on its own thread.
 *
 * We bind the listening socket ourselves so that a bad or busy address fails with the
 * system's own reason (libmicrohttpd only says it could not start), then hand it over with
 * MHD_OPTION_LISTEN_SOCKET. Scrapes only read atomics and one mutex-guarded string, so a slow
 * or stuck client never slows the consume loop. */
#include "common/buf.h"
#include "common/log.h"
#include "common/xalloc.h"
#include "metrics/metrics.h"

#include <arpa/inet.h>
#include <errno.h>
#include <microhttpd.h>
#include <netinet/in.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/socket.h>
#include <unistd.h>

struct nf_metrics_server {
    struct MHD_Daemon *daemon;
    nf_metrics *m;
    int port;
};

typedef struct listen_addr {
    struct sockaddr_storage ss;
    socklen_t len;
} listen_addr;

/* "HOST:PORT" or "[IPv6]:PORT" with a numeric address or "localhost". Returns 0 or -1 with
 * what is wrong in \p why. */
static int parse_listen(const char *s, listen_addr *out, char *why, size_t why_size)
{
    memset(out, 0, sizeof *out);
    const char *colon = strrchr(s, ':');
    if (!colon || colon == s) {
        snprintf(why, why_size, "expected HOST:PORT");
        return -1;
    }
    const char *port_s = colon + 1;
    if (!*port_s || strspn(port_s, "0123456789") != strlen(port_s) || strlen(port_s) > 5 ||
        atol(port_s) > 65535) {
        snprintf(why, why_size, "the port must be a number 0..65535 (0 = any free port)");
        return -1;
    }
    uint16_t port = (uint16_t)atol(port_s);
    char host[64];
    size_t hlen = (size_t)(colon - s);
    bool bracketed = s[0] == '[';
    if (bracketed) {
        if (hlen < 3 || s[hlen - 1] != ']') {
            snprintf(why, why_size, "an IPv6 address goes in brackets: [::1]:9464");
            return -1;
        }
        s++;
        hlen -= 2;
    }
    if (hlen >= sizeof host) {
        snprintf(why, why_size, "the host is too long");
        return -1;
    }
    memcpy(host, s, hlen);
    host[hlen] = '\0';
    if (!bracketed && strcmp(host, "localhost") == 0) {
        snprintf(host, sizeof host, "127.0.0.1");
    }
    struct sockaddr_in *v4 = (struct sockaddr_in *)&out->ss;
    struct sockaddr_in6 *v6 = (struct sockaddr_in6 *)&out->ss;
    if (!bracketed && inet_pton(AF_INET, host, &v4->sin_addr) == 1) {
        v4->sin_family = AF_INET;
        v4->sin_port = htons(port);
        out->len = sizeof *v4;
        return 0;
    }
    if (bracketed && inet_pton(AF_INET6, host, &v6->sin6_addr) == 1) {
        v6->sin6_family = AF_INET6;
        v6->sin6_port = htons(port);
        out->len = sizeof *v6;
        return 0;
    }
    snprintf(why, why_size,
             "the host must be a numeric IPv4 address, localhost, or an IPv6 address in "
             "brackets (e.g. 127.0.0.1:9464, 0.0.0.0:9464, [::1]:9464)");
    return -1;
}

int nf_metrics_check_config(const nf_config *cfg, char *errstr, size_t errstr_size)
{
    const char *v = nf_config_get(cfg, "metrics.listen");
    if (!v || !*v) {
        return 0;
    }
    listen_addr a;
    char why[200];
    if (parse_listen(v, &a, why, sizeof why) != 0) {
        snprintf(errstr, errstr_size, "metrics.listen = \"%s\": %s; empty turns it off", v, why);
        return -1;
    }
    return 0;
}

static enum MHD_Result reply(struct MHD_Connection *conn, unsigned status, const char *type,
                             nf_buf *body)
{
    /* MHD frees the buffer with free() once sent. */
    size_t len = body->len;
    char *data = body->data ? body->data : nf_xstrdup("");
    body->data = NULL;
    struct MHD_Response *r =
        MHD_create_response_from_buffer(len, data, MHD_RESPMEM_MUST_FREE);
    MHD_add_response_header(r, MHD_HTTP_HEADER_CONTENT_TYPE, type);
    MHD_add_response_header(r, MHD_HTTP_HEADER_CACHE_CONTROL, "no-store");
    enum MHD_Result ret = MHD_queue_response(conn, status, r);
    MHD_destroy_response(r);
    return ret;
}

static enum MHD_Result on_request(void *cls, struct MHD_Connection *conn, const char *url,
                                  const char *method, const char *version,
                                  const char *upload_data, size_t *upload_data_size,
                                  void **req_cls)
{
    (void)version;
    (void)upload_data;
    (void)upload_data_size;
    (void)req_cls;
    nf_metrics_server *s = cls;
    nf_buf body;
    nf_buf_init(&body);
    static const char *const text = "text/plain; charset=utf-8";
    if (strcmp(method, MHD_HTTP_METHOD_GET) != 0 && strcmp(method, MHD_HTTP_METHOD_HEAD) != 0) {
        nf_buf_puts(&body, "only GET and HEAD\n");
        return reply(conn, MHD_HTTP_METHOD_NOT_ALLOWED, text, &body);
    }
    if (strcmp(url, "/metrics") == 0) {
        nf_metrics_render(s->m, &body);
        return reply(conn, MHD_HTTP_OK, "text/plain; version=0.0.4; charset=utf-8", &body);
    }
    bool health = strcmp(url, "/healthz") == 0;
    if (health || strcmp(url, "/readyz") == 0) {
        char reason[200];
        int rc = health ? nf_metrics_health(s->m, reason, sizeof reason)
                        : nf_metrics_ready(s->m, reason, sizeof reason);
        nf_buf_printf(&body, "%s\n", reason);
        return reply(conn, rc == 0 ? MHD_HTTP_OK : MHD_HTTP_SERVICE_UNAVAILABLE, text, &body);
    }
    nf_buf_puts(&body, "newsflow: GET /metrics, /healthz or /readyz\n");
    return reply(conn, strcmp(url, "/") == 0 ? MHD_HTTP_OK : MHD_HTTP_NOT_FOUND, text, &body);
}

static void mhd_log(void *cls, const char *fmt, va_list ap)
{
    (void)cls;
    char msg[512];
    vsnprintf(msg, sizeof msg, fmt, ap);
    msg[strcspn(msg, "\n")] = '\0';
    NF_WARN("metrics endpoint: %s", msg);
}

nf_metrics_server *nf_metrics_server_start(nf_metrics *m, const char *listen_s, char *errstr,
                                           size_t errstr_size)
{
    listen_addr a;
    char why[200];
    if (parse_listen(listen_s, &a, why, sizeof why) != 0) {
        snprintf(errstr, errstr_size, "metrics.listen = \"%s\": %s", listen_s, why);
        return NULL;
    }
    int fd = socket(a.ss.ss_family, SOCK_STREAM | SOCK_CLOEXEC, 0);
    int one = 1;
    if (fd < 0 || setsockopt(fd, SOL_SOCKET, SO_REUSEADDR, &one, sizeof one) != 0 ||
        bind(fd, (struct sockaddr *)&a.ss, a.len) != 0 || listen(fd, 32) != 0) {
        snprintf(errstr, errstr_size, "metrics.listen = \"%s\": cannot listen: %s", listen_s,
                 strerror(errno));
        if (fd >= 0) {
            close(fd);
        }
        return NULL;
    }
    struct sockaddr_storage bound;
    socklen_t blen = sizeof bound;
    getsockname(fd, (struct sockaddr *)&bound, &blen);
    nf_metrics_server *s = nf_xcalloc(1, sizeof *s);
    s->m = m;
    s->port = ntohs(bound.ss_family == AF_INET6 ? ((struct sockaddr_in6 *)&bound)->sin6_port
                                                : ((struct sockaddr_in *)&bound)->sin_port);
    unsigned flags = MHD_USE_INTERNAL_POLLING_THREAD | MHD_USE_ERROR_LOG;
    s->daemon = MHD_start_daemon(flags, 0, NULL, NULL, on_request, s,
                                 MHD_OPTION_EXTERNAL_LOGGER, mhd_log, NULL,
                                 MHD_OPTION_LISTEN_SOCKET, fd,
                                 MHD_OPTION_CONNECTION_LIMIT, (unsigned)32,
                                 MHD_OPTION_CONNECTION_TIMEOUT, (unsigned)10, MHD_OPTION_END);
    if (!s->daemon) {
        snprintf(errstr, errstr_size, "metrics.listen = \"%s\": cannot start the HTTP server",
                 listen_s);
        close(fd);
        free(s);
        return NULL;
    }
    return s;
}

int nf_metrics_server_port(const nf_metrics_server *s)
{
    return s->port;
}

void nf_metrics_server_stop(nf_metrics_server *s)
{
    if (!s) {
        return;
    }
    /* MHD closes the listening socket it was given. */
    MHD_stop_daemon(s->daemon);
    free(s);
}
