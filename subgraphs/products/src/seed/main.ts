import { runSeedCli } from './cli.js';

// node dist/seed/main.js [--products N] [--quiet]
process.exitCode = await runSeedCli(process.argv.slice(2), process.env);
