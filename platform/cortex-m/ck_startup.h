/*
 * ck_startup.h -- what the shared startup code (startup.c) offers the
 * application and boards besides the reset handler.
 */
#ifndef CK_STARTUP_H
#define CK_STARTUP_H

#include <stddef.h>

/*
 * Bytes of the main stack used since reset, at the deepest: from the top
 * of RAM down to the lowest word that no longer holds the paint written at
 * reset. Equal to ck_startup_stack_size() when the whole reservation was
 * used (or overrun: the paint cannot tell how far). Cheap enough to call
 * after each request (one scan of the untouched part).
 */
size_t ck_startup_stack_used(void);

/* The main stack's reservation in bytes (CK_STACK_SIZE of ckafka-fw.ld). */
size_t ck_startup_stack_size(void);

#endif /* CK_STARTUP_H */
