# board.mk (QEMU mps2-an386) -- the board the firmware's end-to-end tests
# run on: QEMU's model of the Arm MPS2 with the AN386 Cortex-M4 image.
# Besides its drivers, it links what its host link needs: the job and
# report format (shared with platform/qemu/, the host tool), the PEM
# decoder for a CA file named by the tool, and the tools' exit statuses.
FW_QEMU_DIR   := platform/cortex-m/boards/qemu-mps2-an386
FW_BOARD_SRC  := $(FW_QEMU_DIR)/board_qemu.c $(FW_QEMU_DIR)/lan9118.c \
                 $(FW_QEMU_DIR)/cmsdk_uart.c $(FW_QEMU_DIR)/semihosting.c \
                 $(FW_QEMU_DIR)/ck_qemu_job.c port/ck_trust_anchors.c \
                 platform/common/ck_exit_status.c
FW_BOARD_DEFS :=
