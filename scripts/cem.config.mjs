// @custom-elements-manifest/analyzer, as scripts/manifest.ts runs it: the manifest is written to a
// scratch folder and published from dist/, so the analyzer must not point package.json at its own output.
export default { packagejson: false };
