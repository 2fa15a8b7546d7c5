import { setupServer } from 'msw/node';
import { handlers } from './handlers/index.js';

/** The reference server for Node tests: intercepts `fetch` in this process. */
export const server = setupServer(...handlers);
