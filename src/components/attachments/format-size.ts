// One formatter per language and unit, as for dates (src/internal/formatters.ts): building one costs more than using it.
const formatters = new Map<string, Intl.NumberFormat>();

const UNITS = [
  ['megabyte', 1024 * 1024],
  ['kilobyte', 1024],
] as const;

/** A file size in the visitor's language ("2.4 MB", "2,4 MB", "٢٫٤ م.ب."), in units of 1024 as file managers show them. */
export function formatSize(bytes: number, lang: string): string {
  const [unit, size] = UNITS.find(([, size]) => bytes >= size) ?? (['byte', 1] as const);
  const key = `${lang} ${unit}`;
  let formatter = formatters.get(key);
  if (!formatter) {
    formatter = new Intl.NumberFormat(lang, { style: 'unit', unit, unitDisplay: 'short', maximumFractionDigits: 1 });
    formatters.set(key, formatter);
  }
  return formatter.format(bytes / size);
}
