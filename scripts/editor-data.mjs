// Editor support made from custom-elements.json (run by the build after the analyzer), as
// Shoelace ships it: dist/vscode.html-custom-data.json (VS Code's `html.customData`) and
// dist/web-types.json (JetBrains IDEs read it through package.json's "web-types").
// Only the elements a page writes itself: those whose class src/index.ts exports. The inner
// ones (<support-chat-composer>, …) live in the widget's shadow root.
import { readFileSync, writeFileSync } from 'node:fs';

const root = new URL('..', import.meta.url);
const read = (path) => readFileSync(new URL(path, root), 'utf8');
const manifest = JSON.parse(read('custom-elements.json'));
const pkg = JSON.parse(read('package.json'));
const exported = new Set(
  [...read('src/index.ts').matchAll(/export\s*\{([^}]*)\}/g)].flatMap((m) => m[1].split(',').map((name) => name.trim())),
);
const elements = manifest.modules.flatMap((module) => module.declarations ?? []).filter((d) => d.tagName && exported.has(d.name));
if (!elements.length) throw new Error('editor-data: no exported element in custom-elements.json');

/** `'a' | 'b'` as the values an editor offers; undefined for open types such as string. */
const valuesOf = (type) => {
  const parts = (type ?? '').split('|').map((t) => t.trim());
  return parts.every((t) => /^'[^']*'$/.test(t)) ? parts.map((t) => t.slice(1, -1)) : undefined;
};
const docs = `${pkg.homepage ?? 'https://www.npmjs.com/package/support-chat'}`;
const describe = (d) => [d.summary, d.description].filter(Boolean).join('\n\n');

const vscode = {
  $schema: 'https://raw.githubusercontent.com/microsoft/vscode-html-languageservice/main/docs/customData.schema.json',
  version: 1.1,
  tags: elements.map((d) => ({
    name: d.tagName,
    description: describe(d),
    attributes: (d.attributes ?? []).map((a) => {
      const values = valuesOf(a.type?.text);
      return {
        name: a.name,
        description: a.description,
        ...(a.type?.text === 'boolean' ? { valueSet: 'v' } : {}),
        ...(values ? { values: values.map((name) => ({ name })) } : {}),
      };
    }),
    references: [{ name: 'Documentation', url: docs }],
  })),
};

const webTypes = {
  $schema: 'https://json.schemastore.org/web-types',
  name: pkg.name,
  version: pkg.version,
  'description-markup': 'markdown',
  'js-types-syntax': 'typescript',
  contributions: {
    html: {
      elements: elements.map((d) => ({
        name: d.tagName,
        description: describe(d),
        'doc-url': docs,
        attributes: (d.attributes ?? []).map((a) => ({
          name: a.name,
          description: a.description,
          ...(a.default ? { default: a.default } : {}),
          value: a.type?.text === 'boolean' ? { type: 'boolean', required: false } : { type: a.type?.text ?? 'string' },
        })),
        js: {
          properties: (d.members ?? [])
            .filter((m) => m.kind === 'field' && !m.static && !m.privacy)
            .map((m) => ({ name: m.name, description: m.description, type: m.type?.text })),
          events: (d.events ?? []).map((e) => ({ name: e.name, description: e.description })),
        },
        css: {
          parts: (d.cssParts ?? []).map((p) => ({ name: p.name, description: p.description })),
          properties: (d.cssProperties ?? []).map((p) => ({ name: p.name, description: p.description })),
        },
      })),
    },
  },
};

writeFileSync(new URL('dist/vscode.html-custom-data.json', root), `${JSON.stringify(vscode, null, 2)}\n`);
writeFileSync(new URL('dist/web-types.json', root), `${JSON.stringify(webTypes, null, 2)}\n`);
console.log(
  `editor data for <${elements.map((d) => d.tagName).join('>, <')}>: dist/vscode.html-custom-data.json, dist/web-types.json`,
);
