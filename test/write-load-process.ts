/**
 * A separate process that writes to a store without pause, for the backup-under-load test:
 *   node --import tsx test/write-load-process.ts <store file>
 * Each transaction inserts a pair of rows (i, 0) and (i, 1) in table load_pairs, so any
 * consistent copy holds only whole pairs. Prints "ready" after 200 commits, keeps writing until
 * its stdin closes, then prints the number of pairs written.
 */
import Database from 'better-sqlite3';

const [file = ''] = process.argv.slice(2);
const db = new Database(file);
db.pragma('journal_mode = WAL');
db.pragma('busy_timeout = 5000');
db.exec('CREATE TABLE IF NOT EXISTS load_pairs (i INTEGER NOT NULL, half INTEGER NOT NULL)');
const insert = db.prepare('INSERT INTO load_pairs (i, half) VALUES (?, ?)');
const pair = db.transaction((i: number) => {
  insert.run(i, 0);
  insert.run(i, 1);
});
let stop = false;
process.stdin.on('end', () => {
  stop = true;
});
process.stdin.resume();
let i = 0;
const loop = () => {
  for (let k = 0; k < 20 && !stop; k++) pair(++i);
  if (i === 200) process.stdout.write('ready\n');
  if (stop) {
    process.stdout.write(`pairs ${i}\n`);
    db.close();
    process.exit(0);
  }
  setImmediate(loop);
};
loop();
