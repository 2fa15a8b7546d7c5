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
            const hidden = new Set((declaration.members ?? []).filter((m) => m.privacy === 'private').map((m) => m.name));
            if (declaration.members) declaration.members = declaration.members.filter((m) => !hidden.has(m.name));
            // A private field in `static properties` (`state: true`) is no attribute, whatever the analyzer reads.
            const attributes = declaration.attributes?.filter((a) => !hidden.has(a.fieldName));
            if (attributes?.length) declaration.attributes = attributes;
            else delete declaration.attributes;
          }
        }
        // The analyzer lists modules in file-system glob order, which varies between runs and
        // machines; sorting makes the manifest reproducible.
        customElementsManifest.modules.sort((a, b) => a.path.localeCompare(b.path));
      },
    },
  ],
};
