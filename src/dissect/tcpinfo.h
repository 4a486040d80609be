/*
** tcpinfo.h -- what TCP tells the payload dissector (tshark's struct
** tcpinfo), reachable as pk->l4 while a TCP payload is being dissected and
** NULL otherwise.  Sequence numbers are the relative ones TCP displays.
*/
#ifndef WS_TCPINFO_H
#define WS_TCPINFO_H

#include <stdint.h>

struct tcpinfo {
	uint32_t seq;	     /* first byte of the data handed over */
	uint32_t nxtseq;     /* just past the segment */
	uint32_t lastackseq; /* the segment's ack */
	uint16_t flags;	     /* TCP header flags */
	uint16_t urgent_pointer;
	uint8_t is_reassembled; /* the data is a reassembled PDU */
};

#endif
