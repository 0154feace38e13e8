/**
 * What the documents service and its tests need on the machine: Debian's `chromium`, fonts with
 * every Vietnamese letter in a Times-metric serif (`fonts-liberation2`, `fonts-croscore`; the older
 * `fonts-liberation` lacks many), and for the tests poppler (`pdftotext`, `pdffonts`, `pdftoppm`).
 * Installed with apt when run as root and missing; otherwise a clear message of what to install.
 * CHROMIUM_PATH overrides where Chromium is.
 */
import { execFileSync } from 'node:child_process';
import { existsSync } from 'node:fs';

function which(cmd: string): string | undefined {
  try {
    return execFileSync('sh', ['-c', `command -v ${cmd}`], { encoding: 'utf8' }).trim() || undefined;
  } catch {
    return undefined;
  }
}

function hasFont(family: string): boolean {
  try {
    return execFileSync('fc-list', [`:family=${family}`], { encoding: 'utf8' }).trim().length > 0;
  } catch {
    return false;
  }
}

interface Need {
  what: string;
  pkg: string;
  present: () => boolean;
}

const CHROMIUM: Need = {
  what: 'Chromium',
  pkg: 'chromium',
  present: () =>
    process.env.CHROMIUM_PATH ? existsSync(process.env.CHROMIUM_PATH) : Boolean(which('chromium')),
};
const FONTS: Need[] = [
  {
    what: 'Liberation Serif 2 (Vietnamese-complete)',
    pkg: 'fonts-liberation2',
    present: () => hasFont('Liberation Serif'),
  },
  { what: 'Tinos (Croscore)', pkg: 'fonts-croscore', present: () => hasFont('Tinos') },
];
const POPPLER: Need = {
  what: 'poppler (pdftotext, pdffonts)',
  pkg: 'poppler-utils',
  present: () => Boolean(which('pdffonts')),
};

/**
 * Makes sure Chromium and the fonts (and poppler when `forTests`) are there. Answers a message
 * when something is missing and cannot be installed (not root, no apt): the caller decides
 * whether that stops it (tests) or only the documents service is left out (`npm start`).
 */
export function ensureChromium(log: (m: string) => void, forTests = false): string | undefined {
  const needs = [CHROMIUM, ...FONTS, ...(forTests ? [POPPLER] : [])];
  let missing = needs.filter((n) => !n.present());
  if (missing.length === 0) return undefined;
  if (process.getuid?.() === 0 && which('apt-get') && !process.env.CHROMIUM_PATH) {
    const pkgs = missing.map((n) => n.pkg);
    log(`installing ${pkgs.join(', ')} (apt-get install)`);
    const env = { ...process.env, DEBIAN_FRONTEND: 'noninteractive' };
    try {
      execFileSync('apt-get', ['install', '-y', '-q', '--no-install-recommends', ...pkgs], {
        stdio: 'ignore',
        env,
      });
    } catch {
      execFileSync('apt-get', ['update', '-q'], { stdio: 'ignore', env });
      execFileSync('apt-get', ['install', '-y', '-q', '--no-install-recommends', ...pkgs], {
        stdio: 'ignore',
        env,
      });
    }
    missing = needs.filter((n) => !n.present());
    if (missing.length === 0) return undefined;
  }
  return (
    `missing for the documents service: ${missing.map((n) => n.what).join(', ')}. ` +
    `Install them (Debian/Ubuntu: sudo apt-get install ${missing.map((n) => n.pkg).join(' ')})` +
    (missing.includes(CHROMIUM) ? ', or set CHROMIUM_PATH to a Chromium binary' : '')
  );
}
