/**
 * WebSocket close codes the collab-server uses, modelled on HTTP so a client can tell
 * "sign in again" (4401) from "no access" (4403). y-websocket clients do not reconnect after 4400–4499.
 */
export const CloseCode = {
  normal: 1000,
  goingAway: 1001,
  messageTooBig: 1009,
  internalError: 1011,
  malformedMessage: 4400,
  unauthorized: 4401,
  forbidden: 4403,
  rateLimited: 4429,
} as const;
export type CloseCodeValue = (typeof CloseCode)[keyof typeof CloseCode];

/** Thrown by hooks to reject a connection or a message: the connection is closed with `code`. */
export class CollabError extends Error {
  constructor(
    readonly code: number,
    readonly reason: string,
  ) {
    super(reason);
    this.name = "CollabError";
  }
}
