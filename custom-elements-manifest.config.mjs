// custom-elements.json describes the public elements only (src/components/**): their
// attributes, properties, methods, events, CSS parts and custom properties. The client,
// controllers and transport are internal, and so are the elements' private members, so an
// internal rename leaves the manifest alone. `npm test` checks the committed file is the one
// the code produces (scripts/check-bundle.mjs).
export default {
  globs: ['src/components/**/*.ts'],
  exclude: ['src/**/*.styles.ts'],
  litelement: true,
  plugins: [
    {
      name: 'support-chat:public-only-stable-order',
      packageLinkPhase({ customElementsManifest }) {
        for (const module of customElementsManifest.modules) {
          for (const declaration of module.declarations ?? []) {
            if (declaration.members) declaration.members = declaration.members.filter((m) => m.privacy !== 'private');
          }
        }
        // The analyzer lists modules in file-system glob order, which varies between runs and
        // machines; sorting makes the manifest reproducible.
        customElementsManifest.modules.sort((a, b) => a.path.localeCompare(b.path));
      },
    },
  ],
};
