/*
 * lan9118.h -- a polled driver for the SMSC LAN9118 Ethernet controller
 * (MAC + PHY with internal FIFOs, on a 32-bit memory bus), as fitted to
 * the Arm MPS2 boards and modelled by QEMU's mps2-an386 machine.
 *
 * Written from the chip's data sheet, and checked against QEMU's model,
 * which differs in ways a driver must not rely on either way: QEMU keeps
 * the receiver off until MAC_CR enables it (as the chip does), ignores
 * TX_ON (the chip transmits nothing without it), reports the TX data FIFO's
 * free space in words where the chip reports bytes (read as bytes, the
 * value is then an underestimate, which is safe), stops queueing TX status
 * at 512 entries (drained here, and TXSAO set for the chip), and never
 * sets the MAC CSR busy bit (waited for here anyway).
 *
 * Frames go in and out by programmed I/O through the FIFO ports: no DMA,
 * no interrupt. The receive FIFO holds about 10 KiB of frames while the
 * application is busy; beyond that the chip drops them and TCP resends.
 */
#ifndef CK_LAN9118_H
#define CK_LAN9118_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "ck_board.h"

/*
 * Reset the chip at `base`, bring up its PHY (auto-negotiation, up to
 * `negotiate_ms` milliseconds of `now_ms` for it; the duplex follows the
 * result), enable transmitter and receiver (unicast to our address and
 * broadcast) and write the MAC address to `mac`: the one the chip loaded
 * from its EEPROM, or `fallback` when it has none. Returns false when no
 * LAN9118 answers at `base` or the chip does not come out of reset.
 */
bool lan9118_init(uintptr_t base, uint8_t mac[6], const uint8_t fallback[6],
	uint64_t (*now_ms)(void), uint32_t negotiate_ms);

/*
 * Queue one frame (the pieces in order, no FCS, at most
 * CK_BOARD_ETH_FRAME_MAX bytes). Returns false, sending nothing, when the
 * TX FIFO has no room for all of it now.
 */
bool lan9118_send(const ck_board_eth_piece *pieces, size_t count);

/*
 * Copy the next received frame, without its FCS, into the buffers (each
 * filled before the next) and return its length; 0 when none is waiting.
 * Frames with an error, runts, and frames longer than the buffers are
 * read out of the FIFO and dropped (0 is returned for them too).
 */
size_t lan9118_receive(const ck_board_eth_buffer *bufs, size_t count);

#endif /* CK_LAN9118_H */
