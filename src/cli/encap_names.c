/*
** encap_names.c -- the encapsulations editcap -T can set, with the link
** type editcap 4.0.17 writes for each (measured with `editcap -F pcap -T`).
** The list is short on purpose: only link types wiresift dissects or that
** are common to rewrite a capture into.
*/
#include "encap_names.h"

#include <stdio.h>
#include <string.h>

static const struct encap_name names[] = {
    {"chdlc", "Cisco HDLC", 104},
    {"ether", "Ethernet", 1},
    {"ether-mpacket", "IEEE 802.3br mPackets", 274},
    {"ieee-802-11", "IEEE 802.11 Wireless LAN", 105},
    {"ieee-802-11-prism", "IEEE 802.11 plus Prism II monitor mode radio header", 119},
    {"ieee-802-11-radiotap", "IEEE 802.11 plus radiotap radio header", 127},
    {"ipnet", "Solaris IPNET", 226},
    {"linux-sll", "Linux cooked-mode capture v1", 113},
    {"linux-sll2", "Linux cooked-mode capture v2", 276},
    {"loop", "OpenBSD loopback", 108},
    {"nflog", "NFLOG", 239},
    {"null", "NULL/Loopback", 0},
    {"ppp", "PPP", 9},
    {"rawip", "Raw IP", 101},
    {"rawip4", "Raw IPv4", 228},
    {"rawip6", "Raw IPv6", 229},
    {"slip", "SLIP", 8},
    {"user0", "USER 0", 147},
    {"user1", "USER 1", 148},
    {"user2", "USER 2", 149},
    {"user3", "USER 3", 150},
};

#define NNAMES (sizeof names / sizeof names[0])

const struct encap_name *encap_by_name(const char *name)
{
	for (size_t i = 0; i < NNAMES; i++)
		if (!strcmp(names[i].name, name))
			return &names[i];
	return NULL;
}

const struct encap_name *encap_by_linktype(int linktype)
{
	/* Raw IP has three link type numbers; Wireshark names them all "rawip" */
	if (linktype == 12 || linktype == 14)
		linktype = 101;
	for (size_t i = 0; i < NNAMES; i++)
		if (names[i].linktype == linktype)
			return &names[i];
	return NULL;
}

void encap_list(const char *prog)
{
	fprintf(stderr, "%s: The available encapsulation types for the \"-T\" flag are:\n", prog);
	for (size_t i = 0; i < NNAMES; i++)
		fprintf(stderr, "    %s - %s\n", names[i].name, names[i].desc);
}
