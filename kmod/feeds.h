/* SPDX-License-Identifier: GPL-2.0 */
/*
 * Named feeds: lists of indicators replaced as a whole.  See feeds.c.
 */
#ifndef _C2G_FEEDS_H
#define _C2G_FEEDS_H

#include <linux/atomic.h>
#include <linux/types.h>

#include <linux/c2guard.h>

#include "indicators.h"

struct netlink_ext_ack;

/* What is remembered of a feed's list, for people and for c2ctl save. */
struct c2g_feed_meta {
	char source[C2GUARD_SOURCE_MAX + 1];
	char format[C2GUARD_FORMAT_MAX + 1];
	char tag[C2GUARD_TAG_MAX];
	u8 action;
	u32 timeout;
	u32 errors;
	u32 unsupported;
};

/*
 * A feed: its source in the indicator table, and what feed list shows.
 * Under c2g_net.lock; freed after a grace period (readers reach @src from
 * the claims of entries they hold).
 *
 * @portid: the socket staging a new list (src.staging set), 0 for none
 * @loaded: wall-clock ns of the last commit, 0 before the first
 * @meta: the live list's; @stage, the staged one's (FEED_BEGIN)
 */
struct c2g_feed {
	struct c2g_source src;
	struct rcu_head rcu;
	u32 portid;
	u64 loaded;
	struct c2g_feed_meta meta;
	struct c2g_feed_meta stage;
};

/*
 * A netns's feeds: they are the table's sources but its manual one.
 * @n: how many, under the lock; @staging: how many are being staged,
 * read without it by c2g_feeds_release().
 */
struct c2g_feeds {
	struct c2g_ind_table *t;
	unsigned int n;
	atomic_t staging;
};

void c2g_feeds_init(struct c2g_feeds *f, struct c2g_ind_table *t);
void c2g_feeds_destroy(struct c2g_feeds *f);
int c2g_feed_begin(struct c2g_feeds *f, const char *name, u32 portid,
		   const struct c2g_feed_meta *meta,
		   struct netlink_ext_ack *extack);
struct c2g_source *c2g_feed_staging(struct c2g_feeds *f, const char *name,
				    u32 portid, struct netlink_ext_ack *extack);
int c2g_feed_commit(struct c2g_feeds *f, const char *name, u32 portid,
		    u32 errors, u32 unsupported, bool force,
		    struct netlink_ext_ack *extack);
int c2g_feed_abort(struct c2g_feeds *f, const char *name, u32 portid,
		   struct netlink_ext_ack *extack);
int c2g_feed_del(struct c2g_feeds *f, const char *name,
		 struct netlink_ext_ack *extack);
void c2g_feeds_flush(struct c2g_feeds *f);
void c2g_feeds_release(struct c2g_feeds *f, u32 portid);
struct c2g_feed *c2g_feed_nth(struct c2g_feeds *f, unsigned int i);
bool c2g_feed_name_ok(const char *name);

#endif /* _C2G_FEEDS_H */
