/*-------------------------------------------------------------------------
 *
 * target.c
 *	  The parser of revision targets, Alembic's grammar (docs/revisions.md):
 *
 *		heads				every head of the DAG
 *		head				the head (an error when there are several)
 *		base				before the first revision
 *		<id>				a full id, then a branch label (the revision
 *							that declares it), then a unique prefix of at
 *							least PGM_MIN_PREFIX characters
 *		+N, -N				N steps up or down from the applied head
 *		<rev>+N, <rev>-N	N steps up or down from a revision
 *		<label>@head		the head of a branch
 *		<label>@+N, @-N		N steps along a branch from its applied head
 *
 * Steps up follow children, steps down follow parents; a branch point
 * (going up) or a merge (going down) on the way makes the walk ambiguous,
 * unless a branch label chooses the way up.
 *
 * SQLSTATEs: malformed 22P02, unknown revision or label 42704, ambiguous
 * prefix 42P08, several heads / ambiguous walk 21000, out of range (past a
 * head, below base) 22003.
 *
 *-------------------------------------------------------------------------
 */
#include "target.h"

#include "lib/stringinfo.h"
#include "utils/builtins.h"

bool
target_valid_id(const char *id)
{
	size_t		len = strlen(id);

	if (len < 1 || len > 64)
		return false;
	for (const char *p = id; *p; p++)
		if (!(isalnum((unsigned char) *p) || *p == '_' || *p == '.' || *p == '-') ||
			IS_HIGHBIT_SET(*p))
			return false;
	return true;
}

static void
malformed(const char *target, const char *detail)
{
	ereport(ERROR,
			(errcode(ERRCODE_INVALID_TEXT_REPRESENTATION),
			 errmsg("malformed revision target \"%s\"", target),
			 errdetail_internal("%s", detail),
			 errhint("A target is head, heads, base, a revision id or a prefix of at least %d characters, a branch label, +N, -N, <revision>+N, <revision>-N, <label>@head, <label>@+N or <label>@-N.",
					 PGM_MIN_PREFIX)));
}

/* A count of steps: digits only, at most INT_MAX. */
/* See target.h. */
const char *
target_form_of(const char *id)
{
	if (strcmp(id, "head") == 0)
		return "the head of the revisions";
	if (strcmp(id, "heads") == 0)
		return "every head of the revisions";
	if (strcmp(id, "base") == 0)
		return "the state before the first revision";
	if (id[0] == '-' && id[1] != '\0' &&
		strspn(id + 1, "0123456789") == strlen(id + 1))
		return psprintf("%s step%s down from the applied head", id + 1,
						strcmp(id + 1, "1") == 0 ? "" : "s");
	return NULL;
}

static int
parse_steps(const char *target, const char *digits)
{
	long		n = 0;

	if (*digits == '\0')
		malformed(target, "A sign must be followed by a number of steps.");
	for (const char *p = digits; *p; p++)
	{
		if (!isdigit((unsigned char) *p))
			malformed(target, "A number of steps is written in digits only.");
		n = n * 10 + (*p - '0');
		if (n > PG_INT32_MAX)
			ereport(ERROR,
					(errcode(ERRCODE_NUMERIC_VALUE_OUT_OF_RANGE),
					 errmsg("revision target \"%s\" is out of range", target),
					 errdetail("The number of steps is too large.")));
	}
	return (int) n;
}

static bool
is_steps(const char *s)
{
	if (*s != '+' && *s != '-')
		return false;
	if (s[1] == '\0')
		return false;
	for (const char *p = s + 1; *p; p++)
		if (!isdigit((unsigned char) *p))
			return false;
	return true;
}

static char *
ids_of(RevDag *dag, int *idx, int n)
{
	StringInfoData buf;

	initStringInfo(&buf);
	for (int i = 0; i < n; i++)
		appendStringInfo(&buf, "%s%s", i ? ", " : "", dag->nodes[idx[i]].id);
	return buf.data;
}

/*
 * An id, a branch label or a unique prefix, or -1 when none matches and
 * missing_ok.  whole is the target as written, for messages.
 */
static int
lookup_rev(RevDag *dag, const char *whole, const char *name, bool missing_ok)
{
	int			idx;
	int			lo,
				hi,
				first;
	size_t		len = strlen(name);
	int			nmatch = 0;
	int		   *matches;

	if (!target_valid_id(name))
		malformed(whole, psprintf("\"%s\" is not a revision id: ids are 1 to 64 characters of A-Z, a-z, 0-9, _, . and -.",
								  name));

	idx = revdag_find(dag, name);
	if (idx >= 0)
		return idx;
	idx = revdag_find_label(dag, name);
	if (idx >= 0)
		return idx;

	if (len < PGM_MIN_PREFIX)
	{
		if (missing_ok)
			return -1;
		ereport(ERROR,
				(errcode(ERRCODE_UNDEFINED_OBJECT),
				 errmsg("revision \"%s\" does not exist", name),
				 errdetail("No revision has this id and no branch has this label; a prefix must have at least %d characters.",
						   PGM_MIN_PREFIX)));
	}

	/* The first id >= name in sorted order, then every id it prefixes. */
	lo = 0;
	hi = dag->n;
	while (lo < hi)
	{
		int			mid = (lo + hi) / 2;

		if (strcmp(dag->nodes[dag->sorted[mid]].id, name) < 0)
			lo = mid + 1;
		else
			hi = mid;
	}
	first = lo;
	matches = palloc(sizeof(int) * (dag->n + 1));
	for (int i = first; i < dag->n; i++)
	{
		if (strncmp(dag->nodes[dag->sorted[i]].id, name, len) != 0)
			break;
		matches[nmatch++] = dag->sorted[i];
	}
	if (nmatch == 1)
		return matches[0];
	if (nmatch > 1)
		ereport(ERROR,
				(errcode(ERRCODE_AMBIGUOUS_PARAMETER),
				 errmsg("revision prefix \"%s\" is ambiguous", name),
				 errdetail("It is the prefix of %d revisions: %s.", nmatch,
						   ids_of(dag, matches, Min(nmatch, 10))),
				 errhint("Write more characters of the id.")));
	if (missing_ok)
		return -1;
	ereport(ERROR,
			(errcode(ERRCODE_UNDEFINED_OBJECT),
			 errmsg("revision \"%s\" does not exist", name),
			 errdetail("No revision has this id or prefix and no branch has this label.")));
	return -1;					/* keep compiler quiet */
}

static int
lookup_label(RevDag *dag, const char *whole, const char *label)
{
	int			idx;

	if (!target_valid_id(label))
		malformed(whole, psprintf("\"%s\" is not a branch label.", label));
	idx = revdag_find_label(dag, label);
	if (idx < 0)
		ereport(ERROR,
				(errcode(ERRCODE_UNDEFINED_OBJECT),
				 errmsg("branch label \"%s\" does not exist", label),
				 errhint("migrate_branches() lists the branch labels.")));
	return idx;
}

/*
 * Walk n steps up (children) from start (-1: from base: the roots),
 * keeping to revisions that carry label when it is not NULL.
 */
static int
walk_up(RevDag *dag, const char *whole, int start, int n, const char *label)
{
	int			cur = start;
	int		   *cand = palloc(sizeof(int) * (dag->n + 1));

	for (int step = 1; step <= n; step++)
	{
		int			ncand = 0;

		if (cur < 0)
		{
			for (int i = 0; i < dag->n; i++)
			{
				RevNode    *r = &dag->nodes[i];
				bool		root = true;

				if (label == NULL)
					root = (r->nparents == 0);
				else
				{
					/* the first revision of the branch */
					if (!revdag_has_label(r, label))
						continue;
					for (int k = 0; k < r->nparents && root; k++)
						if (revdag_has_label(&dag->nodes[r->parents[k]], label))
							root = false;
				}
				if (root)
					cand[ncand++] = i;
			}
		}
		else
		{
			RevNode    *r = &dag->nodes[cur];

			for (int k = 0; k < r->nchildren; k++)
				if (label == NULL ||
					revdag_has_label(&dag->nodes[r->children[k]], label))
					cand[ncand++] = r->children[k];
		}
		if (ncand == 0)
			ereport(ERROR,
					(errcode(ERRCODE_NUMERIC_VALUE_OUT_OF_RANGE),
					 errmsg("revision target \"%s\" is out of range", whole),
					 cur < 0 ?
					 errdetail("There is no revision%s%s%s to start from.",
							   label ? " on branch \"" : "", label ? label : "",
							   label ? "\"" : "") :
					 errdetail("Revision %s is a head%s%s%s: only %d of %d steps up exist.",
							   dag->nodes[cur].id,
							   label ? " of branch \"" : "", label ? label : "",
							   label ? "\"" : "", step - 1, n)));
		if (ncand > 1)
			ereport(ERROR,
					(errcode(ERRCODE_CARDINALITY_VIOLATION),
					 errmsg("revision target \"%s\" is ambiguous", whole),
					 cur < 0 ?
					 errdetail("There are several bases: %s.", ids_of(dag, cand, ncand)) :
					 errdetail("Revision %s is a branch point: step %d could go to %s.",
							   dag->nodes[cur].id, step, ids_of(dag, cand, ncand)),
					 errhint("Name the branch (<label>@+N) or a revision.")));
		cur = cand[0];
	}
	return cur;
}

/*
 * Walk n steps down (parents) from start, into t.  Reaching below a root
 * with the last step gives the base of that root's line (t->below); the
 * last step down from a merge gives its parents (an unmerge); going
 * further is below base, and a merge before the last step is ambiguous.
 */
static RevTarget *
walk_down(RevDag *dag, RevTarget *t, int start, int n)
{
	int			cur = start;

	for (int step = 1; step <= n; step++)
	{
		RevNode    *r;

		if (cur < 0)
			ereport(ERROR,
					(errcode(ERRCODE_NUMERIC_VALUE_OUT_OF_RANGE),
					 errmsg("revision target \"%s\" goes below base", t->text),
					 errdetail("Only %d of %d steps down exist from %s.",
							   step - 1, n, dag->nodes[start].id)));
		r = &dag->nodes[cur];
		if (r->nparents > 1 && step == n)
		{
			for (int k = 0; k < r->nparents; k++)
				t->revs = bms_add_member(t->revs, r->parents[k]);
			return t;
		}
		if (r->nparents > 1)
			ereport(ERROR,
					(errcode(ERRCODE_CARDINALITY_VIOLATION),
					 errmsg("revision target \"%s\" is ambiguous", t->text),
					 errdetail("Revision %s is a merge: step %d of %d could go to %s.",
							   r->id, step, n, ids_of(dag, r->parents, r->nparents)),
					 errhint("Name a revision below the merge.")));
		if (r->nparents == 0)
		{
			t->below = cur;
			cur = -1;
		}
		else
			cur = r->parents[0];
	}
	if (cur >= 0)
	{
		t->below = -1;
		t->revs = bms_make_singleton(cur);
	}
	return t;
}

/* The one applied head relative targets start from (-1: base). */
static int
current_start(RevDag *dag, const char *whole, Bitmapset *current,
			  const char *label)
{
	Bitmapset  *set = NULL;
	int			n;
	int			i = -1;

	if (label == NULL)
		set = current;
	else
	{
		/* the highest applied revision of the branch */
		Bitmapset  *applied = revdag_ancestors(dag, current);

		while ((i = bms_next_member(applied, i)) >= 0)
			if (revdag_has_label(&dag->nodes[i], label))
				set = bms_add_member(set, i);
		set = revdag_normalize_heads(dag, set);
	}
	n = bms_num_members(set);
	if (n == 0)
		return -1;
	if (n > 1)
		ereport(ERROR,
				(errcode(ERRCODE_CARDINALITY_VIOLATION),
				 errmsg("revision target \"%s\" is ambiguous", whole),
				 errdetail("It counts from the applied head%s%s%s, but there are several: %s.",
						   label ? " of branch \"" : "", label ? label : "",
						   label ? "\"" : "", revdag_set_string(dag, set)),
				 errhint(label ? "Count from a revision (<revision>+N)." :
						 "Name the branch (<label>@+N) or count from a revision (<revision>+N).")));
	return bms_next_member(set, -1);
}

static RevTarget *
one(RevTarget *t, int idx, int below)
{
	if (idx >= 0)
		t->revs = bms_make_singleton(idx);
	t->below = below;
	return t;
}

RevTarget *
target_resolve(RevDag *dag, const char *target, Bitmapset *current)
{
	RevTarget  *t = palloc0(sizeof(RevTarget));
	const char *at;
	const char *sign;
	int			idx;

	t->below = -1;
	t->text = target;
	if (target == NULL)
		ereport(ERROR,
				(errcode(ERRCODE_NULL_VALUE_NOT_ALLOWED),
				 errmsg("the revision target must not be null")));
	if (*target == '\0')
		malformed(target, "The target is empty.");

	if (strcmp(target, "heads") == 0)
	{
		ListCell   *lc;

		foreach(lc, dag->heads)
			t->revs = bms_add_member(t->revs, lfirst_int(lc));
		return t;
	}
	if (strcmp(target, "head") == 0)
	{
		if (list_length(dag->heads) > 1)
		{
			Bitmapset  *h = NULL;
			ListCell   *lc;

			foreach(lc, dag->heads)
				h = bms_add_member(h, lfirst_int(lc));
			ereport(ERROR,
					(errcode(ERRCODE_CARDINALITY_VIOLATION),
					 errmsg("revision target \"head\" is ambiguous: there are %d heads",
							list_length(dag->heads)),
					 errdetail("The heads are %s.", revdag_set_string(dag, h)),
					 errhint("Use \"heads\" for all of them, <label>@head for one branch, or merge them with migrate_merge().")));
		}
		return one(t, dag->heads ? linitial_int(dag->heads) : -1, -1);
	}
	if (strcmp(target, "base") == 0)
		return t;

	/* <label>@... */
	at = strchr(target, '@');
	if (at != NULL)
	{
		char	   *label = pnstrdup(target, at - target);
		const char *rest = at + 1;

		if (*label == '\0')
			malformed(target, "A branch label must come before \"@\".");
		(void) lookup_label(dag, target, label);
		if (strcmp(rest, "head") == 0)
		{
			int		   *heads = palloc(sizeof(int) * (dag->n + 1));
			int			nheads = 0;
			ListCell   *lc;

			foreach(lc, dag->heads)
				if (revdag_has_label(&dag->nodes[lfirst_int(lc)], label))
					heads[nheads++] = lfirst_int(lc);
			if (nheads > 1)
				ereport(ERROR,
						(errcode(ERRCODE_CARDINALITY_VIOLATION),
						 errmsg("revision target \"%s\" is ambiguous: branch \"%s\" has %d heads",
								target, label, nheads),
						 errdetail("The heads are %s.", ids_of(dag, heads, nheads)),
						 errhint("Name one of them, or merge them with migrate_merge().")));
			return one(t, heads[0], -1);
		}
		if (is_steps(rest))
		{
			int			n = parse_steps(target, rest + 1);
			int			start = current_start(dag, target, current, label);

			t->branch = label;

			if (*rest == '+')
				return one(t, walk_up(dag, target, start, n, label), -1);
			if (start < 0 && n > 0)
				ereport(ERROR,
						(errcode(ERRCODE_NUMERIC_VALUE_OUT_OF_RANGE),
						 errmsg("revision target \"%s\" goes below base", target),
						 errdetail("No revision of branch \"%s\" is applied.", label)));
			if (start < 0)
				return t;
			return walk_down(dag, t, start, n);
		}
		malformed(target, "After \"<label>@\" comes head, +N or -N.");
	}

	/* +N, -N: from the applied head */
	if (is_steps(target))
	{
		int			n = parse_steps(target, target + 1);
		int			start = current_start(dag, target, current, NULL);

		if (*target == '+')
			return one(t, walk_up(dag, target, start, n, NULL), -1);
		if (start < 0 && n > 0)
			ereport(ERROR,
					(errcode(ERRCODE_NUMERIC_VALUE_OUT_OF_RANGE),
					 errmsg("revision target \"%s\" goes below base", target),
					 errdetail("No revision is applied.")));
		if (start < 0)
			return t;
		return walk_down(dag, t, start, n);
	}

	/* A whole id or label first: ids may contain "-". */
	idx = revdag_find(dag, target);
	if (idx < 0)
		idx = revdag_find_label(dag, target);
	if (idx >= 0)
		return one(t, idx, -1);

	/* <rev>+N, <rev>-N */
	sign = NULL;
	for (const char *p = target + strlen(target) - 1; p > target; p--)
	{
		if (isdigit((unsigned char) *p))
			continue;
		if ((*p == '+' || *p == '-') && p[1] != '\0')
			sign = p;
		break;
	}
	if (sign != NULL)
	{
		char	   *base = pnstrdup(target, sign - target);
		int			start = lookup_rev(dag, target, base, *sign == '-');

		if (start >= 0)
		{
			int			n = parse_steps(target, sign + 1);

			if (*sign == '+')
				return one(t, walk_up(dag, target, start, n, NULL), -1);
			return walk_down(dag, t, start, n);
		}
		/* else: perhaps a prefix of an id that contains "-" */
	}
	if (strchr(target, '+') != NULL)
		malformed(target, "\"+\" comes only before a number of steps.");
	return one(t, lookup_rev(dag, target, target, false), -1);
}

int
target_lookup(RevDag *dag, const char *name, bool missing_ok)
{
	return lookup_rev(dag, name, name, missing_ok);
}

int
target_resolve_one(RevDag *dag, const char *target, Bitmapset *current)
{
	RevTarget  *t = target_resolve(dag, target, current);
	int			n = bms_num_members(t->revs);

	if (n == 1)
		return bms_next_member(t->revs, -1);
	if (n == 0)
		ereport(ERROR,
				(errcode(ERRCODE_UNDEFINED_OBJECT),
				 errmsg("revision target \"%s\" names base, not a revision", target)));
	ereport(ERROR,
			(errcode(ERRCODE_CARDINALITY_VIOLATION),
			 errmsg("revision target \"%s\" names %d revisions, not one", target, n),
			 errdetail("It names %s.", revdag_set_string(dag, t->revs))));
	return -1;
}
