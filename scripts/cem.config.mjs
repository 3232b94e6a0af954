// @custom-elements-manifest/analyzer settings for `npm run analyze`: the widget's components (their class
// files, whose JSDoc carries @fires/@csspart/@cssproperty) into custom-elements.json at the top level.

/**
 * The analyzer's Lit support reads `static properties` but not `state: true`, so internal state shows up
 * as attributes. Internal state is declared `private`: an attribute backed by a private field is dropped.
 */
function noStateAttributes() {
  return {
    name: 'fenqi-no-state-attributes',
    packageLinkPhase({ customElementsManifest }) {
      for (const module of customElementsManifest.modules) {
        for (const declaration of module.declarations ?? []) {
          if (!declaration.customElement || !declaration.attributes) continue;
          const hidden = new Set(
            (declaration.members ?? []).filter((m) => m.kind === 'field' && m.privacy === 'private').map((m) => m.name),
          );
          declaration.attributes = declaration.attributes.filter((a) => !hidden.has(a.fieldName ?? a.name));
        }
      }
    },
  };
}

export default {
  globs: ['widget/*/*.component.ts'],
  outdir: '.',
  litelement: true,
  // package.json is not rewritten; the README tables are what people read.
  packagejson: false,
  plugins: [noStateAttributes()],
};
