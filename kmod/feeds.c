// SPDX-License-Identifier: GPL-2.0
/*
 * Named feeds.
 *
 * A feed is a list of indicators an admin replaces as a whole, the way
 * "ipset restore; ipset swap" replaces a set: c2ctl stages the new list
 * (FEED_BEGIN, then IND_ADD naming the feed), and FEED_COMMIT makes it the
 * feed's in one step.  The table does the staging and the commit
 * (indicators.c, "Generations"); this file keeps the feeds themselves:
 * their names, who is staging which, and what feed list shows of them.
 *
 * A staging belongs to the netlink socket that began it.  Another socket
 * cannot add to it, commit or abort it; when its socket closes, by exit or
 * crash, the netlink notifier (netlink.c) calls c2g_feeds_release() and the
 * staging is abandoned, so a feed is never left half replaced.
 */
#include <linux/ctype.h>
#include <linux/ktime.h>
#include <linux/lockdep.h>
#include <linux/mutex.h>
#include <linux/slab.h>
#include <net/netlink.h>

#include "feeds.h"

#define C2G_SHRINK_MIN	16

static struct c2g_feed *c2g_feed_of(struct c2g_source *src)
{
	return container_of(src, struct c2g_feed, src);
}

/* Letters, digits, '.', '_', '-'; not starting with '.' or '-'. */
bool c2g_feed_name_ok(const char *name)
{
	const char *p;

	if (!name[0] || name[0] == '.' || name[0] == '-')
		return false;
	for (p = name; *p; p++)
		if (!isalnum(*p) && *p != '.' && *p != '_' && *p != '-')
			return false;
	return true;
}

static struct c2g_feed *c2g_feed_find(struct c2g_feeds *f, const char *name)
{
	struct c2g_ind_table *t = f->t;
	struct c2g_source *src;

	lockdep_assert_held(t->lock);

	list_for_each_entry(src, &t->srcs, list)
		if (src != &t->manual && !strcmp(src->name, name))
			return c2g_feed_of(src);
	return NULL;
}

/* The @i-th feed, for a dump; NULL past the last.  Under the lock. */
struct c2g_feed *c2g_feed_nth(struct c2g_feeds *f, unsigned int i)
{
	struct c2g_ind_table *t = f->t;
	struct c2g_source *src;

	lockdep_assert_held(t->lock);

	list_for_each_entry(src, &t->srcs, list) {
		if (src == &t->manual)
			continue;
		if (!i--)
			return c2g_feed_of(src);
	}
	return NULL;
}

void c2g_feeds_init(struct c2g_feeds *f, struct c2g_ind_table *t)
{
	f->t = t;
	f->n = 0;
	atomic_set(&f->staging, 0);
}

static void c2g_feed_unstage(struct c2g_feeds *f, struct c2g_feed *feed)
{
	if (!feed->portid)
		return;
	feed->portid = 0;
	atomic_dec(&f->staging);
}

/* Remove @feed and its listings; freed after a grace period. */
static void c2g_feed_free(struct c2g_feeds *f, struct c2g_feed *feed)
{
	lockdep_assert_held(f->t->lock);

	c2g_feed_unstage(f, feed);
	c2g_ind_src_clear(f->t, &feed->src);
	list_del(&feed->src.list);
	f->n--;
	kfree_rcu(feed, rcu);
}

static struct c2g_feed *c2g_feed_staged(struct c2g_feeds *f, const char *name,
					u32 portid,
					struct netlink_ext_ack *extack)
{
	struct c2g_feed *feed = c2g_feed_find(f, name);

	if (!feed) {
		NL_SET_ERR_MSG_MOD(extack, "no such feed");
		return ERR_PTR(-ENOENT);
	}
	if (feed->portid && feed->portid != portid) {
		NL_SET_ERR_MSG_MOD(extack,
				   "the feed is being replaced by another client");
		return ERR_PTR(-EBUSY);
	}
	if (!feed->src.staging) {
		NL_SET_ERR_MSG_MOD(extack,
				   "no replacement of the feed was begun (FEED_BEGIN)");
		return ERR_PTR(-ENOENT);
	}
	return feed;
}

int c2g_feed_begin(struct c2g_feeds *f, const char *name, u32 portid,
		   const struct c2g_feed_meta *meta,
		   struct netlink_ext_ack *extack)
{
	struct c2g_feed *feed = c2g_feed_find(f, name);

	lockdep_assert_held(f->t->lock);

	if (!feed) {
		if (f->n >= C2GUARD_FEEDS_MAX) {
			NL_SET_ERR_MSG_MOD(extack, "too many feeds (C2GUARD_FEEDS_MAX)");
			return -ENOSPC;
		}
		feed = kzalloc(sizeof(*feed), GFP_KERNEL_ACCOUNT);
		if (!feed)
			return -ENOMEM;
		strscpy(feed->src.name, name, sizeof(feed->src.name));
		list_add_tail(&feed->src.list, &f->t->srcs);
		f->n++;
	} else if (feed->portid && feed->portid != portid) {
		NL_SET_ERR_MSG_MOD(extack, "the feed is being replaced by another client");
		return -EBUSY;
	} else if (feed->src.staging) {
		/* The same client begins again: its first staging goes. */
		c2g_ind_src_abort(f->t, &feed->src);
	}
	if (!feed->portid)
		atomic_inc(&f->staging);
	feed->portid = portid;
	feed->stage = *meta;
	c2g_ind_src_begin(f->t, &feed->src, meta->timeout);
	return 0;
}

/* The source to stage IND_ADD into, or an ERR_PTR (extack set). */
struct c2g_source *c2g_feed_staging(struct c2g_feeds *f, const char *name,
				    u32 portid, struct netlink_ext_ack *extack)
{
	struct c2g_feed *feed = c2g_feed_staged(f, name, portid, extack);

	return IS_ERR(feed) ? ERR_CAST(feed) : &feed->src;
}

/* Abandon the staging of @feed; a feed never committed goes with it. */
static void c2g_feed_drop_staging(struct c2g_feeds *f, struct c2g_feed *feed)
{
	c2g_ind_src_abort(f->t, &feed->src);
	c2g_feed_unstage(f, feed);
	if (!feed->loaded)
		c2g_feed_free(f, feed);
}

int c2g_feed_commit(struct c2g_feeds *f, const char *name, u32 portid,
		    u32 errors, u32 unsupported, bool force,
		    struct netlink_ext_ack *extack)
{
	struct c2g_feed *feed = c2g_feed_staged(f, name, portid, extack);
	unsigned int old, new;

	lockdep_assert_held(f->t->lock);

	if (IS_ERR(feed))
		return PTR_ERR(feed);
	old = c2g_source_total(feed->src.count);
	new = c2g_source_total(feed->src.scount);
	if (!force && old >= C2G_SHRINK_MIN && new < old - old / 2) {
		NL_SET_ERR_MSG_MOD(extack,
				   "the new list would drop more than half of the feed's entries (a truncated download?): force to commit anyway");
		c2g_feed_drop_staging(f, feed);
		return -E2BIG;
	}
	c2g_ind_src_commit(f->t, &feed->src);
	c2g_feed_unstage(f, feed);
	feed->meta = feed->stage;
	feed->meta.errors = errors;
	feed->meta.unsupported = unsupported;
	feed->loaded = ktime_get_real_ns();
	return 0;
}

int c2g_feed_abort(struct c2g_feeds *f, const char *name, u32 portid,
		   struct netlink_ext_ack *extack)
{
	struct c2g_feed *feed = c2g_feed_staged(f, name, portid, extack);

	lockdep_assert_held(f->t->lock);

	if (IS_ERR(feed))
		return PTR_ERR(feed);
	c2g_feed_drop_staging(f, feed);
	return 0;
}

int c2g_feed_del(struct c2g_feeds *f, const char *name,
		 struct netlink_ext_ack *extack)
{
	struct c2g_feed *feed = c2g_feed_find(f, name);

	lockdep_assert_held(f->t->lock);

	if (!feed) {
		NL_SET_ERR_MSG_MOD(extack, "no such feed");
		return -ENOENT;
	}
	c2g_feed_free(f, feed);
	return 0;
}

/* Delete every feed (IND_FLUSH without a tag). */
void c2g_feeds_flush(struct c2g_feeds *f)
{
	struct c2g_ind_table *t = f->t;
	struct c2g_source *src, *tmp;

	lockdep_assert_held(t->lock);

	list_for_each_entry_safe(src, tmp, &t->srcs, list)
		if (src != &t->manual)
			c2g_feed_free(f, c2g_feed_of(src));
}

/* The socket @portid closed: abandon what it was staging. */
void c2g_feeds_release(struct c2g_feeds *f, u32 portid)
{
	struct c2g_ind_table *t = f->t;
	struct c2g_source *src, *tmp;

	if (!atomic_read(&f->staging))
		return;
	mutex_lock(t->lock);
	list_for_each_entry_safe(src, tmp, &t->srcs, list)
		if (src != &t->manual && c2g_feed_of(src)->portid == portid)
			c2g_feed_drop_staging(f, c2g_feed_of(src));
	mutex_unlock(t->lock);
}

/*
 * Netns exit, after c2g_ind_destroy(): no reader and no request is left,
 * the entries are gone; only the feeds themselves remain to free.
 */
void c2g_feeds_destroy(struct c2g_feeds *f)
{
	struct c2g_ind_table *t = f->t;
	struct c2g_source *src, *tmp;

	list_for_each_entry_safe(src, tmp, &t->srcs, list) {
		if (src == &t->manual)
			continue;
		list_del(&src->list);
		kfree(c2g_feed_of(src));
	}
}
