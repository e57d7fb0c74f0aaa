/* SPDX-License-Identifier: GPL-3.0-or-later */
/* Copyright 2026 The Keepsake authors */
/* fuzz-malloc.h — included once by every fuzz target: libFuzzer calls
 * LLVMFuzzerInitialize() before the first input.
 *
 * The formats copy whole images (512 KiB cards, 128 KiB saves) several
 * times per input.  glibc serves blocks that large with mmap() and gives
 * them back on free(), or trims the heap after them, so every input paid
 * for fresh pages (page faults, zeroing) more than for the copies.  Kept
 * in the process, the same pages serve the next input.  Under
 * AddressSanitizer, whose allocator ignores mallopt(), nothing changes.
 */
#pragma once

#include <malloc.h>

int LLVMFuzzerInitialize (int    *argc,
                          char ***argv);

int
LLVMFuzzerInitialize (int    *argc,
                      char ***argv)
{
  mallopt (M_MMAP_THRESHOLD, 64 * 1024 * 1024);
  mallopt (M_TRIM_THRESHOLD, 256 * 1024 * 1024);
  return 0;
}
