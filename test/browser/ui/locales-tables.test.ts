import { expect } from '@open-wc/testing';
import { lazyLocales, loadLocale, tableFor } from '../../../src/i18n/languages.js';
import { completeEnglish } from '../../../src/i18n/locales/en-panel.js';
import { plural, type Plural, type Strings } from '../../../src/i18n/strings.js';

const en = completeEnglish();

/**
 * Values a language rightly shares with English, by table and key. Keep it short: anything
 * else identical to English is text nobody translated.
 */
const SAME_AS_ENGLISH: Record<string, string[]> = {
  de: [
    'title', // "Support": the word German sites use
    'name', // "Name" is German too
  ],
  nl: ['statusOpen'], // "Open" is Dutch too
};

type Value = Strings[keyof Strings];
/** Each text of a value: a plain string as `other`, a plural set form by form. */
const forms = (value: Value): Array<[string, string]> => (typeof value === 'string' ? [['other', value]] : Object.entries(value));
const placeholders = (text: string) => [...text.matchAll(/\{(\w+)\}/g)].map((m) => m[1]).sort();
/** The plural categories of a language, as the browser's Intl data has them. */
const categoriesOf = (lang: string) => [...new Intl.PluralRules(lang).resolvedOptions().pluralCategories].sort();
/** How many of the counts 0…1,000 a category covers: a form for one number only may spell it out ("two messages"). */
const numbersIn = (lang: string, category: string) => {
  const rules = new Intl.PluralRules(lang);
  let n = 0;
  for (let count = 0; count <= 1000; count++) if (rules.select(count) === category) n++;
  return n;
};

describe('locale tables', () => {
  const tables: Record<string, Strings> = { en };
  before(async () => {
    // Through the loader the widget uses, so that each listed language has a file that loads.
    for (const name of lazyLocales) tables[name] = await loadLocale(name);
  });

  const englishKeys = Object.keys(en).sort();

  it('each has every key of English, and no other', () => {
    const problems: string[] = [];
    for (const [name, table] of Object.entries(tables)) {
      const keys = Object.keys(table);
      const missing = englishKeys.filter((key) => !keys.includes(key));
      const extra = keys.filter((key) => !englishKeys.includes(key));
      if (missing.length) problems.push(`${name}.ts is missing ${missing.length}: ${missing.join(', ')}`);
      if (extra.length) problems.push(`${name}.ts has keys English does not: ${extra.join(', ')}`);
    }
    expect(problems.join('\n'), 'add the keys (with their translation) to each table listed').to.equal('');
  });

  it('gives a counted text the forms its language needs (Intl.PluralRules), and no others', () => {
    const problems: string[] = [];
    for (const [name, table] of Object.entries(tables)) {
      for (const key of englishKeys as Array<keyof Strings>) {
        const value = table[key];
        if (value === undefined) continue; // reported by the test above
        if (typeof en[key] === 'string') {
          if (typeof value !== 'string') problems.push(`${name}.${key}: a plain text in English, not a plural set`);
          continue;
        }
        if (typeof value === 'string') {
          problems.push(`${name}.${key}: needs plural forms (${categoriesOf(name).join(', ')}), has a plain string`);
          continue;
        }
        const has = Object.keys(value).sort();
        if (has.join() !== categoriesOf(name).join())
          problems.push(`${name}.${key}: has ${has.join(', ')}; ${name} needs ${categoriesOf(name).join(', ')}`);
      }
    }
    expect(problems.join('\n')).to.equal('');
  });

  it('covers the plural forms of the regions and codes that fall back to a table (pt-PT on pt-BR, iw on he)', () => {
    const problems: string[] = [];
    const tags = ['de-AT', 'de-CH', 'ar-EG', 'ar-MA', 'fr-CA', 'fr-BE', 'es-MX', 'es-419', 'pt', 'pt-PT', 'nl-BE', 'ja-JP'];
    for (const tag of [...tags, 'iw', 'he-IL']) {
      const name = tableFor(tag);
      if (!name) {
        problems.push(`${tag}: no table`);
        continue;
      }
      for (const [key, value] of Object.entries(tables[name])) {
        if (typeof value === 'string') continue;
        const lacking = categoriesOf(tag).filter((category) => !(category in value));
        if (lacking.length) problems.push(`${tag} (on ${name}.ts) ${key}: lacks ${lacking.join(', ')}`);
      }
    }
    expect(problems.join('\n')).to.equal('');
  });

  it('keeps the placeholders of English in every form ({count} may be spelled out where a form covers one number)', () => {
    const problems: string[] = [];
    for (const [name, table] of Object.entries(tables)) {
      for (const [key, value] of Object.entries(table) as Array<[keyof Strings, Value]>) {
        if (!(key in en)) continue;
        const wanted = placeholders(forms(en[key]).at(-1)![1]);
        for (const [category, text] of forms(value)) {
          const has = placeholders(text);
          const spelledOut = wanted.includes('count') && !has.includes('count') && numbersIn(name, category) === 1;
          const expected = spelledOut ? wanted.filter((p) => p !== 'count') : wanted;
          if (has.join() !== expected.join())
            problems.push(
              `${name}.${key}${typeof value === 'string' ? '' : `.${category}`}: {${has.join('}, {')}}, English has {${wanted.join('}, {')}}`,
            );
        }
      }
    }
    expect(problems.join('\n')).to.equal('');
  });

  it('leaves no text in English, but for the few words a language shares with it', () => {
    const problems: string[] = [];
    for (const [name, table] of Object.entries(tables)) {
      if (name === 'en') continue;
      const allowed = SAME_AS_ENGLISH[name] ?? [];
      for (const [key, value] of Object.entries(table) as Array<[keyof Strings, Value]>) {
        if (!(key in en)) continue;
        const english = forms(en[key]).map(([, text]) => text.trim().toLowerCase());
        const same = forms(value).some(([, text]) => english.includes(text.trim().toLowerCase()));
        if (same && !allowed.includes(key)) problems.push(`${name}.${key}: ${JSON.stringify(value)} is the English text`);
        // An allowance that is no longer needed goes, so that the list stays true.
        if (!same && allowed.includes(key)) problems.push(`${name}.${key}: translated now, drop it from SAME_AS_ENGLISH`);
      }
    }
    expect(problems.join('\n')).to.equal('');
  });
});

describe('plural()', () => {
  const unread = en.openChatUnread;

  it('keeps the English names: "Open chat (1 unread)", "(2 unread)", "99+" past 99', () => {
    expect(plural(unread, 1, 'en', 99)).to.equal('Open chat (1 unread)');
    expect(plural(unread, 2, 'en', 99)).to.equal('Open chat (2 unread)');
    expect(plural(unread, 99, 'en', 99)).to.equal('Open chat (99 unread)');
    expect(plural(unread, 100, 'en', 99)).to.equal('Open chat (99+ unread)');
    expect(plural(en.charactersLeft, 1, 'en')).to.equal('1 character left');
    expect(plural(en.charactersLeft, 0, 'en')).to.equal('0 characters left');
    expect(plural(en.charactersLeft, 1500, 'en')).to.equal('1,500 characters left');
  });

  it('picks each of the six Arabic forms', () => {
    const forms: Plural = { zero: 'z', one: 'o', two: 't', few: 'f{count}', many: 'm{count}', other: 'x{count}' };
    const picked = [0, 1, 2, 3, 10, 11, 99, 100, 102].map((count) => plural(forms, count, 'ar'));
    const number = (n: number) => new Intl.NumberFormat('ar').format(n);
    expect(picked).to.deep.equal([
      'z',
      'o',
      't',
      `f${number(3)}`,
      `f${number(10)}`,
      `m${number(11)}`,
      `m${number(99)}`,
      `x${number(100)}`,
      `x${number(102)}`,
    ]);
  });

  it('writes the number as the language does, and chooses by its rules (French 0 is singular, a million takes "de")', async () => {
    const fr = await loadLocale('fr');
    expect(plural(fr.charactersLeft, 0, 'fr')).to.equal('Il reste 0 caractère');
    expect(plural(fr.charactersLeft, 2, 'fr')).to.equal('Il reste 2 caractères');
    expect(plural(fr.charactersLeft, 1_000_000, 'fr')).to.equal(
      `Il reste ${new Intl.NumberFormat('fr').format(1_000_000)} de caractères`,
    );
    const de = await loadLocale('de');
    expect(plural(de.charactersLeft, 1234, 'de')).to.equal('Noch 1.234 Zeichen');
    const ja = await loadLocale('ja');
    expect(plural(ja.unread, 1, 'ja')).to.equal('未読1件');
  });

  it('falls back to `other` for a form a site left out, and takes a plain string as it is', () => {
    expect(plural({ other: '{count} new' }, 1, 'en')).to.equal('1 new');
    // A site's override from before plural forms (el.strings = {openChatUnread: '…'}).
    expect(plural('Chat ({count})', 3, 'en')).to.equal('Chat (3)');
    expect(plural('{count}', 250, 'en', 99)).to.equal('99+');
  });
});

describe('tableFor()', () => {
  it('finds the table for a tag: its own, else its language, else none (English)', () => {
    const found = Object.fromEntries(
      [
        'de',
        'de-AT',
        'fr-CA',
        'fr_CA',
        'es-419',
        'pt',
        'pt-PT',
        'PT-br',
        'nl-BE',
        'ja-JP',
        'he',
        'he-IL',
        'iw',
        'iw-IL',
        'ar-EG',
        'en',
        'en-US',
        'xx-YY',
        '',
      ].map((tag) => [tag, tableFor(tag) ?? null]),
    );
    expect(found).to.deep.equal({
      de: 'de',
      'de-AT': 'de',
      'fr-CA': 'fr',
      fr_CA: 'fr',
      'es-419': 'es',
      pt: 'pt-BR',
      'pt-PT': 'pt-BR',
      'PT-br': 'pt-BR',
      'nl-BE': 'nl',
      'ja-JP': 'ja',
      he: 'he',
      'he-IL': 'he',
      iw: 'he',
      'iw-IL': 'he',
      'ar-EG': 'ar',
      en: null,
      'en-US': null,
      'xx-YY': null,
      '': null,
    });
  });
});
