import { Window } from 'happy-dom';
import { visibleText } from '../../lib/page/blocks';

/** The visible text of an HTML document, block by block, as the content script reads it (no scripts run). */
export function htmlToText(html: string): string {
  const window = new Window({
    settings: {
      disableJavaScriptEvaluation: true,
      disableJavaScriptFileLoading: true,
      disableCSSFileLoading: true,
      disableIframePageLoading: true,
    },
  });
  try {
    // <link> elements carry no text, and happy-dom would try to preload what they point at.
    const doc = new window.DOMParser().parseFromString(html.replace(/<link\b[^>]*>/gi, ''), 'text/html');
    return visibleText((doc.body ?? doc.documentElement) as unknown as Node);
  } finally {
    void window.happyDOM.close();
  }
}
