export interface Label {
  start: number;
  end: number;
  text: string;
  entity: string;
}

/** Turns `[[surface text|entity-id]]` markup into the plain text and the labelled spans in it. */
export function parseLabelled(source: string): { text: string; labels: Label[] } {
  const labels: Label[] = [];
  let text = '';
  let last = 0;
  for (const m of source.matchAll(/\[\[([^|\]]+)\|([a-z0-9-]+)\]\]/g)) {
    text += source.slice(last, m.index);
    const surface = m[1] as string;
    labels.push({ start: text.length, end: text.length + surface.length, text: surface, entity: m[2] as string });
    text += surface;
    last = (m.index ?? 0) + m[0].length;
  }
  text += source.slice(last);
  return { text, labels };
}
