/*
 * lan9118.c -- the SMSC LAN9118 driver (see lan9118.h).
 *
 * Register offsets and bits are those of the LAN9118 data sheet (SMSC,
 * "LAN9118 High Performance single-chip 10/100 Non-PCI Ethernet
 * Controller"): system CSRs directly on the bus, MAC CSRs behind
 * MAC_CSR_CMD/MAC_CSR_DATA, PHY registers behind the MAC's MII_ACC/MII_DATA.
 */
#include "lan9118.h"

/* --- system control and status registers (offsets from the base) --------- */
#define RX_DATA_FIFO     0x00u
#define TX_DATA_FIFO     0x20u
#define RX_STATUS_FIFO   0x40u
#define TX_STATUS_FIFO   0x48u
#define ID_REV           0x50u
#define INT_EN           0x5Cu
#define BYTE_TEST        0x64u
#define TX_CFG           0x70u
#define HW_CFG           0x74u
#define RX_FIFO_INF      0x7Cu
#define TX_FIFO_INF      0x80u
#define PMT_CTRL         0x84u
#define MAC_CSR_CMD      0xA4u
#define MAC_CSR_DATA     0xA8u

#define BYTE_TEST_VALUE  0x87654321u
#define ID_REV_CHIP_ID(v) ((v) >> 16)
#define CHIP_ID_LAN9118  0x0118u

#define HW_CFG_SRST      (1u << 0)
#define HW_CFG_TX_FIF_5K (5u << 16)     /* 5 KiB TX FIFO, the reset value */
#define HW_CFG_MBO       (1u << 20)     /* "must be one" */
#define PMT_CTRL_READY   (1u << 0)
#define TX_CFG_TX_ON     (1u << 1)
#define TX_CFG_TXSAO     (1u << 2)      /* let TX status overrun, not stall */

/* RX_FIFO_INF: status entries used (23:16), data bytes used (15:0). */
#define RX_STATUS_USED(v) (((v) >> 16) & 0xFFu)
/* TX_FIFO_INF: status entries used (23:16), data FIFO free bytes (15:0). */
#define TX_STATUS_USED(v) (((v) >> 16) & 0xFFu)
#define TX_DATA_FREE(v)   ((v) & 0xFFFFu)

/* RX status word: frame length with FCS (29:16), error summary (15). */
#define RX_STS_LENGTH(v) (((v) >> 16) & 0x3FFFu)
#define RX_STS_ES        (1u << 15)

/* TX command A: first and last segment, buffer size (10:0). */
#define TX_CMD_A_FIRST   (1u << 13)
#define TX_CMD_A_LAST    (1u << 12)

/* --- MAC control and status registers (through MAC_CSR_CMD) --------------- */
#define MAC_CR           1u
#define MAC_ADDRH        2u
#define MAC_ADDRL        3u
#define MAC_MII_ACC      6u
#define MAC_MII_DATA     7u

#define MAC_CSR_BUSY     (1u << 31)
#define MAC_CSR_READ     (1u << 30)

#define MAC_CR_FDPX      (1u << 20)
#define MAC_CR_TXEN      (1u << 3)
#define MAC_CR_RXEN      (1u << 2)

/* MII_ACC: PHY address (15:11), register (10:6), write (1), busy (0). */
#define MII_PHY_INTERNAL 1u
#define MII_ACC_WRITE    (1u << 1)
#define MII_ACC_BUSY     (1u << 0)

/* --- PHY registers (IEEE 802.3 clause 22) ---------------------------------- */
#define PHY_BMCR         0u
#define PHY_BMSR         1u
#define PHY_ANAR         4u
#define PHY_ANLPAR       5u

#define BMCR_RESET       (1u << 15)
#define BMCR_ANENABLE    (1u << 12)
#define BMCR_ANRESTART   (1u << 9)
#define BMSR_ANCOMPLETE  (1u << 5)
#define ANAR_10_100_ALL  0x01E1u        /* 100/10, full/half, 802.3 */
#define ANAR_FULL_DUPLEX 0x0140u        /* 100FD | 10FD */

/* Register polls that the data sheet bounds in microseconds. */
#define SPIN_LIMIT       1000000u

/* Largest frame on the wire with its FCS, and the smallest. */
#define FRAME_FCS_MAX    (CK_BOARD_ETH_FRAME_MAX + 4u)
#define FRAME_FCS_MIN    (14u + 4u)

static uintptr_t regs;

static uint32_t
rd(uint32_t off)
{
	return *(volatile uint32_t *)(regs + off);
}

static void
wr(uint32_t off, uint32_t v)
{
	*(volatile uint32_t *)(regs + off) = v;
}

/*
 * The data sheet asks for a gap after writing some control registers
 * before the next access; a read of BYTE_TEST is its recommended delay.
 */
static void
settle(void)
{
	(void)rd(BYTE_TEST);
}

static bool
wait_clear(uint32_t off, uint32_t mask)
{
	uint32_t i;

	for (i = 0; i < SPIN_LIMIT; i++) {
		if ((rd(off) & mask) == 0) {
			return true;
		}
	}
	return false;
}

static bool
mac_read(uint32_t reg, uint32_t *out)
{
	if (!wait_clear(MAC_CSR_CMD, MAC_CSR_BUSY)) {
		return false;
	}
	wr(MAC_CSR_CMD, MAC_CSR_BUSY | MAC_CSR_READ | reg);
	settle();
	if (!wait_clear(MAC_CSR_CMD, MAC_CSR_BUSY)) {
		return false;
	}
	*out = rd(MAC_CSR_DATA);
	return true;
}

static bool
mac_write(uint32_t reg, uint32_t v)
{
	if (!wait_clear(MAC_CSR_CMD, MAC_CSR_BUSY)) {
		return false;
	}
	wr(MAC_CSR_DATA, v);
	wr(MAC_CSR_CMD, MAC_CSR_BUSY | reg);
	settle();
	return wait_clear(MAC_CSR_CMD, MAC_CSR_BUSY);
}

static bool
mii_wait(void)
{
	uint32_t i, acc;

	for (i = 0; i < SPIN_LIMIT; i++) {
		if (!mac_read(MAC_MII_ACC, &acc)) {
			return false;
		}
		if ((acc & MII_ACC_BUSY) == 0) {
			return true;
		}
	}
	return false;
}

static bool
phy_read(uint32_t reg, uint32_t *out)
{
	if (!mii_wait() || !mac_write(MAC_MII_ACC,
		(MII_PHY_INTERNAL << 11) | (reg << 6) | MII_ACC_BUSY)
		|| !mii_wait()) {
		return false;
	}
	if (!mac_read(MAC_MII_DATA, out)) {
		return false;
	}
	*out &= 0xFFFFu;
	return true;
}

static bool
phy_write(uint32_t reg, uint32_t v)
{
	return mii_wait() && mac_write(MAC_MII_DATA, v)
		&& mac_write(MAC_MII_ACC, (MII_PHY_INTERNAL << 11) | (reg << 6)
			| MII_ACC_WRITE | MII_ACC_BUSY)
		&& mii_wait();
}

/*
 * Reset the PHY and negotiate; true for full duplex. A link that does not
 * negotiate in time stays half duplex: frames still go out, and a late
 * link simply works at the slower setting.
 */
static bool
negotiate(uint64_t (*now_ms)(void), uint32_t limit_ms)
{
	uint32_t v, adv, lp;
	uint64_t until;

	if (!phy_write(PHY_BMCR, BMCR_RESET) || !phy_read(PHY_BMCR, &v)) {
		return false;
	}
	until = now_ms() + limit_ms;
	while (v & BMCR_RESET) {
		if (now_ms() >= until || !phy_read(PHY_BMCR, &v)) {
			return false;
		}
	}
	if (!phy_write(PHY_ANAR, ANAR_10_100_ALL)
		|| !phy_write(PHY_BMCR, BMCR_ANENABLE | BMCR_ANRESTART)) {
		return false;
	}
	for (;;) {
		if (!phy_read(PHY_BMSR, &v)) {
			return false;
		}
		if (v & BMSR_ANCOMPLETE) {
			break;
		}
		if (now_ms() >= until) {
			return false;
		}
	}
	if (!phy_read(PHY_ANAR, &adv) || !phy_read(PHY_ANLPAR, &lp)) {
		return false;
	}
	return (adv & lp & ANAR_FULL_DUPLEX) != 0;
}

static bool
mac_is_usable(const uint8_t mac[6])
{
	unsigned i, zero = 0, ones = 0;

	for (i = 0; i < 6; i++) {
		zero += mac[i] == 0x00;
		ones += mac[i] == 0xFF;
	}
	/* Not all zero, not broadcast, not a group address. */
	return zero < 6 && ones < 6 && (mac[0] & 1u) == 0;
}

bool
lan9118_init(uintptr_t base, uint8_t mac[6], const uint8_t fallback[6],
	uint64_t (*now_ms)(void), uint32_t negotiate_ms)
{
	uint32_t lo, hi, cr;
	unsigned i;

	regs = base;
	/* A wrong bus width or byte order shows here first. */
	if (rd(BYTE_TEST) != BYTE_TEST_VALUE
		|| ID_REV_CHIP_ID(rd(ID_REV)) != CHIP_ID_LAN9118) {
		return false;
	}
	wr(HW_CFG, HW_CFG_SRST);
	settle();
	if (!wait_clear(HW_CFG, HW_CFG_SRST)) {
		return false;
	}
	for (i = 0; (rd(PMT_CTRL) & PMT_CTRL_READY) == 0; i++) {
		if (i == SPIN_LIMIT) {
			return false;
		}
	}
	wr(HW_CFG, HW_CFG_TX_FIF_5K | HW_CFG_MBO);
	wr(INT_EN, 0);
	settle();

	/* The address the chip loaded from its EEPROM, if it has one. */
	if (!mac_read(MAC_ADDRL, &lo) || !mac_read(MAC_ADDRH, &hi)) {
		return false;
	}
	for (i = 0; i < 4; i++) {
		mac[i] = (uint8_t)(lo >> (8 * i));
	}
	mac[4] = (uint8_t)hi;
	mac[5] = (uint8_t)(hi >> 8);
	if (!mac_is_usable(mac)) {
		for (i = 0; i < 6; i++) {
			mac[i] = fallback[i];
		}
		lo = (uint32_t)mac[0] | (uint32_t)mac[1] << 8
			| (uint32_t)mac[2] << 16 | (uint32_t)mac[3] << 24;
		hi = (uint32_t)mac[4] | (uint32_t)mac[5] << 8;
		if (!mac_write(MAC_ADDRL, lo) || !mac_write(MAC_ADDRH, hi)) {
			return false;
		}
	}

	cr = MAC_CR_TXEN | MAC_CR_RXEN;
	if (negotiate(now_ms, negotiate_ms)) {
		cr |= MAC_CR_FDPX;
	}
	/* Exact address and broadcast only (PRMS, the reset value, is off). */
	if (!mac_write(MAC_CR, cr)) {
		return false;
	}
	wr(TX_CFG, TX_CFG_TX_ON | TX_CFG_TXSAO);
	settle();
	return true;
}

/* Throw away TX status words: nothing here waits for a frame's fate. */
static void
drain_tx_status(void)
{
	uint32_t n = TX_STATUS_USED(rd(TX_FIFO_INF));

	while (n-- > 0) {
		(void)rd(TX_STATUS_FIFO);
	}
}

bool
lan9118_send(const ck_board_eth_piece *pieces, size_t count)
{
	size_t total = 0, i, j;
	uint32_t word = 0;
	unsigned filled = 0;
	static uint16_t tag;

	for (i = 0; i < count; i++) {
		total += pieces[i].len;
	}
	if (total == 0 || total > CK_BOARD_ETH_FRAME_MAX) {
		return false;
	}
	drain_tx_status();
	/* Two command words and the data, rounded up to whole words. */
	if (TX_DATA_FREE(rd(TX_FIFO_INF)) < 8u + ((total + 3u) & ~3u)) {
		return false;
	}
	tag++;
	wr(TX_DATA_FIFO, TX_CMD_A_FIRST | TX_CMD_A_LAST | (uint32_t)total);
	wr(TX_DATA_FIFO, (uint32_t)tag << 16 | (uint32_t)total);
	/* The FIFO takes little-endian words; pieces may end mid-word. */
	for (i = 0; i < count; i++) {
		for (j = 0; j < pieces[i].len; j++) {
			word |= (uint32_t)pieces[i].data[j] << (8 * filled);
			if (++filled == 4) {
				wr(TX_DATA_FIFO, word);
				word = 0;
				filled = 0;
			}
		}
	}
	if (filled > 0) {
		wr(TX_DATA_FIFO, word);
	}
	return true;
}

size_t
lan9118_receive(const ck_board_eth_buffer *bufs, size_t count)
{
	uint32_t status, len, words, w, word;
	size_t cap = 0, frame, at = 0, piece = 0, off = 0, i;
	unsigned b;

	if (RX_STATUS_USED(rd(RX_FIFO_INF)) == 0) {
		return 0;
	}
	status = rd(RX_STATUS_FIFO);
	len = RX_STS_LENGTH(status);          /* with the 4-byte FCS */
	words = (len + 3u) / 4u;
	for (i = 0; i < count; i++) {
		cap += bufs[i].len;
	}
	frame = len >= 4u ? len - 4u : 0u;
	if ((status & RX_STS_ES) != 0 || len < FRAME_FCS_MIN
		|| len > FRAME_FCS_MAX || frame > cap) {
		frame = 0;                    /* read out, keep nothing */
	}
	/*
	 * The data follows its status word in the RX data FIFO; whatever is
	 * kept, all of its words are read, or the next frame would start
	 * mid-way. (Fast-forward would skip them; reading is always allowed.)
	 */
	for (w = 0; w < words; w++) {
		word = rd(RX_DATA_FIFO);
		for (b = 0; b < 4 && at < frame; b++, at++) {
			while (off == bufs[piece].len) {
				piece++;
				off = 0;
			}
			bufs[piece].data[off++] = (uint8_t)(word >> (8 * b));
		}
	}
	return frame;
}
