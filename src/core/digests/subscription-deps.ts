/**
 * What the subscription use cases (subscribe, confirm, unsubscribe, manage) need, wired once in
 * the container and passed to each.
 */
import type { Clock } from '../clock.ts';
import type { Logger } from '../logger.ts';
import type { Mailer } from '../mail/ports.ts';
import type { Links } from './links.ts';
import type { AlertSource, SubscriptionRepo } from './ports.ts';

export interface SubscriptionDeps {
  subscriptions: SubscriptionRepo;
  alerts: AlertSource;
  mailer: Mailer;
  links: Links;
  clock: Clock;
  log: Logger;
  /** Time zone when the subscriber's is unknown (the feed's). */
  defaultTimeZone: string;
}
