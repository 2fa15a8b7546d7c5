import { LitElement } from 'lit';

/**
 * The inbox's elements render into the light DOM: one stylesheet (inbox.css) styles the page,
 * and the page reads as one document to assistive technology and to tests. Lit's templates
 * still escape every value: customer text is never HTML.
 */
export class InboxElement extends LitElement {
  protected override createRenderRoot() {
    return this;
  }
}

/** Says what failed, in a sentence for the agent. */
export const failure = (what: string, error: unknown) => `${what}: ${error instanceof Error ? error.message : String(error)}`;
