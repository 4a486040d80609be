/*
** label.h -- generic tree labels from the field registry (-V, pdml, json).
*/
#ifndef WS_LABEL_H
#define WS_LABEL_H

#include <stddef.h>

#include "../core/fieldset.h"

/*
** tshark's default label for an item whose dissector set no fitem.text:
** "Name: value" with value names ("Type: IPv4 (0x0800)"), the BASE_DEC_HEX /
** BASE_HEX_DEC forms, true/false strings, the bit pattern of masked fields,
** "seconds" after relative times, long byte strings cut with an ellipsis.
*/
size_t label_format(const struct fitem *it, char *buf, size_t n);

/* The value part alone ("IPv4 (0x0800)"), as the label shows it. */
size_t label_value(const struct fitem *it, char *buf, size_t n);

/* Fields tshark adds hidden (ip.addr, tcp.port, ...): never shown in -V. */
int label_hidden_by_default(int id);
/* The text-only item's id (_ws.text: a label without a field), -1 when none. */
int label_text_item_id(void);
/* Fields tshark always marks generated ([..] in -V). */
int label_generated_by_default(int id);

#endif
