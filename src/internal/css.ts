/**
 * A constructable stylesheet from a CSS template literal, for the first file's styles, which
 * carries none of Lit: tagged `css`, so that the build minifies it as it does Lit's `css`; and
 * Lit's elements in the panel file take such a sheet in their `styles` as they take their own.
 */
export function css([text]: TemplateStringsArray): CSSStyleSheet {
  const sheet = new CSSStyleSheet();
  sheet.replaceSync(text);
  return sheet;
}
