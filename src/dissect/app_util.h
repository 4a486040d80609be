/*
** app_util.h -- text helpers shared by the application-layer dissectors.
**
** Application protocols mostly show text from the packet in the Info column;
** tshark escapes control bytes and replaces invalid UTF-8, so every
** dissector that copies packet text into a column goes through app_fmt_text
** to get the same bytes tshark would print.
*/
#ifndef WS_APP_UTIL_H
#define WS_APP_UTIL_H

#include <stddef.h>
#include <stdint.h>

/*
** Format n bytes as tshark's format_text does: printable ASCII (backslash
** included, unescaped) and valid UTF-8 as is, C escapes for the usual control
** characters, \ooo for the others, U+FFFD for each byte of invalid UTF-8.
** Writes at most cap-1 bytes plus a NUL; returns the length written.
*/
size_t app_fmt_text(char *dst, size_t cap, const uint8_t *p, size_t n);

/*
** End of the line starting at p[0] (tshark's tvb_find_line_end): returns the
** line length without its terminator and sets *next to the offset after the
** terminator (CRLF, LF or lone CR).  Returns -1 when no terminator is found
** within n bytes (then the whole rest is the line).
*/
long app_line_end(const uint8_t *p, uint32_t n, uint32_t *next);

/* A header line "Name: value" of a text message (HTTP, RTSP), offsets in its buffer. */
struct app_header {
	uint32_t off;   /* the line's start */
	uint32_t len;   /* without its terminator */
	uint32_t size;  /* with it */
	uint32_t colon; /* the name's length; len when the line has no colon */
	uint32_t val;   /* the value's start in the line, past blanks */
};

/*
** The header line at p[*off], the buffer ending at n: 1 with *h and *off past
** it; 0 at the empty line ending the headers, *off past it; -1 when no whole
** line is left, *off unchanged.
*/
int app_header_next(const uint8_t *p, uint32_t n, uint32_t *off, struct app_header *h);

/* Is p[0..n) a plausible token of upper-case letters (methods, commands)? */
int app_is_upper_token(const uint8_t *p, uint32_t n);

/*
** Per-conversation state for application dissectors: a small hash map from
** the packet's address/port pair (either direction) to a zeroed value of
** vsize bytes, living in the worker's dissect_state under key proto_id.
** *dir is 0 when the packet goes from the lower endpoint to the higher one,
** 1 otherwise, so a dissector can keep per-direction state.  Returns NULL
** when create is 0 and the conversation is unknown (*dir then unset).
*/
struct packet;
void *app_conv(struct packet *pk, int proto_id, size_t vsize, int create, int *dir);

/*
** A heuristic that recognises a conversation binds it to its dissector, and
** from then on tshark hands the conversation to that dissector before any
** port table.  Port dissectors call app_conv_redirect() first: it returns
** the bound dissector when it is not `self`, else NULL.
*/
struct dissector;
void app_conv_bind(struct packet *pk, const struct dissector *d);
const struct dissector *app_conv_redirect(struct packet *pk, const struct dissector *self);

#endif
