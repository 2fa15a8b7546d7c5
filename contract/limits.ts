// The wire contract's limits (REFERENCE-API.md), shared so that the widget refuses exactly what the reference server would refuse, and no more.

/** One message: 1..10000 characters after trim, counted in code points (see `messageLength`). */
export const MAX_MESSAGE_LENGTH = 10_000;

/** An email address: at most 254 characters (RFC 5321's path limit, less the brackets). */
export const MAX_EMAIL_LENGTH = 254;

/** `distinct_id` and `identity_distinct_id`. */
export const MAX_DISTINCT_ID_LENGTH = 400;

/** `session_id` of a send (the analytics session, not the widget session). */
export const MAX_SESSION_ID_LENGTH = 64;

/** `request_url` of a restore request. */
export const MAX_REQUEST_URL_LENGTH = 2048;

/** A restore token as the contract allows it (the reference server makes 43 characters). */
export const RESTORE_TOKEN_LENGTH = { min: 40, max: 50 } as const;

/** What a map of free-form values may hold; over it, the server cuts rather than refuses. */
export interface MapLimits {
  maxKeys: number;
  maxKeyLength: number;
  maxValueLength: number;
}

/** `traits`: values are made strings and cut. */
export const TRAITS_LIMITS = { maxKeys: 50, maxKeyLength: 200, maxValueLength: 500 } as const satisfies MapLimits;

/** `session_context`: strings cut; `current_url` is one of its values, so it is cut to 2000 too. */
export const SESSION_CONTEXT_LIMITS = { maxKeys: 20, maxKeyLength: 100, maxValueLength: 2000 } as const satisfies MapLimits;

/** A page of a list: `limit` within `min..max`, `fallback` when absent. */
export interface PageLimit {
  min: number;
  max: number;
  fallback: number;
}

/** `GET /widget/messages/{id}`: 1..500, default 500 (a poll sends no limit). */
export const MESSAGES_PAGE = { min: 1, max: 500, fallback: 500 } as const satisfies PageLimit;
/** `GET /widget/tickets`: 1..500, default 100. */
export const TICKETS_PAGE = { min: 1, max: 500, fallback: 100 } as const satisfies PageLimit;
/** The team API's lists (tickets, events): 1..1000, default 100. */
export const TEAM_PAGE = { min: 1, max: 1000, fallback: 100 } as const satisfies PageLimit;
/** `offset` of any list. */
export const MAX_OFFSET = 1_000_000;

/** A sliding-window rate limit: at most `max` hits in any `windowMs`. */
export interface RateLimit {
  max: number;
  windowMs: number;
}

export const RATE_LIMITS = {
  /** Sends and mark-reads of one session or identity. */
  widgetWrite: { max: 30, windowMs: 60_000 },
  /**
   * Sends and mark-reads from one client (its remote address), over all its sessions: a
   * session id is free to make, so a per-session limit alone stops no one. Two sessions'
   * worth, so that a household or office behind one address is not locked out.
   */
  widgetWriteClient: { max: 60, windowMs: 60_000 },
  /** Restore-link requests for one email address (the fourth in an hour is a 429). */
  restoreRequest: { max: 3, windowMs: 3_600_000 },
  /** Restore-token redeems from one client. */
  restoreRedeem: { max: 10, windowMs: 60_000 },
  /** Typing signals of one session or identity (apart from the write limit). */
  widgetTyping: { max: 60, windowMs: 60_000 },
} as const satisfies Record<string, RateLimit>;

/**
 * The live stream (an extension, REFERENCE-API.md "Live stream"): what a client may rely on.
 * `retryMs` is the reconnect delay the server asks for; a heartbeat comment comes every
 * `heartbeatMs` (the reference server's `--stream-heartbeat-ms`), so a client that hears
 * nothing for about twice as long may reconnect; past `maxPerCaller` open streams of one
 * caller the next answers 429; a reconnect within the last `replayEvents` events of its
 * caller, or within `replayMs`, gets what it missed, else `reset`.
 */
export const LIVE_STREAM = { retryMs: 3000, heartbeatMs: 15_000, maxPerCaller: 5, replayEvents: 500, replayMs: 600_000 } as const;

/** A `typing: true` lapses this long after the last one (the server then says `typing: false`). */
export const TYPING_LAPSE_MS = 6000;

/** A CSAT rating (an extension, REFERENCE-API.md "Rating"): a whole score in `minScore..maxScore`, a comment of at most `maxCommentLength` characters. */
export const RATING = { minScore: 1, maxScore: 5, maxCommentLength: 1000 } as const;
