/*
 * lp_device: a backend, driven only by lp_dlist_run(). A device gets the
 * document, then each page's items in painting order. Any callback may be
 * NULL (the item is then ignored). The first non-OK status stops the replay
 * and is returned; end_document is not called after a failure, but drop
 * always is (by the owner of the device).
 */
#ifndef LP_DLIST_DEVICE_H
#define LP_DLIST_DEVICE_H

#include "dlist/dlist.h"

typedef struct lp_device lp_device;

struct lp_device {
	lp_status (*begin_document)(lp_device *dev, const lp_dlist *list);
	lp_status (*begin_page)(lp_device *dev, const lp_dl_page *page, uint32_t index);
	lp_status (*text)(lp_device *dev, const lp_dl_text *text);
	lp_status (*rule)(lp_device *dev, const lp_dl_rule *rule);
	lp_status (*path)(lp_device *dev, const lp_dl_path *path);
	lp_status (*image)(lp_device *dev, const lp_dl_image *image);
	lp_status (*link)(lp_device *dev, const lp_dl_link *link);
	lp_status (*end_page)(lp_device *dev);
	lp_status (*end_document)(lp_device *dev);
	void (*drop)(lp_device *dev);
	/* Called before an item whose tag (node, artifact) differs from the
	 * item before it on the page, before a page's first item, and
	 * before a text run with its own actual text: the
	 * items that follow, up to the next call or the page's end, are
	 * tagged so. */
	lp_status (*tag)(lp_device *dev, uint32_t node, lp_dl_artifact artifact);
	/* Set by lp_dlist_run while it hands an item over: where the item came
	 * from (a release or layout line), for a device's message about it;
	 * NULL between items. */
	const lp_dl_source *at;
};

lp_status lp_dlist_run(const lp_dlist *list, lp_device *dev);

/* Calls dev->drop; NULL-safe. */
void lp_device_drop(lp_device *dev);

#endif
