import assert from 'node:assert/strict';
import { test } from 'node:test';
import { startSmtpServer } from '../../../test/smtp.ts';
import { isAppError } from '../../core/errors.ts';
import { dotStuff } from './smtp-connection.ts';
import { SmtpMailer } from './smtp-mailer.ts';

const message = {
  to: 'reader@example.org',
  subject: 'Hello',
  text: 'Body line\n.starts with a dot',
};

test('commit runs after the body reached the server and before the end of data', async () => {
  const seen: string[] = [];
  const smtp = await startSmtpServer({
    onEvent: (e) => {
      if (e.type !== 'data-chunk' && e.type !== 'accepted') seen.push(e.type);
    },
  });
  const mailer = new SmtpMailer({
    host: '127.0.0.1',
    port: smtp.port,
    secure: false,
    from: 'p@x.org',
  });
  try {
    const sent = await mailer.send(message, {
      commit: () => {
        seen.push('commit');
        assert.equal(smtp.mails.length, 0, 'nothing accepted before the commit');
      },
    });
    assert.deepEqual(seen, ['mail-from', 'rcpt-to', 'commit', 'data-end']);
    assert.match(sent.response ?? '', /^250/);
    const [mail] = await smtp.waitFor(1);
    assert.match(mail?.raw ?? '', /\n\.starts with a dot/, 'a leading dot survives dot-stuffing');
  } finally {
    await mailer.close();
    await smtp.close();
  }
});

test('a commit that throws abandons the message: the server keeps nothing', async () => {
  const smtp = await startSmtpServer();
  const mailer = new SmtpMailer({
    host: '127.0.0.1',
    port: smtp.port,
    secure: false,
    from: 'p@x.org',
  });
  try {
    await assert.rejects(
      mailer.send(message, {
        commit: () => {
          throw new Error('store is gone');
        },
      }),
      /store is gone/,
    );
    // The mailer dropped that connection; once the server has seen it end, the cut-short
    // message can no longer be stored.
    await smtp.waitForClosed(1);
    await mailer.send({ ...message, subject: 'second' });
    assert.equal(smtp.mails.length, 1);
    assert.equal(smtp.mails[0]?.header('subject'), 'second');
  } finally {
    await mailer.close();
    await smtp.close();
  }
});

test('STARTTLS and AUTH, without PIPELINING, and connections are reused', async () => {
  const smtp = await startSmtpServer({
    starttls: true,
    noPipelining: true,
    auth: { user: 'u', password: 'p@ss word' },
  });
  const mailer = new SmtpMailer({
    host: '127.0.0.1',
    port: smtp.port,
    secure: false,
    user: 'u',
    password: 'p@ss word',
    from: 'paperboy <p@x.org>',
    tls: { rejectUnauthorized: false },
    maxConnections: 1,
  });
  try {
    for (let i = 0; i < 3; i++) await mailer.send({ ...message, subject: `n${i}` });
    const mails = await smtp.waitFor(3);
    assert.deepEqual(
      mails.map((m) => m.header('subject')),
      ['n0', 'n1', 'n2'],
    );
    assert.equal(mails[0]?.from, 'p@x.org', 'envelope sender is the bare address');
    assert.equal(mails[0]?.secure, true, 'upgraded with STARTTLS');
    assert.equal(mails[0]?.user, 'u');
    const wrong = new SmtpMailer({
      host: '127.0.0.1',
      port: smtp.port,
      secure: false,
      user: 'u',
      password: 'nope',
      from: 'p@x.org',
      tls: { rejectUnauthorized: false },
    });
    await assert.rejects(
      wrong.send(message),
      (e) => isAppError(e, 'mail_failed') && (e.details as { permanent: boolean }).permanent,
    );
    await wrong.close();
  } finally {
    await mailer.close();
    await smtp.close();
  }
});

test('parallel sends share the pool and all arrive', async () => {
  const smtp = await startSmtpServer();
  const mailer = new SmtpMailer({
    host: '127.0.0.1',
    port: smtp.port,
    secure: false,
    from: 'p@x.org',
  });
  try {
    await Promise.all(
      Array.from({ length: 20 }, (_, i) => mailer.send({ ...message, subject: `p${i}` })),
    );
    assert.equal((await smtp.waitFor(20)).length, 20);
  } finally {
    await mailer.close();
    await smtp.close();
  }
});

test('dotStuff makes CRLF line ends and doubles leading dots', () => {
  assert.equal(dotStuff(Buffer.from('a\n.b\r\n..c\rd')).toString(), 'a\r\n..b\r\n...c\r\nd\r\n');
});
