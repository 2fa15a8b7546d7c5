/**
 * A constructable stylesheet from a CSS template literal, for every style of the widget:
 * parsed when its file is evaluated (the panel file's at idle, with the prefetch) rather than
 * when its first element connects, as Lit's `css` results are, which the first open paid for.
 * Tagged `css`, so that the build minifies it as it does Lit's `css`; Lit's elements take such
 * a sheet in their `styles` as they take their own.
 */
export function css([text]: TemplateStringsArray): CSSStyleSheet {
  const sheet = new CSSStyleSheet();
  sheet.replaceSync(text);
  return sheet;
}
