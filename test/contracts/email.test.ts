// The email side's contracts (subscriptions, the digest ledger and its delivery records), on each engine.
import { digestsContract } from './digests.contract.ts';
import { runContract } from './run-contract.ts';
import { subscriptionsContract } from './subscriptions.contract.ts';

await runContract('SubscriptionRepo', subscriptionsContract);
await runContract('Digest ledger, outcomes, bounces and send lock', digestsContract);
