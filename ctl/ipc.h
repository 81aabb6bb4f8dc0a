/* SPDX-License-Identifier: GPL-2.0 */
/*
 * c2ctl's ipc layer: everything c2ctl asks of the c2guard module, and
 * everything the module answers or multicasts, as the structs of
 * records.h.
 *
 * The command files speak to the kernel through these functions only; the
 * socket, the generic netlink family, the messages and their attributes
 * stay in ipc.c and attr.c.  One socket serves the whole run: the first
 * request opens it and looks the family up, ipc_close() closes it.
 *
 * Failures come back in struct ipc_err, which c2_report() (util.c) prints
 * with the caller's context.  ipc.c prints only warnings that do not stop
 * a request: a kernel speaking another version of the family, and an
 * indicator dump being retried.
 */
#ifndef _C2CTL_IPC_H
#define _C2CTL_IPC_H

#include <signal.h>
#include <stdbool.h>
#include <stddef.h>
#include <linux/c2guard.h>

#include "feed.h"
#include "records.h"

/**
 * struct ipc_err - why a request failed
 * @error: negative errno, 0 for none
 * @ctx: the context to report it in; NULL for the caller's, "" for none
 *	(failures to reach the module at all, which say everything)
 * @step: what failed on this side ("poll", "receive"), or NULL
 * @text: the explanation, instead of strerror(@error), or NULL
 * @msg: the kernel's extended ACK message, or ""
 *
 * Reported as "CTX: STEP: strerror (kernel: MSG)" or "CTX: TEXT".
 */
struct ipc_err {
	int error;
	const char *ctx;
	const char *step;
	const char *text;
	char msg[256];
};

void ipc_close(void);

int ipc_status_get(struct ipc_status *st, struct ipc_err *e);
int ipc_config_get(struct ipc_config *cfg, struct ipc_err *e);
int ipc_config_set(const struct ipc_config *cfg, struct ipc_err *e);

int ipc_ind_add(const struct c2_ind_spec *spec, struct ipc_err *e);
int ipc_feed_begin(const struct ipc_feed *feed, struct ipc_err *e);
int ipc_feed_commit(const char *name, __u32 errors, __u32 unsupported,
		    bool force, struct ipc_err *e);
int ipc_feed_abort(const char *name, struct ipc_err *e);
int ipc_feed_del(const char *name, struct ipc_err *e);
/* Called for each feed of a dump. */
typedef void (*ipc_feed_fn)(const struct ipc_feed *feed, void *data);
int ipc_feed_list(ipc_feed_fn fn, void *data, struct ipc_err *e);
int ipc_ind_del(const struct c2_ind_spec *spec, struct ipc_err *e);
int ipc_ind_test(const struct c2_ind_spec *spec, struct ipc_ind *out,
		 struct ipc_err *e);
int ipc_ind_flush(const char *tag, struct ipc_err *e);
int ipc_beacon_flush(struct ipc_err *e);

int ipc_quarantine_add(const struct ipc_host *h, struct ipc_err *e);
int ipc_quarantine_del(const struct ipc_host *h, struct ipc_err *e);
int ipc_host_allow_add(const struct ipc_host *h, struct ipc_err *e);
int ipc_host_allow_del(const struct ipc_host *h, struct ipc_err *e);
/* Called for each host of a dump. */
typedef void (*ipc_host_fn)(const struct ipc_host *h, void *data);
int ipc_quarantine_list(ipc_host_fn fn, void *data, struct ipc_err *e);
int ipc_host_allow_list(ipc_host_fn fn, void *data, struct ipc_err *e);
int ipc_host_list(ipc_host_fn fn, void *data, struct ipc_err *e);

/*
 * A finished dump: the entries' nests as the kernel sent them, back to back
 * (far less memory on a table of millions than decoded entries, each with
 * room for a 253-byte name), read with ipc_ind_next() or ipc_beacon_at().
 * @malformed: entries skipped because they did not decode.
 */
struct ipc_list {
	char *pool;
	size_t len, cap;
	size_t malformed;
};

/* Most dumps of the indicators tried when the table keeps changing. */
#define IPC_DUMP_TRIES	5

int ipc_ind_list(struct ipc_list *l, struct ipc_err *e);
bool ipc_ind_next(const struct ipc_list *l, size_t *pos, struct ipc_ind *ind);

/* Called for each channel as the dump brings it, @pos its place in the list. */
typedef void (*ipc_beacon_fn)(const struct ipc_beacon *b, size_t pos,
			      void *data);
int ipc_beacons_dump(struct ipc_list *l, ipc_beacon_fn fn, void *data,
		     struct ipc_err *e);
void ipc_beacon_at(const struct ipc_list *l, size_t pos, struct ipc_beacon *b);
void ipc_list_free(struct ipc_list *l);

/*
 * Batches: indicators added many requests to a datagram, one ACK each (c2ctl
 * load).  The caller adds while !ipc_batch_full(), then sends; requests are
 * numbered by the caller (@seq, increasing within a batch), and their
 * outcome comes back through an ipc_batch_fn.
 */
struct ipc_batch {
	char *buf;
	size_t len, cap;
	unsigned int n, max;
	const char *feed;		/* adds stage into this feed, or NULL */
	__u32 *seq;			/* per request */
	struct c2_ind_spec *specs;	/* per request */
};

/*
 * What became of request @seq, @spec: e->error 0 for success; e->text set
 * when its ACK never came.  With @spec NULL, a failure of the batch's own
 * (reading the ACKs), after which the requests left are reported lost.
 */
typedef void (*ipc_batch_fn)(void *data, __u32 seq,
			     const struct c2_ind_spec *spec,
			     const struct ipc_err *e);

int ipc_batch_start(struct ipc_batch *b, struct ipc_err *e);
bool ipc_batch_full(const struct ipc_batch *b);
void ipc_batch_ind_add(struct ipc_batch *b, __u32 seq,
		       const struct c2_ind_spec *spec);
int ipc_batch_send(struct ipc_batch *b, ipc_batch_fn fn, void *data,
		   struct ipc_err *e);
void ipc_batch_free(struct ipc_batch *b);

/*
 * Alerts: join the module's multicast group (*watching: whether the module
 * leaving is noticed too), then read what comes.
 */
enum ipc_alert_event {
	IPC_ALERT,		/* an alert */
	IPC_ALERT_MALFORMED,	/* one that did not decode */
	IPC_ALERT_OVERRUN,	/* the receive buffer overran: alerts lost */
};

/* Non-zero stops ipc_alerts_read(), which returns it. */
typedef int (*ipc_alert_fn)(enum ipc_alert_event ev,
			    const struct ipc_alert *a, void *data);

int ipc_alerts_join(bool *watching, struct ipc_err *e);
/*
 * Wait (in ppoll() with signal mask @mask) until the c2guard family
 * exists, following nlctrl's announcements.  Returns 1 when it does (or
 * may: announcements were lost), 0 after a signal, or a negative errno
 * with *e set.  Leaves no socket open: ipc_alerts_join() opens its own.
 */
int ipc_family_wait(const sigset_t *mask, struct ipc_err *e);
int ipc_alerts_read(const sigset_t *mask, ipc_alert_fn fn, void *data,
		    struct ipc_err *e);

#endif /* _C2CTL_IPC_H */
