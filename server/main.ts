// The `guanxi` command's entry point: checks the Node version and prepares module loading before
// any other module is imported (static imports would all be loaded first), then runs the CLI.
import { installDrizzleResolution } from './platform/drizzle-resolution.ts';

// The project pins Node 24 (the `node` package); an older Node cannot run the TypeScript sources.
const nodeMajor = Number(process.versions.node.split('.')[0]);
if (nodeMajor < 24) {
  console.error(`Guanxi needs Node.js 24 or newer, but this is ${process.version}. Run it with \`npm start\` or ./bin/guanxi, which use the Node that \`npm install\` brings.`);
  process.exit(1);
}
installDrizzleResolution();
await import('./cli.ts');
