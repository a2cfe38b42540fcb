import type { FastifyReply } from 'fastify';
import { AppError } from './app-error.ts';

/** A stored file: PDFs and images open in the browser, Office files download; never sniffed, never cached. */
export function sendFile(reply: FastifyReply, file: { fileName: string; contentType: string; content: Uint8Array }) {
  const inline = file.contentType === 'application/pdf' || file.contentType.startsWith('image/');
  return reply
    .header('content-type', file.contentType)
    .header('content-disposition', `${inline ? 'inline' : 'attachment'}; filename*=UTF-8''${encodeURIComponent(file.fileName)}`)
    .header('x-content-type-options', 'nosniff')
    .header('cache-control', 'private, no-store')
    .send(Buffer.from(file.content));
}

/** File bodies are raw bytes (Content-Type: application/octet-stream); anything else is refused. */
export function requireBytes(body: unknown): Buffer {
  if (!Buffer.isBuffer(body)) throw new AppError('unsupported_media_type', 'Gửi nội dung tệp với Content-Type: application/octet-stream.');
  return body;
}
