#include "pipeline/listfile.h"

#include "common/err.h"
#include "common/utf8.h"

#include <ctype.h>
#include <stdio.h>
#include <string.h>

int nf_listfile_stem(const char *path, char *stem, size_t stem_size, char *errstr,
                     size_t errstr_size)
{
    const char *base = strrchr(path, '/');
    base = base ? base + 1 : path;
    snprintf(stem, stem_size, "%.*s", (int)strcspn(base, "."), base);
    if (!nf_utf8_valid(stem, strlen(stem), NULL)) {
        nf_set_errstr(errstr, errstr_size, "%s: the file name is not valid UTF-8", path);
        return -1;
    }
    return 0;
}

char *nf_listfile_next_line(char **cursor, size_t *len)
{
    char *line = *cursor;
    if (!line || !*line) {
        return NULL;
    }
    char *nl = strchr(line, '\n');
    if (nl) {
        *nl = '\0';
    }
    *cursor = nl ? nl + 1 : NULL;
    *len = nl ? (size_t)(nl - line) : strlen(line);
    return line;
}

bool nf_listfile_label_ok(const char *s, size_t n)
{
    if (n == 0 || n > 32 || !isupper((unsigned char)s[0])) {
        return false;
    }
    for (size_t i = 1; i < n; i++) {
        if (!isupper((unsigned char)s[i]) && !isdigit((unsigned char)s[i]) && s[i] != '_') {
            return false;
        }
    }
    return true;
}
