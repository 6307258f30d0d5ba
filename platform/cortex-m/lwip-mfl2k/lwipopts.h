/*
 * lwipopts.h (firmware, 2 KiB TLS records) -- the firmware configuration
 * (../lwip/lwipopts.h) with a window and send buffer of three 536-byte
 * segments instead of four: with TLS records of at most 2 KiB the request
 * leaves in two records and every record crosses the window in two round
 * trips. Used by the firmware-mfl2k image (make size).
 */
#ifndef CK_FW_MFL2K_LWIPOPTS_H
#define CK_FW_MFL2K_LWIPOPTS_H

#include "../lwip/lwipopts.h"

#undef TCP_WND
#define TCP_WND                 (3 * TCP_MSS)
#undef TCP_SND_BUF
#define TCP_SND_BUF             (3 * TCP_MSS)

#endif /* CK_FW_MFL2K_LWIPOPTS_H */
