import { LitElement, html, nothing } from 'lit';
import { RATING } from '../../../contract/limits.js';
import type { RatingOffer } from '../../client/rating-slot.js';
import '../../client/ratings.js';
import { ChatStateController } from '../../controllers/chat-state-controller.js';
import { define } from '../../internal/define.js';
import { sharedStyles } from '../../internal/shared.styles.js';
import { styles } from './support-chat-rating.styles.js';

const SCORES = Array.from({ length: RATING.maxScore - RATING.minScore + 1 }, (_, i) => RATING.minScore + i);

/**
 * The end of a resolved conversation: a short, optional rating (a score of 1 to 5 and a
 * comment), then a thank-you. Shown only when the backend advertises `rating`, once per
 * resolution. The comment and "Send rating" appear once a score is chosen. The scores are native radio buttons in a group (arrow keys move between them),
 * each drawn as a box.
 * @csspart rating - The rating form, or its thank-you.
 * @csspart rating-choices - The group of the five scores.
 * @csspart rating-choice - One score (its box).
 * @csspart rating-comment - The optional comment.
 * @csspart rating-submit - "Send rating".
 * @csspart rating-thanks - The thank-you once rated.
 *
 * @tag support-chat-rating
 */
export class SupportChatRating extends LitElement {
  static override styles = [sharedStyles, styles];
  /** Internal reactive state (`state: true`: no attribute; a change re-renders). */
  static override properties = {
    offer: { state: true },
    score: { state: true },
    comment: { state: true },
    sending: { state: true },
    error: { state: true },
  };

  private offer: RatingOffer = 'none';
  private score = 0;
  private comment = '';
  private sending = false;
  private error = '';

  readonly #chat = new ChatStateController(this);
  /** What the offer was last asked for: the ticket, its status and its newest message. */
  #asked = '';
  /** Counts the questions, so that only the answer to the latest one is shown. */
  #asks = 0;
  /** The visitor just rated here: the thank-you takes the focus the gone button had. */
  #justRated = false;

  protected override willUpdate() {
    const client = this.#chat.client;
    const { currentTicketId, ticketStatus, messages } = this.#chat.state;
    const key = `${currentTicketId} ${ticketStatus} ${messages.at(-1)?.id ?? ''}`;
    if (!client || key === this.#asked) return;
    if (!this.#asked.startsWith(`${currentTicketId} `)) {
      this.offer = 'none';
      this.score = 0;
      this.comment = '';
      this.error = '';
    }
    this.#asked = key;
    const ask = ++this.#asks;
    void client
      .ratingOffer()
      .catch((): RatingOffer => 'none')
      .then((offer) => {
        // A newer question was asked meanwhile, or the visitor rated since: that answer wins.
        if (ask === this.#asks) this.offer = offer;
      });
  }

  protected override updated() {
    if (!this.#justRated) return;
    this.#justRated = false;
    this.renderRoot.querySelector<HTMLElement>('.thanks')?.focus();
  }

  override render() {
    const settings = this.#chat.settings;
    if (!settings || this.offer === 'none') return nothing;
    const { strings } = settings;
    if (this.offer === 'rated') {
      return html`<p part="rating rating-thanks" class="thanks" role="status" tabindex="-1">${strings.ratingThanks}</p>`;
    }
    return html`
      <form part="rating" class="rating" @submit=${this.#onSubmit}>
        <fieldset part="rating-choices" aria-describedby="scale">
          <legend>${strings.rateConversation}</legend>
          <div class="choices">
            ${SCORES.map(
              (score) => html`<label part="rating-choice" class="choice"
                ><input
                  type="radio"
                  name="score"
                  .value=${String(score)}
                  .checked=${this.score === score}
                  @change=${() => (this.score = score)}
                />${score}</label
              >`,
            )}
          </div>
          <p id="scale" class="hint">${strings.ratingScale}</p>
        </fieldset>
        ${
          // The comment and the button come with a score: until then the rating stays two lines high.
          this.score
            ? html`<label
                  >${strings.ratingComment}<textarea
                    part="rating-comment"
                    rows="2"
                    maxlength=${RATING.maxCommentLength}
                    .value=${this.comment}
                    @input=${(event: Event) => (this.comment = (event.target as HTMLTextAreaElement).value)}
                  ></textarea>
                </label>
                ${this.error ? html`<p class="invalid" role="alert">${this.error}</p>` : nothing}
                <button part="rating-submit" class="primary" ?disabled=${this.sending}>${strings.sendRating}</button>`
            : nothing
        }
      </form>
    `;
  }

  async #onSubmit(event: Event) {
    event.preventDefault();
    const client = this.#chat.client;
    if (!client || !this.score || this.sending) return;
    this.sending = true;
    this.error = '';
    try {
      await client.rate(this.score, this.comment);
      this.#asks++;
      this.offer = 'rated';
      this.#justRated = true;
    } catch (error) {
      this.error = this.#chat.settings?.describe(error) ?? '';
    } finally {
      this.sending = false;
    }
  }
}

define('support-chat-rating', SupportChatRating);

declare global {
  interface HTMLElementTagNameMap {
    'support-chat-rating': SupportChatRating;
  }
}
