import { execFileSync } from 'node:child_process';
import { existsSync } from 'node:fs';

/** Debian's `chromium` unless CHROMIUM_PATH says otherwise; a clear error when there is none. */
export function chromiumPath(configured?: string): string {
  if (configured) {
    if (!existsSync(configured)) throw new Error(`CHROMIUM_PATH=${configured} does not exist`);
    return configured;
  }
  for (const name of ['chromium', 'chromium-browser', 'google-chrome']) {
    try {
      const p = execFileSync('sh', ['-c', `command -v ${name}`], { encoding: 'utf8' }).trim();
      if (p) return p;
    } catch {
      /* not on PATH */
    }
  }
  if (existsSync('/usr/bin/chromium')) return '/usr/bin/chromium';
  throw new Error(
    "No Chromium found: install Debian's chromium, fonts-liberation2 and fonts-croscore " +
      '(apt-get install -y chromium fonts-liberation2 fonts-croscore), or set CHROMIUM_PATH',
  );
}
