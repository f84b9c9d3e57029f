/**
 * One alert's relevance threshold and include/exclude keywords, behind the manage link (no
 * account needed), with what yesterday's digest would have held at the values shown.
 */
import { describe } from '../../../core/digests/describe-subscription.ts';
import type { Subscription } from '../../../core/digests/model.ts';
import type { AlertPreview } from '../../../core/digests/preview-alert.ts';
import { DigestSettingsForm, type DigestSettingValues } from '../components/digest-settings.tsx';
import { Layout } from '../layout.tsx';

export interface AlertSettingsPageProps {
  token: string;
  subscription: Subscription;
  values: DigestSettingValues;
  preview: AlertPreview | null;
  error?: string | undefined;
  message?: string | undefined;
}

export function AlertSettingsPage(props: AlertSettingsPageProps) {
  const { token, subscription: s } = props;
  const path = `/email/manage/${token}/alert/${s.id}`;
  return (
    <Layout title="Relevance and keywords">
      <section class="narrow">
        <h1>Relevance and keywords</h1>
        <p class="subtitle">
          For {describe(s)} · <a href={`/email/manage/${token}`}>all your subscriptions</a>
        </p>
        {props.message && (
          <p class="notice" role="status">
            {props.message}
          </p>
        )}
        <DigestSettingsForm
          previewAction={path}
          saveAction={path}
          values={props.values}
          preview={props.preview}
          error={props.error}
          saveLabel="Save for this alert"
        />
      </section>
    </Layout>
  );
}
