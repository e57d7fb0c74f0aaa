/* SPDX-License-Identifier: GPL-3.0-or-later */
/* Copyright 2026 The Keepsake authors */
/* ks-finding.h — one observation a verifier makes about a save or device
 *
 * Every format reads tolerantly and reports what it saw as findings: a
 * severity, a stable code that tests and scripts can match, and a sentence
 * a user can act on.  Error findings block writes (DESIGN.md, write protocol
 * step 2).
 */
#pragma once

#include <glib.h>

G_BEGIN_DECLS

typedef enum
{
  KS_SEVERITY_INFO,
  KS_SEVERITY_WARNING,
  KS_SEVERITY_ERROR,
} KsSeverity;

/* The overall word on a save or device, from its findings.  UNVERIFIABLE
 * means the format has nothing Keepsake can check (no magic, no checksum):
 * "no problems found" would claim a check that never happened. */
typedef enum
{
  KS_VERDICT_OK,
  KS_VERDICT_UNVERIFIABLE,
  KS_VERDICT_WARNING,
  KS_VERDICT_ERROR,
} KsVerdict;

/* The code of the finding a format adds when it has no checks for a save */
#define KS_FINDING_UNVERIFIABLE "unverifiable"

typedef struct
{
  KsSeverity  severity;
  char       *code;
  char       *message;
} KsFinding;

KsFinding  *ks_finding_new             (KsSeverity        severity,
                                        const char       *code,
                                        const char       *message);
void        ks_finding_free            (KsFinding        *finding);
const char *ks_severity_to_string      (KsSeverity        severity);

GPtrArray  *ks_findings_new            (void);
void        ks_findings_add            (GPtrArray        *findings,
                                        KsSeverity        severity,
                                        const char       *code,
                                        const char       *format,
                                        ...) G_GNUC_PRINTF (4, 5);
guint       ks_findings_count          (GPtrArray        *findings,
                                        KsSeverity        severity);
gboolean    ks_findings_has_errors     (GPtrArray        *findings);
/* Adds the info finding that says the format has no checks for this save */
void        ks_findings_add_unverifiable (GPtrArray      *findings,
                                          const char     *why);
KsVerdict   ks_findings_get_verdict    (GPtrArray        *findings);
/* "ok", "unverifiable", "warning", "error" (stable, for --json and CSS) */
const char *ks_verdict_to_string       (KsVerdict         verdict);
/* One sentence for all of @findings: "Verified: no problems found.",
 * "Keepsake has no checks for this kind of save.", "No errors; 2 warnings.",
 * "1 error found: this must not be written as it is." */
char       *ks_findings_describe_verdict (GPtrArray      *findings);
const KsFinding *ks_findings_find      (GPtrArray        *findings,
                                        const char       *code);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (KsFinding, ks_finding_free)

G_END_DECLS
