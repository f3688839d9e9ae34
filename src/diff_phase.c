/*-------------------------------------------------------------------------
 *
 * diff_phase.c
 *	  The phases of steps: a step of phase -1 runs before every other step
 *	  of the script, one of phase 1 after every other (diff.h, DiffStep).
 *	  Default privileges use them: they decide the privileges of the
 *	  objects made after them, so what they take away is taken before the
 *	  script makes anything and what they grant is granted after.
 *
 *-------------------------------------------------------------------------
 */
#include "diff.h"

/*
 * Order the steps of phase -1 before, and those of phase 1 after, every
 * step of phase 0 (adding to their "after" lists; a step that must follow
 * one of phase -1, or precede one of phase 1, already keeps its order).
 * Called by the diff before it sorts the steps.
 */
void
diff_add_phase_edges(List *steps)
{
	List	   *first = NIL;
	List	   *last = NIL;
	ListCell   *lc;

	foreach(lc, steps)
	{
		DiffStep   *step = lfirst(lc);

		if (step->phase < 0)
			first = lappend(first, step);
		else if (step->phase > 0)
			last = lappend(last, step);
	}
	if (first == NIL && last == NIL)
		return;
	foreach(lc, steps)
	{
		DiffStep   *step = lfirst(lc);
		ListCell   *pc;

		if (step->phase != 0)
			continue;
		foreach(pc, first)
		{
			DiffStep   *f = lfirst(pc);

			if (!list_member_ptr(f->after, step))
				step->after = lappend(step->after, f);
		}
		foreach(pc, last)
		{
			DiffStep   *l = lfirst(pc);

			if (!list_member_ptr(step->after, l))
				l->after = lappend(l->after, step);
		}
	}
	list_free(first);
	list_free(last);
}
