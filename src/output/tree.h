/*
** tree.h -- the packet tree as text: item labels and tshark's -V / -O output.
*/
#ifndef WS_TREE_H
#define WS_TREE_H

#include <stddef.h>
#include <stdint.h>
#include <stdio.h>

#include "../core/fieldset.h"

/* Without -n tshark's tree shows link addresses as "name (addr)". */
extern int tree_resolve_names;

/* An item's label as tshark shows it in the tree ("Sender: Trader (12)"). */
size_t tree_item_label(const struct fitem *it, char *buf, size_t n);

/* Children lists of the frame's items (rebuilt by tree_build_index, no per-frame malloc). */
void tree_build_index(const struct fieldset *fs);
int tree_first_child(int idx);
int tree_next_sibling(int idx);
/* Labels the tree builds from children (frame, tcp.segments, eth with names); 0 if none. */
int tree_proto_label(const struct fieldset *fs, int idx, char *lab, size_t n);

/* The frame's bytes, for the hex dump tshark prints under a "Data" item. */
void tree_frame_data(const uint8_t *p, uint32_t n);

/*
** Print a frame's tree (-V).  With nexpand > 0 (-O), only the listed
** protocols show their subtrees; the others show their top line.
*/
void tree_print(FILE *out, const struct fieldset *fs, const int *expand, int nexpand);

#endif
