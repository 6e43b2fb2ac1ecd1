import { execFileSync } from 'node:child_process';

/** The browser tests run against the extension as it is built for release, built fresh. */
export default function setup() {
  execFileSync('npx', ['wxt', 'build'], { stdio: 'inherit' });
  execFileSync('npx', ['wxt', 'build', '-b', 'firefox'], { stdio: 'inherit' });
}
