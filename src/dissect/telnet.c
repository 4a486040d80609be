/*
** telnet.c -- Telnet (RFC 854) on tcp 23: the Protocol column and tshark's
** fixed Info text.  Option negotiation is not decoded yet.
*/
#include "dissect.h"

static int proto_telnet;

static int dissect_telnet(struct packet *pk, struct cursor *c)
{
	uint32_t n = cur_remaining(c);
	pk_add_layer(pk, proto_telnet);
	col_set_proto(pk, "TELNET");
	fs_add_none(pk->fs, proto_telnet, cur_pos(c), n);
	col_clear_info(pk);
	col_append_info(pk, "Telnet Data ...");
	return (int)n;
}

static const struct dissector telnet_dissector = {"telnet", dissect_telnet, 0};

void register_telnet(void)
{
	proto_telnet = proto_register("Telnet", "TELNET", "telnet");
}

void handoff_telnet(void)
{
	dtable_add(DT_TCP_PORT, 23, &telnet_dissector);
}
