/*
** live.c -- live capture through libpcap, behind the same capture_next()
** as the file readers, so the run loop cannot tell a live frame from a
** file frame.
**
** The read timeout is short (100 ms) so a duration limit or a stop request
** (SIGINT) ends the capture promptly even when no packet arrives.
*/
#include <pcap/pcap.h>
#include <poll.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "../core/util.h"
#include "capture_int.h"

struct live_priv {
	pcap_t *p;
	double deadline; /* CLOCK_MONOTONIC seconds; 0 = none */
	int nano;        /* the kernel granted nanosecond timestamps */
};

static volatile sig_atomic_t stop_requested;

void capture_live_stop(void)
{
	stop_requested = 1;
}

static double now_mono(void)
{
	struct timespec ts;
	clock_gettime(CLOCK_MONOTONIC, &ts);
	return (double)ts.tv_sec + (double)ts.tv_nsec / 1e9;
}

static int live_next(struct capture *c, struct cap_frame *f)
{
	struct live_priv *lp = c->priv;
	for (;;) {
		if (stop_requested || (lp->deadline > 0 && now_mono() >= lp->deadline))
			return 0;
		struct pcap_pkthdr *h;
		const u_char *data;
		int r = pcap_next_ex(lp->p, &h, &data);
		if (r == 0) {
			/*
			** Non-blocking: nothing buffered.  Wait at most 100 ms so the
			** clock and the stop flag are looked at again (a blocking read
			** may never time out on an idle Linux interface).
			*/
			struct pollfd pfd = {.fd = pcap_get_selectable_fd(lp->p), .events = POLLIN};
			if (pfd.fd >= 0)
				poll(&pfd, 1, 100);
			continue;
		}
		if (r == PCAP_ERROR_BREAK)
			return 0;
		if (r < 0) {
			snprintf(c->err, sizeof c->err, "Error while capturing packets: %s",
				 pcap_geterr(lp->p));
			c->failed = 1;
			c->err_rc = 2;
			return -1;
		}
		const struct cap_iface *ifc = &c->ifaces[0];
		f->data = data;
		f->caplen = h->caplen;
		f->len = h->len;
		f->sec = h->ts.tv_sec;
		/* with nanosecond precision libpcap puts nanoseconds in tv_usec */
		f->nsec = (int32_t)(lp->nano ? h->ts.tv_usec : h->ts.tv_usec * 1000);
		f->has_ts = 1;
		f->linktype = ifc->linktype;
		f->encap = ifc->encap;
		f->ifid = 0;
		f->if_local = 0;
		f->has_ifid = 1;
		f->if_name = ifc->name;
		f->if_descr = ifc->description;
		f->rectype = CAP_REC_PACKET;
		return 1;
	}
}

static void live_free(struct capture *c)
{
	struct live_priv *lp = c->priv;
	if (lp && lp->p)
		pcap_close(lp->p);
	free(lp);
}

static struct capture *fail(struct capture *c, char *err, size_t errlen, const char *fmt,
			    const char *a, const char *b)
{
	snprintf(err, errlen, fmt, a, b);
	capture_close(c);
	return NULL;
}

struct capture *capture_open_live(const char *iface, const char *bpf, int snaplen, double duration,
				  char *err, size_t errlen)
{
	char ebuf[PCAP_ERRBUF_SIZE] = "";
	struct capture *c = xcalloc(1, sizeof *c);
	c->path = xstrdup(iface);
	c->ft = CAP_FT_PCAPNG;
	struct live_priv *lp = xcalloc(1, sizeof *lp);
	c->priv = lp;
	c->free_priv = live_free;
	lp->p = pcap_create(iface, ebuf);
	if (!lp->p)
		return fail(c, err, errlen,
			    "The capture session could not be initiated on interface '%s' (%s).",
			    iface, ebuf);
	pcap_set_snaplen(lp->p, snaplen > 0 ? snaplen : (int)CAP_MAX_SNAPLEN);
	pcap_set_promisc(lp->p, 1);
	pcap_set_timeout(lp->p, 100);
	pcap_set_tstamp_precision(lp->p, PCAP_TSTAMP_PRECISION_NANO);
	int r = pcap_activate(lp->p);
	if (r < 0) {
		const char *why = r == PCAP_ERROR ? pcap_geterr(lp->p) : pcap_statustostr(r);
		return fail(c, err, errlen,
			    "The capture session could not be initiated on interface '%s' (%s).",
			    iface, why);
	}
	if (pcap_setnonblock(lp->p, 1, ebuf) < 0)
		return fail(c, err, errlen, "Couldn't capture on '%s' without blocking: %s", iface,
			    ebuf);
	if (bpf && *bpf) {
		struct bpf_program prog;
		if (pcap_compile(lp->p, &prog, bpf, 1, PCAP_NETMASK_UNKNOWN) < 0) {
			snprintf(
			    err, errlen,
			    "Invalid capture filter \"%s\" for interface '%s'.\n\n"
			    "That string isn't a valid capture filter (%s).\n"
			    "See the User's Guide for a description of the capture filter syntax.",
			    bpf, iface, pcap_geterr(lp->p));
			capture_close(c);
			return NULL;
		}
		r = pcap_setfilter(lp->p, &prog);
		pcap_freecode(&prog);
		if (r < 0)
			return fail(c, err, errlen, "Couldn't set the capture filter on '%s': %s",
				    iface, pcap_geterr(lp->p));
	}
	struct cap_iface ifc = {0};
	ifc.linktype = pcap_datalink(lp->p);
	ifc.encap = cap_linktype_to_encap(ifc.linktype);
	ifc.snaplen = (uint32_t)pcap_snapshot(lp->p);
	/* the precision actually granted: older kernels may only give microseconds */
	int prec = pcap_get_tstamp_precision(lp->p);
	ifc.tsresol_num = prec == PCAP_TSTAMP_PRECISION_NANO ? 1000000000u : 1000000u;
	ifc.name = xstrdup(iface);
	cap_add_iface(c, &ifc);
	if (duration > 0)
		lp->deadline = now_mono() + duration;
	lp->nano = prec == PCAP_TSTAMP_PRECISION_NANO;
	c->next = live_next;
	return c;
}

int capture_list_ifaces(FILE *out, char *err, size_t errlen)
{
	char ebuf[PCAP_ERRBUF_SIZE] = "";
	pcap_if_t *all;
	if (pcap_findalldevs(&all, ebuf) < 0) {
		snprintf(err, errlen, "%s", ebuf);
		return -1;
	}
	int n = 0;
	for (pcap_if_t *d = all; d; d = d->next) {
		/* tshark shows a friendly name for loopback, not libpcap's description */
		fprintf(out, "%d. %s%s\n", ++n, d->name,
			d->flags & PCAP_IF_LOOPBACK ? " (Loopback)" : "");
	}
	pcap_freealldevs(all);
	if (n == 0) {
		snprintf(err, errlen, "There are no interfaces on which a capture can be done");
		return -1;
	}
	return 0;
}

int capture_default_iface(char *name, size_t n)
{
	char ebuf[PCAP_ERRBUF_SIZE] = "";
	pcap_if_t *all;
	if (pcap_findalldevs(&all, ebuf) < 0 || !all)
		return -1;
	snprintf(name, n, "%s", all->name);
	pcap_freealldevs(all);
	return 0;
}

void capture_iface_label(const char *iface, char *buf, size_t n)
{
	char ebuf[PCAP_ERRBUF_SIZE] = "";
	pcap_if_t *all;
	int loop = 0;
	if (pcap_findalldevs(&all, ebuf) == 0) {
		for (pcap_if_t *d = all; d; d = d->next)
			if (!strcmp(d->name, iface))
				loop = (d->flags & PCAP_IF_LOOPBACK) != 0;
		pcap_freealldevs(all);
	}
	/* tshark puts the friendly name first for the loopback interface */
	snprintf(buf, n, "%s%s", loop ? "Loopback: " : "", iface);
}
