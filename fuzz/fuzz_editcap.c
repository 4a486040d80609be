/*
** fuzz_editcap.c -- libFuzzer entry: any bytes as editcap options (one per
** line: the option letter, then its argument), then the per-record edits
** they set (-C/-L chops, -S, -E, selections and -a comments) applied to a
** few records of several sizes.  A bad option must end in a message, and no
** combination of numbers may move bytes outside the record or overflow.
*/
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "cli/editcap_int.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

/* options that take no argument, or print and stop (-v): the rest take one */
static const char letters[] = "rABacCdDEFiILosStTVw";

static void apply(struct ec *e, uint32_t caplen, long long n)
{
	uint8_t *buf = malloc(caplen ? caplen : 1);
	if (!buf)
		abort();
	memset(buf, 0xa5, caplen);
	uint8_t *d = buf;
	uint32_t cl = caplen, len = caplen + 10;
	chop_apply(e->chop, &d, &cl, &len, e->adjlen);
	if (d < buf || cl > caplen || (size_t)(d - buf) + cl > caplen)
		abort(); /* the record must stay inside its buffer */
	volatile uint8_t sink = 0;
	for (uint32_t i = 0; i < cl; i++)
		sink ^= d[i];
	if (e->err_prob > 0)
		mutate_bytes(d, cl, e->change_offset, e->err_prob);
	int64_t sec = 1700000000 - n;
	int32_t nsec = (int32_t)(n * 1000);
	if (e->strict.on)
		strict_apply(&e->strict, &sec, &nsec);
	sink ^= (uint8_t)ec_selected(e, n);
	const char *c = ec_comment_for(e, n);
	if (c)
		sink ^= (uint8_t)c[0];
	(void)sink;
	free(buf);
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	char *text = malloc(size + 1);
	if (!text)
		abort();
	memcpy(text, data, size);
	text[size] = 0;
	struct ec e;
	memset(&e, 0, sizeof e);
	e.fmt = -1;
	int bad = 0;
	char *save = NULL;
	for (char *line = strtok_r(text, "\n", &save); line && !bad;
	     line = strtok_r(NULL, "\n", &save)) {
		if (!strchr(letters, line[0]))
			bad = ec_add_range(&e, line); /* a bare argument: a selection */
		else
			bad = ec_option(&e, (unsigned char)line[0], line + 1);
	}
	if (!bad) {
		static const uint32_t sizes[] = {0, 1, 14, 60, 1514};
		for (long long n = 1; n <= 5; n++)
			apply(&e, sizes[n - 1], n);
	}
	ec_free(&e);
	free(text);
	return 0;
}
