/*
** encap_names.h -- Wireshark's encapsulation names (editcap -T, the
** "selected frame_type" lines of mergecap -V) for the link types wiresift
** can write.
*/
#ifndef WS_ENCAP_NAMES_H
#define WS_ENCAP_NAMES_H

struct encap_name {
	const char *name, *desc;
	int linktype;
};

/* By short name ("ether"); NULL when unknown. */
const struct encap_name *encap_by_name(const char *name);
/* By link type (LINKTYPE_*); NULL when not in the table. */
const struct encap_name *encap_by_linktype(int linktype);
/* editcap's list for a bad -T, one "    name - description" line each. */
void encap_list(const char *prog);

#endif
