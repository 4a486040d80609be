/*
** fuzz_filter.c -- libFuzzer entry: any bytes as a display filter.  A filter
** that compiles is also matched against one dissected frame (Ethernet, IPv4,
** TCP with a payload) so evaluation runs on whatever the checker let through.
** Deep nesting and huge literals must end in an error message, never a crash.
*/
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "filter/filter.h"
#include "fuzz_packet.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

static struct packet *pk;
static struct fieldset fs;
static struct arena arena;

/* eth 02:..:02 <- 02:..:01, IPv4 10.0.0.1 -> 10.0.0.2, TCP 49152 -> 80 PSH/ACK, "GET /
 * HTTP/1.1\r\n" */
static const uint8_t frame[] = {
    0x02, 0x00, 0x00, 0x00, 0x00, 0x02, 0x02, 0x00, 0x00, 0x00, 0x00, 0x01, 0x08, 0x00,
    0x45, 0x00, 0x00, 0x38, 0x00, 0x01, 0x40, 0x00, 0x40, 0x06, 0x00, 0x00, 0x0a, 0x00,
    0x00, 0x01, 0x0a, 0x00, 0x00, 0x02, 0xc0, 0x00, 0x00, 0x50, 0x00, 0x00, 0x00, 0x01,
    0x00, 0x00, 0x00, 0x01, 0x50, 0x18, 0xfa, 0xf0, 0x00, 0x00, 0x00, 0x00, 'G',  'E',
    'T',  ' ',  '/',  ' ',  'H',  'T',  'T',  'P',  '/',  '1',  '.',  '1',  '\r', '\n'};

static void setup(void)
{
	pk = fuzz_packet_new(&fs, &arena);
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	if (!pk)
		setup();
	char *text = malloc(size + 1);
	if (!text)
		return 0;
	memcpy(text, data, size);
	text[size] = 0;
	struct filter_error err;
	struct filter *f = filter_compile(text, &err);
	if (f) {
		fs_reset(&fs);
		arena_reset(&arena);
		pk->num = 1;
		pk->data = frame;
		pk->caplen = pk->len = sizeof frame;
		pk->linktype = 1;
		pk->encap = 1;
		dissect_packet(pk);
		(void)filter_match_data(f, &fs, frame, sizeof frame);
		filter_free(f);
	} else if (!err.msg[0])
		abort(); /* every refusal says why */
	free(text);
	return 0;
}
