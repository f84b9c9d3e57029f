/**
 * `paperboy admin create <email>`: make the first admin (or promote an existing account). They
 * then sign in with an emailed link to that address.
 */
import type { Command } from 'commander';
import { createAdmin } from '../../../core/community/accounts.ts';
import { addConfigOptions, commandSetup, withContainer } from '../context.ts';
import type { CliIo } from '../io.ts';

export function registerAdmin(program: Command, io: CliIo): void {
  const admin = program.command('admin').description('Manage accounts from the command line');
  addConfigOptions(admin.command('create <email>'))
    .description('Create an admin account for <email>, or make that account an admin')
    .action(async (email: string, _opts, command: Command) => {
      const { config, log } = commandSetup(io, command);
      const { user, created } = await withContainer(config, log, (c) =>
        createAdmin(c.community, email),
      );
      io.out(
        `${created ? 'Created' : 'Promoted'} @${user.handle} <${user.email}> as admin. Sign in at ${config.baseUrl}/signin with that address.`,
      );
    });
  admin.commands.forEach((c) => {
    c.exitOverride();
  });
}
