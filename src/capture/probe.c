/*
** probe.c -- which reader a file needs, decided by its first bytes.
**
** One table, tried in order, so adding a format is one line; a file's name
** never matters.
*/
#include "capture_int.h"

static const struct cap_format formats[] = {
    {"pcapng", CAP_FT_PCAPNG, cap_pcapng_probe, cap_pcapng_open},
    {"pcap", CAP_FT_PCAP, cap_pcap_probe, cap_pcap_open},
};

const struct cap_format *cap_probe(const uint8_t *head, size_t n)
{
	for (size_t i = 0; i < sizeof formats / sizeof formats[0]; i++)
		if (formats[i].probe(head, n))
			return &formats[i];
	return NULL;
}
