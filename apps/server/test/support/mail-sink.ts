/**
 * A real SMTP server on 127.0.0.1 (random port) that keeps every message it receives, and
 * parses them with mailparser — the notice tests' mailbox. It is closed after the test.
 */
import { SMTPServer } from 'smtp-server';
import { simpleParser, type ParsedMail } from 'mailparser';

export interface MailSink {
  url: string;
  port: number;
  /** Raw messages in arrival order. */
  raw: Buffer[];
  parsed(): Promise<ParsedMail[]>;
  /** Resolves once at least `n` messages arrived; rejects at the deadline. */
  waitFor(n: number, timeoutMs?: number): Promise<void>;
  close(): Promise<void>;
}

export async function startMailSink(): Promise<MailSink> {
  const raw: Buffer[] = [];
  const server = new SMTPServer({
    authOptional: true,
    disabledCommands: ['STARTTLS'],
    logger: false,
    onData(stream, _session, callback) {
      const chunks: Buffer[] = [];
      stream.on('data', (c: Buffer) => chunks.push(c));
      stream.on('end', () => {
        raw.push(Buffer.concat(chunks));
        callback();
      });
    },
  });
  const port = await new Promise<number>((resolve, reject) => {
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const addr = server.server.address();
      if (addr && typeof addr === 'object') resolve(addr.port);
      else reject(new Error('no port'));
    });
  });
  return {
    url: `smtp://127.0.0.1:${port}?ignoreTLS=true`,
    port,
    raw,
    parsed: () => Promise.all(raw.map((r) => simpleParser(r))),
    async waitFor(n, timeoutMs = 60_000) {
      const deadline = Date.now() + timeoutMs;
      while (raw.length < n) {
        if (Date.now() > deadline) throw new Error(`only ${raw.length} of ${n} messages arrived`);
        await new Promise((r) => setTimeout(r, 100));
      }
    },
    close: () => new Promise<void>((resolve) => server.close(() => resolve())),
  };
}

/** The notice a message was sent for (X-Chibo-Notice). */
export function noticeIdOf(mail: ParsedMail): string {
  const v = mail.headers.get('x-chibo-notice');
  return typeof v === 'string' ? v : '';
}
