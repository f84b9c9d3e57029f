/**
 * The benchmark's SMTP server, in its own process so it does not share the sender's event loop:
 * accepts every message, counts messages and bytes, keeps nothing. Prints `PORT <n>`; answers the
 * line `count` on stdin with `COUNT <messages> <bytes>`; exits when stdin closes.
 */
import type { AddressInfo } from 'node:net';
import { createInterface } from 'node:readline';
import { SMTPServer } from 'smtp-server';

let messages = 0;
let bytes = 0;
const server = new SMTPServer({
  authOptional: true,
  disabledCommands: ['STARTTLS'],
  logger: false,
  size: 10 * 1024 * 1024,
  onData(stream, _session, callback) {
    stream.on('data', (chunk: Buffer) => {
      bytes += chunk.length;
    });
    stream.on('end', () => {
      messages++;
      callback();
    });
  },
});
server.on('error', () => {});
server.listen(0, '127.0.0.1', () => {
  process.stdout.write(`PORT ${(server.server.address() as AddressInfo).port}\n`);
});
createInterface({ input: process.stdin })
  .on('line', (line) => {
    if (line.trim() === 'count') process.stdout.write(`COUNT ${messages} ${bytes}\n`);
  })
  .on('close', () => server.close(() => process.exit(0)));
