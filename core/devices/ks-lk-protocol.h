/* SPDX-License-Identifier: GPL-3.0-or-later */
/* Copyright 2026 The Keepsake authors */
/* ks-lk-protocol.h — the numbers of the LK cart-reader protocol, shared by
 * the host driver (ks-lk-reader.c) and the emulated device
 * (ks-lk-emulator.c); cart-reader-protocol.md §1
 */
#pragma once

#include <glib.h>

G_BEGIN_DECLS

/* §1.1: link settings and status bytes; 10 bits a byte (8N1) */
#define KS_LK_BAUD                 1000000
#define KS_LK_BAUD_FAST            1500000
#define KS_LK_BITS_PER_BYTE        10
#define KS_LK_STATUS_OK            0x01
#define KS_LK_STATUS_ERROR         0x02
#define KS_LK_STATUS_CHUNK_NEXT    0x03
/* §1.5: the device buffer; writes must not carry more */
#define KS_LK_DEVICE_BUFFER        0x1000
/* §1.5: CART_WRITE_FLASH_CMD keeps at most 16 writes */
#define KS_LK_MAX_FLASH_CMDS       16

/* §1.4: command bytes */
enum
{
  KS_LK_CMD_BAUD_1M              = 0x3C,
  KS_LK_CMD_BAUD_1M5             = 0x3E,
  KS_LK_CMD_OFW_CART_PWR_OFF     = 0x2E,
  KS_LK_CMD_OFW_CART_PWR_ON      = 0x2F,
  KS_LK_CMD_OFW_CART_MODE        = 0x43,
  KS_LK_CMD_OFW_FW_VER           = 0x56,
  KS_LK_CMD_OFW_QUERY_CART_PWR   = 0x5D,
  KS_LK_CMD_OFW_PCB_VER          = 0x68,
  KS_LK_CMD_QUERY_FW_INFO        = 0xA1,
  KS_LK_CMD_SET_MODE_AGB         = 0xA2,
  KS_LK_CMD_SET_MODE_DMG         = 0xA3,
  KS_LK_CMD_SET_VOLTAGE_3_3V     = 0xA4,
  KS_LK_CMD_SET_VOLTAGE_5V       = 0xA5,
  KS_LK_CMD_SET_VARIABLE         = 0xA6,
  KS_LK_CMD_SET_FLASH_CMD        = 0xA7,
  KS_LK_CMD_SET_ADDR_AS_INPUTS   = 0xA8,
  KS_LK_CMD_CLK_TOGGLE           = 0xA9,
  KS_LK_CMD_ENABLE_PULLUPS       = 0xAB,
  KS_LK_CMD_DISABLE_PULLUPS      = 0xAC,
  KS_LK_CMD_GET_VARIABLE         = 0xAD,
  KS_LK_CMD_GET_VAR_STATE        = 0xAE,
  KS_LK_CMD_SET_VAR_STATE        = 0xAF,
  KS_LK_CMD_DMG_CART_READ        = 0xB1,
  KS_LK_CMD_DMG_CART_WRITE       = 0xB2,
  KS_LK_CMD_DMG_CART_WRITE_SRAM  = 0xB3,
  KS_LK_CMD_DMG_MBC_RESET        = 0xB4,
  KS_LK_CMD_DMG_SET_BANK_CHANGE  = 0xB8,
  KS_LK_CMD_AGB_CART_READ        = 0xC1,
  KS_LK_CMD_AGB_CART_WRITE       = 0xC2,
  KS_LK_CMD_AGB_CART_READ_SRAM   = 0xC3,
  KS_LK_CMD_AGB_CART_WRITE_SRAM  = 0xC4,
  KS_LK_CMD_AGB_READ_EEPROM      = 0xC5,
  KS_LK_CMD_AGB_WRITE_EEPROM     = 0xC6,
  KS_LK_CMD_AGB_WRITE_FLASH_DATA = 0xC7,
  KS_LK_CMD_AGB_BOOTUP_SEQUENCE  = 0xC9,
  KS_LK_CMD_AGB_READ_GPIO_RTC    = 0xCA,
  KS_LK_CMD_DMG_FLASH_WRITE_BYTE = 0xD1,
  KS_LK_CMD_AGB_FLASH_WRITE_SHORT = 0xD2,
  KS_LK_CMD_FLASH_PROGRAM        = 0xD3,
  KS_LK_CMD_CART_WRITE_FLASH_CMD = 0xD4,
  KS_LK_CMD_CALC_CRC32           = 0xD5,
  KS_LK_CMD_BOOTLOADER_RESET     = 0xF1,
  KS_LK_CMD_CART_PWR_ON          = 0xF2,
  KS_LK_CMD_CART_PWR_OFF         = 0xF3,
  KS_LK_CMD_QUERY_CART_PWR       = 0xF4,
  KS_LK_CMD_SET_PIN              = 0xF5,
  KS_LK_CMD_GET_SWITCH_STATE     = 0xF6,
  KS_LK_CMD_PING                 = 0xFE,
};

/* §1.3: variable size classes and keys */
#define KS_LK_VAR_32 4
#define KS_LK_VAR_16 2
#define KS_LK_VAR_8  1

enum
{
  /* 32-bit */
  KS_LK_VAR32_ADDRESS             = 0x00,
  KS_LK_VAR32_AUTO_POWEROFF_TIME  = 0x01,
  KS_LK_N_VAR32                   = 2,
  /* 16-bit */
  KS_LK_VAR16_TRANSFER_SIZE       = 0x00,
  KS_LK_VAR16_BUFFER_SIZE         = 0x01,
  KS_LK_VAR16_DMG_ROM_BANK        = 0x02,
  KS_LK_VAR16_STATUS_REGISTER     = 0x03,
  KS_LK_VAR16_LAST_BANK_ACCESSED  = 0x04,
  KS_LK_VAR16_STATUS_REGISTER_MASK  = 0x05,
  KS_LK_VAR16_STATUS_REGISTER_VALUE = 0x06,
  KS_LK_N_VAR16                   = 7,
  /* 8-bit */
  KS_LK_VAR8_CART_MODE            = 0x00,
  KS_LK_VAR8_DMG_ACCESS_MODE      = 0x01,
  KS_LK_VAR8_FLASH_COMMAND_SET    = 0x02,
  KS_LK_VAR8_FLASH_METHOD         = 0x03,
  KS_LK_VAR8_FLASH_WE_PIN         = 0x04,
  KS_LK_VAR8_FLASH_PULSE_RESET    = 0x05,
  KS_LK_VAR8_FLASH_COMMANDS_BANK_1 = 0x06,
  KS_LK_VAR8_FLASH_SHARP_VERIFY_SR = 0x07,
  KS_LK_VAR8_DMG_READ_CS_PULSE    = 0x08,
  KS_LK_VAR8_DMG_WRITE_CS_PULSE   = 0x09,
  KS_LK_VAR8_FLASH_DOUBLE_DIE     = 0x0A,
  KS_LK_VAR8_DMG_READ_METHOD      = 0x0B,
  KS_LK_VAR8_AGB_READ_METHOD      = 0x0C,
  KS_LK_VAR8_CART_POWERED         = 0x0D,
  KS_LK_VAR8_PULLUPS_ENABLED      = 0x0E,
  KS_LK_VAR8_AUTO_POWEROFF_ENABLED = 0x0F,
  KS_LK_VAR8_AGB_IRQ_ENABLED      = 0x10,
  KS_LK_VAR8_DMG_AUDIO_ENABLED    = 0x11,
  KS_LK_N_VAR8                    = 18,
};
/* GET_VARIABLE with this key answers the firmware's run time */
#define KS_LK_VAR_KEY_RUNTIME 0xFF

/* §1.3 values */
#define KS_LK_CART_MODE_DMG        1
#define KS_LK_CART_MODE_AGB        2
#define KS_LK_DMG_ACCESS_ROM_READ  1
#define KS_LK_DMG_ACCESS_ROM_WRITE 2
#define KS_LK_DMG_ACCESS_RAM_READ  3
#define KS_LK_DMG_ACCESS_RAM_WRITE 4
#define KS_LK_FLASH_METHOD_UNBUFFERED 1
#define KS_LK_FLASH_CMDSET_AMD     1

/* §1.2: identification */
#define KS_LK_CFW_ID               'L'
#define KS_LK_FW_INFO_LENGTH       0x08
#define KS_LK_FW_VER_ACKS          12    /* L12+: config commands are acked */
#define KS_LK_FW_FLAG_POWER_CONTROL 0x01
#define KS_LK_PCB_V1_1             2
#define KS_LK_PCB_V1_3             4
#define KS_LK_PCB_V1_4             5
#define KS_LK_PCB_V1_4A            6
#define KS_LK_PCB_XMAS             90
#define KS_LK_PCB_MINI             100
#define KS_LK_PCB_DMG_ONLY         101

/* §1.5: the AGB save bus is 16 bits wide */
#define KS_LK_AGB_SAVE_MASK        0xFFFF

G_END_DECLS
