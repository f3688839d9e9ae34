/*-------------------------------------------------------------------------
 *
 * model_refs.h
 *	  References of a model to objects outside its own schema
 *	  (model_refs.c).
 *
 *-------------------------------------------------------------------------
 */
#ifndef PGM_MODEL_REFS_H
#define PGM_MODEL_REFS_H

#include "graph.h"

#include "catalog/objectaddress.h"

extern List *model_outside_refs(void);
extern Oid	model_ref_namespace(const ObjectAddress *addr, bool *is_member);
extern Jsonb *model_shadow_snapshot(const char *shadow, MemoryContext cxt);
extern Jsonb *model_prune_refs(Jsonb *doc, MemoryContext cxt);

#endif							/* PGM_MODEL_REFS_H */
