import { attachmentBaseType, isAttachmentType, type AttachmentType } from '../../contract/attachments.js';

/**
 * Whether an upload may be kept as the type it declares. The declared type must be on the
 * contract's list; an image or a PDF must start with that format's signature; text must
 * not be something a browser would run or render (HTML, SVG, XML) nor another format in
 * disguise; and no name may end like a page or a script, whatever type it claims. The
 * download answers add `nosniff` and a sandboxing CSP, so a file that slipped through
 * still could not run: this is the first of two locks.
 */

const SIGNATURES: Partial<Record<AttachmentType, (b: Uint8Array) => boolean>> = {
  'image/png': (b) => starts(b, [0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]),
  'image/jpeg': (b) => starts(b, [0xff, 0xd8, 0xff]),
  'image/gif': (b) => ascii(b, 0, 'GIF87a') || ascii(b, 0, 'GIF89a'),
  'image/webp': (b) => ascii(b, 0, 'RIFF') && ascii(b, 8, 'WEBP'),
  'application/pdf': (b) => ascii(b, 0, '%PDF-'),
};

/** Extensions that name a page, a vector image or a program: never accepted, whatever the type says. */
const RUNNABLE = new Set(
  'html htm xhtml xht shtml mht mhtml svg svgz xml xsl xslt js mjs cjs jsx ts tsx vbs vbe ps1 psm1 sh bash bat cmd com exe dll msi scr jar php phtml py pl rb cgi hta wsf swf app'.split(
    ' ',
  ),
);

/** Extensions of the allowed types: a name with one of them must say the type it declares. */
const EXTENSION_TYPES: Record<string, AttachmentType> = {
  png: 'image/png',
  jpg: 'image/jpeg',
  jpeg: 'image/jpeg',
  jpe: 'image/jpeg',
  gif: 'image/gif',
  webp: 'image/webp',
  pdf: 'application/pdf',
  txt: 'text/plain',
  text: 'text/plain',
  csv: 'text/csv',
};

/** What HTML sniffing (WHATWG MIME Sniffing §7.1) and XML/SVG look for at the start of a text. */
const MARKUP =
  /^(?:<!doctype\s+html|<html|<head|<script|<iframe|<h1|<div|<font|<table|<a|<style|<title|<b|<body|<br|<p|<!--|<\?xml|<svg|<object|<embed|<meta|<link|<img)[\s>/]/i;

const starts = (b: Uint8Array, bytes: number[]) => bytes.every((byte, i) => b[i] === byte);
const ascii = (b: Uint8Array, at: number, text: string) => [...text].every((c, i) => b[at + i] === c.charCodeAt(0));

/** The type an upload is kept as, or why it is refused (a 415). */
export function checkFileType(declared: string, name: string, bytes: Uint8Array): { type: AttachmentType } | { problem: string } {
  const type = attachmentBaseType(declared);
  const extension = /\.([^.]+)$/.exec(name)?.[1].toLowerCase() ?? '';
  if (RUNNABLE.has(extension)) return { problem: `files named .${extension} are never accepted` };
  if (!isAttachmentType(type)) return { problem: `type ${type || '(none)'} is not accepted` };
  const named = EXTENSION_TYPES[extension];
  if (named && named !== type) return { problem: `a .${extension} file must be ${named}, not ${type}` };
  const signature = SIGNATURES[type];
  if (signature) return signature(bytes) ? { type } : { problem: `the file's first bytes are not ${type}` };
  return textProblem(bytes) ?? { type };
}

/** Text that is really markup or another format: refused as text. */
function textProblem(bytes: Uint8Array): { problem: string } | undefined {
  const head = bytes.subarray(0, 1024);
  if (head.includes(0)) return { problem: 'a text file must not contain NUL bytes' };
  if (Object.values(SIGNATURES).some((matches) => matches(bytes))) return { problem: 'the file is not text' };
  const start = new TextDecoder()
    .decode(head)
    .replace(/^\uFEFF/, '')
    .trimStart();
  if (MARKUP.test(start)) return { problem: 'HTML, SVG and XML are never accepted' };
  return undefined;
}
