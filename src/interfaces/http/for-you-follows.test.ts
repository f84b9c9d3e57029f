/**
 * Following one of several authors with the same name, and revoking a leaked feed URL, over
 * HTTP on each engine: the author page offers one button per person (labelled with their
 * co-authors) when the name is shared, one otherwise; For you then marks only that person's new
 * papers. A revoked feed URL answers 404 in every format; the new one works; the export says
 * which generation the key is in.
 */
import assert from 'node:assert/strict';
import { createHmac } from 'node:crypto';
import { after, before, describe, test } from 'node:test';
import { createTestContainer, type TestContainer } from '../../../test/db.ts';
import { engines } from '../../../test/engines.ts';
import { WORLD } from '../../../test/fixtures/for-you-world.ts';
import { WEI_ZHANGS as ZHANGS } from '../../../test/fixtures/wei-zhangs.ts';
import { startSmtpServer, type TestSmtpServer } from '../../../test/smtp.ts';
import { WebAgent } from '../../../test/web-agent.ts';
import { fixedClock } from '../../core/clock.ts';
import { createApp } from './app.ts';

/** The For-you card of paper `id` on a page. */
const cardOf = (html: string, id: string) =>
  html.split('<li class="card"').find((part) => part.startsWith(` data-paper-id="${id}"`)) ?? '';

for (const { name: engine, skip } of await engines()) {
  describe(`For-you follows and feed revocation on ${engine}`, { skip, concurrency: 1 }, () => {
    let smtp: TestSmtpServer;
    let c: TestContainer;
    let app: ReturnType<typeof createApp>;
    let ada: WebAgent;

    before(async () => {
      smtp = await startSmtpServer();
      c = await createTestContainer({
        engine,
        env: { SMTP_HOST: '127.0.0.1', SMTP_PORT: String(smtp.port), SMTP_SECURE: 'false' },
        clock: fixedClock('2026-08-22T12:00:00Z'),
      });
      await c.papers.upsertMany([...WORLD, ...ZHANGS]);
      app = createApp(c);
      ada = new WebAgent(app);
      await ada.signIn('ada@example.org', smtp);
    });
    after(async () => {
      await c.dispose();
      await smtp.close();
    });

    test('a shared name: one follow button per person, labelled with their co-authors', async () => {
      const page = await ada.get('/authors/Wei%20Zhang');
      assert.equal(page.status, 200);
      assert.match(page.text, /3 people named Wei Zhang here/);
      const persons = [...page.text.matchAll(/name="person" value="([^"]+)"/g)].map((m) => m[1]);
      assert.deepEqual(persons, ['2608.40001', '2608.40003', '2608.40013']);
      assert.match(page.text, /Follow Wei Zhang with Alice Smith, Bob Jones, New Student/);
      assert.match(page.text, /Follow Wei Zhang with Chen Li/);
      // A name with one person here: one button, no person.
      const turing = await ada.get('/authors/Alan%20Turing');
      assert.equal((turing.text.match(/Follow in For you/g) ?? []).length, 1);
      assert.doesNotMatch(turing.text, /name="person"/);
      // Signed out: nothing to follow with.
      assert.doesNotMatch((await new WebAgent(app).get('/authors/Wei%20Zhang')).text, /person/);
    });

    test('following one Wei Zhang marks only papers sharing their co-authors in For you', async () => {
      await ada.get('/authors/Wei%20Zhang');
      const followed = await ada.post('/account/follow', {
        kind: 'author',
        label: 'Wei Zhang',
        person: '2608.40001',
        next: '/authors/Wei%20Zhang',
      });
      assert.equal(followed.status, 303);
      const page = await ada.get('/for-you');
      assert.match(cardOf(page.text, '2608.40011'), /You follow Wei Zhang\./);
      assert.doesNotMatch(cardOf(page.text, '2608.40012'), /You follow/);
      assert.doesNotMatch(cardOf(page.text, '2608.40013'), /You follow/);
      const account = await ada.get('/account');
      assert.match(
        account.text,
        /author: Wei Zhang<span class="muted"> \(with Alice Smith, Bob Jones/,
      );

      // A paper that is not by that name cannot pick a person.
      const bad = await ada.post('/account/follow', {
        kind: 'author',
        label: 'Wei Zhang',
        person: '2608.30001',
      });
      assert.equal(bad.status, 400);

      // Following the other one too: both stored apart; unfollowing one keeps the other.
      await ada.post('/account/follow', {
        kind: 'author',
        label: 'Wei Zhang',
        person: '2608.40012',
      });
      const both = await ada.get('/for-you');
      assert.match(cardOf(both.text, '2608.40012'), /You follow Wei Zhang\./);
      assert.doesNotMatch(cardOf(both.text, '2608.40013'), /You follow/);
      const user = await c.community.users.getByEmail('ada@example.org');
      assert.ok(user);
      const follows = await c.recs.library.follows(user.id);
      assert.deepEqual(follows.map((f) => f.value).sort(), [
        'wei zhang#2608.40001',
        'wei zhang#2608.40003',
      ]);
      await ada.get('/account');
      await ada.post('/account/unfollow', { kind: 'author', value: 'wei zhang#2608.40003' });
      assert.deepEqual(
        (await c.recs.library.follows(user.id)).map((f) => f.value),
        ['wei zhang#2608.40001'],
      );

      // The whole name (no person, as the account page's form sends): every Wei Zhang paper.
      await ada.post('/account/follow', { kind: 'author', label: 'Wei Zhang' });
      const any = await ada.get('/for-you');
      assert.match(cardOf(any.text, '2608.40013'), /You follow Wei Zhang\./);
      await ada.post('/account/unfollow', { kind: 'author', value: 'wei zhang' });
    });

    test('a revoked feed URL answers 404 in every format; the new one works; export shows it', async () => {
      const user = await c.community.users.getByEmail('ada@example.org');
      assert.ok(user);
      const first = await ada.get('/for-you');
      const old = first.text.match(/href="(\/feeds\/for-you\/[^"]+)\.rss"/)?.[1];
      assert.ok(old);
      // Generation 0 is the URL given out before revocation existed: still valid.
      const before = createHmac('sha256', await c.secret())
        .update(`for-you-feed:${user.id}`)
        .digest('base64url')
        .slice(0, 32);
      assert.equal(old, `/feeds/for-you/${user.id}.${before}`);
      const reader = new WebAgent(app);
      assert.equal((await reader.get(`${old}.rss`)).status, 200);

      // Without the form's CSRF token nothing changes.
      const forged = await ada.post('/account/for-you-feed/revoke', { _csrf: 'forged' });
      assert.equal(forged.status, 403);
      assert.equal((await reader.get(`${old}.atom`)).status, 200);

      await ada.get('/account');
      const revoked = await ada.post('/account/for-you-feed/revoke', {});
      assert.equal(revoked.status, 303);
      assert.equal(revoked.location, '/account?done=feed-revoked#for-you-feed');
      assert.match(
        (await ada.get(revoked.location ?? '')).text,
        /old For-you feed link no longer works/,
      );
      for (const format of ['rss', 'atom', 'json']) {
        assert.equal((await reader.get(`${old}.${format}`)).status, 404, format);
      }
      const fresh = (await ada.get('/for-you')).text.match(
        /href="(\/feeds\/for-you\/[^"]+)\.rss"/,
      )?.[1];
      assert.ok(fresh && fresh !== old);
      const rss = await reader.get(`${fresh}.rss`);
      assert.equal(rss.status, 200);
      assert.match(rss.text, /<rss/);
      assert.equal((await reader.get(`${fresh}.json`)).status, 200);

      const exported = JSON.parse((await ada.get('/account/for-you-data')).text);
      assert.equal(exported.feedKeyGeneration, 1);
      // Deleting one's data does not bring the revoked URL back.
      await ada.get('/account');
      await ada.post('/account/for-you-data/delete', {});
      assert.equal((await reader.get(`${old}.rss`)).status, 404);
      assert.equal((await reader.get(`${fresh}.rss`)).status, 200);

      // Signed out, revoking is refused.
      assert.equal((await new WebAgent(app).post('/account/for-you-feed/revoke', {})).status, 403);
    });
  });
}
