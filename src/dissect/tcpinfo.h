/*
** tcpinfo.h -- what TCP tells the payload dissector (tshark's struct
** tcpinfo), reachable as pk->l4 while a TCP payload is being dissected and
** NULL otherwise.  Sequence numbers are the relative ones TCP displays.
*/
#ifndef WS_TCPINFO_H
#define WS_TCPINFO_H

#include <stdint.h>

struct tcpinfo {
	uint32_t seq;        /* first byte of the data handed over */
	uint32_t nxtseq;     /* just past the segment */
	uint32_t lastackseq; /* the segment's ack */
	uint16_t flags;      /* TCP header flags */
	uint16_t urgent_pointer;
	uint8_t is_reassembled; /* the data is a reassembled PDU */
	void *conv;             /* the TCP conversation (opaque; see tcp_conversation_restart) */
};

struct packet;
/*
** A dissector that starts a conversation of its own (tshark's
** conversation_new() from a heuristic, e.g. VNC) makes TCP see a new
** conversation from the next frame on: a new tcp.stream with fresh analysis
** state and no SYN, exactly as tshark numbers it.  No-op outside TCP.
*/
void tcp_conversation_restart(struct packet *pk);

#endif
