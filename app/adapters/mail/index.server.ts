export interface MailMessage {
  to: string;
  subject: string;
  text: string;
}

export interface Mailer {
  send(message: MailMessage): Promise<void>;
}

/**
 * The development mailer: writes each message to the log (and keeps the last ones for tests) instead of sending it.
 * A production transport implements the same interface.
 */
export function createLogMailer(log: (line: string) => void = (line) => console.log(line)): Mailer & { sent: MailMessage[] } {
  const sent: MailMessage[] = [];
  return {
    sent,
    async send(message) {
      sent.push(message);
      if (sent.length > 200) sent.shift();
      log(`[mail] to ${message.to}: ${message.subject}`);
    },
  };
}
