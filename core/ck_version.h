/*
 * ck_version.h -- the version of the library and the tools.
 *
 * The one place it is written: the Makefile reads it for ckafka.pc and
 * the man page, and the tools print it for --version.
 */
#ifndef CK_VERSION_H
#define CK_VERSION_H

#define CK_VERSION "0.1.0"

#endif /* CK_VERSION_H */
