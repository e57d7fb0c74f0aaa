/* SPDX-License-Identifier: GPL-3.0-or-later */
/* Copyright 2026 The Keepsake authors */
/* test-finding.c — findings count, find and name their severities */

#include "config.h"

#include "ks-test-utils.h"

static void
test_findings_count_by_severity (void)
{
  g_autoptr(GPtrArray) findings = ks_findings_new ();

  g_assert_false (ks_findings_has_errors (findings));
  ks_findings_add (findings, KS_SEVERITY_WARNING, "w-one", "Sector %d is odd.", 3);
  ks_findings_add (findings, KS_SEVERITY_INFO, "i-one", "Footer of %d bytes.", 16);
  g_assert_false (ks_findings_has_errors (findings));
  ks_findings_add (findings, KS_SEVERITY_ERROR, "e-one", "Checksum mismatch in sector %d.", 7);

  g_assert_true (ks_findings_has_errors (findings));
  g_assert_cmpuint (ks_findings_count (findings, KS_SEVERITY_WARNING), ==, 1);
  g_assert_cmpuint (ks_findings_count (findings, KS_SEVERITY_ERROR), ==, 1);
  g_assert_cmpstr (ks_findings_find (findings, "e-one")->message, ==,
                   "Checksum mismatch in sector 7.");
  g_assert_null (ks_findings_find (findings, "missing"));
}

static void
test_severity_names_are_stable (void)
{
  g_assert_cmpstr (ks_severity_to_string (KS_SEVERITY_ERROR), ==, "error");
  g_assert_cmpstr (ks_severity_to_string (KS_SEVERITY_WARNING), ==, "warning");
  g_assert_cmpstr (ks_severity_to_string (KS_SEVERITY_INFO), ==, "info");
}

static void
test_verdicts_in_words (void)
{
  g_autoptr(GPtrArray) findings = ks_findings_new ();
  g_autofree char *ok = NULL;
  g_autofree char *unchecked = NULL;
  g_autofree char *warned = NULL;
  g_autofree char *failed = NULL;

  ks_findings_add (findings, KS_SEVERITY_INFO, "i-one", "Footer of %d bytes.", 16);
  g_assert_cmpint (ks_findings_get_verdict (findings), ==, KS_VERDICT_OK);
  ok = ks_findings_describe_verdict (findings);
  g_assert_cmpstr (ok, ==, "Verified: no problems found.");

  ks_findings_add_unverifiable (findings, "Nothing in this save can be checked.");
  g_assert_cmpint (ks_findings_find (findings, KS_FINDING_UNVERIFIABLE)->severity, ==,
                   KS_SEVERITY_INFO);
  g_assert_cmpint (ks_findings_get_verdict (findings), ==, KS_VERDICT_UNVERIFIABLE);
  unchecked = ks_findings_describe_verdict (findings);
  g_assert_cmpstr (unchecked, ==, "Keepsake has no checks for this kind of save.");
  g_assert_false (ks_findings_has_errors (findings));

  ks_findings_add (findings, KS_SEVERITY_WARNING, "w-one", "Clock out of range.");
  g_assert_cmpint (ks_findings_get_verdict (findings), ==, KS_VERDICT_WARNING);
  warned = ks_findings_describe_verdict (findings);
  g_assert_cmpstr (warned, ==, "No errors; 1 warning.");

  ks_findings_add (findings, KS_SEVERITY_ERROR, "e-one", "Wrong size.");
  g_assert_cmpint (ks_findings_get_verdict (findings), ==, KS_VERDICT_ERROR);
  failed = ks_findings_describe_verdict (findings);
  g_assert_cmpstr (failed, ==, "1 error found: this must not be written as it is.");

  g_assert_cmpstr (ks_verdict_to_string (KS_VERDICT_OK), ==, "ok");
  g_assert_cmpstr (ks_verdict_to_string (KS_VERDICT_UNVERIFIABLE), ==, "unverifiable");
  g_assert_cmpstr (ks_verdict_to_string (KS_VERDICT_WARNING), ==, "warning");
  g_assert_cmpstr (ks_verdict_to_string (KS_VERDICT_ERROR), ==, "error");
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/finding/count-by-severity", test_findings_count_by_severity);
  g_test_add_func ("/finding/severity-names-are-stable", test_severity_names_are_stable);
  g_test_add_func ("/finding/verdicts-in-words", test_verdicts_in_words);

  return g_test_run ();
}
