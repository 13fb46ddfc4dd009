import { runCli } from './cli/run';

// `npm run cli -- <command>`: the same core the desktop app uses (CLI.md).
process.exitCode = await runCli(process.argv.slice(2));
