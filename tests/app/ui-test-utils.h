/* ui-test-utils.h — helpers the UI tests share */
#pragma once

#include "ks-window.h"

G_BEGIN_DECLS

/* Lets layout, list models and idle handlers settle. */
void     ks_test_ui_iterate        (void);
/* TRUE while any device in @tree is still being read */
gboolean ks_test_ui_devices_busy   (KsDeviceTree *tree);

G_END_DECLS
