/*
 * semihosting.c -- the Arm semihosting calls the QEMU board uses.
 */
#include "semihosting.h"

#include <string.h>

/* Operation numbers (Arm semihosting specification). */
#define SYS_OPEN          0x01
#define SYS_CLOSE         0x02
#define SYS_WRITE         0x05
#define SYS_READ          0x06
#define SYS_TIME          0x11
#define SYS_GET_CMDLINE   0x15
#define SYS_EXIT_EXTENDED 0x20

/* SYS_OPEN modes: the index of fopen's mode string in "r rb r+ r+b w wb". */
#define MODE_READ_BINARY  1
#define MODE_WRITE_BINARY 5

/* ADP_Stopped_ApplicationExit: the reason SYS_EXIT_EXTENDED reports. */
#define ADP_APPLICATION_EXIT 0x20026u

static int32_t
call(uint32_t op, const void *block)
{
	register uint32_t r0 __asm__("r0") = op;
	register const void *r1 __asm__("r1") = block;

	__asm__ volatile ("bkpt 0xab" : "+r" (r0) : "r" (r1) : "memory");
	return (int32_t)r0;
}

static int32_t
open_mode(const char *path, uint32_t mode)
{
	uint32_t block[3];

	block[0] = (uint32_t)(uintptr_t)path;
	block[1] = mode;
	block[2] = (uint32_t)strlen(path);
	return call(SYS_OPEN, block);
}

int32_t
semihosting_open_read(const char *path)
{
	return open_mode(path, MODE_READ_BINARY);
}

int32_t
semihosting_open_write(const char *path)
{
	return open_mode(path, MODE_WRITE_BINARY);
}

int32_t
semihosting_read(int32_t handle, void *buf, size_t len)
{
	uint32_t block[3];
	int32_t left;

	block[0] = (uint32_t)handle;
	block[1] = (uint32_t)(uintptr_t)buf;
	block[2] = (uint32_t)len;
	/* The host answers with the number of bytes it did NOT read. */
	left = call(SYS_READ, block);
	if (left < 0 || (uint32_t)left > len) {
		return -1;
	}
	return (int32_t)(len - (uint32_t)left);
}

int
semihosting_write(int32_t handle, const void *buf, size_t len)
{
	uint32_t block[3];

	block[0] = (uint32_t)handle;
	block[1] = (uint32_t)(uintptr_t)buf;
	block[2] = (uint32_t)len;
	return call(SYS_WRITE, block) == 0 ? 0 : -1;
}

void
semihosting_close(int32_t handle)
{
	uint32_t block[1];

	block[0] = (uint32_t)handle;
	(void)call(SYS_CLOSE, block);
}

int64_t
semihosting_time(void)
{
	/* 32 bits of seconds: good until 2106 as an unsigned count. */
	return (int64_t)(uint32_t)call(SYS_TIME, NULL);
}

int32_t
semihosting_cmdline(char *buf, size_t cap)
{
	uint32_t block[2];

	if (cap < 2) {
		return -1;
	}
	block[0] = (uint32_t)(uintptr_t)buf;
	block[1] = (uint32_t)(cap - 1);
	if (call(SYS_GET_CMDLINE, block) != 0 || block[1] >= cap) {
		return -1;
	}
	buf[block[1]] = '\0';
	return (int32_t)block[1];
}

_Noreturn void
semihosting_exit(int code)
{
	uint32_t block[2];

	block[0] = ADP_APPLICATION_EXIT;
	block[1] = (uint32_t)code;
	(void)call(SYS_EXIT_EXTENDED, block);
	for (;;) {
	}
}
