// Runs before the root scripts (dev, test, build, start, bench): stops with the exact fix when
// the Node.js that npm scripts find is older than the project's floor. On Linux x64/arm64 npm
// installs Node 24 with the project (an optional dependency, first on PATH in npm scripts);
// elsewhere the machine's own Node must be new enough.
import { buildPackage, floor, installedBinary, meetsFloor } from "./node-builds.mjs";

const running = process.version;
if (!meetsFloor(running)) {
  const ours = buildPackage();
  const fix =
    ours && !installedBinary(ours)
      ? `npm did not install ${ours}, the project's own Node.js. Run \`npm install\` again ` +
        "(without --omit=optional or --no-optional), then retry."
      : ours
        ? `${ours} is installed but not first on PATH: run the command through npm (\`npm run …\`, \`npm exec -- …\`).`
        : `npm brings no Node.js build for ${process.platform}-${process.arch}: install Node.js 24 LTS ` +
          `(or ${floor.text}+) with your version manager, then retry.`;
  process.stderr.write(`Latchkey needs Node.js ${floor.text} or newer (24 LTS recommended); this is ${running}.\n${fix}\n`);
  process.exit(1);
}
