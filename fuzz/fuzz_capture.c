/*
** fuzz_capture.c -- libFuzzer entry: any bytes as a capture (pcap, pcapng,
** gzip or zstd of them), read to the end.  Touching every byte of every
** frame lets ASan see a pointer that strays outside the record.
*/
#include <stddef.h>
#include <stdint.h>

#include "capture/capture.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	char err[1024];
	struct capture *c = capture_open_mem(data, size, err, sizeof err);
	if (!c)
		return 0;
	struct cap_frame f;
	volatile uint8_t sink = 0;
	int r;
	while ((r = capture_next(c, &f)) == 1) {
		for (uint32_t i = 0; i < f.caplen; i++)
			sink ^= f.data[i];
		for (int i = 0; i < f.ncomments; i++)
			for (uint32_t j = 0; j < f.comments[i].n; j++)
				sink ^= (uint8_t)f.comments[i].p[j];
	}
	if (r < 0)
		sink ^= (uint8_t)capture_error(c)[0];
	for (int i = 0; i < capture_iface_count(c); i++)
		sink ^= (uint8_t)capture_iface(c, i)->linktype;
	capture_close(c);
	(void)sink;
	return 0;
}
