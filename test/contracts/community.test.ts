// The community's contracts (accounts, votes, comments, submissions, collections, audit log), on each engine.
import { accountsContract } from './accounts.contract.ts';
import { auditLogContract } from './audit-log.contract.ts';
import { collectionsContract } from './collections.contract.ts';
import { commentsContract } from './comments.contract.ts';
import { runContract } from './run-contract.ts';
import { submissionsContract } from './submissions.contract.ts';
import { votesContract } from './votes.contract.ts';

await runContract('Accounts', accountsContract);
await runContract('Votes and trending', votesContract);
await runContract('CommentRepo', commentsContract);
await runContract('SubmissionRepo', submissionsContract);
await runContract('CollectionRepo', collectionsContract);
await runContract('AuditLog', auditLogContract);
