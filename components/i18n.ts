import { browser } from 'wxt/browser';

/** Looks up a user-visible string by its key in `_locales/<lang>/messages.json`. */
export type Translate = (key: string, ...substitutions: string[]) => string;

export const t: Translate = (key, ...substitutions) => {
  try {
    return browser.i18n.getMessage(key as never, substitutions) || key;
  } catch {
    return key;
  }
};
