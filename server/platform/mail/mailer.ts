// Outgoing mail over SMTP (nodemailer). Without SMTP_URL nothing is sent and a warning is logged:
// the message itself is never logged, since it may carry a one-time link. nodemailer is loaded with the
// first message: most processes never send one, and it would hold ~3 MB of heap from the start.
import type { Transporter } from 'nodemailer';
import type { MailSettings } from '../config.ts';

export interface MailMessage {
  to: string;
  subject: string;
  text: string;
}

export interface Mailer {
  readonly isConfigured: boolean;
  send(message: MailMessage): Promise<void>;
  close(): void;
}

/** A mailer for the settings; `warn` receives a note when mail is not configured. */
export function createMailer(settings: MailSettings, warn: (message: string) => void = () => {}): Mailer {
  if (!settings.smtpUrl) {
    return {
      isConfigured: false,
      async send(message) {
        warn(`Mail is not configured (SMTP_URL); a message with subject "${message.subject}" was not sent.`);
      },
      close() {},
    };
  }
  const smtpUrl = settings.smtpUrl;
  let transport: Promise<Transporter> | undefined;
  return {
    isConfigured: true,
    async send(message) {
      transport ??= import('nodemailer').then((nodemailer) => nodemailer.default.createTransport(smtpUrl));
      await (await transport).sendMail({ from: settings.from, to: message.to, subject: message.subject, text: message.text });
    },
    close() {
      void transport?.then((t) => t.close());
    },
  };
}
