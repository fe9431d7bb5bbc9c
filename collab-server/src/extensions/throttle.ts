import { CloseCode, CollabError } from "../errors";
import type { Connection } from "../hub";
import type { Extension } from "../types";

export interface ThrottleOptions {
  /** Sustained messages per second per connection. Default 200. */
  messagesPerSecond?: number;
  /** Bucket size: how many messages may arrive at once. Default 2 × messagesPerSecond. */
  burst?: number;
  /** Largest message, for transports that do not enforce it themselves. Default 1 MiB. */
  maxMessageBytes?: number;
}

interface Bucket {
  tokens: number;
  refilledAt: number;
}

/** Per-connection token bucket (close 4429) and message size limit (close 1009). */
export function throttle(options: ThrottleOptions = {}): Extension {
  const rate = options.messagesPerSecond ?? 200;
  const burst = options.burst ?? rate * 2;
  const maxBytes = options.maxMessageBytes ?? 1024 * 1024;
  const buckets = new WeakMap<Connection, Bucket>();
  return {
    name: "throttle",
    priority: 900,
    beforeHandleMessage({ connection, message }) {
      if (message.byteLength > maxBytes) throw new CollabError(CloseCode.messageTooBig, "message too big");
      const now = performance.now();
      let bucket = buckets.get(connection);
      if (!bucket) {
        bucket = { tokens: burst, refilledAt: now };
        buckets.set(connection, bucket);
      } else {
        bucket.tokens = Math.min(burst, bucket.tokens + ((now - bucket.refilledAt) * rate) / 1000);
        bucket.refilledAt = now;
      }
      if (bucket.tokens < 1) throw new CollabError(CloseCode.rateLimited, "too many messages: slow down");
      bucket.tokens -= 1;
    },
  };
}
