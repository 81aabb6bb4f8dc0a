// SPDX-License-Identifier: GPL-2.0
/*
 * The settings of the first-bytes detectors (wire.c): which are on, their
 * actions and their ports, one RCU copy per netns replaced as a whole.
 */
#include <linux/slab.h>

#include "wirecfg.h"

static const u16 c2g_wcfg_tls_default[] = { 443, 8443, 465, 993, 995 };
static const u16 c2g_wcfg_http_default[] = { 80, 8080 };
static const u16 c2g_wcfg_irc_default[] = { 6667, 6665, 6666, 6668, 6669,
					    7000 };

int c2g_wcfg_init(struct c2g_wire *w, struct mutex *lock)
{
	struct c2g_wcfg *c;

	c = kzalloc(sizeof(*c), GFP_KERNEL);
	if (!c)
		return -ENOMEM;
	c->mismatch_action = C2GUARD_ACT_ALERT;
	c->irc_action = C2GUARD_ACT_ALERT;
	c->ntls = ARRAY_SIZE(c2g_wcfg_tls_default);
	memcpy(c->tls, c2g_wcfg_tls_default, sizeof(c2g_wcfg_tls_default));
	c->nhttp = ARRAY_SIZE(c2g_wcfg_http_default);
	memcpy(c->http, c2g_wcfg_http_default, sizeof(c2g_wcfg_http_default));
	c->nirc = ARRAY_SIZE(c2g_wcfg_irc_default);
	memcpy(c->irc, c2g_wcfg_irc_default, sizeof(c2g_wcfg_irc_default));
	RCU_INIT_POINTER(w->cfg, c);
	w->lock = lock;
	w->on = 0;
	return 0;
}

/* Netns exit: no packet can reach @w any more. */
void c2g_wcfg_destroy(struct c2g_wire *w)
{
	kfree(rcu_dereference_protected(w->cfg, true));
}

const struct c2g_wcfg *c2g_wcfg_get(struct c2g_wire *w)
{
	return rcu_dereference_protected(w->cfg, lockdep_is_held(w->lock));
}

/*
 * Install @cfg (a new copy, checked by the caller, which has enabled the
 * hooks and labels a detector needs).  Takes it over.
 */
void c2g_wcfg_set(struct c2g_wire *w, struct c2g_wcfg *cfg)
{
	const struct c2g_wcfg *old = c2g_wcfg_get(w);

	lockdep_assert_held(w->lock);

	rcu_assign_pointer(w->cfg, cfg);
	WRITE_ONCE(w->on, cfg->on);
	kfree_rcu((struct c2g_wcfg *)old, rcu);
}
