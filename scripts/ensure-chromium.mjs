// The browser tests drive Debian's Chromium (never a downloaded browser). On a fresh machine this
// installs it, with a Khmer font so pages render as users see them, when it can (root with
// apt-get); otherwise it says what to install. Quiet when everything is there.
import { execSync } from 'node:child_process';
import { existsSync } from 'node:fs';

const chromium = process.env.CHROMIUM_PATH || '/usr/bin/chromium';
const hasKhmerFont = () => {
  try {
    return execSync('fc-list :lang=km family', { encoding: 'utf8' }).trim().length > 0;
  } catch {
    return false;
  }
};

if (existsSync(chromium) && hasKhmerFont()) process.exit(0);
const canInstall = process.getuid?.() === 0 && existsSync('/usr/bin/apt-get');
if (!canInstall) {
  if (!existsSync(chromium)) {
    process.stderr.write(
      `The browser tests need Chromium at ${chromium}: install Debian's "chromium" package (and "fonts-khmeros").\n`,
    );
    process.exit(1);
  }
  process.exit(0);
}
process.stderr.write(
  "Installing Debian's chromium and fonts-khmeros for the browser tests (once)...\n",
);
execSync(
  'apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq chromium fonts-khmeros',
  { stdio: ['ignore', 'ignore', 'inherit'] },
);
