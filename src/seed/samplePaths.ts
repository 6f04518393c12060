import path from 'node:path';
import { projectRoot } from '../core/projectRoot';

/** The OpenAlex sample shipped in the repository (data/sample, provenance in data/sample/SOURCES.md). */
export function samplePaths(): string[] {
  return [path.join(projectRoot(), 'data', 'sample')];
}
