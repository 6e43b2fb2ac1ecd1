import type { MatchEntity } from './matcher';

/**
 * The page bundle's entity list as one short string, because every page carries it:
 * `a:europol+ c:sparks-group+ a:fbi`, the type's initial, the id (kebab-case, so never a
 * space or a colon), and `+` for an entity whose naming signals an enforcement story.
 */
export function packEntities(entities: readonly MatchEntity[]): string {
  return entities.map((e) => `${e.type[0]}:${e.id}${e.signal ? '+' : ''}`).join(' ');
}

export function unpackEntities(packed: string): MatchEntity[] {
  if (!packed) return [];
  return packed.split(' ').map((item) => {
    const signal = item.endsWith('+');
    const id = item.slice(2, signal ? -1 : undefined);
    const type = item[0] === 'c' ? 'case' : 'agency';
    return signal ? { id, type, signal: true } : { id, type };
  });
}
