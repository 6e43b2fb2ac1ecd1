import type { Plugin } from 'vite';
import { buildBundles } from './bundles';
import { DATA_DIR, readDataFiles } from './files';
import { validateDataset } from './validate';

const INDEX_ID = 'virtual:takedown-lens/match-index';
const DETAILS_ID = 'virtual:takedown-lens/details';
const NAMES_ID = 'virtual:takedown-lens/names';
const IDS = [INDEX_ID, DETAILS_ID, NAMES_ID];

/**
 * Serves the validated dataset to the bundles as three modules: the compiled pattern and
 * entity ids the content script carries, the details the background hands out when a card
 * opens, and the display names the popup lists findings by.
 * A malformed entry stops the build with the file and field named.
 */
export function datasetPlugin(dataDir: string = DATA_DIR): Plugin {
  const load = () => {
    const { files, unreadable } = readDataFiles(dataDir);
    const { agencies, cases, problems } = validateDataset(files);
    const all = [...unreadable, ...problems];
    if (all.length > 0) {
      throw new Error(
        `The dataset has ${all.length} problem(s):\n${all.map((p) => `  ${p.path}: ${p.message}`).join('\n')}`,
      );
    }
    return buildBundles(agencies, cases);
  };
  return {
    name: 'takedown-lens-dataset',
    resolveId(id) {
      return IDS.includes(id) ? `\0${id}` : undefined;
    },
    load(id) {
      const name = id.startsWith('\0') ? id.slice(1) : undefined;
      if (name === undefined || !IDS.includes(name)) return undefined;
      const bundles = load();
      for (const folder of ['agencies', 'cases']) this.addWatchFile(`${dataDir}/${folder}`);
      const data = name === INDEX_ID ? bundles.pageMatcher : name === DETAILS_ID ? bundles.details : bundles.names;
      return `export default JSON.parse(${JSON.stringify(JSON.stringify(data))});`;
    },
  };
}
