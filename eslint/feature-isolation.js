// The one boundary import-x's zones cannot say: a feature never imports another feature. A zone needs
// its folders named; this rule reads the feature from the path instead, so a folder added under
// src/features/ tomorrow is covered without touching the config. Imports are resolved by the same
// resolver as import-x (tsconfig paths, so `@/features/x/…` and `../x/…` alike).
import path from 'node:path';
import { moduleVisitor, resolve } from 'eslint-plugin-import-x/utils';

/** @param {string} featuresDir absolute path of src/features */
export function featureIsolation(featuresDir) {
  /** The feature folder a path lies in, or undefined outside src/features/<name>/. */
  const featureOf = (file) => {
    const relative = path.relative(featuresDir, file);
    if (relative.startsWith('..') || path.isAbsolute(relative)) return undefined;
    const [name, ...rest] = relative.split(path.sep);
    return rest.length ? name : undefined;
  };
  return {
    meta: {
      type: 'problem',
      docs: { description: 'A feature never imports another feature (feature folders read from the path).' },
      schema: [],
      messages: {
        crossFeature:
          'A feature never imports another feature: "{{importPath}}" belongs to features/{{other}}, this file to features/{{own}}. Move what both need to components/, lib/ or db/, or compose them in app/.',
      },
    },
    create(context) {
      const own = featureOf(context.physicalFilename);
      if (!own) return {};
      return moduleVisitor(
        (source) => {
          const resolved = resolve(source.value, context);
          const other = resolved ? featureOf(resolved) : undefined;
          if (other && other !== own) {
            context.report({ node: source, messageId: 'crossFeature', data: { importPath: source.value, other, own } });
          }
        },
        { commonjs: true },
      );
    },
  };
}
