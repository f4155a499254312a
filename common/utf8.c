#include "common/utf8.h"

#include <string.h>

bool nf_utf8_valid(const char *str, size_t len, size_t *bad_at)
{
    const unsigned char *s = (const unsigned char *)str;
    size_t i = 0;
    while (i < len) {
        unsigned char c = s[i];
        if (c < 0x80) {
            /* Mostly ASCII text: skip 8 ASCII bytes at a time. */
            uint64_t w;
            while (len - i >= 8 && (memcpy(&w, s + i, 8), (w & 0x8080808080808080ULL) == 0)) {
                i += 8;
            }
            if (i < len && s[i] < 0x80) {
                i++;
            }
            continue;
        }
        size_t need;
        uint32_t cp;
        if (c >= 0xC2 && c <= 0xDF) {
            need = 1;
            cp = c & 0x1F;
        } else if (c >= 0xE0 && c <= 0xEF) {
            need = 2;
            cp = c & 0x0F;
        } else if (c >= 0xF0 && c <= 0xF4) {
            need = 3;
            cp = c & 0x07;
        } else {
            goto bad;
        }
        if (len - i <= need) {
            goto bad;
        }
        for (size_t k = 1; k <= need; k++) {
            if ((s[i + k] & 0xC0) != 0x80) {
                goto bad;
            }
            cp = (cp << 6) | (s[i + k] & 0x3F);
        }
        if ((need == 2 && (cp < 0x800 || (cp >= 0xD800 && cp <= 0xDFFF))) ||
            (need == 3 && (cp < 0x10000 || cp > 0x10FFFF))) {
            goto bad;
        }
        i += need + 1;
    }
    return true;
bad:
    if (bad_at) {
        *bad_at = i;
    }
    return false;
}

size_t nf_utf8_count(const char *s, size_t len)
{
    /* Code points = bytes that are not continuation bytes (10xxxxxx), 8 bytes at a time: a
     * byte's bit 7 set and bit 6 clear marks a continuation (w << 1 moves each byte's bit 6
     * onto its bit 7). */
    size_t n = 0, i = 0;
    for (; len - i >= 8; i += 8) {
        uint64_t w;
        memcpy(&w, s + i, 8);
        uint64_t cont = (w & ~(w << 1)) & 0x8080808080808080ULL;
        n += 8 - (size_t)(((cont >> 7) * 0x0101010101010101ULL) >> 56);
    }
    for (; i < len; i++) {
        n += ((unsigned char)s[i] & 0xC0) != 0x80;
    }
    return n;
}

uint32_t nf_utf8_next(const char *str, size_t len, size_t *i)
{
    const unsigned char *s = (const unsigned char *)str;
    unsigned char c = s[*i];
    if (c < 0x80) {
        (*i)++;
        return c;
    }
    size_t need;
    uint32_t cp;
    if (c >= 0xC2 && c <= 0xDF) {
        need = 1;
        cp = c & 0x1F;
    } else if (c >= 0xE0 && c <= 0xEF) {
        need = 2;
        cp = c & 0x0F;
    } else if (c >= 0xF0 && c <= 0xF4) {
        need = 3;
        cp = c & 0x07;
    } else {
        (*i)++;
        return 0xFFFD;
    }
    if (*i + need >= len) {
        (*i)++;
        return 0xFFFD;
    }
    for (size_t k = 1; k <= need; k++) {
        if ((s[*i + k] & 0xC0) != 0x80) {
            (*i)++;
            return 0xFFFD;
        }
        cp = (cp << 6) | (s[*i + k] & 0x3F);
    }
    *i += need + 1;
    return cp;
}

size_t nf_utf8_encode(uint32_t cp, char *out)
{
    unsigned char *o = (unsigned char *)out;
    if (cp < 0x80) {
        o[0] = (unsigned char)cp;
        return 1;
    }
    if (cp < 0x800) {
        o[0] = (unsigned char)(0xC0 | (cp >> 6));
        o[1] = (unsigned char)(0x80 | (cp & 0x3F));
        return 2;
    }
    if (cp < 0x10000) {
        o[0] = (unsigned char)(0xE0 | (cp >> 12));
        o[1] = (unsigned char)(0x80 | ((cp >> 6) & 0x3F));
        o[2] = (unsigned char)(0x80 | (cp & 0x3F));
        return 3;
    }
    o[0] = (unsigned char)(0xF0 | (cp >> 18));
    o[1] = (unsigned char)(0x80 | ((cp >> 12) & 0x3F));
    o[2] = (unsigned char)(0x80 | ((cp >> 6) & 0x3F));
    o[3] = (unsigned char)(0x80 | (cp & 0x3F));
    return 4;
}

/* ---- Classes, case and folding: the one definition of a letter ------------------------ */

int nf_utf8_class(uint32_t cp)
{
    if (cp < 0x80) {
        if ((cp | 0x20) >= 'a' && (cp | 0x20) <= 'z') {
            return NF_CP_LETTER;
        }
        if (cp >= '0' && cp <= '9') {
            return NF_CP_DIGIT;
        }
        if (cp == ' ' || (cp >= 0x09 && cp <= 0x0D)) {
            return NF_CP_SPACE;
        }
        if (cp == '-') {
            return NF_CP_HYPHEN;
        }
        if (cp == '\'') {
            return NF_CP_APOS;
        }
        if (cp == '.') {
            return NF_CP_DOT;
        }
        if (cp < 0x20 || cp == 0x7F) {
            return NF_CP_SPACE;
        }
        return NF_CP_PUNCT;
    }
    if (cp == 0xA0 || (cp >= 0x2000 && cp <= 0x200B) || cp == 0x202F || cp == 0x205F ||
        cp == 0x3000 || cp == 0xFEFF || (cp >= 0x80 && cp < 0xA0) || cp == 0x2028 ||
        cp == 0x2029) {
        return NF_CP_SPACE;
    }
    if (cp == 0x2010 || cp == 0x2011) {
        return NF_CP_HYPHEN;
    }
    if (cp == 0x2019 || cp == 0x02BC) {
        return NF_CP_APOS;
    }
    if (cp >= 0x300 && cp <= 0x36F) {
        return NF_CP_MARK;
    }
    if ((cp >= 0xA1 && cp <= 0xBF && cp != 0xAA && cp != 0xB5 && cp != 0xBA) || cp == 0xD7 ||
        cp == 0xF7 || (cp >= 0x2012 && cp <= 0x206F) || (cp >= 0x2070 && cp <= 0x2BFF) ||
        (cp >= 0x3001 && cp <= 0x303F) || (cp >= 0xFF01 && cp <= 0xFF0F) ||
        (cp >= 0xFE30 && cp <= 0xFE6F) || cp == 0xFFFD || (cp >= 0x1F000 && cp <= 0x1FAFF)) {
        return NF_CP_PUNCT;
    }
    return NF_CP_LETTER;
}

/* 1 upper case, -1 lower case, 0 no case. Covers Latin, Greek and Cyrillic. */
int nf_utf8_case(uint32_t cp)
{
    if (cp < 0x80) {
        return (cp >= 'A' && cp <= 'Z') ? 1 : (cp >= 'a' && cp <= 'z') ? -1 : 0;
    }
    if (cp >= 0xC0 && cp <= 0xDE) {
        return cp == 0xD7 ? 0 : 1;
    }
    if (cp >= 0xDF && cp <= 0xFF) {
        return cp == 0xF7 ? 0 : -1;
    }
    if (cp >= 0x100 && cp <= 0x17F) {
        if (cp == 0x138 || cp == 0x149 || cp == 0x17F) {
            return -1;
        }
        if (cp == 0x178) {
            return 1;
        }
        if ((cp >= 0x139 && cp <= 0x148) || (cp >= 0x179 && cp <= 0x17E)) {
            return (cp & 1) ? 1 : -1;
        }
        return (cp & 1) ? -1 : 1;
    }
    if (cp >= 0x218 && cp <= 0x21B) {
        return (cp & 1) ? -1 : 1;
    }
    if (cp >= 0x180 && cp <= 0x24F) {
        return -1;
    }
    if (cp == 0x386 || (cp >= 0x388 && cp <= 0x38F) || (cp >= 0x391 && cp <= 0x3AB)) {
        return 1;
    }
    if (cp >= 0x3AC && cp <= 0x3FF) {
        return -1;
    }
    if (cp >= 0x400 && cp <= 0x42F) {
        return 1;
    }
    if (cp >= 0x430 && cp <= 0x45F) {
        return -1;
    }
    if ((cp >= 0x460 && cp <= 0x4FF) || (cp >= 0x1E00 && cp <= 0x1EFF)) {
        return (cp & 1) ? -1 : 1;
    }
    return 0;
}

static const char latin1_base[64] = {
    /* C0 */ 'a', 'a', 'a', 'a', 'a', 'a', 0, 'c', 'e', 'e', 'e', 'e', 'i', 'i', 'i', 'i',
    /* D0 */ 0, 'n', 'o', 'o', 'o', 'o', 'o', 0, 'o', 'u', 'u', 'u', 'u', 'y', 0, 0,
    /* E0 */ 'a', 'a', 'a', 'a', 'a', 'a', 0, 'c', 'e', 'e', 'e', 'e', 'i', 'i', 'i', 'i',
    /* F0 */ 0, 'n', 'o', 'o', 'o', 'o', 'o', 0, 'o', 'u', 'u', 'u', 'u', 'y', 0, 'y',
};

/* Latin Extended-A (U+0100..U+017F) base letters, in runs. */
static const struct {
    uint16_t lo, hi;
    char base;
} latin_ext_a[] = {
    {0x100, 0x105, 'a'}, {0x106, 0x10D, 'c'}, {0x10E, 0x111, 'd'}, {0x112, 0x11B, 'e'},
    {0x11C, 0x123, 'g'}, {0x124, 0x127, 'h'}, {0x128, 0x133, 'i'}, {0x134, 0x135, 'j'},
    {0x136, 0x138, 'k'}, {0x139, 0x142, 'l'}, {0x143, 0x14B, 'n'}, {0x14C, 0x153, 'o'},
    {0x154, 0x159, 'r'}, {0x15A, 0x161, 's'}, {0x162, 0x167, 't'}, {0x168, 0x173, 'u'},
    {0x174, 0x175, 'w'}, {0x176, 0x178, 'y'}, {0x179, 0x17E, 'z'}, {0x17F, 0x17F, 's'},
};

uint32_t nf_utf8_fold(uint32_t cp)
{
    if (cp < 0x80) {
        return (cp >= 'A' && cp <= 'Z') ? cp + 32 : cp;
    }
    if (cp >= 0xC0 && cp <= 0xFF) {
        char b = latin1_base[cp - 0xC0];
        if (b) {
            return (uint32_t)b;
        }
        return (cp <= 0xDE && cp != 0xD7) ? cp + 32 : cp;
    }
    if (cp >= 0x100 && cp <= 0x17F) {
        for (size_t k = 0; k < sizeof latin_ext_a / sizeof latin_ext_a[0]; k++) {
            if (cp >= latin_ext_a[k].lo && cp <= latin_ext_a[k].hi) {
                return (uint32_t)latin_ext_a[k].base;
            }
        }
        return cp;
    }
    if (cp == 0x218 || cp == 0x219) {
        return 's';
    }
    if (cp == 0x21A || cp == 0x21B) {
        return 't';
    }
    if (cp == 0x2018 || cp == 0x2019 || cp == 0x02BC || cp == 0x2032 || cp == 0xB4) {
        return '\'';
    }
    if (cp == 0x201C || cp == 0x201D || cp == 0x201E || cp == 0xAB || cp == 0xBB) {
        return '"';
    }
    if ((cp >= 0x2010 && cp <= 0x2015) || cp == 0x2212) {
        return '-';
    }
    if (cp >= 0x391 && cp <= 0x3AB) {
        return cp + 32;
    }
    if (cp >= 0x410 && cp <= 0x42F) {
        return cp + 32;
    }
    if (cp >= 0x400 && cp <= 0x40F) {
        return cp + 80;
    }
    if ((cp >= 0x460 && cp <= 0x4FF) || (cp >= 0x1E00 && cp <= 0x1EFF)) {
        return cp | 1;
    }
    return cp;
}
