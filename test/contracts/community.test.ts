// The community's contracts (accounts, votes, comments, submissions, collections, audit log), on each engine.
import { accountsContract } from './accounts.contract.ts';
import { runContract } from './run-contract.ts';
import { votesContract } from './votes.contract.ts';

await runContract('Accounts', accountsContract);
await runContract('Votes and trending', votesContract);
