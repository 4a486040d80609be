/*
** filter.h -- tshark 4.0 display filters: compile once, match per frame.
**
** The compiled filter owns scratch space for evaluation, so matching never
** allocates once it has warmed up; one compiled filter must not be matched
** from two threads at once.
*/
#ifndef WS_FILTER_H
#define WS_FILTER_H

#include <stddef.h>
#include <stdint.h>

#include "../core/fieldset.h"

struct filter;

/*
** A compile error: tshark's message, and the byte span of the offending
** token in the filter text (loc < 0 when tshark prints no caret line).
*/
struct filter_error {
	char msg[512];
	int loc, len;
};

/* NULL on error (err filled).  An empty filter compiles and matches all. */
struct filter *filter_compile(const char *text, struct filter_error *err);

/* Does the frame match?  Protocol contents and frame slices need the bytes. */
int filter_match(struct filter *f, const struct fieldset *fs);
int filter_match_data(struct filter *f, const struct fieldset *fs, const uint8_t *data,
		      uint32_t caplen);

/* Calls cb(id, arg) for every field id the filter reads (with repeats). */
void filter_wanted_fields(const struct filter *f, void (*cb)(int id, void *arg), void *arg);

void filter_free(struct filter *f);

/* tshark's stderr text for a compile error: "tshark: msg\n    text\n    ^~~\n". */
void filter_print_error(void *file, const char *text, const struct filter_error *err);

#endif
