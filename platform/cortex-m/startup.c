/*
 * startup.c -- vector table and reset handler for any Cortex-M4 (and M3).
 *
 * Reset paints the main stack (below), copies .data from flash to RAM,
 * zeroes .bss and calls main(). It deliberately skips newlib's crt0 and
 * __libc_init_array: C code here has no constructors, and crt0 would
 * bring in exit(), atexit() and, through them, malloc. The symbols come
 * from ckafka-fw.ld.
 *
 * Stack painting: every word of the stack's reservation below the reset
 * handler's own frame is set to a pattern, so ck_startup_stack_used() can
 * later find the deepest word ever written: the high-water mark measured
 * on the device, beside the static bound `make size` computes. It costs
 * one pass over CK_STACK_SIZE bytes at reset.
 *
 * The table holds the 16 Cortex-M system exceptions and 82 vendor
 * interrupts (an STM32F407's count; edit CK_IRQ_LIST for another part).
 * Every entry is a weak alias of Default_Handler, so a board overrides
 * exactly the ones it uses by defining a function of the same name: the
 * usual system names (SysTick_Handler, HardFault_Handler, ...) and
 * IRQ<n>_Handler for vendor interrupt n (IRQ61_Handler is the STM32F4's
 * Ethernet). Floating point: the image is built with -mfloat-abi=soft, so
 * the FPU stays off and needs no enabling here.
 */
#include <stdint.h>
#include <string.h>

#include "ck_startup.h"

/* Linker script symbols: addresses only, never read as variables. */
extern uint32_t _sidata[], _sdata[], _edata[], _sbss[], _ebss[], _estack[],
	_sstack[];

/* Unlikely as data, and not a valid Thumb return address (even). */
#define STACK_PAINT 0xC5ACCE55u

/* Words left unpainted below the reset handler's stack pointer. */
#define STACK_PAINT_MARGIN 16

int main(void);
void Reset_Handler(void);
void Default_Handler(void);

typedef void (*ck_vector)(void);

/* An unexpected exception or interrupt: stop where a debugger can see it. */
void
Default_Handler(void)
{
	for (;;) {
	}
}

/*
 * Inline, so that no frame of its own sits below the stack pointer it
 * reads: everything under (sp - margin) is free at this point.
 */
static inline __attribute__((always_inline)) void
paint_stack(void)
{
	uint32_t *sp;
	uint32_t *p;

	__asm__ volatile ("mov %0, sp" : "=r" (sp));
	for (p = _sstack; p < sp - STACK_PAINT_MARGIN; p++) {
		*(volatile uint32_t *)p = STACK_PAINT;
	}
}

size_t
ck_startup_stack_used(void)
{
	const volatile uint32_t *p = _sstack;

	while (p < _estack && *p == STACK_PAINT) {
		p++;
	}
	return (size_t)((const char *)_estack - (const volatile char *)p);
}

size_t
ck_startup_stack_size(void)
{
	return (size_t)((char *)_estack - (char *)_sstack);
}

void
Reset_Handler(void)
{
	paint_stack();
	memcpy(_sdata, _sidata, (size_t)((char *)_edata - (char *)_sdata));
	memset(_sbss, 0, (size_t)((char *)_ebss - (char *)_sbss));
	(void)main();
	for (;;) {
	}
}

#define WEAK_ALIAS __attribute__((weak, alias("Default_Handler")))
void NMI_Handler(void) WEAK_ALIAS;
void HardFault_Handler(void) WEAK_ALIAS;
void MemManage_Handler(void) WEAK_ALIAS;
void BusFault_Handler(void) WEAK_ALIAS;
void UsageFault_Handler(void) WEAK_ALIAS;
void SVC_Handler(void) WEAK_ALIAS;
void DebugMon_Handler(void) WEAK_ALIAS;
void PendSV_Handler(void) WEAK_ALIAS;
void SysTick_Handler(void) WEAK_ALIAS;

/* Vendor interrupt numbers, in table order. */
#define CK_IRQ_LIST(X) \
	X(0) X(1) X(2) X(3) X(4) X(5) X(6) X(7) \
	X(8) X(9) X(10) X(11) X(12) X(13) X(14) X(15) \
	X(16) X(17) X(18) X(19) X(20) X(21) X(22) X(23) \
	X(24) X(25) X(26) X(27) X(28) X(29) X(30) X(31) \
	X(32) X(33) X(34) X(35) X(36) X(37) X(38) X(39) \
	X(40) X(41) X(42) X(43) X(44) X(45) X(46) X(47) \
	X(48) X(49) X(50) X(51) X(52) X(53) X(54) X(55) \
	X(56) X(57) X(58) X(59) X(60) X(61) X(62) X(63) \
	X(64) X(65) X(66) X(67) X(68) X(69) X(70) X(71) \
	X(72) X(73) X(74) X(75) X(76) X(77) X(78) X(79) \
	X(80) X(81)

#define CK_IRQ_DECLARE(n) void IRQ##n##_Handler(void) WEAK_ALIAS;
CK_IRQ_LIST(CK_IRQ_DECLARE)

/*
 * The initial stack pointer goes in the first word; the cast is the
 * usual one for Cortex-M tables (the core loads it as a plain address).
 */
#define CK_IRQ_ENTRY(n) IRQ##n##_Handler,
__attribute__((section(".isr_vector"), used))
const ck_vector ck_vector_table[] = {
	(ck_vector)(uintptr_t)_estack,
	Reset_Handler,
	NMI_Handler,
	HardFault_Handler,
	MemManage_Handler,
	BusFault_Handler,
	UsageFault_Handler,
	0, 0, 0, 0,
	SVC_Handler,
	DebugMon_Handler,
	0,
	PendSV_Handler,
	SysTick_Handler,
	CK_IRQ_LIST(CK_IRQ_ENTRY)
};
