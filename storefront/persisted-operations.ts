import { existsSync, readFileSync } from 'node:fs';
import type { Plugin } from 'vite';

const VIRTUAL_ID = 'virtual:persisted-operations';
const RESOLVED_ID = `\0${VIRTUAL_ID}`;

/**
 * Exposes `{ operation name -> id }` from the storefront's persisted-query manifest
 * (Apollo's format, written by `pnpm generate`), so the app sends an operation's id
 * instead of its text. Only the ids are bundled, never the bodies. Without a manifest
 * the map is empty and every operation is sent as text.
 */
export function persistedOperations(manifestPath: string): Plugin {
  return {
    name: 'storegraph-persisted-operations',
    resolveId: (id) => (id === VIRTUAL_ID ? RESOLVED_ID : undefined),
    load(id) {
      if (id !== RESOLVED_ID) return undefined;
      this.addWatchFile(manifestPath);
      const ids: Record<string, string> = {};
      if (existsSync(manifestPath)) {
        const manifest = JSON.parse(readFileSync(manifestPath, 'utf8')) as {
          operations: Array<{ id: string; name: string }>;
        };
        for (const op of manifest.operations) ids[op.name] = op.id;
      }
      return `export default ${JSON.stringify(ids)};`;
    },
  };
}
