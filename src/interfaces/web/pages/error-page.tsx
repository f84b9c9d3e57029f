/**
 * A friendly error page (404 and friends) with a way back.
 */
import { Layout } from '../layout.tsx';

const TITLES: Record<number, string> = {
  400: 'That request did not make sense',
  404: 'Not found',
  410: 'This link has expired',
  429: 'Slow down a little',
  500: 'Something broke',
  503: 'Temporarily unavailable',
};

/** Renders an error with its status, the message and links to carry on. */
export function ErrorPage({ status, message }: { status: number; message: string }) {
  const title = TITLES[status] ?? 'Something went wrong';
  return (
    <Layout title={title}>
      <section class="error-page">
        <p class="code">{status}</p>
        <h1>{title}</h1>
        <p>{message}</p>
        <p>
          <a href="/">Go to today's papers</a>
        </p>
      </section>
    </Layout>
  );
}
