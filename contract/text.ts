// How the contract counts and checks text, as functions both sides call, so that "10000 characters" or "an email address" means one thing everywhere.

import { MAX_EMAIL_LENGTH, MAX_MESSAGE_LENGTH } from './limits.js';

/** Length in code points: what a person counts, and what Python's `len` gives the production backend. */
export function codePoints(text: string): number {
  let n = 0;
  for (const _ of text) n++;
  return n;
}

/** A message's length as the contract counts it: code points after trimming. */
export const messageLength = (message: string): number => codePoints(message.trim());

/** Whether a message fits the contract's limit (emptiness is the caller's own check). */
export const fitsMessageLimit = (message: string): boolean => messageLength(message) <= MAX_MESSAGE_LENGTH;

const EMAIL = /^[^\s@]+@[^\s@]+\.[^\s@]+$/;

/** Good enough to catch typos, and the same on both sides: at most 254 code points, `x@y.z`. */
export const isEmail = (value: string): boolean => codePoints(value) <= MAX_EMAIL_LENGTH && EMAIL.test(value);

/** An address as the server matches it: trimmed and lower-cased. */
export const normaliseEmailAddress = (email: string): string => email.trim().toLowerCase();
