/**
 * Everything the community use cases need, built once by the container: the community ports,
 * the paper repo, mail, the clock and the community settings.
 */
import type { Clock } from '../clock.ts';
import type { Logger } from '../logger.ts';
import type { Mailer } from '../mail/ports.ts';
import type { Paper } from '../papers/model.ts';
import type { PaperFetcher, PaperRepo } from '../papers/ports.ts';
import type { SubmissionRules } from './model.ts';
import type {
  ApiTokenRepo,
  AuditLog,
  AuthorIndex,
  CollectionRepo,
  CommentRepo,
  LoginTokenRepo,
  MarkdownRenderer,
  PendingActionRepo,
  SessionRepo,
  StatsRepo,
  SubmissionRepo,
  TrendingRepo,
  UserRepo,
  VoteRepo,
} from './ports.ts';

export interface CommunitySettings {
  /** Public URL of the instance (links in mails and feeds), without a trailing slash. */
  baseUrl: string;
  /** Time zone of feed days (submissions land on today's day there). */
  feedTimeZone: string;
  /** Minutes a sign-in link stays valid. Default 15. */
  magicLinkMinutes: number;
  /** Days a session lasts. Default 30. */
  sessionDays: number;
  submission: SubmissionRules;
  /** `minPapers`: fewest papers the window holds (it reaches back further when thinner). */
  trending: { gravity: number; windowDays: number; minPapers: number };
}

export interface CommunityContext {
  users: UserRepo;
  sessions: SessionRepo;
  apiTokens: ApiTokenRepo;
  loginTokens: LoginTokenRepo;
  pendingActions: PendingActionRepo;
  votes: VoteRepo;
  stats: StatsRepo;
  trending: TrendingRepo;
  comments: CommentRepo;
  submissions: SubmissionRepo;
  collections: CollectionRepo;
  audit: AuditLog;
  authors: AuthorIndex;
  markdown: MarkdownRenderer;
  papers: PaperRepo;
  /** Looks up papers at arXiv for submissions of papers not stored yet (null: store only). */
  fetcher: PaperFetcher | null;
  /** Stores papers fetched from the source and queues them for embedding, in one transaction. */
  storeFetched: (papers: Paper[]) => Promise<unknown>;
  mailer: Mailer;
  clock: Clock;
  log: Logger;
  settings: CommunitySettings;
}
