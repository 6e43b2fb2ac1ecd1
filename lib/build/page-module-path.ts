/** Where the build puts the page module (see page-module.ts), and where the content script loads it from. */
export const PAGE_MODULE_DIR = 'content-scripts/page';
export const PAGE_MODULE_PATH = `/${PAGE_MODULE_DIR}/page.js`;
export const CARD_VIEW_PATH = `/${PAGE_MODULE_DIR}/card-view.js`;
