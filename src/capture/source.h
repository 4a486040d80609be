/*
** source.h -- a byte source under the capture readers.
**
** Readers ask for "the next n bytes, contiguous" (source_peek) and then
** consume them (source_skip).  A plain file is mmap'ed and peeks point
** straight into the mapping (zero copy); stdin, pipes, gzip and zstd go
** through one buffer that only grows to the largest record asked for, so
** memory never grows with the number of packets.
*/
#ifndef WS_SOURCE_H
#define WS_SOURCE_H

#include <stddef.h>
#include <stdint.h>

#include "capture.h"

struct source;

/*
** Open a path ("-" is stdin).  On failure returns NULL with tshark's message
** (without the "tshark: " prefix) in err.
*/
struct source *source_open_path(const char *path, char *err, size_t errlen);
/* The bytes must outlive the source; they are not copied. */
struct source *source_open_mem(const uint8_t *p, size_t n);
void source_close(struct source *s);

/*
** Make up to n bytes at the current position contiguous and point *p at
** them; returns how many there are (fewer than n only at the end of the data
** or on a decompression error).  *p stays valid until the next peek or skip.
*/
size_t source_peek(struct source *s, size_t n, const uint8_t **p);
/*
** What is already contiguous at the current position, without reading or
** decompressing more (all the rest of the data in direct mode): lets a
** reader take a whole record in place when it is there and peek otherwise.
*/
size_t source_avail(const struct source *s, const uint8_t **p);
/* Consume n bytes (n <= what the last peek returned). */
void source_skip(struct source *s, size_t n);
/* Offset of the current position in the (decompressed) data. */
uint64_t source_offset(const struct source *s);
/*
** Are peeked bytes pointers into a mapping that lives until source_close()
** (uncompressed, mapped: the window only drops pages, which fault back in)?
*/
int source_mapped(const struct source *s);
/*
** Direct mode (uncompressed, addressable): the whole data and its length,
** which never move, so a reader can look at records in place and only
** source_skip() past them; NULL otherwise.
*/
const uint8_t *source_direct(const struct source *s, size_t *len);
enum cap_compress source_compression(const struct source *s);
/* Non-NULL when the data could not be decompressed (zlib/zstd's words). */
const char *source_decompress_error(const struct source *s);

#endif
