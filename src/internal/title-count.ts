/**
 * The count of unseen replies in front of the page's title ("(2) Northwind Coffee"), written so
 * that the site keeps its own: a title the site sets meanwhile is kept (and counted on), never
 * put back to an older one.
 */
export class TitleCount {
  /** The title as the site has it, without our count. */
  #base = '';
  /** What we last wrote, or `undefined` while the title is the site's alone. */
  #written: string | undefined;
  #count = 0;
  #observer: MutationObserver | undefined;

  /** Shows `count` (0: the site's own title again). */
  show(count: number) {
    this.#count = count;
    this.#write();
    // While a count shows, a title the site sets gets the count too (an app that names its pages).
    if (count && !this.#observer) {
      this.#observer = new MutationObserver(() => this.#write());
      this.#observer.observe(document.head ?? document.documentElement, { childList: true, subtree: true, characterData: true });
    } else if (!count) {
      this.#observer?.disconnect();
      this.#observer = undefined;
    }
  }

  #write() {
    const current = document.title;
    // Not what we wrote: the site's (or the first look). It is the base from now on.
    if (current !== this.#written) this.#base = current;
    if (!this.#count) {
      if (this.#written !== undefined && current === this.#written) document.title = this.#base;
      this.#written = undefined;
      return;
    }
    // As the browser gives it back (whitespace collapsed, trimmed): compared with what it holds,
    // or an empty title ("(1) " reads "(1)") would be written again on every mutation, forever.
    const next = `(${this.#count}) ${this.#base}`.replace(/[\t\n\f\r ]+/g, ' ').trim();
    if (next !== current) document.title = next;
    this.#written = document.title;
  }
}
