// SPDX-License-Identifier: GPL-2.0
/*
 * c2guard: catch malware command-and-control callbacks in netfilter.
 *
 * Module and per-netns setup.  Teardown order matters: alerts stop and the
 * generic netlink family goes first so no request can reach the state, then
 * each netns unregisters its hooks, waits a grace period for packets in
 * flight and stops its garbage collector before freeing its table, and
 * rcu_barrier() lets pending RCU frees finish before their cache is
 * destroyed.
 */
#include <linux/module.h>
#include <net/genetlink.h>

#include "c2guard.h"
#include "fingerprint.h"
#include "hooks.h"
#include "names.h"
#include "netlink.h"
#include "quiccrypt.h"
#include "verdict.h"

unsigned int c2g_net_id __read_mostly;

static int __net_init c2g_net_init(struct net *net)
{
	struct c2g_net *cn = c2g_pernet(net);
	int err;

	cn->net = net;
	mutex_init(&cn->lock);
	c2g_names_init(cn);

	cn->stats = alloc_percpu(struct c2g_stats);
	if (!cn->stats)
		return -ENOMEM;
	c2g_alerts_init(&cn->alerts, net, cn->stats);
	c2g_qflows_init(&cn->qflows, cn->stats);
	err = c2g_verdicts_init(cn);
	if (err)
		goto err_stats;
	err = c2g_ind_init(&cn->ind, &cn->lock);
	if (err)
		goto err_verdicts;
	c2g_feeds_init(&cn->feeds, &cn->ind);
	err = c2g_bound_init(&cn->bound, cn->stats);
	if (err)
		goto err_ind;
	err = c2g_chan_init(&cn->chans, &cn->lock, cn->stats);
	if (err)
		goto err_bound;
	err = c2g_dtrack_init(&cn->dtrack, &cn->lock, cn->stats);
	if (err)
		goto err_chans;
	err = c2g_quar_init(&cn->quar, net, &cn->lock, cn->stats);
	if (err)
		goto err_dtrack;
	err = c2g_hosts_init(&cn->hosts, &cn->lock, cn->stats);
	if (err)
		goto err_quar;
	err = c2g_wcfg_init(&cn->wire, &cn->lock);
	if (err)
		goto err_hosts;
	return 0;

err_hosts:
	c2g_hosts_stop(&cn->hosts);
	c2g_hosts_destroy(&cn->hosts);
err_quar:
	c2g_quar_destroy(&cn->quar);
err_dtrack:
	c2g_dtrack_destroy(&cn->dtrack);
err_chans:
	c2g_chan_destroy(&cn->chans);
err_bound:
	c2g_bound_destroy(&cn->bound);
err_ind:
	c2g_ind_destroy(&cn->ind);
	c2g_feeds_destroy(&cn->feeds);
err_verdicts:
	c2g_verdicts_destroy(cn);
err_stats:
	free_percpu(cn->stats);
	return err;
}

/*
 * Hooks go in pre_exit: the netns core waits for an RCU grace period
 * between pre_exit and exit, and nf_unregister_net_hooks() itself does not
 * wait for packets still inside c2g_hook().  By exit no packet can reach the
 * table, the counters or @cn any more.
 */
static void __net_exit c2g_net_pre_exit(struct net *net)
{
	struct c2g_net *cn = c2g_pernet(net);

	c2g_hooks_disable(cn);
	c2g_quar_stop(&cn->quar);
	c2g_hosts_stop(&cn->hosts);
}

static void __net_exit c2g_net_exit(struct net *net)
{
	struct c2g_net *cn = c2g_pernet(net);

	c2g_wcfg_destroy(&cn->wire);
	c2g_qflows_destroy(&cn->qflows);
	c2g_hosts_destroy(&cn->hosts);
	c2g_quar_destroy(&cn->quar);
	c2g_dtrack_destroy(&cn->dtrack);
	c2g_chan_destroy(&cn->chans);
	c2g_bound_destroy(&cn->bound);
	c2g_ind_destroy(&cn->ind);
	c2g_feeds_destroy(&cn->feeds);
	c2g_verdicts_destroy(cn);
	free_percpu(cn->stats);
	mutex_destroy(&cn->lock);
}

static struct pernet_operations c2g_net_ops = {
	.init = c2g_net_init,
	.pre_exit = c2g_net_pre_exit,
	.exit = c2g_net_exit,
	.id = &c2g_net_id,
	.size = sizeof(struct c2g_net),
};

static int __init c2g_init(void)
{
	int err;

	err = c2g_ind_module_init();
	if (err)
		return err;
	err = c2g_chan_module_init();
	if (err)
		goto err_ind;
	err = c2g_pkt_module_init();
	if (err)
		goto err_chan;
	err = c2g_quicc_module_init();
	if (err)
		goto err_pkt;
	err = c2g_fp_module_init();
	if (err)
		goto err_quicc;
	err = register_pernet_subsys(&c2g_net_ops);
	if (err)
		goto err_fp;
	err = c2g_genl_init();
	if (err)
		goto err_pernet;
	return 0;

err_pernet:
	unregister_pernet_subsys(&c2g_net_ops);
err_fp:
	c2g_fp_module_exit();
err_quicc:
	c2g_quicc_module_exit();
err_pkt:
	c2g_pkt_module_exit();
err_chan:
	rcu_barrier();
	c2g_chan_module_exit();
err_ind:
	rcu_barrier();
	c2g_ind_module_exit();
	return err;
}

static void __exit c2g_exit(void)
{
	c2g_genl_uninit();
	unregister_pernet_subsys(&c2g_net_ops);
	rcu_barrier();
	c2g_fp_module_exit();
	c2g_quicc_module_exit();
	c2g_pkt_module_exit();
	c2g_chan_module_exit();
	c2g_ind_module_exit();
}

module_init(c2g_init);
module_exit(c2g_exit);
MODULE_LICENSE("GPL");
MODULE_DESCRIPTION("Catch malware command-and-control callbacks in netfilter");
MODULE_AUTHOR("c2guard developers");
MODULE_VERSION(C2GUARD_VERSION);
MODULE_ALIAS_GENL_FAMILY(C2GUARD_GENL_NAME);
