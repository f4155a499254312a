#include "common/digest.h"

#include <openssl/evp.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

struct nf_digest {
    EVP_MD_CTX *md;
};

static void hex(const unsigned char *in, size_t n, char *out)
{
    static const char digits[] = "0123456789abcdef";
    for (size_t i = 0; i < n; i++) {
        out[2 * i] = digits[in[i] >> 4];
        out[2 * i + 1] = digits[in[i] & 15];
    }
    out[2 * n] = '\0';
}

nf_digest *nf_digest_new(void)
{
    nf_digest *d = malloc(sizeof *d);
    if (!d) {
        abort();
    }
    d->md = EVP_MD_CTX_new();
    if (!d->md || !EVP_DigestInit_ex(d->md, EVP_sha256(), NULL)) {
        abort();
    }
    return d;
}

void nf_digest_update(nf_digest *d, const void *p, size_t n)
{
    EVP_DigestUpdate(d->md, p, n);
}

void nf_digest_final_str(nf_digest *d, char out[80])
{
    unsigned char md[EVP_MAX_MD_SIZE];
    unsigned int n = 0;
    EVP_DigestFinal_ex(d->md, md, &n);
    memcpy(out, "sha256:", 7);
    hex(md, n, out + 7);
    EVP_DigestInit_ex(d->md, EVP_sha256(), NULL);
}

void nf_digest_destroy(nf_digest *d)
{
    if (!d) {
        return;
    }
    EVP_MD_CTX_free(d->md);
    free(d);
}

void nf_sha256_hex(const void *p, size_t n, char *out, size_t hex_len)
{
    unsigned char md[32];
    unsigned int mdn = 0;
    EVP_Digest(p, n, md, &mdn, EVP_sha256(), NULL);
    char full[65];
    hex(md, 32, full);
    if (hex_len > 64) {
        hex_len = 64;
    }
    memcpy(out, full, hex_len);
    out[hex_len] = '\0';
}
