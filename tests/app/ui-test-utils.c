/* ui-test-utils.c — helpers the UI tests share */

#include "config.h"

#include "ui-test-utils.h"

void
ks_test_ui_iterate (void)
{
  for (guint i = 0; i < 50 && g_main_context_pending (NULL); i++)
    g_main_context_iteration (NULL, FALSE);
}

gboolean
ks_test_ui_devices_busy (KsDeviceTree *tree)
{
  GListModel *devices = ks_device_tree_get_devices (tree);

  for (guint i = 0; i < g_list_model_get_n_items (devices); i++)
    {
      g_autoptr(KsDevice) device = g_list_model_get_item (devices, i);

      if (ks_device_get_busy (device))
        return TRUE;
    }

  return FALSE;
}
