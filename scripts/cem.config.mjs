// @custom-elements-manifest/analyzer settings for `npm run analyze`: the widget's components (their class
// files, whose JSDoc carries @fires/@csspart/@cssproperty) into custom-elements.json at the top level.
export default {
  globs: ['widget/*/*.component.ts'],
  outdir: '.',
  litelement: true,
  // package.json is not rewritten; the README tables are what people read.
  packagejson: false,
};
