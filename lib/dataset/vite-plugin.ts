import type { Plugin } from 'vite';
import { buildBundles } from './bundles';
import { DATA_DIR, readDataFiles } from './files';
import { validateDataset } from './validate';

const INDEX_ID = 'virtual:takedown-lens/match-index';
const DETAILS_ID = 'virtual:takedown-lens/details';

/**
 * Serves the validated dataset to the bundles as two modules: the compiled pattern and
 * entity names the content script carries, and the details the background hands out when
 * a card opens.
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
      return id === INDEX_ID || id === DETAILS_ID ? `\0${id}` : undefined;
    },
    load(id) {
      if (id !== `\0${INDEX_ID}` && id !== `\0${DETAILS_ID}`) return undefined;
      const { pageMatcher, details } = load();
      for (const folder of ['agencies', 'cases']) this.addWatchFile(`${dataDir}/${folder}`);
      return `export default JSON.parse(${JSON.stringify(JSON.stringify(id.endsWith('match-index') ? pageMatcher : details))});`;
    },
  };
}
