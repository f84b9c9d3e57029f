import assert from 'node:assert/strict';
import { readdirSync, readFileSync } from 'node:fs';
import { after, before, test } from 'node:test';
import { tempDir } from '../../../test/db.ts';
import { startSmtpServer, type TestSmtpServer } from '../../../test/smtp.ts';
import { isAppError } from '../../core/errors.ts';
import { createMemoryLogger } from '../../log.ts';
import { OutboxMailer } from './outbox-mailer.ts';
import { SmtpMailer } from './smtp-mailer.ts';

let smtp: TestSmtpServer;
let mailer: SmtpMailer;

before(async () => {
  smtp = await startSmtpServer();
  mailer = new SmtpMailer({
    host: '127.0.0.1',
    port: smtp.port,
    secure: false,
    from: 'paperboy <papers@example.org>',
  });
});
after(async () => {
  await mailer.close();
  await smtp.close();
});

test('a mail reaches the SMTP server with its headers and both bodies', async () => {
  const sent = await mailer.send({
    to: 'reader@example.org',
    subject: 'Your sign-in link',
    text: 'Open https://x/y',
    html: '<p>Open <a href="https://x/y">link</a></p>',
    headers: { 'List-Unsubscribe': '<https://x/u>' },
    messageId: 'abc123@paperboy',
  });
  assert.equal(sent.messageId, 'abc123@paperboy');
  const [mail] = await smtp.waitFor(1);
  assert.deepEqual(mail?.to, ['reader@example.org']);
  assert.equal(mail?.header('subject'), 'Your sign-in link');
  assert.equal(mail?.header('list-unsubscribe'), '<https://x/u>');
  assert.equal(mail?.header('message-id'), '<abc123@paperboy>');
  assert.match(mail?.raw ?? '', /text\/html/);
});

test('a 5xx refusal is a permanent failure', async () => {
  smtp.reject('gone@example.org', 550);
  await assert.rejects(
    mailer.send({ to: 'gone@example.org', subject: 's', text: 't' }),
    (e) => isAppError(e, 'mail_failed') && (e.details as { permanent: boolean }).permanent === true,
  );
});

test('a 4xx refusal and a dead server are transient failures', async () => {
  smtp.reject('busy@example.org', 451);
  await assert.rejects(
    mailer.send({ to: 'busy@example.org', subject: 's', text: 't' }),
    (e) =>
      isAppError(e, 'mail_failed') && (e.details as { permanent: boolean }).permanent === false,
  );
  const dead = new SmtpMailer({
    host: '127.0.0.1',
    port: 1,
    secure: false,
    from: 'a@b.c',
    timeoutMs: 2000,
  });
  await assert.rejects(
    dead.send({ to: 'x@example.org', subject: 's', text: 't' }),
    (e) =>
      isAppError(e, 'mail_failed') && (e.details as { permanent: boolean }).permanent === false,
  );
  await dead.close();
});

test('header injection and multiple recipients are refused before anything is sent', async () => {
  const before = smtp.mails.length;
  for (const message of [
    { to: 'a@example.org', subject: 'hi\r\nBcc: victim@example.org', text: 't' },
    { to: 'a@example.org\r\nBcc: v@example.org', subject: 's', text: 't' },
    { to: 'a@example.org, b@example.org', subject: 's', text: 't' },
    { to: 'not an address', subject: 's', text: 't' },
    { to: 'a@example.org', subject: 's', text: 't', headers: { 'X-A': 'x\nBcc: v@example.org' } },
  ]) {
    await assert.rejects(
      mailer.send(message),
      (e) => isAppError(e, 'invalid_input'),
      JSON.stringify(message),
    );
  }
  assert.equal(smtp.mails.length, before);
});

test('without SMTP, mails land in the outbox as .eml files and are logged', async () => {
  const dir = tempDir();
  const log = createMemoryLogger();
  const outbox = new OutboxMailer(`${dir.path}/outbox`, 'paperboy <p@localhost>', log);
  try {
    await outbox.send({ to: 'reader@example.org', subject: 'Sign in', text: 'https://x/magic' });
    const files = readdirSync(`${dir.path}/outbox`);
    assert.equal(files.length, 1);
    const raw = readFileSync(`${dir.path}/outbox/${files[0]}`, 'utf8');
    assert.match(raw, /Subject: Sign in/);
    assert.match(raw, /https:\/\/x\/magic/);
    assert.ok(log.entries.some((e) => e.fields.to === 'reader@example.org'));
  } finally {
    dir.remove();
  }
});
