/* keepsake.h — the public face of libkeepsake: include this, nothing deeper */
#pragma once

#include "ks-finding.h"
#include "formats/ks-bytes.h"
#include "formats/ks-container.h"
#include "formats/ks-format.h"
#include "devices/ks-image-file.h"
#include "devices/ks-device.h"
#include "devices/ks-save-item.h"
