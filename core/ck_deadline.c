/*
 * ck_deadline.c -- now plus a wait, held at the end (ck_deadline.h).
 */
#include "ck_deadline.h"

uint64_t
ck_deadline(uint64_t now, uint64_t wait)
{
	return wait > UINT64_MAX - now ? UINT64_MAX : now + wait;
}
