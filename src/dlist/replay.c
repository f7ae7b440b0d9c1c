/* Replaying a display list into a device (device.h), in page order and
 * each page's reading order, with the structure tags between items; and
 * the names of the structure roles. */
#include "dlist/device.h"

#include <stddef.h>

lp_status
lp_dlist_run(const lp_dlist *list, lp_device *dev)
{
	lp_status s = LP_OK;
#define LP_CALL(fn, ...)                                                                           \
	do {                                                                                       \
		if (dev->fn && (s = dev->fn(dev, __VA_ARGS__)) != LP_OK)                           \
			return s;                                                                  \
	} while (0)
	LP_CALL(begin_document, list);
	for (uint32_t p = 0; p < list->n_pages; p++) {
		const lp_dl_page *page = &list->pages[p];
		LP_CALL(begin_page, page, p);
		for (uint32_t i = 0; i < page->n_items; i++) {
			const lp_dl_item *it = &page->items[i];
			const lp_dl_item *prev = i ? &page->items[i - 1] : NULL;
			/* A run with its own ActualText starts a sequence too:
			 * poppler reads one ActualText span per sequence. */
			bool own_text = it->kind == LP_DL_TEXT && it->u.text.actual_text &&
			                *it->u.text.actual_text;
			if (!prev || prev->artifact != it->artifact ||
			        (!it->artifact && (prev->node != it->node || own_text)))
				LP_CALL(tag, it->node, it->artifact);
			dev->at = &it->src;
			switch (it->kind) {
			case LP_DL_TEXT:
				LP_CALL(text, &it->u.text);
				break;
			case LP_DL_RULE:
				LP_CALL(rule, &it->u.rule);
				break;
			case LP_DL_PATH:
				LP_CALL(path, &it->u.path);
				break;
			case LP_DL_IMAGE:
				LP_CALL(image, &it->u.image);
				break;
			case LP_DL_LINK:
				LP_CALL(link, &it->u.link);
				break;
			}
			dev->at = NULL;
		}
		if (dev->end_page && (s = dev->end_page(dev)) != LP_OK)
			return s;
	}
	if (dev->end_document && (s = dev->end_document(dev)) != LP_OK)
		return s;
#undef LP_CALL
	return LP_OK;
}

void
lp_device_drop(lp_device *dev)
{
	if (dev && dev->drop)
		dev->drop(dev);
}

const char *
lp_dl_role_name(lp_dl_role role)
{
	static const char *const names[] = {
	        [LP_ROLE_DOCUMENT] = "Document",
	        [LP_ROLE_H1] = "H1",
	        [LP_ROLE_H2] = "H2",
	        [LP_ROLE_H3] = "H3",
	        [LP_ROLE_H4] = "H4",
	        [LP_ROLE_P] = "P",
	        [LP_ROLE_L] = "L",
	        [LP_ROLE_LI] = "LI",
	        [LP_ROLE_LBL] = "Lbl",
	        [LP_ROLE_LBODY] = "LBody",
	        [LP_ROLE_BLOCKQUOTE] = "BlockQuote",
	        [LP_ROLE_CODE] = "Code",
	        [LP_ROLE_FIGURE] = "Figure",
	        [LP_ROLE_LINK] = "Link",
	        [LP_ROLE_TABLE] = "Table",
	        [LP_ROLE_TR] = "TR",
	        [LP_ROLE_TH] = "TH",
	        [LP_ROLE_TD] = "TD",
	};
	return (size_t)role < sizeof names / sizeof *names ? names[role] : NULL;
}
