/*
 * semihosting.h -- Arm semihosting calls, the QEMU board's line to the
 * host: its clock, its files (the request, the CA file, /dev/urandom, the
 * report) and the exit status the host tool returns.
 *
 * A call is `BKPT 0xAB` with the operation in r0 and a pointer to its
 * argument block in r1 (Arm's "Semihosting for AArch32 and AArch64"). It
 * needs a debugger or an emulator that answers it (QEMU with
 * `-semihosting-config enable=on,target=native`): without one, BKPT is a
 * HardFault. So this belongs to a test board, never to a product's image.
 */
#ifndef CK_SEMIHOSTING_H
#define CK_SEMIHOSTING_H

#include <stddef.h>
#include <stdint.h>

/*
 * Open the host file `path` for reading (binary); returns a handle >= 0,
 * or -1 when the host refuses.
 */
int32_t semihosting_open_read(const char *path);

/* Open (create, truncate) the host file `path` for writing; -1 on failure. */
int32_t semihosting_open_write(const char *path);

/*
 * Read up to `len` bytes from `handle` into `buf`; returns how many were
 * read (0 at end of file), or -1 on error. One host read: a pipe may give
 * fewer bytes than asked for before its end.
 */
int32_t semihosting_read(int32_t handle, void *buf, size_t len);

/* Write all `len` bytes of `buf`; returns 0, or -1 if not all were written. */
int semihosting_write(int32_t handle, const void *buf, size_t len);

void semihosting_close(int32_t handle);

/* The host's wall clock, seconds since 1970-01-01T00:00:00Z. */
int64_t semihosting_time(void);

/*
 * The command line QEMU was given (`-semihosting-config ...,arg=A,arg=B`:
 * the args joined by single spaces) into `buf`, NUL-terminated. Returns
 * its length, or -1 when it does not fit or the host gives none.
 */
int32_t semihosting_cmdline(char *buf, size_t cap);

/*
 * End the run with exit status `code` (QEMU exits with it). The extended
 * call is the only one that carries a status other than success or
 * failure on 32-bit Arm.
 */
_Noreturn void semihosting_exit(int code);

#endif /* CK_SEMIHOSTING_H */
