// A real SMTP peer for tests (smtp-server on a random loopback port) that keeps what it receives.
import type { AddressInfo } from 'node:net';
import { SMTPServer } from 'smtp-server';
import { simpleParser, type ParsedMail } from 'mailparser';

export interface SmtpPeer {
  /** smtp://127.0.0.1:<port>, for the mail settings. */
  url: string;
  /** Mails received so far, oldest first. */
  inbox: ParsedMail[];
  /** How the peer answers from now on: refuse with an SMTP code, or answer only after a delay. */
  behaviour: { refuseWith?: number; delayMs?: number };
  /** Resolves with the next mail to `to` (already received or still to come). */
  nextMailTo: (to: string) => Promise<ParsedMail>;
  close: () => Promise<void>;
}

/** Starts an SMTP server that accepts every message without authentication. */
export async function startSmtpPeer(): Promise<SmtpPeer> {
  const inbox: ParsedMail[] = [];
  const waiting: Array<{ to: string; resolve: (mail: ParsedMail) => void }> = [];
  const behaviour: SmtpPeer['behaviour'] = {};
  const server = new SMTPServer({
    authOptional: true,
    disabledCommands: ['STARTTLS'],
    logger: false,
    onData(stream, _session, callback) {
      if (behaviour.refuseWith) {
        stream.resume();
        const refusal = Object.assign(new Error('Refused by the test peer'), { responseCode: behaviour.refuseWith });
        stream.on('end', () => callback(refusal));
        return;
      }
      simpleParser(stream)
        .then(async (mail) => {
          if (behaviour.delayMs) await new Promise((resolve) => setTimeout(resolve, behaviour.delayMs));
          return mail;
        })
        .then((mail) => {
          const recipients = JSON.stringify(mail.to);
          const waiter = waiting.findIndex((w) => recipients.includes(w.to));
          if (waiter >= 0) waiting.splice(waiter, 1)[0]!.resolve(mail);
          else inbox.push(mail);
          callback();
        })
        .catch(callback);
    },
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.server.address() as AddressInfo;
  return {
    url: `smtp://127.0.0.1:${port}`,
    inbox,
    behaviour,
    nextMailTo(to) {
      const index = inbox.findIndex((m) => JSON.stringify(m.to).includes(to));
      if (index >= 0) return Promise.resolve(inbox.splice(index, 1)[0]!);
      return new Promise((resolve) => waiting.push({ to, resolve }));
    },
    close: () => new Promise<void>((resolve) => server.close(() => resolve())),
  };
}
