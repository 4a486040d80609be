/*
** manuf.h -- Ethernet vendor and well-known address names, from Wireshark's
** manuf and wka files (the data tshark resolves eth.*_resolved from).
*/
#ifndef WS_MANUF_H
#define WS_MANUF_H

#include <stddef.h>
#include <stdint.h>

/* The vendor of a 24-bit OUI: its long name ("Dell Inc."), or NULL when unknown. */
const char *manuf_long(uint32_t oui);

/*
** A MAC address as tshark names it: a well-known address ("Broadcast"), the
** vendor's short name and the last three bytes ("Dell_ad:f1:9b"), else the
** address itself.  resolve = 0 (-n) gives the address itself.
*/
void manuf_ether_name(const uint8_t mac[6], int resolve, char *buf, size_t n);

/* -n clears it (cli); tshark resolves MAC addresses by default */
extern int manuf_resolve;

#endif
