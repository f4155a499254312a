/* numbers stage: exact decimal values (see value.h). */

#include "pipeline/stages/numbers/value.h"

#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

static uint64_t gcd_u64(uint64_t a, uint64_t b)
{
    while (b) {
        uint64_t t = a % b;
        a = b;
        b = t;
    }
    return a;
}

void nv_norm(nval *v)
{
    if (!v->ok) {
        return;
    }
    if (v->m == 0) {
        v->e = 0;
        v->den = 1;
        return;
    }
    while (v->m % 10 == 0) {
        v->m /= 10;
        v->e++;
    }
    if (v->den > 1) {
        uint64_t g = gcd_u64(v->m, v->den);
        v->m /= g;
        v->den = (uint32_t)(v->den / g);
    }
}

void nv_mul(nval *v, uint64_t k)
{
    if (v->ok && __builtin_mul_overflow(v->m, k, &v->m)) {
        v->ok = false;
    }
    nv_norm(v);
}

void nv_div(nval *v, uint32_t d)
{
    if (!v->ok || d == 0) {
        v->ok = false;
        return;
    }
    uint64_t den = (uint64_t)v->den * d;
    /* Denominators made of 2s and 5s become decimal digits. */
    while (den % 2 == 0 && v->ok) {
        den /= 2;
        v->ok = !__builtin_mul_overflow(v->m, 5, &v->m);
        v->e--;
    }
    while (den % 5 == 0 && v->ok) {
        den /= 5;
        v->ok = !__builtin_mul_overflow(v->m, 2, &v->m);
        v->e--;
    }
    if (den > UINT32_MAX) {
        v->ok = false;
    }
    v->den = (uint32_t)den;
    nv_norm(v);
}

static bool pow10_mul(uint64_t *m, int32_t k)
{
    while (k-- > 0) {
        if (__builtin_mul_overflow(*m, 10, m)) {
            return false;
        }
    }
    return true;
}

nval nv_add_slow(nval a, nval b)
{
    if (!a.ok || !b.ok) {
        a.ok = false;
        return a;
    }
    if (a.m == 0) {
        return b;
    }
    if (b.m == 0) {
        return a;
    }
    nval r = {.m = 0, .e = 0, .ok = true, .den = 1};
    uint64_t am = a.m, bm = b.m;
    uint64_t den = (uint64_t)a.den * b.den;
    if (__builtin_mul_overflow(am, b.den, &am) || __builtin_mul_overflow(bm, a.den, &bm) ||
        den > UINT32_MAX) {
        r.ok = false;
        return r;
    }
    int32_t e = a.e < b.e ? a.e : b.e;
    if (e < -30 || !pow10_mul(&am, a.e - e) || !pow10_mul(&bm, b.e - e) ||
        __builtin_add_overflow(am, bm, &r.m)) {
        r.ok = false;
        return r;
    }
    r.e = e;
    r.den = (uint32_t)den;
    nv_norm(&r);
    return r;
}

/* nv_double beyond the fast path: strtod of the decimal text. */
double nv_double_slow(nval v)
{
    char buf[48];
    snprintf(buf, sizeof buf, "%llue%d", (unsigned long long)v.m, (int)v.e);
    double d = strtod(buf, NULL);
    return v.den > 1 ? d / v.den : d;
}

/* Canonical decimal text of an exact value ("24100000000", "0.0125"); false when it has no
 * finite decimal form or is out of range. */
bool nv_text(nval v, bool neg, char *out, size_t size)
{
    if (!v.ok || v.den != 1 || v.e > 40 || v.e < -40) {
        return false;
    }
    char digits[32];
    int nd = 0;
    {
        char tmp[24];
        uint64_t u = v.m;
        do {
            tmp[nd++] = (char)('0' + u % 10);
            u /= 10;
        } while (u);
        for (int k = 0; k < nd; k++) {
            digits[k] = tmp[nd - 1 - k];
        }
    }
    size_t o = 0;
    if (neg) {
        out[o++] = '-';
    }
    if (v.e >= 0) {
        if (o + (size_t)nd + (size_t)v.e + 1 > size) {
            return false;
        }
        memcpy(out + o, digits, (size_t)nd);
        o += (size_t)nd;
        memset(out + o, '0', (size_t)v.e);
        o += (size_t)v.e;
    } else {
        int point = nd + v.e; /* digits before the point */
        if (o + (size_t)nd + (size_t)(-v.e) + 3 > size) {
            return false;
        }
        if (point <= 0) {
            out[o++] = '0';
            out[o++] = '.';
            memset(out + o, '0', (size_t)(-point));
            o += (size_t)(-point);
            memcpy(out + o, digits, (size_t)nd);
            o += (size_t)nd;
        } else {
            memcpy(out + o, digits, (size_t)point);
            o += (size_t)point;
            out[o++] = '.';
            memcpy(out + o, digits + point, (size_t)(nd - point));
            o += (size_t)(nd - point);
        }
    }
    out[o] = '\0';
    return true;
}

/* A double as a value of 15 significant digits (powers are not exact in any notation). */
nval nv_from_double(double d)
{
    nval v = nv_int(0);
    if (!(d == d) || d < 0) {
        v.ok = false;
        return v;
    }
    if (d == 0) {
        return v;
    }
    int32_t e = 0;
    while (d >= 1e15 && e < 400) {
        d /= 10;
        e++;
    }
    while (d < 1e14 && e > -400) {
        d *= 10;
        e--;
    }
    if (e >= 400 || e <= -400) {
        v.ok = false;
        return v;
    }
    v.m = (uint64_t)(d + 0.5);
    v.e = e;
    nv_norm(&v);
    return v;
}

/* Divide by a denominator from nn_plural_ordinal (negative: a power of ten). */
void nn_div_den(nval *v, int den)
{
    if (den < 0) {
        if (v->ok) {
            v->e += den;
        }
    } else if (den > 0) {
        nv_div(v, (uint32_t)den);
    }
}

nval nn_scaled(nval v, int k)
{
    if (v.ok) {
        v.e += k;
    }
    return v;
}
