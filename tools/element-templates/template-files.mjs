// The element templates under a folder (recursively), shared by the finalize and validate steps.
import { readdirSync, statSync } from 'node:fs';
import { join } from 'node:path';

export function templateFiles(dir) {
  return readdirSync(dir).flatMap((name) => {
    const path = join(dir, name);
    if (statSync(path).isDirectory()) return name === 'node_modules' ? [] : templateFiles(path);
    return name.endsWith('.json') && name !== 'package.json' && name !== 'package-lock.json' ? [path] : [];
  });
}
