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

/*
 * model.c: the stored models merged as migrate_model(NULL) merges them,
 * before model_prune_refs(), in cxt; NULL when properties are stored (their
 * mapped views are then added to the model: call migrate_model(NULL)).  It
 * is what migrate_model(NULL) returns when the graph read from it has no
 * dangling reference (Graph.ndangling).  *checked is set when it is one
 * stored row that the strict reader checked when pg_migrate stored it (its
 * checked_hash): it need not be checked again.  Must be called inside SPI;
 * extschema is the extension's schema, quoted.
 */
extern Jsonb *model_document_unpruned(const char *extschema, MemoryContext cxt,
										bool *checked);

/*
 * model_document_unpruned(), and in *hash (in cxt) the snapshot hash
 * (checksum.h: snapshot_hash()) of the document returned, when it is one
 * stored row whose checked_hash says its model is still the one pg_migrate
 * stored and hashed (migrate_models.snapshot_hash, docs/models.md); else
 * NULL.  Trust it for another document only if that one is this document
 * byte for byte.
 */
extern Jsonb *model_document_hashed(const char *extschema, MemoryContext cxt,
									bool *checked, char **hash);

#endif							/* PGM_MODEL_REFS_H */
