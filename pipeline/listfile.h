/* Reading the user's list files that stages load (watchlist TSV, patterns "LABEL = regex"):
 * the parts both formats share, so they name lists, cut lines and check labels alike. */
#ifndef NF_PIPELINE_LISTFILE_H
#define NF_PIPELINE_LISTFILE_H

#include <stdbool.h>
#include <stddef.h>

/* The list's name in records: the base name of \p path up to its first dot ("a/b/vip.tsv" ->
 * "vip"), cut to \p stem_size - 1 bytes. Returns 0, or -1 with "PATH: the file name is not
 * valid UTF-8" in errstr. */
int nf_listfile_stem(const char *path, char *stem, size_t stem_size, char *errstr,
                     size_t errstr_size);

/* The next line of the NUL-terminated text at *cursor, cut in place at its '\n' (*len: its
 * length, a '\r' before the '\n' included); *cursor moves past it. NULL at the end of the
 * text (a final newline starts no empty line). */
char *nf_listfile_next_line(char **cursor, size_t *len);

/* Is s[0, n) an entity label: upper case first, then A-Z, 0-9 or _, at most 32 bytes? */
bool nf_listfile_label_ok(const char *s, size_t n);

#endif
