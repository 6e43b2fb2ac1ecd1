import { buildDetails, buildMatchIndex } from '../../lib/dataset/compile';
import { readDataFiles } from '../../lib/dataset/files';
import { validateDataset } from '../../lib/dataset/validate';
import { compileMatcher } from '../../lib/match/matcher';
import { RELEVANCE_SIGNALS } from '../../lib/match/relevance-signals';

/** The real bundled dataset, validated, as the extension compiles it. */
export function loadDataset() {
  const { files, unreadable } = readDataFiles();
  const validated = validateDataset(files);
  const entries = [...validated.agencies, ...validated.cases];
  const index = buildMatchIndex(entries);
  return {
    ...validated,
    unreadable,
    files,
    index,
    details: buildDetails(validated.agencies, validated.cases),
    matcher: compileMatcher(index, RELEVANCE_SIGNALS),
  };
}
