/*
** gryphon.c -- DG Gryphon on TCP port 7000, as far as TCP reassembly sees it.
**
** tshark hands port 7000 to Gryphon, which reads its 8-byte header through
** tcp_dissect_pdus: a segment shorter than the header is kept for
** reassembly ("[TCP segment of a reassembled PDU]", no protocol layer),
** and so is a message shorter than its header's length (data length padded
** to 4, plus the header).  Messages themselves are not decoded yet: a whole
** one is declined and goes to "data".
*/
#include "dissect.h"

#define GRYPHON_HDR 8

static int proto_gryphon;

static int dissect_gryphon(struct packet *pk, struct cursor *c)
{
	uint32_t total = cur_remaining(c), avail = cur_avail(c);
	if (!pk->can_desegment || avail != total)
		return 0;
	uint32_t need = GRYPHON_HDR;
	if (total >= GRYPHON_HDR) {
		/* the header's data length, padded to 4, after the header */
		uint32_t plen = cur_peek_be16(c, 4);
		need = GRYPHON_HDR + plen + 3 - (plen + 3) % 4;
	}
	if (total >= need)
		return 0; /* a whole message: not decoded yet */
	/* tcp_dissect_pdus: wait for the rest of the header or message */
	pk->desegment_offset = 0;
	pk->desegment_len = need - total;
	return (int)total;
}

static const struct dissector gryphon_dissector = {"gryphon", dissect_gryphon, 0};

void register_gryphon(void)
{
	proto_gryphon = proto_register("DG Gryphon Protocol", "Gryphon", "gryphon");
}

void handoff_gryphon(void)
{
	dtable_add(DT_TCP_PORT, 7000, &gryphon_dissector);
}
