/*
** fuzz_dissect.c -- libFuzzer target: arbitrary bytes through dissect_packet
** and both text outputs.
**
** The first byte picks the link type (so one corpus reaches every link-layer
** dissector); the rest is the frame.  Every field is wanted and the columns
** are built, so the fuzzer also exercises the slow paths that -T fields with
** a few fields never touches, then each item goes through fv_to_str and the
** frame through the summary line.  State that outlives packets (TCP analysis,
** reassembly) is kept across inputs on purpose: bugs there need sequences.
*/
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "capture/capture.h"
#include "dissect/tcp_lean.h"
#include "fuzz_packet.h"
#include "output/format.h"
#include "output/output.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

static const int linktypes[] = {
    LINKTYPE_ETHERNET, LINKTYPE_NULL, LINKTYPE_RAW,        LINKTYPE_LOOP,   LINKTYPE_LINUX_SLL,
    LINKTYPE_IPV4,     LINKTYPE_IPV6, LINKTYPE_LINUX_SLL2, LINKTYPE_RAW_12, LINKTYPE_RAW_14};

/* fuzz_dissect_lean.c defines FUZZ_TCP_LEAN: a lean run prints no columns */
#ifdef FUZZ_TCP_LEAN
#define LEAN FUZZ_TCP_LEAN
#else
#define LEAN TCP_LEAN_OFF
#endif

static struct packet *pk;
static struct fieldset fs;
static struct arena arena;
static FILE *sink;
static uint32_t frame_no;

static void setup(void)
{
	pk = fuzz_packet_new(&fs, &arena);
	tcp_lean_set(LEAN);
	sink = fopen("/dev/null", "w");
	if (!sink)
		abort();
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	static char buf[1 << 18];
	if (!pk)
		setup();
	if (size < 1)
		return 0;
	int lt = linktypes[data[0] % (sizeof linktypes / sizeof linktypes[0])];
	/* ethernet most of the time: it leads to the most dissectors */
	if (data[0] >= 0x80)
		lt = LINKTYPE_ETHERNET;
	data++;
	size--;
	if (size > 65535)
		size = 65535;

	/* a private copy, so reads past the end are caught by ASan */
	uint8_t *frame = malloc(size ? size : 1);
	if (!frame)
		abort();
	memcpy(frame, data, size);

	struct packet *p = pk;
	fs_reset(&fs);
	arena_reset(&arena);
	/* clear the per-packet part; ctx, fs and arena survive */
	struct dissect_ctx *ctx = p->ctx;
	memset(p, 0, sizeof *p);
	p->fs = &fs;
	p->arena = &arena;
	p->ctx = ctx;
	p->want_cols = LEAN == TCP_LEAN_OFF;
	p->num = ++frame_no;
	p->sec = 1700000000 + frame_no;
	p->has_ts = 1;
	p->ts_digits = 6;
	p->rel_sec = frame_no;
	p->caplen = (uint32_t)size;
	p->len = (uint32_t)size;
	p->linktype = lt;
	p->data = frame;
	dissect_packet(p);

	for (int i = 0; i < fs.n; i++)
		fv_to_str(&fs.items[i], buf, sizeof buf);
	if (p->want_cols)
		summary_packet(sink, p);
	free(frame);
	return 0;
}
