/*
 * ck_secure_zero.c -- a wipe the compiler cannot drop.
 */
#include "ck_secure_zero.h"

#include <string.h>

void
ck_secure_zero(void *p, size_t len)
{
	/*
	 * memset called through a volatile pointer: the compiler cannot know
	 * which function runs, so it cannot drop the call as a dead store,
	 * and the wipe still runs at memset's speed (a volatile byte loop
	 * cost a third of a cold signature's extra work).
	 */
	static void *(*const volatile wipe)(void *, int, size_t) = memset;

	wipe(p, 0, len);
}
