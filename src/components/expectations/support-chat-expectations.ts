import { LitElement, html, nothing } from 'lit';
import { css } from '../../internal/css.js';
import { realClock, type Clock } from '../../client/clock.js';
import { ChatStateController } from '../../controllers/chat-state-controller.js';
import { format, type Strings } from '../../i18n/strings.js';
import { define } from '../../internal/define.js';
import {
  REPLY_TIMES,
  describeBackAt,
  nextOpening,
  parseOfficeHours,
  type OfficeHours,
  type ReplyTime,
} from '../../internal/office-hours.js';

const replyKeys: Record<ReplyTime, keyof Strings> = { minutes: 'replyMinutes', hours: 'replyHours', day: 'replyDay' };

/** Each bad value is said once per page, however often it is rendered (or by how many widgets). */
const warned = new Set<string>();
function warn(attribute: string, value: string, problem: string) {
  const key = `${attribute}=${value}`;
  if (warned.has(key)) return;
  warned.add(key);
  console.warn(`support-chat: ignoring ${attribute}="${value}": ${problem}.`);
}

const parsed = new Map<string, OfficeHours | null>();
/** The office hours, parsed once per value; `null` (and one warning) for a value that cannot be read. */
function officeHoursOf(value: string): OfficeHours | null {
  if (!parsed.has(value)) {
    const result = parseOfficeHours(value);
    if ('problem' in result) warn('office-hours', value, result.problem);
    parsed.set(value, 'problem' in result ? null : result);
  }
  return parsed.get(value)!;
}

function replyTimeOf(value: string): ReplyTime | null {
  if ((REPLY_TIMES as readonly string[]).includes(value)) return value as ReplyTime;
  warn('reply-time', value, `use one of ${REPLY_TIMES.join(', ')}`);
  return null;
}

/** Never longer than this between two looks at the clock: "tomorrow" becomes "today" at midnight. */
const RECHECK_MS = 60_000;

/**
 * What the visitor may expect, under the panel's title: how soon the team usually replies
 * (`reply-time`) or, outside the `office-hours`, when it is back instead, in the visitor's
 * language and time zone. Renders nothing without those attributes, or with values it cannot read
 * (each said once in the console).
 * @csspart subtitle - The line under the title.
 *
 * @tag support-chat-expectations
 */
export class SupportChatExpectations extends LitElement {
  static override styles = css`
    :host {
      display: block;
    }
    p {
      margin: 2px 0 0;
      font-size: 13px;
      font-weight: normal;
    }
  `;

  /**
   * The time it reads and schedules its next look by; tests give it a fake one.
   * @internal
   */
  clock: Clock = realClock;
  readonly #chat = new ChatStateController(this);
  #timer: unknown;

  override render() {
    this.clock.clearTimeout(this.#timer);
    const settings = this.#chat.settings;
    if (!settings) return nothing;
    const { strings, lang } = settings;
    const replyTime = settings.replyTime && replyTimeOf(settings.replyTime);
    const hours = settings.officeHours && officeHoursOf(settings.officeHours);
    let line = replyTime ? strings[replyKeys[replyTime]] : '';
    if (hours) {
      const now = this.clock.now();
      const back = nextOpening(hours, now);
      if (back !== null) {
        // Closed: when the team is back says more than how fast it replies while open.
        const { day, relative, time } = describeBackAt(back, now, lang);
        line = format(relative ? strings.backRelative : strings.backOnDay, { day, time });
      }
      // Looked at again when the team opens (the line changes) or a minute on (the day's word may change).
      const wait = Math.min(RECHECK_MS, Math.max(1000, (back ?? Infinity) - now));
      this.#timer = this.clock.setTimeout(() => this.requestUpdate(), wait);
    }
    return line ? html`<p part="subtitle">${line}</p>` : nothing;
  }

  override disconnectedCallback() {
    super.disconnectedCallback();
    this.clock.clearTimeout(this.#timer);
  }
}

define('support-chat-expectations', SupportChatExpectations);

declare global {
  interface HTMLElementTagNameMap {
    'support-chat-expectations': SupportChatExpectations;
  }
}
