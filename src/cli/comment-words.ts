import { parseArgs } from 'node:util';
import { loadConfig } from '../config';
import { migrateToLatest } from '../db/migrate';
import { openCliDatabase, runCommand } from './command';
import { listWords, removeWords, upsertWords } from '../comments/words';
import { commentsDb } from '../comments/tables';

// `npm run comment-words -- list | add <word…> --level banned|suspect [--literal] | remove <word…>`:
// the comment word filter's lists (the same as the admins' setCommentWords/removeCommentWords).

const USAGE = `Usage:
  npm run comment-words -- list                        the lists, banned first
  npm run comment-words -- add <word>… --level <banned|suspect> [--literal]
                                                       add words or change their level (--literal: the word also has an
                                                       innocent meaning; written plainly it is only held)
  npm run comment-words -- remove <word>…              take words off the lists`;

async function main(argv: string[]): Promise<number> {
  const { positionals, values } = parseArgs({
    args: argv,
    allowPositionals: true,
    options: { level: { type: 'string' }, literal: { type: 'boolean' } },
  });
  const [command, ...words] = positionals;
  const level = values.level;
  if (!command || !['list', 'add', 'remove'].includes(command) || (command !== 'list' && words.length === 0)) {
    console.error(USAGE);
    return 2;
  }
  if (command === 'add' && level !== 'banned' && level !== 'suspect') {
    console.error(`"add" needs --level banned or --level suspect.\n\n${USAGE}`);
    return 2;
  }
  const database = await openCliDatabase(loadConfig());
  try {
    await migrateToLatest(database.db);
    const db = commentsDb(database.db);
    if (command === 'add') {
      await upsertWords(
        db,
        words.map((word) => ({ word, level: level as 'banned' | 'suspect', literal: values.literal ?? false })),
      );
      console.log(`Added or updated ${words.length} word(s) as ${level}. Running Kabar processes use them within 10 seconds.`);
    } else if (command === 'remove') {
      console.log(`Removed ${await removeWords(db, words)} of ${words.length} word(s).`);
    } else {
      for (const w of await listWords(db)) console.log(`${w.level}\t${w.word}${w.literal ? '\t(literal)' : ''}`);
    }
    return 0;
  } finally {
    await database.close();
  }
}

runCommand(() => main(process.argv.slice(2)));
