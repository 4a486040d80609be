/*
** pdml.h -- -T pdml and -T json: the packet tree as tshark 4.0 writes them.
*/
#ifndef WS_PDML_H
#define WS_PDML_H

#include <stddef.h>
#include <stdio.h>

#include "../dissect/packet.h"

void pdml_header(FILE *out, const char *capture_file);
void pdml_packet(FILE *out, const struct packet *pk);
void pdml_footer(FILE *out);

void json_packet(FILE *out, const struct packet *pk);
void json_footer(FILE *out);

/* helpers shared by both */
void xml_put(FILE *out, const char *s);
size_t tree_show_value(const struct fitem *it, char *buf, size_t n);

#endif
