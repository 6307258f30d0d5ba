/*
 * ck_exit_status.h -- the exit status of the ckafka-offsets tools, from a
 * call's result.
 *
 * Every tool returns the same status for the same result: the POSIX and
 * lwIP tools, and the firmware image under QEMU, which exits with it (so
 * this file is freestanding: no libc beyond the core's).
 */
#ifndef CK_EXIT_STATUS_H
#define CK_EXIT_STATUS_H

#include "ck_result.h"

/* Exit codes: part of the tools' interface, documented in --help. */
enum {
	CK_CLI_EXIT_APPLIED = 0,
	CK_CLI_EXIT_USAGE = 1,
	CK_CLI_EXIT_API_ERROR = 2,
	CK_CLI_EXIT_NOT_APPLIED = 3,
	CK_CLI_EXIT_UNKNOWN = 4
};

/* The exit code of a result: by its outcome; input errors are usage. */
int ck_cli_exit_code(ck_result r);

#endif /* CK_EXIT_STATUS_H */
