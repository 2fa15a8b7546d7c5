/** Values of a canned response's variables; an unknown one is empty. */
export type TemplateValues = Record<string, string | null | undefined>;

const VARIABLE = /\{\{\s*([a-z]+\.[a-z_]+)\s*\}\}/gi;

/**
 * Fills `{{visitor.name}}`-style variables in one pass over the template: a value is
 * inserted as text and never read again, so a visitor named "{{agent.name}}" stays exactly
 * that (no template injection). Variables this server does not know are left as written.
 */
export function fillTemplate(template: string, values: TemplateValues): string {
  return template.replace(VARIABLE, (whole, name: string) => {
    const key = name.toLowerCase();
    return key in values ? (values[key] ?? '') : whole;
  });
}
