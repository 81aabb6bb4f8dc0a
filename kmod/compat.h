/* SPDX-License-Identifier: GPL-2.0 */
/*
 * Differences between the kernel lines c2guard builds against (Debian 12's
 * 6.1 and 6.12), kept in one place.
 */
#ifndef _C2GUARD_COMPAT_H
#define _C2GUARD_COMPAT_H

/*
 * 6.1's struct nla_policy points at range tables through a non-const
 * pointer (6.12's is const), so there the tables cannot be const.  Kbuild
 * looks at the kernel's netlink.h and defines C2G_HAVE_CONST_POLICY_RANGE.
 */
#ifdef C2G_HAVE_CONST_POLICY_RANGE
#define C2G_POLICY_RANGE_CONST const
#else
#define C2G_POLICY_RANGE_CONST
#endif

#endif /* _C2GUARD_COMPAT_H */
